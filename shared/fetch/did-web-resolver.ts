/**
 * did:web resolution over the capped fetch. The DID names a host; we fetch its document
 * only from a configured origin (whose scheme decides http vs https, so a dev issuer on
 * `http://127.0.0.1:4000` works without opening plain http for everyone).
 */
import { AppError } from '../errors.js';
import { didWebToUrl } from '../keys/did.js';
import type { DidDocument } from '../keys/did.js';
import type { DidWebResolver } from '../loader/document-loader.js';
import { cappedFetchJson, normalizeOrigin } from './capped-fetch.js';
import type { CappedFetchOptions } from './capped-fetch.js';

/** DID documents are small; a large one is an attack or a mistake. */
const DEFAULT_DID_MAX_BYTES = 64 * 1024;

/**
 * The URL a did:web document is fetched from: `https://` by default, `http://` only when
 * the `http://` origin of that host is configured.
 * @throws AppError DID_INVALID for a malformed did:web.
 */
export function didWebDocumentUrl(did: string, allowedOrigins: readonly string[]): string {
  const httpsUrl = didWebToUrl(did, 'https');
  const httpUrl = didWebToUrl(did, 'http');
  const origins = new Set(allowedOrigins.map(normalizeOrigin));
  if (!origins.has(new URL(httpsUrl).origin) && origins.has(new URL(httpUrl).origin)) return httpUrl;
  return httpsUrl;
}

/**
 * A DidWebResolver for `createDocumentLoader`. It fetches with every cap of
 * `cappedFetchJson` and checks that the document speaks for the DID asked about.
 * Errors (AppError) name the cause: FETCH_* for transport, DID_DOCUMENT_MISMATCH,
 * DID_DOCUMENT_INVALID.
 */
export function createDidWebResolver(opts: CappedFetchOptions): DidWebResolver {
  const fetchOpts: CappedFetchOptions = { ...opts, maxBytes: opts.maxBytes ?? DEFAULT_DID_MAX_BYTES };
  return async (did: string): Promise<DidDocument> => {
    const url = didWebDocumentUrl(did, opts.allowedOrigins);
    const doc = await cappedFetchJson(url, fetchOpts, { maxDepth: 16 });
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new AppError('DID_DOCUMENT_INVALID', `The document for ${did} is not an object.`);
    if ((doc as { id?: unknown }).id !== did) throw new AppError('DID_DOCUMENT_MISMATCH', `The document served for ${did} has another id.`);
    return doc as DidDocument;
  };
}
