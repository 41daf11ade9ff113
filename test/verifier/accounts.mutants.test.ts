/**
 * What a caller can observe of HR accounts (verifier/services/accounts.ts), pinned where
 * mutation testing found it unpinned (issue 13): the refusal codes and statuses of
 * bootstrap, agency and account creation (a taken username never overwrites the account
 * that holds it); the sign-in lockout at exactly the limit and one past it, the window's
 * edge and the Retry-After it announces, and that a good sign-in clears the counter; what
 * is audited (the new account's role, a failed sign-in in the agency's log, an unknown
 * username as `unknown-user`); and the sweep: live sessions and live lockouts survive it,
 * a session is still valid at exactly its expiry, stale counters and expired sessions go.
 * Real HTTP on 127.0.0.1 and real LevelDB, as in accounts.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { Clock, RunningVerifier, StandInIssuer } from './harness.js';

const PASSWORD = 'correct horse battery staple';
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;

let world: World;
let issuer: StandInIssuer;
const started: RunningVerifier[] = [];

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
});

afterAll(async () => {
  for (const v of started) await v.close();
  await issuer?.stop();
});

interface Fresh { v: RunningVerifier; clock: Clock; admin: string }

/** A verifier of its own (own clock, own store) with agency `agency-a` and its admin `admin.a`. */
async function fresh(): Promise<Fresh> {
  const clock = testClock();
  const v = await startVerifier({ world, issuer, clock });
  started.push(v);
  const created = await postJson(`${v.url}/admin/agencies`, { agency: { id: 'agency-a', name: 'Instansi A' }, admin: { username: 'admin.a', password: PASSWORD, displayName: 'Admin A' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
  return { v, clock, admin: (await login(v, 'admin.a', PASSWORD)).body.token };
}

const login = (v: RunningVerifier, username: string, password: string) => postJson(`${v.url}/auth/login`, { username, password });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (v: RunningVerifier, token: string) => fetch(`${v.url}/auth/me`, { headers: bearer(token) });
const auditOf = async (v: RunningVerifier, token: string): Promise<any[]> => ((await (await fetch(`${v.url}/audit`, { headers: bearer(token) })).json()) as { entries: any[] }).entries; // eslint-disable-line @typescript-eslint/no-explicit-any

async function failTimes(v: RunningVerifier, username: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await login(v, username, `wrong password ${i}!`);
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('LOGIN_FAILED');
    expect(r.body.message).toBeTruthy();
  }
}

describe('creating agencies and accounts', () => {
  it('a missing or wrong bootstrap token is 401 UNAUTHORIZED with a sentence', async () => {
    const { v } = await fresh();
    for (const headers of [{}, { 'x-bootstrap-token': 'not-the-token-0123456789' }] as Array<Record<string, string>>) {
      const r = await postJson(`${v.url}/admin/agencies`, { agency: { id: 'agency-x', name: 'Instansi X' }, admin: { username: 'admin.x', password: PASSWORD, displayName: 'X' } }, headers);
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('UNAUTHORIZED');
      expect(r.body.message).toBeTruthy();
    }
  });

  it('an agency id or an admin username already taken is 409 and changes nothing', async () => {
    const { v } = await fresh();
    const body = (id: string, username: string, password = PASSWORD) => ({ agency: { id, name: 'Instansi lain' }, admin: { username, password, displayName: 'Lain' } });
    const sameAgency = await postJson(`${v.url}/admin/agencies`, body('agency-a', 'admin.z'), { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
    expect(sameAgency.status).toBe(409);
    expect(sameAgency.body.code).toBe('AGENCY_EXISTS');
    expect(sameAgency.body.message).toBeTruthy();
    const sameAdmin = await postJson(`${v.url}/admin/agencies`, body('agency-b', 'admin.a', 'another password 123'), { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
    expect(sameAdmin.status).toBe(409);
    expect(sameAdmin.body.code).toBe('USER_EXISTS');
    expect(sameAdmin.body.message).toBeTruthy();
    // Neither refusal wrote anything: admin.a keeps its password and agency, admin.z does not exist.
    const a = await login(v, 'admin.a', PASSWORD);
    expect(a.status).toBe(200);
    expect(a.body.session.agencyId).toBe('agency-a');
    expect((await login(v, 'admin.z', PASSWORD)).status).toBe(401);
  });

  it('only an admin creates accounts (403 FORBIDDEN), a taken username is 409 and the account keeps its password; the creation is audited with the role', async () => {
    const { v, admin } = await fresh();
    const made = await postJson(`${v.url}/users`, { username: 'officer.a', password: PASSWORD, displayName: 'Petugas A' }, bearer(admin));
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ username: 'officer.a', role: 'officer', agencyId: 'agency-a' });
    const officer = (await login(v, 'officer.a', PASSWORD)).body.token as string;
    const byOfficer = await postJson(`${v.url}/users`, { username: 'officer.b', password: PASSWORD, displayName: 'Petugas B' }, bearer(officer));
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body.code).toBe('FORBIDDEN');
    expect(byOfficer.body.message).toBeTruthy();
    expect((await login(v, 'officer.b', PASSWORD)).status).toBe(401);

    const taken = await postJson(`${v.url}/users`, { username: 'officer.a', password: 'a new password 456', displayName: 'Penyusup', role: 'admin' }, bearer(admin));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('USER_EXISTS');
    expect(taken.body.message).toBeTruthy();
    const still = await login(v, 'officer.a', PASSWORD);
    expect(still.status).toBe(200);
    expect(still.body.session).toMatchObject({ role: 'officer', displayName: 'Petugas A' });
    expect((await login(v, 'officer.a', 'a new password 456')).status).toBe(401);

    const created = (await auditOf(v, admin)).filter((e) => e.action === 'user.created' && e.target === 'officer.a');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actor: { kind: 'user', username: 'admin.a', agencyId: 'agency-a' }, details: { role: 'officer' } });
  });
});

describe('failed sign-ins', () => {
  it('are audited: a known account in its agency\'s log, an unknown username as unknown-user', async () => {
    const { v, admin } = await fresh();
    await failTimes(v, 'admin.a', 1);
    const failed = (await auditOf(v, admin)).filter((e) => e.action === 'user.loginFailed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ actor: { kind: 'system', agencyId: 'agency-a' }, target: 'admin.a' });

    await failTimes(v, 'nobody.here', 1);
    const all = await v.services.audit.list(undefined);
    const unknown = all.filter((e) => e.action === 'user.loginFailed' && e.actor.agencyId === undefined);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.target).toBe('unknown-user');
  });

  it('lock the account at exactly the limit, announce when it opens, and open at exactly the window\'s end', async () => {
    const { v, clock } = await fresh();
    const t0 = clock.now().getTime();
    await failTimes(v, 'admin.a', MAX_FAILURES); // the 10th wrong password is still a plain 401
    clock.advance(60);
    const locked = await login(v, 'admin.a', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('LOGIN_LOCKED');
    expect(locked.body.message).toBeTruthy();
    expect(locked.body.details).toEqual({ retryAfterSeconds: WINDOW_MS / 1000 - 60 });
    expect(locked.headers.get('retry-after')).toBe(String(WINDOW_MS / 1000 - 60));
    clock.set(new Date(t0 + WINDOW_MS - 1));
    const last = await login(v, 'admin.a', PASSWORD);
    expect(last.status).toBe(429);
    expect(last.body.details).toEqual({ retryAfterSeconds: 1 });
    clock.set(new Date(t0 + WINDOW_MS));
    expect((await login(v, 'admin.a', PASSWORD)).status).toBe(200);
  });

  it('are forgotten after a good sign-in', async () => {
    const { v } = await fresh();
    await failTimes(v, 'admin.a', MAX_FAILURES - 1);
    expect((await login(v, 'admin.a', PASSWORD)).status).toBe(200);
    expect(await v.store.list('loginFailures')).toHaveLength(0);
    await failTimes(v, 'admin.a', MAX_FAILURES - 1);
    expect((await login(v, 'admin.a', PASSWORD)).status).toBe(200);
  });
});

describe('sessions and the sweep', () => {
  it('the sweep keeps live sessions and live lockouts, drops stale counters, and a session is valid at exactly its expiry', async () => {
    const { v, clock, admin } = await fresh();
    const t0 = clock.now().getTime();
    const ttlMs = v.settings.sessionTtlSeconds * 1000;
    await failTimes(v, 'ghost.user', MAX_FAILURES); // an unknown username locks too
    clock.advance(1);
    expect(await v.services.accounts.sweep()).toBe(0);
    expect((await me(v, admin)).status).toBe(200);
    expect((await login(v, 'ghost.user', PASSWORD)).status).toBe(429);
    expect(await v.store.list('loginFailures')).toHaveLength(1);

    clock.set(new Date(t0 + WINDOW_MS + 1)); // the counter's newest failure has left the window
    expect(await v.services.accounts.sweep()).toBe(0);
    expect(await v.store.list('loginFailures')).toHaveLength(0);
    expect((await me(v, admin)).status).toBe(200);

    clock.set(new Date(t0 + ttlMs)); // the admin's session expires exactly now: still valid
    expect(await v.services.accounts.sweep()).toBe(0);
    expect((await me(v, admin)).status).toBe(200);
    clock.set(new Date(t0 + ttlMs + 1));
    expect(await v.store.list('sessions')).toHaveLength(1);
    expect(await v.services.accounts.sweep()).toBe(1);
    expect(await v.store.list('sessions')).toHaveLength(0);
    expect((await me(v, admin)).status).toBe(401);
  });

  it('an expired session presented is deleted there and then (the sweep finds nothing left)', async () => {
    const { v, clock, admin } = await fresh();
    clock.advance(v.settings.sessionTtlSeconds + 1);
    expect((await me(v, admin)).status).toBe(401);
    expect(await v.store.list('sessions')).toHaveLength(0);
    expect(await v.services.accounts.sweep()).toBe(0);
  });

  it('sign-out without any session is a plain 204', async () => {
    const { v, admin } = await fresh();
    const out = await fetch(`${v.url}/auth/logout`, { method: 'POST' });
    expect(out.status).toBe(204);
    expect((await me(v, admin)).status).toBe(200);
  });
});
