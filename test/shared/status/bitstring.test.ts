import zlib from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Bitstring } from '@digitalbazaar/bitstring';
import { base64urlnopad } from '@scure/base';
import {
  DEFAULT_MAX_ENCODED_LENGTH,
  DEFAULT_MAX_STATUS_LIST_BYTES,
  MIN_STATUS_LIST_LENGTH,
  createStatusBits,
  decodeStatusList,
  encodeStatusList,
  getStatusBit,
  parseStatusListIndex,
  randomUnusedIndex,
  setStatusBit,
} from '../../../shared/status/bitstring.js';
import { AppError } from '../../../shared/errors.js';
import { codeOfAsync, errorOfAsync } from '../../helpers/error-code.js';

const codeOf = codeOfAsync;

// The project's declaration of @digitalbazaar/bitstring leaves out its codec; the tests use it
// to check compatibility only.
interface BitstringCodec {
  encodeBits(): Promise<string>;
}
interface BitstringCodecStatic {
  decodeBits(opts: { encoded: string }): Promise<Uint8Array>;
}

function gzipBits(bits: Uint8Array): Uint8Array {
  return new Uint8Array(zlib.gzipSync(bits));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('status bits', () => {
  it('creates a zeroed list of the spec minimum', () => {
    const bits = createStatusBits(MIN_STATUS_LIST_LENGTH);
    expect(MIN_STATUS_LIST_LENGTH).toBe(131072);
    expect(bits.length).toBe(16384);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it.each([0, -8, 12, 1.5, Number.NaN, 2 ** 40])('refuses length %s', async (length) => {
    expect(await codeOf(() => createStatusBits(length))).toBe('STATUS_LIST_LENGTH_INVALID');
  });

  it('index 0 is the most significant bit of byte 0', () => {
    const bits = createStatusBits(16);
    setStatusBit(bits, 0, true);
    expect([...bits]).toEqual([0x80, 0]);
    setStatusBit(bits, 7, true);
    setStatusBit(bits, 9, true);
    expect([...bits]).toEqual([0x81, 0x40]);
    expect(getStatusBit(bits, 0)).toBe(true);
    expect(getStatusBit(bits, 1)).toBe(false);
    expect(getStatusBit(bits, 9)).toBe(true);
    setStatusBit(bits, 0, false);
    expect([...bits]).toEqual([0x01, 0x40]);
    setStatusBit(bits, 9, true); // idempotent
    expect([...bits]).toEqual([0x01, 0x40]);
  });

  it('agrees with @digitalbazaar/bitstring on bit order', () => {
    const theirs = new Bitstring({ length: 64 });
    const ours = createStatusBits(64);
    for (const i of [0, 3, 8, 15, 33, 63]) {
      theirs.set(i, true);
      setStatusBit(ours, i, true);
    }
    expect(ours).toEqual(theirs.bits);
  });

  it('refuses indexes outside the list', async () => {
    const bits = createStatusBits(8);
    expect(await codeOf(() => getStatusBit(bits, 8))).toBe('STATUS_INDEX_OUT_OF_RANGE');
    expect(await codeOf(() => setStatusBit(bits, 8, true))).toBe('STATUS_INDEX_OUT_OF_RANGE');
    expect(await codeOf(() => getStatusBit(bits, -1))).toBe('STATUS_INDEX_INVALID');
    expect(await codeOf(() => getStatusBit(bits, 1.5))).toBe('STATUS_INDEX_INVALID');
  });
});

describe('encodeStatusList / decodeStatusList', () => {
  it('round-trips a spec-size list', async () => {
    const bits = createStatusBits(MIN_STATUS_LIST_LENGTH);
    for (const i of [0, 1, 7, 8, 1000, 65536, MIN_STATUS_LIST_LENGTH - 1]) setStatusBit(bits, i, true);
    const encoded = await encodeStatusList(bits);
    expect(encoded.startsWith('uH4sI')).toBe(true);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/); // base64url, no padding
    const decoded = await decodeStatusList(encoded);
    expect(decoded).toEqual(bits);
    expect(getStatusBit(decoded, MIN_STATUS_LIST_LENGTH - 1)).toBe(true);
    expect(getStatusBit(decoded, 2)).toBe(false);
  });

  it('encodes GZIP of the raw bytes, index 0 in the first byte MSB', async () => {
    const bits = createStatusBits(16);
    setStatusBit(bits, 0, true);
    setStatusBit(bits, 15, true);
    const encoded = await encodeStatusList(bits);
    const gz = base64urlnopad.decode(encoded.slice(1));
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    expect([...zlib.gunzipSync(gz)]).toEqual([0x80, 0x01]);
  });

  it('decodes a list made the @digitalbazaar/vc-bitstring-status-list way', async () => {
    const list = new Bitstring({ length: MIN_STATUS_LIST_LENGTH });
    list.set(0, true);
    list.set(42, true);
    list.set(131071, true);
    // vc-bitstring-status-list: `u` + Bitstring#encodeBits() (pako gzip, base64url no padding).
    const encoded = `u${await (list as unknown as BitstringCodec).encodeBits()}`;
    const decoded = await decodeStatusList(encoded);
    expect(decoded.length * 8).toBe(MIN_STATUS_LIST_LENGTH);
    expect([0, 42, 131071].map((i) => getStatusBit(decoded, i))).toEqual([true, true, true]);
    expect(getStatusBit(decoded, 41)).toBe(false);
  });

  it('decodes node:zlib GZIP, with and without the u prefix (older issuers)', async () => {
    const bits = new Uint8Array(16384);
    bits[0] = 0b0100_0000; // index 1
    bits[100] = 0xff;
    const b64 = base64urlnopad.encode(gzipBits(bits));
    expect(await decodeStatusList(`u${b64}`)).toEqual(bits);
    expect(await decodeStatusList(b64)).toEqual(bits);
    expect(getStatusBit(await decodeStatusList(b64), 1)).toBe(true);
  });

  it('our encoding decodes with @digitalbazaar/bitstring', async () => {
    const bits = createStatusBits(MIN_STATUS_LIST_LENGTH);
    setStatusBit(bits, 5, true);
    const encoded = await encodeStatusList(bits);
    const theirs = new Bitstring({ buffer: await (Bitstring as unknown as BitstringCodecStatic).decodeBits({ encoded: encoded.slice(1) }) });
    expect(theirs.get(5)).toBe(true);
    expect(theirs.get(4)).toBe(false);
  });

  it('refuses a gzip bomb quickly, without inflating it all', async () => {
    // 200 MiB of zeros compresses to ~200 KB.
    const gzip = zlib.createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (c: Buffer) => parts.push(c));
    const mib = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 200; i++) gzip.write(mib);
    await new Promise<void>((resolve) => gzip.end(resolve));
    const bomb = `u${base64urlnopad.encode(new Uint8Array(Buffer.concat(parts)))}`;
    expect(bomb.length).toBeLessThan(1024 * 1024);

    // Count what the real DecompressionStream actually produces.
    const Real = globalThis.DecompressionStream;
    let produced = 0;
    class CountingDecompressionStream extends Real {
      readonly #counted: ReadableStream<Uint8Array<ArrayBuffer>>;
      constructor(format: CompressionFormat) {
        super(format);
        const counter = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
          transform(chunk, controller) {
            produced += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
        this.#counted = super.readable.pipeThrough(counter, { preventCancel: false });
      }
      override get readable(): ReadableStream<Uint8Array<ArrayBuffer>> {
        return this.#counted;
      }
    }
    vi.stubGlobal('DecompressionStream', CountingDecompressionStream);

    const err = await decodeStatusList(bomb).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('STATUS_LIST_TOO_LARGE');
    // Give a still-running inflater time to show itself, then check it was stopped near the cap.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(produced).toBeGreaterThan(16 * 1024 * 1024);
    expect(produced).toBeLessThan(20 * 1024 * 1024);

    produced = 0;
    expect(await codeOf(() => decodeStatusList(bomb, { maxBytes: 1024 * 1024 }))).toBe('STATUS_LIST_TOO_LARGE');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(produced).toBeLessThan(4 * 1024 * 1024);
  });

  it('accepts exactly maxBytes', async () => {
    const bits = new Uint8Array(16384);
    const encoded = `u${base64urlnopad.encode(gzipBits(bits))}`;
    expect((await decodeStatusList(encoded, { maxBytes: 16384 })).length).toBe(16384);
    expect(await codeOf(() => decodeStatusList(encoded, { maxBytes: 16383 }))).toBe('STATUS_LIST_TOO_LARGE');
  });

  it('refuses an oversized encoded string before decoding it', async () => {
    expect(await codeOf(() => decodeStatusList(`u${'A'.repeat(1024 * 1024)}`))).toBe('STATUS_LIST_TOO_LARGE');
    expect(await codeOf(() => decodeStatusList('uH4sIAAAAAAAAA', { maxEncodedLength: 10 }))).toBe('STATUS_LIST_TOO_LARGE');
  });

  const good = base64urlnopad.encode(gzipBits(new Uint8Array(16384)));
  const gz = gzipBits(new Uint8Array(16384));
  const flipped = new Uint8Array(gz);
  flipped[flipped.length - 6] = (flipped[flipped.length - 6] ?? 0) ^ 1; // CRC mismatch
  const malformed: Array<[string, unknown]> = [
    ['empty string', ''],
    ['only the prefix', 'u'],
    ['base64 padding', `u${good}${'='.repeat((4 - (good.length % 4)) % 4 || 2)}`],
    ['standard base64 alphabet', `u${good.replace(/-/g, '+').replace(/_/g, '/')}+/`],
    ['whitespace', `u${good.slice(0, 10)} ${good.slice(10)}`],
    ['non-zero padding bits', 'uH4sIAB'],
    ['base58btc multibase', 'z3yMApqCuCjXDWPrbjfR5mjCPTHqFG8Pux1TxQrEM35jj'],
    ['not gzip', `u${base64urlnopad.encode(new Uint8Array(64).fill(7))}`],
    ['raw deflate', `u${base64urlnopad.encode(new Uint8Array(zlib.deflateRawSync(new Uint8Array(100))))}`],
    ['zlib instead of gzip', `u${base64urlnopad.encode(new Uint8Array(zlib.deflateSync(new Uint8Array(100))))}`],
    ['truncated gzip', `u${base64urlnopad.encode(gz.subarray(0, gz.length - 5))}`],
    ['gzip header only', `u${base64urlnopad.encode(gz.subarray(0, 20))}`],
    ['bad CRC', `u${base64urlnopad.encode(flipped)}`],
    ['trailing garbage', `u${base64urlnopad.encode(new Uint8Array([...gz, 1, 2, 3]))}`],
    ['not a string', 42],
  ];
  it.each(malformed)('STATUS_LIST_MALFORMED: %s', async (_name, input) => {
    expect(await codeOf(() => decodeStatusList(input as string))).toBe('STATUS_LIST_MALFORMED');
  });
});

describe('parseStatusListIndex', () => {
  const L = MIN_STATUS_LIST_LENGTH;
  it.each([
    ['0', 0],
    ['1', 1],
    ['94567', 94567],
    ['131071', 131071],
    [0, 0],
    [131071, 131071],
  ])('accepts %j', (value, expected) => {
    expect(parseStatusListIndex(value, L)).toBe(expected);
  });

  it('accepts indexes up to MAX_SAFE_INTEGER in a big enough list', () => {
    expect(parseStatusListIndex('9007199254740990', Number.MAX_SAFE_INTEGER)).toBe(9007199254740990);
  });

  it.each([
    ['-1'],
    ['+1'],
    ['12abc'],
    ['1e3'],
    [' 5'],
    ['5 '],
    ['5\n'],
    ['007'],
    ['00'],
    ['0x10'],
    ['1.0'],
    ['1_000'],
    ['١٢'], // Arabic-Indic digits
    [''],
    ['9007199254740993'],
    ['99999999999999999999'],
    ['10000000000000000'], // 17 digits: Number() gives 1e16, not a safe integer
    [`1${'0'.repeat(400)}`], // Number() gives Infinity
    [3.5],
    [-1],
    [-0],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [2 ** 53],
    [null],
    [undefined],
    [true],
    [['1']],
    [{}],
    [1n as unknown as number],
  ])('STATUS_INDEX_INVALID for %s', async (value) => {
    expect(await codeOf(() => parseStatusListIndex(value, L))).toBe('STATUS_INDEX_INVALID');
  });

  it.each([['131072'], [131072], ['200000'], ['9007199254740991']])('STATUS_INDEX_OUT_OF_RANGE for %j in a 131072 list', async (value) => {
    expect(await codeOf(() => parseStatusListIndex(value, L))).toBe('STATUS_INDEX_OUT_OF_RANGE');
  });
});

describe('randomUnusedIndex', () => {
  it('never returns a used index', async () => {
    const used = new Set<number>();
    for (let i = 0; i < 1024; i += 2) used.add(i); // every even index is used
    for (let n = 0; n < 300; n++) {
      const index = await randomUnusedIndex(1024, (i) => used.has(i));
      expect(used.has(index)).toBe(false);
      expect(index % 2).toBe(1);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(1024);
      used.add(index);
    }
  });

  it('supports an async isUsed and an injected random source', async () => {
    const draws = [3, 3, 5, 9];
    const seen: number[] = [];
    const index = await randomUnusedIndex(
      10,
      async (i) => {
        seen.push(i);
        return i !== 9;
      },
      () => draws.shift() ?? 0,
    );
    expect(index).toBe(9);
    expect(seen).toEqual([3, 3, 5, 9]);
  });

  it('reports STATUS_LIST_FULL after 64 misses instead of scanning', async () => {
    let calls = 0;
    const code = await codeOf(() =>
      randomUnusedIndex(MIN_STATUS_LIST_LENGTH, () => {
        calls++;
        return true;
      }),
    );
    expect(code).toBe('STATUS_LIST_FULL');
    expect(calls).toBe(64);
  });

  it('refuses an injected random source that goes out of range', async () => {
    await expect(randomUnusedIndex(10, () => false, () => 10)).rejects.toThrow(RangeError);
    await expect(randomUnusedIndex(10, () => false, () => 1.5)).rejects.toThrow(RangeError);
  });

  it('draws uniformly (no modulo bias) from crypto.getRandomValues', async () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const counts = [0, 0, 0];
    for (let n = 0; n < 3000; n++) counts[await randomUnusedIndex(3, () => false)]! += 1;
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    for (const c of counts) {
      expect(c).toBeGreaterThan(800);
      expect(c).toBeLessThan(1200);
    }
  });

  it('rejects the biased top of the 32-bit range', async () => {
    // max = 3: 2^32 % 3 = 1, so the single value 2^32 - 1 must be redrawn.
    const values = [0xffffffff, 4];
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      (array as unknown as Uint32Array)[0] = values.shift() ?? 0;
      return array;
    });
    expect(await randomUnusedIndex(3, () => false)).toBe(1);
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it.each([0, -1, 1.5, 2 ** 33])('refuses list length %s', async (length) => {
    expect(await codeOf(() => randomUnusedIndex(length, () => false))).toBe('STATUS_LIST_LENGTH_INVALID');
  });
});

describe('refusals: code, HTTP status, details and a sentence', () => {
  const maxBits = DEFAULT_MAX_STATUS_LIST_BYTES * 8;
  const encoded = `u${base64urlnopad.encode(gzipBits(new Uint8Array(16384)))}`;
  const rows: Array<[string, () => unknown, { code: string; status: number; details?: unknown }, RegExp]> = [
    // The cap is reported in bits (134217728), the unit the caller passed, not in bytes.
    ['createStatusBits one byte over the cap', () => createStatusBits(maxBits + 8), { code: 'STATUS_LIST_LENGTH_INVALID', status: 500, details: { length: maxBits + 8 } }, /up to 134217728$/],
    ['getStatusBit at a negative index', () => getStatusBit(createStatusBits(64), -1), { code: 'STATUS_INDEX_INVALID', status: 400, details: { index: -1 } }, /non-negative integer/],
    ['setStatusBit past the end', () => setStatusBit(createStatusBits(64), 64, true), { code: 'STATUS_INDEX_OUT_OF_RANGE', status: 400, details: { index: 64, length: 64 } }, /^Status list index 64 is outside the list of 64 entries$/],
    ['encodedList one character over maxEncodedLength', () => decodeStatusList(encoded, { maxEncodedLength: encoded.length - 1 }), { code: 'STATUS_LIST_TOO_LARGE', status: 422, details: { maxEncodedLength: encoded.length - 1 } }, new RegExp(`longer than ${encoded.length - 1} characters`)],
    ['decompressed list one byte over maxBytes', () => decodeStatusList(encoded, { maxBytes: 16383 }), { code: 'STATUS_LIST_TOO_LARGE', status: 422, details: { maxBytes: 16383 } }, /larger than 16383 bytes/],
    ['encodedList that is not GZIP', () => decodeStatusList('u'), { code: 'STATUS_LIST_MALFORMED', status: 422 }, /not GZIP data/],
    ['statusListIndex that is not decimal digits', () => parseStatusListIndex('x', MIN_STATUS_LIST_LENGTH), { code: 'STATUS_INDEX_INVALID', status: 422 }, /decimal digits/],
    ['statusListIndex past the end', () => parseStatusListIndex('131072', MIN_STATUS_LIST_LENGTH), { code: 'STATUS_INDEX_OUT_OF_RANGE', status: 422, details: { index: 131072, length: 131072 } }, /^statusListIndex 131072 is outside the status list of 131072 entries$/],
    ['randomUnusedIndex over 2^32 entries', () => randomUnusedIndex(2 ** 32 + 1, () => false), { code: 'STATUS_LIST_LENGTH_INVALID', status: 500, details: { length: 2 ** 32 + 1 } }, /up to 2\^32/],
    ['randomUnusedIndex on a full list', () => randomUnusedIndex(10, () => true, () => 3), { code: 'STATUS_LIST_FULL', status: 503, details: { length: 10, tries: 64 } }, /after 64 random draws/],
  ];
  it.each(rows)('%s', async (_name, fn, expected, message) => {
    const e = await errorOfAsync(fn);
    expect({ code: e?.code, status: e?.status, details: e?.details }).toEqual(expected);
    expect(e?.message).toMatch(message);
  });
});

describe('limits hold exactly at their values', () => {
  it('createStatusBits accepts exactly DEFAULT_MAX_STATUS_LIST_BYTES * 8 bits', () => {
    expect(createStatusBits(DEFAULT_MAX_STATUS_LIST_BYTES * 8).length).toBe(DEFAULT_MAX_STATUS_LIST_BYTES);
  });

  it('decodeStatusList accepts an encodedList of exactly maxEncodedLength characters', async () => {
    const encoded = `u${base64urlnopad.encode(gzipBits(new Uint8Array(16384)))}`;
    expect((await decodeStatusList(encoded, { maxEncodedLength: encoded.length })).length).toBe(16384);
    // At the default cap the string gets past the length check (and is then refused as not GZIP).
    expect(await codeOf(() => decodeStatusList(`u${'A'.repeat(DEFAULT_MAX_ENCODED_LENGTH - 1)}`))).toBe('STATUS_LIST_MALFORMED');
  });

  it('randomUnusedIndex accepts a list of exactly 2^32 entries', async () => {
    expect(await randomUnusedIndex(2 ** 32, () => false, () => 2 ** 32 - 1)).toBe(2 ** 32 - 1);
  });

  it('randomUnusedIndex refuses a negative draw and says what it got', async () => {
    await expect(randomUnusedIndex(10, () => false, () => -1)).rejects.toThrow(new RangeError('random(10) returned -1, outside [0, 10)'));
  });
});

describe('decodeStatusList says which layer is wrong', () => {
  const gz = gzipBits(new Uint8Array(16384));
  const b64 = (bytes: Uint8Array): string => base64urlnopad.encode(bytes);
  const withHead = (first: number, second: number): Uint8Array => new Uint8Array([first, second, ...gz.subarray(2)]);
  const NOT_MULTIBASE = 'encodedList must be Multibase base64url (prefix "u") of GZIP data';
  const NOT_BASE64URL = 'encodedList is not valid base64url without padding';
  const NOT_GZIP = 'encodedList is not GZIP data';
  const BAD_GZIP = 'encodedList is not valid GZIP data';
  // The last column: whether the refusal carries the decoder's own error as its cause.
  const rows: Array<[string, string, string, boolean]> = [
    ['base58btc multibase', 'z3yMApqCuCjXDWPrbjfR5mjCPTHqFG8Pux1TxQrEM35jj', NOT_MULTIBASE, false],
    ['base64url without a prefix that is not GZIP', b64(new Uint8Array(30).fill(7)), NOT_MULTIBASE, false],
    ['bad base64url', 'u!!!!', NOT_BASE64URL, true],
    ['bytes that are not GZIP', `u${b64(new Uint8Array(64).fill(7))}`, NOT_GZIP, false],
    ['GZIP magic in 17 bytes (shorter than header and trailer)', `u${b64(gz.subarray(0, 17))}`, NOT_GZIP, false],
    ['GZIP magic in 18 bytes (goes to the inflater)', `u${b64(gz.subarray(0, 18))}`, BAD_GZIP, true],
    ['wrong first magic byte', `u${b64(withHead(0x00, 0x8b))}`, NOT_GZIP, false],
    ['wrong second magic byte', `u${b64(withHead(0x1f, 0x00))}`, NOT_GZIP, false],
    ['truncated GZIP', `u${b64(gz.subarray(0, gz.length - 5))}`, BAD_GZIP, true],
  ];
  it.each(rows)('%s', async (_name, input, message, hasCause) => {
    const e = await errorOfAsync(() => decodeStatusList(input));
    expect([e?.code, e?.status, e?.message]).toEqual(['STATUS_LIST_MALFORMED', 422, message]);
    expect(e?.cause !== undefined).toBe(hasCause);
  });
});

describe('parseStatusListIndex: refusal details', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1.5, 0, -8])('refuses every index against a list length of %s', async (length) => {
    expect(await codeOf(() => parseStatusListIndex('0', length))).toBe('STATUS_INDEX_OUT_OF_RANGE');
  });

  const forty = 'a'.repeat(40);
  it.each([
    [forty, `"${forty}"`],
    [`${'0123456789'.repeat(4)}Z`, `"${'0123456789'.repeat(4)}…"`], // cut at 40 characters
    [3.5, '3.5'],
    [true, 'boolean'],
    [null, 'object'],
  ])('shows %j in the message as %s', async (value, shown) => {
    const e = await errorOfAsync(() => parseStatusListIndex(value, MIN_STATUS_LIST_LENGTH));
    expect(e?.message).toBe(`statusListIndex must be a string of decimal digits, got ${shown}`);
  });
});
