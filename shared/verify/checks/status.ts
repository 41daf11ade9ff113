import { AppError } from '../../errors.js';
import { decodeStatusList, getStatusBit, MIN_STATUS_LIST_LENGTH, parseStatusListIndex } from '../../status/bitstring.js';
import { asArray, idOf, isObject, typesOf } from '../document.js';
import type { Json } from '../document.js';
import { failed, ok, unknown } from './result.js';
import type { CheckResult, StatusListFetcher } from '../types.js';

const PURPOSES = new Set(['revocation', 'suspension']);
/** One entry per purpose plus room: more is an amplification attempt (one fetch each). */
const MAX_STATUS_ENTRIES = 4;

export interface StatusCheckOptions {
  now: Date;
  fetchStatusList?: StatusListFetcher;
  maxStatusAgeSeconds: number;
  /**
   * Verifies the status list credential itself (signature, key, dates) and returns its
   * read form: the list is read from what its proof covers, never from the fetched JSON.
   */
  verifyListCredential(list: unknown): Promise<{ verified: boolean; code?: string; document?: Json }>;
}

interface EntryOutcome {
  purpose: string;
  set?: boolean;
  failure?: CheckResult<'status'>;
  fetchedAt?: string;
  ageSeconds?: number;
}

/**
 * Bitstring Status List v1.0. Each entry's list is fetched through the injected fetcher,
 * verified as a credential of the same issuer, and read with strict index parsing. An
 * unreachable or stale list gives `unknown`, never "not revoked". Revoked wins over
 * suspended; both are reported.
 */
export async function checkStatus(vc: Json, opts: StatusCheckOptions): Promise<CheckResult<'status'>> {
  const id = 'status' as const;
  const entries = asArray(vc.credentialStatus);
  if (entries.length === 0) return ok(id, 'STATUS_NONE');
  if (!entries.every(isObject)) return failed(id, 'STATUS_ENTRY_INVALID');
  if (entries.length > MAX_STATUS_ENTRIES) return failed(id, 'STATUS_ENTRY_INVALID', { entries: entries.length, max: MAX_STATUS_ENTRIES });
  if (!opts.fetchStatusList) return unknown(id, 'STATUS_NOT_CHECKABLE');
  const issuer = idOf(vc.issuer);
  const outcomes: EntryOutcome[] = [];
  // Each list is fetched and verified once, however many entries point at it.
  const lists = new Map<string, Promise<ListOutcome>>();
  const fetchOnce: ListFetch = (url) => {
    let p = lists.get(url);
    if (!p) lists.set(url, (p = fetchList(url, opts)));
    return p;
  };
  for (const entry of entries as Json[]) {
    outcomes.push(await checkEntry(entry, issuer, opts, fetchOnce));
  }
  const hardFailure = outcomes.find((o) => o.failure?.status === 'failed');
  const revoked = outcomes.some((o) => o.purpose === 'revocation' && o.set);
  const suspended = outcomes.some((o) => o.purpose === 'suspension' && o.set);
  const details = {
    revoked, suspended,
    lists: outcomes.map((o) => ({ purpose: o.purpose, fetchedAt: o.fetchedAt, ageSeconds: o.ageSeconds })),
  };
  if (revoked) return failed(id, 'CREDENTIAL_REVOKED', details);
  if (hardFailure?.failure) return hardFailure.failure;
  if (suspended) return failed(id, 'CREDENTIAL_SUSPENDED', details);
  const notKnown = outcomes.find((o) => o.failure);
  if (notKnown?.failure) return notKnown.failure;
  return ok(id, 'STATUS_ACTIVE', details);
}

type ListOutcome = { ok: true; fetchedAt: Date; verified: { verified: boolean; code?: string; document?: Json } } | { ok: false; reason: string };
type ListFetch = (url: string) => Promise<ListOutcome>;

async function fetchList(url: string, opts: StatusCheckOptions): Promise<ListOutcome> {
  let fetched;
  try {
    fetched = await opts.fetchStatusList!(url);
  } catch (e) {
    return { ok: false, reason: e instanceof AppError ? e.code : 'FETCH_FAILED' };
  }
  const list = fetched.credential;
  if (!isObject(list)) return { ok: true, fetchedAt: fetched.fetchedAt, verified: { verified: false, code: 'NOT_AN_OBJECT' } };
  return { ok: true, fetchedAt: fetched.fetchedAt, verified: await opts.verifyListCredential(list) };
}

/**
 * Decoded lists by their exact `encodedList` text. Decoding (base64 + gunzip through a
 * DecompressionStream) is a pure function of that text and cost more than the rest of a
 * status check; a provider's list changes only when a credential is revoked or suspended,
 * so consecutive verifications almost always decode the same text. Only successful
 * decodings are kept (a refusal is thrown again each time); the bits are never written to.
 * Bounded by count and by size: a list is 16 KB or more decoded, and an issuer can make one
 * decode to many megabytes (zeros compress well), so only lists up to 256 KB are kept.
 */
const DECODED_MAX = 16;
const DECODED_MAX_BYTES = 256 * 1024;
const decoded = new Map<string, Uint8Array>();

async function decodedList(encoded: string): Promise<Uint8Array> {
  const hit = decoded.get(encoded);
  if (hit) {
    decoded.delete(encoded);
    decoded.set(encoded, hit);
    return hit;
  }
  const bits = await decodeStatusList(encoded);
  if (bits.byteLength > DECODED_MAX_BYTES) return bits;
  decoded.set(encoded, bits);
  if (decoded.size > DECODED_MAX) decoded.delete(decoded.keys().next().value as string);
  return bits;
}

async function checkEntry(entry: Json, issuer: string | undefined, opts: StatusCheckOptions, fetchOnce: ListFetch): Promise<EntryOutcome> {
  const id = 'status' as const;
  const purpose = String(entry.statusPurpose ?? '');
  const out: EntryOutcome = { purpose };
  if (!typesOf(entry).includes('BitstringStatusListEntry')) return { ...out, failure: unknown(id, 'STATUS_TYPE_UNSUPPORTED', { type: String(entry.type) }) };
  if (!PURPOSES.has(purpose)) return { ...out, failure: unknown(id, 'STATUS_ENTRY_INVALID', { statusPurpose: purpose }) };
  const url = entry.statusListCredential;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return { ...out, failure: failed(id, 'STATUS_ENTRY_INVALID') };

  const fetched = await fetchOnce(url);
  if (!fetched.ok) return { ...out, failure: unknown(id, 'STATUS_UNREACHABLE', { url, reason: fetched.reason }) };
  const ageSeconds = Math.max(0, Math.round((opts.now.getTime() - fetched.fetchedAt.getTime()) / 1000));
  out.fetchedAt = fetched.fetchedAt.toISOString();
  out.ageSeconds = ageSeconds;
  if (ageSeconds > opts.maxStatusAgeSeconds) return { ...out, failure: unknown(id, 'STATUS_STALE', { url, ageSeconds }) };

  const { verified: listCheck } = fetched;
  const list = listCheck.document;
  if (!listCheck.verified || !list) return { ...out, failure: failed(id, 'STATUS_LIST_INVALID', { url, reason: listCheck.code }) };
  if (idOf(list.issuer) !== issuer) return { ...out, failure: failed(id, 'STATUS_LIST_ISSUER_MISMATCH', { url }) };
  const subject = list.credentialSubject;
  if (!typesOf(list).includes('BitstringStatusListCredential') || !isObject(subject) || !typesOf(subject).includes('BitstringStatusList')) {
    return { ...out, failure: failed(id, 'STATUS_LIST_WRONG_TYPE', { url }) };
  }
  if (!asArray(subject.statusPurpose).includes(purpose)) return { ...out, failure: failed(id, 'STATUS_LIST_WRONG_TYPE', { url, statusPurpose: purpose }) };
  if (list.id !== undefined && list.id !== url) return { ...out, failure: failed(id, 'STATUS_LIST_WRONG_TYPE', { url, reason: 'id differs from URL' }) };

  let bits: Uint8Array;
  try {
    bits = await decodedList(String(subject.encodedList ?? ''));
  } catch (e) {
    const code = e instanceof AppError && e.code === 'STATUS_LIST_TOO_LARGE' ? 'STATUS_LIST_TOO_LARGE' : 'STATUS_LIST_MALFORMED';
    return { ...out, failure: failed(id, code, { url }) };
  }
  const length = bits.length * 8;
  if (length < MIN_STATUS_LIST_LENGTH) return { ...out, failure: failed(id, 'STATUS_LIST_TOO_SHORT', { url, length }) };
  let index: number;
  try {
    index = parseStatusListIndex(entry.statusListIndex, length);
  } catch (e) {
    const code = e instanceof AppError && e.code === 'STATUS_INDEX_OUT_OF_RANGE' ? 'STATUS_INDEX_OUT_OF_RANGE' : 'STATUS_INDEX_INVALID';
    return { ...out, failure: failed(id, code, { url }) };
  }
  return { ...out, set: getStatusBit(bits, index) };
}
