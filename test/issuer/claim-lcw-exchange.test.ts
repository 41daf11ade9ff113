/**
 * Claims from another wallet (issue 8): the claim offer is a VC API exchange that the DCC
 * Learner Credential Wallet can complete. LCW itself is not run here: `lcwClaim` follows the
 * protocol its exchange code speaks (read from the LCW source), over real HTTP:
 *   deep link dccrequest://request?request={credentialRequestOrigin, protocols: {vcapi}}
 *   → POST {} to the vcapi URL → verifiablePresentationRequest (DIDAuthentication, challenge,
 *   domain, interact.service[0].serviceEndpoint) → a VC 1.1 presentation with no credentials,
 *   signed Ed25519Signature2020 by its did:key over that challenge and domain, POSTed as
 *   {verifiablePresentation} → the credential at verifiablePresentation.verifiableCredential[0].
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VC_V1_CONTEXT_URL, createDocumentLoader, didKeyFromPublicKey, signPresentation } from '../../shared/index.js';
import { createSigner, generateKeyPair } from '../../shared/keys/ed25519.js';
import { call, learningInput, setupProvider, startIssuer, verifyOverHttp } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

let issuer: TestIssuer;
let apiKey: string;

beforeAll(async () => {
  issuer = await startIssuer();
  apiKey = (await setupProvider(issuer.url, 'lcw-prov')).apiKey;
});
afterAll(async () => {
  await issuer.close();
});

const issue = async (): Promise<Loose> => {
  const res = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
  expect(res.status).toBe(201);
  return res.body;
};

/** The exchange URL inside an LCW deep link, read the way LCW reads it. */
function vcapiOf(deepLink: string): string {
  const url = new URL(deepLink);
  expect(url.protocol).toBe('dccrequest:');
  expect(url.host).toBe('request');
  const request = JSON.parse(url.searchParams.get('request') ?? '{}') as { credentialRequestOrigin?: string; protocols?: { vcapi?: string } };
  expect(request.credentialRequestOrigin).toBe(new URL(issuer.url).origin);
  return request.protocols?.vcapi ?? '';
}

async function lcwWallet(seed: number) {
  const pair = await generateKeyPair(new Uint8Array(32).fill(seed));
  const { did, keyId } = didKeyFromPublicKey(pair.publicKey);
  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() as Loose };
  };
  return {
    did,
    /** LCW's handleVcApiExchangeComplete, for a DIDAuthentication request. */
    async claim(vcapi: string, tamper?: (vp: Record<string, unknown>) => void): Promise<{ status: number; body: Loose; request: Loose }> {
      const first = await post(vcapi, {});
      expect(first.status).toBe(200);
      const vpr = first.body.verifiablePresentationRequest;
      const queries = Array.isArray(vpr.query) ? vpr.query : [vpr.query];
      expect(queries.map((q: { type: string }) => q.type)).toContain('DIDAuthentication');
      // vc.createPresentation({holder}) of @digitalcredentials/vc: VC 1.1, no credentials.
      const presentation = { '@context': [VC_V1_CONTEXT_URL], type: ['VerifiablePresentation'], holder: did };
      const vp = await signPresentation(presentation, {
        signer: createSigner(keyId, pair.secretKey), documentLoader: createDocumentLoader(), now: issuer.services.ctx.now(),
        challenge: vpr.challenge, domain: vpr.domain, suite: 'Ed25519Signature2020',
      });
      tamper?.(vp);
      const next = vpr.interact?.service?.[0]?.serviceEndpoint ?? vcapi;
      const answer = await post(next, { verifiablePresentation: vp });
      return { ...answer, request: vpr };
    },
  };
}

describe('claim offer as a VC API exchange for the Learner Credential Wallet', () => {
  it('deep link → POST {} → DIDAuthentication → the credential bound to the wallet\'s did:key, authentic and claimed once', async () => {
    const issued = await issue();
    const deepLink = issued.claimOffer.lcwDeepLink as string;
    const vcapi = vcapiOf(deepLink);
    expect(vcapi).toBe(issued.claimOffer.exchangeUrl);

    const wallet = await lcwWallet(41);
    const r = await wallet.claim(vcapi);
    expect(r.request).toMatchObject({ challenge: expect.any(String), domain: new URL(issuer.url).host });
    expect(r.status).toBe(201);
    const vc = r.body.verifiablePresentation.verifiableCredential[0];
    expect(vc.credentialSubject.id).toBe(wallet.did);
    expect(vc.id).toBe(issued.verifiableCredential.id);
    const verified = await verifyOverHttp(issuer, vc);
    expect(verified.error).toBeUndefined();
    expect(verified.verified).toBe(true);

    // Once, as for our own wallet: the exchange is over for any wallet.
    const again = await fetch(vcapi, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(again.status).toBe(410);
    expect((await again.json() as Loose).code).toBe('OFFER_USED');
    const key = String(issued.credentialRecord).split('/').pop();
    const record = await call(issuer.url, 'GET', `/credentials/${key}`, { token: apiKey });
    expect(record.body.boundTo).toBe(wallet.did);
    expect(record.body.claimOffer.lcwDeepLink).toBe(deepLink);
  });

  it('refuses a presentation not signed over this offer\'s challenge, and an unsigned one; the offer stays usable', async () => {
    const issued = await issue();
    const vcapi = vcapiOf(issued.claimOffer.lcwDeepLink);
    const wallet = await lcwWallet(42);
    const otherChallenge = await wallet.claim(vcapi, (vp) => { (vp.proof as Record<string, unknown>).challenge = 'another-challenge'; });
    expect(otherChallenge.status).toBe(401);
    expect(otherChallenge.body.code).toBe('DID_AUTH_FAILED');
    const unsigned = await wallet.claim(vcapi, (vp) => { delete vp.proof; });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.code).toBe('DID_AUTH_FAILED');
    const ok = await wallet.claim(vcapi);
    expect(ok.status).toBe(201);
  });
});
