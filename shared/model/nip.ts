/**
 * NIP (Nomor Induk Pegawai) of PNS and NI PPPK: parsing, validation and masking.
 *
 * Layout (18 ASCII digits):
 *   PNS:  YYYYMMDD YYYYMM G NNN  — birth date, month of first appointment (TMT CPNS),
 *                                  gender (1 male, 2 female), sequence 001..999
 *   PPPK: YYYYMMDD YYYY CC G NNN — birth date, appointment year, a 2-digit code (not a
 *                                  month, any 00..99), gender, sequence
 *
 * A NIP is personal data (UU 27/2022): nothing here puts the NIP, or any part of the
 * input, into an error message, so results can be logged or returned to clients.
 * Runs in Node and in the browser.
 */

import type { LocalizedText } from '../i18n.js';
import { isRealDate } from '../util/dates.js';

export type NipKind = 'PNS' | 'PPPK';

export type NipErrorCode =
  | 'NIP_FORMAT'
  | 'NIP_BIRTH_DATE'
  | 'NIP_APPOINTMENT'
  | 'NIP_GENDER'
  | 'NIP_SEQUENCE';

export type NipParseResult =
  | { ok: true; nip: string; kind: NipKind; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; code: NipErrorCode; message: LocalizedText };

export interface ParseNipOptions {
  /** Which identifier to expect; 'auto' (default) accepts either. */
  kind?: NipKind | 'auto';
  /** The injected clock: birth and appointment may not lie after it. */
  now: Date;
}

/** Youngest and oldest plausible age at first appointment, in whole years. */
const MIN_APPOINTMENT_AGE = 18;
const MAX_APPOINTMENT_AGE = 60;

/** No serving civil servant was born earlier; also keeps 2-digit years away from Date.UTC. */
const MIN_BIRTH_YEAR = 1900;

/** Anything longer than this is not a NIP with spaces; refuse before any work. */
const MAX_INPUT_LENGTH = 64;

/** Each NIP error's sentence in both languages (pages map an API's `code` back to it). */
export const NIP_ERROR_MESSAGES: Record<NipErrorCode, LocalizedText> = {
  NIP_FORMAT: {
    id: 'NIP harus terdiri atas 18 angka (spasi boleh).',
    en: 'A NIP must be 18 digits (spaces allowed).',
  },
  NIP_BIRTH_DATE: {
    id: 'Tanggal lahir dalam NIP (angka 1–8) tidak valid atau di masa depan.',
    en: 'The birth date in the NIP (digits 1–8) is not a real date or lies in the future.',
  },
  NIP_APPOINTMENT: {
    id: 'Bulan/tahun pengangkatan dalam NIP (angka 9–14) tidak valid, di masa depan, atau tidak sesuai usia kerja (18–60 tahun).',
    en: 'The appointment month/year in the NIP (digits 9–14) is not valid, lies in the future, or does not fit a working age (18–60).',
  },
  NIP_GENDER: {
    id: 'Kode jenis kelamin dalam NIP (angka 15) harus 1 atau 2.',
    en: 'The gender digit of the NIP (digit 15) must be 1 or 2.',
  },
  NIP_SEQUENCE: {
    id: 'Nomor urut dalam NIP (angka 16–18) harus 001–999.',
    en: 'The sequence number of the NIP (digits 16–18) must be 001–999.',
  },
};

function fail(code: NipErrorCode): NipParseResult {
  return { ok: false, code, message: NIP_ERROR_MESSAGES[code] };
}

/**
 * Parse and validate a PNS NIP or a PPPK NI.
 *
 * Only ASCII digits and the ordinary space (U+0020) are accepted; the spaces are removed.
 * Checks run in a fixed order (format, birth date, appointment, gender, sequence) and the
 * first failure is reported. With `kind: 'auto'` a NIP whose digits 13–14 form a month is
 * read as PNS first; when it is not a valid PNS NIP it is tried as PPPK, and the error
 * reported is the one of the reading that was preferred.
 */
export function parseNip(input: string, opts: ParseNipOptions): NipParseResult {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return fail('NIP_FORMAT');
  const nip = input.replaceAll(' ', '');
  if (!/^[0-9]{18}$/.test(nip)) return fail('NIP_FORMAT');
  const kind = opts.kind ?? 'auto';
  if (kind === 'PNS' || kind === 'PPPK') return parseAs(nip, kind, opts.now);

  const code = Number(nip.slice(12, 14));
  const preferPns = code >= 1 && code <= 12;
  const first = parseAs(nip, preferPns ? 'PNS' : 'PPPK', opts.now);
  if (first.ok || !preferPns) return first;
  const second = parseAs(nip, 'PPPK', opts.now);
  return second.ok ? second : first;
}

function parseAs(nip: string, kind: NipKind, now: Date): NipParseResult {
  const today = todayInIndonesia(now);
  if (today === undefined) return fail('NIP_APPOINTMENT');

  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  const birthDate = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  if (by < MIN_BIRTH_YEAR || !isRealDate(by, bm, bd) || birthDate > today) return fail('NIP_BIRTH_DATE');

  const ay = Number(nip.slice(8, 12));
  const currentYear = Number(today.slice(0, 4));
  const currentMonth = Number(today.slice(5, 7));
  if (kind === 'PNS') {
    const am = Number(nip.slice(12, 14));
    if (am < 1 || am > 12) return fail('NIP_APPOINTMENT');
    if (ay * 12 + am > currentYear * 12 + currentMonth) return fail('NIP_APPOINTMENT');
    // Age in whole months, counting the birth month as complete: the exact day of the
    // appointment is unknown (only its month is encoded), so we do not reject someone
    // whose 18th birthday falls later in the appointment month.
    const ageMonths = ay * 12 + am - (by * 12 + bm);
    if (ageMonths < MIN_APPOINTMENT_AGE * 12 || ageMonths >= (MAX_APPOINTMENT_AGE + 1) * 12) {
      return fail('NIP_APPOINTMENT');
    }
  } else {
    // PPPK: digits 13–14 are a code, not a month; only the year can be checked.
    if (ay > currentYear) return fail('NIP_APPOINTMENT');
    const ageYears = ay - by;
    if (ageYears < MIN_APPOINTMENT_AGE || ageYears > MAX_APPOINTMENT_AGE) return fail('NIP_APPOINTMENT');
  }

  const genderDigit = nip[14];
  if (genderDigit !== '1' && genderDigit !== '2') return fail('NIP_GENDER');
  if (nip.slice(15) === '000') return fail('NIP_SEQUENCE');

  return { ok: true, nip, kind, birthDate, gender: genderDigit === '1' ? 'male' : 'female' };
}

/**
 * Mask a NIP for display: the first 4 and the last 3 digits stay, the other 11 become `*`
 * (`198609262015051001` → `1986***********001`). Anything that is not a NIP (after removing
 * spaces) is masked completely, so a mistyped value never leaks either.
 */
export function maskNip(nip: string): string {
  if (!isNipShaped(nip)) return '*'.repeat(18);
  const digits = nip.replaceAll(' ', '');
  return `${digits.slice(0, 4)}${'*'.repeat(11)}${digits.slice(15)}`;
}

/** 18 digits once spaces are removed: a NIP's shape (its dates are not checked; see parseNip). */
export function isNipShaped(text: unknown): boolean {
  return typeof text === 'string' && /^[0-9]{18}$/.test(text.replaceAll(' ', ''));
}

/** True for a real `YYYY-MM-DD` date (no 2024-02-30, no 2023-13-01). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Offset of WIT (UTC+9), the easternmost Indonesian time zone. */
const LATEST_INDONESIAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * Today's calendar date (`YYYY-MM-DD`) in Indonesia, for "not in the future" rules on
 * dates that carry no time zone (birth dates, course dates). We take the easternmost zone
 * (WIT, UTC+9) so a course that ended "today" in Jayapura is not refused because it is
 * still yesterday in UTC; being a few hours lenient is harmless, refusing real data is not.
 * Returns undefined for an invalid Date.
 */
export function todayInIndonesia(now: Date): string | undefined {
  const t = now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isFinite(t)) return undefined;
  return new Date(t + LATEST_INDONESIAN_OFFSET_MS).toISOString().slice(0, 10);
}
