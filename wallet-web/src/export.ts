/**
 * Taking a credential out of the wallet: as its JSON file (any VC wallet or verifier reads
 * it), as the provider's printed certificate (PDF, from the issuer it came from), and as a
 * public verification link on the verifier (the credential rides in the URL fragment; see
 * shared/share/credential-link.ts). None of these carries a NIP: the credential holds only
 * its salted hash.
 */
import { AppError } from '../../shared/errors.js';
import { shareLink } from '../../shared/share/credential-link.js';
import type { CredentialRecord } from './credentials.js';
import type { FetchLike } from './net.js';

/** The credential as a file: pretty JSON, exactly as signed. */
export function credentialJson(record: CredentialRecord): Blob {
  return new Blob([`${JSON.stringify(record.vc, null, 2)}\n`], { type: 'application/ld+json' });
}

/** `kredensial-pelatihan-kepemimpinan-2026-07-08.json`: readable, no characters a file system dislikes. */
export function fileNameFor(title: string, endDate: string | undefined, ext: string, prefix = 'kredensial'): string {
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return `${[prefix, slug, endDate?.slice(0, 10)].filter(Boolean).join('-')}.${ext}`;
}

/**
 * The certificate PDF from the credential's issuer (POST <issuer>/holder/certificate.pdf
 * with the credential: holding the bound, signed copy is what the issuer checks).
 * @throws AppError CERTIFICATE_UNAVAILABLE, CREDENTIAL_REVOKED, NETWORK_FAILED
 */
export async function fetchCertificatePdf(record: CredentialRecord, opts: { fetch?: FetchLike } = {}): Promise<Blob> {
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let res: Response;
  try {
    res = await doFetch(`${new URL(record.issuerOrigin).origin}/holder/certificate.pdf`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/pdf' }, credentials: 'omit', redirect: 'error',
      body: JSON.stringify({ verifiableCredential: record.vc }),
    });
  } catch (cause) {
    throw new AppError('NETWORK_FAILED', 'Could not reach the issuer.', { cause });
  }
  if (res.status === 410) throw new AppError('CREDENTIAL_REVOKED', 'The credential was revoked.');
  if (!res.ok || !(res.headers.get('content-type') ?? '').startsWith('application/pdf')) {
    throw new AppError('CERTIFICATE_UNAVAILABLE', `The issuer did not give a certificate (${res.status}).`);
  }
  return res.blob();
}

/** The public verification link for one credential on the holder's verifier. */
export async function verificationLink(record: CredentialRecord, verifierOrigin: string | undefined): Promise<string> {
  if (!verifierOrigin) throw new AppError('NO_VERIFIER', 'No verifier address is set.');
  return shareLink(verifierOrigin, record.vc);
}
