/**
 * Cached status with the issuer stopped (BAD-INPUTS #28): the verifier keeps answering
 * from its LevelDB copy, shows how old it is, survives a restart with the issuer still
 * down, and gives `unknown` (not accepted) once the copy is older than the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, SAMPLE_INPUT } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

let world: World;
let issuer: StandInIssuer;
let vc: Record<string, unknown>;
const clock = testClock();
const settings = { cacheRefreshSeconds: 60, maxStatusAgeSeconds: 3600 };
let verifier: RunningVerifier | undefined;

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  vc = await world.issue();
});

afterAll(async () => {
  await verifier?.close();
  await issuer.stop();
});

const statusOf = (body: { checks: Array<{ id: string; status: string; code: string; details?: { lists?: Array<{ ageSeconds: number; fetchedAt: string }> } }> }) =>
  body.checks.find((c) => c.id === 'status')!;

describe('status from cache when the issuer is unreachable', () => {
  it('verifies once with the issuer up', async () => {
    verifier = await startVerifier({ world, issuer, clock, settings });
    const r = await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
    expect(r.status).toBe(200);
    expect(statusOf(r.body).details?.lists?.[0]?.ageSeconds).toBe(0);
  });

  it('with the issuer stopped, still answers from the cache and shows the age', async () => {
    await issuer.stop();
    clock.advance(600);
    const hitsBefore = issuer.hits.length;
    const r = await postJson(`${verifier!.url}/credentials/verify`, { verifiableCredential: vc });
    expect(r.status).toBe(200);
    const status = statusOf(r.body);
    expect(status.code).toBe('STATUS_ACTIVE');
    expect(status.details?.lists?.[0]).toEqual({ purpose: 'revocation', ageSeconds: 600, fetchedAt: NOW.toISOString() });
    expect(issuer.hits.length).toBe(hitsBefore); // nothing reached it
  });

  it('the cache survives a restart of the verifier (same LevelDB folder)', async () => {
    const dataDir = verifier!.dataDir;
    await verifier!.close({ keepData: true });
    verifier = await startVerifier({ world, issuer, clock, settings, dataDir });
    clock.advance(600);
    const r = await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
    expect(r.status).toBe(200);
    expect(statusOf(r.body).details?.lists?.[0]?.ageSeconds).toBe(1200);
  });

  it('once the copy is older than maxStatusAge the status is unknown and the credential is not accepted', async () => {
    clock.advance(3600);
    const r = await postJson(`${verifier!.url}/credentials/verify`, { verifiableCredential: vc });
    expect(r.status).toBe(422);
    const status = statusOf(r.body);
    expect(status.status).toBe('unknown');
    expect(status.code).toBe('STATUS_STALE');
    expect(r.body.verified).toBe(false);
  });

  it('a stale status also keeps the credential out of the ledger (422, as docs/verifier.md says)', async () => {
    const created = await postJson(`${verifier!.url}/admin/agencies`, { agency: { id: 'bkn-basi', name: 'Instansi uji' }, admin: { username: 'admin.bkn-basi', password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
    expect(created.status).toBe(201);
    const token = (await postJson(`${verifier!.url}/auth/login`, { username: 'admin.bkn-basi', password: 'correct horse battery staple' })).body.token as string;
    const r = await postJson(`${verifier!.url}/recognitions`, { verifiableCredential: vc, nip: SAMPLE_INPUT.learner.nip }, { authorization: `Bearer ${token}` });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('CREDENTIAL_NOT_VERIFIED');
    expect(r.body.details.error.code).toBe('STATUS_STALE');
  });

  it('when the issuer is back, a fresh list is fetched and the credential verifies again', async () => {
    await issuer.start();
    const r = await postJson(`${verifier!.url}/credentials/verify`, { verifiableCredential: vc });
    expect(r.status).toBe(200);
    expect(statusOf(r.body).details?.lists?.[0]?.ageSeconds).toBe(0);
  });

  it('with no cached copy at all and the issuer down, status is unknown', async () => {
    await issuer.stop();
    const fresh = await startVerifier({ world, issuer, clock, settings });
    try {
      const r = await postJson(`${fresh.url}/credentials/verify`, { verifiableCredential: vc });
      expect(r.status).toBe(422);
      expect(r.body.verified).toBe(false);
      // The DID document cannot be fetched either: the failure is named, fail closed.
      expect(r.body.error.code).toBe('DID_RESOLUTION_FAILED');
    } finally {
      await fresh.close();
    }
  });
});
