/**
 * What a training provider sends to have a learning credential issued, and its validation.
 *
 * `parseLearningInput` reports every problem at once, each with a dot path (`learner.nip`,
 * `competency.code`), a stable code and a sentence in Indonesian and English. Messages never
 * repeat the submitted value (a NIP must not reach logs or error bodies). Unknown keys are
 * errors: a credential must not silently drop or carry data nobody validated.
 *
 * Text rules: strings are NFC-normalised and trimmed; single-line fields may not contain
 * any control character, and multi-line fields (descriptions, criteria) only newline and
 * tab. Bidirectional-override characters (U+202A–202E, U+2066–2069) and line/paragraph
 * separators are refused too: they make a name display differently from what was signed.
 *
 * Runs in Node and in the browser.
 */
import { z } from 'zod';
import type { LocalizedText } from '../i18n.js';
import { parseDateTime } from '../util/dates.js';
import { isIsoDate, parseNip, todayInIndonesia, type NipKind } from './nip.js';
import { isHttpsUrl } from '../util/urls.js';
import {
  COMPETENCY_TYPES,
  competencyErrorMessage,
  isCompetencyLevel,
  lookupCompetency,
  type CompetencyLevel,
  type CompetencyType,
  type LocalizedName,
} from './competency.js';

export const LEARNING_MODES = ['klasikal', 'nonklasikal'] as const;
export type LearningMode = (typeof LEARNING_MODES)[number];

/** Classroom paths (Peraturan LAN 10/2018); every other path is nonklasikal. */
export const KLASIKAL_PATHS = ['pelatihan', 'seminar', 'kursus', 'penataran', 'bimbingan-teknis', 'sosialisasi'] as const;
export const NONKLASIKAL_PATHS = [
  'e-learning',
  // An online seminar: nonklasikal (distance learning), unlike the classroom seminar.
  'webinar',
  'coaching',
  'mentoring',
  'pembelajaran-jarak-jauh',
  'detasering',
  'magang',
  'pertukaran',
  'belajar-mandiri',
  'komunitas-belajar',
] as const;
export const LEARNING_PATHS = [...KLASIKAL_PATHS, ...NONKLASIKAL_PATHS] as const;
export type LearningPath = (typeof LEARNING_PATHS)[number];

export const LEARNING_MODE_LABELS: Readonly<Record<LearningMode, LocalizedText>> = Object.freeze({
  klasikal: { id: 'Klasikal', en: 'Classroom' },
  nonklasikal: { id: 'Nonklasikal', en: 'Non-classroom' },
});

export const LEARNING_PATH_LABELS: Readonly<Record<LearningPath, LocalizedText>> = Object.freeze({
  pelatihan: { id: 'Pelatihan', en: 'Training' },
  seminar: { id: 'Seminar', en: 'Seminar' },
  kursus: { id: 'Kursus', en: 'Course' },
  penataran: { id: 'Penataran', en: 'Upgrading course' },
  'bimbingan-teknis': { id: 'Bimbingan teknis', en: 'Technical guidance' },
  sosialisasi: { id: 'Sosialisasi', en: 'Briefing' },
  'e-learning': { id: 'E-learning', en: 'E-learning' },
  webinar: { id: 'Webinar (seminar daring)', en: 'Webinar (online seminar)' },
  coaching: { id: 'Coaching', en: 'Coaching' },
  mentoring: { id: 'Mentoring', en: 'Mentoring' },
  'pembelajaran-jarak-jauh': { id: 'Pembelajaran jarak jauh', en: 'Distance learning' },
  detasering: { id: 'Detasering', en: 'Secondment' },
  magang: { id: 'Magang', en: 'Internship' },
  pertukaran: { id: 'Pertukaran', en: 'Staff exchange' },
  'belajar-mandiri': { id: 'Belajar mandiri', en: 'Self-study' },
  'komunitas-belajar': { id: 'Komunitas belajar', en: 'Learning community' },
});

/** The mode a learning path belongs to. */
export function learningModeOfPath(path: LearningPath): LearningMode {
  return (KLASIKAL_PATHS as readonly string[]).includes(path) ? 'klasikal' : 'nonklasikal';
}

export interface LearningInput {
  learner: {
    name: string;
    /** 18 digits, spaces removed. */
    nip: string;
    /** When given, the NIP must be valid as this kind; otherwise PNS or PPPK is accepted. */
    nipKind?: NipKind;
    /** For sending the claim offer; never put into the credential. */
    email?: string;
  };
  course: {
    /** The provider's own course code. */
    id?: string;
    /** Indonesian name, English optional; a plain string in the request means `{id}`. */
    name: LocalizedName;
    /** Same shorthand as `name`. */
    description: LocalizedName;
    /** How the learner earned it (Markdown allowed); a sentence is generated when absent. */
    criteria?: string;
  };
  competency: {
    type: CompetencyType;
    code: string;
    level: CompetencyLevel;
    /** Required for teknis and pemerintahan; ignored for the national catalogue codes. A plain string means `{id}`. */
    name?: LocalizedName;
  };
  /** Jam pelajaran earned: > 0, ≤ 1000, at most 2 decimals. */
  jp: number;
  learningMode: LearningMode;
  learningPath: LearningPath;
  /** `YYYY-MM-DD` */
  startDate: string;
  /** `YYYY-MM-DD`, not before startDate, not after today. */
  endDate: string;
  /** ISO 8601 date-time with a time zone; after endDate and after now. */
  validUntil?: string;
  result?: { score?: number; grade?: string; passed?: boolean };
  /** https only. */
  evidenceUrl?: string;
}

export type LearningInputErrorCode =
  | 'FIELD_REQUIRED'
  | 'FIELD_TYPE'
  | 'FIELD_EMPTY'
  | 'FIELD_TOO_LONG'
  | 'FIELD_RANGE'
  | 'FIELD_ENUM'
  | 'FIELD_FORMAT'
  | 'FIELD_UNKNOWN'
  | 'FIELD_INVALID'
  | 'TEXT_CONTROL_CHAR'
  | 'COURSE_ID_FORMAT'
  | 'EMAIL_FORMAT'
  | 'JP_PRECISION'
  | 'SCORE_PRECISION'
  | 'DATE_INVALID'
  | 'DATE_FUTURE'
  | 'DATE_ORDER'
  | 'DATETIME_INVALID'
  | 'VALID_UNTIL_ORDER'
  | 'VALID_UNTIL_PAST'
  | 'LEARNING_PATH_MODE'
  | 'URL_HTTPS'
  | 'NIP_FORMAT'
  | 'NIP_BIRTH_DATE'
  | 'NIP_APPOINTMENT'
  | 'NIP_GENDER'
  | 'NIP_SEQUENCE'
  | 'COMPETENCY_TYPE'
  | 'COMPETENCY_CODE'
  | 'COMPETENCY_NAME_REQUIRED'
  | 'COMPETENCY_LEVEL';

export interface LearningInputError {
  /** Dot path of the field (`learner.nip`); '' for the whole input. */
  field: string;
  code: LearningInputErrorCode;
  message: LocalizedText;
}

export type LearningInputResult = { ok: true; value: LearningInput } | { ok: false; errors: LearningInputError[] };

const MESSAGES: Record<Exclude<LearningInputErrorCode, `NIP_${string}` | `COMPETENCY_${string}`>, LocalizedText> = {
  FIELD_REQUIRED: { id: 'Wajib diisi.', en: 'Required.' },
  FIELD_TYPE: { id: 'Jenis data salah.', en: 'Wrong data type.' },
  FIELD_EMPTY: { id: 'Tidak boleh kosong.', en: 'Must not be empty.' },
  FIELD_TOO_LONG: { id: 'Terlalu panjang.', en: 'Too long.' },
  FIELD_RANGE: { id: 'Nilai di luar rentang yang diizinkan.', en: 'Value out of the allowed range.' },
  FIELD_ENUM: { id: 'Bukan salah satu pilihan yang diizinkan.', en: 'Not one of the allowed values.' },
  FIELD_FORMAT: { id: 'Format tidak valid.', en: 'Invalid format.' },
  FIELD_UNKNOWN: { id: 'Kolom tidak dikenal.', en: 'Unknown field.' },
  FIELD_INVALID: { id: 'Tidak valid.', en: 'Invalid.' },
  TEXT_CONTROL_CHAR: {
    id: 'Teks mengandung karakter kontrol atau karakter arah teks yang tidak diizinkan.',
    en: 'Text contains control or text-direction characters that are not allowed.',
  },
  COURSE_ID_FORMAT: {
    id: 'Kode kursus hanya boleh berisi huruf, angka, titik, garis bawah, tanda hubung dan garis miring (maks. 64).',
    en: 'A course code may only contain letters, digits, dot, underscore, hyphen and slash (max. 64).',
  },
  EMAIL_FORMAT: { id: 'Alamat surel tidak valid.', en: 'Invalid email address.' },
  JP_PRECISION: { id: 'JP boleh memiliki paling banyak 2 angka desimal.', en: 'JP may have at most 2 decimal places.' },
  SCORE_PRECISION: { id: 'Nilai boleh memiliki paling banyak 2 angka desimal.', en: 'The score may have at most 2 decimal places.' },
  DATE_INVALID: {
    id: 'Tanggal harus berformat YYYY-MM-DD dan benar-benar ada (tahun 1900 atau sesudahnya).',
    en: 'The date must be YYYY-MM-DD and a real day (year 1900 or later).',
  },
  DATE_FUTURE: { id: 'Tanggal tidak boleh di masa depan.', en: 'The date must not be in the future.' },
  DATE_ORDER: { id: 'Tanggal selesai tidak boleh sebelum tanggal mulai.', en: 'The end date must not be before the start date.' },
  DATETIME_INVALID: {
    id: 'Waktu harus berformat ISO 8601 lengkap dengan zona waktu, mis. 2027-12-31T23:59:59+07:00.',
    en: 'The time must be a full ISO 8601 date-time with a time zone, e.g. 2027-12-31T23:59:59+07:00.',
  },
  VALID_UNTIL_ORDER: { id: 'Masa berlaku harus berakhir setelah tanggal selesai.', en: 'Validity must end after the end date.' },
  VALID_UNTIL_PAST: { id: 'Masa berlaku sudah lewat.', en: 'The validity end has already passed.' },
  LEARNING_PATH_MODE: {
    id: 'Jalur pembelajaran tidak sesuai dengan bentuk pembelajaran (klasikal/nonklasikal).',
    en: 'The learning path does not belong to the learning mode (klasikal/nonklasikal).',
  },
  URL_HTTPS: { id: 'Tautan harus berupa URL https.', en: 'The link must be an https URL.' },
};

function messageFor(code: LearningInputErrorCode): LocalizedText {
  if (code.startsWith('COMPETENCY_')) return competencyErrorMessage(code as Parameters<typeof competencyErrorMessage>[0]);
  if (code.startsWith('NIP_')) {
    // parseNip produces these; the message is taken from its result where available.
    return { id: 'NIP tidak valid.', en: 'Invalid NIP.' };
  }
  return MESSAGES[code as keyof typeof MESSAGES];
}

// ---------------------------------------------------------------------------------------
// Field rules (each field on its own; rules that relate fields are in crossFieldErrors)

type RefineCtx = z.RefinementCtx;
const issue = (ctx: RefineCtx, code: LearningInputErrorCode): void => {
  ctx.addIssue({ code: 'custom', message: messageFor(code).en, params: { code } });
};

/** C0/C1 controls, line/paragraph separators, bidi embedding/override/isolate, lone surrogates. */
const FORBIDDEN_SINGLE_LINE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;
/** The same, but newline and tab are allowed. */
const FORBIDDEN_MULTI_LINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

function singleLineText(max: number) {
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(1)
    .max(max)
    .superRefine((v, ctx) => {
      if (FORBIDDEN_SINGLE_LINE.test(v)) issue(ctx, 'TEXT_CONTROL_CHAR');
    });
}

function multiLineText(max: number) {
  return z
    .string()
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .normalize('NFC')
    .trim()
    .min(1)
    .max(max)
    .superRefine((v, ctx) => {
      if (FORBIDDEN_MULTI_LINE.test(v)) issue(ctx, 'TEXT_CONTROL_CHAR');
    });
}

/** A plain string is shorthand for `{id: string}` (Indonesian only). */
const asLocalized = (v: unknown): unknown => (typeof v === 'string' ? { id: v } : v);
const localizedName = (max: number) =>
  z.preprocess(asLocalized, z.strictObject({ id: singleLineText(max), en: singleLineText(max).optional() }));
const localizedText = (max: number) =>
  z.preprocess(asLocalized, z.strictObject({ id: multiLineText(max), en: multiLineText(max).optional() }));

/** At most two decimals, allowing for binary floating point (0.1 + 0.2 style noise). */
function hasAtMostTwoDecimals(n: number): boolean {
  const scaled = n * 100;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** Instant of a full ISO 8601 date-time with a time zone (real calendar date), or undefined. */
function instantOf(value: unknown): number | undefined {
  const r = parseDateTime(value);
  return r.ok ? r.date.getTime() : undefined;
}

function isPlausibleDate(v: string): boolean {
  return isIsoDate(v) && v >= '1900-01-01';
}

function courseDate() {
  return z.string().superRefine((v, ctx) => {
    if (!isPlausibleDate(v)) issue(ctx, 'DATE_INVALID');
  });
}

/**
 * The rules of each field on its own. They do not depend on the clock, so the schemas are
 * built once (building zod schemas costs milliseconds; a cohort has thousands of rows).
 */
function fieldSchemas() {
  const learner = z.strictObject({
    name: singleLineText(200),
    // Only the shape here; the NIP rules (which depend on nipKind and the clock) are in
    // crossFieldErrors so that they run even when other learner fields are wrong.
    nip: z
      .string()
      .max(64)
      .transform((v) => v.replaceAll(' ', '')),
    nipKind: z.enum(['PNS', 'PPPK']).optional(),
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email())
      .optional(),
  });

  const course = z.strictObject({
    id: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        if (!/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/.test(v)) issue(ctx, 'COURSE_ID_FORMAT');
      })
      .optional(),
    name: localizedName(300),
    description: localizedText(4000),
    criteria: multiLineText(4000).optional(),
  });

  const competency = z.strictObject({
    type: z.enum(COMPETENCY_TYPES),
    code: z.string().trim().min(1).max(40),
    level: z.custom<CompetencyLevel>(isCompetencyLevel, { params: { code: 'COMPETENCY_LEVEL' } }),
    name: localizedName(200).optional(),
  });

  const jp = z
    .number()
    .positive()
    .max(1000)
    .superRefine((v, ctx) => {
      if (!hasAtMostTwoDecimals(v)) issue(ctx, 'JP_PRECISION');
    });

  const validUntil = z.string().superRefine((v, ctx) => {
    if (instantOf(v) === undefined) issue(ctx, 'DATETIME_INVALID');
  });

  const result = z.strictObject({
    score: z
      .number()
      .min(0)
      .max(100)
      .superRefine((v, ctx) => {
        if (!hasAtMostTwoDecimals(v)) issue(ctx, 'SCORE_PRECISION');
      })
      .optional(),
    grade: singleLineText(20).optional(),
    passed: z.boolean().optional(),
  });

  const evidenceUrl = z
    .string()
    .trim()
    .max(2048)
    .superRefine((v, ctx) => {
      if (!isHttpsUrl(v)) issue(ctx, 'URL_HTTPS');
    })
    .transform((v) => new URL(v).href);

  return {
    learner,
    course,
    competency,
    jp,
    learningMode: z.enum(LEARNING_MODES),
    learningPath: z.enum(LEARNING_PATHS),
    startDate: courseDate(),
    endDate: courseDate(),
    validUntil: validUntil.optional(),
    result: result.optional(),
    evidenceUrl: evidenceUrl.optional(),
  };
}


const FIELDS = fieldSchemas();
const BASE_SCHEMA = z.strictObject(FIELDS);

// Compile-time proof that the schema's output is a LearningInput.
const _outputIsLearningInput = (v: z.output<typeof BASE_SCHEMA>): LearningInput => v;

// ---------------------------------------------------------------------------------------
// Rules that relate fields or need the clock. They read the raw input and re-check each
// field they use with its own rule, so they run (and report) even when unrelated fields
// are wrong (zod skips object-level refinements after such errors).

/** Used when no clock is given: every "not after now" rule passes. */
const END_OF_TIME = new Date(Date.UTC(9999, 11, 31));

type Err = Omit<LearningInputError, 'message'> & { message?: LocalizedText };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function crossFieldErrors(raw: unknown, now: Date | undefined): Err[] {
  const out: Err[] = [];
  if (!isRecord(raw)) return out;
  const f = FIELDS;
  const get = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const r = schema.safeParse(value);
    return r.success ? r.data : undefined;
  };

  // NIP, read as the declared kind (or either kind when none or an invalid one is declared).
  if (isRecord(raw.learner)) {
    const nip = get(f.learner.shape.nip, raw.learner.nip);
    if (nip !== undefined) {
      const kind = get(f.learner.shape.nipKind, raw.learner.nipKind) ?? 'auto';
      const r = parseNip(nip, { kind, now: now ?? END_OF_TIME });
      if (!r.ok) out.push({ field: 'learner.nip', code: r.code, message: r.message });
    }
  }

  // Competency code must exist for its type; teknis/pemerintahan need a name.
  if (isRecord(raw.competency)) {
    const type = get(f.competency.shape.type, raw.competency.type);
    const code = get(f.competency.shape.code, raw.competency.code);
    const nameRaw = raw.competency.name;
    const name = get(f.competency.shape.name, nameRaw);
    const nameInvalid = nameRaw !== undefined && name === undefined;
    if (type !== undefined && code !== undefined) {
      const r = lookupCompetency(type, code, name);
      if (!r.ok && r.code === 'COMPETENCY_CODE') out.push({ field: 'competency.code', code: r.code, message: r.message });
      if (!r.ok && r.code === 'COMPETENCY_NAME_REQUIRED' && !nameInvalid) {
        out.push({ field: 'competency.name', code: r.code, message: r.message });
      }
    }
  }

  const mode = get(f.learningMode, raw.learningMode);
  const path = get(f.learningPath, raw.learningPath);
  if (mode !== undefined && path !== undefined && learningModeOfPath(path) !== mode) {
    out.push({ field: 'learningPath', code: 'LEARNING_PATH_MODE' });
  }

  const start = get(f.startDate, raw.startDate);
  const end = get(f.endDate, raw.endDate);
  const today = now ? todayInIndonesia(now) : undefined;
  const startFuture = today !== undefined && start !== undefined && start > today;
  const endFuture = today !== undefined && end !== undefined && end > today;
  if (startFuture) out.push({ field: 'startDate', code: 'DATE_FUTURE' });
  if (endFuture) out.push({ field: 'endDate', code: 'DATE_FUTURE' });
  else if (start !== undefined && end !== undefined && start > end) out.push({ field: 'endDate', code: 'DATE_ORDER' });

  const validUntil = get(f.validUntil, raw.validUntil);
  const until = validUntil === undefined ? undefined : instantOf(validUntil);
  if (until !== undefined) {
    // Issuing an already-expired credential is never intended.
    if (now && until <= now.getTime()) out.push({ field: 'validUntil', code: 'VALID_UNTIL_PAST' });
    // "After endDate": later than the last second of that day in UTC.
    else if (end !== undefined && until <= Date.parse(`${end}T23:59:59Z`)) out.push({ field: 'validUntil', code: 'VALID_UNTIL_ORDER' });
  }
  return out;
}

/**
 * Build the schema. With `now`, dates are also checked against the clock (course dates not
 * in the future, validUntil not past, NIP birth/appointment not after now).
 */
export function createLearningInputSchema(now?: Date) {
  return BASE_SCHEMA.superRefine((value, ctx) => {
    for (const e of crossFieldErrors(value, now)) {
      ctx.addIssue({ code: 'custom', path: e.field.split('.'), message: (e.message ?? messageFor(e.code)).en, params: { code: e.code } });
    }
  });
}

/**
 * The schema without a clock: every rule except those comparing a date with "now".
 * Use `parseLearningInput(input, now)` to validate a request.
 */
export const learningInputSchema = createLearningInputSchema();

/**
 * Validate and normalise a learning record. Returns every error found, not just the first.
 * On success, strings are trimmed/NFC-normalised, the NIP has no spaces, the evidence URL
 * is in canonical form.
 */
export function parseLearningInput(input: unknown, now: Date): LearningInputResult {
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) throw new TypeError('parseLearningInput needs a valid clock (now)');
  return validateLearningInput(input, now);
}

/**
 * `parseLearningInput` with an optional clock: without `now`, the rules that compare a
 * date with the present are skipped (used by the credential builder, whose caller has
 * already checked the record against the real clock).
 */
export function validateLearningInput(input: unknown, now: Date | undefined): LearningInputResult {
  if (!isRecord(input)) return { ok: false, errors: [{ field: '', code: 'FIELD_TYPE', message: messageFor('FIELD_TYPE') }] };

  const base = BASE_SCHEMA.safeParse(input);
  const errors: LearningInputError[] = [];
  const seen = new Set<string>();
  const add = (e: Err): void => {
    const key = `${e.field}\u0000${e.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push({ field: e.field, code: e.code, message: e.message ?? messageFor(e.code) });
  };
  if (!base.success) for (const iss of base.error.issues) for (const e of fromZodIssue(iss, input)) add(e);
  for (const e of crossFieldErrors(input, now)) add(e);

  if (base.success && errors.length === 0) return { ok: true, value: base.data };
  return { ok: false, errors };
}

/** Codes for the enum/format rules of particular fields (zod does not carry params there). */
const FIELD_CODES: Readonly<Record<string, LearningInputErrorCode>> = {
  'competency.type': 'COMPETENCY_TYPE',
  'learner.email': 'EMAIL_FORMAT',
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (!isRecord(v) || typeof key === 'symbol' || !Object.hasOwn(v, key)) return undefined;
    v = v[key as string];
  }
  return v;
}

function fromZodIssue(iss: z.core.$ZodIssue, input: unknown): Err[] {
  const field = iss.path.map(String).join('.');
  if (iss.code === 'unrecognized_keys') {
    return iss.keys.map((k) => ({ field: [...iss.path.map(String), k].join('.'), code: 'FIELD_UNKNOWN' as const }));
  }
  const missing = iss.path.length > 0 && valueAt(input, iss.path) === undefined;
  if (missing && (iss.code === 'invalid_type' || iss.code === 'custom' || iss.code === 'invalid_value')) {
    return [{ field, code: 'FIELD_REQUIRED' }];
  }
  switch (iss.code) {
    case 'custom': {
      const code = (iss.params as { code?: LearningInputErrorCode } | undefined)?.code ?? 'FIELD_INVALID';
      return [{ field, code }];
    }
    case 'invalid_type':
      return [{ field, code: 'FIELD_TYPE' }];
    case 'too_small':
      return [{ field, code: iss.origin === 'string' ? 'FIELD_EMPTY' : 'FIELD_RANGE' }];
    case 'too_big':
      return [{ field, code: iss.origin === 'string' ? 'FIELD_TOO_LONG' : 'FIELD_RANGE' }];
    case 'invalid_value':
      return [{ field, code: FIELD_CODES[field] ?? 'FIELD_ENUM' }];
    case 'invalid_format':
      return [{ field, code: FIELD_CODES[field] ?? 'FIELD_FORMAT' }];
    default:
      return [{ field, code: 'FIELD_INVALID' }];
  }
}
