/**
 * Ed25519 keys as W3C Multikey, with @noble/ed25519 doing the maths everywhere (Node and
 * browser alike), so a signature verifies or fails the same way in both.
 */
import * as ed from '@noble/ed25519';
import { base58 } from '@scure/base';
import { AppError } from '../errors.js';

/** Multicodec prefix of an Ed25519 public key (0xed, varint-encoded). */
const ED25519_PUB_PREFIX = new Uint8Array([0xed, 0x01]);
/** Multicodec prefix of an Ed25519 secret key (0x1300, varint-encoded). */
const ED25519_PRIV_PREFIX = new Uint8Array([0x80, 0x26]);

export interface Ed25519KeyPair {
  publicKey: Uint8Array;
  /** The 32-byte seed (RFC 8032 private key). */
  secretKey: Uint8Array;
}

/** What Data Integrity suites call to sign: a KMS can provide the same shape. */
export interface Signer {
  id: string;
  algorithm: 'Ed25519';
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

export async function generateKeyPair(seed?: Uint8Array): Promise<Ed25519KeyPair> {
  const secretKey = seed ? Uint8Array.from(seed) : ed.utils.randomSecretKey();
  if (secretKey.length !== 32) throw new AppError('KEY_INVALID', 'An Ed25519 seed is 32 bytes.');
  return { secretKey, publicKey: await ed.getPublicKeyAsync(secretKey) };
}

export function encodePublicMultikey(publicKey: Uint8Array): string {
  return `z${base58.encode(concat(ED25519_PUB_PREFIX, publicKey))}`;
}

export function encodeSecretMultikey(secretKey: Uint8Array): string {
  return `z${base58.encode(concat(ED25519_PRIV_PREFIX, secretKey))}`;
}

/** Decodes `z6Mk...` to the 32 raw key bytes; throws KEY_INVALID for anything else. */
export function decodePublicMultikey(multibase: string): Uint8Array {
  if (typeof multibase !== 'string' || !multibase.startsWith('z')) {
    throw new AppError('KEY_INVALID', 'publicKeyMultibase must be base58btc (prefix z).');
  }
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(multibase.slice(1));
  } catch (cause) {
    throw new AppError('KEY_INVALID', 'publicKeyMultibase is not valid base58btc.', { cause });
  }
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) {
    throw new AppError('KEY_INVALID', 'publicKeyMultibase is not an Ed25519 public key.');
  }
  return bytes.slice(2);
}

export function decodeSecretMultikey(multibase: string): Uint8Array {
  const bytes = base58.decode(multibase.slice(1));
  if (!multibase.startsWith('z') || bytes.length !== 34 || bytes[0] !== 0x80 || bytes[1] !== 0x26) {
    throw new AppError('KEY_INVALID', 'secretKeyMultibase is not an Ed25519 secret key.');
  }
  return bytes.slice(2);
}

/**
 * Refuses public keys that are not canonical curve points or have small order: with a
 * small-order key a forger can make signatures that verify for many messages.
 */
export function assertUsablePublicKey(publicKey: Uint8Array): void {
  if (publicKey.length !== 32) throw new AppError('KEY_INVALID', 'An Ed25519 public key is 32 bytes.');
  let point: ed.Point;
  try {
    point = ed.Point.fromBytes(publicKey, false);
  } catch (cause) {
    throw new AppError('KEY_INVALID', 'The public key is not a valid Ed25519 point.', { cause });
  }
  if (point.isSmallOrder()) throw new AppError('KEY_WEAK', 'The public key has small order and is refused.');
}

/**
 * Strict RFC 8032 verification (zip215: false): non-canonical R or A and S >= L (a
 * malleated signature) are rejected. Returns false, never throws, for a bad signature.
 */
export async function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
  if (signature.length !== 64) return false;
  assertUsablePublicKey(publicKey);
  try {
    return await ed.verifyAsync(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export function createSigner(id: string, secretKey: Uint8Array): Signer {
  const key = Uint8Array.from(secretKey);
  return {
    id,
    algorithm: 'Ed25519',
    sign: async ({ data }) => ed.signAsync(data, key),
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
