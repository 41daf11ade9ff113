/**
 * The presentation relay's crypto and link parsing (shared/relay), in Node's WebCrypto:
 * what the wallet encrypts only the right key and id open; edited or reshaped blobs are
 * refused with a stable code; only exact `<known origin>/p/<id>#<key>` links are read.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  RELAY_MAX_CIPHERTEXT_CHARS, buildRelayUrl, createRelayKey, decryptFromRelay, encryptForRelay, parseRelayUrl,
} from '../../../shared/relay/index.js';
import { AppError } from '../../../shared/errors.js';
import { codeOf, codeOfAsync } from '../../helpers/error-code.js';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA'; // 22 base64url characters = 16 bytes
const OTHER_ID = 'BBBBBBBBBBBBBBBBBBBBBB';
const ORIGIN = 'https://verifier.example';
const presentation = { type: ['VerifiablePresentation'], holder: 'did:key:z6Mk', note: 'Sertifikat – ✓' };

function reasonOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: codeOf(() => { throw e; }), status: e.status, reason: (e.details as { reason?: unknown } | undefined)?.reason };
    throw e;
  }
  return undefined;
}

describe('relay encryption', () => {
  it('round-trips a presentation with its key and id; every blob gets a fresh nonce', async () => {
    const key = createRelayKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createRelayKey()).not.toBe(key);
    const blob = await encryptForRelay(presentation, ID, key);
    expect(blob.iv).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(blob.ciphertext).not.toContain('VerifiablePresentation');
    expect(JSON.parse(await decryptFromRelay(blob, ID, key))).toEqual(presentation);
    const again = await encryptForRelay(presentation, ID, key);
    expect(again.iv).not.toBe(blob.iv);
    expect(again.ciphertext).not.toBe(blob.ciphertext);
  });

  it('a wrong key, another id, or an edited blob cannot be opened', async () => {
    const key = createRelayKey();
    const blob = await encryptForRelay(presentation, ID, key);
    expect(await codeOfAsync(() => decryptFromRelay(blob, ID, createRelayKey()))).toBe('RELAY_DECRYPT_FAILED');
    expect(await codeOfAsync(() => decryptFromRelay(blob, OTHER_ID, key))).toBe('RELAY_DECRYPT_FAILED');
    const flipped = (blob.ciphertext[0] === 'A' ? 'B' : 'A') + blob.ciphertext.slice(1);
    expect(await codeOfAsync(() => decryptFromRelay({ ...blob, ciphertext: flipped }, ID, key))).toBe('RELAY_DECRYPT_FAILED');
    const otherIv = (blob.iv[0] === 'A' ? 'B' : 'A') + blob.iv.slice(1);
    expect(await codeOfAsync(() => decryptFromRelay({ ...blob, iv: otherIv }, ID, key))).toBe('RELAY_DECRYPT_FAILED');
  });

  it('refuses keys, ids and blobs of the wrong shape before any crypto', async () => {
    const key = createRelayKey();
    const blob = await encryptForRelay(presentation, ID, key);
    expect(await codeOfAsync(() => encryptForRelay(presentation, `${ID}A`, key))).toBe('RELAY_ID_INVALID');
    expect(await codeOfAsync(() => encryptForRelay(presentation, ID, key.slice(1)))).toBe('RELAY_KEY_INVALID');
    expect(await codeOfAsync(() => encryptForRelay(presentation, ID, `${key}=`))).toBe('RELAY_KEY_INVALID');
    expect(await codeOfAsync(() => decryptFromRelay(blob, ID, key.slice(1)))).toBe('RELAY_KEY_INVALID');
    expect(await codeOfAsync(() => decryptFromRelay(blob, ID.slice(1), key))).toBe('RELAY_KEY_INVALID');
    expect(await codeOfAsync(() => decryptFromRelay({ ...blob, iv: blob.iv.slice(1) }, ID, key))).toBe('RELAY_BLOB_INVALID');
    expect(await codeOfAsync(() => decryptFromRelay({ ...blob, iv: `${blob.iv}A` }, ID, key))).toBe('RELAY_BLOB_INVALID');
    expect(await codeOfAsync(() => decryptFromRelay({ ...blob, iv: 1 } as never, ID, key))).toBe('RELAY_BLOB_INVALID');
    expect(await codeOfAsync(() => decryptFromRelay({ iv: blob.iv } as never, ID, key))).toBe('RELAY_BLOB_INVALID');
    expect(await codeOfAsync(() => decryptFromRelay(undefined as never, ID, key))).toBe('RELAY_BLOB_INVALID');
    expect(await codeOfAsync(() => decryptFromRelay({ ...blob, ciphertext: 'A'.repeat(RELAY_MAX_CIPHERTEXT_CHARS + 1) }, ID, key))).toBe('RELAY_BLOB_INVALID');
    // Exactly the cap is a shape we accept (it then fails to decrypt, as garbage should).
    expect(await codeOfAsync(() => decryptFromRelay({ ...blob, ciphertext: 'A'.repeat(RELAY_MAX_CIPHERTEXT_CHARS) }, ID, key))).toBe('RELAY_DECRYPT_FAILED');
  });

  it('a decrypt failure keeps its cause (for the logs) but says nothing of the key', async () => {
    const key = createRelayKey();
    const blob = await encryptForRelay(presentation, ID, key);
    const err = await decryptFromRelay(blob, ID, createRelayKey()).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).cause).toBeDefined();
    expect((err as AppError).message).not.toContain(key);
  });

  it('without WebCrypto (an insecure context) the relay says so instead of crashing', async () => {
    const key = createRelayKey();
    const real = globalThis.crypto;
    for (const stub of [{ getRandomValues: real.getRandomValues.bind(real) }, undefined]) {
      vi.stubGlobal('crypto', stub);
      try {
        expect(await codeOfAsync(() => encryptForRelay(presentation, ID, key))).toBe('CRYPTO_UNAVAILABLE');
      } finally {
        vi.unstubAllGlobals();
      }
    }
  });

  it('a plaintext that is not UTF-8 is a decrypt failure, not garbage text', async () => {
    const key = createRelayKey();
    const raw = Uint8Array.from(Buffer.from(key, 'base64url'));
    const cryptoKey = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt']);
    const iv = new Uint8Array(12);
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(`asn-relay-v1:${ID}`) }, cryptoKey, new Uint8Array([0xff, 0xfe]));
    const blob = { iv: Buffer.from(iv).toString('base64url'), ciphertext: Buffer.from(ct).toString('base64url') };
    expect(await codeOfAsync(() => decryptFromRelay(blob, ID, key))).toBe('RELAY_DECRYPT_FAILED');
  });
});

describe('relay links', () => {
  const key = 'k'.repeat(43);

  it('builds and reads back `<origin>/p/<id>#<key>`', () => {
    const url = buildRelayUrl(`${ORIGIN}/some/page?x=1`, ID, key);
    expect(url).toBe(`${ORIGIN}/p/${ID}#${key}`);
    expect(parseRelayUrl(`  ${url}\n`, [ORIGIN])).toEqual({ origin: ORIGIN, id: ID, key });
    expect(parseRelayUrl(`HTTPS://VERIFIER.EXAMPLE/p/${ID}#${key}`, [`${ORIGIN}/`])).toEqual({ origin: ORIGIN, id: ID, key });
    expect(parseRelayUrl(`http://127.0.0.1:4100/p/${ID}#${key}`, ['http://127.0.0.1:4100'])).toMatchObject({ id: ID });
  });

  it.each([
    ['not text', 42, 'not text'],
    ['empty', '   ', 'length'],
    ['too long', `${ORIGIN}/p/${ID}#${key}${'k'.repeat(300)}`, 'length'],
    ['javascript:', 'javascript:alert(1)//p/x', 'scheme'],
    ['data:', 'data:text/html,hi', 'scheme'],
    ['javascript: carrying an https link', `javascript:alert(1)//https://verifier.example/p/${ID}#${key}`, 'scheme'],
    ['a scheme-relative link', `//verifier.example/p/${ID}#${key}`, 'scheme'],
    ['not a URL', 'https://', 'not a URL'],
    ['user info', `https://u:p@verifier.example/p/${ID}#${key}`, 'credentials in URL'],
    ['a user name only', `https://u@verifier.example/p/${ID}#${key}`, 'credentials in URL'],
    ['a password only', `https://:p@verifier.example/p/${ID}#${key}`, 'credentials in URL'],
    ['a foreign origin', `https://evil.example/p/${ID}#${key}`, 'foreign origin'],
    ['another port', `https://verifier.example:8443/p/${ID}#${key}`, 'foreign origin'],
    ['a query string', `${ORIGIN}/p/${ID}?next=/x#${key}`, 'query'],
    ['another path', `${ORIGIN}/q/${ID}#${key}`, 'id'],
    ['a nested path', `${ORIGIN}/x/p/${ID}#${key}`, 'id'],
    ['a trailing slash', `${ORIGIN}/p/${ID}/#${key}`, 'id'],
    ['a short id', `${ORIGIN}/p/${ID.slice(1)}#${key}`, 'id'],
    ['a long id', `${ORIGIN}/p/${ID}A#${key}`, 'id'],
    ['no key', `${ORIGIN}/p/${ID}`, 'key'],
    ['a truncated key', `${ORIGIN}/p/${ID}#${key.slice(1)}`, 'key'],
    ['a key with padding', `${ORIGIN}/p/${ID}#${key.slice(1)}=`, 'key'],
  ])('refuses %s', (_n, text, reason) => {
    expect(reasonOf(() => parseRelayUrl(text as string, [ORIGIN]))).toEqual({ code: 'RELAY_URL_INVALID', status: 400, reason });
  });

  it('a link of exactly the longest length is read; one character more is refused', () => {
    // A real origin with a long host name (DNS labels of at most 63 characters).
    const tail = `/p/${ID}#${key}`;
    const hostLength = 300 - 'https://'.length - tail.length;
    const labels: string[] = [];
    for (let left = hostLength; left > 0; left -= 64) labels.push('a'.repeat(Math.min(63, left)));
    let host = labels.join('.');
    if (host.endsWith('.')) host = `${host.slice(0, -1)}b`;
    host = host.slice(0, hostLength - 1) + 'c';
    const long = `https://${host}${tail}`;
    expect(long).toHaveLength(300);
    expect(parseRelayUrl(long, [`https://${host}`])).toMatchObject({ id: ID, key });
    expect(reasonOf(() => parseRelayUrl(`${long}k`, [`https://${host}`]))).toMatchObject({ reason: 'length' });
  });

  it('a link is refused when no origin is known', () => {
    expect(codeOf(() => parseRelayUrl(`${ORIGIN}/p/${ID}#${key}`, []))).toBe('RELAY_URL_INVALID');
  });
});
