/**
 * Secrets at rest and tokens (Node-only). Signing keys are sealed with AES-256-GCM under
 * the master key from the environment; the key id is bound as associated data so a sealed
 * blob cannot be swapped onto another key record. API keys and the admin token are high
 * entropy, so a plain SHA-256 is enough to store them (no password stretching needed).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { gcmOpen, gcmSeal, randomToken as sharedRandomToken } from '../../shared/crypto/secrets.node.js';

export { hmacHex, sha256Hex } from '../../shared/crypto/secrets.node.js';

export interface Sealed {
  alg: 'A256GCM';
  iv: string;
  ct: string;
  tag: string;
}

/** Encrypts `plain` under `masterKey` (32 bytes), binding `aad` (the key record id). */
export function seal(masterKey: Uint8Array, plain: Uint8Array, aad: string): Sealed {
  const { iv, ct, tag } = gcmSeal(masterKey, plain, aad);
  return { alg: 'A256GCM', iv: iv.toString('base64'), ct: ct.toString('base64'), tag: tag.toString('base64') };
}

/** Decrypts a sealed secret; a wrong master key is KEY_UNAVAILABLE (503): nothing can be signed. */
export function unseal(masterKey: Uint8Array, sealed: Sealed, aad: string): Uint8Array {
  try {
    const parts = { iv: Buffer.from(sealed.iv, 'base64'), ct: Buffer.from(sealed.ct, 'base64'), tag: Buffer.from(sealed.tag, 'base64') };
    return new Uint8Array(gcmOpen(masterKey, parts, aad));
  } catch {
    // No cause attached: it would only say "unsupported state or bad tag", and must not leak.
    throw new AppError('KEY_UNAVAILABLE', 'The signing key cannot be opened (master key missing or wrong).', { status: 503 });
  }
}

/** Derives a sub-key for one purpose from the master key (HMAC as a KDF). */
export function deriveKey(masterKey: Uint8Array, purpose: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', masterKey).update(`asn-issuer:${purpose}`).digest());
}

/** Constant-time comparison of two strings by their SHA-256 digests (lengths may differ). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** URL-safe random token with `bytes` of entropy (16 by default in the issuer). */
export function randomToken(bytes = 16): string {
  return sharedRandomToken(bytes);
}
