/**
 * The static JSON-LD document loader. It serves the bundled contexts, resolves did:key
 * locally and did:web only through an injected resolver; every other URL is an error
 * with a stable code. It never touches the network itself.
 */
import { AppError } from '../errors.js';
import { BUNDLED_CONTEXTS, ED25519_2020_CONTEXT_URL, MULTIKEY_CONTEXT_URL } from '../contexts/index.js';
import type { DidDocument } from '../keys/did.js';
import { findVerificationMethod, resolveDidKey } from '../keys/did.js';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Fetches and returns a did:web DID document (HTTPS-only, capped: see the verifier's fetcher). */
export type DidWebResolver = (did: string) => Promise<DidDocument>;

/**
 * Fetches a Data Integrity controller document named by an `https:` verification method
 * (`https://example.edu/issuers/1#key`). The services configure none (their issuers use
 * did:key and did:web); a caller that trusts such issuers injects one, as a test does.
 */
export type ControllerDocumentResolver = (url: string) => Promise<DidDocument>;

export interface DocumentLoaderOptions {
  resolveDidWeb?: DidWebResolver;
  resolveControllerDocument?: ControllerDocumentResolver;
}

export function createDocumentLoader(opts: DocumentLoaderOptions = {}): DocumentLoader {
  return async function documentLoader(url: string): Promise<RemoteDocument> {
    const context = BUNDLED_CONTEXTS.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };

    const controlled = typeof url === 'string' && (url.startsWith('did:') || (url.startsWith('https://') && opts.resolveControllerDocument !== undefined));
    if (controlled) {
      const [did = '', fragment] = url.split('#', 2);
      const doc = did.startsWith('did:') ? await resolveDid(did, opts.resolveDidWeb) : await resolveController(did, opts.resolveControllerDocument!);
      if (fragment === undefined) return { contextUrl: null, documentUrl: url, document: doc };
      const vm = findVerificationMethod(doc, url);
      if (!vm) throw new AppError('VERIFICATION_METHOD_NOT_FOUND', `The DID document of ${did} has no key ${url}.`);
      const vmId = vm.id.startsWith('#') ? `${doc.id}${vm.id}` : vm.id;
      if (vm.controller !== did) {
        throw new AppError('VERIFICATION_METHOD_CONTROLLER_MISMATCH', `Key ${url} is not controlled by ${did}.`);
      }
      const vmContext = vm.type === 'Ed25519VerificationKey2020' ? ED25519_2020_CONTEXT_URL : MULTIKEY_CONTEXT_URL;
      return { contextUrl: null, documentUrl: url, document: { '@context': vmContext, ...vm, id: vmId } };
    }

    throw new AppError('DOCUMENT_NOT_ALLOWED', `Refusing to load ${String(url).slice(0, 200)}: not a bundled context or a supported DID.`);
  };
}

async function resolveController(url: string, resolve: ControllerDocumentResolver): Promise<DidDocument> {
  let doc: DidDocument;
  try {
    doc = await resolve(url);
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError('DID_RESOLUTION_FAILED', `Could not resolve ${url.slice(0, 200)}.`, { cause });
  }
  // As for did:web: a controller document speaks only for its own URL.
  if (!doc || typeof doc !== 'object' || doc.id !== url) {
    throw new AppError('DID_DOCUMENT_MISMATCH', `The document served for ${url.slice(0, 200)} has another id.`);
  }
  return doc;
}

async function resolveDid(did: string, resolveDidWeb: DidWebResolver | undefined): Promise<DidDocument> {
  if (did.startsWith('did:key:')) return resolveDidKey(did);
  if (did.startsWith('did:web:')) {
    if (!resolveDidWeb) throw new AppError('DID_RESOLUTION_UNAVAILABLE', `No did:web resolver is configured for ${did}.`);
    let doc: DidDocument;
    try {
      doc = await resolveDidWeb(did);
    } catch (cause) {
      if (cause instanceof AppError) throw cause;
      throw new AppError('DID_RESOLUTION_FAILED', `Could not resolve ${did}.`, { cause });
    }
    // A document served for one DID must not speak for another.
    if (!doc || typeof doc !== 'object' || doc.id !== did) {
      throw new AppError('DID_DOCUMENT_MISMATCH', `The document served for ${did} has another id.`);
    }
    return doc;
  }
  throw new AppError('DID_UNSUPPORTED', `Unsupported DID method: ${did.slice(0, 40)}`);
}
