/** The public verification link: the credential in the URL fragment, gzip + base64url, read as hostile input. */
import { gzipSync } from 'node:zlib';
import { base64urlnopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment, shareLink } from '../../../shared/share/credential-link.js';

const vc = { '@context': ['https://www.w3.org/ns/credentials/v2'], id: 'urn:uuid:1', type: ['VerifiableCredential'], name: 'Pelatihan <img onerror=x>', credentialSubject: { id: 'did:key:z6Mk' } };
const fragmentOf = (bytes: Uint8Array) => `v1.${base64urlnopad.encode(bytes)}`;

describe('share link', () => {
  it('carries the credential in the fragment and gives it back unchanged', async () => {
    const link = await shareLink('https://verifikasi.example.go.id/ignored/path', vc);
    expect(link).toMatch(/^https:\/\/verifikasi\.example\.go\.id\/bukti#v1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareFragment(new URL(link).hash)).toEqual(vc);
    expect(await decodeShareFragment(await encodeShareFragment(vc))).toEqual(vc);
  });

  it.each([
    ['cut short', async () => (await encodeShareFragment(vc)).slice(0, 30)],
    ['another version', async () => (await encodeShareFragment(vc)).replace('v1.', 'v2.')],
    ['not base64url', async () => 'v1.***'],
    ['a gzip bomb', async () => fragmentOf(gzipSync(Buffer.alloc(5_000_000, 32)))],
    ['JSON with a duplicate key', async () => fragmentOf(gzipSync('{"id":"a","id":"b"}'))],
    ['JSON with __proto__', async () => fragmentOf(gzipSync('{"__proto__":{"x":1}}'))],
    ['an array', async () => fragmentOf(gzipSync('[1]'))],
    ['too long', async () => `v1.${'A'.repeat(70_000)}`],
  ])('refuses %s', async (_name, make) => {
    await expect(decodeShareFragment(await make())).rejects.toMatchObject({ code: 'SHARE_LINK_INVALID' });
  });
});
