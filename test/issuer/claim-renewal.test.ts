/**
 * Renewing a claim offer (POST /credentials/:key/claim-offer) over real HTTP and LevelDB:
 * an expired link is replaced by a new one, the old link stops working, the new one claims
 * once; claimed or revoked credentials and other providers' credentials are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../issuer/services/audit.js';
import { ADMIN_TOKEN, call, learningInput, makeWallet, setupProvider, startIssuer, verifyOverHttp } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

let issuer: TestIssuer;
let apiKey: string;
let otherKey: string;

beforeAll(async () => {
  issuer = await startIssuer();
  apiKey = (await setupProvider(issuer.url, 'renew-prov')).apiKey;
  otherKey = (await setupProvider(issuer.url, 'renew-other')).apiKey;
});
afterAll(async () => {
  await issuer.close();
});

const HOUR = 3600 * 1000;
const pathOf = (link: string): string => new URL(link).pathname;
const issue = async (): Promise<Loose> => {
  const res = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
  expect(res.status).toBe(201);
  return res.body;
};
const keyOf = (issued: Loose): string => String(issued.credentialRecord).split('/').pop() ?? '';
const renew = (key: string, token = apiKey) => call(issuer.url, 'POST', `/credentials/${key}/claim-offer`, { token });

/** Claims through an exchange URL path with a fresh wallet; returns the POST response. */
async function claim(path: string, seed: number): Promise<{ status: number; body: Loose }> {
  const offer = await call(issuer.url, 'GET', path);
  expect(offer.status).toBe(200);
  const wallet = await makeWallet(seed);
  const vp = await wallet.answer(offer.body, issuer.services.ctx.now());
  return call(issuer.url, 'POST', path, { body: { verifiablePresentation: vp } });
}

describe('claim offer renewal', () => {
  it('expired → refused; renewed → old link refused, new link claims once; renewing after the claim is 409 OFFER_USED', async () => {
    const issued = await issue();
    const key = keyOf(issued);
    const oldPath = pathOf(issued.claimOffer.exchangeUrl);
    const oldOfferId = oldPath.split('/').pop() ?? '';

    // The test issuer's offers live one hour: move its clock past that.
    issuer.clock.now = new Date(issuer.clock.now.getTime() + 2 * HOUR);
    const expired = await call(issuer.url, 'GET', oldPath);
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('OFFER_EXPIRED');
    const wallet = await makeWallet(21);
    const expiredClaim = await call(issuer.url, 'POST', oldPath, { body: { verifiablePresentation: await wallet.answer({ verifiablePresentationRequest: { challenge: 'x', domain: new URL(issuer.url).host } }, issuer.services.ctx.now()) } });
    expect(expiredClaim.status).toBe(410);
    expect(expiredClaim.body.code).toBe('OFFER_EXPIRED');

    const auditBefore = (await issuer.services.audit.list({ limit: 1000 })).length;
    const renewed = await renew(key);
    expect(renewed.status).toBe(201);
    expect(renewed.headers.get('cache-control')).toBe('no-store');
    const offer = renewed.body.claimOffer;
    expect(Object.keys(offer).sort()).toEqual(['exchangeUrl', 'expiresAt', 'lcwDeepLink', 'qr', 'url']);
    // The renewed offer's Learner Credential Wallet link names the new exchange (test/issuer/claim-lcw-exchange.test.ts).
    expect(JSON.parse(new URL(offer.lcwDeepLink).searchParams.get('request') ?? '{}').protocols.vcapi).toBe(offer.exchangeUrl);
    expect(offer.exchangeUrl).not.toBe(issued.claimOffer.exchangeUrl);
    expect(offer.url).toBe(offer.exchangeUrl); // no wallet URL configured in tests
    expect(offer.qr).toBe(`${offer.exchangeUrl}/qr.png`);
    const ttl = new Date(offer.expiresAt).getTime() - issuer.services.ctx.now().getTime();
    expect(ttl).toBeGreaterThan(HOUR - 60_000);
    expect(ttl).toBeLessThanOrEqual(HOUR);
    const newPath = pathOf(offer.exchangeUrl);
    const newOfferId = newPath.split('/').pop() ?? '';

    // Written atomically with one audit entry naming the credential, never an offer id.
    const audit = (await issuer.services.audit.list({ limit: 1000 })).map((e) => e.value as AuditEntry);
    expect(audit.length).toBe(auditBefore + 1);
    const entry = audit.find((e) => e.action === 'claimOffer.renewed');
    expect(entry).toMatchObject({ target: issued.verifiableCredential.id, actor: { kind: 'provider', providerId: 'renew-prov' } });
    expect(JSON.stringify(audit)).not.toContain(oldOfferId);
    expect(JSON.stringify(audit)).not.toContain(newOfferId);

    // The fresh challenge differs from the old one; the record shows the new offer.
    const oldOffer = await issuer.services.ctx.store.get<{ challenge: string }>('offers', oldOfferId);
    const newOffer = (await call(issuer.url, 'GET', newPath)).body;
    expect(newOffer.verifiablePresentationRequest.challenge).not.toBe(oldOffer?.challenge);
    const record = await call(issuer.url, 'GET', `/credentials/${key}`, { token: apiKey });
    expect(record.body.claimOffer.exchangeUrl).toBe(offer.exchangeUrl);

    // The old link is refused with a clear code, even though the clock is back in its lifetime.
    issuer.clock.now = new Date(issuer.clock.now.getTime() - 2 * HOUR);
    const stale = await call(issuer.url, 'GET', oldPath);
    expect(stale.status).toBe(410);
    expect(stale.body.code).toBe('OFFER_SUPERSEDED');
    expect(stale.body.messageId).toMatch(/diganti/);
    expect((await call(issuer.url, 'GET', `${oldPath}/qr.png`)).status).toBe(410);
    const staleClaim = await call(issuer.url, 'POST', oldPath, { body: { verifiablePresentation: await (await makeWallet(22)).answer({ verifiablePresentationRequest: { challenge: oldOffer?.challenge, domain: new URL(issuer.url).host } }, issuer.services.ctx.now()) } });
    expect(staleClaim.status).toBe(410);
    expect(staleClaim.body.code).toBe('OFFER_SUPERSEDED');
    issuer.clock.now = new Date(issuer.clock.now.getTime() + 2 * HOUR);

    // The new link claims with a wallet, once.
    const claimed = await claim(newPath, 23);
    expect(claimed.status).toBe(201);
    expect(claimed.body.verifiableCredential.id).toBe(issued.verifiableCredential.id);
    expect((await verifyOverHttp(issuer, claimed.body.verifiableCredential)).verified).toBe(true);
    expect((await call(issuer.url, 'GET', newPath)).body.code).toBe('OFFER_USED');

    const again = await renew(key);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('OFFER_USED');
    expect(again.body.message).toMatch(/already claimed.*bound copy exists/);
    issuer.clock.now = new Date(issuer.clock.now.getTime() - 2 * HOUR);
  });

  it('an unexpired offer can be renewed too: only the newest link works', async () => {
    const issued = await issue();
    const first = await renew(keyOf(issued));
    const second = await renew(keyOf(issued));
    expect(second.status).toBe(201);
    expect((await call(issuer.url, 'GET', pathOf(issued.claimOffer.exchangeUrl))).body.code).toBe('OFFER_SUPERSEDED');
    expect((await call(issuer.url, 'GET', pathOf(first.body.claimOffer.exchangeUrl))).body.code).toBe('OFFER_SUPERSEDED');
    expect((await claim(pathOf(second.body.claimOffer.exchangeUrl), 24)).status).toBe(201);
  });

  it('a revoked credential is refused with 409 CREDENTIAL_REVOKED', async () => {
    const issued = await issue();
    const st = await call(issuer.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: issued.verifiableCredential.id, credentialStatus: [{ status: 'revoked' }] } });
    expect(st.status).toBe(200);
    const res = await renew(keyOf(issued));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CREDENTIAL_REVOKED');
    expect(res.body.messageId).toBeTypeOf('string');
  });

  it('a credential that names its holder is not bindable: 422', async () => {
    const doc = await call(issuer.url, 'GET', '/providers/renew-prov/did.json');
    const res = await call(issuer.url, 'POST', '/credentials/issue', {
      token: apiKey,
      body: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: doc.body.id, credentialSubject: { id: 'did:example:holder' } } },
    });
    expect(res.status).toBe(201);
    expect(res.body.claimOffer).toBeUndefined();
    const r = await renew(keyOf(res.body));
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('CREDENTIAL_NOT_BINDABLE');
  });

  it('another provider’s key, the admin token, no key, or an unknown credential: refused, nothing written', async () => {
    const issued = await issue();
    const key = keyOf(issued);
    const before = (await issuer.services.audit.list({ limit: 1000 })).length;
    const other = await renew(key, otherKey);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('CREDENTIAL_NOT_FOUND');
    expect((await renew(key, ADMIN_TOKEN)).status).toBe(403);
    expect((await call(issuer.url, 'POST', `/credentials/${key}/claim-offer`)).status).toBe(401);
    expect((await renew('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await renew('not-a-key')).status).toBe(404);
    expect((await issuer.services.audit.list({ limit: 1000 })).length).toBe(before);
    // The original link still works.
    expect((await call(issuer.url, 'GET', pathOf(issued.claimOffer.exchangeUrl))).status).toBe(200);
  });

  it('batch rows link the renewed offer, not the one issued with the row', async () => {
    const job = await call(issuer.url, 'POST', '/batches', { token: apiKey, body: [learningInput()] });
    expect(job.status).toBe(202);
    let rows: Loose[] = [];
    for (let i = 0; i < 200; i++) {
      rows = (await call(issuer.url, 'GET', `/batches/${job.body.id}/rows?state=issued`, { token: apiKey })).body.rows;
      if (rows.length === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows).toHaveLength(1);
    const renewed = await renew(rows[0].credentialKey);
    expect(renewed.status).toBe(201);
    const after = (await call(issuer.url, 'GET', `/batches/${job.body.id}/rows`, { token: apiKey })).body.rows;
    expect(after[0].claimOffer).toBe(renewed.body.claimOffer.url);
  });
});
