/**
 * The certificate PDF for the holder's own wallet. The wallet sends the credential it
 * holds; the PDF is printed only when that credential is the very one this issuer bound to
 * the holder: its id names a stored record, its subject is the DID the claim bound, its
 * issuer is the record's provider, and its signature verifies with that provider's key.
 * Holding the signed, bound credential is the proof: the PDF shows nothing the credential
 * does not already say (no NIP digit, see certificates.ts), so no NIP and no session is
 * needed, and nothing is stored.
 */
import { AppError } from '../../shared/errors.js';
import { verifyCredential } from '../../shared/verify/index.js';
import type { CredentialRecord } from './records.js';
import { credentialKeyOf } from './records.js';
import type { IssuerServices } from './index.js';

/** The checks that prove who signed what; status and accreditation do not matter for a print. */
const SIGNED_CHECKS = new Set(['wellFormed', 'contexts', 'terms', 'issuerKey', 'proof']);

/**
 * The stored record behind a credential the holder presents, once it is proven to be the bound copy.
 * @throws AppError CERTIFICATE_NOT_FOUND (404), HOLDER_CREDENTIAL_INVALID (422), CREDENTIAL_REVOKED (410)
 */
export async function recordForHolder(s: Pick<IssuerServices, 'ctx' | 'signing' | 'curation'>, vc: unknown): Promise<CredentialRecord> {
  const invalid = (why: string): never => {
    throw new AppError('HOLDER_CREDENTIAL_INVALID', `This is not a credential this issuer bound to a wallet (${why}).`, { status: 422 });
  };
  if (typeof vc !== 'object' || vc === null || Array.isArray(vc)) return invalid('not an object');
  const doc = vc as Record<string, unknown>;
  const key = typeof doc.id === 'string' ? credentialKeyOf(doc.id) : undefined;
  const record = key ? await s.ctx.store.get<CredentialRecord>('credentials', key) : undefined;
  if (!record) throw new AppError('CERTIFICATE_NOT_FOUND', 'No such certificate.', { status: 404 });
  const subject = doc.credentialSubject as Record<string, unknown> | undefined;
  if (!record.boundTo || subject?.id !== record.boundTo) return invalid('not the claimed copy');
  const provider = await s.curation.require(record.providerId);
  const issuer = typeof doc.issuer === 'string' ? doc.issuer : (doc.issuer as Record<string, unknown> | undefined)?.id;
  if (issuer !== provider.did) return invalid('another issuer');
  const result = await verifyCredential(vc, { documentLoader: s.signing.documentLoader, now: s.ctx.now() });
  const failed = result.checks.find((c) => SIGNED_CHECKS.has(c.id) && c.status !== 'ok');
  if (failed) return invalid(failed.code ?? failed.id);
  if (record.revoked) throw new AppError('CREDENTIAL_REVOKED', 'The credential was revoked; its certificate is no longer printed.', { status: 410 });
  return record;
}
