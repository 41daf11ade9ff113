/**
 * Findings of the second security review, as tests: an agency's audit log cannot be
 * flooded out of view, a malformed session cookie is no session (not a 500), and no
 * NIP-shaped text comes back in an error body even when a client put it in a key name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let adminToken: string;
const clock = testClock();
const NIP = '198609262015052001';

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock, settings: { rateLimitPerMinute: 10_000 } });
  const created = await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'bkn-uji', name: 'Instansi uji' }, admin: { username: 'admin.bkn-uji', password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
  adminToken = (await postJson(`${verifier.url}/auth/login`, { username: 'admin.bkn-uji', password: 'correct horse battery staple' })).body.token;
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

describe('verifier hardening', () => {
  it('entries written for nobody (failed logins of unknown users) never push an agency\'s audit log out of view', async () => {
    const audit = verifier.services.audit;
    for (let i = 0; i < 6000; i += 500) {
      await verifier.store.batch(Array.from({ length: 500 }, () => audit.entry({ kind: 'system' }, 'user.loginFailed', 'unknown-user')));
    }
    const res = await fetch(`${verifier.url}/audit`, { headers: { authorization: `Bearer ${adminToken}` } });
    const body = await res.json() as { entries: Array<{ action: string }> };
    expect(body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['agency.created', 'user.login']));
  });

  it('a malformed session cookie is treated as no session', async () => {
    const res = await fetch(`${verifier.url}/auth/session`, { headers: { cookie: 'vsession=%E0%A4%A' } });
    expect(res.status).toBeLessThan(500);
  });

  it('locks an account after 10 failed sign-ins (even from many addresses), with Retry-After', async () => {
    const attempt = (password: string) => postJson(`${verifier.url}/auth/login`, { username: 'admin.bkn-uji', password });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong password ${i}!`)).status).toBe(401);
    const locked = await attempt('correct horse battery staple');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('LOGIN_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('40 parallel wrong guesses: at most 10 are checked, the rest and then the right password get 429', async () => {
    const created = await postJson(`${verifier.url}/users`, { username: 'officer.paralel', password: 'the right password 123', displayName: 'Petugas' }, { authorization: `Bearer ${adminToken}` });
    expect(created.status).toBe(201);
    const attempt = (password: string) => postJson(`${verifier.url}/auth/login`, { username: 'officer.paralel', password });
    const statuses = (await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`wrong guess number ${i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    expect((await attempt('the right password 123')).status).toBe(429);
  });

  it('no NIP-shaped text comes back, even from a key name', async () => {
    const r1 = await postJson(`${verifier.url}/recognitions`, { verifiableCredential: {}, nip: 'x', [NIP]: 1 }, { authorization: `Bearer ${adminToken}` });
    expect(r1.status).toBe(400);
    expect(JSON.stringify(r1.body)).not.toMatch(/\d{16,}/);
    const r2 = await postJson(`${verifier.url}/auth/login`, { username: 'x', password: 'y', [NIP]: 1 });
    expect(r2.status).toBe(400);
    expect(JSON.stringify(r2.body)).not.toMatch(/\d{16,}/);
  });

  it('sweeps expired sessions', async () => {
    const before = (await verifier.store.list('sessions')).length;
    expect(before).toBeGreaterThan(0);
    clock.advance(verifier.settings.sessionTtlSeconds + 60);
    expect(await verifier.services.accounts.sweep()).toBe(before);
    expect((await verifier.store.list('sessions')).length).toBe(0);
  });
});
