/**
 * W3C Bitstring Status List v1.0: the bitstring, its `encodedList` form, and index handling.
 *
 * `encodedList` is the Multibase base64url (no padding, prefix `u`) encoding of the GZIP
 * (RFC 1952) compressed bitstring. Index 0 is the left-most bit: the most significant bit of
 * the first byte (spec §"Bitstring Generation Algorithm"; @digitalbazaar/bitstring's default
 * `leftToRightIndexing`).
 *
 * Bits are plain `Uint8Array`s rather than @digitalbazaar/bitstring instances: that class
 * wraps `buffer.buffer` (the whole underlying ArrayBuffer, wrong for a subarray view) and
 * brings pako and its own base64 into the browser bundle, while compression is built into
 * both runtimes (CompressionStream / DecompressionStream). The tests check the two agree.
 */
import { base64urlnopad } from '@scure/base';
import { AppError } from '../errors.js';

/** Spec minimum: 16 KiB of bits, so that one index tells little about one holder (herd privacy). */
export const MIN_STATUS_LIST_LENGTH = 131072;

/** Default cap on the decompressed bitstring: 16 MiB (134,217,728 entries). */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;
/** Default cap on the `encodedList` string, in characters. */
export const DEFAULT_MAX_ENCODED_LENGTH = 1024 * 1024;

/** How many random draws `randomUnusedIndex` makes before it reports the list full. */
const RANDOM_INDEX_TRIES = 64;

/**
 * A zeroed bitstring of `length` bits. `length` must be a positive multiple of 8 (the encoded
 * list carries no length, so a list is always whole bytes). Issuers must use at least
 * {@link MIN_STATUS_LIST_LENGTH}; this function does not enforce it so tests can use small lists.
 */
export function createStatusBits(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length <= 0 || length % 8 !== 0 || length / 8 > DEFAULT_MAX_STATUS_LIST_BYTES) {
    throw new AppError('STATUS_LIST_LENGTH_INVALID', `Status list length must be a positive multiple of 8 up to ${DEFAULT_MAX_STATUS_LIST_BYTES * 8}`, {
      status: 500,
      details: { length },
    });
  }
  return new Uint8Array(length / 8);
}

/** Sets (on = true) or clears the bit at `index`. Throws STATUS_INDEX_OUT_OF_RANGE outside the list. */
export function setStatusBit(bits: Uint8Array, index: number, on: boolean): void {
  const byte = byteIndexOf(bits, index);
  const mask = 0x80 >>> (index % 8);
  const old = bits[byte] ?? 0;
  bits[byte] = on ? old | mask : old & ~mask;
}

/** Whether the bit at `index` is set. Throws STATUS_INDEX_OUT_OF_RANGE outside the list. */
export function getStatusBit(bits: Uint8Array, index: number): boolean {
  const byte = byteIndexOf(bits, index);
  return ((bits[byte] ?? 0) & (0x80 >>> (index % 8))) !== 0;
}

function byteIndexOf(bits: Uint8Array, index: number): number {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new AppError('STATUS_INDEX_INVALID', 'Status list index must be a non-negative integer', { status: 400, details: { index } });
  }
  if (index >= bits.length * 8) {
    throw new AppError('STATUS_INDEX_OUT_OF_RANGE', `Status list index ${index} is outside the list of ${bits.length * 8} entries`, {
      status: 400,
      details: { index, length: bits.length * 8 },
    });
  }
  return Math.floor(index / 8);
}

/** GZIP-compresses the bitstring and returns it as Multibase base64url without padding (`u...`). */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Not awaited before reading: the write only completes as the output is consumed.
  const writing = writer.write(new Uint8Array(bits)).then(() => writer.close());
  writing.catch(() => undefined); // a failure surfaces through the reader or the await below
  const chunks: Uint8Array[] = [];
  const reader = stream.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  await writing;
  return `u${base64urlnopad.encode(concat(chunks, totalLength(chunks)))}`;
}

export interface DecodeStatusListOptions {
  /** Largest accepted decompressed bitstring, in bytes. Default 16 MiB. */
  maxBytes?: number;
  /** Longest accepted `encodedList` string, in characters. Default 1 MiB. */
  maxEncodedLength?: number;
}

/**
 * Decodes an `encodedList` into the bitstring.
 *
 * Accepts the spec's `u` Multibase prefix and, for lists from issuers that implemented the
 * earlier StatusList2021 drafts (plain base64url, no prefix), a bare base64url string. The two
 * cannot be confused: GZIP data always starts 1F 8B 08, which base64url writes as `H4sI`, never
 * `u`. Any other Multibase prefix is refused.
 *
 * Decompression is streamed and cancelled as soon as the output passes `maxBytes`, so a
 * GZIP bomb costs at most about `maxBytes` of memory and time.
 *
 * The caller still checks the length against {@link MIN_STATUS_LIST_LENGTH} (spec: a shorter
 * list is a verification failure).
 *
 * @throws AppError STATUS_LIST_TOO_LARGE (encoded string or decompressed output over its cap),
 *   STATUS_LIST_MALFORMED (not a string, bad prefix, bad base64url, bad or truncated GZIP).
 */
export async function decodeStatusList(encoded: string, opts: DecodeStatusListOptions = {}): Promise<Uint8Array> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES;
  const maxEncodedLength = opts.maxEncodedLength ?? DEFAULT_MAX_ENCODED_LENGTH;

  if (typeof encoded !== 'string') throw malformed('encodedList must be a string');
  if (encoded.length > maxEncodedLength) {
    throw new AppError('STATUS_LIST_TOO_LARGE', `encodedList is longer than ${maxEncodedLength} characters`, {
      status: 422,
      details: { maxEncodedLength },
    });
  }
  let base64: string;
  if (encoded.startsWith('u')) base64 = encoded.slice(1);
  else if (encoded.startsWith('H4sI')) base64 = encoded; // legacy: no Multibase prefix
  else throw malformed('encodedList must be Multibase base64url (prefix "u") of GZIP data');

  let compressed: Uint8Array;
  try {
    compressed = base64urlnopad.decode(base64);
  } catch (cause) {
    throw malformed('encodedList is not valid base64url without padding', cause);
  }
  if (compressed.length < 18 || compressed[0] !== 0x1f || compressed[1] !== 0x8b) {
    throw malformed('encodedList is not GZIP data');
  }
  return await gunzipCapped(compressed, maxBytes);
}

async function gunzipCapped(compressed: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Not awaited before reading (the write waits for the output to be consumed); its failure
  // is reported through the reader, and after a cancel it rejects with an abort we ignore.
  // (The copy gives the stream an ArrayBuffer-backed view, as BufferSource requires.)
  writer.write(new Uint8Array(compressed)).then(() => writer.close()).catch(() => undefined);

  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (cause) {
      throw malformed('encodedList is not valid GZIP data', cause);
    }
    if (result.done) break;
    total += result.value.byteLength;
    if (total > maxBytes) {
      // Stop the inflater now: reading on would let a bomb expand to its full size.
      await reader.cancel().catch(() => undefined);
      throw new AppError('STATUS_LIST_TOO_LARGE', `Decompressed status list is larger than ${maxBytes} bytes`, {
        status: 422,
        details: { maxBytes },
      });
    }
    chunks.push(result.value);
  }
  return concat(chunks, total);
}

function malformed(message: string, cause?: unknown): AppError {
  return new AppError('STATUS_LIST_MALFORMED', message, { status: 422, cause }); // AppError drops an undefined cause
}

function totalLength(chunks: readonly Uint8Array[]): number {
  return chunks.reduce((n, c) => n + c.byteLength, 0);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const DECIMAL_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * Parses a `statusListIndex` strictly and checks it against the list length in bits.
 *
 * The spec requires a string of base-10 digits. Accepted: `"0"`, `"42"`. Refused with
 * STATUS_INDEX_INVALID: signs, whitespace, leading zeros (`"007"`, which some parsers read as
 * octal), exponents, trailing junk (`"12abc"`, which `parseInt` would read as 12), the empty
 * string, anything above Number.MAX_SAFE_INTEGER, and non-strings other than the case below.
 *
 * Decision: a JSON number is also accepted when it is a non-negative safe integer, for older
 * issuers that wrote the index as a number. It is signed data and has only one reading, so
 * accepting it opens no ambiguity; fractions, negatives, NaN and infinities are still refused.
 *
 * @throws AppError STATUS_INDEX_INVALID, or STATUS_INDEX_OUT_OF_RANGE when index >= listLengthBits.
 */
export function parseStatusListIndex(value: unknown, listLengthBits: number): number {
  let index: number;
  if (typeof value === 'string') {
    // Digits above MAX_SAFE_INTEGER need no check of their own: Number() rounds them to 2^53 or
    // more (rounding is monotonic and 2^53 is exact), which the safe-integer check below refuses.
    if (!DECIMAL_INDEX.test(value)) throw invalidIndex(value);
    index = Number(value);
  } else if (typeof value === 'number') {
    index = value;
  } else {
    throw invalidIndex(value);
  }
  if (!Number.isSafeInteger(index) || index < 0 || Object.is(index, -0)) throw invalidIndex(value);
  // index >= 0 here, so the comparison also refuses every index against a length of 0 or less.
  if (!Number.isSafeInteger(listLengthBits) || index >= listLengthBits) {
    throw new AppError('STATUS_INDEX_OUT_OF_RANGE', `statusListIndex ${index} is outside the status list of ${listLengthBits} entries`, {
      status: 422,
      details: { index, length: listLengthBits },
    });
  }
  return index;
}

function invalidIndex(value: unknown): AppError {
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value === 'number' ? String(value) : typeof value;
  return new AppError('STATUS_INDEX_INVALID', `statusListIndex must be a string of decimal digits, got ${shown}`, { status: 422 });
}

/**
 * Picks an unused index uniformly at random in [0, length), so an index says nothing about
 * when a credential was issued or who got the one before (spec privacy considerations).
 *
 * Makes up to 64 draws and then throws AppError STATUS_LIST_FULL: the caller then opens a new
 * list. There is deliberately no linear-scan fallback, which would hand out neighbouring,
 * predictable indexes; 64 misses in a row are unlikely (1e-6) until the list is ~80% used.
 *
 * @param random Returns an integer in [0, max); defaults to a crypto.getRandomValues draw with
 *   rejection sampling (no modulo bias). Injected for tests.
 */
export async function randomUnusedIndex(
  length: number,
  isUsed: (i: number) => boolean | Promise<boolean>,
  random: (max: number) => number = secureRandomInt,
): Promise<number> {
  if (!Number.isSafeInteger(length) || length <= 0 || length > 2 ** 32) {
    throw new AppError('STATUS_LIST_LENGTH_INVALID', 'Status list length must be a positive integer up to 2^32', {
      status: 500,
      details: { length },
    });
  }
  for (let attempt = 0; attempt < RANDOM_INDEX_TRIES; attempt++) {
    const index = random(length);
    if (!Number.isSafeInteger(index) || index < 0 || index >= length) {
      throw new RangeError(`random(${length}) returned ${index}, outside [0, ${length})`);
    }
    if (!(await isUsed(index))) return index;
  }
  throw new AppError('STATUS_LIST_FULL', `No unused status index found after ${RANDOM_INDEX_TRIES} random draws; open a new status list`, {
    status: 503,
    details: { length, tries: RANDOM_INDEX_TRIES },
  });
}

/** Uniform integer in [0, max) for max <= 2^32, by rejection sampling on 32-bit draws. */
function secureRandomInt(max: number): number {
  const range = 2 ** 32;
  // Largest multiple of max that fits in 32 bits: draws at or above it would bias low values.
  const limit = range - (range % max);
  const draw = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(draw);
    const v = draw[0] ?? 0;
    if (v < limit) return v % max;
  }
}
