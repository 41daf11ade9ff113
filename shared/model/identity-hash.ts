/**
 * The NIP as an Open Badges 3.0 `IdentityObject` with a salted hash.
 *
 * OB 3.0 (IdentityHash): "a hash across an identifier and an optionally appended salt
 * string", UTF-8 encoded, written as `<algorithm>$<hex>`; e.g. `sha256$` + hex(SHA-256(
 * 'a@example.com' + 'Kosher')). The credential then names the learner's NIP without
 * showing it: HR who already knows the NIP can check that it matches (`matchesIdentity`),
 * while anyone else sees only a hash. With 18-digit NIPs whose structure is known the
 * hash alone can be brute-forced offline, which is why every credential gets its own
 * random salt (so one table does not crack every credential at once) and why the NIP
 * stays out of public pages and QR codes anyway.
 *
 * Runs in Node and in the browser (@noble/hashes, WebCrypto random).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export interface NipIdentity {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'identifier';
  hashed: true;
  salt: string;
}

const PREFIX = 'sha256$';

/** Remove the spaces people type inside a NIP; the hash is always over the 18 digits. */
function canonicalNip(nip: string): string {
  return nip.replaceAll(' ', '');
}

/**
 * `sha256$<lowercase hex>` of UTF-8(nip + salt), per OB 3.0 IdentityHash. Spaces in the
 * NIP are removed first so `19860926 201505 1 001` and `198609262015051001` hash alike.
 */
export function hashIdentity(nip: string, salt: string): string {
  if (typeof nip !== 'string' || typeof salt !== 'string') throw new TypeError('nip and salt must be strings');
  return PREFIX + bytesToHex(sha256(utf8ToBytes(canonicalNip(nip) + salt)));
}

/** The IdentityObject that carries the learner's NIP in a credential. */
export function makeNipIdentity(nip: string, salt: string): NipIdentity {
  if (!/^[0-9]{18}$/.test(canonicalNip(nip))) throw new TypeError('makeNipIdentity expects an 18-digit NIP');
  if (salt.length === 0) throw new TypeError('makeNipIdentity expects a non-empty salt');
  return { type: 'IdentityObject', identityHash: hashIdentity(nip, salt), identityType: 'identifier', hashed: true, salt };
}

/**
 * Does `identity` (taken from a credential, so untrusted) hash `candidateNip`?
 * Only `sha256$` hashes are accepted (OB also allows MD5; we never issue it and do not
 * honour it). The digests are compared in constant time so response timing does not
 * reveal how many leading bytes of a guess were right.
 */
export function matchesIdentity(identity: unknown, candidateNip: string): boolean {
  if (!identity || typeof identity !== 'object' || typeof candidateNip !== 'string') return false;
  const { identityHash, hashed, salt } = identity as Record<string, unknown>;
  if (hashed !== true || typeof identityHash !== 'string') return false;
  if (salt !== undefined && typeof salt !== 'string') return false;
  if (!identityHash.toLowerCase().startsWith(PREFIX)) return false;
  const expected = hexToBytesOrUndefined(identityHash.slice(PREFIX.length));
  if (!expected || expected.length !== 32) return false;
  const actual = sha256(utf8ToBytes(canonicalNip(candidateNip) + (salt ?? '')));
  return constantTimeEqual(expected, actual);
}

/** 16 random bytes as 32 lowercase hex characters (WebCrypto, Node ≥ 19 and browsers). */
export function randomSalt(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}

function hexToBytesOrUndefined(hex: string): Uint8Array | undefined {
  // OB allows upper- or lower-case hex digits.
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
