import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, call, learningInput, setupProvider, startIssuer, verifyOverHttp, waitFor } from './helpers.js';
import type { TestIssuer } from './helpers.js';

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startIssuer({ bodyBytes: 200_000 });
});
afterAll(async () => {
  await issuer.close();
});

const count = async (c: 'credentials' | 'statusAlloc') => (await issuer.services.ctx.store.list(c)).length;

describe('refusals, limits and concurrency', () => {
  it('never echoes NIP-shaped text in an error body, even from a key name or a context URL', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'echo-test');
    const nip = '198609262015052001';
    const bad = learningInput();
    (bad.learner as Record<string, unknown>)[nip] = 1;
    const r1 = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: bad });
    expect(r1.status).toBe(422);
    expect(JSON.stringify(r1.body)).not.toMatch(/\d{16,}/);
    const provider = (await call(issuer.url, 'GET', '/admin/providers/echo-test', { token: ADMIN_TOKEN })).body;
    const r2 = await call(issuer.url, 'POST', '/credentials/issue', { token: apiKey, body: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2', `https://x.example/${nip}`], type: ['VerifiableCredential'], issuer: provider.did, credentialSubject: { id: 'did:example:1' } } } });
    expect(r2.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(r2.body)).not.toMatch(/\d{16,}/);
  });

  it('refuses issuance outside the accredited scope (403, nothing signed or stored)', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'scope-prov', { scope: { competencyTypes: ['manajerial'], competencyCodes: ['M.01'] } });
    const before = [await count('credentials'), await count('statusAlloc')];
    const res = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput({ competency: { type: 'manajerial', code: 'M.02', level: 2 } }) });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUTSIDE_ACCREDITED_SCOPE');
    expect([await count('credentials'), await count('statusAlloc')]).toEqual(before);
    expect((await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() })).status).toBe(201);
  });

  it('refuses a suspended provider, accepts it again after reinstatement; withdrawal disables its keys', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'susp-prov');
    expect((await call(issuer.url, 'POST', '/admin/providers/susp-prov/suspend', { token: ADMIN_TOKEN })).status).toBe(200);
    const res = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('PROVIDER_SUSPENDED');
    await call(issuer.url, 'POST', '/admin/providers/susp-prov/reinstate', { token: ADMIN_TOKEN });
    const ok = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    expect(ok.status).toBe(201);
    expect((await verifyOverHttp(issuer, ok.body.verifiableCredential)).verified).toBe(true);
    await call(issuer.url, 'POST', '/admin/providers/susp-prov/withdraw', { token: ADMIN_TOKEN });
    expect((await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() })).status).toBe(401);
    // Withdrawal revokes the accreditation: the earlier credential is still authentic, but
    // no longer recognised, and says why.
    const after = await verifyOverHttp(issuer, ok.body.verifiableCredential);
    expect(after.recognition).toMatchObject({ recognised: false, error: { code: 'ACCREDITATION_WITHDRAWN' } });
  });

  it('scope change: old credentials stay covered, new scope applies from now', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'change-prov');
    const old = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const upd = await call(issuer.url, 'PATCH', '/admin/providers/change-prov/scope', { token: ADMIN_TOKEN, body: { scope: { competencyTypes: ['teknis'], competencyCodes: [] } } });
    expect(upd.status).toBe(200);
    expect((await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() })).status).toBe(403);
    expect((await verifyOverHttp(issuer, old.body.verifiableCredential)).verified).toBe(true);
  });

  it('key rotation: the new key signs, credentials from the old key still verify', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'rot-prov');
    const before = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const rot = await call(issuer.url, 'POST', '/admin/providers/rot-prov/keys/rotate', { token: ADMIN_TOKEN });
    expect(rot.status).toBe(201);
    const after = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    expect(after.body.verifiableCredential.proof.verificationMethod).toBe(rot.body.id);
    expect(before.body.verifiableCredential.proof.verificationMethod).not.toBe(rot.body.id);
    expect((await verifyOverHttp(issuer, before.body.verifiableCredential)).verified).toBe(true);
    expect((await verifyOverHttp(issuer, after.body.verifiableCredential)).verified).toBe(true);
  });

  it('revoked API key → 401', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'revkey-prov');
    const keys = await call(issuer.url, 'GET', '/providers/revkey-prov/api-keys', { token: ADMIN_TOKEN });
    const id = keys.body.keys.find((k: { role: string }) => k.role === 'issuer').id;
    expect(JSON.stringify(keys.body)).not.toContain('secretHash');
    await call(issuer.url, 'POST', `/providers/revkey-prov/api-keys/${id}/revoke`, { token: ADMIN_TOKEN });
    expect((await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() })).status).toBe(401);
  });

  it('hostile bodies: too large 413, too deep / duplicate keys / __proto__ 400; process stays up', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'body-prov');
    const big = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, raw: JSON.stringify({ x: 'a'.repeat(300_000) }) });
    expect(big.status).toBe(413);
    const deep = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, raw: '['.repeat(10_000) + ']'.repeat(10_000) });
    expect(deep.status).toBe(400);
    expect(deep.body.code).toBe('JSON_TOO_DEEP');
    const dup = await call(issuer.url, 'POST', '/credentials/issue', { token: apiKey, raw: '{"credential":{},"credential":{}}' });
    expect(dup.body.code).toBe('JSON_DUPLICATE_KEY');
    const proto = await call(issuer.url, 'POST', '/credentials/issue', { token: apiKey, raw: '{"__proto__":{"admin":true}}' });
    expect(proto.body.code).toBe('JSON_FORBIDDEN_KEY');
    expect(JSON.stringify(proto.body)).not.toMatch(/at .*\.ts/); // no stack
    expect((await call(issuer.url, 'GET', '/health')).status).toBe(200);
  });

  it('concurrent issuance never shares a status index', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'conc-prov');
    const results = await Promise.all(Array.from({ length: 40 }, () => call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    for (const purpose of ['revocation', 'suspension']) {
      const idx = results.map((r) => r.body.verifiableCredential.credentialStatus.find((s: { statusPurpose: string }) => s.statusPurpose === purpose).statusListIndex);
      expect(new Set(idx).size).toBe(idx.length);
    }
  });

  it('a batch with bad rows issues every valid row and reports per-row errors (JSON and CSV)', async () => {
    const { apiKey } = await setupProvider(issuer.url, 'batch-prov');
    const rows = [learningInput(), learningInput({ jp: 0 }), learningInput(), learningInput({ competency: { type: 'pemerintahan', code: 'P.01', level: 1, name: { id: 'X' } } }), learningInput()];
    const job = await call(issuer.url, 'POST', '/batches', { token: apiKey, body: rows });
    expect(job.status).toBe(202);
    const done = await waitFor(async () => {
      const j = await call(issuer.url, 'GET', `/batches/${job.body.id}`, { token: apiKey });
      return j.body.state === 'completed' ? j.body : undefined;
    });
    expect(done).toMatchObject({ total: 5, done: 3, failed: 2, pending: 0 });
    const failed = await call(issuer.url, 'GET', `/batches/${job.body.id}/rows?state=failed`, { token: apiKey });
    expect(failed.body.rows.map((r: { row: number }) => r.row)).toEqual([2, 4]);
    expect(failed.body.rows[0].errors[0].field).toBe('jp');
    expect(failed.body.rows[1].errors[0].code).toBe('OUTSIDE_ACCREDITED_SCOPE');
    expect(JSON.stringify(failed.body)).not.toContain('198609262015052001');

    const csv = [
      'name,nip,courseId,courseName,courseDescription,competencyType,competencyCode,competencyLevel,jp,learningMode,learningPath,startDate,endDate',
      'Ani,198609262015052001,K-1,"Kursus, Dasar",Deskripsi,manajerial,M.03,2,8,klasikal,kursus,2025-01-01,2025-01-02',
      'Budi,123,K-1,Kursus,Deskripsi,manajerial,M.03,2,8,klasikal,kursus,2025-01-01,2025-01-02',
    ].join('\n');
    const cjob = await call(issuer.url, 'POST', '/batches', { token: apiKey, raw: csv, type: 'text/csv' });
    expect(cjob.status).toBe(202);
    const cdone = await waitFor(async () => {
      const j = await call(issuer.url, 'GET', `/batches/${cjob.body.id}`, { token: apiKey });
      return j.body.state === 'completed' ? j.body : undefined;
    });
    expect(cdone).toMatchObject({ total: 2, done: 1, failed: 1 });
  });

  it('audit log records curation, keys and issuance without NIP or secrets', async () => {
    const audit = await call(issuer.url, 'GET', '/admin/audit?limit=1000', { token: ADMIN_TOKEN });
    const actions = new Set(audit.body.entries.map((e: { value: { action: string } }) => e.value.action));
    for (const a of ['provider.registered', 'apiKey.created', 'credential.issued', 'provider.suspended', 'key.rotated', 'batch.created']) expect(actions).toContain(a);
    // Who did it: LAN's administrator by name, a provider by its API key id.
    const entries = audit.body.entries as Array<{ value: { action: string; actor: { kind: string; id: string } } }>;
    expect(entries.find((e) => e.value.action === 'provider.registered')?.value.actor).toEqual({ kind: 'admin', id: 'admin' });
    expect(entries.find((e) => e.value.action === 'credential.issued')?.value.actor).toMatchObject({ kind: 'provider', id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const text = JSON.stringify(audit.body);
    expect(text).not.toContain('198609262015052001');
    expect(text).not.toMatch(/ik_[0-9a-f]{16}_/);
  });

  it('rate limit per API key: 429 with Retry-After, nothing signed', async () => {
    const limited = await startIssuer({ rateLimit: { windowMs: 60_000, limit: 3 } });
    try {
      const { apiKey } = await setupProvider(limited.url, 'rl-prov');
      const statuses: number[] = [];
      let refused: Awaited<ReturnType<typeof call>> | undefined;
      for (let i = 0; i < 5; i++) {
        const r = await call(limited.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
        statuses.push(r.status);
        if (r.status === 429) refused = r;
        // Standard RateLimit headers only (draft-7), none of the legacy X-RateLimit-* ones.
        expect(r.headers.get('x-ratelimit-limit')).toBeNull();
        expect(r.headers.get('ratelimit-policy')).toMatch(/^3;w=60$/);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      // Retry-After: the seconds left in the 60 s window (just begun), the same in the body.
      const retryAfter = Number(refused?.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(50);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused?.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: retryAfter } });
      expect(refused?.body.message.length).toBeGreaterThan(10);
      expect((await limited.services.ctx.store.list('credentials')).length).toBe(3);
    } finally {
      await limited.close();
    }
  });

  it('a wrong master key answers 503 and stores nothing; the retry with the same idempotency key works once the key is right', async () => {
    const first = await startIssuer();
    const { apiKey } = await setupProvider(first.url, 'mk-prov');
    await first.close({ keepData: true });
    const wrong = await startIssuer({ dataDir: first.dataDir, masterKey: new Uint8Array(32).fill(8) });
    const headers = { 'idempotency-key': 'retry-1' };
    try {
      const res = await call(wrong.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput(), headers });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('KEY_UNAVAILABLE');
      expect((await wrong.services.ctx.store.list('credentials')).length).toBe(0);
      expect((await wrong.services.ctx.store.list('idempotency')).length).toBe(0);
    } finally {
      await wrong.close({ keepData: true });
    }
    const right = await startIssuer({ dataDir: first.dataDir });
    try {
      const a = await call(right.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput(), headers });
      const b = await call(right.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput(), headers });
      expect(a.status).toBe(201);
      expect(b.body.verifiableCredential.id).toBe(a.body.verifiableCredential.id);
    } finally {
      await right.close();
    }
  });

  it('the OpenAPI document lists the routes and /docs serves swagger-ui locally', async () => {
    const spec = await call(issuer.url, 'GET', '/openapi.json');
    for (const p of ['/credentials/issue', '/learning-credentials', '/credentials/status', '/batches', '/claims/{offerId}', '/registry', '/admin/providers']) expect(spec.body.paths[p]).toBeTruthy();
    const docs = await fetch(`${issuer.url}/docs`);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${issuer.url}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });
});
