/**
 * "Read what was signed" (issue 7, item 1): a proof covers the JSON-LD meaning, so a
 * term written as its full IRI, a `@value` object or a one-item array keeps the signature
 * valid. None of these may change what a check, the ledger or a page reads.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildPresentation, readLearningCredential, signCredential, signPresentation, verifyCredential, verifyPresentation,
} from '../../../shared/index.js';
import { ISSUED_AT, NOW, createWorld } from '../../fixtures/world.js';
import type { World } from '../../fixtures/world.js';

type Doc = Record<string, unknown>;
const CRED = 'https://www.w3.org/2018/credentials#';
const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
const FROM = new Date('2026-01-01T00:00:00Z');
const UNTIL = new Date('2027-01-01T00:00:00Z');

function rename(doc: Doc, from: string, to: string): Doc {
  const { [from]: value, ...rest } = doc;
  return { ...rest, [to]: value };
}

let world: World;
beforeAll(async () => {
  world = await createWorld();
  await world.accredit({ provider: world.provider, types: ['manajerial'], from: FROM, until: UNTIL });
});

describe('a key written as its full IRI', () => {
  for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
    it(`cannot hide the status of a revoked credential (${suite})`, async () => {
      const vc = await world.issue({ suite, index: 7001 });
      await world.setStatus('revocation', world.provider, 7001, true);
      expect((await verifyCredential(vc, world.verifyOptions())).error?.code).toBe('CREDENTIAL_REVOKED');

      const hidden = rename(vc, 'credentialStatus', `${CRED}credentialStatus`);
      const r = await verifyCredential(hidden, world.verifyOptions());
      expect(r.verified).toBe(false);
      expect(r.error).toMatchObject({ check: 'terms', code: 'NON_CANONICAL_FORM' });
      expect(r.document).toBeUndefined();
    });
  }

  it('cannot hide the status of a suspended credential', async () => {
    const vc = await world.issue({ index: 7002 });
    await world.setStatus('suspension', world.provider, 7002, true);
    const r = await verifyCredential(rename(vc, 'credentialStatus', `${CRED}credentialStatus`), world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.error?.code).toBe('NON_CANONICAL_FORM');
  });

  it('cannot hide the end of validity (IRI key with a typed @value)', async () => {
    const vc = await world.issue({ mutate: (v) => { v.validUntil = '2026-05-30T00:00:00Z'; } });
    expect((await verifyCredential(vc, world.verifyOptions())).error?.code).toBe('EXPIRED');
    const { validUntil, ...rest } = vc;
    const hidden = { ...rest, [`${CRED}validUntil`]: { '@value': validUntil, '@type': XSD_DATETIME } };
    const r = await verifyCredential(hidden, world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.error?.code).toBe('NON_CANONICAL_FORM');
  });

  it('a @value object where the compact form has a plain value is refused', async () => {
    const vc = await world.issue();
    const r = await verifyCredential({ ...vc, validFrom: { '@value': vc.validFrom, '@type': XSD_DATETIME } }, world.verifyOptions());
    expect(r.error?.code).toBe('NON_CANONICAL_FORM');
  });

  it('a proof key written as its IRI is refused (proofs are read as written)', async () => {
    const vc = await world.issue();
    const proof = rename(vc.proof as Doc, 'created', 'https://purl.org/dc/terms/created');
    const r = await verifyCredential({ ...vc, proof }, world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.error).toMatchObject({ check: 'terms', code: 'NON_CANONICAL_FORM' });
  });

  it("cannot revive a withdrawn provider through the accreditation a presentation carries", async () => {
    const w = await createWorld();
    const acc = await w.accredit({ provider: w.provider, types: ['manajerial'], from: FROM, until: UNTIL, statusIndex: 77 });
    const vc = await w.issue({ holder: w.holder.did });
    await w.setStatus('revocation', w.lan, 77, true); // LAN withdraws the provider
    w.accreditations.length = 0; // offline: only what the presentation carries
    const present = async (accreditation: Doc) => signPresentation(
      buildPresentation({ holder: w.holder.did, credentials: [vc, accreditation] }),
      { signer: w.holder.signer, documentLoader: w.documentLoader, now: NOW, challenge: 'c-1', domain: 'https://hr.example' },
    );
    const opts = { ...w.verifyOptions(), challenge: 'c-1', domain: 'https://hr.example' };
    const honest = await verifyPresentation(await present(acc), opts);
    expect(honest.credentials[0]?.recognition.error?.code).toBe('ACCREDITATION_WITHDRAWN');

    const hidden = await verifyPresentation(await present(rename(acc, 'credentialStatus', `${CRED}credentialStatus`)), opts);
    expect(hidden.credentials[0]?.recognition.recognised).toBe(false);
    expect(hidden.credentials[0]?.recognition.error?.check).toBe('accreditation');
  });

  it('cannot hide that a status list credential has expired', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: FROM, until: UNTIL });
    const vc = await w.issue();
    const url = w.listUrl(w.provider, 'revocation');
    const list = w.statusLists.get(url)!;
    const { proof: _p, ...unsigned } = list.signed!;
    const expired = await signCredential({ ...unsigned, validUntil: '2026-05-25T00:00:00Z' }, { signer: w.provider.signer, documentLoader: w.documentLoader, now: ISSUED_AT });
    list.signed = expired;
    expect((await verifyCredential(vc, w.verifyOptions())).checks.find((c) => c.id === 'status')?.code).toBe('STATUS_LIST_INVALID');
    const { validUntil, ...rest } = expired;
    list.signed = { ...rest, [`${CRED}validUntil`]: { '@value': validUntil, '@type': XSD_DATETIME } };
    const r = await verifyCredential(vc, w.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'status')).toMatchObject({ code: 'STATUS_LIST_INVALID', details: { reason: 'NON_CANONICAL_FORM' } });
  });
});

describe('values wrapped in arrays', () => {
  it('creditsEarned: [10] verifies, and everything reads 10 (not creditsAvailable)', async () => {
    const vc = await world.issue({ mutate: (v) => { (v.credentialSubject as Doc).creditsEarned = 10; } });
    expect(readLearningCredential(vc)?.jp).toBe(10);
    const wrapped = structuredClone(vc);
    (wrapped.credentialSubject as Doc).creditsEarned = [10];
    const r = await verifyCredential(wrapped, world.verifyOptions());
    expect(r.verified).toBe(true);
    expect((r.document?.credentialSubject as Doc).creditsEarned).toBe(10);
    expect(readLearningCredential(r.document)?.jp).toBe(10);
  });

  it('a repeated array item (signed once: RDF is a set) is refused', async () => {
    const vc = await world.issue();
    const twice = { ...vc, credentialStatus: [...(vc.credentialStatus as Doc[]), (vc.credentialStatus as Doc[])[0]] };
    const r = await verifyCredential(twice, world.verifyOptions());
    expect(r.error?.code).toBe('NON_CANONICAL_FORM');
  });
});

describe('bounded proofs', () => {
  it('more proofs than allowed are refused before any JSON-LD or signature work', async () => {
    const vc = await world.issue();
    const many = { ...vc, proof: Array.from({ length: 1300 }, () => vc.proof) };
    const r = await verifyCredential(many, world.verifyOptions());
    expect(r.error).toMatchObject({ check: 'wellFormed', code: 'TOO_MANY_PROOFS' });
    expect(r.checks.find((c) => c.id === 'terms')?.code).toBe('NOT_CHECKED');
  });

  it('a presentation with many proofs is refused before signature work', async () => {
    const vc = await world.issue({ holder: world.holder.did });
    const vp = await signPresentation(buildPresentation({ holder: world.holder.did, credentials: [vc] }), {
      signer: world.holder.signer, documentLoader: world.documentLoader, now: NOW, challenge: 'c-2',
    });
    const r = await verifyPresentation({ ...vp, proof: Array.from({ length: 1100 }, () => vp.proof) }, { ...world.verifyOptions(), challenge: 'c-2' });
    expect(r.error).toMatchObject({ check: 'wellFormed', code: 'TOO_MANY_PROOFS' });
  });

  it('a presentation for another challenge is refused before any signature or credential work', async () => {
    const vc = await world.issue({ holder: world.holder.did });
    const vp = await signPresentation(buildPresentation({ holder: world.holder.did, credentials: [vc] }), {
      signer: world.holder.signer, documentLoader: world.documentLoader, now: NOW, challenge: 'not-ours',
    });
    const r = await verifyPresentation(vp, { ...world.verifyOptions(), challenge: 'ours' });
    expect(r.error?.code).toBe('CHALLENGE_MISMATCH');
    expect(r.checks.find((c) => c.id === 'proof')?.code).toBe('NOT_CHECKED');
    expect(r.credentials).toEqual([]);
  });
});
