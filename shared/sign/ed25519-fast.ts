/**
 * Ed25519 through WebCrypto (`crypto.subtle`, native in Node 20 and in current browsers)
 * where it is available, with @noble/ed25519 deciding every case WebCrypto does not
 * accept. Signatures are deterministic (RFC 8032), so a WebCrypto signature is byte for
 * byte the noble one. Verification keeps the project's strict rules exactly:
 *
 * - the public key passes `assertUsablePublicKey` (canonical point, not small order),
 *   checked once per key and cached, throwing the same error every time;
 * - WebCrypto is asked only when S < L and R is a canonical encoding; it can then only
 *   accept what strict noble accepts (a signature valid under the cofactorless or the
 *   cofactored equation, with canonical A and R and S < L, is valid for noble's strict
 *   cofactored check);
 * - anything WebCrypto rejects (or cannot check) is decided by `verifyEd25519` (noble,
 *   zip215 off). So Node and browser, fast or not, give the same verdict.
 */
import * as ed from '@noble/ed25519';
import { assertUsablePublicKey, verifyEd25519 } from '../keys/ed25519.js';
import type { Signer } from '../keys/ed25519.js';
import { BoundedMap } from '../util/bounded-map.js';

const ALG = { name: 'Ed25519' } as const;
/** PKCS#8 prefix of a raw 32-byte Ed25519 seed. */
const PKCS8_PREFIX = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

function subtle(): SubtleCrypto | undefined {
  return (globalThis as { crypto?: Crypto }).crypto?.subtle;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

const keyChecks = new BoundedMap<string, unknown>(4096);
const OK = Symbol('ok');

/** `assertUsablePublicKey`, cached per key (it decompresses a point: ~0.2 ms). */
function assertUsablePublicKeyCached(publicKey: Uint8Array): string {
  const k = hex(publicKey);
  let verdict = keyChecks.get(k);
  if (verdict === undefined) {
    try {
      assertUsablePublicKey(publicKey);
      verdict = OK;
    } catch (e) {
      verdict = e;
    }
    keyChecks.set(k, verdict);
  }
  if (verdict !== OK) throw verdict;
  return k;
}

/**
 * A platform verifier consulted before WebCrypto (node:crypto in Node: see
 * ed25519-node.node.ts). Its `true` is trusted only under the same conditions as
 * WebCrypto's (strict key, S < L, canonical R); its `false` hands the case to noble.
 */
export type PlatformEd25519Verify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;
let platformVerify: PlatformEd25519Verify | undefined;

export function usePlatformEd25519Verify(verify: PlatformEd25519Verify | undefined): void {
  platformVerify = verify;
}

const verifyKeys = new BoundedMap<string, Promise<CryptoKey | undefined>>(4096);

function importVerifyKey(k: string, publicKey: Uint8Array): Promise<CryptoKey | undefined> {
  const hit = verifyKeys.get(k);
  if (hit) return hit;
  const s = subtle();
  const p = s ? s.importKey('raw', Uint8Array.from(publicKey), ALG, false, ['verify']).catch(() => undefined) : Promise.resolve(undefined);
  verifyKeys.set(k, p);
  return p;
}

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;

function leNumber(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

/** S < L, and R's y < p and not the (x = 0, sign bit set) encoding: what strict decoding requires. */
function strictlyEncoded(signature: Uint8Array): boolean {
  if (leNumber(signature.subarray(32, 64)) >= L) return false;
  const r = Uint8Array.from(signature.subarray(0, 32));
  const sign = ((r[31] as number) & 0x80) !== 0;
  r[31] = (r[31] as number) & 0x7f;
  const y = leNumber(r);
  if (y >= P) return false;
  if (sign && (y === 1n || y === P - 1n)) return false;
  return true;
}

/**
 * Strict Ed25519 verification, the same verdicts as `verifyEd25519` (returns false for a
 * bad signature, throws KEY_INVALID / KEY_WEAK for an unusable key), faster where
 * WebCrypto has Ed25519.
 */
export async function verifyEd25519Fast(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
  if (signature.length !== 64) return false;
  const k = assertUsablePublicKeyCached(publicKey);
  if (strictlyEncoded(signature)) {
    if (platformVerify) {
      if (platformVerify(signature, message, publicKey)) return true;
      return verifyEd25519(signature, message, publicKey);
    }
    const key = await importVerifyKey(k, publicKey);
    const s = subtle();
    if (key && s) {
      try {
        if (await s.verify(ALG, key, signature as BufferSource, message as BufferSource)) return true;
      } catch {
        // fall through: noble decides
      }
    }
  }
  return verifyEd25519(signature, message, publicKey);
}

/**
 * A `Signer` like `createSigner` (same id, algorithm and signature bytes) that signs with
 * WebCrypto when the platform has Ed25519, else with @noble/ed25519.
 */
export function createFastSigner(id: string, secretKey: Uint8Array): Signer {
  const seed = Uint8Array.from(secretKey);
  let keyPromise: Promise<CryptoKey | undefined> | undefined;
  const key = () => {
    if (!keyPromise) {
      const s = subtle();
      const pkcs8 = new Uint8Array(PKCS8_PREFIX.length + 32);
      pkcs8.set(PKCS8_PREFIX, 0);
      pkcs8.set(seed, PKCS8_PREFIX.length);
      keyPromise = s ? s.importKey('pkcs8', pkcs8, ALG, false, ['sign']).catch(() => undefined) : Promise.resolve(undefined);
    }
    return keyPromise;
  };
  return {
    id,
    algorithm: 'Ed25519',
    sign: async ({ data }) => {
      const k = await key();
      const s = subtle();
      if (k && s) {
        try {
          return new Uint8Array(await s.sign(ALG, k, data as BufferSource));
        } catch {
          // fall through to noble
        }
      }
      return ed.signAsync(data, seed);
    },
  };
}
