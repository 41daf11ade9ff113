/**
 * The negative table: take a valid credential, change exactly one thing, and assert
 * which check fails and with which code. Every row also asserts `verified === false`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RECOGNITION_CHECKS, buildDidDocument, verifyCredential } from '../../../shared/index.js';
import type { CredentialVerification } from '../../../shared/index.js';
import { ISSUED_AT, NOW, createWorld, keyParty } from '../../fixtures/world.js';
import type { World } from '../../fixtures/world.js';

type VC = Record<string, unknown> & { proof: Record<string, unknown>; credentialSubject: Record<string, unknown> };

let world: World;
let valid: VC;

beforeAll(async () => {
  world = await createWorld();
  await world.accredit({ provider: world.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
  valid = (await world.issue()) as VC;
});

function expectFailure(r: CredentialVerification, check: string, code: string, status: 'failed' | 'unknown' = 'failed') {
  // Two verdicts: a recognition check failing leaves the credential authentic, not recognised.
  if ((RECOGNITION_CHECKS as readonly string[]).includes(check)) {
    expect(r.recognition.recognised).toBe(false);
    expect(r.recognition.error?.code).toBe(code);
  } else {
    expect(r.verified).toBe(false);
    expect(r.recognition.recognised).toBe(false);
  }
  const c = r.checks.find((x) => x.id === check);
  expect(c, `check ${check}`).toBeDefined();
  expect({ check, status: c!.status, code: c!.code }).toEqual({ check, status, code });
  expect(c!.message.id.length).toBeGreaterThan(5);
  expect(c!.message.en.length).toBeGreaterThan(5);
}

const clone = (): VC => structuredClone(valid);

describe('a valid learning credential', () => {
  it('verifies with every check ok, in the fixed order', async () => {
    const r = await verifyCredential(valid, world.verifyOptions());
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['wellFormed', 'ok'], ['contexts', 'ok'], ['terms', 'ok'], ['issuerKey', 'ok'],
      ['proof', 'ok'], ['validity', 'ok'], ['status', 'ok'], ['accreditation', 'ok'],
    ]);
    expect(r.verified).toBe(true);
    expect(r.error).toBeUndefined();
    expect(r.issuer?.name).toBe('Pusdiklat Contoh (terkurasi)');
  });

  it('also verifies when signed with Ed25519Signature2020', async () => {
    const vc = await world.issue({ suite: 'Ed25519Signature2020' });
    expect((vc.proof as { type: string }).type).toBe('Ed25519Signature2020');
    const r = await verifyCredential(vc, world.verifyOptions());
    expect(r.error).toBeUndefined();
    expect(r.verified).toBe(true);
  });
});

describe('one change, one named failure', () => {
  const rows: Array<[string, () => Promise<unknown> | unknown, string, string, ('failed' | 'unknown')?]> = [
    ['a signed value changed', () => { const v = clone(); (v.credentialSubject.achievement as VC).creditsAvailable = 99; return v; }, 'proof', 'SIGNATURE_INVALID'],
    ['the issuer name changed', () => { const v = clone(); (v.issuer as VC).name = 'Lembaga Palsu'; return v; }, 'proof', 'SIGNATURE_INVALID'],
    ['an undefined property added', () => { const v = clone(); (v.credentialSubject as VC).nilaiRahasia = 100; return v; }, 'terms', 'TERM_UNDEFINED'],
    ['an undefined type value added', () => { const v = clone(); (v.type as string[]).push('SuperCredential'); return v; }, 'terms', 'TERM_UNDEFINED'],
    ['a context swapped for an unknown URL', () => { const v = clone(); (v['@context'] as string[])[1] = 'https://evil.example/ob.json'; return v; }, 'contexts', 'CONTEXT_UNKNOWN'],
    ['the undefined-terms context added', () => { const v = clone(); (v['@context'] as string[]).push('https://www.w3.org/ns/credentials/undefined-terms/v2'); return v; }, 'contexts', 'CONTEXT_UNKNOWN'],
    ['an inline look-alike context redefining a protected term', () => { const v = clone(); (v['@context'] as unknown[]).push({ name: 'https://evil.example/name' }); return v; }, 'terms', 'TERM_UNDEFINED'],
    ['a nested @context', () => { const v = clone(); v.credentialSubject['@context'] = { '@vocab': 'https://evil.example/' }; return v; }, 'contexts', 'CONTEXT_NESTED'],
    ['@vocab inside the data', () => { const v = clone(); (v.credentialSubject as VC)['@vocab'] = 'https://evil.example/'; return v; }, 'contexts', 'VOCAB_FORBIDDEN'],
    ['more than 10 contexts', () => { const v = clone(); v['@context'] = [...(v['@context'] as string[]), ...Array(10).fill('https://w3id.org/security/multikey/v1')]; return v; }, 'contexts', 'CONTEXT_TOO_MANY'],
    ['the first context is not VC', () => { const v = clone(); (v['@context'] as string[]).reverse(); return v; }, 'contexts', 'CONTEXT_FIRST_NOT_VC'],
    ['a flipped byte in the signature', () => { const v = clone(); const pv = String(v.proof.proofValue); v.proof.proofValue = pv.slice(0, 10) + (pv[10] === 'a' ? 'b' : 'a') + pv.slice(11); return v; }, 'proof', 'SIGNATURE_INVALID'],
    ['a signature of the wrong length', () => { const v = clone(); v.proof.proofValue = String(v.proof.proofValue).slice(0, 40); return v; }, 'proof', 'SIGNATURE_INVALID'],
    ['proofPurpose authentication on a credential', () => { const v = clone(); v.proof.proofPurpose = 'authentication'; return v; }, 'proof', 'PROOF_PURPOSE_MISMATCH'],
    ['an unknown cryptosuite', () => { const v = clone(); v.proof.cryptosuite = 'eddsa-jcs-2099'; return v; }, 'proof', 'PROOF_TYPE_UNSUPPORTED'],
    ['a proof @context that is not a prefix', () => { const v = clone(); v.proof['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/security/multikey/v1']; return v; }, 'proof', 'PROOF_CONTEXT_MISMATCH'],
    ['a previousProof pointing nowhere', () => { const v = clone(); v.proof.previousProof = 'urn:uuid:nowhere'; return v; }, 'proof', 'PREVIOUS_PROOF_MISSING'],
    ['one valid proof plus one invalid proof', () => { const v = clone(); const bad = { ...v.proof, proofValue: 'z' + '1'.repeat(86) }; (v as Record<string, unknown>).proof = [v.proof, bad]; return v; }, 'proof', 'SIGNATURE_INVALID'],
    ['no proof at all', () => { const v = clone(); delete (v as Record<string, unknown>).proof; return v; }, 'issuerKey', 'PROOF_MISSING'],
    ['the attacker signs as the curated provider', () => world.issue({ signer: world.attacker.signer }), 'issuerKey', 'KEY_NOT_ISSUERS'],
    ['a did:key fragment naming another key', () => { const v = clone(); v.proof.verificationMethod = `${world.provider.did}#z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc`; return v; }, 'issuerKey', 'KEY_NOT_FOUND'],
    ['validUntil in the past', () => world.issue({ mutate: (v) => { v.validUntil = '2026-05-30T00:00:00Z'; } }), 'validity', 'EXPIRED'],
    ['validFrom in the future beyond the skew', () => world.issue({ validFrom: new Date(NOW.getTime() + 3600_000) }), 'validity', 'NOT_YET_VALID'],
    ['validUntil before validFrom', () => world.issue({ mutate: (v) => { v.validUntil = '2026-05-01T00:00:00Z'; } }), 'validity', 'VALIDITY_RANGE_INVALID'],
    ['an impossible date (2024-02-30)', () => world.issue({ mutate: (v) => { v.validUntil = '2024-02-30T00:00:00Z'; } }), 'validity', 'DATE_INVALID'],
    ['a date without a time zone', () => world.issue({ mutate: (v) => { v.validUntil = '2027-01-01T00:00:00'; } }), 'validity', 'DATE_NO_TIMEZONE'],
    ['a bad status index "12abc"', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListIndex = '12abc'; } }), 'status', 'STATUS_INDEX_INVALID'],
    ['a status index beyond the list', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListIndex = '131072'; } }), 'status', 'STATUS_INDEX_OUT_OF_RANGE'],
    ['a negative status index', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListIndex = '-1'; } }), 'status', 'STATUS_INDEX_INVALID'],
    ['more status entries than purposes (an amplification attempt)', () => world.issue({ mutate: (v) => { const e = (v.credentialStatus as VC[])[0]!; v.credentialStatus = Array.from({ length: 50 }, (_, i) => ({ ...e, id: `${String(e.statusListCredential)}#${i}`, statusListIndex: String(i) })); } }), 'status', 'STATUS_ENTRY_INVALID'],
    ['a status list from another issuer', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListCredential = world.listUrl(world.uncurated, 'revocation'); } }), 'status', 'STATUS_LIST_ISSUER_MISMATCH'],
    ['a status entry pointing at a list of the other purpose', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListCredential = world.listUrl(world.provider, 'suspension'); } }), 'status', 'STATUS_LIST_WRONG_TYPE'],
    ['a __proto__ key', () => { const v = JSON.parse(JSON.stringify(valid).replace('"type":', '"__proto__":{"polluted":true},"type":')); return v; }, 'wellFormed', 'FORBIDDEN_KEY'],
    ['nesting 10,000 deep', () => { let deep: unknown = 'x'; for (let i = 0; i < 10_000; i++) deep = [deep]; const v = clone(); (v.credentialSubject as VC).deep = deep; return v; }, 'wellFormed', 'TOO_LARGE'],
    ['not an object', () => '"just a string"', 'wellFormed', 'NOT_AN_OBJECT'],
    ['a canonicalization poison graph (blank-node clique)', () => { const v = clone(); const ids = Array.from({ length: 20 }, (_, i) => `_:b${i}`); (v as VC).sub = ids.map((id) => ({ id, sub: ids.filter((x) => x !== id) })); return v; }, 'proof', 'CANONICALIZATION_ABORTED'],
  ];

  it.each(rows)('%s → %s %s', async (_name, make, check, code, status = 'failed') => {
    const r = await verifyCredential(await make(), world.verifyOptions());
    expectFailure(r, check, code, status);
  });
});

describe('status', () => {
  it('revoked, suspended and both are distinct; revoked wins', async () => {
    const vc = await world.issue({ index: 777 });
    await world.setStatus('suspension', world.provider, 777, true);
    let r = await verifyCredential(vc, world.verifyOptions());
    expectFailure(r, 'status', 'CREDENTIAL_SUSPENDED');
    await world.setStatus('revocation', world.provider, 777, true);
    r = await verifyCredential(vc, world.verifyOptions());
    expectFailure(r, 'status', 'CREDENTIAL_REVOKED');
    expect(r.checks.find((c) => c.id === 'status')!.details).toMatchObject({ revoked: true, suspended: true });
    await world.setStatus('revocation', world.provider, 777, false);
    await world.setStatus('suspension', world.provider, 777, false);
    r = await verifyCredential(vc, world.verifyOptions());
    expect(r.verified).toBe(true);
  });

  it('fetches and verifies each status list once, however many entries point at it', async () => {
    const vc = await world.issue({ mutate: (v) => { const [r, susp] = v.credentialStatus as VC[]; v.credentialStatus = [r, susp, { ...r!, id: `${String(r!.statusListCredential)}#77`, statusListIndex: '77' }]; } });
    const base = world.verifyOptions();
    const fetched: string[] = [];
    const r = await verifyCredential(vc, { ...base, fetchStatusList: async (url) => { fetched.push(url); return base.fetchStatusList!(url); } });
    expect(r.verified).toBe(true);
    expect(fetched.filter((u) => u === world.listUrl(world.provider, 'revocation')).length).toBe(1);
  });

  it('an unreachable list gives unknown, never "not revoked"', async () => {
    world.unreachable.add(world.listUrl(world.provider, 'revocation'));
    try {
      const r = await verifyCredential(valid, world.verifyOptions());
      expectFailure(r, 'status', 'STATUS_UNREACHABLE', 'unknown');
    } finally {
      world.unreachable.clear();
    }
  });

  it('a cached list older than the limit gives unknown, with its age', async () => {
    const base = world.verifyOptions();
    const r = await verifyCredential(valid, {
      ...base,
      maxStatusAgeSeconds: 60,
      fetchStatusList: async (url) => ({ ...(await base.fetchStatusList!(url)), fetchedAt: new Date(NOW.getTime() - 3600_000) }),
    });
    expectFailure(r, 'status', 'STATUS_STALE', 'unknown');
    expect(r.checks.find((c) => c.id === 'status')!.details).toMatchObject({ ageSeconds: 3600 });
  });

  it('without a fetcher the status is unknown', async () => {
    const r = await verifyCredential(valid, world.verifyOptions({ fetchStatusList: undefined }));
    expectFailure(r, 'status', 'STATUS_NOT_CHECKABLE', 'unknown');
  });

  it('a status list with a bad signature fails', async () => {
    const base = world.verifyOptions();
    const r = await verifyCredential(valid, {
      ...base,
      fetchStatusList: async (url) => {
        const got = await base.fetchStatusList!(url);
        const list = structuredClone(got.credential) as VC;
        list.validFrom = '2026-05-21T00:00:00Z';
        return { ...got, credential: list };
      },
    });
    expectFailure(r, 'status', 'STATUS_LIST_INVALID');
  });

  it('a status list shorter than 131,072 entries fails', async () => {
    const { buildStatusListCredential, encodeStatusList, createStatusBits, signCredential } = await import('../../../shared/index.js');
    const short = await signCredential(buildStatusListCredential({
      url: world.listUrl(world.provider, 'revocation'), issuerDid: world.provider.did, purpose: 'revocation',
      encodedList: await encodeStatusList(createStatusBits(8192)), validFrom: ISSUED_AT,
    }), { signer: world.provider.signer, documentLoader: world.documentLoader, now: ISSUED_AT });
    const r = await verifyCredential(valid, world.verifyOptions({
      fetchStatusList: async (url) => ({ credential: url.endsWith('/revocation/1') ? short : world.statusLists.get(url)!.signed, fetchedAt: NOW }),
    }));
    expectFailure(r, 'status', 'STATUS_LIST_TOO_SHORT');
  });
});

describe('accreditation', () => {
  it('an issuer LAN has not curated', async () => {
    const r = await verifyCredential(await world.issue({ issuer: world.uncurated }), world.verifyOptions());
    expectFailure(r, 'accreditation', 'ISSUER_NOT_CURATED');
    expect(r.issuer?.name).toBeUndefined(); // never the name the credential claims for itself
  });

  it('a curated issuer outside its scope', async () => {
    const input = { ...(await import('../../fixtures/world.js')).SAMPLE_INPUT, competency: { type: 'teknis', code: 'T.LAN.01', level: 2, name: 'Analisis Kebijakan' } };
    const r = await verifyCredential(await world.issue({ input }), world.verifyOptions());
    expectFailure(r, 'accreditation', 'OUTSIDE_ACCREDITED_SCOPE');
  });

  it('a curated issuer, but not yet at validFrom', async () => {
    const r = await verifyCredential(await world.issue({ validFrom: new Date('2025-12-01T00:00:00Z') }), world.verifyOptions());
    expectFailure(r, 'accreditation', 'NOT_ACCREDITED_AT_ISSUANCE');
  });

  it('an accreditation LAN withdrew (revoked) no longer counts, with its own code', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z'), statusIndex: 99 });
    const vc = await w.issue();
    expect((await verifyCredential(vc, w.verifyOptions())).verified).toBe(true);
    await w.setStatus('revocation', w.lan, 99, true);
    expectFailure(await verifyCredential(vc, w.verifyOptions()), 'accreditation', 'ACCREDITATION_WITHDRAWN');
  });

  it('a suspended accreditation has its own code too', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z'), statusIndex: 98 });
    const vc = await w.issue();
    await w.setStatus('suspension', w.lan, 98, true);
    expectFailure(await verifyCredential(vc, w.verifyOptions()), 'accreditation', 'ACCREDITATION_SUSPENDED');
  });

  it('an accreditation signed by someone other than the trust anchor is ignored', async () => {
    const w = await createWorld();
    const forged = await w.accredit({ provider: w.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
    const r = await verifyCredential(await w.issue(), w.verifyOptions({
      accreditation: { trustAnchor: { did: w.lan.did, publicKeyMultibase: w.attacker.publicKeyMultibase }, findAccreditations: async () => [forged] },
    }));
    expectFailure(r, 'accreditation', 'ISSUER_NOT_CURATED');
  });

  it('an accreditation validly signed by a provider for itself (not the trust anchor) is ignored', async () => {
    const w = await createWorld();
    // Signed with the provider's own, valid key; its status lists are the provider's own and clear.
    const self = await w.accredit({ provider: w.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z'), signedBy: w.provider });
    expect((self.issuer as { id?: string }).id ?? self.issuer).toBe(w.provider.did);
    expect(w.accreditations).toEqual([self]); // served by the registry
    const r = await verifyCredential(await w.issue(), w.verifyOptions());
    expectFailure(r, 'accreditation', 'ISSUER_NOT_CURATED');
    expect(r.issuer?.name).toBeUndefined();
  });

  it('without a configured trust anchor the accreditation is unknown', async () => {
    const r = await verifyCredential(valid, world.verifyOptions({ accreditation: undefined }));
    expectFailure(r, 'accreditation', 'ACCREDITATION_NOT_CONFIGURED', 'unknown');
  });
});

describe('keys and DID documents', () => {
  it('a key listed only under authentication cannot issue', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
    const vc = await w.issue();
    const doc = w.didDocs.get(w.provider.did)!;
    doc.assertionMethod = [];
    expectFailure(await verifyCredential(vc, w.verifyOptions()), 'issuerKey', 'KEY_NOT_AUTHORIZED');
  });

  it('after rotation an old key still listed verifies; a removed one fails', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
    const vc = await w.issue();
    const newKey = await keyParty(9);
    w.didDocs.set(w.provider.did, buildDidDocument(w.provider.did, [{ publicKeyMultibase: newKey.publicKeyMultibase }, { publicKeyMultibase: w.provider.publicKeyMultibase }]));
    expect((await verifyCredential(vc, w.verifyOptions())).verified).toBe(true);
    w.didDocs.set(w.provider.did, buildDidDocument(w.provider.did, [{ publicKeyMultibase: newKey.publicKeyMultibase }]));
    expectFailure(await verifyCredential(vc, w.verifyOptions()), 'issuerKey', 'KEY_NOT_FOUND');
  });

  it('a DID document that cannot be fetched fails closed as a resolution error', async () => {
    const w = await createWorld();
    const vc = await w.issue();
    w.didDocs.delete(w.provider.did);
    expectFailure(await verifyCredential(vc, w.verifyOptions()), 'issuerKey', 'DID_RESOLUTION_FAILED');
  });

  it('a DID document whose id is another DID fails closed', async () => {
    const w = await createWorld();
    const vc = await w.issue();
    w.didDocs.set(w.provider.did, { ...w.didDocs.get(w.provider.did)!, id: w.uncurated.did });
    expectFailure(await verifyCredential(vc, w.verifyOptions()), 'issuerKey', 'DID_RESOLUTION_FAILED');
  });

  it('a small-order public key is refused', async () => {
    const w = await createWorld();
    const vc = await w.issue();
    // The identity point (small order 1) as an Ed25519 Multikey.
    const { encodePublicMultikey } = await import('../../../shared/index.js');
    const weak = new Uint8Array(32); weak[0] = 1;
    const mb = encodePublicMultikey(weak);
    const doc = buildDidDocument(w.provider.did, [{ publicKeyMultibase: mb }]);
    w.didDocs.set(w.provider.did, doc);
    const forged = structuredClone(vc) as VC;
    forged.proof.verificationMethod = `${w.provider.did}#${mb}`;
    expectFailure(await verifyCredential(forged, w.verifyOptions()), 'issuerKey', 'KEY_WEAK');
  });
});

describe('order of checks is a security property', () => {
  it('a forged AND expired credential reports the forgery first', async () => {
    const expired = await world.issue({ mutate: (v) => { v.validUntil = '2026-05-30T00:00:00Z'; } });
    (expired.credentialSubject as VC).achievement = { ...((expired.credentialSubject as VC).achievement as VC), creditsAvailable: 500 };
    const r = await verifyCredential(expired, world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.error?.check).toBe('proof');
    expect(r.error?.code).toBe('SIGNATURE_INVALID');
    expect(r.checks.find((c) => c.id === 'validity')?.code).toBe('EXPIRED');
    // No network-backed checks for a forgery.
    expect(r.checks.find((c) => c.id === 'status')?.code).toBe('NOT_CHECKED');
  });

  it('a proof created in the future fails validity', async () => {
    const { signCredential } = await import('../../../shared/index.js');
    const { proof: _p, ...unsigned } = structuredClone(valid);
    const vc = await signCredential(unsigned, { signer: world.provider.signer, documentLoader: world.documentLoader, now: new Date(NOW.getTime() + 86_400_000) });
    expectFailure(await verifyCredential(vc, world.verifyOptions()), 'validity', 'PROOF_CREATED_IN_FUTURE');
  });
});

describe('DID documents as other implementations write them', () => {
  it('a key embedded in assertionMethod (DID Core allows it) verifies', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
    const vc = await w.issue();
    const doc = w.didDocs.get(w.provider.did)!;
    const vm = doc.verificationMethod![0]!;
    w.didDocs.set(w.provider.did, { '@context': doc['@context'], id: doc.id, assertionMethod: [vm], authentication: [vm] });
    const r = await verifyCredential(vc, w.verifyOptions());
    expect(r.error).toBeUndefined();
    expect(r.verified).toBe(true);
  });

  it('a key embedded only under authentication still cannot issue', async () => {
    const w = await createWorld();
    const vc = await w.issue();
    const doc = w.didDocs.get(w.provider.did)!;
    const vm = doc.verificationMethod![0]!;
    w.didDocs.set(w.provider.did, { '@context': doc['@context'], id: doc.id, assertionMethod: [], authentication: [vm] });
    expectFailure(await verifyCredential(vc, w.verifyOptions()), 'issuerKey', 'KEY_NOT_AUTHORIZED');
  });
});
