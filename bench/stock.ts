/**
 * The stock library path the bench compares against: @digitalbazaar/vc with the stock
 * eddsa-rdfc-2022 / Ed25519Signature2020 suites and the stock Ed25519 Multikey signer,
 * exactly as a project using the libraries directly would call them.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as vc from '@digitalbazaar/vc';
import { encodeSecretMultikey } from '../shared/index.js';
import type { DocumentLoader } from '../shared/index.js';

type Json = Record<string, unknown>;
type Result = { verified: boolean; error?: unknown };
const lib = vc as unknown as {
  issue(o: Json): Promise<Json>;
  verifyCredential(o: Json): Promise<Result>;
  verify(o: Json): Promise<Result>;
};
const multikey = Ed25519Multikey;

export async function stockIssue(opts: { keyId: string; secretKey: Uint8Array; publicKeyMultibase: string; documentLoader: DocumentLoader; now: Date }) {
  const key = await multikey.from({
    type: 'Multikey', id: opts.keyId, controller: opts.keyId.split('#')[0],
    publicKeyMultibase: opts.publicKeyMultibase, secretKeyMultibase: encodeSecretMultikey(opts.secretKey),
  });
  const signer = key.signer();
  return (credential: Json) => lib.issue({
    credential: structuredClone(credential),
    suite: new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date: opts.now }),
    documentLoader: opts.documentLoader,
  });
}

function stockSuites(): object[] {
  return [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new Ed25519Signature2020()];
}

const statusOk = async () => ({ verified: true });

export function stockVerifyCredential(credential: Json, documentLoader: DocumentLoader, now: Date): Promise<Result> {
  return lib.verifyCredential({ credential, suite: stockSuites(), documentLoader, checkStatus: statusOk, now });
}

export function stockVerifyPresentation(presentation: Json, challenge: string, domain: string, documentLoader: DocumentLoader, now: Date): Promise<Result> {
  return lib.verify({ presentation, challenge, domain, suite: stockSuites(), documentLoader, checkStatus: statusOk, now });
}
