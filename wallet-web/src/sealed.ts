/**
 * Passphrase-based encryption for everything the wallet keeps at rest and for backups:
 * PBKDF2-SHA256 (WebCrypto) turns the passphrase into a non-extractable AES-256-GCM key,
 * and every record is sealed under that key with a fresh 12-byte nonce and additional data
 * naming what the record is (so a sealed record cannot be moved to another slot).
 *
 * Why PBKDF2 at 600,000 iterations: it is what WebCrypto offers natively on every phone
 * browser, and OWASP's 2023 figure for PBKDF2-SHA256; a stolen browser profile then costs an
 * attacker that much work per passphrase guess. Files and records asking for fewer than
 * 310,000 (or absurdly many) iterations are refused.
 */
import { base64urlnopad } from '@scure/base';
import { AppError } from '../../shared/errors.js';

export const DEFAULT_ITERATIONS = 600_000;
export const MIN_ITERATIONS = 310_000;
export const MAX_ITERATIONS = 10_000_000;
/** One minimum for every new passphrase: the wallet's and a backup's (which becomes the wallet's on restore). */
export const MIN_PASSPHRASE_LENGTH = 10;

export interface KdfParams {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  /** 16 random bytes, base64url. */
  salt: string;
}

export interface Sealed {
  /** 12-byte nonce, base64url. */
  iv: string;
  /** AES-GCM ciphertext with its tag, base64url. */
  ct: string;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new AppError('CRYPTO_UNAVAILABLE', 'WebCrypto is not available (open the wallet over https or localhost).');
  return s;
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  globalThis.crypto.getRandomValues(b);
  return b;
}

export function b64(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

export function unb64(s: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(base64urlnopad.decode(s));
}

export function newKdfParams(iterations = DEFAULT_ITERATIONS): KdfParams {
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: b64(randomBytes(16)) };
}

/** True when `p` is a KDF description this wallet accepts (shape, salt length, iteration bounds). */
export function isAcceptableKdf(p: unknown): p is KdfParams {
  if (typeof p !== 'object' || p === null) return false;
  const k = p as Record<string, unknown>;
  return k.name === 'PBKDF2' && k.hash === 'SHA-256' && Number.isSafeInteger(k.iterations) &&
    (k.iterations as number) >= MIN_ITERATIONS && (k.iterations as number) <= MAX_ITERATIONS &&
    typeof k.salt === 'string' && /^[A-Za-z0-9_-]{22}$/.test(k.salt);
}

/** Derives the AES-256-GCM key for a passphrase (non-extractable: it never leaves WebCrypto). */
export async function deriveKey(passphrase: string, params: KdfParams): Promise<CryptoKey> {
  if (!isAcceptableKdf(params)) throw new AppError('KDF_INVALID', 'The key-derivation parameters are not acceptable.');
  const base = await subtle().importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: unb64(params.salt), iterations: params.iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(key: CryptoKey, plaintext: Uint8Array<ArrayBuffer>, aad: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) }, key, plaintext);
  return { iv: b64(iv), ct: b64(new Uint8Array(ct)) };
}

/**
 * Opens a sealed record. A wrong key, other additional data, or any edited byte gives the
 * same error: AES-GCM cannot tell them apart, and neither should an attacker.
 * @throws AppError UNSEAL_FAILED
 */
export async function unseal(key: CryptoKey, sealed: Sealed, aad: string): Promise<Uint8Array> {
  try {
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv: unb64(sealed.iv), additionalData: new TextEncoder().encode(aad) }, key, unb64(sealed.ct));
    return new Uint8Array(plain);
  } catch (cause) {
    throw new AppError('UNSEAL_FAILED', 'Wrong passphrase, or the data was changed.', { cause });
  }
}

export function isSealed(v: unknown): v is Sealed {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.iv === 'string' && /^[A-Za-z0-9_-]{16}$/.test(s.iv) && typeof s.ct === 'string' && /^[A-Za-z0-9_-]{22,}$/.test(s.ct);
}

export async function sealJson(key: CryptoKey, value: unknown, aad: string): Promise<Sealed> {
  return seal(key, new TextEncoder().encode(JSON.stringify(value)), aad);
}

export async function unsealJson(key: CryptoKey, sealed: Sealed, aad: string): Promise<unknown> {
  const bytes = await unseal(key, sealed, aad);
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
}
