/**
 * Node-only crypto helpers: random tokens, HMAC, keys derived from the verifier secret,
 * scrypt password hashing, and AES-256-GCM sealing of NIPs at rest.
 */
import { hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { gcmOpen, gcmSeal } from '../../shared/crypto/secrets.node.js';

export { hmacHex, randomToken, sha256Hex } from '../../shared/crypto/secrets.node.js';

/** A purpose-bound key derived from the verifier secret (HKDF-SHA256). */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `asn-verifier/${purpose}`, 32));
}

/** scrypt parameters: N=2^15, r=8, p=1 (OWASP minimum for scrypt), 64-byte output. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, 64, SCRYPT, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$<salt b64url>$<hash b64url>` with a fresh 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Constant-time check of a password against `hashPassword` output. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  const actual = await scryptAsync(password, salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A hash that costs as much as a real check: used when the user does not exist. */
export const DUMMY_PASSWORD_HASH = `scrypt$${SCRYPT.N}$8$1$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(64).toString('base64url')}`;

/** AES-256-GCM seal of a short secret (a NIP) as `v1.<iv>.<ct>` (base64url). */
export function seal(key: Uint8Array, plain: string, aad: string): string {
  const { iv, ct, tag } = gcmSeal(key, plain, aad);
  return `v1.${iv.toString('base64url')}.${Buffer.concat([ct, tag]).toString('base64url')}`;
}

export function unseal(key: Uint8Array, sealed: string, aad: string): string {
  const [v, ivText, ctText] = sealed.split('.');
  if (v !== 'v1' || !ivText || !ctText) throw new Error('sealed value has the wrong shape');
  const ct = Buffer.from(ctText, 'base64url');
  return gcmOpen(key, { iv: Buffer.from(ivText, 'base64url'), ct: ct.subarray(0, ct.length - 16), tag: ct.subarray(ct.length - 16) }, aad).toString('utf8');
}
