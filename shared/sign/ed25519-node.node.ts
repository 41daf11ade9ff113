/**
 * Node-only Ed25519 through node:crypto (OpenSSL), synchronous and about twice as fast as
 * WebCrypto's threadpool round trip per signature. Signatures are byte for byte the
 * noble / WebCrypto ones (RFC 8032 is deterministic). For verification,
 * `installNodeCrypto()` makes `verifyEd25519Fast` ask OpenSSL first; the strict rules
 * and the noble verdict on every rejection stay as described in ed25519-fast.ts.
 *
 * Composition roots (services, bench, worker threads) call `installNodeCrypto()` once.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Signer } from '../keys/ed25519.js';
import { usePlatformSha256Hex } from '../canonical/rdfc.js';
import { usePlatformEd25519Verify } from './ed25519-fast.js';
import { BoundedMap } from '../util/bounded-map.js';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const publicKeys = new BoundedMap<string, KeyObject | null>(4096);

/** A `Signer` (same id, algorithm and bytes as `createSigner`) on node:crypto. */
export function createNodeSigner(id: string, secretKey: Uint8Array): Signer {
  if (secretKey.length !== 32) throw new Error('An Ed25519 seed is 32 bytes.');
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
  return {
    id,
    algorithm: 'Ed25519',
    sign: async ({ data }) => new Uint8Array(sign(null, data, key)),
  };
}

function publicKeyObject(publicKey: Uint8Array): KeyObject | null {
  const k = Buffer.from(publicKey).toString('hex');
  let key = publicKeys.get(k);
  if (key === undefined) {
    try {
      key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
    publicKeys.set(k, key);
  }
  return key;
}

/** OpenSSL's verdict; `false` only means "not accepted here" (noble decides then). */
export function verifyWithNode(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const key = publicKeyObject(publicKey);
  if (!key) return false;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/**
 * Makes strict verification (`verifyEd25519Fast`) and the canonicalization's SHA-256 use
 * node:crypto in this process. Verdicts and hashes are the same; only the speed changes.
 */
export function installNodeCrypto(): void {
  usePlatformEd25519Verify(verifyWithNode);
  usePlatformSha256Hex((text) => createHash('sha256').update(text, 'utf8').digest('hex'));
}
