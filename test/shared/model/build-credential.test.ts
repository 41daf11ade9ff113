import { createHash } from 'node:crypto';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { createDocumentLoader } from '../../../shared/loader/document-loader.js';
import { codeOf } from '../../helpers/error-code.js';
import {
  buildLearningCredential,
  matchesIdentity,
  parseLearningInput,
  readLearningCredential,
  type BuildCredentialContext,
  type LearningInput,
} from '../../../shared/model/index.js';

const NOW = new Date('2025-11-22T06:48:00Z');
const NIP = '198609262015052001';
const SALT = '0123456789abcdef0123456789abcdef';
const BASE = 'https://kredensial.lan.go.id/providers/pusdiklat-contoh/achievements';
const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const STATUS = (purpose: string, index: number) => ({
  id: `https://kredensial.lan.go.id/status/pusdiklat-contoh/${purpose}/1#${index}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: purpose,
  statusListIndex: String(index),
  statusListCredential: `https://kredensial.lan.go.id/status/pusdiklat-contoh/${purpose}/1`,
});

function rawInput(): Record<string, unknown> {
  return {
    learner: { name: 'Siti Rahmawati', nip: NIP, email: 'siti@instansi.go.id' },
    course: {
      id: 'LAN-PKA-2025',
      name: { id: 'Pelatihan Kepemimpinan Administrator', en: 'Administrator Leadership Training' },
      description: { id: 'Pelatihan kepemimpinan bagi pejabat administrator.', en: 'Leadership training for administrators.' },
    },
    competency: { type: 'manajerial', code: 'M.07', level: 3 },
    jp: 24.5,
    learningMode: 'klasikal',
    learningPath: 'pelatihan',
    startDate: '2025-10-01',
    endDate: '2025-10-31',
  };
}

function input(overrides: Record<string, unknown> = {}): LearningInput {
  const r = parseLearningInput({ ...rawInput(), ...overrides }, NOW);
  if (!r.ok) throw new Error(`test input invalid: ${JSON.stringify(r.errors)}`);
  return r.value;
}

function ctx(overrides: Partial<BuildCredentialContext> = {}): BuildCredentialContext {
  return {
    id: 'urn:uuid:2f1c9a8e-6b7d-4c3e-9f10-1a2b3c4d5e6f',
    issuer: { id: 'did:web:kredensial.lan.go.id:providers:pusdiklat-contoh', name: 'Pusdiklat Contoh', url: 'https://pusdiklat.contoh.go.id' },
    validFrom: new Date('2025-11-22T06:48:00.123Z'),
    salt: SALT,
    achievementBaseUrl: BASE,
    ...overrides,
  };
}

/** The competency-level rubric the builder writes (levels 1–5) and the learner's result on it. */
const LEVEL_DESCRIPTION = (course: string, label: string) => ({
  id: `${BASE}/${course}#level-kompetensi`,
  type: ['ResultDescription'],
  name: `Level kompetensi ${label} / Competency level`,
  resultType: 'RubricCriterionLevel',
  rubricCriterionLevel: [1, 2, 3, 4, 5].map((n) => ({ id: `${BASE}/${course}#level-kompetensi-${n}`, type: ['RubricCriterionLevel'], name: `Level ${n}`, level: String(n) })),
});
const LEVEL_RESULT = (course: string, level: number) => ({
  type: ['Result'], resultDescription: `${BASE}/${course}#level-kompetensi`, achievedLevel: `${BASE}/${course}#level-kompetensi-${level}`,
});

const FULL = {
  validUntil: '2030-10-31T23:59:59+07:00',
  result: { score: 87.5, grade: 'Sangat Baik', passed: true },
  evidenceUrl: 'https://lms.contoh.go.id/bukti/123',
};

describe('buildLearningCredential: shape', () => {
  it('produces the minimal credential exactly', () => {
    const vc = buildLearningCredential(input(), ctx({ issuer: { id: 'did:web:kredensial.lan.go.id:providers:pusdiklat-contoh', name: 'Pusdiklat Contoh' } }));
    expect(vc).toEqual({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:2f1c9a8e-6b7d-4c3e-9f10-1a2b3c4d5e6f',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'did:web:kredensial.lan.go.id:providers:pusdiklat-contoh', type: ['Profile'], name: 'Pusdiklat Contoh' },
      validFrom: '2025-11-22T06:48:00Z',
      name: 'Pelatihan Kepemimpinan Administrator',
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            identityHash: `sha256$${createHash('sha256').update(NIP + SALT).digest('hex')}`,
            identityType: 'identifier',
            hashed: true,
            salt: SALT,
          },
          { type: 'IdentityObject', identityHash: 'Siti Rahmawati', identityType: 'name', hashed: false },
        ],
        achievement: {
          id: `${BASE}/LAN-PKA-2025`,
          type: ['Achievement'],
          name: 'Pelatihan Kepemimpinan Administrator',
          description: 'Pelatihan kepemimpinan bagi pejabat administrator.\n\nEN: Administrator Leadership Training — Leadership training for administrators.',
          criteria: {
            narrative:
              'Menyelesaikan pelatihan "Pelatihan Kepemimpinan Administrator" (24.5 JP, klasikal).\n\n' +
              'EN: Completed the training "Administrator Leadership Training" (24.5 JP, classroom).',
          },
          achievementType: 'Course',
          creditsAvailable: 24.5,
          humanCode: 'LAN-PKA-2025',
          alignment: [
            {
              type: ['Alignment'],
              targetName: 'Mengelola Perubahan',
              targetDescription: 'EN: Managing change',
              targetUrl: `${BASE}/kompetensi/manajerial/M.07`,
              targetCode: 'M.07',
              targetFramework: 'Kamus Kompetensi Manajerial dan Sosial Kultural ASN (Permenpan RB 38/2017)',
              targetType: 'ext:ASNCompetency',
            },
          ],
          tag: ['klasikal', 'pelatihan'],
          inLanguage: 'id',
          resultDescription: [LEVEL_DESCRIPTION('LAN-PKA-2025', 'M.07 Mengelola Perubahan')],
        },
        activityStartDate: '2025-10-01T00:00:00Z',
        activityEndDate: '2025-10-31T00:00:00Z',
        creditsEarned: 24.5,
        result: [LEVEL_RESULT('LAN-PKA-2025', 3)],
      },
    });
  });

  it('adds holder, validUntil (in UTC), evidence, results and one status entry', () => {
    const vc = buildLearningCredential(input(FULL), ctx({ holderDid: HOLDER, credentialStatus: [STATUS('revocation', 94567)] }));
    const subject = vc.credentialSubject as Record<string, unknown>;
    const achievement = subject.achievement as Record<string, unknown>;
    expect(vc.validUntil).toBe('2030-10-31T16:59:59Z');
    expect(subject.id).toBe(HOLDER);
    expect(vc.issuer).toEqual({ id: 'did:web:kredensial.lan.go.id:providers:pusdiklat-contoh', type: ['Profile'], name: 'Pusdiklat Contoh', url: 'https://pusdiklat.contoh.go.id' });
    expect(vc.evidence).toEqual([{ id: 'https://lms.contoh.go.id/bukti/123', type: ['Evidence'] }]);
    expect(vc.credentialStatus).toEqual(STATUS('revocation', 94567));
    expect(achievement.resultDescription).toEqual([
      LEVEL_DESCRIPTION('LAN-PKA-2025', 'M.07 Mengelola Perubahan'),
      { id: `${BASE}/LAN-PKA-2025#nilai`, type: ['ResultDescription'], name: 'Nilai akhir (0–100) / Final score', resultType: 'Percent', valueMin: '0', valueMax: '100' },
      { id: `${BASE}/LAN-PKA-2025#predikat`, type: ['ResultDescription'], name: 'Predikat / Grade', resultType: 'LetterGrade' },
    ]);
    expect(subject.result).toEqual([
      LEVEL_RESULT('LAN-PKA-2025', 3),
      { type: ['Result'], resultDescription: `${BASE}/LAN-PKA-2025#nilai`, value: '87.5' },
      { type: ['Result'], resultDescription: `${BASE}/LAN-PKA-2025#predikat`, value: 'Sangat Baik' },
      { type: ['Result'], status: 'Completed' },
    ]);
  });

  it('several status entries stay an array', () => {
    const vc = buildLearningCredential(input(), ctx({ credentialStatus: [STATUS('revocation', 1), STATUS('suspension', 1)] }));
    expect(vc.credentialStatus).toEqual([STATUS('revocation', 1), STATUS('suspension', 1)]);
    expect(buildLearningCredential(input(), ctx({ credentialStatus: [] }))).not.toHaveProperty('credentialStatus');
  });

  it('never carries the NIP or the email in clear', () => {
    const json = JSON.stringify(buildLearningCredential(input(FULL), ctx({ holderDid: HOLDER })));
    expect(json).not.toContain(NIP);
    expect(json).not.toContain('siti@instansi.go.id');
    expect(matchesIdentity((buildLearningCredential(input(), ctx()).credentialSubject as { identifier: unknown[] }).identifier[0], NIP)).toBe(true);
  });

  it('names an achievement without a course code by a hash of its name', () => {
    const course = { name: { id: 'Literasi Digital' }, description: { id: 'Dasar literasi digital.' } };
    const a = buildLearningCredential(input({ course }), ctx());
    const b = buildLearningCredential(input({ course, jp: 2 }), ctx());
    const idOf = (vc: Record<string, unknown>) => ((vc.credentialSubject as Record<string, unknown>).achievement as Record<string, unknown>).id;
    expect(idOf(a)).toBe(`${BASE}/k-${createHash('sha256').update('Literasi Digital').digest('hex').slice(0, 32)}`);
    expect(idOf(b)).toBe(idOf(a));
    const achievement = (a.credentialSubject as Record<string, unknown>).achievement as Record<string, unknown>;
    expect(achievement.description).toBe('Dasar literasi digital.');
    expect(achievement).not.toHaveProperty('humanCode');
  });

  it('escapes a course code inside the achievement URL', () => {
    const vc = buildLearningCredential(input({ course: { ...(rawInput().course as object), id: 'PKA/2025/01' } }), ctx());
    expect(((vc.credentialSubject as Record<string, unknown>).achievement as Record<string, unknown>).id).toBe(`${BASE}/PKA%2F2025%2F01`);
  });

  it.each([
    ['pelatihan', 'klasikal', 'Course'],
    ['e-learning', 'nonklasikal', 'Course'],
    ['seminar', 'klasikal', 'CertificateOfCompletion'],
    ['coaching', 'nonklasikal', 'CertificateOfCompletion'],
    ['magang', 'nonklasikal', 'CertificateOfCompletion'],
  ])('achievementType for %s is %s', (learningPath, learningMode, expected) => {
    const vc = buildLearningCredential(input({ learningPath, learningMode }), ctx());
    expect(((vc.credentialSubject as Record<string, unknown>).achievement as Record<string, unknown>).achievementType).toBe(expected);
  });

  it('uses the provider-supplied name and the agency dictionary for technical competencies', () => {
    const vc = buildLearningCredential(input({ competency: { type: 'teknis', code: 'T.LAN.01', level: 2, name: { id: 'Analisis Kebijakan', en: 'Policy analysis' } } }), ctx());
    const alignment = (((vc.credentialSubject as Record<string, unknown>).achievement as Record<string, unknown>).alignment as unknown[])[0];
    expect(alignment).toMatchObject({
      targetName: 'Analisis Kebijakan',
      targetDescription: 'EN: Policy analysis',
      targetCode: 'T.LAN.01',
      targetFramework: 'Kamus Kompetensi Teknis LAN',
      targetUrl: `${BASE}/kompetensi/teknis/T.LAN.01`,
      targetType: 'ext:ASNCompetency',
    });
    expect(alignment).not.toHaveProperty('competencyType');
    expect(alignment).not.toHaveProperty('competencyLevel');
    expect((vc.credentialSubject as Record<string, unknown>).result).toEqual([LEVEL_RESULT('LAN-PKA-2025', 2)]);
    expect(readLearningCredential(vc)?.competency).toMatchObject({ type: 'teknis', code: 'T.LAN.01', level: 2 });
  });

  it('uses only the standard contexts (VC 2.0, OB 3.0.3): no ASN context', () => {
    expect(buildLearningCredential(input(), ctx())['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
  });

  it('a failed result is status Failed', () => {
    const vc = buildLearningCredential(input({ result: { passed: false } }), ctx());
    expect((vc.credentialSubject as Record<string, unknown>).result).toEqual([LEVEL_RESULT('LAN-PKA-2025', 3), { type: ['Result'], status: 'Failed' }]);
  });
});

describe('buildLearningCredential: refuses what it must not sign', () => {

  it('validates the record again (a caller cannot skip parseLearningInput)', () => {
    const bad = { ...input(), learningPath: 'coaching' } as LearningInput;
    let error: unknown;
    try {
      buildLearningCredential(bad, ctx());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('LEARNING_INPUT_INVALID');
    expect((error as AppError).details).toEqual([expect.objectContaining({ field: 'learningPath', code: 'LEARNING_PATH_MODE' })]);
    expect(codeOf(() => buildLearningCredential({ ...input(), learner: { name: 'X', nip: '198609262015053001' } }, ctx()))).toBe('LEARNING_INPUT_INVALID');
  });

  it('does not judge course dates against validFrom (the issuer checked them against its clock)', () => {
    expect(() => buildLearningCredential(input(), ctx({ validFrom: new Date('2025-01-01T00:00:00Z') }))).not.toThrow();
  });

  it('refuses a validUntil that is not after validFrom', () => {
    expect(codeOf(() => buildLearningCredential(input({ validUntil: '2026-01-01T00:00:00Z' }), ctx({ validFrom: new Date('2026-01-01T00:00:00Z') })))).toBe(
      'VALID_UNTIL_BEFORE_VALID_FROM',
    );
  });

  it.each<[string, Partial<BuildCredentialContext>]>([
    ['id is not a urn:uuid', { id: 'https://example.com/vc/1' }],
    ['issuer id is not a DID', { issuer: { id: 'https://pusdiklat.go.id', name: 'P' } }],
    ['issuer name empty', { issuer: { id: 'did:web:x', name: ' ' } }],
    ['issuer url is http', { issuer: { id: 'did:web:x', name: 'P', url: 'http://p.go.id' } }],
    ['validFrom invalid', { validFrom: new Date(Number.NaN) }],
    ['empty salt', { salt: '' }],
    ['holder is not a DID', { holderDid: 'siti@instansi.go.id' }],
    ['base URL is http', { achievementBaseUrl: 'http://kredensial.lan.go.id/a' }],
    ['base URL has a query', { achievementBaseUrl: 'https://kredensial.lan.go.id/a?x=1' }],
    ['status entry is not an object', { credentialStatus: ['x' as unknown as object] }],
  ])('context: %s', (_label, overrides) => {
    expect(codeOf(() => buildLearningCredential(input(), ctx(overrides)))).toBe('CREDENTIAL_CONTEXT_INVALID');
  });
});

describe('JSON-LD: every term in the built credential is defined (safe mode)', () => {
  const documentLoader = createDocumentLoader();
  const variants: Array<[string, Record<string, unknown>]> = [
    ['minimal', buildLearningCredential(input(), ctx())],
    ['everything', buildLearningCredential(input(FULL), ctx({ holderDid: HOLDER, credentialStatus: [STATUS('revocation', 7)] }))],
    ['two status entries', buildLearningCredential(input(), ctx({ credentialStatus: [STATUS('revocation', 7), STATUS('suspension', 7)] }))],
    [
      'technical competency, no course code',
      buildLearningCredential(
        input({
          course: { name: { id: 'Analisis Kebijakan Dasar' }, description: { id: 'x' }, criteria: 'Lulus **ujian akhir**.' },
          competency: { type: 'teknis', code: 'T.LAN.01', level: 1, name: 'Analisis Kebijakan' },
          learningMode: 'nonklasikal',
          learningPath: 'mentoring',
          result: { grade: 'B' },
        }),
        ctx(),
      ),
    ],
  ];

  it.each(variants)('%s expands in safe mode and keeps every property', async (_label, vc) => {
    const expanded = await jsonld.expand(vc, { documentLoader, safe: true });
    expect(expanded).toHaveLength(1);
    const text = JSON.stringify(expanded);
    // Nothing lands in our own namespace any more; the level is an Open Badges rubric result.
    expect(text).not.toContain('https://kredensial.lan.go.id/ns/asn#');
    expect(text).toContain('"https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievedLevel"');
    expect(text).toContain('"https://purl.imsglobal.org/spec/vc/ob/vocab.html#rubricCriterionLevel"');
    expect(text).toContain('"https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash"');
    expect(text).toContain('"https://purl.imsglobal.org/spec/vc/ob/vocab.html#creditsEarned"');
  });

  it('the check has teeth: an undefined property makes safe mode throw', async () => {
    const vc = structuredClone(variants[0]![1]);
    ((vc.credentialSubject as Record<string, unknown>).achievement as Record<string, unknown>).jamPelajaran = 24;
    await expect(jsonld.expand(vc, { documentLoader, safe: true })).rejects.toThrow();
  });

  it('the check has teeth: a NIP added in clear to the subject is refused', async () => {
    const vc = structuredClone(variants[0]![1]);
    (vc.credentialSubject as Record<string, unknown>).nip = NIP;
    await expect(jsonld.expand(vc, { documentLoader, safe: true })).rejects.toThrow();
  });
});

describe('readLearningCredential', () => {
  it('reads back what the builder wrote', () => {
    const vc = buildLearningCredential(input(FULL), ctx({ holderDid: HOLDER }));
    expect(readLearningCredential(vc)).toEqual({
      credentialId: 'urn:uuid:2f1c9a8e-6b7d-4c3e-9f10-1a2b3c4d5e6f',
      name: 'Siti Rahmawati',
      nipIdentity: {
        type: 'IdentityObject',
        identityHash: `sha256$${createHash('sha256').update(NIP + SALT).digest('hex')}`,
        identityType: 'identifier',
        hashed: true,
        salt: SALT,
      },
      courseName: 'Pelatihan Kepemimpinan Administrator',
      courseDescription: 'Pelatihan kepemimpinan bagi pejabat administrator.\n\nEN: Administrator Leadership Training — Leadership training for administrators.',
      courseCode: 'LAN-PKA-2025',
      competency: {
        type: 'manajerial',
        code: 'M.07',
        level: 3,
        name: 'Mengelola Perubahan',
        framework: 'Kamus Kompetensi Manajerial dan Sosial Kultural ASN (Permenpan RB 38/2017)',
      },
      jp: 24.5,
      startDate: '2025-10-01',
      endDate: '2025-10-31',
      mode: 'klasikal',
      path: 'pelatihan',
      issuerId: 'did:web:kredensial.lan.go.id:providers:pusdiklat-contoh',
      issuerName: 'Pusdiklat Contoh',
      validFrom: '2025-11-22T06:48:00Z',
      validUntil: '2030-10-31T16:59:59Z',
      holderDid: HOLDER,
      result: { score: 87.5, grade: 'Sangat Baik', passed: true },
      evidenceUrl: 'https://lms.contoh.go.id/bukti/123',
    });
  });

  it('reads a signed credential too (extra proof property is ignored)', () => {
    const vc = { ...buildLearningCredential(input(), ctx()), proof: { type: 'DataIntegrityProof' } };
    expect(readLearningCredential(vc)?.jp).toBe(24.5);
  });

  function mutated(mutate: (vc: Record<string, unknown>) => void): Record<string, unknown> {
    const vc = structuredClone(buildLearningCredential(input(FULL), ctx()));
    mutate(vc);
    return vc;
  }
  const subject = (vc: Record<string, unknown>) => vc.credentialSubject as Record<string, unknown>;
  const achievement = (vc: Record<string, unknown>) => subject(vc).achievement as Record<string, unknown>;
  const levelResult = (vc: Record<string, unknown>) => (subject(vc).result as Array<Record<string, unknown>>)[0]!;
  const levelOf = (vc: Record<string, unknown>, n: number) =>
    ((achievement(vc).resultDescription as Array<Record<string, unknown>>)[0]!.rubricCriterionLevel as Array<Record<string, unknown>>)[n - 1]!;
  /** Rewrites a freshly built credential into the ASN v1 form issued before the change. */
  const asAsnV1 = (vc: Record<string, unknown>) => {
    vc['@context'] = [...(vc['@context'] as string[]), 'https://kredensial.lan.go.id/ns/asn/v1'];
    Object.assign((achievement(vc).alignment as Array<Record<string, unknown>>)[0]!, { competencyType: 'manajerial', competencyLevel: 3 });
    achievement(vc).resultDescription = (achievement(vc).resultDescription as unknown[]).slice(1);
    subject(vc).result = (subject(vc).result as unknown[]).slice(1);
  };

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'urn:uuid:x'],
    ['an array', []],
    ['not an Open Badge', mutated((vc) => { vc.type = ['VerifiableCredential']; })],
    ['no achievement', mutated((vc) => { delete subject(vc).achievement; })],
    ['no ASN alignment', mutated((vc) => { achievement(vc).alignment = []; })],
    ['level out of range (ASN v1 form)', mutated((vc) => { asAsnV1(vc); (achievement(vc).alignment as Array<Record<string, unknown>>)[0]!.competencyLevel = 9; })],
    ['unknown competency type (ASN v1 form)', mutated((vc) => { asAsnV1(vc); (achievement(vc).alignment as Array<Record<string, unknown>>)[0]!.competencyType = 'x'; })],
    ['ASN v1 level contradicting the rubric result', mutated((vc) => { (achievement(vc).alignment as Array<Record<string, unknown>>)[0]!.competencyLevel = 4; })],
    ['no level result', mutated((vc) => { subject(vc).result = (subject(vc).result as unknown[]).slice(1); })],
    ['achieved level not in the rubric', mutated((vc) => { levelResult(vc).achievedLevel = `${BASE}/LAN-PKA-2025#level-kompetensi-9`; })],
    ['rubric level that is not 1–5', mutated((vc) => { levelOf(vc, 3).level = '3.5'; })],
    ['two level results that disagree', mutated((vc) => { (subject(vc).result as unknown[]).push({ ...levelResult(vc), achievedLevel: `${BASE}/LAN-PKA-2025#level-kompetensi-4` }); })],
    ['code of no ASN dictionary (type cannot be named)', mutated((vc) => { (achievement(vc).alignment as Array<Record<string, unknown>>)[0]!.targetCode = 'X.01'; })],
    ['no name identity', mutated((vc) => { subject(vc).identifier = [(subject(vc).identifier as unknown[])[0]]; })],
    ['no NIP identity', mutated((vc) => { subject(vc).identifier = [(subject(vc).identifier as unknown[])[1]]; })],
    ['jp is a string', mutated((vc) => { subject(vc).creditsEarned = '24'; achievement(vc).creditsAvailable = '24'; })],
    ['impossible start date', mutated((vc) => { subject(vc).activityStartDate = '2025-02-30T00:00:00Z'; })],
    ['no mode tag', mutated((vc) => { achievement(vc).tag = ['pelatihan']; })],
    ['no issuer', mutated((vc) => { delete vc.issuer; })],
  ])('undefined for %s', (_label, vc) => {
    expect(readLearningCredential(vc)).toBeUndefined();
  });

  it('reads the ASN v1 form (competencyType/competencyLevel on the alignment) as before', () => {
    const vc = mutated(asAsnV1);
    (achievement(vc).alignment as Array<Record<string, unknown>>)[0]!.competencyLevel = 4;
    expect(readLearningCredential(vc)?.competency).toEqual({
      type: 'manajerial', code: 'M.07', level: 4, name: 'Mengelola Perubahan',
      framework: 'Kamus Kompetensi Manajerial dan Sosial Kultural ASN (Permenpan RB 38/2017)',
    });
    // ASN v1 names the type itself: read as written, as it was before the change.
    (achievement(vc).alignment as Array<Record<string, unknown>>)[0]!.competencyType = 'teknis';
    expect(readLearningCredential(vc)?.competency.type).toBe('teknis');
  });

  it('the standard form names the type by the code (all four dictionaries)', () => {
    for (const [type, code, name] of [['manajerial', 'M.01', undefined], ['sosial-kultural', 'SK.01', undefined], ['teknis', 'T.KEMENKEU.12', { id: 'Akuntansi' }], ['pemerintahan', 'P.03', { id: 'Otonomi daerah' }]] as const) {
      const vc = buildLearningCredential(input({ competency: { type, code, level: 5, ...(name ? { name } : {}) } }), ctx());
      expect(readLearningCredential(vc)?.competency).toMatchObject({ type, code, level: 5 });
    }
  });

  it('accepts an issuer given as a plain DID string', () => {
    const summary = readLearningCredential(mutated((vc) => { vc.issuer = 'did:web:x'; }));
    expect(summary?.issuerId).toBe('did:web:x');
    expect(summary?.issuerName).toBeUndefined();
  });
});
