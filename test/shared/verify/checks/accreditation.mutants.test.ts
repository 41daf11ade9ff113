/**
 * What the accreditation check (`checks/accreditation.ts`) decides, pinned where mutation
 * testing found no test looking (issue 13): how the terms of an accreditation are read
 * (non-string scope values dropped, no grade), the bounded candidate list (8 verified at
 * most, chosen by their written subject), the early stop once one accreditation covers
 * every certified competency, which code wins when several accreditations disagree
 * (withdrawn, expired, outside the scope, in force a few seconds after issuance), and each
 * answer's code and details (the HR page names the provider and the competency from them).
 *
 * Most rows run the real pipeline (`verifyCredential` on the fixture world, LAN-signed
 * accreditations, real status lists); the registry is replaced only to choose which
 * candidates it returns and in what order. Three rows call `checkAccreditation` directly
 * with its injected verifier, for what the pipeline's own verifier can never produce (a
 * read form naming another provider, a failure other than validity or status, no issuer):
 * they pin the check's own contract.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readAccreditationTerms, verifyCredential } from '../../../../shared/index.js';
import type { CredentialVerification, VerifyOptions } from '../../../../shared/index.js';
import { checkAccreditation } from '../../../../shared/verify/checks/accreditation.js';
import { createWorld, ISSUED_AT } from '../../../fixtures/world.js';
import type { Party, World } from '../../../fixtures/world.js';

type Doc = Record<string, unknown>;

const IN_FORCE = { from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') };
/** Ended before the credential was issued (ISSUED_AT, 2026-05-20). */
const ENDED = { from: new Date('2025-01-01T00:00:00Z'), until: new Date('2026-03-01T00:00:00Z') };
const M01 = { type: 'manajerial', code: 'M.01' };

let world: World;
let vc: Doc;
let nextRevoked = 900;

beforeAll(async () => {
  world = await createWorld();
  vc = await world.issue();
});

/** LAN accredits `provider` (the curated one unless named); `revoked` withdraws it at once. */
async function accredit(opts: { types: string[]; codes?: string[]; period?: { from: Date; until: Date }; name?: string; revoked?: boolean; provider?: Party; signedBy?: Party }): Promise<Doc> {
  const statusIndex = nextRevoked++;
  const acc = await world.accredit({
    provider: opts.provider ?? world.provider, types: opts.types, ...(opts.codes ? { codes: opts.codes } : {}),
    ...(opts.period ?? IN_FORCE), ...(opts.name ? { name: opts.name } : {}), statusIndex, ...(opts.signedBy ? { signedBy: opts.signedBy } : {}),
  });
  if (opts.revoked) await world.setStatus('revocation', opts.signedBy ?? world.lan, statusIndex, true);
  return acc;
}

/** The world's options with a registry that answers exactly `candidates`, in this order. */
function optionsWith(candidates: unknown[], extra: Partial<VerifyOptions> = {}): VerifyOptions {
  const base = world.verifyOptions();
  return { ...base, accreditation: { ...base.accreditation!, findAccreditations: async () => structuredClone(candidates) }, ...extra };
}

const accreditationOf = (r: CredentialVerification) => r.checks.find((c) => c.id === 'accreditation')!;
const judge = async (candidates: unknown[], credential: Doc = vc) => accreditationOf(await verifyCredential(credential, optionsWith(candidates)));

describe('readAccreditationTerms', () => {
  it('keeps only string scope values and reads a missing grade as empty', async () => {
    const acc = structuredClone(await accredit({ types: ['manajerial'] }));
    const subject = acc.credentialSubject as Doc;
    expect(readAccreditationTerms(acc)).toMatchObject({ grade: 'A', competencyTypes: ['manajerial'], competencyCodes: [] });
    subject.scopeCompetencyType = ['manajerial', 3, null, 'teknis'];
    subject.scopeCompetencyCode = [7, 'M.01', { code: 'M.02' }];
    delete subject.accreditationGrade;
    expect(readAccreditationTerms(acc)).toMatchObject({ grade: '', competencyTypes: ['manajerial', 'teknis'], competencyCodes: ['M.01'] });
    subject.accreditationGrade = 1;
    subject.scopeCompetencyCode = 'M.03';
    expect(readAccreditationTerms(acc)).toMatchObject({ grade: '', competencyCodes: ['M.03'] });
  });
});

describe('what the credential must say', () => {
  it('a credential that certifies no competency fails with COMPETENCY_MISSING', async () => {
    const none = await world.issue({ index: 11, mutate: (d) => { delete ((d.credentialSubject as Doc).achievement as Doc).alignment; } });
    const r = await verifyCredential(none, world.verifyOptions());
    expect(accreditationOf(r)).toMatchObject({ status: 'failed', code: 'COMPETENCY_MISSING' });
  });

  it('a credential without validFrom fails NOT_ACCREDITED_AT_ISSUANCE, saying there is no issuance date', async () => {
    await accredit({ types: ['manajerial'] });
    const undated = await world.issue({ index: 12, mutate: (d) => { delete d.validFrom; } });
    const r = await verifyCredential(undated, world.verifyOptions());
    expect(accreditationOf(r)).toMatchObject({ status: 'failed', code: 'NOT_ACCREDITED_AT_ISSUANCE', details: { reason: 'no issuance date' } });
  });

  it('an issuer LAN never accredited fails ISSUER_NOT_CURATED, naming the issuer', async () => {
    const stray = await world.issue({ issuer: world.uncurated, index: 13 });
    const r = await verifyCredential(stray, world.verifyOptions());
    expect(accreditationOf(r)).toMatchObject({ status: 'failed', code: 'ISSUER_NOT_CURATED', details: { issuer: world.uncurated.did } });
  });
});

describe('the candidates that are verified', () => {
  it('verifies at most 8 candidates, in the order the registry gives them', async () => {
    const real = await accredit({ types: ['manajerial'] });
    // A provider accrediting itself: authentic at most, never LAN's, and it takes a slot.
    const forged = await Promise.all(Array.from({ length: 8 }, () => accredit({ types: ['manajerial'], signedBy: world.provider })));
    expect(await judge([...forged.slice(0, 7), real])).toMatchObject({ status: 'ok', code: 'ACCREDITED' });
    expect(await judge([...forged, real])).toMatchObject({ status: 'failed', code: 'ISSUER_NOT_CURATED' });
  });

  it('chooses them by their written subject: accreditations of other providers and non-objects take no slot', async () => {
    const real = await accredit({ types: ['manajerial'] });
    const others = await Promise.all(Array.from({ length: 8 }, () => accredit({ types: ['manajerial'], provider: world.uncurated })));
    expect(await judge([...others, real])).toMatchObject({ status: 'ok', code: 'ACCREDITED' });
    expect(await judge(['x', null, 42, [], [real], true, {}, { credentialSubject: world.provider.did }, real])).toMatchObject({ status: 'ok', code: 'ACCREDITED' });
    // Only those of other providers: the issuer is not curated.
    expect(await judge(others)).toMatchObject({ status: 'failed', code: 'ISSUER_NOT_CURATED' });
  });

  it('goes on past a valid accreditation that does not cover the competency', async () => {
    const teknis = await accredit({ types: ['teknis'], name: 'Teknis saja' });
    const manajerial = await accredit({ types: ['manajerial'], name: 'Manajerial' });
    expect(await judge([teknis, manajerial])).toMatchObject({
      status: 'ok', code: 'ACCREDITED', details: { issuer: world.provider.did, providerName: 'Manajerial', competencies: [M01] },
    });
  });

  it('goes on past one that covers only some of the certified competencies', async () => {
    const two = await world.issue({
      index: 14,
      mutate: (d) => {
        const alignment = ((d.credentialSubject as Doc).achievement as Doc).alignment as Doc[];
        alignment.push({ ...alignment[0], targetCode: 'M.02', targetName: 'Kerjasama', targetUrl: 'https://kredensial.example/achievements/kompetensi/manajerial/M.02' });
      },
    });
    const onlyM01 = await accredit({ types: ['manajerial'], codes: ['M.01'] });
    const all = await accredit({ types: ['manajerial'] });
    expect(await judge([onlyM01, all], two)).toMatchObject({ status: 'ok', code: 'ACCREDITED', details: { competencies: [M01, { type: 'manajerial', code: 'M.02' }] } });
    expect(await judge([onlyM01], two)).toMatchObject({ status: 'failed', code: 'OUTSIDE_ACCREDITED_SCOPE', details: { competency: { type: 'manajerial', code: 'M.02' } } });
  });

  it('stops verifying at the first accreditation that covers every certified competency', async () => {
    const first = await accredit({ types: ['manajerial'], name: 'Pertama' });
    const second = await accredit({ types: ['manajerial'], name: 'Kedua' });
    // Each accreditation verified costs its status-list fetches: count them.
    const fetchesFor = async (candidates: unknown[]) => {
      let fetched = 0;
      const base = world.verifyOptions();
      const r = await verifyCredential(vc, optionsWith(candidates, { fetchStatusList: async (url) => { fetched += 1; return base.fetchStatusList!(url); } }));
      expect(accreditationOf(r)).toMatchObject({ code: 'ACCREDITED', details: { providerName: 'Pertama' } });
      return fetched;
    };
    const one = await fetchesFor([first]);
    expect(await fetchesFor([first, second])).toBe(one);
    expect(await fetchesFor([first, second, second, second])).toBe(one);
  });
});

describe('which code wins when nothing valid covers the competency', () => {
  const named = () => ({ issuer: world.provider.did, providerName: 'Pusdiklat Contoh (terkurasi)', competency: M01 });
  const teknis = (revoked = false) => accredit({ types: ['teknis'], revoked });
  const ended = () => accredit({ types: ['manajerial'], period: ENDED });
  // Valid (within the 300 s clock skew at issuance) but in force only 100 s after it.
  const late = () => accredit({ types: ['manajerial'], period: { from: new Date(ISSUED_AT.getTime() + 100_000), until: IN_FORCE.until } });
  const withdrawn = () => accredit({ types: ['manajerial'], revoked: true });

  // Each row: the registry's candidates (judged in either order when two), and the answer.
  const rows: Array<[string, string, () => Promise<Doc[]>]> = [
    ['one in force at issuance for another type only', 'OUTSIDE_ACCREDITED_SCOPE', async () => [await teknis()]],
    ['one valid but starting after issuance', 'NOT_ACCREDITED_AT_ISSUANCE', async () => [await late()]],
    ['one withdrawn that never covered this type', 'OUTSIDE_ACCREDITED_SCOPE', async () => [await teknis(true)]],
    ['one that had ended, alone', 'NOT_ACCREDITED_AT_ISSUANCE', async () => [await ended()]],
    ['one withdrawn next to one that had ended', 'ACCREDITATION_WITHDRAWN', async () => [await ended(), await withdrawn()]],
    ['one withdrawn for another type next to one that had ended', 'OUTSIDE_ACCREDITED_SCOPE', async () => [await ended(), await teknis(true)]],
  ];
  it.each(rows)('%s → %s, naming issuer, provider and competency', async (_, code, candidates) => {
    const list = await candidates();
    for (const order of [list, [...list].reverse()]) {
      expect(await judge(order)).toEqual({ id: 'accreditation', status: 'failed', code, message: expect.any(Object), details: named() });
    }
  });
});

describe('the check against its injected verifier', () => {
  const source = (candidates: unknown[], asked: string[] = []) => ({
    trustAnchor: { did: world.lan.did, publicKeyMultibase: world.lan.publicKeyMultibase },
    findAccreditations: async (did: string) => { asked.push(did); return structuredClone(candidates); },
  });

  it('counts what the verified read form says, not what was written: a read form naming another provider is no accreditation', async () => {
    const written = await accredit({ types: ['manajerial'] });
    const readForm = await accredit({ types: ['manajerial'], provider: world.uncurated });
    const r = await checkAccreditation(vc, { accreditation: source([written]), verifyAccreditationCredential: async () => ({ verified: true, document: readForm }) });
    expect(r).toMatchObject({ status: 'failed', code: 'ISSUER_NOT_CURATED' });
    // The same with the read form of the issuer's own accreditation is accredited.
    const own = await checkAccreditation(vc, { accreditation: source([written]), verifyAccreditationCredential: async () => ({ verified: true, document: written }) });
    expect(own).toMatchObject({ status: 'ok', code: 'ACCREDITED' });
  });

  it('ignores an accreditation that failed for a reason other than its validity or status', async () => {
    const acc = await accredit({ types: ['manajerial'] });
    const r = await checkAccreditation(vc, {
      accreditation: source([acc]),
      verifyAccreditationCredential: async () => ({ verified: false, check: 'proof', code: 'PROOF_INVALID', document: acc }),
    });
    expect(r).toMatchObject({ status: 'failed', code: 'ISSUER_NOT_CURATED' });
  });

  it('asks the registry about the empty name when the document names no issuer, and reports it so', async () => {
    const { issuer: _issuer, ...noIssuer } = vc;
    const asked: string[] = [];
    const r = await checkAccreditation(noIssuer, {
      accreditation: source([], asked),
      verifyAccreditationCredential: async () => { throw new Error('no candidate to verify'); },
    });
    expect(r).toMatchObject({ status: 'failed', code: 'ISSUER_NOT_CURATED', details: { issuer: '' } });
    expect(asked).toEqual(['']);
  });
});
