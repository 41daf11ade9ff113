/**
 * The key.compromised audit entry commits in the same batch as the key change (issue 7
 * item 5): a crash between two writes could otherwise leave a withdrawn key unaudited.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN, call, setupProvider, startIssuer } from './helpers.js';
import type { TestIssuer } from './helpers.js';

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer.close();
});

describe('key compromise', () => {
  it('writes the key change and its audit entry in one batch', async () => {
    await setupProvider(issuer.url, 'kc-prov');
    const keys = (await call(issuer.url, 'GET', '/admin/providers/kc-prov/keys', { token: ADMIN_TOKEN })).body.keys;
    expect((await call(issuer.url, 'POST', '/admin/providers/kc-prov/keys/rotate', { token: ADMIN_TOKEN })).status).toBe(201);
    const old = String(keys[0].id).split('#')[1];
    // A spy on the real LevelDB store: it records the batches and still writes them.
    const spy = vi.spyOn(issuer.services.ctx.store, 'batch');
    try {
      const res = await call(issuer.url, 'POST', `/admin/providers/kc-prov/keys/${old}/compromised`, { token: ADMIN_TOKEN });
      expect(res.status).toBe(200);
      const batches = spy.mock.calls.map(([ops]) => ops.map((o) => o.collection));
      const withKey = batches.filter((cols) => cols.includes('keys'));
      expect(withKey).toHaveLength(1);
      expect(withKey[0]).toContain('audit');
      expect(batches.filter((cols) => cols.includes('audit'))).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
    const audit = (await call(issuer.url, 'GET', '/admin/audit?limit=1000', { token: ADMIN_TOKEN })).body.entries;
    expect(audit.some((e: { value: { action: string; target: string } }) => e.value.action === 'key.compromised' && e.value.target.endsWith(`#${old}`))).toBe(true);
  });
});
