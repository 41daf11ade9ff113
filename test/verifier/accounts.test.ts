/**
 * HR sessions and sign-in limits over HTTP (verifier/services/accounts.ts): sign-out ends
 * the session, a session past its lifetime is refused even before the minute sweep runs,
 * and failed sign-ins count per account whatever the case the username was typed in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
const clock = testClock();
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock });
  const created = await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'bkn-sesi', name: 'Instansi uji' }, admin: { username: 'admin.sesi', password: PASSWORD, displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

async function signIn(username = 'admin.sesi'): Promise<{ token: string; cookie: string }> {
  const r = await postJson(`${verifier.url}/auth/login`, { username, password: PASSWORD });
  expect(r.status).toBe(200);
  return { token: r.body.token, cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]! };
}

const me = (headers: Record<string, string>) => fetch(`${verifier.url}/auth/me`, { headers });
const sessionOf = async (headers: Record<string, string>) => ((await (await fetch(`${verifier.url}/auth/session`, { headers })).json()) as { session: unknown }).session;

describe('sessions', () => {
  it('after sign-out the old cookie and token are refused', async () => {
    const { token, cookie } = await signIn();
    const other = await signIn(); // a second session of the same user stays valid
    expect((await me({ cookie })).status).toBe(200);
    const out = await fetch(`${verifier.url}/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    // The browser would drop the cookie; a copy of it must not work either.
    expect((await me({ cookie })).status).toBe(401);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
    expect(await sessionOf({ cookie })).toBeNull();
    expect((await me({ authorization: `Bearer ${other.token}` })).status).toBe(200);
  });

  it('a cookie used after the session lifetime is refused before any sweep', async () => {
    const { cookie } = await signIn();
    const ttl = verifier.settings.sessionTtlSeconds;
    clock.advance(ttl - 60);
    expect((await me({ cookie })).status).toBe(200);
    clock.advance(120);
    expect((await me({ cookie })).status).toBe(401);
    expect(await sessionOf({ cookie })).toBeNull();
  });
});

describe('sign-in limits', () => {
  it('failed sign-ins count toward the same account whatever the case of the username', async () => {
    const admin = await signIn();
    const made = await postJson(`${verifier.url}/users`, { username: 'officer.kasus', password: PASSWORD, displayName: 'Petugas' }, { authorization: `Bearer ${admin.token}` });
    expect(made.status).toBe(201);
    // The username as typed signs in (usernames are lowercase).
    expect((await postJson(`${verifier.url}/auth/login`, { username: 'Officer.Kasus', password: PASSWORD })).status).toBe(200);
    const spellings = ['Officer.kasus', 'OFFICER.KASUS', 'officer.KASUS', 'oFFICER.kasus', 'Officer.Kasus'];
    for (let i = 0; i < 10; i++) {
      const r = await postJson(`${verifier.url}/auth/login`, { username: spellings[i % spellings.length], password: `wrong password ${i}!` });
      expect(r.status).toBe(401);
    }
    for (const username of ['officer.kasus', 'OFFICER.KASUS']) {
      const locked = await postJson(`${verifier.url}/auth/login`, { username, password: PASSWORD });
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('LOGIN_LOCKED');
    }
  });
});
