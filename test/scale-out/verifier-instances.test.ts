/**
 * Scale-out proof for the verifier: two instances, each with its own connection pools, on
 * one PostgreSQL database (as two processes behind a load balancer would be). Every "only
 * once" must hold across them: a relay blob and a challenge are usable once, the same award
 * recorded concurrently through both gives exactly one 201, and the sign-in lockout counts
 * guesses sent to either instance.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { World } from '../fixtures/world.js';
import { SAMPLE_INPUT } from '../fixtures/world.js';
import { openPgStore } from '../../verifier/store/pg-store.js';
import { BOOTSTRAP_TOKEN, credentialId, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from '../verifier/harness.js';
import type { RunningVerifier, StandInIssuer } from '../verifier/harness.js';
import { describePg, freshDatabase, pgUrl } from '../helpers/pg-run.js';

const NIP = '198609262015052001';
let world: World;
let issuer: StandInIssuer;
let one: RunningVerifier;
let two: RunningVerifier;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  if (!pgUrl()) return;
  const db = await freshDatabase();
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  const clock = testClock();
  // Same settings (secret, public URL of the service) as two replicas would have.
  one = await startVerifier({ world, issuer, clock, store: await openPgStore(db), settings: { cacheRefreshSeconds: 0 } });
  two = await startVerifier({ world, issuer, clock, store: await openPgStore(db), settings: { cacheRefreshSeconds: 0, publicUrl: one.url } });
  const created = await postJson(`${one.url}/admin/agencies`, { agency: { id: 'skala', name: 'Instansi skala' }, admin: { username: 'admin.skala', password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await one?.close();
  await two?.close();
  await issuer?.stop();
});

describePg('two verifier instances on one PostgreSQL', () => {
  it('a relay blob is handed out once across both instances', async () => {
    for (let round = 0; round < 5; round++) {
      const opened = (await postJson(`${one.url}/relay`, undefined)).body;
      const upload = await fetch(`${two.url}/relay/${opened.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ciphertext: 'A'.repeat(64), iv: 'B'.repeat(16) }) });
      expect(upload.status).toBe(200);
      const takes = await Promise.all([one, two, one, two].map((v) => fetch(`${v.url}/relay/${opened.id}/blob`)));
      expect(takes.map((r) => r.status).sort()).toEqual([200, 404, 404, 404]);
    }
  });

  it('a challenge is consumed once across both instances', async () => {
    for (let round = 0; round < 5; round++) {
      const { challenge } = (await postJson(`${two.url}/challenges`, undefined)).body;
      const outcomes = await Promise.all([one, two, one, two].map((v) => v.services.challenges.consume(challenge)));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(['used', 'used', 'used']);
    }
  });

  it('the same award recorded concurrently through both gives exactly one 201', async () => {
    const adminToken = (await postJson(`${one.url}/auth/login`, { username: 'admin.skala', password: 'correct horse battery staple' })).body.token;
    const user = await postJson(`${one.url}/users`, { username: 'petugas.skala', password: 'another long password', displayName: 'Petugas' }, auth(adminToken));
    expect(user.status).toBe(201);
    // A session made on one instance is valid on the other: sessions live in the database.
    const token = (await postJson(`${two.url}/auth/login`, { username: 'petugas.skala', password: 'another long password' })).body.token;
    expect((await fetch(`${one.url}/auth/session`, { headers: auth(token) })).status).toBe(200);
    const rounds = 6;
    for (let n = 0; n < rounds; n++) {
      const vc = await world.issue({ index: 3000 + n, input: { ...SAMPLE_INPUT, learner: { name: SAMPLE_INPUT.learner.name, nip: NIP } }, mutate: (v) => { v.id = credentialId(700 + n); } });
      const results = await Promise.all([one, two, one, two, one, two].map((v) => postJson(`${v.url}/recognitions`, { verifiableCredential: vc, nip: NIP }, auth(token))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    }
    expect((await one.store.list('recognitions')).length).toBe(rounds);
  });

  it('the sign-in lockout counts guesses sent to either instance, also 40 at once', async () => {
    const adminToken = (await postJson(`${two.url}/auth/login`, { username: 'admin.skala', password: 'correct horse battery staple' })).body.token;
    expect((await postJson(`${two.url}/users`, { username: 'target.skala', password: 'the right password 123', displayName: 'Target' }, auth(adminToken))).status).toBe(201);
    const attempt = (v: RunningVerifier, password: string) => postJson(`${v.url}/auth/login`, { username: 'target.skala', password });
    const statuses = (await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(i % 2 ? one : two, `wrong guess ${i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    expect((await attempt(one, 'the right password 123')).status).toBe(429);
    expect((await attempt(two, 'the right password 123')).status).toBe(429);
  });
});
