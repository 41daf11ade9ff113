import jsigs from 'jsonld-signatures';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import { AppError } from '../errors.js';
import { ED25519_2020_CONTEXT_URL } from '../contexts/index.js';
import type { DocumentLoader } from '../loader/document-loader.js';
import type { Signer } from '../keys/ed25519.js';
import { signingSuite } from './suites.js';
import type { ProofSuiteName } from './suites.js';

export interface SignOptions {
  signer: Signer;
  documentLoader: DocumentLoader;
  /** The signing time (`proof.created`): injected, never read from the clock here. */
  now: Date;
  suite?: ProofSuiteName;
}

export type JsonObject = Record<string, unknown>;

/**
 * Signs a credential with `assertionMethod` purpose (eddsa-rdfc-2022 by default).
 * The input is not modified. JSON-LD safe mode is on: an undefined term or relative
 * IRI makes signing fail, so nothing is signed that a verifier would read differently.
 */
export async function signCredential(credential: JsonObject, opts: SignOptions): Promise<JsonObject> {
  const suiteName = opts.suite ?? 'eddsa-rdfc-2022';
  const doc = suiteName === 'Ed25519Signature2020' ? withContext(credential, ED25519_2020_CONTEXT_URL) : cloneJson(credential);
  try {
    return await jsigs.sign(doc, {
      suite: signingSuite(suiteName, opts.signer, opts.now),
      purpose: new CredentialIssuancePurpose(),
      documentLoader: opts.documentLoader,
    });
  } catch (cause) {
    throw new AppError('SIGNING_FAILED', `The credential could not be signed: ${messageOf(cause)}`, { status: 422, cause });
  }
}

export interface SignPresentationOptions extends SignOptions {
  challenge: string;
  domain?: string;
}

/** Signs a presentation with `authentication` purpose, bound to a challenge and domain. */
export async function signPresentation(presentation: JsonObject, opts: SignPresentationOptions): Promise<JsonObject> {
  const suiteName = opts.suite ?? 'eddsa-rdfc-2022';
  const doc = suiteName === 'Ed25519Signature2020' ? withContext(presentation, ED25519_2020_CONTEXT_URL) : cloneJson(presentation);
  try {
    return await jsigs.sign(doc, {
      suite: signingSuite(suiteName, opts.signer, opts.now),
      purpose: new jsigs.purposes.AuthenticationProofPurpose({
        challenge: opts.challenge,
        ...(opts.domain === undefined ? {} : { domain: opts.domain }),
      }),
      documentLoader: opts.documentLoader,
    });
  } catch (cause) {
    throw new AppError('SIGNING_FAILED', `The presentation could not be signed: ${messageOf(cause)}`, { status: 422, cause });
  }
}

function withContext(doc: JsonObject, url: string): JsonObject {
  const copy = cloneJson(doc);
  const ctx = copy['@context'];
  const list = Array.isArray(ctx) ? ctx : [ctx];
  if (!list.includes(url)) copy['@context'] = [...list, url];
  return copy;
}

/**
 * A deep copy of the JSON parts (plain objects and arrays; other values are kept as they
 * are), several times cheaper than structuredClone on a credential. Signing only adds
 * `proof` and may replace `@context`, but the caller's object must stay untouched.
 */
function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = cloneJson((value as Record<string, unknown>)[k]);
      // An own "__proto__" key must stay data, never become the copy's prototype.
      if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
    }
    return out as T;
  }
  return value;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
