/**
 * Presenting by QR through the verifier's relay (protocol: docs/verifier.md,
 * shared/relay/):
 *   1. POST <verifier>/relay → {id, challenge, domain, expiresAt, uploadUrl}
 *   2. sign a presentation of the chosen credentials (+ their providers' accreditations, so
 *      it verifies offline) over that challenge and domain with the holder's did:key
 *   3. encrypt it under a fresh key (AES-256-GCM, relay id as additional data) and PUT only
 *      the ciphertext to uploadUrl
 *   4. show `<verifier>/p/<id>#<key>` as a QR: the key is in the fragment, which browsers
 *      never send, so the verifier's server never sees the presentation in clear.
 */
import { AppError } from '../../shared/errors.js';
import { createDocumentLoader } from '../../shared/loader/document-loader.js';
import { RELAY_ID_PATTERN, buildRelayUrl, createRelayKey, encryptForRelay } from '../../shared/relay/relay.js';
import { buildPresentation } from '../../shared/sign/presentation.js';
import { signPresentation } from '../../shared/sign/sign-credential.js';
import type { CredentialRecord } from './credentials.js';
import type { Session } from './keys.js';
import { requestJson } from './net.js';
import type { FetchLike } from './net.js';

import type { OpenedRelay } from '../../shared/relay/index.js';

export type { OpenedRelay };

export interface Presented {
  /** The QR text: `<verifier origin>/p/<id>#<key>`. */
  url: string;
  id: string;
  expiresAt: string;
  credentialCount: number;
}

/** Asks the verifier for a relay slot and checks the answer names only that verifier. */
export async function openRelay(verifierOrigin: string, opts: { fetch?: FetchLike } = {}): Promise<OpenedRelay> {
  const origin = new URL(verifierOrigin).origin;
  const body = await requestJson(`${origin}/relay`, { method: 'POST', ...(opts.fetch ? { fetch: opts.fetch } : {}), maxBytes: 10_000 });
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const bad = (why: string): never => {
    throw new AppError('RELAY_ANSWER_INVALID', `The verifier's relay answer is not usable (${why}).`);
  };
  if (typeof b.id !== 'string' || !RELAY_ID_PATTERN.test(b.id)) bad('id');
  if (typeof b.challenge !== 'string' || b.challenge.length < 16 || b.challenge.length > 200) bad('challenge');
  if (typeof b.domain !== 'string' || b.domain.length === 0 || b.domain.length > 200) bad('domain');
  if (typeof b.expiresAt !== 'string' || Number.isNaN(Date.parse(b.expiresAt))) bad('expiresAt');
  const uploadUrl = typeof b.uploadUrl === 'string' ? b.uploadUrl : `${origin}/relay/${String(b.id)}`;
  // The ciphertext goes to the verifier we asked, nowhere else.
  let upload: URL;
  try {
    upload = new URL(uploadUrl);
  } catch {
    return bad('uploadUrl');
  }
  if (upload.origin !== origin) bad('uploadUrl on another origin');
  return { id: b.id as string, challenge: b.challenge as string, domain: b.domain as string, expiresAt: b.expiresAt as string, uploadUrl: upload.href };
}

/**
 * The presentation: chosen credentials plus each distinct accreditation they carry,
 * signed by the holder for this challenge and domain.
 */
export async function signForVerifier(records: readonly CredentialRecord[], session: Session, relay: Pick<OpenedRelay, 'challenge' | 'domain'>, now: Date): Promise<Record<string, unknown>> {
  if (records.length === 0) throw new AppError('NOTHING_SELECTED', 'Choose at least one credential.');
  const accreditations = new Map<string, Record<string, unknown>>();
  for (const r of records) {
    if (!r.accreditation) continue;
    const key = typeof r.accreditation.id === 'string' ? r.accreditation.id : JSON.stringify(r.accreditation.proof ?? r.accreditation);
    accreditations.set(key, r.accreditation);
  }
  const vp = buildPresentation({ holder: session.did, credentials: [...records.map((r) => r.vc), ...accreditations.values()] });
  return signPresentation(vp, { signer: session.signer, documentLoader: createDocumentLoader(), now, challenge: relay.challenge, domain: relay.domain });
}

/** The whole flow: open, sign, encrypt, upload; returns the QR link. */
export async function presentByRelay(
  records: readonly CredentialRecord[],
  session: Session,
  verifierOrigin: string,
  now: () => Date,
  opts: { fetch?: FetchLike } = {},
): Promise<Presented> {
  const relay = await openRelay(verifierOrigin, opts);
  const vp = await signForVerifier(records, session, relay, now());
  const key = createRelayKey();
  const blob = await encryptForRelay(vp, relay.id, key);
  await requestJson(relay.uploadUrl, { method: 'PUT', body: blob, ...(opts.fetch ? { fetch: opts.fetch } : {}), maxBytes: 10_000 });
  return { url: buildRelayUrl(verifierOrigin, relay.id, key), id: relay.id, expiresAt: relay.expiresAt, credentialCount: records.length };
}
