/**
 * Encrypted backup of the whole wallet (holder key + credentials + settings) as one JSON
 * file, and its restore.
 *
 * File: `{format, version, createdAt, kdf, iv, ciphertext}`. The payload is sealed with
 * AES-256-GCM under a PBKDF2-SHA256 key from the backup passphrase, and the header fields
 * are the GCM additional data, so editing any byte of the header or the ciphertext makes
 * the restore fail. A restore checks everything (parse, decrypt, key ↔ DID, every record)
 * BEFORE it writes, then replaces the wallet in one atomic batch: a wrong passphrase, a
 * truncated or an edited file changes nothing (BAD-INPUTS #40).
 */
import { AppError } from '../../shared/errors.js';
import { didKeyFromPublicKey } from '../../shared/keys/did.js';
import { decodeSecretMultikey, generateKeyPair } from '../../shared/keys/ed25519.js';
import { parseStrictJson } from '../../shared/util/strict-json.js';
import { isCredentialRecord, listCredentials, sealCredential } from './credentials.js';
import type { CredentialRecord } from './credentials.js';
import { exportSecretKey, sealVault } from './keys.js';
import type { Session } from './keys.js';
import { checkNewPassphrase } from './passphrase.js';
import { DEFAULT_ITERATIONS, MIN_PASSPHRASE_LENGTH, deriveKey, isAcceptableKdf, isSealed, newKdfParams, sealJson, unsealJson } from './sealed.js';
import type { KdfParams } from './sealed.js';
import { readSettings } from './settings.js';
import type { WalletSettings } from './settings.js';
import { KEY } from './store.js';
import type { WalletStore } from './store.js';


export const BACKUP_FORMAT = 'asn-dompet-backup';
export const BACKUP_VERSION = 1;
/** A backup of a few hundred credentials is well under this. */
export const BACKUP_MAX_BYTES = 20_000_000;
/** The same minimum as the wallet's passphrase: a restored backup's passphrase becomes the wallet's. */
export const MIN_BACKUP_PASSPHRASE_LENGTH = MIN_PASSPHRASE_LENGTH;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  kdf: KdfParams;
  iv: string;
  ciphertext: string;
}

interface BackupPayload {
  did: string;
  secretKeyMultibase: string;
  credentials: CredentialRecord[];
  settings?: WalletSettings;
}

function headerAad(f: Pick<BackupFile, 'format' | 'version' | 'createdAt' | 'kdf'>): string {
  return JSON.stringify([f.format, f.version, f.createdAt, f.kdf.name, f.kdf.hash, f.kdf.iterations, f.kdf.salt]);
}

/** The backup file text for the unlocked wallet. */
export async function exportBackup(store: WalletStore, session: Session, passphrase: string, now: Date, iterations = DEFAULT_ITERATIONS): Promise<string> {
  checkNewPassphrase(passphrase);
  const payload: BackupPayload = {
    did: session.did,
    secretKeyMultibase: await exportSecretKey(store, session),
    credentials: await listCredentials(store, session),
    settings: await readSettings(store),
  };
  const kdf = newKdfParams(iterations);
  const header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), kdf } as const;
  const key = await deriveKey(passphrase, kdf);
  const sealed = await sealJson(key, payload, headerAad(header));
  const file: BackupFile = { ...header, iv: sealed.iv, ciphertext: sealed.ct };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** Reads the outer file without decrypting; every failure is BACKUP_DAMAGED. */
export function readBackupFile(text: string): BackupFile {
  const damaged = (why: string, cause?: unknown): never => {
    throw new AppError('BACKUP_DAMAGED', `This backup file is damaged or incomplete (${why}).`, cause === undefined ? {} : { cause });
  };
  if (typeof text !== 'string' || text.length === 0) return damaged('empty');
  if (text.length > BACKUP_MAX_BYTES) return damaged('too large');
  let parsed: unknown;
  try {
    parsed = parseStrictJson(text, { maxBytes: BACKUP_MAX_BYTES, maxDepth: 8 });
  } catch (cause) {
    return damaged('not JSON', cause);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return damaged('not an object');
  const f = parsed as Record<string, unknown>;
  if (f.format !== BACKUP_FORMAT) throw new AppError('BACKUP_NOT_A_BACKUP', 'This file is not a wallet backup.');
  if (f.version !== BACKUP_VERSION) throw new AppError('BACKUP_VERSION_UNSUPPORTED', 'This backup was made by a newer wallet version.');
  const allowed = new Set(['format', 'version', 'createdAt', 'kdf', 'iv', 'ciphertext']);
  if (Object.keys(f).some((k) => !allowed.has(k))) return damaged('unexpected field');
  if (typeof f.createdAt !== 'string' || f.createdAt.length > 40) return damaged('createdAt');
  if (!isAcceptableKdf(f.kdf) || Object.keys(f.kdf).length !== 4) return damaged('kdf');
  if (!isSealed({ iv: f.iv, ct: f.ciphertext })) return damaged('ciphertext');
  return f as unknown as BackupFile;
}

/** Decrypts and checks a backup without touching the wallet. */
export async function openBackup(text: string, passphrase: string): Promise<BackupPayload> {
  const file = readBackupFile(text);
  const key = await deriveKey(passphrase, file.kdf);
  let plain: unknown;
  try {
    plain = await unsealJson(key, { iv: file.iv, ct: file.ciphertext }, headerAad(file));
  } catch (cause) {
    throw new AppError('BACKUP_WRONG_PASSPHRASE', 'Wrong passphrase, or the backup file was changed.', { cause });
  }
  const bad = (why: string): never => {
    throw new AppError('BACKUP_CONTENT_INVALID', `The backup content is not valid (${why}).`);
  };
  if (typeof plain !== 'object' || plain === null) return bad('payload');
  const p = plain as Record<string, unknown>;
  if (typeof p.did !== 'string' || typeof p.secretKeyMultibase !== 'string' || !Array.isArray(p.credentials)) return bad('payload');
  let secretKey: Uint8Array;
  try {
    secretKey = decodeSecretMultikey(p.secretKeyMultibase);
  } catch {
    return bad('key');
  }
  const { did } = didKeyFromPublicKey((await generateKeyPair(secretKey)).publicKey);
  if (did !== p.did) bad('key does not match its DID');
  if (!p.credentials.every(isCredentialRecord)) bad('credential record');
  return {
    did,
    secretKeyMultibase: p.secretKeyMultibase,
    credentials: p.credentials as CredentialRecord[],
    ...(typeof p.settings === 'object' && p.settings !== null ? { settings: p.settings as WalletSettings } : {}),
  };
}

/**
 * Restores a backup: the wallet afterwards holds exactly the backup's key, credentials and
 * settings, sealed under `passphrase` (the backup passphrase becomes the wallet passphrase).
 * Everything is checked and sealed first; the write is one atomic batch.
 * @throws AppError BACKUP_DAMAGED, BACKUP_NOT_A_BACKUP, BACKUP_VERSION_UNSUPPORTED, BACKUP_WRONG_PASSPHRASE, BACKUP_CONTENT_INVALID
 */
export async function restoreBackup(store: WalletStore, text: string, passphrase: string, now: Date, iterations = DEFAULT_ITERATIONS): Promise<Session> {
  const payload = await openBackup(text, passphrase);
  const { record, session } = await sealVault(decodeSecretMultikey(payload.secretKeyMultibase), passphrase, now, iterations);
  const records: Array<{ key: string; value: unknown }> = [{ key: KEY.vault, value: record }];
  for (const c of payload.credentials) records.push(await sealCredential(session, c));
  if (payload.settings) records.push({ key: KEY.settings, value: payload.settings });
  await store.replaceAll(records);
  return session;
}
