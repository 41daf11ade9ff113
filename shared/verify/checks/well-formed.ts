import { VC_V1_CONTEXT_URL } from '../../contexts/index.js';
import { idOf, isObject, scanDocument, typesOf } from '../document.js';
import type { CheckResult } from '../types.js';
import { failed, ok } from './result.js';

export const DOCUMENT_LIMITS = { maxDepth: 32, maxNodes: 20_000 };
/**
 * Proofs per document. Real documents carry one or two (e.g. a Data Integrity proof next
 * to an Ed25519Signature2020 one); each costs a canonicalization and a signature check,
 * so more is refused before any JSON-LD work.
 */
export const MAX_PROOFS = 4;

/** Structure only: no JSON-LD, no crypto. Cheap checks that guard the expensive ones. */
export function checkCredentialShape(vc: unknown): CheckResult<'wellFormed'> {
  const id = 'wellFormed' as const;
  if (!isObject(vc)) return failed(id, 'NOT_AN_OBJECT');
  const scan = scanDocument(vc, DOCUMENT_LIMITS);
  if (scan.depth > DOCUMENT_LIMITS.maxDepth || scan.nodes > DOCUMENT_LIMITS.maxNodes) return failed(id, 'TOO_LARGE', { depth: scan.depth, nodes: scan.nodes });
  if (scan.forbiddenKey) return failed(id, 'FORBIDDEN_KEY', { at: scan.forbiddenKey });
  // Only a proof set can hold more than one proof (a single proof object is one, below MAX_PROOFS).
  if (Array.isArray(vc.proof) && vc.proof.length > MAX_PROOFS) return failed(id, 'TOO_MANY_PROOFS', { proofs: vc.proof.length, max: MAX_PROOFS });
  if (!typesOf(vc).includes('VerifiableCredential')) return failed(id, 'TYPE_MISSING');
  const issuer = idOf(vc.issuer);
  if (!issuer || !isAbsoluteUri(issuer)) return failed(id, 'ISSUER_MISSING');
  const subjects = Array.isArray(vc.credentialSubject) ? vc.credentialSubject : [vc.credentialSubject];
  if (subjects.length === 0 || !subjects.every(isObject)) return failed(id, 'SUBJECT_MISSING');
  const ctx = vc['@context'];
  const v1 = Array.isArray(ctx) && ctx[0] === VC_V1_CONTEXT_URL;
  if (v1 && vc.issuanceDate === undefined) return failed(id, 'ISSUANCE_DATE_MISSING');
  return ok(id, 'WELL_FORMED');
}

export function isAbsoluteUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);
}
