/**
 * Node-only primitives for secrets at rest and tokens, used by both services: random
 * tokens, hashes, HMAC, and AES-256-GCM with associated data (the record the secret
 * belongs to, so a sealed value cannot be moved onto another record).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** URL-safe random token with `bytes` of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacHex(key: Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

export interface GcmSealed {
  iv: Buffer;
  ct: Buffer;
  tag: Buffer;
}

/** AES-256-GCM encryption of `plain` under a 32-byte key, binding `aad`. */
export function gcmSeal(key: Uint8Array, plain: Uint8Array | string, aad: string): GcmSealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([typeof plain === 'string' ? cipher.update(plain, 'utf8') : cipher.update(plain), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

/** Decrypts; throws (without detail) when the key, the data or `aad` is wrong. */
export function gcmOpen(key: Uint8Array, sealed: GcmSealed, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ct), decipher.final()]);
}
