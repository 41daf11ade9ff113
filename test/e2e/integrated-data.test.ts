/**
 * Integrated ASN data across the real services: a curated provider issues on the real
 * issuer, an agency records on the real verifier (which verifies against the issuer over
 * HTTP), loads its roster, exports for SIASN with the provider's name from LAN's registry,
 * and LAN reads both sides' aggregates: the verifier's national view and the issuer's
 * issuance figures agree on what was issued and recognised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ADMIN_TOKEN, learningInput, setupProvider, startIssuer } from '../issuer/helpers.js';
import type { Loose, TestIssuer } from '../issuer/helpers.js';
import { BOOTSTRAP_TOKEN, postJson, startVerifier, testClock } from '../verifier/harness.js';
import type { RunningVerifier, StandInIssuer } from '../verifier/harness.js';
import type { World } from '../fixtures/world.js';

const LAN_TOKEN = 'lan-token-for-e2e-tests-0123456789';
const nip = (i: number) => `1990020${i}2015031${String(i).padStart(3, '0')}`;

let issuer: TestIssuer;
let verifier: RunningVerifier;
let apiKey: string;
let officer: string;

beforeAll(async () => {
  issuer = await startIssuer();
  ({ apiKey } = await setupProvider(issuer.url, 'pusdiklat-e2e'));
  const lanDoc = (await call(issuer.url, 'GET', '/.well-known/did.json')).body as Loose;
  const lan = { did: lanDoc.id as string, publicKeyMultibase: lanDoc.verificationMethod[0].publicKeyMultibase as string };
  // The verifier harness only needs LAN's key from a "world", and a stand-in port for the
  // fixture origin; this verifier talks to the real issuer instead (real clock).
  verifier = await startVerifier({
    world: { lan } as unknown as World,
    issuer: { port: 0 } as StandInIssuer,
    clock: testClock(issuer.services.ctx.now()),
    settings: { issuerOrigins: [issuer.url], registryUrl: `${issuer.url}/registry`, lanToken: LAN_TOKEN, cacheRefreshSeconds: 1 },
  });
  expect((await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'bkn', name: 'Badan Kepegawaian Contoh' }, admin: { username: 'admin.bkn', password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN })).status).toBe(201);
  officer = (await postJson(`${verifier.url}/auth/login`, { username: 'admin.bkn', password: 'correct horse battery staple' })).body.token;
}, 60_000);

afterAll(async () => {
  await verifier?.close();
  await issuer?.close();
});

const auth = () => ({ authorization: `Bearer ${officer}` });

describe('issuer → verifier → SIASN export and LAN aggregates', () => {
  it('records what the provider issued, exports it for SIASN, and both sides’ aggregates agree', async () => {
    const csv = ['nip,nama,jenis,unit', ...[1, 2, 3, 4, 5, 6].map((i) => `${nip(i)},Pegawai ${i},PNS,Biro SDM`)].join('\n');
    const loaded = await fetch(`${verifier.url}/roster`, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth() }, body: JSON.stringify({ csv }) });
    expect(loaded.status).toBe(200);

    // The provider issues for five people; the agency records each one.
    for (const i of [1, 2, 3, 4, 5]) {
      const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput({ learner: { name: `Pegawai ${i}`, nip: nip(i) }, jp: 20 + i }) });
      expect(issued.status).toBe(201);
      const rec = await postJson(`${verifier.url}/recognitions`, { verifiableCredential: issued.body.verifiableCredential, nip: nip(i) }, auth());
      expect(rec.status).toBe(201);
    }

    const siasn = await fetch(`${verifier.url}/exports/siasn`, { headers: auth() });
    const out = await siasn.json() as Loose;
    expect(out.count).toBe(5);
    expect(out.records.map((r: Loose) => r.nip).sort()).toEqual([1, 2, 3, 4, 5].map(nip));
    for (const r of out.records) {
      expect(r).toMatchObject({ institusiPenyelenggara: 'Penyedia pusdiklat-e2e', namaKursus: 'Pelatihan Kepemimpinan Pengawas', jenisPengembangan: 'klasikal', tanggalSelesaiKursus: '10-03-2025', tahunKursus: 2025, statusPengakuan: 'aktif' });
    }

    const duty = await fetch(`${verifier.url}/reports/duty?year=2025`, { headers: auth() });
    expect((await duty.json() as Loose).totals).toEqual({ people: 6, met: 5, notMet: 1, zeroJp: 1, jp: 115 });

    const national = await fetch(`${verifier.url}/national?year=2025`, { headers: { 'x-lan-token': LAN_TOKEN } });
    const view = await national.json() as Loose;
    // 5 of 6 met, but the one who did not would be singled out: the share is hidden.
    expect(view.agencies[0]).toMatchObject({ agencyId: 'bkn', people: 6, share: null, suppressed: true });
    // "5 people reached 100 %" next to 6 on the roster would tell the sixth did not.
    expect(view.agencies[0].distribution.every((d: Loose) => d.people === null)).toBe(true);
    expect(view.byProvider).toEqual([{ key: 'Penyedia pusdiklat-e2e', jp: 115, people: 5, suppressed: false }]);

    const year = issuer.services.ctx.now().getUTCFullYear();
    const stats = await call(issuer.url, 'GET', `/admin/stats/issuance?year=${year}`, { token: ADMIN_TOKEN });
    expect(stats.body.byProvider).toEqual([expect.objectContaining({ providerId: 'pusdiklat-e2e', name: 'Penyedia pusdiklat-e2e', issued: 5, revoked: 0 })]);
  });
});
