/**
 * The whole trust chain with the real services: LAN curates a provider on the real
 * issuer, the provider issues, and the real verifier — configured only with LAN's DID
 * and public key and the issuer's origin — verifies over HTTP, follows a printed
 * certificate's link, sees a revocation, and refuses links to other hosts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, learningInput, setupProvider, startIssuer } from '../issuer/helpers.js';
import { startRealVerifier } from './real-verifier.js';
import type { Loose, TestIssuer } from '../issuer/helpers.js';

let issuer: TestIssuer;
let verifierUrl: string;
let closeVerifier: () => Promise<void>;
let apiKey: string;

beforeAll(async () => {
  issuer = await startIssuer();
  ({ apiKey } = await setupProvider(issuer.url, 'pusdiklat-e2e'));
  // cacheRefreshSeconds 1: see a revocation quickly.
  const verifier = await startRealVerifier(issuer, { cacheRefreshSeconds: 1 });
  verifierUrl = verifier.url;
  closeVerifier = () => verifier.close();
}, 60_000);

afterAll(async () => {
  await closeVerifier?.();
  await issuer?.close();
});

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Loose };
};

describe('issuer → verifier, over real HTTP', () => {
  let vc: Loose;
  let certificateLink: string;

  it('a freshly issued credential verifies, with the provider named by LAN\'s registry', async () => {
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    expect(issued.status).toBe(201);
    vc = issued.body.verifiableCredential;
    certificateLink = issued.body.certificate.verificationUrl;
    const r = await post(`${verifierUrl}/credentials/verify`, { verifiableCredential: vc });
    expect(r.body.error).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.checks.map((c: Loose) => c.status)).toEqual(Array(8).fill('ok'));
    expect(r.body.issuer.name).toBe('Penyedia pusdiklat-e2e');
  });

  it('the printed certificate\'s link is fetched from the issuer and verified, with the holder\'s NIP only', async () => {
    const anonymous = await post(`${verifierUrl}/credentials/verify-url`, { url: certificateLink });
    expect(anonymous.status).toBe(428);
    expect(anonymous.body.code).toBe('CERTIFICATE_NIP_REQUIRED');
    const wrong = await post(`${verifierUrl}/credentials/verify-url`, { url: certificateLink, nip: '198609262015052002' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('CERTIFICATE_NIP_MISMATCH');
    const r = await post(`${verifierUrl}/credentials/verify-url`, { url: certificateLink, nip: '198609262015052001' });
    expect(r.status).toBe(200);
    expect(r.body.result.verified).toBe(true);
    expect(r.body.verifiableCredential.id).toBe(vc.id);
    expect(JSON.stringify(r.body)).not.toContain('198609262015052001');
  });

  it.each([
    ['another host', 'https://evil.example/certificates/abcdefgh12345678'],
    ['another path on the issuer', '/admin/providers'],
    ['a query string', '/certificates/abcdefgh12345678?x=1'],
  ])('a link to %s is refused without fetching it', async (_n, link) => {
    const r = await post(`${verifierUrl}/credentials/verify-url`, { url: link.startsWith('/') ? `${issuer.url}${link}` : link });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('URL_NOT_ALLOWED');
  });

  it('after the provider revokes it, the verifier says revoked', async () => {
    const s = await call(issuer.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: vc.id, credentialStatus: [{ status: 'revoked' }] } });
    expect(s.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // past the verifier's cache refresh interval
    const r = await post(`${verifierUrl}/credentials/verify`, { verifiableCredential: vc });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('CREDENTIAL_REVOKED');
  });
});
