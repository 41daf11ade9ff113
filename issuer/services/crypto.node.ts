/**
 * Secrets at rest and tokens (Node-only). Signing keys are sealed with AES-256-GCM under
 * the master key from the environment; the key id is bound as associated data so a sealed
 * blob cannot be swapped onto another key record. API keys and the admin token are high
 * entropy, so a plain SHA-256 is enough to store them (no password stretching needed).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/errors.js';

export interface Sealed {
  alg: 'A256GCM';
  iv: string;
  ct: string;
  tag: string;
}

/** Encrypts `plain` under `masterKey` (32 bytes), binding `aad` (the key record id). */
export function seal(masterKey: Uint8Array, plain: Uint8Array, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { alg: 'A256GCM', iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Decrypts a sealed secret; a wrong master key is KEY_UNAVAILABLE (503): nothing can be signed. */
export function unseal(masterKey: Uint8Array, sealed: Sealed, aad: string): Uint8Array {
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]));
  } catch {
    // No cause attached: it would only say "unsupported state or bad tag", and must not leak.
    throw new AppError('KEY_UNAVAILABLE', 'The signing key cannot be opened (master key missing or wrong).', { status: 503 });
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Keyed hash for audit entries: a plain hash of a payload with a NIP could be brute-forced. */
export function hmacHex(key: Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

/** Derives a sub-key for one purpose from the master key (HMAC as a KDF). */
export function deriveKey(masterKey: Uint8Array, purpose: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', masterKey).update(`asn-issuer:${purpose}`).digest());
}

/** Constant-time comparison of two strings by their SHA-256 digests (lengths may differ). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** URL-safe random token with `bytes` of entropy. */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
