/**
 * The ASN competency catalogue.
 *
 * - manajerial (M.01..M.08) and sosial kultural (SK.01) are fixed national lists
 *   (Permenpan RB 38/2017): their names come from here, never from the provider.
 * - teknis codes belong to each agency's own dictionary (`T.<AGENCY>.<nn>`), and
 *   pemerintahan codes (`P.<nn>`) to the regional-government list; we check the code's
 *   shape and take the name the provider supplies.
 *
 * Levels are 1..5 for every type.
 */
import type { LocalizedText } from '../i18n.js';

export const COMPETENCY_TYPES = ['teknis', 'manajerial', 'sosial-kultural', 'pemerintahan'] as const;
export type CompetencyType = (typeof COMPETENCY_TYPES)[number];

export const COMPETENCY_LEVELS = [1, 2, 3, 4, 5] as const;
export type CompetencyLevel = (typeof COMPETENCY_LEVELS)[number];

/** A name in Indonesian, with English when known (provider-supplied names may lack it). */
export interface LocalizedName {
  id: string;
  en?: string;
}

export interface Competency {
  type: CompetencyType;
  code: string;
  name: LocalizedName;
  /** Human-readable name of the dictionary the code belongs to (Alignment.targetFramework). */
  framework: string;
}

export type CompetencyErrorCode = 'COMPETENCY_TYPE' | 'COMPETENCY_CODE' | 'COMPETENCY_NAME_REQUIRED' | 'COMPETENCY_LEVEL';

export type CompetencyLookup =
  | { ok: true; competency: Competency }
  | { ok: false; code: CompetencyErrorCode; message: LocalizedText };

export const COMPETENCY_TYPE_LABELS: Readonly<Record<CompetencyType, LocalizedText>> = Object.freeze({
  teknis: { id: 'Teknis', en: 'Technical' },
  manajerial: { id: 'Manajerial', en: 'Managerial' },
  'sosial-kultural': { id: 'Sosial Kultural', en: 'Socio-cultural' },
  pemerintahan: { id: 'Pemerintahan', en: 'Governmental' },
});

const MANAJERIAL_SK_FRAMEWORK = 'Kamus Kompetensi Manajerial dan Sosial Kultural ASN (Permenpan RB 38/2017)';
/** Regional-government competencies are set by the Minister of Home Affairs (Permendagri 108/2017). */
const PEMERINTAHAN_FRAMEWORK = 'Kompetensi Pemerintahan (Permendagri 108/2017)';
const technicalFramework = (agency: string): string => `Kamus Kompetensi Teknis ${agency}`;

const MANAJERIAL: Readonly<Record<string, Required<LocalizedName>>> = Object.freeze({
  'M.01': { id: 'Integritas', en: 'Integrity' },
  'M.02': { id: 'Kerjasama', en: 'Teamwork' },
  'M.03': { id: 'Komunikasi', en: 'Communication' },
  'M.04': { id: 'Orientasi pada Hasil', en: 'Results orientation' },
  'M.05': { id: 'Pelayanan Publik', en: 'Public service' },
  'M.06': { id: 'Pengembangan Diri dan Orang Lain', en: 'Developing self and others' },
  'M.07': { id: 'Mengelola Perubahan', en: 'Managing change' },
  'M.08': { id: 'Pengambilan Keputusan', en: 'Decision making' },
});

const SOSIAL_KULTURAL: Readonly<Record<string, Required<LocalizedName>>> = Object.freeze({
  'SK.01': { id: 'Perekat Bangsa', en: 'Nation unifier' },
});

/** `T.<agency>.<nn>`: agency 2–16 uppercase letters/digits, number 01..999 (2–3 digits, not zero). */
const TECHNICAL_CODE = /^T\.([A-Z0-9]{2,16})\.([0-9]{2,3})$/;
/** `P.<nn>`: two digits, not 00. */
const PEMERINTAHAN_CODE = /^P\.([0-9]{2})$/;

const MESSAGES: Record<CompetencyErrorCode, LocalizedText> = {
  COMPETENCY_TYPE: {
    id: 'Jenis kompetensi harus salah satu dari: teknis, manajerial, sosial-kultural, pemerintahan.',
    en: 'Competency type must be one of: teknis, manajerial, sosial-kultural, pemerintahan.',
  },
  COMPETENCY_CODE: {
    id: 'Kode kompetensi tidak dikenal untuk jenis ini (M.01–M.08, SK.01, T.<INSTANSI>.<nn>, P.<nn>).',
    en: 'Unknown competency code for this type (M.01–M.08, SK.01, T.<AGENCY>.<nn>, P.<nn>).',
  },
  COMPETENCY_NAME_REQUIRED: {
    id: 'Nama kompetensi wajib diisi untuk kompetensi teknis dan pemerintahan.',
    en: 'A competency name is required for technical and governmental competencies.',
  },
  COMPETENCY_LEVEL: {
    id: 'Level kompetensi harus bilangan bulat 1–5.',
    en: 'Competency level must be a whole number 1–5.',
  },
};

/** Bilingual message for a competency error code. */
export function competencyErrorMessage(code: CompetencyErrorCode): LocalizedText {
  return MESSAGES[code];
}

function fail(code: CompetencyErrorCode): CompetencyLookup {
  return { ok: false, code, message: MESSAGES[code] };
}

export function isCompetencyType(value: unknown): value is CompetencyType {
  return typeof value === 'string' && (COMPETENCY_TYPES as readonly string[]).includes(value);
}

export function isCompetencyLevel(value: unknown): value is CompetencyLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * Resolve a competency code of a given type.
 *
 * For manajerial and sosial-kultural the catalogue name is returned and `suppliedName` is
 * ignored (the national dictionary is authoritative; a provider cannot rename "Integritas").
 * For teknis and pemerintahan the code's shape is checked and `suppliedName` is required.
 */
export function lookupCompetency(type: string, code: string, suppliedName?: LocalizedName): CompetencyLookup {
  if (!isCompetencyType(type)) return fail('COMPETENCY_TYPE');
  if (typeof code !== 'string') return fail('COMPETENCY_CODE');
  switch (type) {
    case 'manajerial':
    case 'sosial-kultural': {
      const table = type === 'manajerial' ? MANAJERIAL : SOSIAL_KULTURAL;
      const name = Object.hasOwn(table, code) ? table[code] : undefined;
      if (!name) return fail('COMPETENCY_CODE');
      return { ok: true, competency: { type, code, name: { ...name }, framework: MANAJERIAL_SK_FRAMEWORK } };
    }
    case 'teknis': {
      const m = TECHNICAL_CODE.exec(code);
      if (!m || Number(m[2]) === 0) return fail('COMPETENCY_CODE');
      const name = suppliedNameOrUndefined(suppliedName);
      if (!name) return fail('COMPETENCY_NAME_REQUIRED');
      return { ok: true, competency: { type, code, name, framework: technicalFramework(m[1] ?? '') } };
    }
    case 'pemerintahan': {
      const m = PEMERINTAHAN_CODE.exec(code);
      if (!m || Number(m[1]) === 0) return fail('COMPETENCY_CODE');
      const name = suppliedNameOrUndefined(suppliedName);
      if (!name) return fail('COMPETENCY_NAME_REQUIRED');
      return { ok: true, competency: { type, code, name, framework: PEMERINTAHAN_FRAMEWORK } };
    }
  }
}

/**
 * The competency type a code belongs to, or undefined for a code of no ASN dictionary.
 * The four dictionaries' code grammars do not overlap (M.01–M.08 and SK.01 are fixed lists,
 * `T.<AGENCY>.<nn>` and `P.<nn>` have their own shapes), so the code alone names the type:
 * the learning credential's standard-only form says the type through the code and carries
 * no separate field that could contradict it.
 */
export function competencyTypeOfCode(code: unknown): CompetencyType | undefined {
  if (typeof code !== 'string') return undefined;
  if (Object.hasOwn(MANAJERIAL, code)) return 'manajerial';
  if (Object.hasOwn(SOSIAL_KULTURAL, code)) return 'sosial-kultural';
  const t = TECHNICAL_CODE.exec(code);
  if (t && Number(t[2]) !== 0) return 'teknis';
  const p = PEMERINTAHAN_CODE.exec(code);
  if (p && Number(p[1]) !== 0) return 'pemerintahan';
  return undefined;
}

function suppliedNameOrUndefined(name: LocalizedName | undefined): LocalizedName | undefined {
  if (!name || typeof name.id !== 'string' || name.id.trim() === '') return undefined;
  const out: LocalizedName = { id: name.id };
  if (typeof name.en === 'string' && name.en.trim() !== '') out.en = name.en;
  return out;
}

/** The fixed national codes (manajerial and sosial kultural), for pickers and docs. */
export function listCatalogueCompetencies(): Competency[] {
  return [
    ...Object.entries(MANAJERIAL).map(([code, name]): Competency => ({ type: 'manajerial', code, name: { ...name }, framework: MANAJERIAL_SK_FRAMEWORK })),
    ...Object.entries(SOSIAL_KULTURAL).map(([code, name]): Competency => ({ type: 'sosial-kultural', code, name: { ...name }, framework: MANAJERIAL_SK_FRAMEWORK })),
  ];
}
