import { AppError } from '../errors.js';

/**
 * The calendar date in Indonesia's capital (WIB, UTC+7, no daylight saving), `YYYY-MM-DD`:
 * the JP year, record years and date filters turn over at local midnight, not UTC's.
 */
export function wibDate(at: Date | string): string {
  return new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** WIB's offset from UTC. */
export const WIB_OFFSET_MS = 7 * 3600 * 1000;

/** ISO 8601 UTC without milliseconds, as credentials conventionally carry it. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Case-sensitive on purpose: xsd:dateTimeStamp allows only upper-case `T` and `Z`; a
// lower-case form parses in JavaScript but other verifiers reject it.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))?$/;

export type DateTimeParse =
  | { ok: true; date: Date }
  | { ok: false; code: 'DATE_INVALID' | 'DATE_NO_TIMEZONE' };

/**
 * Strict xsd:dateTimeStamp parsing: the calendar date must exist (no 2024-02-30) and a
 * time zone is required, since a date without one means different instants to
 * different verifiers.
 */
export function parseDateTime(value: unknown): DateTimeParse {
  if (typeof value !== 'string') return { ok: false, code: 'DATE_INVALID' };
  const m = DATE_TIME.exec(value);
  if (!m) return { ok: false, code: 'DATE_INVALID' };
  const [, y, mo, d, h, mi, s, , tz, tzh, tzm] = m;
  if (!tz) return { ok: false, code: 'DATE_NO_TIMEZONE' };
  if (!isRealDate(Number(y), Number(mo), Number(d))) return { ok: false, code: 'DATE_INVALID' };
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return { ok: false, code: 'DATE_INVALID' };
  if (tzh !== undefined && (Number(tzh) > 14 || Number(tzm) > 59)) return { ok: false, code: 'DATE_INVALID' };
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return { ok: false, code: 'DATE_INVALID' };
  return { ok: true, date };
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

export function requireDateTime(value: unknown, field: string): Date {
  const r = parseDateTime(value);
  if (!r.ok) throw new AppError(r.code, `${field} is not a valid date-time with a time zone.`, { status: 422 });
  return r.date;
}
