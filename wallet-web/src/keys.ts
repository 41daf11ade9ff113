/**
 * The holder key: an Ed25519 key made in the browser, its did:key, and the passphrase that
 * protects it at rest. Unlocking derives the passphrase key once per session; the secret
 * key then lives only inside the signer closure and the derived CryptoKey, never in storage
 * or the DOM.
 */
import { AppError } from '../../shared/errors.js';
import { didKeyFromPublicKey } from '../../shared/keys/did.js';
import { createSigner, decodeSecretMultikey, encodeSecretMultikey, generateKeyPair } from '../../shared/keys/ed25519.js';
import type { Signer } from '../../shared/keys/ed25519.js';
import { DEFAULT_ITERATIONS, MIN_PASSPHRASE_LENGTH, deriveKey, isAcceptableKdf, isSealed, newKdfParams, sealJson, unsealJson } from './sealed.js';
import type { KdfParams, Sealed } from './sealed.js';
import { checkNewPassphrase } from './passphrase.js';
import { KEY } from './store.js';
import type { WalletStore } from './store.js';

export interface VaultRecord {
  v: 1;
  did: string;
  keyId: string;
  kdf: KdfParams;
  /** The secret key (Multikey) sealed under the passphrase key; AAD binds it to the DID. */
  secret: Sealed;
  createdAt: string;
}

/** An unlocked wallet: who the holder is, how to sign, and the key that opens records. */
export interface Session {
  did: string;
  keyId: string;
  signer: Signer;
  /** AES-GCM key derived from the passphrase; seals credential records. */
  recordKey: CryptoKey;
}

export const vaultAad = (did: string): string => `asn-wallet-key-v1:${did}`;

export function isVaultRecord(v: unknown): v is VaultRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return r.v === 1 && typeof r.did === 'string' && r.did.startsWith('did:key:z6Mk') && typeof r.keyId === 'string' &&
    r.keyId.startsWith(`${r.did}#`) && isAcceptableKdf(r.kdf) && isSealed(r.secret);
}

export async function hasHolderKey(store: WalletStore): Promise<boolean> {
  return (await store.getJson(KEY.vault)) !== undefined;
}

export function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('PASSPHRASE_TOO_SHORT', `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
}

/** Builds a sealed vault record for a secret key (new key or restored from a backup). */
export async function sealVault(secretKey: Uint8Array, passphrase: string, now: Date, iterations = DEFAULT_ITERATIONS): Promise<{ record: VaultRecord; session: Session }> {
  checkPassphrase(passphrase);
  const pair = await generateKeyPair(secretKey);
  const { did, keyId } = didKeyFromPublicKey(pair.publicKey);
  const kdf = newKdfParams(iterations);
  const recordKey = await deriveKey(passphrase, kdf);
  const secret = await sealJson(recordKey, { secretKeyMultibase: encodeSecretMultikey(pair.secretKey) }, vaultAad(did));
  return {
    record: { v: 1, did, keyId, kdf, secret, createdAt: now.toISOString() },
    session: { did, keyId, signer: createSigner(keyId, pair.secretKey), recordKey },
  };
}

/** First use: makes the holder key and stores it sealed under the passphrase. */
export async function createHolderKey(store: WalletStore, passphrase: string, now: Date, iterations = DEFAULT_ITERATIONS): Promise<Session> {
  if (await hasHolderKey(store)) throw new AppError('WALLET_EXISTS', 'This wallet already has a key.');
  checkNewPassphrase(passphrase);
  const { secretKey } = await generateKeyPair();
  const { record, session } = await sealVault(secretKey, passphrase, now, iterations);
  await store.putJson(KEY.vault, record);
  return session;
}

/**
 * Opens the vault with the passphrase.
 * @throws AppError WALLET_EMPTY, WALLET_CORRUPT, WRONG_PASSPHRASE
 */
export async function unlockHolderKey(store: WalletStore, passphrase: string): Promise<Session> {
  const record = await store.getJson(KEY.vault);
  if (record === undefined) throw new AppError('WALLET_EMPTY', 'This wallet has no key yet.');
  if (!isVaultRecord(record)) throw new AppError('WALLET_CORRUPT', 'The stored key record is damaged.');
  const recordKey = await deriveKey(passphrase, record.kdf);
  return openVault(record, recordKey);
}

/** Opens a vault record with an already derived key and checks the key matches the DID. */
export async function openVault(record: VaultRecord, recordKey: CryptoKey): Promise<Session> {
  let secretKey: Uint8Array;
  try {
    const plain = await unsealJson(recordKey, record.secret, vaultAad(record.did));
    secretKey = decodeSecretMultikey(String((plain as { secretKeyMultibase?: unknown }).secretKeyMultibase));
  } catch (cause) {
    throw new AppError('WRONG_PASSPHRASE', 'Wrong passphrase.', { cause });
  }
  const pair = await generateKeyPair(secretKey);
  const { did, keyId } = didKeyFromPublicKey(pair.publicKey);
  if (did !== record.did || keyId !== record.keyId) throw new AppError('WALLET_CORRUPT', 'The stored key does not match its DID.');
  return { did, keyId, signer: createSigner(keyId, secretKey), recordKey };
}

/** The raw secret key of an open vault (backup export only). */
export async function exportSecretKey(store: WalletStore, session: Session): Promise<string> {
  const record = await store.getJson(KEY.vault);
  if (!isVaultRecord(record) || record.did !== session.did) throw new AppError('WALLET_CORRUPT', 'The stored key record is damaged.');
  const plain = await unsealJson(session.recordKey, record.secret, vaultAad(record.did));
  return String((plain as { secretKeyMultibase?: unknown }).secretKeyMultibase);
}
