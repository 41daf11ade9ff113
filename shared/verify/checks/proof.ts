import jsigs from 'jsonld-signatures';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import type { DocumentLoader } from '../../loader/document-loader.js';
import { verificationSuites } from '../../sign/suites.js';
import { asArray, isObject, proofsOf } from '../document.js';
import type { Json } from '../document.js';
import { failed, ok } from './result.js';
import type { CheckResult } from '../types.js';

const SUPPORTED = (p: Json) =>
  (p.type === 'DataIntegrityProof' && p.cryptosuite === 'eddsa-rdfc-2022') || p.type === 'Ed25519Signature2020';

// Suites hold no per-document state; one set serves every verification.
const SUITES = verificationSuites();

/**
 * Every proof must verify; jsonld-signatures alone accepts a document when any one proof
 * verifies, so the count and each result are checked here. Proof purpose is fixed by the
 * caller: `assertionMethod` for credentials, `authentication` for presentations.
 */
export async function checkProofs(
  doc: Json,
  purpose: 'assertionMethod' | 'authentication',
  documentLoader: DocumentLoader,
): Promise<CheckResult<'proof'>> {
  const id = 'proof' as const;
  const proofs = proofsOf(doc);
  if (proofs.length === 0 || asArray(doc.proof).length !== proofs.length) return failed(id, 'PROOF_MISSING');
  // Only string references are looked up below, so a non-string id can never match one.
  const ids = new Set(proofs.map((p) => p.id));
  const docContext = asArray(doc['@context']);
  for (const p of proofs) {
    if (!SUPPORTED(p)) return failed(id, 'PROOF_TYPE_UNSUPPORTED', { type: String(p.type), cryptosuite: String(p.cryptosuite ?? '') });
    if (p.proofPurpose !== purpose) return failed(id, 'PROOF_PURPOSE_MISMATCH', { expected: purpose, found: String(p.proofPurpose) });
    // An absent proof @context or previousProof reads as an empty list, which passes both tests.
    const pc = asArray(p['@context']);
    if (pc.length > docContext.length || pc.some((c, i) => c !== docContext[i])) return failed(id, 'PROOF_CONTEXT_MISMATCH');
    if (!asArray(p.previousProof).every((ref) => typeof ref === 'string' && ids.has(ref))) {
      return failed(id, 'PREVIOUS_PROOF_MISSING');
    }
    if (typeof p.proofValue !== 'string') return failed(id, 'SIGNATURE_INVALID', { reason: 'proofValue missing' });
  }
  const proofPurpose = purpose === 'assertionMethod'
    ? new CredentialIssuancePurpose()
    : new jsigs.purposes.AuthenticationProofPurpose({
      // The challenge and domain are compared by their own checks; here only the signature
      // and the key relationship are judged.
      challenge: typeof proofs[0]?.challenge === 'string' ? proofs[0].challenge : '',
      ...(typeof proofs[0]?.domain === 'string' ? { domain: proofs[0].domain } : {}),
    });
  let outcome: Awaited<ReturnType<typeof jsigs.verify>>;
  try {
    outcome = await jsigs.verify(doc, { suite: SUITES, purpose: proofPurpose, documentLoader });
  } catch (e) {
    return failed(id, 'PROOF_INVALID', { reason: errorText(e) });
  }
  const results = outcome.results ?? [];
  if (results.length !== proofs.length || !results.every((r) => r.verified)) {
    const firstError = results.find((r) => !r.verified)?.error ?? outcome.error;
    const reason = errorText(firstError);
    const code = /invalid signature/i.test(reason) ? 'SIGNATURE_INVALID'
      : /deep iterations/i.test(reason) ? 'CANONICALIZATION_ABORTED'
        : 'PROOF_INVALID';
    return failed(id, code, { reason, verifiedProofs: results.filter((r) => r.verified).length, proofs: proofs.length });
  }
  return ok(id, 'PROOF_OK', { proofs: proofs.length, suites: proofs.map((p) => String(p.cryptosuite ?? p.type)) });
}

function errorText(e: unknown): string {
  if (Array.isArray(e)) return e.map(errorText).join('; ');
  if (e instanceof Error) return e.message.slice(0, 300);
  if (isObject(e) && typeof e.message === 'string') return e.message.slice(0, 300);
  return String(e ?? 'unknown').slice(0, 300);
}
