/**
 * LAN's issuance aggregates over real HTTP and LevelDB: credentials issued by two curated
 * providers, one claimed by a wallet, one revoked, one suspended — counted per provider
 * (registry name) and month, for the admin token only, and without any learner data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, call, learningInput, makeWallet, setupProvider, startIssuer } from './helpers.js';
import type { TestIssuer } from './helpers.js';

let issuer: TestIssuer;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  issuer = await startIssuer();
  keyA = (await setupProvider(issuer.url, 'pusdiklat-a')).apiKey;
  keyB = (await setupProvider(issuer.url, 'kampus-b')).apiKey;
});
afterAll(async () => {
  await issuer.close();
});

const issue = async (token: string) => {
  const r = await call(issuer.url, 'POST', '/learning-credentials', { token, body: learningInput() });
  expect(r.status).toBe(201);
  return r.body;
};
const setStatus = (token: string, id: string, status: string) =>
  call(issuer.url, 'POST', '/credentials/status', { token, body: { credentialId: id, credentialStatus: [{ status }] } });

describe('issuance aggregates for LAN', () => {
  it('counts issued, claimed, revoked, suspended per provider and month', async () => {
    const a1 = await issue(keyA);
    const a2 = await issue(keyA);
    await issue(keyA);
    const b1 = await issue(keyB);
    // Claimed by a wallet.
    const path = new URL(a1.claimOffer.url).pathname;
    const offer = (await call(issuer.url, 'GET', path)).body;
    const wallet = await makeWallet(21);
    expect((await call(issuer.url, 'POST', path, { body: { verifiablePresentation: await wallet.answer(offer, issuer.services.ctx.now()) } })).status).toBe(201);
    expect((await setStatus(keyA, a2.verifiableCredential.id, 'revoked')).status).toBe(200);
    expect((await setStatus(keyB, b1.verifiableCredential.id, 'suspended')).status).toBe(200);

    const year = issuer.services.ctx.now().getUTCFullYear();
    const month = issuer.services.ctx.now().toISOString().slice(0, 7);
    const res = await call(issuer.url, 'GET', `/admin/stats/issuance?year=${year}`, { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({ issued: 4, claimed: 1, revoked: 1, suspended: 1 });
    const a = res.body.byProvider.find((p: { providerId: string }) => p.providerId === 'pusdiklat-a');
    const b = res.body.byProvider.find((p: { providerId: string }) => p.providerId === 'kampus-b');
    expect(a).toMatchObject({ issued: 3, claimed: 1, revoked: 1, suspended: 0 });
    expect(a.name).toBeTypeOf('string');
    expect(a.name).not.toBe('pusdiklat-a');
    expect(b).toMatchObject({ issued: 1, claimed: 0, revoked: 0, suspended: 1 });
    expect(res.body.byMonth).toEqual([{ month, issued: 4, claimed: 1, revoked: 1, suspended: 1 }]);
    const dump = JSON.stringify(res.body);
    expect(dump).not.toMatch(/Siti|1986\d{14}|\*\*\*/);

    // Another year has nothing; all years is the same as this one.
    expect((await call(issuer.url, 'GET', `/admin/stats/issuance?year=${year - 1}`, { token: ADMIN_TOKEN })).body.totals.issued).toBe(0);
    expect((await call(issuer.url, 'GET', '/admin/stats/issuance', { token: ADMIN_TOKEN })).body.totals.issued).toBe(4);
  });

  it('is for the LAN admin only, with a clear error for a bad year', async () => {
    expect((await call(issuer.url, 'GET', '/admin/stats/issuance')).status).toBe(401);
    const asProvider = await call(issuer.url, 'GET', '/admin/stats/issuance', { token: keyA });
    expect(asProvider.status).toBe(403);
    expect(asProvider.body.code).toBe('FORBIDDEN');
    const bad = await call(issuer.url, 'GET', '/admin/stats/issuance?year=20x6', { token: ADMIN_TOKEN });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('REQUEST_INVALID');
  });

  it('is in the OpenAPI document, admin token only', async () => {
    const spec = await call(issuer.url, 'GET', '/openapi.json');
    expect(spec.body.paths['/admin/stats/issuance'].get.security).toEqual([{ adminToken: [] }]);
  });
});
