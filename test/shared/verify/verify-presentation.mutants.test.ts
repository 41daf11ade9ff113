/**
 * What verify-presentation.test.ts leaves open (issue 13): every check's id, status, code
 * and details, their fixed order, the summary (verified, holderProven, holder, error),
 * unsigned presentations, the caller's challenge and domain, freshness at its edges, and
 * several credentials where only one is wrong. Each row changes exactly one thing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPresentation, signPresentation, verifyPresentation } from '../../../shared/index.js';
import { DOCUMENT_LIMITS } from '../../../shared/verify/checks/well-formed.js';
import { scanDocument } from '../../../shared/verify/document.js';
import type { PresentationVerification } from '../../../shared/index.js';
import { NOW, createWorld } from '../../fixtures/world.js';
import type { Party, World } from '../../fixtures/world.js';

const CHALLENGE = 'c-51e0a7d2b9f4';
const DOMAIN = 'https://verifier.example';

type Doc = Record<string, unknown>;
type Proof = Record<string, unknown>;

let world: World;
let bound: Doc;
let revoked: Doc;
let foreign: Doc;
let accreditation: Doc;

beforeAll(async () => {
  world = await createWorld();
  accreditation = await world.accredit({ provider: world.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
  bound = await world.issue({ holder: world.holder.did });
  revoked = await world.issue({ holder: world.holder.did, index: 31338 });
  await world.setStatus('revocation', world.provider, 31338, true);
  foreign = await world.issue({ holder: world.attacker.did });
});

async function present(opts: { signer?: Party; holder?: string | null; credentials?: unknown[]; challenge?: string; domain?: string | null; created?: Date } = {}): Promise<Doc> {
  const vp = buildPresentation({ holder: opts.holder === null ? 'x' : opts.holder ?? world.holder.did, credentials: opts.credentials ?? [bound] });
  if (opts.holder === null) delete vp.holder;
  return signPresentation(vp, {
    signer: (opts.signer ?? world.holder).signer,
    documentLoader: world.documentLoader,
    now: opts.created ?? new Date(NOW.getTime() - 30_000),
    challenge: opts.challenge ?? CHALLENGE,
    ...(opts.domain === null ? {} : { domain: opts.domain ?? DOMAIN }),
  });
}

const unsigned = (credentials: unknown[] = [bound]) => buildPresentation({ holder: world.holder.did, credentials });
const options = (extra: Record<string, unknown> = {}) => ({ ...world.verifyOptions(), challenge: CHALLENGE, domain: DOMAIN, ...extra });
const table = (r: PresentationVerification) => r.checks.map((c) => [c.id, c.status, c.code]);
const check = (r: PresentationVerification, id: string) => r.checks.find((c) => c.id === id);
const withProof = (vp: Doc, change: (p: Proof) => void): Doc => { const v = structuredClone(vp); change(v.proof as Proof); return v; };

const NOT_PROVEN = { holderProven: false, skipped: true };

describe('a verified presentation', () => {
  it('has every check ok in the fixed order, the holder proven, the holder named, no error', async () => {
    const r = await verifyPresentation(await present(), options());
    expect(table(r)).toEqual([
      ['wellFormed', 'ok', 'PRESENTATION_WELL_FORMED'], ['contexts', 'ok', 'CONTEXTS_ALLOWED'], ['terms', 'ok', 'TERMS_DEFINED'],
      ['holderKey', 'ok', 'HOLDER_KEY_OK'], ['proof', 'ok', 'PROOF_OK'], ['challenge', 'ok', 'CHALLENGE_OK'], ['domain', 'ok', 'DOMAIN_OK'],
      ['freshness', 'ok', 'FRESH'], ['holder', 'ok', 'HOLDER_OK'], ['credentials', 'ok', 'CREDENTIALS_OK'],
    ]);
    expect(r).toMatchObject({ verified: true, holderProven: true, holder: world.holder.did });
    expect(r.error).toBeUndefined();
    expect(check(r, 'holder')!.details).toEqual({ holder: world.holder.did });
    expect(check(r, 'credentials')!.details).toEqual({ count: 1 });
  });

  it('needs no domain when the verifier asks for none (DOMAIN_NOT_REQUIRED), even if the proof has one', async () => {
    const r = await verifyPresentation(await present(), { ...world.verifyOptions(), challenge: CHALLENGE });
    expect(r.verified).toBe(true);
    expect(check(r, 'domain')).toMatchObject({ status: 'ok', code: 'DOMAIN_NOT_REQUIRED' });
  });

  it('counts every credential it verified', async () => {
    const second = await world.issue({ holder: world.holder.did, index: 77 });
    const r = await verifyPresentation(await present({ credentials: [bound, second] }), options());
    expect(r.verified).toBe(true);
    expect(check(r, 'credentials')!.details).toEqual({ count: 2 });
    expect(r.credentials.map((c) => c.verified)).toEqual([true, true]);
  });

  it('uses the registry as well as carried accreditations: a carried one for another provider does not hide the registry’s', async () => {
    const other = await world.accredit({ provider: world.uncurated, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
    const r = await verifyPresentation(await present({ credentials: [bound, other] }), options());
    expect(r.verified).toBe(true);
    expect(r.credentials).toHaveLength(1);
    expect(r.credentials[0]!.recognition.recognised).toBe(true);
  });
});

describe('one change, one named failure (signed presentations)', () => {
  const rows: Array<[string, () => Promise<unknown>, Record<string, unknown>, string, string, (Record<string, unknown> | (() => Record<string, unknown>))?]> = [
    ['the verifier gave no challenge (empty)', () => present(), { challenge: '' }, 'challenge', 'CHALLENGE_MISMATCH'],
    ['one of two proofs lacks the challenge', async () => { const vp = await present(); const p = vp.proof as Proof; const q = { ...p }; delete q.challenge; return { ...vp, proof: [p, q] }; }, {}, 'challenge', 'CHALLENGE_MISSING'],
    ['one of two proofs has another challenge', async () => { const vp = await present(); const p = vp.proof as Proof; return { ...vp, proof: [p, { ...p, challenge: 'other' }] }; }, {}, 'challenge', 'CHALLENGE_MISMATCH'],
    ['one of two proofs lacks the domain', async () => { const vp = await present(); const p = vp.proof as Proof; const q = { ...p }; delete q.domain; return { ...vp, proof: [p, q] }; }, {}, 'domain', 'DOMAIN_MISSING'],
    ['one of two proofs has another domain', async () => { const vp = await present(); const p = vp.proof as Proof; return { ...vp, proof: [p, { ...p, domain: 'https://evil.example' }] }; }, {}, 'domain', 'DOMAIN_MISMATCH'],
    ['the verifier requires another domain', () => present(), { domain: 'https://other.example' }, 'domain', 'DOMAIN_MISMATCH'],
    ['a proof created beyond the clock skew', () => present({ created: new Date(NOW.getTime() + 301_000) }), {}, 'freshness', 'PROOF_CREATED_IN_FUTURE'],
    ['a proof older than the caller’s maximum age', () => present({ created: new Date(NOW.getTime() - 11_000) }), { maxPresentationAgeSeconds: 10 }, 'freshness', 'PRESENTATION_TOO_OLD', { created: new Date(NOW.getTime() - 11_000).toISOString() }],
    ['a proof 601 s old (default maximum 600 s)', () => present({ created: new Date(NOW.getTime() - 601_000) }), {}, 'freshness', 'PRESENTATION_TOO_OLD', { created: new Date(NOW.getTime() - 601_000).toISOString() }],
    ['a proof created 11 s ahead with a 10 s skew', () => present({ created: new Date(NOW.getTime() + 11_000) }), { clockSkewSeconds: 10 }, 'freshness', 'PROOF_CREATED_IN_FUTURE'],
    ['a proof whose created is not a date', async () => withProof(await present(), (p) => { p.created = 'gestern'; }), {}, 'freshness', 'DATE_INVALID', { field: 'proof.created' }],
    ['a proof that expired beyond the skew', async () => withProof(await present(), (p) => { p.expires = new Date(NOW.getTime() - 301_000).toISOString(); }), {}, 'freshness', 'PRESENTATION_TOO_OLD'],
    ['a proof whose expires is not a date', async () => withProof(await present(), (p) => { p.expires = 'nanti'; }), {}, 'freshness', 'PRESENTATION_TOO_OLD'],
    ['a second proof that is stale', async () => { const vp = await present(); const p = vp.proof as Proof; return { ...vp, proof: [p, { ...p, created: new Date(NOW.getTime() - 3_600_000).toISOString() }] }; }, {}, 'freshness', 'PRESENTATION_TOO_OLD', { created: new Date(NOW.getTime() - 3_600_000).toISOString() }],
    ['a presentation without a holder', () => present({ holder: null }), {}, 'holderKey', 'HOLDER_MISSING'],
    ['an empty challenge in the proof, and none from the verifier', async () => withProof(await present(), (p) => { p.challenge = ''; }), { challenge: '' }, 'challenge', 'CHALLENGE_MISMATCH'],
    ['a credential without a subject (read as written once the proof fails)', async () => { const vc = structuredClone(bound); delete vc.credentialSubject; return { ...(await present()), verifiableCredential: [vc] }; }, {}, 'holder', 'HOLDER_NOT_SUBJECT', () => ({ credential: bound.id })],
    ['a credential with an empty subject list (read as written once the proof fails)', async () => ({ ...(await present()), verifiableCredential: [{ ...bound, credentialSubject: [] }] }), {}, 'holder', 'HOLDER_NOT_SUBJECT', () => ({ credential: bound.id })],
    ['a credential whose subject is a string (read as written once the proof fails)', async () => ({ ...(await present()), verifiableCredential: [{ ...bound, credentialSubject: world.holder.did }] }), {}, 'holder', 'HOLDER_NOT_SUBJECT', () => ({ credential: bound.id })],
    ['a second credential whose subject is someone else', () => present({ credentials: [bound, foreign] }), {}, 'holder', 'HOLDER_NOT_SUBJECT', () => ({ credential: foreign.id })],
    ['a non-object in the credential list (read as written once the proof fails)', async () => ({ ...(await present()), verifiableCredential: [bound, 'urn:uuid:not-a-credential'] }), {}, 'holder', 'HOLDER_NOT_SUBJECT'],
    ['one revoked credential among two', () => present({ credentials: [bound, revoked] }), {}, 'credentials', 'CREDENTIAL_NOT_VERIFIED', { failed: 1 }],
    ['an empty credential list', () => present({ credentials: [] }), {}, 'credentials', 'CREDENTIALS_NONE'],
    ['more than 20 carried accreditations', () => present({ credentials: [bound, ...Array(21).fill(accreditation)] }), {}, 'credentials', 'TOO_MANY_CREDENTIALS', { held: 1, accreditations: 21 }],
    ['21 held credentials', () => present({ credentials: Array(21).fill(bound) }), {}, 'credentials', 'TOO_MANY_CREDENTIALS', { held: 21, accreditations: 0 }],
  ];

  it.each(rows)('refuses %s', async (_n, make, extra, id, code, details) => {
    const r = await verifyPresentation(await make(), options(extra));
    expect(r.verified).toBe(false);
    const c = check(r, id);
    expect({ id, status: c?.status, code: c?.code }).toEqual({ id, status: 'failed', code });
    if (details) expect(c?.details).toEqual(typeof details === 'function' ? details() : details);
    expect(r.error?.check).toBe(r.checks.find((x) => x.status === 'failed')!.id);
  });
});

describe('an unsigned presentation', () => {
  it('verifies its credentials when the verifier asked for no challenge or domain, but proves no holder', async () => {
    const r = await verifyPresentation(unsigned(), { ...world.verifyOptions(), challenge: '' });
    expect(table(r)).toEqual([
      ['wellFormed', 'ok', 'PRESENTATION_WELL_FORMED'], ['contexts', 'ok', 'CONTEXTS_ALLOWED'], ['terms', 'ok', 'TERMS_DEFINED'],
      ['holderKey', 'ok', 'HOLDER_NOT_PROVEN'], ['proof', 'ok', 'PRESENTATION_UNSIGNED'], ['challenge', 'ok', 'CHALLENGE_NOT_APPLICABLE'],
      ['domain', 'ok', 'DOMAIN_NOT_REQUIRED'], ['freshness', 'ok', 'FRESHNESS_NOT_APPLICABLE'], ['holder', 'ok', 'HOLDER_NOT_PROVEN'],
      ['credentials', 'ok', 'CREDENTIALS_OK'],
    ]);
    for (const id of ['holderKey', 'proof', 'challenge', 'freshness', 'holder']) expect(check(r, id)!.details, id).toEqual(NOT_PROVEN);
    expect(check(r, 'domain')!.details).toBeUndefined();
    expect(r).toMatchObject({ verified: true, holderProven: false, holder: world.holder.did });
    expect(r.credentials.map((c) => c.verified)).toEqual([true]);
  });

  const rows: Array<[string, () => unknown, Record<string, unknown>, string, string, Record<string, unknown>?]> = [
    ['the verifier asked for a challenge', () => unsigned(), { challenge: CHALLENGE }, 'challenge', 'CHALLENGE_MISSING'],
    ['the verifier asked for a domain only', () => unsigned(), { challenge: '', domain: DOMAIN }, 'domain', 'DOMAIN_MISSING'],
    ['the verifier asked for an empty domain', () => unsigned(), { challenge: '', domain: '' }, 'domain', 'DOMAIN_MISSING'],
    ['one revoked credential among two', () => unsigned([bound, revoked]), { challenge: '' }, 'credentials', 'CREDENTIAL_NOT_VERIFIED', { failed: 1 }],
    ['no credentials', () => unsigned([]), { challenge: '' }, 'credentials', 'CREDENTIALS_NONE'],
    ['21 credentials', () => unsigned(Array(21).fill(bound)), { challenge: '' }, 'credentials', 'TOO_MANY_CREDENTIALS', { held: 21, accreditations: 0 }],
  ];

  it.each(rows)('is refused when %s', async (_n, make, extra, id, code, details) => {
    const r = await verifyPresentation(make(), { ...world.verifyOptions(), domain: undefined, ...extra } as never);
    expect(r.verified).toBe(false);
    expect(r.holderProven).toBe(false);
    expect({ id, status: check(r, id)?.status, code: check(r, id)?.code }).toEqual({ id, status: 'failed', code });
    if (details) expect(check(r, id)!.details).toEqual(details);
    expect(r.error).toMatchObject({ check: id, code });
  });

  it('does no credential work once a challenge or domain it cannot meet was asked for', async () => {
    const r = await verifyPresentation(unsigned([bound, revoked]), { ...world.verifyOptions(), challenge: CHALLENGE });
    expect(r.credentials).toEqual([]);
    expect(check(r, 'holder')).toMatchObject({ status: 'unknown', code: 'NOT_CHECKED' });
    expect(check(r, 'credentials')).toMatchObject({ status: 'unknown', code: 'NOT_CHECKED' });
    expect(r.holder).toBe(world.holder.did);
  });
});

describe('what is not checked, and why', () => {
  it('checks neither key nor signature when the challenge does not match, and names the challenge as the error', async () => {
    const r = await verifyPresentation(await present({ challenge: 'other' }), options());
    expect(table(r).slice(3, 8)).toEqual([
      ['holderKey', 'unknown', 'NOT_CHECKED'], ['proof', 'unknown', 'NOT_CHECKED'], ['challenge', 'failed', 'CHALLENGE_MISMATCH'],
      ['domain', 'ok', 'DOMAIN_OK'], ['freshness', 'ok', 'FRESH'],
    ]);
    expect(r.error).toMatchObject({ check: 'challenge', code: 'CHALLENGE_MISMATCH' });
    expect(r.holderProven).toBe(false);
  });

  it('checks no key when only the domain does not match', async () => {
    const r = await verifyPresentation(await present({ domain: 'https://evil.example' }), options());
    expect(table(r).slice(3, 7)).toEqual([
      ['holderKey', 'unknown', 'NOT_CHECKED'], ['proof', 'unknown', 'NOT_CHECKED'], ['challenge', 'ok', 'CHALLENGE_OK'], ['domain', 'failed', 'DOMAIN_MISMATCH'],
    ]);
  });

  it('checks no signature and no credential when the key is not the holder’s, but still says whether the holder is the subject', async () => {
    const r = await verifyPresentation(await present({ signer: world.attacker }), options());
    expect(table(r).slice(3)).toEqual([
      ['holderKey', 'failed', 'KEY_NOT_HOLDERS'], ['proof', 'unknown', 'NOT_CHECKED'], ['challenge', 'ok', 'CHALLENGE_OK'],
      ['domain', 'ok', 'DOMAIN_OK'], ['freshness', 'ok', 'FRESH'], ['holder', 'ok', 'HOLDER_OK'], ['credentials', 'unknown', 'NOT_CHECKED'],
    ]);
    expect(r).toMatchObject({ verified: false, holderProven: false, holder: world.holder.did, credentials: [] });
  });

  it('verifies no credential when the signature fails (holder proven false, holder check on the written JSON)', async () => {
    const vp = await present({ credentials: [bound] });
    const r = await verifyPresentation({ ...vp, verifiableCredential: [foreign] }, options());
    expect(table(r).slice(3, 5)).toEqual([['holderKey', 'ok', 'HOLDER_KEY_OK'], ['proof', 'failed', 'SIGNATURE_INVALID']]);
    expect(check(r, 'holder')).toMatchObject({ status: 'failed', code: 'HOLDER_NOT_SUBJECT', details: { credential: foreign.id } });
    expect(check(r, 'credentials')).toMatchObject({ status: 'unknown', code: 'NOT_CHECKED' });
    expect(r).toMatchObject({ holderProven: false, credentials: [] });
  });

  it('20 held credentials are not too many (the check is skipped because the key fails, not refused)', async () => {
    const r = await verifyPresentation(await present({ signer: world.attacker, credentials: [...Array(20).fill(bound), ...Array(20).fill(accreditation)] }), options());
    expect(check(r, 'credentials')).toMatchObject({ status: 'unknown', code: 'NOT_CHECKED' });
  });

  it('leaves out the holder when the presentation names none', async () => {
    const r = await verifyPresentation(await present({ holder: null }), options());
    expect(r).not.toHaveProperty('holder');
    expect(check(r, 'holder')).toMatchObject({ status: 'failed', code: 'HOLDER_MISSING' });
  });

  const malformed: Array<[string, () => unknown, string, Record<string, unknown>?]> = [
    ['not an object', () => 'vp', 'NOT_AN_OBJECT'],
    ['an array', () => [], 'NOT_AN_OBJECT'],
    ['no VerifiablePresentation type', () => ({ ...unsigned(), type: ['VerifiableCredential'] }), 'PRESENTATION_TYPE_MISSING'],
    ['a forbidden key', () => JSON.parse('{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],"__proto__":{"x":1}}'), 'FORBIDDEN_KEY', { at: '$.__proto__' }],
    ['five proofs', () => ({ ...unsigned(), proof: Array(5).fill({ type: 'DataIntegrityProof' }) }), 'TOO_MANY_PROOFS', { proofs: 5, max: 4 }],
    ['nesting deeper than 32', () => { let deep: unknown = 1; for (let i = 0; i < 40; i++) deep = { a: deep }; return { ...unsigned(), deep }; }, 'TOO_LARGE'],
  ];

  it.each(malformed)('stops at wellFormed for %s; every other check NOT_CHECKED', async (_n, make, code, details) => {
    const r = await verifyPresentation(make(), options());
    expect(table(r)[0]).toEqual(['wellFormed', 'failed', code]);
    if (details) expect(r.checks[0]!.details).toMatchObject(details);
    expect(r.checks.slice(1).every((c) => c.code === 'NOT_CHECKED')).toBe(true);
    expect(r.checks).toHaveLength(10);
    expect(r).toMatchObject({ verified: false, holderProven: false, credentials: [], error: { check: 'wellFormed', code } });
  });

  it('turns an exception into INTERNAL_ERROR on the first check not yet done, the reason cut to 200 characters', async () => {
    const r = await verifyPresentation(await present(), { ...options(), now: { getTime: () => { throw new Error('x'.repeat(300)); } } as unknown as Date });
    const c = check(r, 'freshness')!;
    expect(c).toMatchObject({ status: 'failed', code: 'INTERNAL_ERROR' });
    expect(c.details).toEqual({ reason: 'x'.repeat(200) });
    expect(check(r, 'holder')).toMatchObject({ status: 'unknown', code: 'NOT_CHECKED' });
    expect(r.checks.map((x) => x.id)).toEqual(['wellFormed', 'contexts', 'terms', 'holderKey', 'proof', 'challenge', 'domain', 'freshness', 'holder', 'credentials']);
  });

  it('names a thrown non-Error "error"', async () => {
    const r = await verifyPresentation(await present(), { ...options(), now: { getTime: () => { throw 'boom'; } } as unknown as Date });
    expect(check(r, 'freshness')).toMatchObject({ code: 'INTERNAL_ERROR', details: { reason: 'error' } });
  });
});

describe('freshness at its edges (inclusive)', () => {
  const rows: Array<[string, () => Promise<Doc>, Record<string, unknown>]> = [
    ['created exactly 600 s ago', () => present({ created: new Date(NOW.getTime() - 600_000) }), {}],
    ['created exactly 300 s ahead (the clock skew)', () => present({ created: new Date(NOW.getTime() + 300_000) }), {}],
    ['created exactly 10 s ago with a 10 s maximum age', () => present({ created: new Date(NOW.getTime() - 10_000) }), { maxPresentationAgeSeconds: 10 }],
    ['created exactly 10 s ahead with a 10 s skew', () => present({ created: new Date(NOW.getTime() + 10_000) }), { clockSkewSeconds: 10 }],
    ['expiring exactly 300 s ago (the clock skew)', async () => withProof(await present(), (p) => { p.expires = new Date(NOW.getTime() - 300_000).toISOString(); }), {}],
    ['expiring in the future', async () => withProof(await present(), (p) => { p.expires = new Date(NOW.getTime() + 60_000).toISOString(); }), {}],
  ];

  it.each(rows)('is FRESH when %s', async (_n, make, extra) => {
    const r = await verifyPresentation(await make(), options(extra));
    expect(check(r, 'freshness')).toMatchObject({ status: 'ok', code: 'FRESH' });
    expect(check(r, 'freshness')!.details).toBeUndefined();
  });
});

describe('the order of checks', () => {
  it.each([
    ['signed', () => present({ credentials: Array(21).fill(bound) })],
    ['unsigned', async () => unsigned(Array(21).fill(bound))],
  ] as Array<[string, () => Promise<Doc>]>)('stays fixed when a %s presentation carries too many credentials (refused before the holder check)', async (_n, make) => {
    const opts = _n === 'signed' ? options() : { ...world.verifyOptions(), challenge: '' };
    const r = await verifyPresentation(await make(), opts);
    expect(table(r).slice(8)).toEqual([['holder', 'unknown', 'NOT_CHECKED'], ['credentials', 'failed', 'TOO_MANY_CREDENTIALS']]);
    expect(r.error).toMatchObject({ check: 'credentials', code: 'TOO_MANY_CREDENTIALS' });
    expect(r.holder).toBe(world.holder.did);
  });
});

describe('carried accreditations and the registry', () => {
  it('leaves an unreachable registry unknown when the wallet carried no accreditation', async () => {
    const r = await verifyPresentation(await present(), options({
      accreditation: { ...world.verifyOptions().accreditation!, findAccreditations: async () => { throw new Error('registry offline'); } },
    }));
    expect(r.credentials[0]!.checks.find((c) => c.id === 'accreditation')).toMatchObject({ status: 'unknown', code: 'ACCREDITATION_UNAVAILABLE' });
  });

  it('does not use carried accreditations when the verifier configured no accreditation source', async () => {
    const { accreditation: _a, ...noSource } = options();
    const r = await verifyPresentation(await present({ credentials: [bound, accreditation] }), noSource as never);
    expect(r.credentials[0]!.checks.find((c) => c.id === 'accreditation')).toMatchObject({ status: 'unknown', code: 'ACCREDITATION_NOT_CONFIGURED' });
  });
});

describe('where the presentation itself stops', () => {
  const rows: Array<[string, () => unknown, string, string]> = [
    ['an unknown context', () => ({ ...unsigned(), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://evil.example/ctx.json'] }), 'contexts', 'CONTEXT_UNKNOWN'],
    ['an undefined term', () => ({ ...unsigned(), nilaiRahasia: 1 }), 'terms', 'TERM_UNDEFINED'],
    ['more than 80 000 nodes', () => ({ ...unsigned(), big: Array(80_001).fill(0) }), 'wellFormed', 'TOO_LARGE'],
  ];

  it.each(rows)('stops at the failing check for %s; every later check NOT_CHECKED', async (_n, make, id, code) => {
    const r = await verifyPresentation(make(), options());
    const at = r.checks.findIndex((c) => c.id === id);
    expect(r.checks[at]).toMatchObject({ status: 'failed', code });
    expect(r.checks.slice(0, at).every((c) => c.status === 'ok')).toBe(true);
    expect(r.checks.slice(at + 1).every((c) => c.code === 'NOT_CHECKED')).toBe(true);
    expect(r).toMatchObject({ verified: false, holderProven: false, credentials: [], error: { check: id, code } });
  });

  it('allows a presentation exactly at the size limits (32 levels deep, 80 000 nodes) past wellFormed', async () => {
    const base = unsigned();
    const { nodes } = scanDocument(base, { maxDepth: 1000, maxNodes: 1_000_000 });
    // A chain that makes the document exactly 32 levels deep: the top is level 1, `deep`'s
    // value level 2, and each wrapping one more.
    let deep: unknown = 1;
    for (let i = 2; i < DOCUMENT_LIMITS.maxDepth; i++) deep = { a: deep };
    const atDepth = { ...base, deep };
    expect(scanDocument(atDepth, { maxDepth: 1000, maxNodes: 1_000_000 }).depth).toBe(DOCUMENT_LIMITS.maxDepth);
    // `big` adds one node for the array and one per item.
    const atNodes = { ...base, big: Array(DOCUMENT_LIMITS.maxNodes * 4 - nodes - 1).fill(0) };
    expect(scanDocument(atNodes, { maxDepth: 1000, maxNodes: 1_000_000 }).nodes).toBe(DOCUMENT_LIMITS.maxNodes * 4);
    for (const vp of [atDepth, atNodes]) {
      const r = await verifyPresentation(vp, options());
      expect(table(r)[0]).toEqual(['wellFormed', 'ok', 'PRESENTATION_WELL_FORMED']);
    }
    // One more level, one more node: too large.
    for (const vp of [{ ...base, deep: { a: deep } }, { ...atNodes, one: 0 }]) {
      expect(table(await verifyPresentation(vp, options()))[0]).toEqual(['wellFormed', 'failed', 'TOO_LARGE']);
    }
  });

  it('does no credential work when only a domain it cannot meet was asked for (unsigned presentation)', async () => {
    const r = await verifyPresentation(unsigned([bound, revoked]), { ...world.verifyOptions(), challenge: '', domain: DOMAIN });
    expect(check(r, 'challenge')).toMatchObject({ status: 'ok', code: 'CHALLENGE_NOT_APPLICABLE' });
    expect(check(r, 'domain')).toMatchObject({ status: 'failed', code: 'DOMAIN_MISSING' });
    expect(r.credentials).toEqual([]);
    expect(check(r, 'holder')).toMatchObject({ status: 'unknown', code: 'NOT_CHECKED' });
    expect(check(r, 'credentials')).toMatchObject({ status: 'unknown', code: 'NOT_CHECKED' });
  });

  it('allows four proofs (the limit) past wellFormed', async () => {
    const vp = await present();
    const r = await verifyPresentation({ ...vp, proof: Array(4).fill(vp.proof) }, options());
    expect(r.checks[0]).toMatchObject({ status: 'ok', code: 'PRESENTATION_WELL_FORMED' });
  });

  it('allows a presentation four times the size of one credential (30 000 nodes pass wellFormed)', async () => {
    const r = await verifyPresentation({ ...unsigned(), big: Array(30_000).fill(0) }, options());
    expect(r.checks[0]).toMatchObject({ status: 'ok', code: 'PRESENTATION_WELL_FORMED' });
  });
});

describe('whose subject the holder check reads', () => {
  it('reads the written subject of a credential that did not verify far enough to have a read form', async () => {
    // A broken credential signature: the credential fails, but the holder check still
    // answers for what is written (the holder is its subject), so the error names the
    // credential, not the holder.
    const broken = structuredClone(bound);
    const proof = broken.proof as Proof;
    proof.proofValue = `${String(proof.proofValue).slice(0, -4)}AAAA`;
    const r = await verifyPresentation(await present({ credentials: [broken] }), options());
    expect(r.credentials[0]!.verified).toBe(false);
    expect(r.credentials[0]!.document).toBeUndefined();
    expect(check(r, 'holder')).toMatchObject({ status: 'ok', code: 'HOLDER_OK' });
    expect(check(r, 'credentials')).toMatchObject({ status: 'failed', code: 'CREDENTIAL_NOT_VERIFIED', details: { failed: 1 } });
  });
});
