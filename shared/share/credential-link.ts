/**
 * A public verification link for one credential: `<verifier>/bukti#v1.<data>`, where
 * `<data>` is the credential's JSON, gzip-compressed and base64url-encoded. The credential
 * travels in the URL fragment, which browsers never send to a server: the verifier's page
 * reads it in the browser and asks the verifier's API to check it, and nothing is stored.
 * Runs in the browser (wallet, verifier page) and in Node 20 (tests): CompressionStream.
 *
 * Reading a link is hostile input: its length is capped before decoding and the inflated
 * JSON is capped while it streams (a gzip bomb stops at the cap), then parsed strictly.
 */
import { base64urlnopad } from '@scure/base';
import { AppError } from '../errors.js';
import { parseStrictJson } from '../util/strict-json.js';

export const SHARE_PATH = '/bukti';
const PREFIX = 'v1.';
/** A learning credential is a few kilobytes; these leave room and stop abuse early. */
export const MAX_SHARE_FRAGMENT_CHARS = 60_000;
export const MAX_SHARED_CREDENTIAL_BYTES = 256_000;

async function pump(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('SHARE_LINK_INVALID', 'The shared credential is too large.');
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, cap: number): Promise<Uint8Array> {
  const source = new Blob([bytes as BlobPart]).stream();
  return pump(source.pipeThrough(transform as unknown as ReadableWritablePair<Uint8Array, Uint8Array>), cap);
}

/** The fragment (without `#`) that carries `credential`. */
export async function encodeShareFragment(credential: Record<string, unknown>): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(credential));
  if (json.byteLength > MAX_SHARED_CREDENTIAL_BYTES) throw new AppError('SHARE_LINK_INVALID', 'The credential is too large to share by link.');
  const gz = await through(json, new CompressionStream('gzip'), MAX_SHARED_CREDENTIAL_BYTES);
  return `${PREFIX}${base64urlnopad.encode(gz)}`;
}

/** The link for `credential` on the verifier at `verifierOrigin`. */
export async function shareLink(verifierOrigin: string, credential: Record<string, unknown>): Promise<string> {
  return `${new URL(verifierOrigin).origin}${SHARE_PATH}#${await encodeShareFragment(credential)}`;
}

/**
 * The credential a fragment carries (`#` optional).
 * @throws AppError SHARE_LINK_INVALID for anything that is not one
 */
export async function decodeShareFragment(fragment: string): Promise<Record<string, unknown>> {
  const invalid = (cause?: unknown): never => {
    throw new AppError('SHARE_LINK_INVALID', 'This link does not carry a credential (it may be cut short).', cause === undefined ? {} : { cause });
  };
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_SHARE_FRAGMENT_CHARS || !text.startsWith(PREFIX)) return invalid();
  let json: Uint8Array;
  try {
    json = await through(base64urlnopad.decode(text.slice(PREFIX.length)), new DecompressionStream('gzip'), MAX_SHARED_CREDENTIAL_BYTES);
  } catch (e) {
    if (e instanceof AppError) throw e;
    return invalid(e);
  }
  let value: unknown;
  try {
    value = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(json), { maxBytes: MAX_SHARED_CREDENTIAL_BYTES });
  } catch (e) {
    return invalid(e);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid();
  return value as Record<string, unknown>;
}
