/**
 * Fetches Bitstring Status List credentials over the capped fetch. The result carries
 * `fetchedAt` from the injected clock so a caching layer (and the pipeline's staleness
 * check) can tell how old a status is.
 */
import { AppError } from '../errors.js';
import type { StatusListFetcher } from '../verify/types.js';
import { cappedFetch, cappedFetchJson } from './capped-fetch.js';
import { parseStrictJson } from '../util/strict-json.js';
import type { CappedFetchOptions } from './capped-fetch.js';

export interface StatusListFetcherOptions extends CappedFetchOptions {
  /** The clock that stamps `fetchedAt`. */
  now: () => Date;
}

/**
 * A 131,072-entry list compresses to a few hundred bytes when empty and at most ~22 KB
 * when full; 256 KB leaves room for bigger lists without inviting a gzip bomb's envelope.
 */
const DEFAULT_STATUS_MAX_BYTES = 256 * 1024;

/** A StatusListFetcher for `VerifyOptions.fetchStatusList`. */
export function createStatusListFetcher(opts: StatusListFetcherOptions): StatusListFetcher {
  const fetchOpts: CappedFetchOptions = { ...opts, maxBytes: opts.maxBytes ?? DEFAULT_STATUS_MAX_BYTES };
  return async (url: string) => {
    refuseQuery(url);
    const credential = await cappedFetchJson(url, fetchOpts, { maxDepth: 16 });
    if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
      throw new AppError('STATUS_LIST_INVALID', 'The status list is not a JSON object.', { status: 502 });
    }
    return { credential, fetchedAt: opts.now() };
  };
}

/** A status list fetched again with `If-None-Match`: the new list and its ETag, or not modified. */
export type RevalidatedStatusList = { notModified: true } | { notModified: false; credential: Record<string, unknown>; etag?: string };

/**
 * A conditional status-list fetch for a caching layer that must decide on fresh status
 * (recording JP, the HR page's verdict): a 304 confirms its copy at the cost of headers.
 */
export function createStatusListRevalidator(opts: CappedFetchOptions): (url: string, etag?: string) => Promise<RevalidatedStatusList> {
  const fetchOpts: CappedFetchOptions = { ...opts, maxBytes: opts.maxBytes ?? DEFAULT_STATUS_MAX_BYTES };
  return async (url, etag) => {
    refuseQuery(url);
    const got = await cappedFetch(url, fetchOpts, etag ? { ifNoneMatch: etag } : {});
    if (got.notModified) return { notModified: true };
    let credential: unknown;
    try {
      credential = parseStrictJson(got.text, { maxBytes: fetchOpts.maxBytes ?? DEFAULT_STATUS_MAX_BYTES, maxDepth: 16 });
    } catch (cause) {
      throw new AppError('FETCH_INVALID_JSON', 'The status list is not acceptable JSON.', { status: 502, cause });
    }
    if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
      throw new AppError('STATUS_LIST_INVALID', 'The status list is not a JSON object.', { status: 502 });
    }
    return { notModified: false, credential: credential as Record<string, unknown>, ...(got.etag ? { etag: got.etag } : {}) };
  };
}

/**
 * A status list is named by its path. A query string or fragment would let one credential
 * make the verifier fetch (and cache) any number of "different" lists from an allowed
 * issuer, so such URLs are refused before any fetch; the status is then `unknown`, never
 * "not revoked".
 */
function refuseQuery(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return; // the capped fetch names the malformed URL
  }
  if (u.search !== '' || u.hash !== '' || url.includes('?') || url.includes('#')) {
    throw new AppError('STATUS_LIST_URL_REFUSED', 'A status list URL must not carry a query string or fragment.', { status: 400 });
  }
}
