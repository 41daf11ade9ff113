/**
 * The credentials the holder keeps: each one sealed under the session key, together with
 * the provider's accreditation credential (so a presentation can verify offline) and the
 * issuer origin it was claimed from (where its DID document and status lists live).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { AppError } from '../../shared/errors.js';
import type { Session } from './keys.js';
import { SEEN_STATUSES } from './seen.js';
import type { SeenStatus } from './seen.js';
import { isSealed, sealJson, unsealJson } from './sealed.js';
import { PREFIX } from './store.js';
import type { WalletStore } from './store.js';

export interface CredentialRecord {
  /** The credential's own id (urn:uuid:…). */
  id: string;
  vc: Record<string, unknown>;
  accreditation?: Record<string, unknown>;
  /** Origin of the issuer service it came from (`https://kredensial.example`). */
  issuerOrigin: string;
  addedAt: string;
  /** The last definite status the holder was shown (see seen.ts); absent until the first check. */
  seenStatus?: SeenStatus;
}

export const credentialKey = (id: string): string => `${PREFIX.credential}${bytesToHex(sha256(new TextEncoder().encode(id))).slice(0, 32)}`;
export const credentialAad = (key: string): string => `asn-wallet-cred-v1:${key}`;

export function isCredentialRecord(v: unknown): v is CredentialRecord {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  const obj = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  return typeof r.id === 'string' && r.id.length > 0 && r.id.length <= 500 && obj(r.vc) && (r.vc as Record<string, unknown>).id === r.id &&
    (r.accreditation === undefined || obj(r.accreditation)) && typeof r.issuerOrigin === 'string' && typeof r.addedAt === 'string' &&
    (r.seenStatus === undefined || (SEEN_STATUSES as readonly unknown[]).includes(r.seenStatus));
}

/** A record sealed for storage, ready for `WalletStore.write`. */
export async function sealCredential(session: Session, record: CredentialRecord): Promise<{ key: string; value: unknown }> {
  const key = credentialKey(record.id);
  return { key, value: await sealJson(session.recordKey, record, credentialAad(key)) };
}

export async function saveCredential(store: WalletStore, session: Session, record: CredentialRecord): Promise<void> {
  if (!isCredentialRecord(record)) throw new AppError('CREDENTIAL_RECORD_INVALID', 'This credential cannot be stored.');
  await store.write([await sealCredential(session, record)]);
}

export async function deleteCredential(store: WalletStore, id: string): Promise<void> {
  await store.write([{ key: credentialKey(id) }]);
}

/** Every stored credential, opened; oldest first. A record that will not open is an error, not silently skipped. */
export async function listCredentials(store: WalletStore, session: Session): Promise<CredentialRecord[]> {
  const out: CredentialRecord[] = [];
  for (const [key, value] of await store.list(PREFIX.credential)) {
    if (!isSealed(value)) throw new AppError('STORE_CORRUPT', 'A stored credential is damaged.');
    const record = await unsealJson(session.recordKey, value, credentialAad(key));
    if (!isCredentialRecord(record)) throw new AppError('STORE_CORRUPT', 'A stored credential is damaged.');
    out.push(record);
  }
  return out.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
}
