/**
 * The recognition ledger over HTTP and LevelDB: accounts and sign-in, recording once per
 * credential (also under concurrent requests), refusing revoked credentials and wrong
 * NIPs, flagging status changes, and report totals per ASN and year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_INPUT } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, credentialId, curatedWorld, openTestStore, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import { testStoreIsPostgres } from '../helpers/pg-run.js';
import { raceGate } from '../helpers/race-gate.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

const NIP_A = '198609262015052001'; // SAMPLE_INPUT's learner (PNS)
const NIP_B = '199203102021211003'; // a PPPK NI (digits 13–14 are not a month)

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let officer: string;
let otherAgencyOfficer: string;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(username: string, password: string): Promise<string> {
  const r = await postJson(`${verifier.url}/auth/login`, { username, password });
  expect(r.status).toBe(200);
  expect(r.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
  return r.body.token;
}

async function agency(id: string): Promise<string> {
  const created = await postJson(`${verifier.url}/admin/agencies`, { agency: { id, name: `Instansi ${id}` }, admin: { username: `admin.${id}`, password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
  const adminToken = await login(`admin.${id}`, 'correct horse battery staple');
  const user = await postJson(`${verifier.url}/users`, { username: `petugas.${id}`, password: 'another long password', displayName: 'Petugas SDM' }, auth(adminToken));
  expect(user.status).toBe(201);
  return login(`petugas.${id}`, 'another long password');
}

function learning(n: number, opts: { nip?: string; name?: string; jp?: number; competency?: Record<string, unknown>; start?: string; end?: string } = {}) {
  return world.issue({
    index: 1000 + n,
    input: {
      ...SAMPLE_INPUT,
      learner: { name: opts.name ?? SAMPLE_INPUT.learner.name, nip: opts.nip ?? NIP_A },
      jp: opts.jp ?? 24,
      ...(opts.competency ? { competency: opts.competency } : {}),
      startDate: opts.start ?? '2026-05-04',
      endDate: opts.end ?? '2026-05-08',
    },
    mutate: (v) => { v.id = credentialId(n); },
  });
}

const record = (token: string, vc: unknown, nip: string, extra: Record<string, unknown> = {}) =>
  postJson(`${verifier.url}/recognitions`, { verifiableCredential: vc, nip, ...extra }, auth(token));

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock: testClock(), settings: { cacheRefreshSeconds: 0 } });
  officer = await agency('bkn-contoh');
  otherAgencyOfficer = await agency('pemda-contoh');
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

describe('accounts', () => {
  it('refuses bootstrap without the token, wrong passwords, and unauthenticated ledger calls', async () => {
    expect((await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'x1', name: 'X' }, admin: { username: 'x.admin', password: 'correct horse battery staple', displayName: 'X' } }, { 'x-bootstrap-token': 'wrong-token-wrong-token-wrong' })).status).toBe(401);
    expect((await postJson(`${verifier.url}/auth/login`, { username: 'petugas.bkn-contoh', password: 'wrong password!!' })).status).toBe(401);
    expect((await postJson(`${verifier.url}/auth/login`, { username: 'nobody', password: 'wrong password!!' })).status).toBe(401);
    expect((await postJson(`${verifier.url}/recognitions`, { verifiableCredential: {}, nip: NIP_A })).status).toBe(401);
    // An officer cannot create accounts.
    expect((await postJson(`${verifier.url}/users`, { username: 'sneaky', password: 'another long password', displayName: 'S' }, auth(officer))).status).toBe(403);
  });
});

describe('recording recognised learning', () => {
  it('records a verified credential once; a repeat is refused with a pointer to the first record', async () => {
    const vc = await learning(1);
    const first = await record(officer, vc, NIP_A);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ credentialId: credentialId(1), jp: 24, agencyId: 'bkn-contoh', officer: 'petugas.bkn-contoh', nipMasked: '1986***********001' });
    expect(first.body.nipSealed).toBeUndefined();
    expect(JSON.stringify(first.body)).not.toContain(NIP_A);

    const again = await record(officer, vc, NIP_A);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_RECOGNISED', details: { inYourAgency: true, recognitionId: first.body.id, recordedAt: first.body.recordedAt, href: `/recognitions/${first.body.id}`, officer: 'petugas.bkn-contoh', number: first.body.number } });

    // Another agency cannot count it either, and learns only that it is recorded and when
    // (as the lookup tells it): not the record, the officer nor the agency.
    const elsewhere = await record(otherAgencyOfficer, vc, NIP_A);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.details).toEqual({ credentialId: credentialId(1), recordedAt: first.body.recordedAt, inYourAgency: false });
  });

  it('three concurrent requests for one credential: exactly one is recorded', async () => {
    const vc = await learning(2, { jp: 8, competency: { type: 'teknis', code: 'T.LAN.01', level: 2, name: 'Analisis Kebijakan' } });
    // All from one agency: which request wins is a race, and the report test below counts
    // this record for that agency (cross-agency refusal is tested above).
    const results = await Promise.all([record(officer, vc, NIP_A), record(officer, vc, NIP_A), record(officer, vc, NIP_A)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const winner = results.find((r) => r.status === 201)!;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.details.recognitionId).toBe(winner.body.id);
  });

  it('on PostgreSQL, the same award sent through two instances at once is recorded once (the lock holds across instances)', async (ctx) => {
    if (!testStoreIsPostgres()) return ctx.skip();
    const vc = await learning(90);
    // Its own agency, so the report totals below do not see this record.
    const raceOfficer = await agency('balai-race');
    // Two more instances on the same data, each with its own pools and in-process locks; the
    // first write of the record is held back until both have read it (test/helpers/race-gate.ts).
    const gate = raceGate((c) => c === 'recognitions', 2);
    const twins = [
      await startVerifier({ world, issuer, clock: testClock(), settings: { cacheRefreshSeconds: 0 }, store: gate.wrap(await openTestStore(verifier.dataDir)) }),
      await startVerifier({ world, issuer, clock: testClock(), settings: { cacheRefreshSeconds: 0 }, store: gate.wrap(await openTestStore(verifier.dataDir)) }),
    ];
    try {
      const results = await Promise.all(twins.map((t) => postJson(`${t.url}/recognitions`, { verifiableCredential: vc, nip: NIP_A }, auth(raceOfficer))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    } finally {
      for (const t of twins) await t.close();
    }
  });

  it('refuses a NIP that does not match the credential', async () => {
    const r = await record(officer, await learning(3), NIP_B);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('NIP_MISMATCH');
    expect(JSON.stringify(r.body)).not.toContain(NIP_B);
  });

  it('refuses an invalid NIP with the field named', async () => {
    const r = await record(officer, await learning(4), '198609262015050000');
    expect(r.status).toBe(400);
    expect(r.body.details.field).toBe('nip');
  });

  it('a revoked credential can no longer be recorded', async () => {
    const vc = await learning(5);
    await world.setStatus('revocation', world.provider, 1005, true);
    const r = await record(officer, vc, NIP_A);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('CREDENTIAL_NOT_VERIFIED');
    expect(r.body.details.error.code).toBe('CREDENTIAL_REVOKED');
  });

  it('an authentic credential from a provider LAN has not curated is shown, never recorded', async () => {
    const vc = await world.issue({ issuer: world.uncurated, index: 1099, mutate: (v) => { v.id = credentialId(99); } });
    const shown = await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
    expect(shown.status).toBe(200);
    expect(shown.body.recognition.recognised).toBe(false);
    const r = await record(officer, vc, NIP_A);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('CREDENTIAL_NOT_RECOGNISED');
    expect(r.body.details.error.code).toBe('ISSUER_NOT_CURATED');
  });

  it('creditsEarned wrapped in an array is recorded as signed (10 JP), never as creditsAvailable', async () => {
    const vc = await world.issue({ index: 1098, mutate: (v) => { v.id = credentialId(98); (v.credentialSubject as Record<string, unknown>).creditsEarned = 10; } });
    (vc.credentialSubject as Record<string, unknown>).creditsEarned = [10];
    // Another agency's ledger, so the report totals asserted below stay as they are.
    const r = await record(otherAgencyOfficer, vc, NIP_A);
    expect(r.status).toBe(201);
    expect(r.body.jp).toBe(10);
  });

  it('a revoked credential whose status key is written as its IRI cannot be recorded', async () => {
    const vc = await world.issue({ index: 1097, mutate: (v) => { v.id = credentialId(97); } });
    await world.setStatus('revocation', world.provider, 1097, true);
    const { credentialStatus, ...rest } = vc;
    const r = await record(officer, { ...rest, 'https://www.w3.org/2018/credentials#credentialStatus': credentialStatus }, NIP_A);
    expect(r.status).toBe(422);
    expect(r.body.details.error.code).toBe('NON_CANONICAL_FORM');
  });

  it('a credential whose status list cannot be fetched is refused (unknown is not ok)', async () => {
    const vc = await world.issue({
      index: 1007,
      input: { ...SAMPLE_INPUT, learner: { name: SAMPLE_INPUT.learner.name, nip: NIP_A } },
      mutate: (v) => {
        v.id = credentialId(7);
        // The revocation entry names a list the issuer does not serve (404).
        const [revocation] = v.credentialStatus as Array<Record<string, unknown>>;
        revocation!.statusListCredential = String(revocation!.statusListCredential).replace(/\/1$/, '/404');
        revocation!.id = `${String(revocation!.statusListCredential)}#1007`;
      },
    });
    const r = await record(officer, vc, NIP_A);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('CREDENTIAL_NOT_VERIFIED');
    expect(r.body.details.error.code).toBe('STATUS_UNREACHABLE');
    expect(r.body.details.verification.checks.filter((c: { status: string }) => c.status !== 'ok').map((c: { status: string }) => c.status)).toEqual(['unknown']);
  });

  it('two providers may issue the same credential id: each award is recorded once', async () => {
    // A second curated provider (the VC API lets issuers choose their ids).
    await world.accredit({ provider: world.uncurated, types: ['manajerial'], from: new Date('2025-01-01T00:00:00Z'), until: new Date('2027-12-31T00:00:00Z') });
    const sameId = credentialId(8);
    const fromA = await world.issue({ index: 1008, mutate: (v) => { v.id = sameId; } });
    const fromB = await world.issue({ issuer: world.uncurated, index: 1008, mutate: (v) => { v.id = sameId; } });
    // A third agency, so the report totals below (for the first agency) stay as they are.
    const third = await agency('kabupaten-contoh');
    const a = await record(third, fromA, NIP_A);
    expect(a.status).toBe(201);
    const b = await record(third, fromB, NIP_A);
    expect(b.status).toBe(201);
    expect([a.body.providerDid, b.body.providerDid]).toEqual([world.provider.did, world.uncurated.did]);
    // Each is still counted once.
    expect((await record(otherAgencyOfficer, fromB, NIP_A)).status).toBe(409);
  });

  it('a forged credential cannot be recorded', async () => {
    const vc = await learning(6);
    ((vc.credentialSubject as Record<string, unknown>).achievement as Record<string, unknown>).creditsAvailable = 200;
    (vc.credentialSubject as Record<string, unknown>).creditsEarned = 200;
    const r = await record(officer, vc, NIP_A);
    expect(r.status).toBe(422);
    expect(r.body.details.error.code).toBe('SIGNATURE_INVALID');
  });
});

describe('reports', () => {
  it('totals JP per ASN per year against the rules, by competency type, and flags status changes', async () => {
    // ASN A (PNS) 2026 so far: 24 (manajerial, #1) + 8 (teknis, #2). Add 2025 learning too.
    expect((await record(officer, await learning(10, { jp: 12, start: '2025-10-01', end: '2025-10-03' }), NIP_A)).status).toBe(201);
    // ASN B (PPPK): 20 + 10 = 30 JP in 2026 → 24 recognised (contract-year maximum).
    expect((await record(officer, await learning(11, { nip: NIP_B, name: 'Budi Santoso', jp: 20 }), NIP_B)).status).toBe(201);
    const later = await learning(12, { nip: NIP_B, name: 'Budi Santoso', jp: 10, competency: { type: 'sosial-kultural', code: 'SK.01', level: 1 } });
    const rec12 = await record(officer, later, NIP_B);
    expect(rec12.status).toBe(201);
    // ASN C (PNS) recorded by the other agency: not in this agency's report.
    expect((await record(otherAgencyOfficer, await learning(13, { nip: '199001152018011002', name: 'Citra', jp: 6 }), '199001152018011002')).status).toBe(201);

    const res = await fetch(`${verifier.url}/reports/jp?year=2026`, { headers: auth(officer) });
    expect(res.status).toBe(200);
    const report = await res.json() as { rows: Array<Record<string, any>>; totals: Record<string, number> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(report.rows).toHaveLength(2);
    const budi = report.rows.find((r) => r.learnerName === 'Budi Santoso')!;
    const siti = report.rows.find((r) => r.learnerName === 'Siti Rahmawati')!;
    expect(siti).toMatchObject({ kind: 'PNS', jp: 32, recognisedJp: 32, met: true, rule: { kind: 'minimum', jp: 20 }, records: 2, period: { from: '2026-01-01', to: '2026-12-31' } });
    expect(siti.byCompetencyType).toEqual({ teknis: 8, manajerial: 24, 'sosial-kultural': 0, pemerintahan: 0 });
    expect(budi).toMatchObject({ kind: 'PPPK', jp: 30, recognisedJp: 24, rule: { kind: 'maximum', jp: 24 }, nipMasked: '1992***********003' });
    expect(report.totals).toMatchObject({ asn: 2, jp: 56, met: 2, flagged: 0 });

    const y2025 = await (await fetch(`${verifier.url}/reports/jp?year=2025`, { headers: auth(officer) })).json() as { rows: Array<Record<string, unknown>> };
    expect(y2025.rows).toHaveLength(1);
    expect(y2025.rows[0]).toMatchObject({ jp: 12, met: false });

    // The provider revokes #12 after it was recorded: flagged, and no longer counted.
    await world.setStatus('revocation', world.provider, 1012, true);
    const after = await (await fetch(`${verifier.url}/reports/jp?year=2026`, { headers: auth(officer) })).json() as { rows: Array<Record<string, any>>; totals: Record<string, number> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const budi2 = after.rows.find((r) => r.learnerName === 'Budi Santoso')!;
    expect(budi2).toMatchObject({ jp: 20, recognisedJp: 20, flagged: [{ recognitionId: rec12.body.id, credentialId: credentialId(12), state: 'revoked' }] });
    expect(after.totals.flagged).toBe(1);
  });

  it('exports CSV and JSON for the agency’s HR system (full NIP for the agency only)', async () => {
    const csv = await fetch(`${verifier.url}/reports/jp?year=2026&format=csv`, { headers: auth(officer) });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('nip_masked');
    expect(text).toContain('Budi Santoso');
    expect(text).not.toContain(NIP_B);

    const records = await fetch(`${verifier.url}/recognitions?format=csv&year=2026`, { headers: auth(officer) });
    const lines = (await records.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^recognition_id,credential_id,nip,/);
    expect(lines).toHaveLength(1 + 4);
    expect(lines.some((l) => l.includes(NIP_B))).toBe(true);
    expect(lines.some((l) => l.includes('199001152018011002'))).toBe(false); // the other agency's ASN

    const json = await (await fetch(`${verifier.url}/recognitions?year=2026`, { headers: auth(officer) })).json() as { recognitions: Array<{ nip: string; credentialId: string }> };
    expect(json.recognitions).toHaveLength(4);
    expect(json.recognitions.find((r) => r.credentialId === credentialId(1))?.nip).toBe(NIP_A);
  });

  it('keeps an audit log without NIPs', async () => {
    const adminToken = await login('admin.bkn-contoh', 'correct horse battery staple');
    const res = await fetch(`${verifier.url}/audit`, { headers: auth(adminToken) });
    const body = await res.json() as { entries: Array<{ action: string }> };
    const actions = body.entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['recognition.recorded', 'recognition.refusedDuplicate', 'recognition.statusChanged', 'user.created', 'user.login']));
    const dump = JSON.stringify(body);
    for (const nip of [NIP_A, NIP_B]) expect(dump).not.toContain(nip);
    expect(dump).not.toContain('password');
  });
});
