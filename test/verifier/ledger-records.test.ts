/**
 * What HR staff do with the ledger beyond recording (issue 11): human record numbers,
 * "is this award already recorded?" before recording, voiding a recognition whose
 * credential was revoked (audited, authenticated, never re-activated), searching the
 * ledger and one ASN's history, a name that differs for the same NIP, and CSV exports
 * that spreadsheets open as UTF-8. Real HTTP and LevelDB (and PostgreSQL in the
 * `postgres` project).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_INPUT } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, credentialId, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

const NIP_A = '198609262015052001';
const NIP_C = '198812032014022003';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let officer: string;
let otherOfficer: string;
const clock = testClock();

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const getJson = async (path: string, token?: string) => {
  const res = await fetch(`${verifier.url}${path}`, { headers: token ? auth(token) : {} });
  return { status: res.status, body: await res.json() as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

async function agency(id: string): Promise<string> {
  const created = await postJson(`${verifier.url}/admin/agencies`, { agency: { id, name: `Instansi ${id}` }, admin: { username: `admin.${id}`, password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  expect(created.status).toBe(201);
  const r = await postJson(`${verifier.url}/auth/login`, { username: `admin.${id}`, password: 'correct horse battery staple' });
  return r.body.token;
}

function learning(n: number, opts: { nip?: string; name?: string; course?: string } = {}) {
  return world.issue({
    index: 2000 + n,
    input: {
      ...SAMPLE_INPUT,
      learner: { name: opts.name ?? SAMPLE_INPUT.learner.name, nip: opts.nip ?? NIP_A },
      ...(opts.course ? { course: { ...SAMPLE_INPUT.course, name: { id: opts.course, en: opts.course } } } : {}),
      startDate: '2026-05-04',
      endDate: '2026-05-08',
    },
    mutate: (v) => { v.id = credentialId(700 + n); },
  });
}

const record = (token: string, vc: unknown, nip: string) => postJson(`${verifier.url}/recognitions`, { verifiableCredential: vc, nip }, auth(token));
const lookup = (token: string, n: number) => getJson(`/recognitions/lookup?issuer=${encodeURIComponent(world.provider.did)}&credentialId=${encodeURIComponent(credentialId(700 + n))}`, token);

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock, settings: { cacheRefreshSeconds: 0 } });
  officer = await agency('rek-a');
  otherOfficer = await agency('rek-b');
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

describe('the ledger for HR staff', () => {
  it('numbers records per agency and year (REK-2026-000001, …) and says before recording whether an award is in the ledger', async () => {
    expect((await lookup(officer, 1)).body).toEqual({ recorded: false });
    const first = await record(officer, await learning(1), NIP_A);
    const second = await record(officer, await learning(2, { nip: NIP_C, name: 'Dewi Lestari', course: 'Analisis Kebijakan Publik' }), NIP_C);
    const elsewhere = await record(otherOfficer, await learning(3), NIP_A);
    expect([first.status, second.status, elsewhere.status]).toEqual([201, 201, 201]);
    expect(first.body.number).toBe('REK-2026-000001');
    expect(second.body.number).toBe('REK-2026-000002');
    expect(elsewhere.body.number).toBe('REK-2026-000001'); // the other agency counts its own

    const mine = await lookup(officer, 1);
    expect(mine.body).toMatchObject({ recorded: true, inYourAgency: true, recognition: { id: first.body.id, number: 'REK-2026-000001', officer: 'admin.rek-a' } });
    expect(JSON.stringify(mine.body)).not.toContain('nipSealed');
    // Another agency's award: only that it is recorded and when — not who, not where.
    const theirs = await lookup(officer, 3);
    expect(theirs.body).toEqual({ recorded: true, inYourAgency: false, recordedAt: elsewhere.body.recordedAt });
    expect((await lookup('', 1)).status).toBe(401);
    expect((await getJson('/recognitions/lookup?issuer=x', officer)).status).toBe(400);
  });

  it("counts record numbers by the year in Indonesia (WIB): New Year's Eve after 17:00 UTC is already next year", async () => {
    const saved = clock.now();
    try {
      clock.set(new Date('2026-12-31T16:59:59Z')); // 23:59:59 WIB
      const officerC = await agency('rek-c'); // signed in at that time
      const lastOfYear = await record(officerC, await learning(40), NIP_A);
      clock.set(new Date('2026-12-31T17:00:00Z')); // 00:00 WIB, 1 January 2027
      const firstOfYear = await record(officerC, await learning(41), NIP_A);
      expect([lastOfYear.status, firstOfYear.status]).toEqual([201, 201]);
      expect([lastOfYear.body.number, firstOfYear.body.number]).toEqual(['REK-2026-000001', 'REK-2027-000001']);
    } finally {
      clock.set(saved);
    }
  });

  it('voids a recognition whose credential was revoked after recording: named in the report, not counted, audited', async () => {
    const rec = await record(officer, await learning(4, { course: 'Kepemimpinan Digital' }), NIP_A);
    expect(rec.status).toBe(201);
    await world.setStatus('revocation', world.provider, 2004, true);
    const report = (await getJson('/reports/jp?year=2026', officer)).body;
    const siti = report.rows.find((r: { nipMasked: string }) => r.nipMasked.startsWith('1986'));
    expect(siti.flagged).toEqual([expect.objectContaining({ recognitionId: rec.body.id, number: rec.body.number, courseName: 'Kepemimpinan Digital', state: 'revoked', jp: 24 })]);

    // Voiding needs a session and a reason.
    expect((await postJson(`${verifier.url}/recognitions/${rec.body.id}/void`, { reason: 'Sertifikat dicabut penyedia' })).status).toBe(401);
    const noReason = await postJson(`${verifier.url}/recognitions/${rec.body.id}/void`, { reason: ' ' }, auth(officer));
    expect([noReason.status, noReason.body.code]).toEqual([400, 'REQUEST_INVALID']);
    // Another agency cannot void it (nor learn it exists).
    expect((await postJson(`${verifier.url}/recognitions/${rec.body.id}/void`, { reason: 'Sertifikat dicabut penyedia' }, auth(otherOfficer))).status).toBe(404);

    const voided = await postJson(`${verifier.url}/recognitions/${rec.body.id}/void`, { reason: 'Sertifikat dicabut penyedia' }, auth(officer));
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: { state: 'voided' }, voided: { by: 'admin.rek-a', reason: 'Sertifikat dicabut penyedia' } });
    const again = await postJson(`${verifier.url}/recognitions/${rec.body.id}/void`, { reason: 'lagi lagi' }, auth(officer));
    expect([again.status, again.body.code]).toEqual([409, 'RECOGNITION_NOT_VOIDABLE']);

    // Reinstated at the provider: a voided record stays voided (never counted again), and is no longer flagged.
    await world.setStatus('revocation', world.provider, 2004, false);
    const after = (await getJson('/reports/jp?year=2026', officer)).body;
    const siti2 = after.rows.find((r: { nipMasked: string }) => r.nipMasked.startsWith('1986'));
    expect(siti2.flagged).toEqual([]);
    expect(siti2.jp).toBe(24); // only REK-2026-000001 counts
    expect((await getJson(`/recognitions/${rec.body.id}`, officer)).body.status.state).toBe('voided');
    // Still recorded once: the same award cannot be recorded again.
    expect((await record(officer, await learning(4, { course: 'Kepemimpinan Digital' }), NIP_A)).status).toBe(409);

    const audit = (await getJson('/audit', officer)).body as { entries: Array<{ action: string; target: string; details?: Record<string, unknown> }> };
    expect(audit.entries.find((e) => e.action === 'recognition.voided')).toMatchObject({ target: rec.body.id, details: { from: 'revoked', reason: 'Sertifikat dicabut penyedia' } });
  });

  it('searches the ledger (name, course, record number, full NIP) and lists one ASN’s history, masked', async () => {
    const byName = (await getJson(`/ledger?q=${encodeURIComponent('dewi')}`, officer)).body;
    expect(byName.records.map((r: { learnerName: string }) => r.learnerName)).toEqual(['Dewi Lestari']);
    expect((await getJson(`/ledger?q=${encodeURIComponent('kebijakan publik')}`, officer)).body.total).toBe(1);
    expect((await getJson('/ledger?q=REK-2026-000001', officer)).body.records[0].learnerName).toBe('Siti Rahmawati');
    // A NIP is searched for in the body (POST): never in a URL, which proxies log.
    const nipInUrl = await getJson(`/ledger?q=${encodeURIComponent('19860926 201505 2 001')}`, officer);
    expect([nipInUrl.status, nipInUrl.body.code]).toEqual([400, 'NIP_IN_URL']);
    expect(JSON.stringify(nipInUrl.body)).not.toContain('201505');
    const searched = await postJson(`${verifier.url}/ledger/search`, { q: '19860926 201505 2 001' }, auth(officer));
    expect(searched.status).toBe(200);
    const byNip = searched.body;
    expect(byNip.total).toBe(2); // REK-…01 and the voided REK-…03, never the other agency's
    expect(JSON.stringify(byNip)).not.toContain(NIP_A);
    expect(byNip.records[0].nipMasked).toMatch(/\*/);
    const history = (await getJson(`/ledger?asn=${byNip.records[0].asnRef}`, officer)).body;
    expect(history.records.map((r: { number: string }) => r.number)).toEqual(['REK-2026-000003', 'REK-2026-000001']);
    expect((await getJson('/ledger?asn=nothex', officer)).status).toBe(400);
    expect((await getJson('/ledger?q=siti')).status).toBe(401);
    expect((await postJson(`${verifier.url}/ledger/search`, { q: 'siti' })).status).toBe(401);
    expect((await postJson(`${verifier.url}/ledger/search`, { q: 'siti', nip: NIP_A }, auth(officer))).status).toBe(400);
    expect((await postJson(`${verifier.url}/ledger/search`, { q: 'dewi' }, auth(officer))).body.records.map((r: { learnerName: string }) => r.learnerName)).toEqual(['Dewi Lestari']);
  });

  it('flags a name that differs for the same NIP', async () => {
    expect((await record(officer, await learning(5, { name: 'Siti Rahmawaty' }), NIP_A)).status).toBe(201);
    const report = (await getJson('/reports/jp?year=2026', officer)).body;
    const siti = report.rows.find((r: { nipMasked: string }) => r.nipMasked.startsWith('1986'));
    expect(siti.nameMismatch).toEqual(['Siti Rahmawati', 'Siti Rahmawaty']);
    expect(report.rows.find((r: { learnerName: string }) => r.learnerName === 'Dewi Lestari').nameMismatch).toBeUndefined();
  });

  it('CSV exports start with a UTF-8 BOM and carry the record numbers', async () => {
    for (const path of ['/reports/jp?year=2026&format=csv', '/recognitions?year=2026&format=csv']) {
      const res = await fetch(`${verifier.url}${path}`, { headers: auth(officer) });
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
    const text = await (await fetch(`${verifier.url}/recognitions?year=2026&format=csv`, { headers: auth(officer) })).text();
    const [header, ...rows] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toContain('record_number');
    expect(rows.some((r) => r.includes('REK-2026-000003') && r.includes('voided') && r.includes('Sertifikat dicabut penyedia'))).toBe(true);
  });
});
