/** Capped, allow-listed fetchers for did:web documents, status lists and registries (Node and browser). */
export {
  cappedFetch, cappedFetchText, cappedFetchJson, checkFetchUrl, isNonPublicHost, normalizeOrigin,
  DEFAULT_FETCH_MAX_BYTES, DEFAULT_FETCH_TIMEOUT_MS,
  type CappedFetchOptions, type FetchLike, type Revalidated,
} from './capped-fetch.js';
export { createDidWebResolver, didWebDocumentUrl } from './did-web-resolver.js';
export { createStatusListFetcher, createStatusListRevalidator, type RevalidatedStatusList, type StatusListFetcherOptions } from './status-list-fetcher.js';
