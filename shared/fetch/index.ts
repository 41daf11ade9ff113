/** Capped, allow-listed fetchers for did:web documents, status lists and registries (Node and browser). */
export {
  cappedFetchText, cappedFetchJson, checkFetchUrl, isNonPublicHost, normalizeOrigin,
  DEFAULT_FETCH_MAX_BYTES, DEFAULT_FETCH_TIMEOUT_MS,
  type CappedFetchOptions, type FetchLike,
} from './capped-fetch.js';
export { createDidWebResolver, didWebDocumentUrl } from './did-web-resolver.js';
export { createStatusListFetcher, type StatusListFetcherOptions } from './status-list-fetcher.js';
