/**
 * Accreditation over time through the real issuer (issue 7, item 4): extending a provider
 * must not leave earlier credentials to fail once the old end date passes, and withdrawing
 * it is the one act that takes them back, with its own code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, call, learningInput, setupProvider, startIssuer, verifyOverHttp } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await startIssuer();
  issuer.clock.now = new Date('2026-03-01T00:00:00Z');
});
afterAll(async () => issuer.close());

const accreditationOf = (r: Awaited<ReturnType<typeof verifyOverHttp>>) => r.checks.find((c) => c.id === 'accreditation')!;

async function issueOne(apiKey: string): Promise<Loose> {
  const res = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput({ startDate: '2026-02-01', endDate: '2026-02-10' }) });
  expect(res.status).toBe(201);
  return res.body.verifiableCredential;
}

describe('accreditation renewal and withdrawal', () => {
  it('after a renewal, a credential issued before it stays recognised past the old end date', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'renewal-a', { validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-12-31T00:00:00Z' });
    const vc = await issueOne(apiKey);
    expect(accreditationOf(await verifyOverHttp(issuer, vc)).code).toBe('ACCREDITED');

    issuer.clock.now = new Date('2026-06-01T00:00:00Z');
    const renewed = await call(issuer.url, 'PATCH', '/admin/providers/renewal-a/scope', { token: ADMIN_TOKEN, body: { validUntil: '2028-12-31T00:00:00Z' } });
    expect(renewed.status).toBe(200);

    issuer.clock.now = new Date('2027-06-01T00:00:00Z'); // past the old end date
    const r = await verifyOverHttp(issuer, vc);
    expect(accreditationOf(r).code).toBe('ACCREDITED');
    expect(r.verified).toBe(true);
  });

  it('withdrawing the provider takes its credentials back as ACCREDITATION_WITHDRAWN', async () => {
    issuer.clock.now = new Date('2026-03-01T00:00:00Z');
    const { apiKey } = await setupProvider(issuer.url, 'renewal-b', { validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-12-31T00:00:00Z' });
    const vc = await issueOne(apiKey);
    issuer.clock.now = new Date('2026-04-01T00:00:00Z');
    await call(issuer.url, 'PATCH', '/admin/providers/renewal-b/scope', { token: ADMIN_TOKEN, body: { validUntil: '2027-12-31T00:00:00Z' } });
    expect((await call(issuer.url, 'POST', '/admin/providers/renewal-b/withdraw', { token: ADMIN_TOKEN })).status).toBe(200);
    const r = await verifyOverHttp(issuer, vc);
    expect(accreditationOf(r)).toMatchObject({ status: 'failed', code: 'ACCREDITATION_WITHDRAWN' });
  });
});
