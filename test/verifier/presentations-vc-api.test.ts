/**
 * Presentations per the VC API over real HTTP (issue 8): a client's own `options.challenge`
 * and `options.domain` are checked against the proof; a challenge this verifier issued is
 * consumed once and binds the domain to the verifier (the relay's binding); an unsigned
 * presentation verifies its credentials, says the holder is not proven, and the ledger
 * refuses it with a stable code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPresentation, signPresentation } from '../../shared/index.js';
import { NOW } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
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

const CLIENT_CHALLENGE = 'a1b2c3d4-client-managed';
const CLIENT_DOMAIN = 'https://hr.agency.example';
type Check = { id: string; status: string; code: string; details?: Record<string, unknown> };
const check = (body: { checks: Check[] }, id: string) => body.checks.find((c) => c.id === id)!;

async function signedFor(challenge: string, domain?: string) {
  return signPresentation(buildPresentation({ holder: world.holder.did, credentials: [held] }), {
    signer: world.holder.signer, documentLoader: world.documentLoader, now: NOW, challenge, ...(domain ? { domain } : {}),
  });
}

const verify = (vp: unknown, options?: Record<string, unknown>) =>
  postJson(`${verifier.url}/presentations/verify`, { verifiablePresentation: vp, ...(options ? { options } : {}) });

describe('POST /presentations/verify with the caller\'s challenge and domain', () => {
  it('verifies against the caller\'s challenge and domain (not consumed: the caller owns it)', async () => {
    const vp = await signedFor(CLIENT_CHALLENGE, CLIENT_DOMAIN);
    const r = await verify(vp, { challenge: CLIENT_CHALLENGE, domain: CLIENT_DOMAIN });
    expect(r.body.error).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.holderProven).toBe(true);
    expect(check(r.body, 'challenge')).toMatchObject({ status: 'ok', details: { issuedBy: 'caller' } });
    expect(check(r.body, 'domain')).toMatchObject({ status: 'ok', code: 'DOMAIN_OK' });
    expect(r.body.relayId).toBeUndefined();
  });

  it('refuses a proof made for another challenge or another domain than the caller\'s', async () => {
    const vp = await signedFor(CLIENT_CHALLENGE, CLIENT_DOMAIN);
    const otherChallenge = await verify(vp, { challenge: 'another-client-challenge', domain: CLIENT_DOMAIN });
    expect(otherChallenge.status).toBe(422);
    expect(check(otherChallenge.body, 'challenge')).toMatchObject({ status: 'failed', code: 'CHALLENGE_MISMATCH' });
    const otherDomain = await verify(vp, { challenge: CLIENT_CHALLENGE, domain: 'https://elsewhere.example' });
    expect(otherDomain.status).toBe(422);
    expect(check(otherDomain.body, 'domain')).toMatchObject({ status: 'failed', code: 'DOMAIN_MISMATCH' });
  });

  it('a challenge this verifier issued is consumed once and binds this verifier\'s domain', async () => {
    const issued = (await postJson(`${verifier.url}/challenges`, undefined)).body;
    // The caller cannot loosen the binding of our own challenge with a domain of its own.
    const elsewhere = await signedFor(issued.challenge, CLIENT_DOMAIN);
    const refused = await verify(elsewhere, { challenge: issued.challenge, domain: CLIENT_DOMAIN });
    expect(refused.status).toBe(422);
    expect(check(refused.body, 'domain').code).toBe('DOMAIN_MISMATCH');

    const again = (await postJson(`${verifier.url}/challenges`, undefined)).body;
    const vp = await signedFor(again.challenge, verifier.url);
    const first = await verify(vp, { challenge: again.challenge });
    expect(first.status).toBe(200);
    expect(check(first.body, 'challenge')).toMatchObject({ status: 'ok', details: { issuedBy: 'verifier' } });
    const replay = await verify(vp, { challenge: again.challenge });
    expect(replay.status).toBe(422);
    expect(check(replay.body, 'challenge')).toMatchObject({ status: 'failed', details: { reason: 'used' } });
  });

  it('a signed presentation without any challenge is refused', async () => {
    const r = await verify(await signedFor(CLIENT_CHALLENGE, CLIENT_DOMAIN));
    expect(r.status).toBe(422);
    expect(r.body.error.check).toBe('challenge');
  });
});

describe('an unsigned presentation', () => {
  const unsigned = () => buildPresentation({ holder: world.holder.did, credentials: [held] });

  it('verifies its credentials and reports the holder as not proven', async () => {
    const r = await verify(unsigned());
    expect(r.body.error).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.verified).toBe(true);
    expect(r.body.holderProven).toBe(false);
    expect(check(r.body, 'holderKey')).toMatchObject({ status: 'ok', code: 'HOLDER_NOT_PROVEN' });
    expect(check(r.body, 'holder')).toMatchObject({ code: 'HOLDER_NOT_PROVEN' });
    expect(r.body.credentials).toHaveLength(1);
    expect(r.body.credentials[0].verified).toBe(true);
  });

  it('is not verified when a credential in it is not', async () => {
    const tampered = structuredClone(held);
    (tampered.credentialSubject as Record<string, unknown>).id = world.attacker.did;
    const r = await verify(buildPresentation({ holder: world.holder.did, credentials: [tampered] }));
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ check: 'credentials', code: 'CREDENTIAL_NOT_VERIFIED' });
  });

  it('fails when the caller asked for a challenge (that needs the holder\'s proof)', async () => {
    const r = await verify(unsigned(), { challenge: CLIENT_CHALLENGE });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ check: 'challenge', code: 'CHALLENGE_MISSING' });
    expect(r.body.credentials).toHaveLength(0);
  });

  it('is refused by the ledger with a stable code', async () => {
    const created = await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'vpa', name: 'Instansi VP' }, admin: { username: 'admin.vpa', password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
    expect(created.status).toBe(201);
    const token = (await postJson(`${verifier.url}/auth/login`, { username: 'admin.vpa', password: 'correct horse battery staple' })).body.token;
    const headers = { authorization: `Bearer ${token}` };
    const r = await postJson(`${verifier.url}/recognitions`, { verifiablePresentation: unsigned(), nip: '198609262015052001' }, headers);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('PRESENTATION_UNSIGNED');
    const signed = await postJson(`${verifier.url}/recognitions`, { verifiablePresentation: await signedFor(CLIENT_CHALLENGE), nip: '198609262015052001' }, headers);
    expect(signed.status).toBe(422);
    expect(signed.body.code).toBe('PRESENTATION_NOT_RECORDABLE');
  });
});
