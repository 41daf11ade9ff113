import { describe, expect, it } from 'vitest';
import {
  KLASIKAL_PATHS,
  LEARNING_PATHS,
  NONKLASIKAL_PATHS,
  learningInputSchema,
  learningModeOfPath,
  parseLearningInput,
  type LearningInputResult,
} from '../../../shared/model/index.js';

const NOW = new Date('2025-11-22T06:48:00Z');
const NIP = '198609262015052001';

function valid(): Record<string, unknown> {
  return {
    learner: { name: 'Siti Rahmawati', nip: NIP },
    course: {
      id: 'LAN-PKA-2025',
      name: { id: 'Pelatihan Kepemimpinan Administrator', en: 'Administrator Leadership Training' },
      description: { id: 'Pelatihan kepemimpinan bagi pejabat administrator.', en: 'Leadership training for administrators.' },
    },
    competency: { type: 'manajerial', code: 'M.07', level: 3 },
    jp: 24,
    learningMode: 'klasikal',
    learningPath: 'pelatihan',
    startDate: '2025-10-01',
    endDate: '2025-10-31',
  };
}

/** Clone the valid input and set one value at a dot path (undefined deletes it). */
function withField(path: string, value: unknown): Record<string, unknown> {
  const input = valid();
  const keys = path.split('.');
  let node = input as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    node[k] = { ...(node[k] as Record<string, unknown>) };
    node = node[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return input;
}

function errorsOf(r: LearningInputResult): Array<[string, string]> {
  return r.ok ? [] : r.errors.map((e) => [e.field, e.code]);
}

describe('parseLearningInput: valid records', () => {
  it('accepts the sample and returns it normalised', () => {
    const r = parseLearningInput(valid(), NOW);
    expect(r).toEqual({ ok: true, value: valid() });
  });

  it('trims, NFC-normalises, removes spaces from the NIP and canonicalises the evidence URL', () => {
    const input = {
      ...valid(),
      learner: { name: '  Siti Rahmawati\n', nip: '19860926 201505 2 001', nipKind: 'PNS', email: ' siti@instansi.go.id ' },
      course: { ...(valid().course as object), criteria: '  Hadir 100%.\r\nLulus ujian.  ' },
      competency: { type: 'teknis', code: ' T.LAN.01 ', level: 2, name: { id: 'Analisis Kebijakan' } },
      evidenceUrl: ' https://LMS.example.go.id/bukti/1 ',
      validUntil: '2030-10-31T23:59:59+07:00',
      result: { score: 87.5, grade: ' A ', passed: true },
    };
    (input.learner as { name: string }).name = '  Cafe\u0301 Sari '; // e + combining acute → é
    const r = parseLearningInput(input, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.learner).toEqual({ name: 'Café Sari', nip: NIP, nipKind: 'PNS', email: 'siti@instansi.go.id' });
    expect(r.value.course.criteria).toBe('Hadir 100%.\nLulus ujian.');
    expect(r.value.competency).toEqual({ type: 'teknis', code: 'T.LAN.01', level: 2, name: { id: 'Analisis Kebijakan' } });
    expect(r.value.evidenceUrl).toBe('https://lms.example.go.id/bukti/1');
    expect(r.value.result).toEqual({ score: 87.5, grade: 'A', passed: true });
  });

  it('a plain string name means {id}', () => {
    const r = parseLearningInput({ ...valid(), competency: { type: 'pemerintahan', code: 'P.02', level: 1, name: 'Wawasan Kebangsaan' } }, NOW);
    expect(r.ok && r.value.competency.name).toEqual({ id: 'Wawasan Kebangsaan' });
  });

  it('keeps newlines in descriptions', () => {
    const r = parseLearningInput(withField('course.description', { id: 'Baris satu.\nBaris dua.\tTab.' }), NOW);
    expect(r.ok && r.value.course.description.id).toBe('Baris satu.\nBaris dua.\tTab.');
  });

  it('a course that ended today (Indonesian time) is accepted', () => {
    // 06:48 UTC is 13:48 WIB on 22 November.
    expect(parseLearningInput(withField('endDate', '2025-11-22'), NOW).ok).toBe(true);
    // 23:30 UTC on the 21st is already the 22nd in Jayapura (WIT, UTC+9).
    expect(parseLearningInput(withField('endDate', '2025-11-22'), new Date('2025-11-21T23:30:00Z')).ok).toBe(true);
  });

  it('accepts a PPPK NIP, and the declared kind when it fits', () => {
    expect(parseLearningInput(withField('learner.nip', '199205142023211001'), NOW).ok).toBe(true);
    expect(parseLearningInput(withField('learner', { name: 'A', nip: '199205142023211001', nipKind: 'PPPK' }), NOW).ok).toBe(true);
  });

  it.each(LEARNING_PATHS.map((p) => [p, learningModeOfPath(p)] as const))('path %s fits mode %s', (path, mode) => {
    expect(parseLearningInput({ ...valid(), learningPath: path, learningMode: mode }, NOW).ok).toBe(true);
  });
});

describe('parseLearningInput: reports every error with its field path', () => {
  it('collects errors from every part of the record at once', () => {
    const r = parseLearningInput(
      {
        learner: { name: '', nip: '19860926201505300x', extra: 1 },
        course: { name: { id: 'x' } },
        competency: { type: 'teknis', code: 'T.LAN.01', level: 7 },
        jp: 0,
        learningMode: 'klasikal',
        learningPath: 'coaching',
        startDate: '2024-02-30',
        endDate: '2026-01-01',
        evidenceUrl: 'http://example.go.id/bukti',
        colour: 'red',
      },
      NOW,
    );
    expect(r.ok).toBe(false);
    expect(new Set(errorsOf(r).map((e) => e.join(' ')))).toEqual(
      new Set([
        'learner.name FIELD_EMPTY',
        'learner.extra FIELD_UNKNOWN',
        'learner.nip NIP_FORMAT',
        'course.description FIELD_REQUIRED',
        'competency.level COMPETENCY_LEVEL',
        'competency.name COMPETENCY_NAME_REQUIRED',
        'jp FIELD_RANGE',
        'learningPath LEARNING_PATH_MODE',
        'startDate DATE_INVALID',
        'endDate DATE_FUTURE',
        'evidenceUrl URL_HTTPS',
        'colour FIELD_UNKNOWN',
      ]),
    );
    if (!r.ok) for (const e of r.errors) expect(e.message.id && e.message.en).toBeTruthy();
  });

  it('reports cross-field errors even when an unrelated field is missing', () => {
    const r = parseLearningInput({ ...withField('jp', undefined), learningPath: 'magang', endDate: '2025-09-01' }, NOW);
    expect(errorsOf(r)).toEqual(expect.arrayContaining([
      ['jp', 'FIELD_REQUIRED'],
      ['learningPath', 'LEARNING_PATH_MODE'],
      ['endDate', 'DATE_ORDER'],
    ]));
  });

  it('reports the NIP even when the learner name is missing', () => {
    const r = parseLearningInput(withField('learner', { nip: '198609262015053001' }), NOW);
    expect(errorsOf(r)).toEqual([
      ['learner.name', 'FIELD_REQUIRED'],
      ['learner.nip', 'NIP_GENDER'],
    ]);
  });

  it('reports each problem once', () => {
    const r = parseLearningInput(withField('competency', { type: 'teknis', code: 'T.LAN.01', level: 2 }), NOW);
    expect(errorsOf(r)).toEqual([['competency.name', 'COMPETENCY_NAME_REQUIRED']]);
  });

  it('never repeats the NIP (or the name) in the errors', () => {
    const r = parseLearningInput({ ...withField('learner.nip', '198609262015053001'), jp: -1 }, NOW);
    expect(JSON.stringify(r)).not.toContain('198609262015053001');
    expect(JSON.stringify(r)).not.toContain('Siti');
  });
});

describe('parseLearningInput: one bad field at a time', () => {
  const cases: Array<[string, unknown, string, string]> = [
    // learner
    ['learner.name', undefined, 'learner.name', 'FIELD_REQUIRED'],
    ['learner.name', '   ', 'learner.name', 'FIELD_EMPTY'],
    ['learner.name', 'x'.repeat(201), 'learner.name', 'FIELD_TOO_LONG'],
    ['learner.name', 42, 'learner.name', 'FIELD_TYPE'],
    ['learner.name', 'Siti\u0000Rahma', 'learner.name', 'TEXT_CONTROL_CHAR'],
    ['learner.name', 'Siti\nRahma', 'learner.name', 'TEXT_CONTROL_CHAR'],
    ['learner.name', 'Siti \u202Eamhar', 'learner.name', 'TEXT_CONTROL_CHAR'],
    ['learner.name', 'Siti\u2028Rahma', 'learner.name', 'TEXT_CONTROL_CHAR'],
    ['learner.name', 'Siti \uD800', 'learner.name', 'TEXT_CONTROL_CHAR'],
    ['learner.nip', undefined, 'learner.nip', 'FIELD_REQUIRED'],
    ['learner.nip', 198609262015052001, 'learner.nip', 'FIELD_TYPE'],
    ['learner.nip', '198602302015052001', 'learner.nip', 'NIP_BIRTH_DATE'],
    ['learner.nip', '198609262003052001', 'learner.nip', 'NIP_APPOINTMENT'],
    ['learner.nip', '198609262015053001', 'learner.nip', 'NIP_GENDER'],
    ['learner.nip', '198609262015052000', 'learner.nip', 'NIP_SEQUENCE'],
    ['learner.nip', '19860926-201505-2-001', 'learner.nip', 'NIP_FORMAT'],
    ['learner', { name: 'A', nip: '199205142023211001', nipKind: 'PNS' }, 'learner.nip', 'NIP_APPOINTMENT'],
    ['learner.nipKind', 'CPNS', 'learner.nipKind', 'FIELD_ENUM'],
    ['learner.email', 'bukan-surel', 'learner.email', 'EMAIL_FORMAT'],
    // course
    ['course.id', 'kode dengan spasi', 'course.id', 'COURSE_ID_FORMAT'],
    ['course.id', '../../etc', 'course.id', 'COURSE_ID_FORMAT'],
    ['course.id', 'A'.repeat(65), 'course.id', 'COURSE_ID_FORMAT'],
    ['course.name', undefined, 'course.name', 'FIELD_REQUIRED'],
    ['course.name', { en: 'Only English' }, 'course.name.id', 'FIELD_REQUIRED'],
    ['course.name', { id: 'Nama', fr: 'Nom' }, 'course.name.fr', 'FIELD_UNKNOWN'],
    ['course.name', { id: 'x'.repeat(301) }, 'course.name.id', 'FIELD_TOO_LONG'],
    ['course.description', { id: 'ok', en: 'bell\u0007' }, 'course.description.en', 'TEXT_CONTROL_CHAR'],
    ['course.criteria', '', 'course.criteria', 'FIELD_EMPTY'],
    // competency
    ['competency.type', 'kepemimpinan', 'competency.type', 'COMPETENCY_TYPE'],
    ['competency.code', 'M.09', 'competency.code', 'COMPETENCY_CODE'],
    ['competency.code', 'SK.01', 'competency.code', 'COMPETENCY_CODE'],
    ['competency.level', 0, 'competency.level', 'COMPETENCY_LEVEL'],
    ['competency.level', 2.5, 'competency.level', 'COMPETENCY_LEVEL'],
    ['competency.level', '3', 'competency.level', 'COMPETENCY_LEVEL'],
    ['competency.level', undefined, 'competency.level', 'FIELD_REQUIRED'],
    // jp
    ['jp', undefined, 'jp', 'FIELD_REQUIRED'],
    ['jp', 0, 'jp', 'FIELD_RANGE'],
    ['jp', -2, 'jp', 'FIELD_RANGE'],
    ['jp', 1000.01, 'jp', 'FIELD_RANGE'],
    ['jp', 1.005, 'jp', 'JP_PRECISION'],
    ['jp', '24', 'jp', 'FIELD_TYPE'],
    ['jp', Number.NaN, 'jp', 'FIELD_TYPE'],
    ['jp', Number.POSITIVE_INFINITY, 'jp', 'FIELD_TYPE'],
    // mode and path
    ['learningMode', 'hybrid', 'learningMode', 'FIELD_ENUM'],
    ['learningPath', 'konferensi', 'learningPath', 'FIELD_ENUM'],
    ['learningPath', 'e-learning', 'learningPath', 'LEARNING_PATH_MODE'],
    // dates
    ['startDate', '2024-02-30', 'startDate', 'DATE_INVALID'],
    ['startDate', '2025-13-01', 'startDate', 'DATE_INVALID'],
    ['startDate', '2025-1-5', 'startDate', 'DATE_INVALID'],
    ['startDate', '2025-10-01T00:00:00Z', 'startDate', 'DATE_INVALID'],
    ['startDate', '1899-12-31', 'startDate', 'DATE_INVALID'],
    ['startDate', '2025-11-01', 'endDate', 'DATE_ORDER'],
    ['endDate', '2025-11-24', 'endDate', 'DATE_FUTURE'],
    ['endDate', 20251031, 'endDate', 'FIELD_TYPE'],
    ['validUntil', '2030-01-01', 'validUntil', 'DATETIME_INVALID'],
    ['validUntil', '2030-01-01T00:00:00', 'validUntil', 'DATETIME_INVALID'],
    ['validUntil', '2030-02-30T00:00:00Z', 'validUntil', 'DATETIME_INVALID'],
    ['validUntil', '2030-01-01T24:00:00Z', 'validUntil', 'DATETIME_INVALID'],
    ['validUntil', '2025-11-01T00:00:00Z', 'validUntil', 'VALID_UNTIL_PAST'],
    // result
    ['result', { score: 101 }, 'result.score', 'FIELD_RANGE'],
    ['result', { score: -1 }, 'result.score', 'FIELD_RANGE'],
    ['result', { score: 80.123 }, 'result.score', 'SCORE_PRECISION'],
    ['result', { grade: 'x'.repeat(21) }, 'result.grade', 'FIELD_TOO_LONG'],
    ['result', { passed: 'yes' }, 'result.passed', 'FIELD_TYPE'],
    ['result', { rank: 1 }, 'result.rank', 'FIELD_UNKNOWN'],
    // evidence
    ['evidenceUrl', 'http://example.go.id/bukti', 'evidenceUrl', 'URL_HTTPS'],
    ['evidenceUrl', 'javascript:alert(1)', 'evidenceUrl', 'URL_HTTPS'],
    ['evidenceUrl', 'https://user:pass@example.go.id/', 'evidenceUrl', 'URL_HTTPS'],
    ['evidenceUrl', '/relative/path', 'evidenceUrl', 'URL_HTTPS'],
    ['evidenceUrl', `https://example.go.id/${'a'.repeat(2048)}`, 'evidenceUrl', 'FIELD_TOO_LONG'],
  ];
  it.each(cases)('%s = %j → %s %s', (path, value, field, code) => {
    const r = parseLearningInput(withField(path, value), NOW);
    expect(errorsOf(r)).toEqual([[field, code]]);
  });
});

describe('parseLearningInput: hostile shapes', () => {
  it('a non-object is one error at the root', () => {
    for (const input of [null, [], 'x', 42, undefined]) {
      expect(errorsOf(parseLearningInput(input, NOW))).toEqual([['', 'FIELD_TYPE']]);
    }
  });

  it('a __proto__ key from JSON.parse is an unknown field, and pollutes nothing', () => {
    const input = JSON.parse(JSON.stringify(valid()).replace('{"name"', '{"__proto__":{"polluted":true},"name"'));
    const r = parseLearningInput(input, NOW);
    expect(errorsOf(r)).toEqual([['learner.__proto__', 'FIELD_UNKNOWN']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('needs a valid clock', () => {
    expect(() => parseLearningInput(valid(), new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('learning modes and paths', () => {
  it('the klasikal paths are the six classroom forms; the rest are nonklasikal', () => {
    expect([...KLASIKAL_PATHS]).toEqual(['pelatihan', 'seminar', 'kursus', 'penataran', 'bimbingan-teknis', 'sosialisasi']);
    expect(NONKLASIKAL_PATHS).toHaveLength(10);
    expect(LEARNING_PATHS).toHaveLength(16);
    // A webinar is expressible, as distance learning (nonklasikal), not as a classroom seminar.
    expect(learningModeOfPath('webinar')).toBe('nonklasikal');
    expect(NONKLASIKAL_PATHS.every((p) => learningModeOfPath(p) === 'nonklasikal')).toBe(true);
  });
});

describe('learningInputSchema (no clock)', () => {
  it('applies the same rules except those against now', () => {
    expect(learningInputSchema.safeParse(valid()).success).toBe(true);
    expect(learningInputSchema.safeParse(withField('endDate', '2099-01-01')).success).toBe(true);
    const bad = learningInputSchema.safeParse({ ...valid(), learningPath: 'coaching' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['learningPath']);
    // With a clock a validUntil before the end date is already in the past; without one the
    // ordering rule is what catches it.
    const early = learningInputSchema.safeParse(withField('validUntil', '2025-10-31T12:00:00Z'));
    expect(early.error?.issues.map((i) => [i.path.join('.'), (i as { params?: { code?: string } }).params?.code])).toEqual([['validUntil', 'VALID_UNTIL_ORDER']]);
  });
});
