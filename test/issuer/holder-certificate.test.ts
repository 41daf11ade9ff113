/**
 * POST /holder/certificate.pdf: the wallet gets the certificate PDF of the credential it
 * holds, and only of the signed copy bound to a wallet; anything else prints nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, learningInput, makeWallet, setupProvider, startIssuer } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

let issuer: TestIssuer;
let apiKey: string;
let bound: Loose;
let unbound: Loose;

beforeAll(async () => {
  issuer = await startIssuer();
  apiKey = (await setupProvider(issuer.url, 'holder-pdf')).apiKey;
  const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
  expect(issued.status).toBe(201);
  unbound = issued.body.verifiableCredential;
  const path = new URL(issued.body.claimOffer.url as string).pathname;
  const offer = await call(issuer.url, 'GET', path);
  const wallet = await makeWallet(31);
  const claimed = await call(issuer.url, 'POST', path, { body: { verifiablePresentation: await wallet.answer(offer.body, issuer.services.ctx.now()) } });
  expect(claimed.status).toBe(201);
  bound = claimed.body.verifiableCredential;
}, 60_000);
afterAll(async () => {
  await issuer.close();
});

const pdfOf = async (vc: unknown): Promise<Response> => fetch(`${issuer.url}/holder/certificate.pdf`, {
  method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://wallet.example' }, body: JSON.stringify({ verifiableCredential: vc }),
});

describe('certificate PDF for the holder', () => {
  it('prints the PDF of the bound copy, across origins', async () => {
    const res = await pdfOf(bound);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.each([
    ['the unbound copy', () => unbound, 422, 'HOLDER_CREDENTIAL_INVALID'],
    ['another subject', () => ({ ...bound, credentialSubject: { ...bound.credentialSubject, id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' } }), 422, 'HOLDER_CREDENTIAL_INVALID'],
    ['a changed field (signature no longer holds)', () => ({ ...bound, name: 'Sertifikat palsu' }), 422, 'HOLDER_CREDENTIAL_INVALID'],
    ['a flipped proof', () => ({ ...bound, proof: { ...bound.proof, proofValue: `${String(bound.proof.proofValue).slice(0, -2)}zz` } }), 422, 'HOLDER_CREDENTIAL_INVALID'],
    ['an unknown id', () => ({ ...bound, id: 'urn:uuid:00000000-0000-4000-8000-000000000000' }), 404, 'CERTIFICATE_NOT_FOUND'],
  ] as const)('refuses %s', async (_name, make, status, code) => {
    const res = await pdfOf(make());
    expect(res.status).toBe(status);
    expect(((await res.json()) as { code: string }).code).toBe(code);
  });

  it('refuses a body that is not {verifiableCredential}', async () => {
    const res = await call(issuer.url, 'POST', '/holder/certificate.pdf', { body: { credential: bound } });
    expect(res.status).toBe(422);
  });

  it('prints nothing for a revoked credential', async () => {
    const res = await call(issuer.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: bound.id, credentialStatus: [{ status: 'revoked' }] } });
    expect(res.status).toBeLessThan(300);
    const pdf = await pdfOf(bound);
    expect(pdf.status).toBe(410);
  });
});
