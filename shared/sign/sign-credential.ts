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
  const doc = suiteName === 'Ed25519Signature2020' ? withContext(credential, ED25519_2020_CONTEXT_URL) : structuredClone(credential);
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
  const doc = suiteName === 'Ed25519Signature2020' ? withContext(presentation, ED25519_2020_CONTEXT_URL) : structuredClone(presentation);
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
  const copy = structuredClone(doc);
  const ctx = copy['@context'];
  const list = Array.isArray(ctx) ? ctx : [ctx];
  if (!list.includes(url)) copy['@context'] = [...list, url];
  return copy;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
