import { describe, expect, it } from 'vitest';
import { parseDateTime, wibDate } from '../../../shared/util/dates.js';

describe('parseDateTime (xsd:dateTimeStamp)', () => {
  it.each([
    ['2026-05-20T03:00:00Z'],
    ['2026-05-20T03:00:00.123Z'],
    ['2026-05-20T10:00:00+07:00'],
  ])('accepts %s', (v) => {
    expect(parseDateTime(v).ok).toBe(true);
  });

  it.each([
    ['2026-05-20t03:00:00Z', 'DATE_INVALID'],
    ['2026-05-20T03:00:00z', 'DATE_INVALID'],
    ['2026-05-20t03:00:00z', 'DATE_INVALID'],
    ['2026-05-20T03:00:00', 'DATE_NO_TIMEZONE'],
    ['2024-02-30T00:00:00Z', 'DATE_INVALID'],
    ['Sat 25 Feb 2023 07:16:31 PM CST', 'DATE_INVALID'],
  ])('refuses %s (%s)', (v, code) => {
    const r = parseDateTime(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });
});

describe('wibDate', () => {
  it("gives the calendar date in WIB (UTC+7): the day turns at 17:00 UTC", () => {
    expect(wibDate(new Date('2026-12-31T16:59:59.999Z'))).toBe('2026-12-31');
    expect(wibDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(wibDate('2026-03-01T00:00:00+07:00')).toBe('2026-03-01');
    expect(wibDate('2026-02-28T16:59:59Z')).toBe('2026-02-28');
  });
});
