/**
 * The presentation relay end to end over HTTP: open, encrypt, upload once, fetch once,
 * verify against the relay's challenge and domain, and refuse replays (BAD-INPUTS #24, #27).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPresentation, signPresentation } from '../../shared/index.js';
import { buildRelayUrl, createRelayKey, decryptFromRelay, encryptForRelay, parseRelayUrl } from '../../shared/relay/index.js';
import { NOW } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { curatedWorld, openTestStore, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import { testStoreIsPostgres } from '../helpers/pg-run.js';
import { raceGate } from '../helpers/race-gate.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let held: Record<string, unknown>;

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock: testClock() });
  held = await world.issue({ holder: world.holder.did });
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

async function signedFor(challenge: string, domain: string) {
  return signPresentation(buildPresentation({ holder: world.holder.did, credentials: [held, world.accreditations[0]] }), {
    signer: world.holder.signer, documentLoader: world.documentLoader, now: NOW, challenge, domain,
  });
}

describe('presentation relay', () => {
  it('open → encrypt → upload → fetch once → verify; replay refused', async () => {
    const opened = await postJson(`${verifier.url}/relay`, undefined);
    expect(opened.status).toBe(201);
    const { id, challenge, domain, uploadUrl } = opened.body;
    expect(domain).toBe(verifier.url);
    const vp = await signedFor(challenge, domain);
    const key = createRelayKey();
    const blob = await encryptForRelay(vp, id, key);
    const qr = buildRelayUrl(verifier.url, id, key);
    expect(qr.length).toBeLessThan(120);
    expect(JSON.stringify(vp).length).toBeGreaterThan(4000);

    const put = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(blob) });
    expect(put.status).toBe(200);
    const again = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(blob) });
    expect(again.status).toBe(409);

    // The page side: read the QR, fetch the blob once, decrypt.
    const link = parseRelayUrl(qr, [verifier.url]);
    const got = await fetch(`${verifier.url}/relay/${link.id}/blob`);
    expect(got.status).toBe(200);
    const fetched = await got.json() as { ciphertext: string; iv: string; challenge: string; domain: string };
    expect(fetched.challenge).toBe(challenge);
    expect((await fetch(`${verifier.url}/relay/${link.id}/blob`)).status).toBe(404);
    const decrypted = JSON.parse(await decryptFromRelay(fetched, link.id, link.key));

    const options = { challenge: fetched.challenge, domain: fetched.domain };
    const r = await postJson(`${verifier.url}/presentations/verify`, { verifiablePresentation: decrypted, options });
    expect(r.body.error).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.relayId).toBe(id);
    expect(r.body.credentials).toHaveLength(1);
    expect(r.body.credentials[0].verified).toBe(true);

    // The same presentation again (a photographed screen, a captured request): refused.
    const replay = await postJson(`${verifier.url}/presentations/verify`, { verifiablePresentation: decrypted, options });
    expect(replay.status).toBe(422);
    expect(replay.body.checks.find((c: { id: string }) => c.id === 'challenge')).toMatchObject({ status: 'failed', code: 'CHALLENGE_MISMATCH', details: { reason: 'used' } });
  });

  it('on PostgreSQL, a blob fetched through two instances at once is handed out once (the lock holds across instances)', async (ctx) => {
    if (!testStoreIsPostgres()) return ctx.skip();
    const { id } = (await postJson(`${verifier.url}/relay`, undefined)).body;
    const put = await fetch(`${verifier.url}/relay/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ciphertext: 'A'.repeat(64), iv: 'B'.repeat(16) }) });
    expect(put.status).toBe(200);
    // Two more instances on the same data; the delete that hands the blob out is held back
    // until both have read the relay (test/helpers/race-gate.ts).
    const gate = raceGate((c, k) => c === 'relay' && k === id, 2);
    const twins = [
      await startVerifier({ world, issuer, clock: testClock(), store: gate.wrap(await openTestStore(verifier.dataDir)) }),
      await startVerifier({ world, issuer, clock: testClock(), store: gate.wrap(await openTestStore(verifier.dataDir)) }),
    ];
    try {
      const takes = await Promise.all(twins.map((t) => fetch(`${t.url}/relay/${id}/blob`)));
      expect(takes.map((r) => r.status).sort()).toEqual([200, 404]);
    } finally {
      for (const t of twins) await t.close();
    }
  });

  it('a blob cannot be moved to another relay id (the id is bound as AES-GCM data)', async () => {
    const a = (await postJson(`${verifier.url}/relay`, undefined)).body;
    const b = (await postJson(`${verifier.url}/relay`, undefined)).body;
    const key = createRelayKey();
    const blob = await encryptForRelay({ hello: 'x' }, a.id, key);
    await expect(decryptFromRelay(blob, b.id, key)).rejects.toMatchObject({ code: 'RELAY_DECRYPT_FAILED' });
  });

  it('refuses a presentation for another domain or without a challenge; a challenge not issued here is the caller\'s own', async () => {
    const issued = (await postJson(`${verifier.url}/challenges`, undefined)).body;
    const wrongDomain = await signedFor(issued.challenge, 'https://elsewhere.example');
    let r = await postJson(`${verifier.url}/presentations/verify`, { verifiablePresentation: wrongDomain, options: { challenge: issued.challenge } });
    expect(r.status).toBe(422);
    expect(r.body.checks.find((c: { id: string }) => c.id === 'domain').code).toBe('DOMAIN_MISMATCH');

    const own = await signedFor('made-up-challenge-0123456789', verifier.url);
    // VC API: a client may manage its own challenge; it is checked against the proof, never
    // consumed here, and the answer names no relay (test/verifier/presentations-vc-api.test.ts).
    r = await postJson(`${verifier.url}/presentations/verify`, { verifiablePresentation: own, options: { challenge: 'made-up-challenge-0123456789' } });
    expect(r.status).toBe(200);
    expect(r.body.checks.find((c: { id: string }) => c.id === 'challenge').details.issuedBy).toBe('caller');
    expect(r.body.relayId).toBeUndefined();

    r = await postJson(`${verifier.url}/presentations/verify`, { verifiablePresentation: own });
    expect(r.status).toBe(422);
    expect(r.body.error.check).toBe('challenge');
  });

  it('an expired relay is gone', async () => {
    const clock = testClock();
    const v2 = await startVerifier({ world, issuer, clock, settings: { relayTtlSeconds: 60 } });
    try {
      const { id, uploadUrl } = (await postJson(`${v2.url}/relay`, undefined)).body;
      const blob = await encryptForRelay({ x: 1 }, id, createRelayKey());
      expect((await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(blob) })).status).toBe(200);
      clock.advance(61);
      expect((await fetch(`${v2.url}/relay/${id}/blob`)).status).toBe(404);
    } finally {
      await v2.close();
    }
  });

  it('refuses malformed uploads', async () => {
    const { uploadUrl } = (await postJson(`${verifier.url}/relay`, undefined)).body;
    const bad = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ciphertext: '<script>', iv: 'short' }) });
    expect(bad.status).toBe(400);
    expect((await fetch(`${verifier.url}/relay/not-an-id/blob`)).status).toBe(404);
  });
});

describe('parseRelayUrl (BAD-INPUTS #27)', () => {
  const origin = 'https://verifier.example';
  const id = 'AAAAAAAAAAAAAAAAAAAAAA';
  const key = 'B'.repeat(43);
  it('accepts our own link', () => {
    expect(parseRelayUrl(`${origin}/p/${id}#${key}`, [origin])).toEqual({ origin, id, key });
  });
  it.each([
    ['javascript:', `javascript:alert(1)//${origin}/p/${id}#${key}`],
    ['a foreign origin', `https://evil.example/p/${id}#${key}`],
    ['a truncated key', `${origin}/p/${id}#${key.slice(0, 30)}`],
    ['no key', `${origin}/p/${id}`],
    ['a query string', `${origin}/p/${id}?x=1#${key}`],
    ['a long id', `${origin}/p/${id}AAAA#${key}`],
    ['oversized', `${origin}/p/${id}#${key}${'A'.repeat(400)}`],
    ['credentials in the URL', `https://user:pw@verifier.example/p/${id}#${key}`],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
  ])('refuses %s', (_name, text) => {
    expect(() => parseRelayUrl(text, [origin])).toThrow(expect.objectContaining({ code: 'RELAY_URL_INVALID' }));
  });
});
