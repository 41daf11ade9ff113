import { AppError } from '../../errors.js';
import type { DocumentLoader } from '../../loader/document-loader.js';
import type { DidDocument } from '../../keys/did.js';
import { isAuthorizedFor } from '../../keys/did.js';
import { assertUsablePublicKey, decodePublicMultikey } from '../../keys/ed25519.js';
import { didOfKeyId, idOf, proofsOf } from '../document.js';
import type { Json } from '../document.js';
import { BoundedMap } from '../../util/bounded-map.js';
import { failed, ok } from './result.js';
import type { CheckResult } from '../types.js';

/**
 * The verdict on a public key by its multibase text: undefined when usable, else the
 * failure code. Remembered (bounded), because checking decompresses a curve point, which
 * cost more than the signature check itself, and the same few issuer keys recur.
 */
const keyVerdicts = new BoundedMap<string, 'KEY_WEAK' | 'KEY_INVALID' | undefined>(4096);

function keyVerdict(multibase: string): 'KEY_WEAK' | 'KEY_INVALID' | undefined {
  if (keyVerdicts.has(multibase)) return keyVerdicts.get(multibase);
  let verdict: 'KEY_WEAK' | 'KEY_INVALID' | undefined;
  try {
    assertUsablePublicKey(decodePublicMultikey(multibase));
  } catch (e) {
    verdict = e instanceof AppError && e.code === 'KEY_WEAK' ? 'KEY_WEAK' : 'KEY_INVALID';
  }
  keyVerdicts.set(multibase, verdict);
  return verdict;
}

/**
 * Every proof's key must be controlled by the expected party (the issuer, or for a
 * presentation the holder) and listed in its DID document under the relationship the
 * proof claims. Resolution problems fail closed.
 */
export async function checkSignerKey<Id extends 'issuerKey' | 'holderKey'>(
  id: Id,
  doc: Json,
  expectedController: string | undefined,
  relationship: 'assertionMethod' | 'authentication',
  documentLoader: DocumentLoader,
): Promise<CheckResult<Id>> {
  const proofs = proofsOf(doc);
  if (proofs.length === 0) return failed(id, 'PROOF_MISSING');
  const notOwner = id === 'issuerKey' ? 'KEY_NOT_ISSUERS' : 'KEY_NOT_HOLDERS';
  const keys: string[] = [];
  for (const proof of proofs) {
    const keyId = idOf(proof.verificationMethod);
    if (!keyId) return failed(id, 'KEY_NOT_FOUND');
    const did = didOfKeyId(keyId);
    if (!expectedController || did !== expectedController) return failed(id, notOwner, { key: keyId, expected: expectedController });
    let didDoc: DidDocument;
    let vm: { publicKeyMultibase?: unknown; controller?: unknown };
    try {
      didDoc = (await documentLoader(did)).document as DidDocument;
      vm = (await documentLoader(keyId)).document as typeof vm;
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'DID_RESOLUTION_FAILED';
      if (code === 'VERIFICATION_METHOD_NOT_FOUND') return failed(id, 'KEY_NOT_FOUND', { key: keyId });
      if (code === 'VERIFICATION_METHOD_CONTROLLER_MISMATCH') return failed(id, notOwner, { key: keyId });
      return failed(id, 'DID_RESOLUTION_FAILED', { did, reason: code });
    }
    if (!isAuthorizedFor(didDoc, keyId, relationship)) return failed(id, 'KEY_NOT_AUTHORIZED', { key: keyId, relationship });
    const keyProblem = keyVerdict(String(vm.publicKeyMultibase));
    if (keyProblem) return failed(id, keyProblem, { key: keyId });
    keys.push(keyId);
  }
  return ok(id, id === 'issuerKey' ? 'ISSUER_KEY_OK' : 'HOLDER_KEY_OK', { keys });
}
