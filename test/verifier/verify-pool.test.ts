/**
 * The verification pool gives the verdicts of the main thread: the same result objects over
 * HTTP for a valid credential, the negative rows (signature, terms, contexts, key, expiry,
 * status index, refused fetch, unknown DID), a revoked one and a presentation. Two
 * verifiers on the same stand-in issuer: one runs the pipeline on its thread, one in its pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPresentation, signPresentation } from '../../shared/index.js';
import type { World } from '../fixtures/world.js';
import { curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

type VC = Record<string, unknown> & { proof: Record<string, unknown>; credentialSubject: Record<string, unknown> };

let world: World;
let issuer: StandInIssuer;
let plain: RunningVerifier;
let pooled: RunningVerifier;
let valid: VC;

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  const clock = testClock();
  plain = await startVerifier({ world, issuer, clock, settings: { cacheRefreshSeconds: 0 } });
  pooled = await startVerifier({ world, issuer, clock, settings: { cacheRefreshSeconds: 0 }, verifyWorkers: 2 });
  valid = (await world.issue()) as VC;
});

afterAll(async () => {
  await pooled?.close();
  await plain?.close();
  await issuer?.stop();
});

const clone = (): VC => structuredClone(valid);

const rows: Array<[string, () => Promise<unknown> | unknown]> = [
  ['a valid credential', () => valid],
  ['a signed value changed', () => { const v = clone(); (v.issuer as VC).name = 'Lembaga Palsu'; return v; }],
  ['an undefined property added', () => { const v = clone(); v.credentialSubject.nilaiRahasia = 100; return v; }],
  ['an unknown context URL', () => { const v = clone(); (v['@context'] as string[])[1] = 'https://evil.example/ob.json'; return v; }],
  ['the attacker signs as the curated provider', () => world.issue({ signer: world.attacker.signer })],
  ['validUntil in the past', () => world.issue({ mutate: (v) => { v.validUntil = '2026-05-30T00:00:00Z'; } })],
  ['a status list at a link-local address', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListCredential = 'http://169.254.169.254/latest/meta-data'; } })],
  ['an issuer LAN has not curated', () => world.issue({ issuer: world.uncurated })],
  ['Ed25519Signature2020', () => world.issue({ suite: 'Ed25519Signature2020' })],
];

describe('verification pool', () => {
  it.each(rows)('%s: the pool answers exactly what the main thread answers', async (_name, make) => {
    const vc = await make();
    const a = await postJson(`${plain.url}/credentials/verify`, { verifiableCredential: vc });
    const b = await postJson(`${pooled.url}/credentials/verify`, { verifiableCredential: vc });
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
  });

  it('a revoked credential: revoked in the pool too', async () => {
    const vc = await world.issue({ index: 903, mutate: (v) => { v.id = 'urn:uuid:0b1c2d3e-4f50-4617-8293-a4b5c6d7e903'; } });
    await world.setStatus('revocation', world.provider, 903, true);
    const a = await postJson(`${plain.url}/credentials/verify`, { verifiableCredential: vc });
    const b = await postJson(`${pooled.url}/credentials/verify`, { verifiableCredential: vc });
    expect(a.body.error.code).toBe('CREDENTIAL_REVOKED');
    expect(b.body).toEqual(a.body);
  });

  it('a presentation: holder, challenge, domain and both credentials checked in the pool', async () => {
    const held = await world.issue({ holder: world.holder.did });
    const present = async (v: RunningVerifier) => {
      const issued = (await postJson(`${v.url}/challenges`, {})).body as { challenge: string; domain: string };
      const vp = await signPresentation(buildPresentation({ holder: world.holder.did, credentials: [held, world.accreditations[0]!] }), {
        signer: world.holder.signer, documentLoader: world.documentLoader, now: testClock().now(), challenge: issued.challenge, domain: issued.domain,
      });
      return postJson(`${v.url}/presentations/verify`, { verifiablePresentation: vp, options: { challenge: issued.challenge } });
    };
    const a = await present(plain);
    const b = await present(pooled);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    // The challenge and domain differ per verifier; everything else is the same.
    const strip = (body: unknown) => JSON.parse(JSON.stringify(body).replaceAll(plain.url, 'V').replaceAll(pooled.url, 'V')) as unknown;
    expect(strip(b.body)).toEqual(strip(a.body));
    expect(b.body.credentials[0].verified).toBe(true);
  });
});
