import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, call, learningInput, makeWallet, setupProvider, startIssuer, verifyOverHttp } from './helpers.js';
import type { TestIssuer } from './helpers.js';
import { openPgTestStore, testStoreIsPostgres } from '../helpers/pg-run.js';
import type { Collection } from '../../issuer/store/kv.js';
import { raceGate } from '../helpers/race-gate.js';

let issuer: TestIssuer;
let apiKey: string;
let provider: { id: string; did: string };

beforeAll(async () => {
  issuer = await startIssuer();
  const p = await setupProvider(issuer.url, 'pusdiklat-a');
  apiKey = p.apiKey;
  provider = p.provider;
});
afterAll(async () => {
  await issuer.close();
});

describe('curation → issuance → verification', () => {
  it('serves LAN and provider DID documents and the registry with caching headers', async () => {
    const lan = await call(issuer.url, 'GET', '/.well-known/did.json');
    expect(lan.status).toBe(200);
    expect(lan.body.id).toBe(`did:web:${encodeURIComponent(new URL(issuer.url).host)}`);
    const doc = await call(issuer.url, 'GET', '/providers/pusdiklat-a/did.json');
    expect(doc.body.id).toBe(provider.did);
    expect(doc.body.assertionMethod).toHaveLength(1);
    const reg = await call(issuer.url, 'GET', '/registry');
    expect(reg.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(reg.body.accreditations).toHaveLength(1);
    expect(reg.body.accreditations[0].credentialSubject.id).toBe(provider.did);
    const etag = reg.headers.get('etag') ?? '';
    const again = await fetch(`${issuer.url}/registry`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('issues a learning credential that verifies with the shared pipeline (eddsa-rdfc-2022)', async () => {
    const res = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    expect(res.status).toBe(201);
    const vc = res.body.verifiableCredential;
    expect(vc.issuer.id ?? vc.issuer).toBe(provider.did);
    expect(vc.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    expect(JSON.stringify(res.body)).not.toContain('198609262015052001');
    const statuses = vc.credentialStatus as Array<{ statusPurpose: string; statusListIndex: string }>;
    expect(statuses.map((s) => s.statusPurpose).sort()).toEqual(['revocation', 'suspension']);
    const result = await verifyOverHttp(issuer, vc);
    expect(result.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('issues Ed25519Signature2020 on request', async () => {
    const res = await call(issuer.url, 'POST', '/learning-credentials?proofType=Ed25519Signature2020', { token: apiKey, body: learningInput() });
    expect(res.status).toBe(201);
    expect(res.body.verifiableCredential.proof.type).toBe('Ed25519Signature2020');
    expect((await verifyOverHttp(issuer, res.body.verifiableCredential)).verified).toBe(true);
  });

  it('VC API: accepts a VC 2.0 and a VC 1.1 credential whose issuer is the caller', async () => {
    const v2 = {
      credential: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: provider.did,
        credentialSubject: { id: 'did:example:123', name: 'Budi' },
      },
    };
    const r2 = await call(issuer.url, 'POST', '/credentials/issue', { token: apiKey, body: v2 });
    expect(r2.status, JSON.stringify(r2.body)).toBe(201);
    expect(r2.body.verifiableCredential.proof.type).toBe('DataIntegrityProof');
    const v1 = {
      credential: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], issuer: { id: provider.did }, credentialSubject: { id: 'did:example:456' } },
      options: { proofType: 'Ed25519Signature2020' },
    };
    const r1 = await call(issuer.url, 'POST', '/credentials/issue', { token: apiKey, body: v1 });
    expect(r1.status, JSON.stringify(r1.body)).toBe(201);
    expect(r1.body.verifiableCredential.issuanceDate).toBeTypeOf('string');
    expect(r1.body.verifiableCredential.proof.type).toBe('Ed25519Signature2020');
  });

  it('VC API: a caller-chosen id is kept, but may not be reused by the same provider', async () => {
    const body = { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], id: 'urn:uuid:7d1f7a3e-1111-4a2b-9c3d-0123456789ab', type: ['VerifiableCredential'], issuer: provider.did, credentialSubject: { id: 'did:example:789' } } };
    const first = await call(issuer.url, 'POST', '/credentials/issue', { token: apiKey, body });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.verifiableCredential.id).toBe(body.credential.id);
    const before = (await issuer.services.ctx.store.list('credentials')).length;
    const again = await call(issuer.url, 'POST', '/credentials/issue', { token: apiKey, body });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CREDENTIAL_ID_EXISTS');
    expect((await issuer.services.ctx.store.list('credentials')).length).toBe(before);
  });

  it('VC API: 422 for malformed input and undefined terms; 403 for another issuer; nothing stored', async () => {
    const before = (await issuer.services.ctx.store.list('credentials')).length;
    const bad = await call(issuer.url, 'POST', '/credentials/issue', { token: apiKey, body: { credential: { type: ['VerifiableCredential'] }, extra: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['extra', 'credential.@context', 'credential.issuer']));
    const undefinedTerm = await call(issuer.url, 'POST', '/credentials/issue', {
      token: apiKey,
      body: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: provider.did, credentialSubject: { favouriteColour: 'blue' } } },
    });
    expect(undefinedTerm.status).toBe(422);
    const relative = await call(issuer.url, 'POST', '/credentials/issue', {
      token: apiKey,
      body: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: provider.did, credentialSubject: { id: 'relative/path' } } },
    });
    expect(relative.status).toBe(422);
    const other = await call(issuer.url, 'POST', '/credentials/issue', {
      token: apiKey,
      body: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:web:elsewhere.example', credentialSubject: { id: 'did:example:1' } } },
    });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('ISSUER_MISMATCH');
    expect((await issuer.services.ctx.store.list('credentials')).length).toBe(before);
  });

  it('learner fields: 422 names each bad field without echoing the NIP', async () => {
    const res = await call(issuer.url, 'POST', '/learning-credentials', {
      token: apiKey,
      body: learningInput({ learner: { name: 'X', nip: '198613262015051000' }, jp: -1, competency: { type: 'manajerial', code: 'M.99', level: 3 } }),
    });
    expect(res.status).toBe(422);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['learner.nip', 'jp', 'competency.code']));
    expect(JSON.stringify(res.body)).not.toContain('198613262015051000');
  });

  it('idempotency key: a retry returns the same credential; another payload with it is 409', async () => {
    const headers = { 'idempotency-key': 'lms-run-42' };
    const a = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput(), headers });
    const b = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput(), headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body.verifiableCredential).toEqual(a.body.verifiableCredential);
    const c = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput({ jp: 12 }), headers });
    expect(c.status).toBe(409);
  });

  it('revoke and suspend flip the status check; reinstate lifts the suspension', async () => {
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const vc = issued.body.verifiableCredential;
    const status = (s: string) => call(issuer.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: s }] } });
    expect((await status('suspended')).status).toBe(200);
    let r = await verifyOverHttp(issuer, vc);
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'status')?.status).toBe('failed');
    expect((await status('active')).status).toBe(200);
    expect((await verifyOverHttp(issuer, vc)).verified).toBe(true);
    expect((await status('revoked')).status).toBe(200);
    r = await verifyOverHttp(issuer, vc);
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'status')?.code).toMatch(/REVOKED/);
    expect((await status('active')).status).toBe(409);
  });

  it('status lists are signed, ≥131,072 entries, with Cache-Control and ETag', async () => {
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const entry = issued.body.verifiableCredential.credentialStatus[0];
    const list = await call(issuer.url, 'GET', new URL(entry.statusListCredential).pathname);
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toContain('max-age=300');
    expect(list.headers.get('etag')).toBeTruthy();
    expect(list.body.issuer).toBe(provider.did);
    expect(list.body.proof).toBeTruthy();
    const { decodeStatusList } = await import('../../shared/status/bitstring.js');
    expect((await decodeStatusList(list.body.credentialSubject.encodedList)).length * 8).toBeGreaterThanOrEqual(131072);
  });

  it('claim offer: wallet proves its did:key, gets a bound credential sharing the status entries; single use', async () => {
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const offerUrl: string = issued.body.claimOffer.url;
    const path = new URL(offerUrl).pathname;
    const offer = await call(issuer.url, 'GET', path);
    expect(offer.status).toBe(200);
    expect(offer.body.verifiablePresentationRequest.challenge).toBeTypeOf('string');
    const wallet = await makeWallet();
    const vp = await wallet.answer(offer.body, issuer.services.ctx.now());
    const claimed = await call(issuer.url, 'POST', path, { body: { verifiablePresentation: vp } });
    expect(claimed.status).toBe(201);
    const bound = claimed.body.verifiableCredential;
    expect(bound.credentialSubject.id).toBe(wallet.did);
    expect(bound.credentialStatus).toEqual(issued.body.verifiableCredential.credentialStatus);
    expect(claimed.body.accreditation.credentialSubject.id).toBe(provider.did);
    expect((await verifyOverHttp(issuer, bound)).verified).toBe(true);

    const again = await call(issuer.url, 'POST', path, { body: { verifiablePresentation: vp } });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('OFFER_USED');
    expect(again.body.messageId).toMatch(/sudah digunakan/);

    // One revocation revokes both copies.
    await call(issuer.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: bound.id, credentialStatus: [{ status: 'revoked' }] } });
    expect((await verifyOverHttp(issuer, bound)).verified).toBe(false);
    expect((await verifyOverHttp(issuer, issued.body.verifiableCredential)).verified).toBe(false);
  });

  it('claim offer: a wrong challenge is refused and the offer stays usable; concurrent claims succeed once', async () => {
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const path = new URL(issued.body.claimOffer.url).pathname;
    const offer = (await call(issuer.url, 'GET', path)).body;
    const wallet = await makeWallet(11);
    const forged = await wallet.answer({ verifiablePresentationRequest: { ...offer.verifiablePresentationRequest, challenge: 'nope' } }, issuer.services.ctx.now());
    const bad = await call(issuer.url, 'POST', path, { body: forged });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('DID_AUTH_FAILED');
    const vp = await wallet.answer(offer, issuer.services.ctx.now());
    if (!testStoreIsPostgres()) {
      const results = await Promise.all([1, 2, 3].map(() => call(issuer.url, 'POST', path, { body: vp })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 410, 410]);
      return;
    }
    // On PostgreSQL: two more instances on the same data and public URL (each with its own
    // pools and in-process locks) race for the offer. The first claim's write is held back until the offer has
    // been read four times (both claimants' check and re-check) or 3 s have passed: with a
    // lock that holds across instances the other claimant cannot read meanwhile, so the
    // write goes ahead after 3 s; with a lock local to one instance both pass and both
    // would answer 201.
    const offerId = path.split('/').pop() ?? '';
    const gate = raceGate((c, k) => c === 'offers' && k === offerId, 4);
    const twins = [
      await startIssuer({ publicUrl: issuer.url, store: gate.wrap(await openPgTestStore<Collection>('issuer', issuer.dataDir)) }),
      await startIssuer({ publicUrl: issuer.url, store: gate.wrap(await openPgTestStore<Collection>('issuer', issuer.dataDir)) }),
    ];
    try {
      const results = await Promise.all([0, 1, 0, 1].map((i) => call(twins[i]!.url, 'POST', path, { body: vp })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 410, 410, 410]);
    } finally {
      for (const t of twins) await t.close();
    }
  });

  it('claim offer: an expired offer is refused with a clear message', async () => {
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const path = new URL(issued.body.claimOffer.url).pathname;
    issuer.clock.now = new Date(issuer.clock.now.getTime() + 2 * 3600 * 1000);
    try {
      const res = await call(issuer.url, 'GET', path);
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('OFFER_EXPIRED');
    } finally {
      issuer.clock.now = new Date(issuer.clock.now.getTime() - 2 * 3600 * 1000);
    }
  });

  it('certificate PDF masks the NIP and its QR target never contains it', async () => {
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const res = await fetch(`${issuer.url}${issued.body.certificate.pdf}`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes('198609262015052001')).toBe(false);
    const verificationUrl: string = issued.body.certificate.verificationUrl;
    expect(verificationUrl).not.toContain('198609262015052001');
    const printed = await call(issuer.url, 'POST', new URL(verificationUrl).pathname, { body: { nip: '198609262015052001' } });
    expect(printed.body.id).toBe(issued.body.verifiableCredential.id);
  });

  it('admin credential required for curation; API keys only for their provider', async () => {
    expect((await call(issuer.url, 'GET', '/admin/providers')).status).toBe(401);
    expect((await call(issuer.url, 'GET', '/admin/providers', { token: apiKey })).status).toBe(403);
    expect((await call(issuer.url, 'GET', '/admin/providers', { token: ADMIN_TOKEN })).status).toBe(200);
    const other = await setupProvider(issuer.url, 'other-prov');
    // The other provider's key cannot see or change this provider's credentials.
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const st = await call(issuer.url, 'POST', '/credentials/status', { token: other.apiKey, body: { credentialId: issued.body.verifiableCredential.id, credentialStatus: [{ status: 'revoked' }] } });
    expect(st.status).toBe(404);
    expect((await call(issuer.url, 'POST', `/providers/pusdiklat-a/api-keys`, { token: other.adminKey, body: {} })).status).toBe(403);
    // An issuer-role key cannot create keys even for its own provider.
    expect((await call(issuer.url, 'POST', `/providers/pusdiklat-a/api-keys`, { token: apiKey, body: {} })).status).toBe(403);
    expect((await call(issuer.url, 'POST', '/learning-credentials', { body: learningInput() })).status).toBe(401);
  });

  it('each refusal of a caller has its status, a stable code and a sentence', async () => {
    const other = await setupProvider(issuer.url, 'other-auth');
    const rows: Array<[string, string, Record<string, unknown>, number, string]> = [
      ['no key', '/learning-credentials', {}, 401, 'UNAUTHENTICATED'],
      ['an unknown key', '/learning-credentials', { token: 'not-a-key-0123456789' }, 401, 'UNAUTHENTICATED'],
      ['a key with trailing junk', '/learning-credentials', { headers: { authorization: `Bearer ${apiKey} x` } }, 401, 'UNAUTHENTICATED'],
      ['a key before the scheme', '/learning-credentials', { headers: { authorization: `x Bearer ${apiKey}` } }, 401, 'UNAUTHENTICATED'],
      ['LAN issuing as a provider', '/learning-credentials', { token: ADMIN_TOKEN }, 403, 'FORBIDDEN'],
      ['a provider key on curation', '/admin/providers', { token: apiKey }, 403, 'FORBIDDEN'],
      ['another provider’s admin key on its keys', '/providers/pusdiklat-a/api-keys', { token: other.adminKey }, 403, 'FORBIDDEN'],
    ];
    for (const [name, p, opts, status, code] of rows) {
      const r = await call(issuer.url, 'POST', p, { body: learningInput(), ...opts });
      expect({ name, status: r.status, code: r.body.code }).toEqual({ name, status, code });
      expect(r.body.message.length).toBeGreaterThan(10);
    }
    // The scheme is case-insensitive and may be followed by several spaces (RFC 9110: 1*SP).
    expect((await call(issuer.url, 'POST', '/learning-credentials', { body: learningInput(), headers: { authorization: `bearer ${apiKey}` } })).status).toBe(201);
    expect((await call(issuer.url, 'POST', '/learning-credentials', { body: learningInput(), headers: { authorization: `Bearer   ${apiKey}` } })).status).toBe(201);
  });

  it('another provider’s key cannot read a credential or its certificate (the answer carries the claim link)', async () => {
    const other = await setupProvider(issuer.url, 'other-reader');
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    expect(issued.status).toBe(201);
    const pdf: string = issued.body.certificate.pdf;
    const key = pdf.split('/')[2]!;
    // The owner sees it, with the unclaimed claim link that anyone holding it could redeem.
    const own = await call(issuer.url, 'GET', `/credentials/${key}`, { token: apiKey });
    expect(own.status).toBe(200);
    expect(own.body.claimOffer.url).toEqual(expect.any(String));
    expect((await fetch(`${issuer.url}${pdf}`, { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(200);
    // Provider B: 404 (not 403, so keys do not leak), and no claim link in the body.
    const read = await call(issuer.url, 'GET', `/credentials/${key}`, { token: other.apiKey });
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('CREDENTIAL_NOT_FOUND');
    expect(JSON.stringify(read.body)).not.toContain(own.body.claimOffer.url);
    const cert = await fetch(`${issuer.url}${pdf}`, { headers: { authorization: `Bearer ${other.apiKey}` } });
    expect(cert.status).toBe(404);
    expect(cert.headers.get('content-type')).not.toContain('application/pdf');
  });
});
