/**
 * Integrated ASN data over HTTP and LevelDB, with learning issued by the fixture provider
 * and recorded through the ledger: the agency roster (admin only, all-or-nothing,
 * re-loadable), the duty report that counts people with zero JP, the SIASN-ready export
 * (JSON, CSV with BOM, since a date, cursor, "since the last export"), and LAN's national
 * view (its own token, aggregates only, small counts suppressed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_INPUT } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, credentialId, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { Clock, RunningVerifier, StandInIssuer } from './harness.js';

const LAN_TOKEN = 'lan-token-for-tests-0123456789-abcdef';
const PPPK = '199203102021211003'; // a PPPK NI (digits 13–14 are not a month)

/** Distinct valid PNS NIPs: born in early 1985, appointed 2010-03, male, sequence i. */
const nip = (i: number) => `1985${String(1 + Math.floor(i / 28)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}2010031${String(i).padStart(3, '0')}`;

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let clock: Clock;
const tokens: Record<string, string> = {};
let n = 0;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(username: string, password: string): Promise<string> {
  const r = await postJson(`${verifier.url}/auth/login`, { username, password });
  expect(r.status).toBe(200);
  return r.body.token;
}

async function agency(id: string): Promise<void> {
  expect((await postJson(`${verifier.url}/admin/agencies`, { agency: { id, name: `Instansi ${id}` }, admin: { username: `admin.${id}`, password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN })).status).toBe(201);
  tokens[`admin.${id}`] = await login(`admin.${id}`, 'correct horse battery staple');
  expect((await postJson(`${verifier.url}/users`, { username: `petugas.${id}`, password: 'another long password', displayName: 'Petugas' }, auth(tokens[`admin.${id}`]!))).status).toBe(201);
  tokens[`petugas.${id}`] = await login(`petugas.${id}`, 'another long password');
}

/** Issues a credential for `who` and records it through the ledger API. */
async function learnAndRecord(token: string, who: string, opts: { jp: number; name?: string; type?: string; path?: string; end?: string; kind?: 'PNS' | 'PPPK'; contractStart?: string }): Promise<{ id: string; index: number; credentialId: string }> {
  n++;
  const index = 3000 + n;
  const end = opts.end ?? '2026-05-08';
  const vc = await world.issue({
    index,
    input: {
      ...SAMPLE_INPUT,
      learner: { name: opts.name ?? `Pegawai ${who.slice(-3)}`, nip: who },
      jp: opts.jp,
      competency: opts.type === 'teknis' ? { type: 'teknis', code: 'T.LAN.01', level: 2, name: 'Analisis Kebijakan' } : SAMPLE_INPUT.competency,
      ...(opts.path ? { learningMode: 'nonklasikal', learningPath: opts.path } : {}),
      startDate: `${end.slice(0, 8)}01`,
      endDate: end,
    },
    mutate: (v) => { v.id = credentialId(9000 + n); },
  });
  const r = await postJson(`${verifier.url}/recognitions`, { verifiableCredential: vc, nip: who, ...(opts.kind ? { employment: { kind: opts.kind, ...(opts.contractStart ? { contractStart: opts.contractStart } : {}) } } : {}) }, auth(token));
  expect(r.status).toBe(201);
  return { id: r.body.id, index, credentialId: credentialId(9000 + n) };
}

async function signInAgain(): Promise<void> {
  for (const id of ['bkn', 'pemda']) {
    tokens[`admin.${id}`] = await login(`admin.${id}`, 'correct horse battery staple');
    tokens[`petugas.${id}`] = await login(`petugas.${id}`, 'another long password');
  }
}

const putRoster = (token: string, csv: string) => fetch(`${verifier.url}/roster`, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth(token) }, body: JSON.stringify({ csv }) });
const getJson = async (path: string, headers: Record<string, string>) => {
  const res = await fetch(`${verifier.url}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: await res.json() as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

const HEADER = 'nip,nama,jenis,tmt_kontrak,unit';
/** Roster of bkn: six PNS in two units and one PPPK whose contract year starts 1 July. */
const BKN_ROSTER = [
  HEADER,
  `${nip(1)},Andi Wijaya,PNS,,Biro SDM`,
  `${nip(2)},"Budi, S.Kom",PNS,,Biro SDM`,
  `${nip(3)},Citra Lestari,PNS,,Biro SDM`,
  `${nip(4)},Dewi Anggraini,PNS,,Pusat Data`,
  `${nip(5)},Eko Prasetyo,PNS,,Pusat Data`,
  `${nip(6)},Fajar Nugroho,PNS,,Pusat Data`,
  `${PPPK},Gita Permata,PPPK,2025-07-01,Pusat Data`,
].join('\r\n');

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  clock = testClock();
  verifier = await startVerifier({ world, issuer, clock, settings: { cacheRefreshSeconds: 0, lanToken: LAN_TOKEN } });
  await agency('bkn');
  await agency('pemda');
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

describe('the agency roster', () => {
  it('only an agency admin loads it; a roster with bad rows is refused whole, naming rows, never echoing a NIP', async () => {
    const asOfficer = await putRoster(tokens['petugas.bkn']!, BKN_ROSTER);
    expect(asOfficer.status).toBe(403);
    expect((await asOfficer.json() as { code: string }).code).toBe('FORBIDDEN');
    expect((await putRoster('not-a-session', BKN_ROSTER)).status).toBe(401);

    const bad = [HEADER, `${nip(1)},Andi,PNS,,Biro SDM`, '198501329999991001,Rusak,PNS,,Biro SDM', `${nip(1)},Dobel,PNS,,Biro SDM`,
      `${nip(7)},Salah Jenis,Honorer,,Biro SDM`, `${nip(8)},Tanpa Kontrak,PNS,2025-01-01,Biro SDM`, `${PPPK},Tgl,PPPK,2025-02-30,X`].join('\n');
    const res = await putRoster(tokens['admin.bkn']!, bad);
    expect(res.status).toBe(400);
    const body = await res.json() as { code: string; details: { errors: Array<{ row: number; field: string; code: string }>; total: number } };
    expect(body.code).toBe('ROSTER_INVALID');
    expect(body.details.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'nip', 'NIP_BIRTH_DATE'], [4, 'nip', 'NIP_DUPLICATE'], [5, 'jenis', 'KIND_INVALID'], [6, 'tmt_kontrak', 'CONTRACT_START_PNS'], [7, 'tmt_kontrak', 'CONTRACT_START_INVALID'],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/\d{18}/);
    expect((await getJson('/roster', auth(tokens['admin.bkn']!))).body.roster).toBeNull();

    const missing = await putRoster(tokens['admin.bkn']!, 'nip,nama,unit\n' + `${nip(1)},Andi,X`);
    expect(missing.status).toBe(400);
    expect((await missing.json() as { details: { errors: Array<{ code: string; field: string }> } }).details.errors[0]).toMatchObject({ code: 'COLUMN_MISSING', field: 'kind' });
  });

  it('loads a roster (BOM and quoted cells welcome) and keeps NIPs only hashed, masked and sealed', async () => {
    const res = await putRoster(tokens['admin.bkn']!, `\uFEFF${BKN_ROSTER}`);
    expect(res.status).toBe(200);
    expect((await res.json() as { roster: unknown }).roster).toMatchObject({ agencyId: 'bkn', version: 1, people: 7, byKind: { PNS: 6, PPPK: 1 }, units: 2 });
    const stored = JSON.stringify(await verifier.store.list('rosterEntries'));
    expect(stored).toContain('Budi, S.Kom');
    expect(stored).toContain('1985***********001');
    for (const i of [1, 2, 3, 4, 5, 6]) expect(stored).not.toContain(nip(i));
    expect(stored).not.toContain(PPPK);
  });
});

describe('the duty report counts people with zero JP', () => {
  it('by unit, against 20 JP (PNS, calendar year) and 24 JP (PPPK, contract year)', async () => {
    const officer = tokens['petugas.bkn']!;
    await learnAndRecord(officer, nip(1), { jp: 24 }); // met
    await learnAndRecord(officer, nip(4), { jp: 8, type: 'teknis', path: 'e-learning', end: '2026-03-20' });
    // Recorded without a contract start (the ledger counts it for calendar 2026), but the
    // roster says the contract year started 1 July 2025: the duty report follows the roster.
    await learnAndRecord(officer, PPPK, { jp: 24, name: 'Gita Permata' });
    // Someone not (yet) on the roster.
    await learnAndRecord(officer, nip(40), { jp: 6 });

    const r = await getJson('/reports/duty?year=2026', auth(officer));
    expect(r.status).toBe(200);
    expect(r.body.totals).toEqual({ people: 7, met: 1, notMet: 6, zeroJp: 5, jp: 32 });
    expect(r.body.units).toEqual([
      { unit: 'Biro SDM', people: 3, met: 1, notMet: 2, zeroJp: 2 },
      { unit: 'Pusat Data', people: 4, met: 0, notMet: 4, zeroJp: 3 },
    ]);
    expect(r.body.distribution).toEqual([{ bucket: '0', people: 5 }, { bucket: '1-49', people: 1 }, { bucket: '50-99', people: 0 }, { bucket: '100+', people: 1 }]);
    expect(r.body.unrostered).toEqual({ people: 1, jp: 6 });
    const gita = r.body.notMet.find((p: { name: string }) => p.name === 'Gita Permata');
    expect(gita).toMatchObject({ kind: 'PPPK', jp: 0, dutyJp: 24, shortfall: 24, period: { from: '2026-07-01', to: '2027-06-30' } });
    expect(r.body.notMet.find((p: { name: string }) => p.name === 'Dewi Anggraini')).toMatchObject({ jp: 8, shortfall: 12, unit: 'Pusat Data' });
    expect(r.body.byCompetencyType).toEqual(expect.arrayContaining([{ key: 'teknis', jp: 8, people: 1 }, { key: 'manajerial', jp: 54, people: 3 }]));
    expect(r.body.byPath).toEqual(expect.arrayContaining([{ key: 'e-learning', jp: 8, people: 1 }, { key: 'pelatihan', jp: 54, people: 3 }]));
    expect(r.body.byMonth).toEqual([{ key: '2026-03', jp: 8, people: 1 }, { key: '2026-05', jp: 54, people: 3 }]);
    expect(JSON.stringify(r.body)).not.toMatch(/\d{18}/);

    // The contract year 2025 of the PPPK is met.
    const y2025 = await getJson('/reports/duty?year=2025', auth(officer));
    expect(y2025.body.notMet.find((p: { name: string }) => p.name === 'Gita Permata')).toBeUndefined();
    expect(y2025.body.totals.met).toBe(1);
  });

  it('exports who has not met the duty as CSV with a BOM and the full NIP (agency only)', async () => {
    const res = await fetch(`${verifier.url}/reports/duty?year=2026&format=csv`, { headers: auth(tokens['petugas.bkn']!) });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n'); // the decoder drops the BOM
    expect(lines[0]).toBe('tahun,unit,nip,nama,jenis,periode_mulai,periode_selesai,jp,kewajiban_jp,kekurangan_jp');
    expect(lines).toHaveLength(1 + 6);
    expect(lines.some((l) => l.includes(nip(4)) && l.endsWith(',8,20,12'))).toBe(true);
    expect(lines.some((l) => l.includes(nip(1)))).toBe(false); // met
    expect(lines.some((l) => l.includes('"Budi, S.Kom"'))).toBe(true);
  });

  it('a new upload replaces the roster atomically', async () => {
    const smaller = [HEADER, `${nip(1)},Andi Wijaya,PNS,,Biro SDM`, `${nip(2)},Budi,PNS,,Biro SDM`, `${nip(3)},Citra,PNS,,Biro Umum`, `${nip(4)},Dewi,PNS,,Biro Umum`, `${nip(5)},Eko,PNS,,Biro Umum`].join('\n');
    const res = await putRoster(tokens['admin.bkn']!, smaller);
    expect((await res.json() as { roster: { version: number; people: number } }).roster).toMatchObject({ version: 2, people: 5 });
    expect(await verifier.store.list('rosterEntries')).toHaveLength(5);
    const r = await getJson('/reports/duty?year=2026&recheck=0', auth(tokens['petugas.bkn']!));
    expect(r.body.totals).toMatchObject({ people: 5, met: 1, notMet: 4 });
    expect(r.body.units.map((u: { unit: string }) => u.unit)).toEqual(['Biro SDM', 'Biro Umum']);
    // A refused upload leaves version 2 in place.
    expect((await putRoster(tokens['admin.bkn']!, `${HEADER}\n123,X,PNS,,Y`)).status).toBe(400);
    expect((await getJson('/roster', auth(tokens['petugas.bkn']!))).body.roster).toMatchObject({ version: 2, people: 5 });
  });
});

describe('the SIASN-ready export', () => {
  it('JSON: the agency’s records in the riwayat kursus shape, nothing that must stay inside', async () => {
    await learnAndRecord(tokens['petugas.pemda']!, nip(50), { jp: 10 }); // another agency
    const r = await getJson('/exports/siasn', auth(tokens['petugas.bkn']!));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ agencyId: 'bkn', count: 4, hasMore: false });
    const dewi = r.body.records.find((x: { nip: string }) => x.nip === nip(4));
    expect(dewi).toMatchObject({
      namaKursus: 'Pelatihan Kepemimpinan Pengawas', jenisPengembangan: 'nonklasikal', jalurPengembangan: 'e-learning', jenisDiklatId: null,
      jenisKompetensi: 'teknis', kodeKompetensi: 'T.LAN.01', jumlahJam: 8, tanggalKursus: '01-03-2026', tanggalSelesaiKursus: '20-03-2026', tahunKursus: 2026,
      statusPengakuan: 'aktif',
    });
    expect(dewi.nomorSertipikat).toMatch(/^urn:uuid:/);
    expect(dewi.tautanVerifikasi).toBe(`${verifier.url}/recognitions/${dewi.idPengakuan}`);
    expect(dewi.penyelenggaraDid).toBe(world.provider.did);
    // The name LAN's accreditation gives the provider, never the name the credential claims.
    expect(dewi.institusiPenyelenggara).toBe('Pusdiklat Contoh (terkurasi)');
    const dump = JSON.stringify(r.body);
    for (const leak of ['nipHash', 'nipSealed', 'credential"', 'officer', 'petugas.bkn', nip(50)]) expect(dump).not.toContain(leak);
  });

  it('CSV with a UTF-8 BOM; since a date; after a cursor; bad input refused clearly', async () => {
    const officer = tokens['petugas.bkn']!;
    const res = await fetch(`${verifier.url}/exports/siasn?format=csv`, { headers: auth(officer) });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^nip,namaKursus,jenisPengembangan,jalurPengembangan,jenisDiklatId,jenisKompetensi,/);
    expect(lines).toHaveLength(5);
    const cursor = res.headers.get('x-export-cursor')!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);

    // Nothing after the cursor yet; one record after a later recording.
    expect((await getJson(`/exports/siasn?cursor=${cursor}`, auth(officer))).body.count).toBe(0);
    clock.advance(3 * 86_400);
    await signInAgain(); // sessions last 8 hours
    const officerNow = tokens['petugas.bkn']!;
    await learnAndRecord(officerNow, nip(2), { jp: 4 });
    const after = await getJson(`/exports/siasn?cursor=${cursor}`, auth(officerNow));
    expect(after.body.records.map((x: { nip: string }) => x.nip)).toEqual([nip(2)]);
    const day = clock.now().toISOString().slice(0, 10);
    expect((await getJson(`/exports/siasn?since=${day}`, auth(officerNow))).body.count).toBe(1);

    for (const [q, code] of [['since=2026-13-01', 'REQUEST_INVALID'], [`since=${day}&cursor=${cursor}`, 'REQUEST_INVALID'], ['cursor=bm90LWEtY3Vyc29y', 'CURSOR_INVALID'], ['limit=0', 'REQUEST_INVALID'], ['format=xml', 'REQUEST_INVALID']]) {
      const bad = await getJson(`/exports/siasn?${q}`, auth(officerNow));
      expect(bad.status, q).toBe(400);
      expect(bad.body.code, q).toBe(code);
    }
    expect((await getJson('/exports/siasn', {})).status).toBe(401);
  });

  it('"since the last export" advances the agency’s cursor; a revoked record comes back once, marked dicabut', async () => {
    const officer = tokens['petugas.bkn']!;
    const first = await postJson(`${verifier.url}/exports/siasn`, {}, auth(officer));
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(5);
    const second = await postJson(`${verifier.url}/exports/siasn`, {}, auth(officer));
    expect(second.body.count).toBe(0);

    clock.advance(3600);
    const late = await learnAndRecord(officer, nip(3), { jp: 2 });
    await world.setStatus('revocation', world.provider, late.index, true);
    clock.advance(60);
    const third = await postJson(`${verifier.url}/exports/siasn`, { format: 'json' }, auth(officer));
    expect(third.body.records).toHaveLength(1);
    expect(third.body.records[0]).toMatchObject({ nip: nip(3), statusPengakuan: 'dicabut', nomorSertipikat: late.credentialId });

    // The other agency's cursor is its own.
    const pemda = await postJson(`${verifier.url}/exports/siasn`, {}, auth(tokens['petugas.pemda']!));
    expect(pemda.body.records.map((x: { nip: string }) => x.nip)).toEqual([nip(50)]);
    expect((await postJson(`${verifier.url}/exports/siasn`, { since: 'yesterday' }, auth(officer))).status).toBe(400);
  });
});

describe('the API description', () => {
  it('lists every new endpoint with its security', async () => {
    const spec = await getJson('/openapi.json', {});
    const paths = spec.body.paths;
    expect(paths['/roster'].put.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(paths['/reports/duty'].get.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(paths['/exports/siasn'].get.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(paths['/exports/siasn'].post.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(paths['/national'].get.security).toEqual([{ lan: [] }]);
    expect(spec.body.components.securitySchemes.lan).toMatchObject({ in: 'header', name: 'X-LAN-Token' });
  });
});

describe('LAN’s national view', () => {
  it('needs LAN’s token: no token, a wrong one, or an HR session are refused', async () => {
    expect((await getJson('/national', {})).status).toBe(401);
    expect((await getJson('/national', { 'x-lan-token': 'wrong-token-wrong-token-wrong-token' })).status).toBe(401);
    const hr = await getJson('/national', auth(tokens['admin.bkn']!));
    expect(hr.status).toBe(401);
    expect(hr.body.code).toBe('UNAUTHORIZED');
  });

  it('aggregates per agency and nationally, suppressing counts from fewer than 5 people', async () => {
    // pemda: ten on the roster, five of whom meet the duty with 20 JP of teknis learning.
    const rows = [HEADER, ...Array.from({ length: 10 }, (_, i) => `${nip(60 + i)},Pegawai Pemda ${i},PNS,,Dinas ${i % 2}`)];
    expect((await putRoster(tokens['admin.pemda']!, rows.join('\n'))).status).toBe(200);
    for (let i = 0; i < 5; i++) await learnAndRecord(tokens['petugas.pemda']!, nip(60 + i), { jp: 20, type: 'teknis', end: '2026-04-15' });

    const r = await getJson('/national?year=2026', { 'x-lan-token': LAN_TOKEN });
    expect(r.status).toBe(200);
    const bkn = r.body.agencies.find((a: { agencyId: string }) => a.agencyId === 'bkn');
    const pemda = r.body.agencies.find((a: { agencyId: string }) => a.agencyId === 'pemda');
    // bkn: 5 people, 1 met → share would single out one person: suppressed.
    expect(bkn).toMatchObject({ hasRoster: true, people: 5, met: null, share: null, suppressed: true });
    // Its progress buckets would give the hidden count away ("100+" is `met`): all hidden.
    expect(bkn.distribution.map((d: { people: number | null }) => d.people)).toEqual([null, null, null, null]);
    expect(pemda).toMatchObject({ hasRoster: true, people: 10, met: 5, share: 0.5 });
    expect(pemda.distribution).toEqual([{ bucket: '0', people: 5 }, { bucket: '1-49', people: 0 }, { bucket: '50-99', people: 0 }, { bucket: '100+', people: 5 }]);
    const teknis = r.body.byCompetencyType.find((c: { key: string }) => c.key === 'teknis');
    expect(teknis).toEqual({ key: 'teknis', jp: 108, people: 6, suppressed: false });
    // bkn 24 + 6 + 24 + 4 (nip 3's 2 JP is revoked) and pemda 10: five people.
    expect(r.body.byCompetencyType.find((c: { key: string }) => c.key === 'manajerial')).toEqual({ key: 'manajerial', jp: 68, people: 5, suppressed: false });
    expect(r.body.byPath.find((c: { key: string }) => c.key === 'e-learning')).toEqual({ key: 'e-learning', jp: null, people: null, suppressed: true });
    // Paths add up to the total: with one path hidden, the smallest other one is hidden too.
    expect(r.body.byPath.find((c: { key: string }) => c.key === 'pelatihan')).toEqual({ key: 'pelatihan', jp: null, people: null, suppressed: true });
    expect(r.body.byMonth.find((c: { key: string }) => c.key === '2026-04')).toEqual({ key: '2026-04', jp: 100, people: 5, suppressed: false });
    expect(r.body.byMonth.find((c: { key: string }) => c.key === '2026-03')).toMatchObject({ jp: null, suppressed: true });
    expect(r.body.byMonth.find((c: { key: string }) => c.key === '2026-05')).toMatchObject({ jp: null, suppressed: true }); // 68 JP < 100 JP
    // 6 of 15 nationally, but pemda's 5 of 10 is shown: the total would give bkn's 1 of 5 away.
    expect(r.body.totals).toMatchObject({ agencies: 2, agenciesWithRoster: 2, people: 15, met: null, share: null });

    const dump = JSON.stringify(r.body);
    expect(dump).not.toMatch(/\d{18}|\*\*\*|Pegawai|Andi|Dinas|Biro/);
  });
});
