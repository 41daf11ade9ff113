import { describe, expect, it } from 'vitest';
import { maskNip, parseNip, type NipKind } from '../../../shared/model/index.js';

const NOW = new Date('2025-11-22T06:48:00Z');

describe('parseNip: valid identifiers', () => {
  const valid: Array<[string, string, NipKind | 'auto', { nip: string; kind: NipKind; birthDate: string; gender: 'male' | 'female' }]> = [
    ['PNS from the design notes', '198609262015051001', 'auto', { nip: '198609262015051001', kind: 'PNS', birthDate: '1986-09-26', gender: 'male' }],
    ['PNS written with spaces', '19860926 201505 1 001', 'auto', { nip: '198609262015051001', kind: 'PNS', birthDate: '1986-09-26', gender: 'male' }],
    ['leading and trailing spaces', '  198609262015051001  ', 'PNS', { nip: '198609262015051001', kind: 'PNS', birthDate: '1986-09-26', gender: 'male' }],
    ['PNS, female, sequence 999', '199001012019032999', 'PNS', { nip: '199001012019032999', kind: 'PNS', birthDate: '1990-01-01', gender: 'female' }],
    ['29 February of a leap year', '198402292010011001', 'auto', { nip: '198402292010011001', kind: 'PNS', birthDate: '1984-02-29', gender: 'male' }],
    ['18 in the month of appointment (birthday later that month)', '199006302008061001', 'PNS', { nip: '199006302008061001', kind: 'PNS', birthDate: '1990-06-30', gender: 'male' }],
    ['appointed this month', '199001012025111001', 'PNS', { nip: '199001012025111001', kind: 'PNS', birthDate: '1990-01-01', gender: 'male' }],
    ['PPPK: code 21 is no month', '199205142023211001', 'auto', { nip: '199205142023211001', kind: 'PPPK', birthDate: '1992-05-14', gender: 'male' }],
    ['PPPK: code 00', '199205142023002005', 'PPPK', { nip: '199205142023002005', kind: 'PPPK', birthDate: '1992-05-14', gender: 'female' }],
    ['PPPK: code that looks like a month, kind given', '199205142023051001', 'PPPK', { nip: '199205142023051001', kind: 'PPPK', birthDate: '1992-05-14', gender: 'male' }],
    ['auto: month 13 is not PNS, so PPPK', '198609262015131001', 'auto', { nip: '198609262015131001', kind: 'PPPK', birthDate: '1986-09-26', gender: 'male' }],
    // 17 years 6 months at a PNS appointment month, but 18 by year as PPPK.
    ['auto: falls back to PPPK when only PPPK fits', '199012152008061001', 'auto', { nip: '199012152008061001', kind: 'PPPK', birthDate: '1990-12-15', gender: 'male' }],
  ];
  it.each(valid)('%s', (_label, input, kind, expected) => {
    expect(parseNip(input, { kind, now: NOW })).toEqual({ ok: true, ...expected });
  });

  it('defaults to auto', () => {
    expect(parseNip('199205142023211001', { now: NOW })).toMatchObject({ ok: true, kind: 'PPPK' });
  });
});

describe('parseNip: invalid identifiers', () => {
  const invalid: Array<[string, string, NipKind | 'auto', string]> = [
    ['17 digits', '19860926201505100', 'auto', 'NIP_FORMAT'],
    ['19 digits', '1986092620150510011', 'auto', 'NIP_FORMAT'],
    ['empty', '', 'auto', 'NIP_FORMAT'],
    ['a letter', '19860926201505100A', 'auto', 'NIP_FORMAT'],
    ['dots', '19860926.201505.1.001', 'auto', 'NIP_FORMAT'],
    ['dashes', '19860926-201505-1-001', 'auto', 'NIP_FORMAT'],
    ['a tab', '19860926\t201505 1 001', 'auto', 'NIP_FORMAT'],
    ['a newline', '198609262015051001\n', 'auto', 'NIP_FORMAT'],
    ['non-breaking space', '19860926\u00a0201505 1 001', 'auto', 'NIP_FORMAT'],
    ['full-width digits', '１９８６０９２６２０１５０５１００１', 'auto', 'NIP_FORMAT'],
    ['Arabic-Indic digits', '١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١', 'auto', 'NIP_FORMAT'],
    ['minus sign', '-98609262015051001', 'auto', 'NIP_FORMAT'],
    ['absurdly long', '1'.repeat(10_000), 'auto', 'NIP_FORMAT'],
    ['30 February 1986', '198602302015051001', 'auto', 'NIP_BIRTH_DATE'],
    ['30 February 2024 (design notes)', '202402302045011001', 'auto', 'NIP_BIRTH_DATE'],
    ['29 February of a non-leap year', '198502292010011001', 'auto', 'NIP_BIRTH_DATE'],
    ['birth month 13', '198613262015051001', 'auto', 'NIP_BIRTH_DATE'],
    ['birth day 00', '198609002015051001', 'auto', 'NIP_BIRTH_DATE'],
    ['born in the future', '203001012050011001', 'auto', 'NIP_BIRTH_DATE'],
    ['born before 1900', '189906011920011001', 'auto', 'NIP_BIRTH_DATE'],
    ['appointment month 00 as PNS', '198609262015001001', 'PNS', 'NIP_APPOINTMENT'],
    ['appointment month 13 as PNS', '198609262015131001', 'PNS', 'NIP_APPOINTMENT'],
    ['appointed at 16 (PNS)', '198609262003051001', 'PNS', 'NIP_APPOINTMENT'],
    ['appointed at 16 (auto reports the PNS reading)', '198609262003051001', 'auto', 'NIP_APPOINTMENT'],
    ['appointed before birth', '198609261980051001', 'auto', 'NIP_APPOINTMENT'],
    ['17 years 11 months at appointment', '199007012008061001', 'PNS', 'NIP_APPOINTMENT'],
    ['appointed at 65', '195001012015011001', 'auto', 'NIP_APPOINTMENT'],
    ['appointment next month', '199001012025121001', 'PNS', 'NIP_APPOINTMENT'],
    ['appointment in a future year', '198609262026011001', 'auto', 'NIP_APPOINTMENT'],
    ['PPPK year in the future', '199205142026211001', 'PPPK', 'NIP_APPOINTMENT'],
    ['PPPK appointed at 17', '199205142009211001', 'PPPK', 'NIP_APPOINTMENT'],
    ['PPPK appointed at 61', '195001012011211001', 'PPPK', 'NIP_APPOINTMENT'],
    ['gender digit 3', '198609262015053001', 'auto', 'NIP_GENDER'],
    ['gender digit 0', '198609262015050001', 'auto', 'NIP_GENDER'],
    ['PPPK gender digit 9', '199205142023219001', 'auto', 'NIP_GENDER'],
    ['sequence 000', '198609262015051000', 'auto', 'NIP_SEQUENCE'],
    ['PPPK sequence 000', '199205142023211000', 'auto', 'NIP_SEQUENCE'],
  ];
  it.each(invalid)('%s → %s', (_label, input, kind, code) => {
    const r = parseNip(input, { kind, now: NOW });
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) {
      expect(r.message.id).not.toBe('');
      expect(r.message.en).not.toBe('');
    }
  });

  it('never echoes the input in its result (personal data)', () => {
    for (const [, input, kind] of invalid) {
      const json = JSON.stringify(parseNip(input, { kind, now: NOW }));
      const digits = input.replace(/[^0-9]/g, '');
      if (digits.length >= 6) expect(json).not.toContain(digits.slice(0, 6));
    }
  });

  it('checks in a fixed order: birth date before gender and sequence', () => {
    expect(parseNip('198602302015053000', { now: NOW })).toMatchObject({ code: 'NIP_BIRTH_DATE' });
    expect(parseNip('198609262015053000', { now: NOW })).toMatchObject({ code: 'NIP_GENDER' });
  });

  it('uses the injected clock, not the machine clock', () => {
    const nip = '199001012025111001'; // appointed November 2025
    expect(parseNip(nip, { kind: 'PNS', now: new Date('2025-10-15T00:00:00Z') })).toMatchObject({ ok: false, code: 'NIP_APPOINTMENT' });
    expect(parseNip(nip, { kind: 'PNS', now: new Date('2025-11-01T00:00:00Z') })).toMatchObject({ ok: true });
  });

  it('a non-string input is a format error, not a crash', () => {
    expect(parseNip(198609262015051001 as unknown as string, { now: NOW })).toMatchObject({ ok: false, code: 'NIP_FORMAT' });
    expect(parseNip(undefined as unknown as string, { now: NOW })).toMatchObject({ ok: false, code: 'NIP_FORMAT' });
  });
});

describe('maskNip', () => {
  it.each([
    ['198609262015051001', '1986***********001'],
    ['19860926 201505 1 001', '1986***********001'],
    ['not a nip', '******************'],
    ['12345', '******************'],
    ['', '******************'],
  ])('%s → %s', (input, masked) => {
    expect(maskNip(input)).toBe(masked);
    expect(maskNip(input)).toHaveLength(18);
  });
});
