/**
 * Scale-out proof for the verifier: two real verifier processes (`verifier/server.ts`) on
 * one PostgreSQL database, with the same public URL and secret, as two instances behind a
 * load balancer are. They trust a real issuer (in this process) that issues the
 * credentials. Every "only once" must hold across them: a relay blob and a challenge are
 * usable once, the same award recorded concurrently through both gives exactly one 201, a
 * session made on one is valid on the other, and the sign-in lockout counts guesses sent
 * to either instance.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPgStore } from '../../verifier/store/pg-store.js';
import { call, learningInput, makeWallet, setupProvider, startIssuer } from '../issuer/helpers.js';
import type { Loose, TestIssuer } from '../issuer/helpers.js';
import { BOOTSTRAP_TOKEN, postJson } from '../verifier/harness.js';
import { freePort } from '../helpers/free-port.js';
import { describePg, freshDatabase, pgUrl } from '../helpers/pg-run.js';
import { killTree, startServerProcess } from '../helpers/server-process.js';

const NIP = '198609262015052001';
let databaseUrl: string;
let issuer: TestIssuer;
let apiKey: string;
/** What a client behind the load balancer sees: the one public URL. */
let publicUrl: string;
let one: string;
let two: string;
const procs: ChildProcess[] = [];
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  if (!pgUrl()) return;
  databaseUrl = await freshDatabase();
  issuer = await startIssuer();
  ({ apiKey } = await setupProvider(issuer.url, 'skala-verifier'));
  const lanDoc = (await call(issuer.url, 'GET', '/.well-known/did.json')).body as Loose;
  const ports = [await freePort(), await freePort()];
  publicUrl = `http://127.0.0.1:${ports[0]}`;
  [one, two] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];
  // Identical settings, as replicas have; only the port differs.
  for (const port of ports) {
    procs.push(await startServerProcess('verifier/server.ts', `http://127.0.0.1:${port}`, {
      VERIFIER_PORT: String(port),
      VERIFIER_PUBLIC_URL: publicUrl,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '5',
      TRUST_ANCHOR_DID: lanDoc.id,
      TRUST_ANCHOR_PUBLIC_KEY: lanDoc.verificationMethod[0].publicKeyMultibase,
      ISSUER_ORIGINS: issuer.url,
      VERIFIER_SECRET: 'scale-out-secret-0123456789-0123456789-0123',
      VERIFIER_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    }));
  }
  const created = await postJson(`${one}/admin/agencies`, { agency: { id: 'skala', name: 'Instansi skala' }, admin: { username: 'admin.skala', password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
}, 120_000);

afterAll(async () => {
  for (const p of procs) await killTree(p);
  await issuer?.close();
});

describePg('two verifier processes on one PostgreSQL', () => {
  it('a relay blob is handed out once across both instances', async () => {
    for (let round = 0; round < 5; round++) {
      const opened = (await postJson(`${one}/relay`, undefined)).body;
      const upload = await fetch(`${two}/relay/${opened.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ciphertext: 'A'.repeat(64), iv: 'B'.repeat(16) }) });
      expect(upload.status).toBe(200);
      const takes = await Promise.all([one, two, one, two].map((v) => fetch(`${v}/relay/${opened.id}/blob`)));
      expect(takes.map((r) => r.status).sort()).toEqual([200, 404, 404, 404]);
    }
  });

  it('a challenge is consumed once across both instances', async () => {
    const wallet = await makeWallet(31);
    for (let round = 0; round < 5; round++) {
      const issued = (await postJson(`${two}/challenges`, undefined)).body;
      const vp = await wallet.answer({ verifiablePresentationRequest: { challenge: issued.challenge, domain: issued.domain } }, new Date());
      const results = await Promise.all([one, two, one, two].map((v) => postJson(`${v}/presentations/verify`, { verifiablePresentation: vp, options: { challenge: issued.challenge } })));
      const checks = results.map((r) => (r.body.checks as Loose[]).find((c) => c.id === 'challenge'));
      expect(checks.filter((c) => c.status === 'ok')).toHaveLength(1);
      expect(checks.filter((c) => c.status !== 'ok').map((c) => c.details?.reason)).toEqual(['used', 'used', 'used']);
    }
  });

  it('the same award recorded concurrently through both gives exactly one 201; a session from one is valid on the other', async () => {
    const adminToken = (await postJson(`${one}/auth/login`, { username: 'admin.skala', password: 'correct horse battery staple' })).body.token;
    const user = await postJson(`${one}/users`, { username: 'petugas.skala', password: 'another long password', displayName: 'Petugas' }, auth(adminToken));
    expect(user.status).toBe(201);
    // A session made on one instance is valid on the other: sessions live in the database.
    const token = (await postJson(`${two}/auth/login`, { username: 'petugas.skala', password: 'another long password' })).body.token;
    expect((await fetch(`${one}/auth/session`, { headers: auth(token) })).status).toBe(200);
    const rounds = 6;
    for (let n = 0; n < rounds; n++) {
      const vc = (await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput({ jp: 10 + n, learner: { name: 'Siti Rahmawati', nip: NIP } }) })).body.verifiableCredential;
      const results = await Promise.all([one, two, one, two, one, two].map((v) => postJson(`${v}/recognitions`, { verifiableCredential: vc, nip: NIP }, auth(token))));
      expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body.code))).toEqual([201, 409, 409, 409, 409, 409]);
    }
    const store = await openPgStore(databaseUrl);
    try {
      expect((await store.list('recognitions')).length).toBe(rounds);
    } finally {
      await store.close();
    }
  });

  it('the sign-in lockout counts guesses sent to either instance, also 40 at once', async () => {
    const adminToken = (await postJson(`${two}/auth/login`, { username: 'admin.skala', password: 'correct horse battery staple' })).body.token;
    expect((await postJson(`${two}/users`, { username: 'target.skala', password: 'the right password 123', displayName: 'Target' }, auth(adminToken))).status).toBe(201);
    const attempt = (v: string, password: string) => postJson(`${v}/auth/login`, { username: 'target.skala', password });
    const statuses = (await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(i % 2 ? one : two, `wrong guess ${i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    expect((await attempt(one, 'the right password 123')).status).toBe(429);
    expect((await attempt(two, 'the right password 123')).status).toBe(429);
  });
});
