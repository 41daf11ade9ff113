/**
 * Pins what a caller sees when the ledger refuses or records (issue 13: mutants that survived
 * in verifier/services/ledger.ts): the stable error `code`, a sentence and the field named for
 * a NIP that is invalid or does not match; `contractStart` refused for a PNS and kept for a
 * PPPK; the employment kind the officer chose winning over the NIP's guess; a credential
 * without an id or not a learning credential refused; a record's label; and the search order
 * within one instant (by record number, newest first; a record from before numbers last).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordLabel } from '../../verifier/services/ledger.js';
import type { Recognition } from '../../verifier/services/ledger.js';
import { put } from '../../verifier/store/kv.js';
import { SAMPLE_INPUT } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, credentialId, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

const NIP_A = '198609262015052001'; // SAMPLE_INPUT's learner; digits 13–14 read as a month (PNS by default)
const NIP_B = '199203102021211003'; // a PPPK NI

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let officer: string;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(username: string, password: string): Promise<string> {
  const r = await postJson(`${verifier.url}/auth/login`, { username, password });
  expect(r.status).toBe(200);
  return r.body.token;
}

function learning(n: number, mutate: (v: Record<string, unknown>) => void = (v) => { v.id = credentialId(n); }) {
  return world.issue({ index: 3000 + n, input: { ...SAMPLE_INPUT, learner: { name: SAMPLE_INPUT.learner.name, nip: NIP_A } }, mutate });
}

const record = (vc: unknown, nip: string, extra: Record<string, unknown> = {}) =>
  postJson(`${verifier.url}/recognitions`, { verifiableCredential: vc, nip, ...extra }, auth(officer));

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock: testClock(), settings: { cacheRefreshSeconds: 0 } });
  const created = await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'mut-ledger', name: 'Instansi M' }, admin: { username: 'admin.m', password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
  const admin = await login('admin.m', 'correct horse battery staple');
  expect((await postJson(`${verifier.url}/users`, { username: 'petugas.m', password: 'another long password', displayName: 'Petugas' }, auth(admin))).status).toBe(201);
  officer = await login('petugas.m', 'another long password');
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

it('an invalid NIP: 400 NIP_INVALID with a sentence and the field named', async () => {
  const r = await record(await learning(1), '198609262015050000');
  expect(r.status).toBe(400);
  expect(r.body.code).toBe('NIP_INVALID');
  expect(r.body.message).toMatch(/\w/);
  expect(r.body.details).toMatchObject({ field: 'nip', code: 'NIP_GENDER' });
});

it('a NIP that does not match: 422 NIP_MISMATCH with a sentence and the field named', async () => {
  const r = await record(await learning(2), NIP_B);
  expect(r.status).toBe(422);
  expect(r.body.code).toBe('NIP_MISMATCH');
  expect(r.body.message).toMatch(/\w/);
  expect(r.body.details).toEqual({ field: 'nip' });
});

it('an authentic credential not from an accredited provider: the refusal carries a sentence', async () => {
  const vc = await world.issue({ issuer: world.uncurated, index: 3099, mutate: (v) => { v.id = credentialId(399); } });
  const r = await record(vc, NIP_A);
  expect(r.status).toBe(422);
  expect(r.body.code).toBe('CREDENTIAL_NOT_RECOGNISED');
  expect(r.body.message).toMatch(/\w/);
});

it('contractStart for a PNS: 400 REQUEST_INVALID naming employment.contractStart, nothing recorded', async () => {
  const vc = await learning(3);
  const r = await record(vc, NIP_A, { employment: { contractStart: '2025-03-01' } });
  expect(r.status).toBe(400);
  expect(r.body.code).toBe('REQUEST_INVALID');
  expect(r.body.message).toMatch(/\w/);
  expect(r.body.details).toEqual({ field: 'employment.contractStart' });
  // Refused before anything was written: the same credential still records.
  expect((await record(vc, NIP_A)).status).toBe(201);
});

it('the kind the officer chose wins over the NIP\'s guess, and a PPPK contractStart is kept and sets the period', async () => {
  const r = await record(await learning(4), NIP_A, { employment: { kind: 'PPPK', contractStart: '2025-03-01' } });
  expect(r.status).toBe(201);
  expect(r.body.employment).toEqual({ kind: 'PPPK', contractStart: '2025-03-01' });
  expect(r.body.period).toEqual({ from: '2026-03-01', to: '2027-02-28', year: 2026 });
  const plain = await record(await learning(5), NIP_A, { employment: { kind: 'PNS' } });
  expect(plain.status).toBe(201);
  expect(plain.body.employment).toEqual({ kind: 'PNS' });
});

it('a credential without an id: 422 CREDENTIAL_ID_MISSING, since it could not be counted once', async () => {
  const r = await record(await learning(6, (v) => { delete v.id; }), NIP_A);
  expect(r.status).toBe(422);
  expect(r.body.code).toBe('CREDENTIAL_ID_MISSING');
  expect(r.body.message).toMatch(/\w/);
});

it('an authentic, recognised credential that is not an ASN learning credential (no name identity): 422 NOT_A_LEARNING_CREDENTIAL', async () => {
  const vc = await learning(7, (v) => {
    v.id = credentialId(7);
    const subject = v.credentialSubject as { identifier: Array<{ identityType: string }> };
    subject.identifier = subject.identifier.filter((i) => i.identityType !== 'name');
  });
  const r = await record(vc, NIP_A);
  expect(r.status).toBe(422);
  expect(r.body.code).toBe('NOT_A_LEARNING_CREDENTIAL');
  expect(r.body.message).toMatch(/\w/);
});

it('a record without a number is labelled by the first eight characters of its id', () => {
  expect(recordLabel({ id: '0123456789abcdef' })).toBe('01234567');
  expect(recordLabel({ id: '0123456789abcdef', number: 'REK-2026-000001' })).toBe('REK-2026-000001');
});

it('search, within one instant: by record number, newest first, and a record from before numbers last', async () => {
  // The test clock stands still, so every record here shares one recordedAt.
  const a = await record(await learning(11), NIP_A);
  const b = await record(await learning(12), NIP_A);
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  expect(a.body.recordedAt).toBe(b.body.recordedAt);
  // Make `a` a record from before numbers.
  const c = await record(await learning(13), NIP_A);
  expect(c.status).toBe(201);
  // Make `a` and `c` records from before numbers.
  for (const old of [a, c]) {
    const stored = (await verifier.store.list<Recognition>('recognitions')).find((e) => e.value.id === old.body.id)!;
    const { number: _n, ...legacy } = stored.value;
    await verifier.store.batch([put('recognitions', stored.key, legacy as Recognition)]);
  }

  const { records } = await verifier.services.ledger.search('mut-ledger', {});
  const numbers = records.map((r) => r.number ?? '');
  expect(numbers.slice(-2)).toEqual(['', '']);
  // Two records without numbers in one instant keep the ledger's own order.
  const listed = (await verifier.services.ledger.listForAgency('mut-ledger')).filter((r) => r.number === undefined).map((r) => r.id);
  expect(records.slice(-2).map((r) => r.id)).toEqual(listed);
  expect(listed.sort()).toEqual([a.body.id, c.body.id].sort());
  const numbered = numbers.slice(0, -2);
  expect(numbered.length).toBeGreaterThan(1);
  expect(numbered).toEqual([...numbered].sort().reverse());

  // Only records from before numbers, all in one instant: the ledger's own order is kept.
  for (const e of await verifier.store.list<Recognition>('recognitions')) {
    const { number: _n, ...legacy } = e.value;
    await verifier.store.batch([put('recognitions', e.key, legacy as Recognition)]);
  }
  const all = await verifier.services.ledger.search('mut-ledger', {});
  expect(all.records.length).toBeGreaterThan(2);
  expect(all.records.map((r) => r.id)).toEqual((await verifier.services.ledger.listForAgency('mut-ledger')).map((r) => r.id));
});
