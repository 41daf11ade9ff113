/**
 * The presentation relay, wallet and page side (Node and browser, WebCrypto only).
 *
 * A signed presentation is several KB, too much for a QR that one phone reads off another's
 * screen. The wallet encrypts it with a fresh AES-256-GCM key, uploads only the ciphertext
 * to the verifier, and shows `<verifier origin>/p/<id>#<key>`. The key lives in the URL
 * fragment, which browsers never send to a server. The relay id is the AES-GCM additional
 * data, so a blob cannot be moved to another id. Protocol: docs/verifier.md.
 */
import { base64urlnopad } from '@scure/base';
import { AppError } from '../errors.js';

/** 16 random bytes, base64url without padding. */
export const RELAY_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** 32 random bytes (AES-256), base64url without padding. */
export const RELAY_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** 12-byte AES-GCM nonce, base64url without padding. */
export const RELAY_IV_PATTERN = /^[A-Za-z0-9_-]{16}$/;
/** Largest ciphertext the verifier stores (base64url characters). */
export const RELAY_MAX_CIPHERTEXT_CHARS = 400_000;
/** A relay URL is short by design; anything longer is not ours. */
export const RELAY_MAX_URL_LENGTH = 300;

export interface RelayBlob {
  /** base64url (no padding) AES-256-GCM ciphertext with its 16-byte tag. */
  ciphertext: string;
  /** base64url (no padding) 12-byte nonce. */
  iv: string;
}

/** The verifier's answer to `POST /relay` (the protocol's shape, used by both ends). */
export interface OpenedRelay {
  id: string;
  challenge: string;
  domain: string;
  expiresAt: string;
  /** Where to `PUT` the encrypted blob. */
  uploadUrl: string;
  /** The QR link without its `#<key>` fragment (the wallet builds it from the verifier origin). */
  pageUrl?: string;
}

export interface RelayLink {
  origin: string;
  id: string;
  key: string;
}

const subtle = (): SubtleCrypto => {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new AppError('CRYPTO_UNAVAILABLE', 'WebCrypto is not available (a secure context is required).');
  return s;
};

function aadFor(id: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`asn-relay-v1:${id}`);
}

function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  globalThis.crypto.getRandomValues(b);
  return b;
}

function decode(s: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(base64urlnopad.decode(s));
}

/** A fresh relay key: 32 random bytes as base64url. */
export function createRelayKey(): string {
  return base64urlnopad.encode(randomBytes(32));
}

/**
 * Encrypts a presentation (any JSON value) for relay `id` with `key` (from createRelayKey).
 * The id is bound as additional data.
 */
export async function encryptForRelay(presentation: unknown, id: string, key: string): Promise<RelayBlob> {
  if (!RELAY_ID_PATTERN.test(id)) throw new AppError('RELAY_ID_INVALID', 'Relay id has the wrong shape.');
  if (!RELAY_KEY_PATTERN.test(key)) throw new AppError('RELAY_KEY_INVALID', 'Relay key has the wrong shape.');
  const cryptoKey = await subtle().importKey('raw', decode(key), { name: 'AES-GCM' }, false, ['encrypt']);
  const iv = randomBytes(12);
  const plain = new TextEncoder().encode(JSON.stringify(presentation));
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aadFor(id) }, cryptoKey, plain);
  return { ciphertext: base64urlnopad.encode(new Uint8Array(ct)), iv: base64urlnopad.encode(iv) };
}

/**
 * Decrypts a relay blob to its JSON text (parse it with parseStrictJson: it is untrusted).
 * @throws AppError RELAY_DECRYPT_FAILED for a wrong key, wrong id or edited blob.
 */
export async function decryptFromRelay(blob: RelayBlob, id: string, key: string): Promise<string> {
  if (!RELAY_KEY_PATTERN.test(key) || !RELAY_ID_PATTERN.test(id)) throw new AppError('RELAY_KEY_INVALID', 'Relay key or id has the wrong shape.');
  if (typeof blob?.iv !== 'string' || !RELAY_IV_PATTERN.test(blob.iv) || typeof blob.ciphertext !== 'string' || blob.ciphertext.length > RELAY_MAX_CIPHERTEXT_CHARS) {
    throw new AppError('RELAY_BLOB_INVALID', 'The relay blob has the wrong shape.');
  }
  try {
    const cryptoKey = await subtle().importKey('raw', decode(key), { name: 'AES-GCM' }, false, ['decrypt']);
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv: decode(blob.iv), additionalData: aadFor(id) }, cryptoKey, decode(blob.ciphertext));
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch (cause) {
    throw new AppError('RELAY_DECRYPT_FAILED', 'The presentation could not be decrypted (wrong key or edited data).', { cause });
  }
}

/** The QR text for a relay: `<origin>/p/<id>#<key>`. */
export function buildRelayUrl(origin: string, id: string, key: string): string {
  return `${new URL(origin).origin}/p/${id}#${key}`;
}

/**
 * Reads a scanned or pasted relay URL. Accepts only `http(s)://<known origin>/p/<id>#<key>`
 * with the exact id and key lengths; anything else (oversized, `javascript:`, a foreign
 * origin, a truncated key, a query string) is refused without navigating anywhere
 * (BAD-INPUTS #27).
 * @throws AppError RELAY_URL_INVALID with `details.reason`.
 */
export function parseRelayUrl(text: string, knownOrigins: readonly string[]): RelayLink {
  const refuse = (reason: string): never => {
    throw new AppError('RELAY_URL_INVALID', 'This is not a presentation link of a known verifier.', { status: 400, details: { reason } });
  };
  if (typeof text !== 'string') return refuse('not text');
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > RELAY_MAX_URL_LENGTH) refuse('length');
  if (!/^https?:\/\//i.test(trimmed)) refuse('scheme');
  let u: URL;
  try {
    u = new URL(trimmed);
  } catch {
    return refuse('not a URL');
  }
  if (u.username !== '' || u.password !== '') refuse('credentials in URL');
  const known = new Set(knownOrigins.map((o) => new URL(o).origin));
  if (!known.has(u.origin)) refuse('foreign origin');
  if (u.search !== '') refuse('query');
  const m = /^\/p\/([A-Za-z0-9_-]+)$/.exec(u.pathname);
  if (!m?.[1] || !RELAY_ID_PATTERN.test(m[1])) refuse('id');
  const key = u.hash.slice(1);
  if (!RELAY_KEY_PATTERN.test(key)) refuse('key');
  return { origin: u.origin, id: m![1]!, key };
}
