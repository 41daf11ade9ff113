/**
 * Revocation reaches HR when it matters (issue 7, item 2): every verification a person or
 * client acts on, and recording JP, revalidates the status list with the issuer now
 * (If-None-Match: an unchanged list costs a 304), however long CACHE_REFRESH_SECONDS is.
 * Only when the issuer is unreachable is the cached copy used, and its age is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_INPUT } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let officer: string;
const clock = testClock();
const NIP = SAMPLE_INPUT.learner.nip;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(username: string, password: string): Promise<string> {
  return (await postJson(`${verifier.url}/auth/login`, { username, password })).body.token;
}

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  // A long refresh interval: before the fix, a revocation stayed unseen for this long.
  verifier = await startVerifier({ world, issuer, clock, settings: { cacheRefreshSeconds: 3600, maxStatusAgeSeconds: 86_400 } });
  const created = await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'bkn-segar', name: 'Instansi' }, admin: { username: 'admin.segar', password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
  const admin = await login('admin.segar', 'correct horse battery staple');
  await postJson(`${verifier.url}/users`, { username: 'petugas.segar', password: 'another long password', displayName: 'Petugas' }, auth(admin));
  officer = await login('petugas.segar', 'another long password');
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

const statusOf = (body: { checks: Array<{ id: string; code: string; details?: Record<string, unknown> }> }) => body.checks.find((c) => c.id === 'status')!;

describe('fresh status when HR decides', () => {
  it('a revocation is seen by the very next check, within the cache interval', async () => {
    const vc = await world.issue({ index: 501 });
    const first = await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
    expect(statusOf(first.body).code).toBe('STATUS_ACTIVE');

    clock.advance(5);
    await world.setStatus('revocation', world.provider, 501, true);
    const after = await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
    expect(after.status).toBe(422);
    expect(statusOf(after.body).code).toBe('CREDENTIAL_REVOKED');
  });

  it('recording JP right after a revocation is refused', async () => {
    const vc = await world.issue({ index: 502 });
    expect((await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc })).status).toBe(200);
    await world.setStatus('revocation', world.provider, 502, true);
    const r = await postJson(`${verifier.url}/recognitions`, { verifiableCredential: vc, nip: NIP }, auth(officer));
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('CREDENTIAL_NOT_VERIFIED');
    expect(r.body.details.error.code).toBe('CREDENTIAL_REVOKED');
  });

  it('an unchanged list is revalidated cheaply: the issuer answers 304', async () => {
    const vc = await world.issue({ index: 503 });
    await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
    const before = issuer.statusAnswers.length;
    const again = await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
    expect(again.status).toBe(200);
    const answers = issuer.statusAnswers.slice(before);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => a.status === 304)).toBe(true);
    expect(statusOf(again.body).details?.lists).toEqual(expect.arrayContaining([expect.objectContaining({ ageSeconds: 0 })]));
  });

  it('with the issuer unreachable the cached copy is used, and its age is shown', async () => {
    const vc = await world.issue({ index: 504 });
    await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
    await issuer.stop();
    try {
      clock.advance(120);
      const r = await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
      expect(r.status).toBe(200);
      expect(statusOf(r.body).details?.lists).toEqual(expect.arrayContaining([expect.objectContaining({ ageSeconds: 120 })]));
    } finally {
      await issuer.start();
    }
  });
});
