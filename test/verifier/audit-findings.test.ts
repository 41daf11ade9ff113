/**
 * Smaller findings of the outside audit (issue 7 item 5) and BAD-INPUTS rows that had no
 * test: a missing certificate is 404 (not 502), logout checks Origin, an expired
 * challenge fails (row 24), and the API answers 429 with Retry-After above its rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPresentation, signPresentation } from '../../shared/index.js';
import { ORIGIN } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
const clock = testClock();

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock });
  const created = await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'bkn-audit', name: 'Instansi uji' }, admin: { username: 'admin.bkn-audit', password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

describe('audit findings on the verifier', () => {
  it('verify-url: a certificate the issuer does not have → 404 CERTIFICATE_NOT_FOUND (not 502)', async () => {
    const r = await postJson(`${verifier.url}/credentials/verify-url`, { url: `${ORIGIN}/certificates/abcdefgh12345678abcd` });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('CERTIFICATE_NOT_FOUND');
    expect(r.body.message).toMatch(/no certificate/i);
  });

  it('verify-url: an unreachable issuer is still 502 CERTIFICATE_UNREACHABLE', async () => {
    await issuer.stop();
    try {
      const r = await postJson(`${verifier.url}/credentials/verify-url`, { url: `${ORIGIN}/certificates/abcdefgh12345678abcd` });
      expect(r.status).toBe(502);
      expect(r.body.code).toBe('CERTIFICATE_UNREACHABLE');
    } finally {
      await issuer.start();
    }
  });

  it('logout with the session cookie from another Origin is refused (403) and the session survives', async () => {
    const login = await fetch(`${verifier.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin.bkn-audit', password: 'correct horse battery staple' }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const foreign = await fetch(`${verifier.url}/auth/logout`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await fetch(`${verifier.url}/auth/me`, { headers: { cookie } })).status).toBe(200);
    const own = await fetch(`${verifier.url}/auth/logout`, { method: 'POST', headers: { cookie, origin: new URL(verifier.url).origin } });
    expect(own.status).toBe(204);
    expect((await fetch(`${verifier.url}/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('BAD-INPUTS 24: a presentation answering an expired challenge fails the challenge check', async () => {
    const issued = (await postJson(`${verifier.url}/challenges`, {})).body as { challenge: string; domain: string };
    const held = await world.issue({ holder: world.holder.did });
    const sign = (now: Date) => signPresentation(buildPresentation({ holder: world.holder.did, credentials: [held, world.accreditations[0]!] }), {
      signer: world.holder.signer, documentLoader: world.documentLoader, now, challenge: issued.challenge, domain: issued.domain,
    });
    const saved = clock.now();
    clock.advance(verifier.settings.challengeTtlSeconds + 1);
    try {
      // Signed just now, so only the challenge's age is wrong.
      const vp = await sign(clock.now());
      const r = await postJson(`${verifier.url}/presentations/verify`, { verifiablePresentation: vp, options: { challenge: issued.challenge } });
      expect(r.status).toBe(422);
      const check = r.body.checks.find((c: { id: string }) => c.id === 'challenge');
      expect(check.status).toBe('failed');
      expect(check.details.reason).toBe('expired');
    } finally {
      clock.set(saved);
    }
  });

  it('above the API rate: 429 RATE_LIMITED with Retry-After, and nothing is verified', async () => {
    const limited = await startVerifier({ world, issuer, clock, settings: { rateLimitPerMinute: 3 } });
    try {
      const vc = await world.issue();
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await postJson(`${limited.url}/credentials/verify`, { verifiableCredential: vc }));
      expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers[3]!.status).toBe(429);
      expect(answers[3]!.body.code).toBe('RATE_LIMITED');
      expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answers[3]!.body.checks).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});
