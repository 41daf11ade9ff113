/**
 * Demo data: three curated providers, an API key each, and a few learning credentials
 * with claim links. For the demo start script only; it prints secrets, so never call it
 * against a production store.
 */
import type { IssuerServices } from '../services/index.js';
import type { Actor } from '../services/audit.js';

export interface DemoSeedResult {
  providers: Array<{ id: string; did: string; name: string; apiKey: string }>;
  /** `learnerNip`: the fictional demo learner's NIP, printed so the tour can match it on the HR page. */
  credentials: Array<{ providerId: string; learner: string; learnerNip: string; credentialId: string; claimUrl?: string; certificateUrl: string }>;
}

const ADMIN: Actor = { kind: 'admin', id: 'demo-seed' };

const PROVIDERS = [
  { id: 'corpu-asn', name: 'Pusat Pembelajaran ASN Corporate University', legalIdentifier: 'LAN-CORPU-001', types: ['manajerial', 'sosial-kultural', 'teknis'] as const, grade: 'A' },
  { id: 'univ-terbuka', name: 'Universitas Terbuka', legalIdentifier: 'PTN-UT-001', types: ['teknis', 'manajerial'] as const, grade: 'A' },
  { id: 'digitalent', name: 'PT Talenta Digital Nusantara', legalIdentifier: 'NIB-9120301234567', types: ['teknis'] as const, grade: 'B' },
];

const LEARNERS = [
  { name: 'Siti Rahmawati', nip: '198609262015052001' },
  { name: 'Budi Santoso', nip: '199001152019031002' },
  { name: 'Dewi Lestari', nip: '198812032014022003' },
];

/** Registers the demo providers (skipping ones that exist) and issues a few credentials. */
export async function seedDemo(s: IssuerServices): Promise<DemoSeedResult> {
  await s.keys.ensureLanKey();
  const now = s.ctx.now();
  const out: DemoSeedResult = { providers: [], credentials: [] };
  for (const p of PROVIDERS) {
    const existing = await s.curation.get(p.id);
    const record =
      existing ??
      (await s.curation.register(
        {
          id: p.id,
          name: p.name,
          legalIdentifier: p.legalIdentifier,
          contact: { email: `admin@${p.id}.example.id` },
          scope: { competencyTypes: [...p.types], competencyCodes: [] },
          grade: p.grade,
          validFrom: new Date(now.getTime() - 365 * 24 * 3600 * 1000),
          validUntil: new Date(now.getTime() + 3 * 365 * 24 * 3600 * 1000),
        },
        ADMIN,
      ));
    const { token } = await s.apiKeys.create(record.id, { role: 'admin', label: 'demo' }, ADMIN);
    out.providers.push({ id: record.id, did: record.did, name: record.name, apiKey: token });
  }
  const today = now.toISOString().slice(0, 10);
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const samples = [
    { providerId: 'corpu-asn', learner: LEARNERS[0], competency: { type: 'manajerial', code: 'M.01', level: 3 }, course: 'Pelatihan Integritas Aparatur', jp: 24 },
    { providerId: 'corpu-asn', learner: LEARNERS[1], competency: { type: 'manajerial', code: 'M.05', level: 2 }, course: 'Pelayanan Publik Prima', jp: 16 },
    { providerId: 'univ-terbuka', learner: LEARNERS[2], competency: { type: 'teknis', code: 'T.KOMINFO.01', level: 2, name: { id: 'Analisis Data', en: 'Data analysis' } }, course: 'Analisis Data untuk Kebijakan', jp: 32 },
    { providerId: 'digitalent', learner: LEARNERS[0], competency: { type: 'teknis', code: 'T.KOMINFO.02', level: 1, name: { id: 'Keamanan Siber Dasar' } }, course: 'Dasar Keamanan Siber', jp: 8 },
  ];
  for (const x of samples) {
    const result = await s.learning.issue(
      x.providerId,
      {
        learner: x.learner,
        course: { name: { id: x.course }, description: { id: `${x.course} bagi ASN.` } },
        competency: x.competency,
        jp: x.jp,
        learningMode: 'klasikal',
        learningPath: 'pelatihan',
        startDate: weekAgo,
        endDate: today,
        result: { passed: true },
      },
      { actor: ADMIN, suite: 'eddsa-rdfc-2022' },
    );
    out.credentials.push({
      providerId: x.providerId,
      learner: x.learner?.name ?? '',
      learnerNip: x.learner?.nip ?? '',
      credentialId: result.record.credentialId,
      ...(result.offer ? { claimUrl: s.claims.learnerLink(result.offer.id) } : {}),
      certificateUrl: s.certificates.certificateUrl(result.record.certificateToken ?? ''),
    });
  }
  return out;
}
