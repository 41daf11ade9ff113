/**
 * What the status check (shared/verify/checks/status.ts) must answer, pinned where the
 * earlier suites left it open (issue 13: these are the mutants StrykerJS saw survive):
 * the code, status and details of every refusal of an entry and of a list, the limit of
 * four entries (exactly at it and one past it), which outcome wins when entries disagree,
 * the per-list details of an active credential, staleness exactly at the maximum age,
 * and the cache of decoded lists (kept, refreshed and evicted in least-recently-used order,
 * only up to 256 KiB a list), observed by counting the real DecompressionStreams started.
 *
 * Most rows call checkStatus directly with the list's read form handed over as verified:
 * list signatures, keys and dates are the business of the list verifier, which
 * verify-credential tests cover; here the question is what the status check does with
 * what it is given. A fetched list that is not an object is checked both ways: through
 * verifyCredential (the real list verifier behind it) and directly (checkStatus refuses it
 * before handing it to any list verifier).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_STATUS_LIST_LENGTH, buildStatusEntry, buildStatusListCredential, createStatusBits, encodeStatusList, setStatusBit, verifyCredential } from '../../../../shared/index.js';
import type { StatusPurpose } from '../../../../shared/index.js';
import { checkStatus } from '../../../../shared/verify/checks/status.js';
import type { StatusCheckOptions } from '../../../../shared/verify/checks/status.js';
import type { Json } from '../../../../shared/verify/document.js';
import { createWorld } from '../../../fixtures/world.js';

const NOW = new Date('2026-06-01T08:00:00Z');
const ISSUER = 'did:web:lists.example';
const MAX_AGE = 3600;
const REV = 'https://lists.example/status/revocation/1';
const SUS = 'https://lists.example/status/suspension/1';

type Served = Record<string, { credential: unknown; fetchedAt?: Date } | Error>;

let zeros: string;
let bit5: string;

beforeAll(async () => {
  zeros = await encodeStatusList(createStatusBits(MIN_STATUS_LIST_LENGTH));
  const bits = createStatusBits(MIN_STATUS_LIST_LENGTH);
  setStatusBit(bits, 5, true);
  bit5 = await encodeStatusList(bits);
});

const listAt = (url: string, purpose: StatusPurpose, encodedList = zeros, change?: (l: Json) => void): Json => {
  const l = buildStatusListCredential({ url, issuerDid: ISSUER, purpose, encodedList, validFrom: new Date('2026-05-01T00:00:00Z') });
  change?.(l);
  return l;
};
const entry = (url: string, purpose: StatusPurpose, index = 5): Json => ({ ...buildStatusEntry(url, index, purpose) });
const bothEntries = () => [entry(REV, 'revocation'), entry(SUS, 'suspension')];
const servedBoth = (rev = zeros, sus = zeros): Served => ({ [REV]: { credential: listAt(REV, 'revocation', rev) }, [SUS]: { credential: listAt(SUS, 'suspension', sus) } });

function run(credentialStatus: unknown, served: Served = servedBoth(), extra: Partial<StatusCheckOptions> = {}) {
  const vc: Json = { issuer: { id: ISSUER }, ...(credentialStatus === undefined ? {} : { credentialStatus }) };
  return checkStatus(vc, {
    now: NOW,
    maxStatusAgeSeconds: MAX_AGE,
    fetchStatusList: async (url) => {
      const s = served[url];
      if (s === undefined) throw new Error('404');
      if (s instanceof Error) throw s;
      return { credential: s.credential, fetchedAt: s.fetchedAt ?? NOW };
    },
    // The read form is the fetched list itself: see the top of the file.
    verifyListCredential: async (list) => ({ verified: true, document: list as Json }),
    ...extra,
  });
}

describe('the entries a credential carries', () => {
  it('no credentialStatus: ok STATUS_NONE, with no details key at all', async () => {
    const r = await run(undefined);
    expect(r).toMatchObject({ id: 'status', status: 'ok', code: 'STATUS_NONE' });
    // Not even `details: undefined`: a caller spreading a check over defaults would lose them.
    expect(Object.keys(r).sort()).toEqual(['code', 'id', 'message', 'status']);
  });

  it.each([
    ['a single string', 'https://lists.example/status/revocation/1'],
    ['a string next to a valid entry', [entry(REV, 'revocation'), 'https://lists.example/status/revocation/1']],
    ['null next to a valid entry', [entry(REV, 'revocation'), null]],
  ])('an entry that is not an object (%s): failed STATUS_ENTRY_INVALID, nothing fetched', async (_name, status) => {
    const fetched: string[] = [];
    const r = await run(status, servedBoth(), {
      fetchStatusList: async (url) => { fetched.push(url); return { credential: listAt(REV, 'revocation'), fetchedAt: NOW }; },
    });
    expect(r).toMatchObject({ id: 'status', status: 'failed', code: 'STATUS_ENTRY_INVALID' });
    expect(r.details).toBeUndefined();
    expect(fetched).toEqual([]);
  });

  it('exactly four entries are checked (STATUS_ACTIVE, one details row each); five are refused with the count', async () => {
    const four = [...bothEntries(), entry(REV, 'revocation', 6), entry(SUS, 'suspension', 6)];
    const ok4 = await run(four);
    expect(ok4).toMatchObject({ status: 'ok', code: 'STATUS_ACTIVE' });
    expect((ok4.details as { lists: unknown[] }).lists).toHaveLength(4);

    const r = await run([...four, entry(REV, 'revocation', 7)]);
    expect(r).toMatchObject({ status: 'failed', code: 'STATUS_ENTRY_INVALID', details: { entries: 5, max: 4 } });
  });

  it.each([
    ['another entry type', { ...entry(REV, 'revocation'), type: 'StatusList2021Entry' }, 'unknown', 'STATUS_TYPE_UNSUPPORTED', { type: 'StatusList2021Entry' }],
    ['no type', (() => { const e = entry(REV, 'revocation'); delete e.type; return e; })(), 'unknown', 'STATUS_TYPE_UNSUPPORTED', { type: 'undefined' }],
    ['a purpose outside revocation/suspension', { ...entry(REV, 'revocation'), statusPurpose: 'refresh' }, 'unknown', 'STATUS_ENTRY_INVALID', { statusPurpose: 'refresh' }],
    ['no purpose', (() => { const e = entry(REV, 'revocation'); delete e.statusPurpose; return e; })(), 'unknown', 'STATUS_ENTRY_INVALID', { statusPurpose: '' }],
    ['a list URL that is not http(s) at its start', { ...entry(REV, 'revocation'), statusListCredential: 'ftp://lists.example/?https://lists.example/x' }, 'failed', 'STATUS_ENTRY_INVALID', undefined],
    ['a list URL that is not a string', { ...entry(REV, 'revocation'), statusListCredential: { id: REV } }, 'failed', 'STATUS_ENTRY_INVALID', undefined],
  ])('%s: %s %s with its details', async (_name, e, status, code, details) => {
    const r = await run([e]);
    expect(r).toMatchObject({ id: 'status', status, code });
    expect(r.details).toEqual(details);
  });

  it('a plain http list URL is fetched and read like an https one', async () => {
    const url = 'http://lists.example/status/revocation/1';
    const r = await run([entry(url, 'revocation')], { [url]: { credential: listAt(url, 'revocation', bit5) } });
    expect(r).toMatchObject({ status: 'failed', code: 'CREDENTIAL_REVOKED' });
  });
});

describe('the list behind an entry', () => {
  const withList = (change: (l: Json) => void): Served => ({ [REV]: { credential: listAt(REV, 'revocation', zeros, change) } });

  it('unreachable (a plain error): unknown STATUS_UNREACHABLE with the URL and FETCH_FAILED', async () => {
    const r = await run([entry(REV, 'revocation')], { [REV]: new Error('ECONNREFUSED') });
    expect(r).toMatchObject({ id: 'status', status: 'unknown', code: 'STATUS_UNREACHABLE', details: { url: REV, reason: 'FETCH_FAILED' } });
  });

  it('as old as the maximum age still counts; one second older is unknown STATUS_STALE', async () => {
    const at = (age: number): Served => ({ [REV]: { credential: listAt(REV, 'revocation'), fetchedAt: new Date(NOW.getTime() - age * 1000) } });
    expect(await run([entry(REV, 'revocation')], at(MAX_AGE))).toMatchObject({ status: 'ok', code: 'STATUS_ACTIVE' });
    expect(await run([entry(REV, 'revocation')], at(MAX_AGE + 1))).toMatchObject({ status: 'unknown', code: 'STATUS_STALE', details: { url: REV, ageSeconds: MAX_AGE + 1 } });
  });

  it('a list its verifier refuses: failed STATUS_LIST_INVALID with the URL and the verifier\'s code', async () => {
    const r = await run([entry(REV, 'revocation')], servedBoth(), { verifyListCredential: async () => ({ verified: false, code: 'PROOF_INVALID' }) });
    expect(r).toMatchObject({ status: 'failed', code: 'STATUS_LIST_INVALID', details: { url: REV, reason: 'PROOF_INVALID' } });
  });

  it.each([
    ['issued by someone else', (l: Json) => { l.issuer = 'did:web:other.example'; }, 'STATUS_LIST_ISSUER_MISMATCH', { url: REV }],
    ['not a BitstringStatusListCredential', (l: Json) => { l.type = ['VerifiableCredential']; }, 'STATUS_LIST_WRONG_TYPE', { url: REV }],
    ['a subject that is not an object', (l: Json) => { l.credentialSubject = [l.credentialSubject]; }, 'STATUS_LIST_WRONG_TYPE', { url: REV }],
    ['a subject that is not a BitstringStatusList', (l: Json) => { (l.credentialSubject as Json).type = 'StatusList2021'; }, 'STATUS_LIST_WRONG_TYPE', { url: REV }],
    ['for another purpose', (l: Json) => { (l.credentialSubject as Json).statusPurpose = 'suspension'; }, 'STATUS_LIST_WRONG_TYPE', { url: REV, statusPurpose: 'revocation' }],
    ['with an id other than its URL', (l: Json) => { l.id = SUS; }, 'STATUS_LIST_WRONG_TYPE', { url: REV, reason: 'id differs from URL' }],
    ['without an encodedList', (l: Json) => { delete (l.credentialSubject as Json).encodedList; }, 'STATUS_LIST_MALFORMED', { url: REV }],
    ['with an encodedList that is not GZIP', (l: Json) => { (l.credentialSubject as Json).encodedList = 'uAAAAAAAAAAAAAAAAAAAAAAAAAAAA'; }, 'STATUS_LIST_MALFORMED', { url: REV }],
    ['with an encodedList over 1 MiB of text', (l: Json) => { (l.credentialSubject as Json).encodedList = `u${'A'.repeat(1024 * 1024)}`; }, 'STATUS_LIST_TOO_LARGE', { url: REV }],
  ])('a list %s: failed %s with its details', async (_name, change, code, details) => {
    const r = await run([entry(REV, 'revocation')], withList(change));
    expect(r).toMatchObject({ id: 'status', status: 'failed', code });
    expect(r.details).toEqual(details);
  });

  it('a list with no id is read (the id is compared only when present)', async () => {
    const r = await run([entry(REV, 'revocation')], withList((l) => { delete l.id; }));
    expect(r).toMatchObject({ status: 'ok', code: 'STATUS_ACTIVE' });
  });

  it('a list shorter than the minimum: failed STATUS_LIST_TOO_SHORT with the URL and its length', async () => {
    const short = await encodeStatusList(createStatusBits(8192));
    const r = await run([entry(REV, 'revocation')], { [REV]: { credential: listAt(REV, 'revocation', short) } });
    expect(r).toMatchObject({ status: 'failed', code: 'STATUS_LIST_TOO_SHORT', details: { url: REV, length: 8192 } });
  });

  it.each([
    ['past the end', String(MIN_STATUS_LIST_LENGTH), 'STATUS_INDEX_OUT_OF_RANGE'],
    ['not a number', 'five', 'STATUS_INDEX_INVALID'],
  ])('an index %s: failed %s with the URL', async (_name, index, code) => {
    const r = await run([{ ...entry(REV, 'revocation'), statusListIndex: index }]);
    expect(r).toMatchObject({ status: 'failed', code, details: { url: REV } });
  });
});

describe('when entries disagree, and what an active credential reports', () => {
  it('STATUS_ACTIVE reports each list: purpose, when fetched, how old', async () => {
    const fetchedAt = new Date(NOW.getTime() - 60_000);
    const served: Served = { [REV]: { credential: listAt(REV, 'revocation'), fetchedAt }, [SUS]: { credential: listAt(SUS, 'suspension'), fetchedAt } };
    const r = await run(bothEntries(), served);
    expect(r).toEqual(expect.objectContaining({
      id: 'status', status: 'ok', code: 'STATUS_ACTIVE',
      details: {
        revoked: false, suspended: false,
        lists: [
          { purpose: 'revocation', fetchedAt: fetchedAt.toISOString(), ageSeconds: 60 },
          { purpose: 'suspension', fetchedAt: fetchedAt.toISOString(), ageSeconds: 60 },
        ],
      },
    }));
  });

  it('revoked only: CREDENTIAL_REVOKED says revoked and not suspended', async () => {
    const r = await run(bothEntries(), servedBoth(bit5, zeros));
    expect(r).toMatchObject({ status: 'failed', code: 'CREDENTIAL_REVOKED', details: { revoked: true, suspended: false } });
  });

  it('an entry that fails outright wins over an earlier one that is only unknown', async () => {
    const unsupported = { ...entry(REV, 'revocation'), type: 'StatusList2021Entry' };
    const badUrl = { ...entry(SUS, 'suspension'), statusListCredential: 'file:///etc/passwd' };
    const r = await run([unsupported, badUrl]);
    expect(r).toMatchObject({ status: 'failed', code: 'STATUS_ENTRY_INVALID' });
    expect(r.details).toBeUndefined();
  });

  it('an entry that fails outright wins over a suspension', async () => {
    const badUrl = { ...entry(REV, 'revocation'), statusListCredential: 'file:///etc/passwd' };
    const r = await run([badUrl, entry(SUS, 'suspension')], servedBoth(zeros, bit5));
    expect(r).toMatchObject({ status: 'failed', code: 'STATUS_ENTRY_INVALID' });
  });

  it('a suspension wins over an entry that is only unknown', async () => {
    const unsupported = { ...entry(REV, 'revocation'), type: 'StatusList2021Entry' };
    const r = await run([unsupported, entry(SUS, 'suspension')], servedBoth(zeros, bit5));
    expect(r).toMatchObject({ status: 'failed', code: 'CREDENTIAL_SUSPENDED', details: { revoked: false, suspended: true } });
  });
});

describe('a fetched list that is not an object (through verifyCredential)', () => {
  it.each([['a string', 'not a list'], ['null', null], ['an array', []]])('%s: failed STATUS_LIST_INVALID, reason NOT_AN_OBJECT', async (_name, credential) => {
    const world = await createWorld();
    const vc = await world.issue();
    const url = world.listUrl(world.provider, 'revocation');
    const real = world.verifyOptions().fetchStatusList!;
    const r = await verifyCredential(vc, world.verifyOptions({
      fetchStatusList: async (u) => (u === url ? { credential, fetchedAt: NOW } : real(u)),
    }));
    const status = r.checks.find((c) => c.id === 'status');
    expect(status).toMatchObject({ status: 'failed', code: 'STATUS_LIST_INVALID', details: { url, reason: 'NOT_AN_OBJECT' } });
  });

  it('checkStatus refuses it itself: the injected list verifier is never handed a non-object', async () => {
    const handed: unknown[] = [];
    const r = await run([entry(REV, 'revocation')], { [REV]: { credential: 'not a list' } }, {
      verifyListCredential: async (list) => { handed.push(list); return { verified: true, document: listAt(REV, 'revocation') }; },
    });
    expect(r).toMatchObject({ status: 'failed', code: 'STATUS_LIST_INVALID', details: { url: REV, reason: 'NOT_AN_OBJECT' } });
    expect(handed).toEqual([]);
  });
});

describe('the cache of decoded lists', () => {
  // Counts the real gunzips (each decode starts one DecompressionStream); the streams still run.
  let decodes = 0;
  beforeEach(() => {
    decodes = 0;
    const Real = globalThis.DecompressionStream;
    class Counting extends Real {
      constructor(format: CompressionFormat) {
        super(format);
        decodes += 1;
      }
    }
    vi.stubGlobal('DecompressionStream', Counting);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  // Every list here has a text no other test decodes (a bit of its own set), so the cache starts cold for it.
  let next = 1000;
  async function freshList(bytes = MIN_STATUS_LIST_LENGTH / 8): Promise<string> {
    const bits = createStatusBits(bytes * 8);
    setStatusBit(bits, next++, true);
    return encodeStatusList(bits);
  }
  /** Checks one entry against a list with this text; returns how many decodes it took. */
  async function check(encoded: string): Promise<number> {
    const before = decodes;
    const r = await run([entry(REV, 'revocation', 1)], { [REV]: { credential: listAt(REV, 'revocation', encoded) } });
    expect(r).toMatchObject({ status: 'ok', code: 'STATUS_ACTIVE' });
    return decodes - before;
  }

  it('a list seen before is not decoded again', async () => {
    const l = await freshList();
    expect(await check(l)).toBe(1);
    expect(await check(l)).toBe(0);
    expect(await check(l)).toBe(0);
  });

  it('keeps a list of exactly 256 KiB; one byte more is decoded every time', async () => {
    const atCap = await freshList(256 * 1024);
    expect(await check(atCap)).toBe(1);
    expect(await check(atCap)).toBe(0);
    const over = await freshList(256 * 1024 + 1);
    expect(await check(over)).toBe(1);
    expect(await check(over)).toBe(1);
  });

  it('keeps the 16 most recently used lists: a list used again is kept, the least recently used one goes', async () => {
    const lists: string[] = [];
    for (let i = 0; i < 16; i++) lists.push(await freshList());
    for (const l of lists) expect(await check(l)).toBe(1);
    // All 16 fit.
    for (const l of lists) expect(await check(l)).toBe(0);
    // Use the first again: the second is now the least recently used.
    expect(await check(lists[0]!)).toBe(0);
    expect(await check(await freshList())).toBe(1);
    expect(await check(lists[0]!)).toBe(0);
    expect(await check(lists[1]!)).toBe(1);
  });
});
