import { describe, expect, it } from 'vitest';
import { COMPETENCY_TYPES, competencyTypeOfCode, isCompetencyLevel, listCatalogueCompetencies, lookupCompetency } from '../../../shared/model/index.js';

const MSK = 'Kamus Kompetensi Manajerial dan Sosial Kultural ASN (Permenpan RB 38/2017)';

describe('lookupCompetency: the national catalogue', () => {
  it.each([
    ['M.01', 'Integritas', 'Integrity'],
    ['M.02', 'Kerjasama', 'Teamwork'],
    ['M.03', 'Komunikasi', 'Communication'],
    ['M.04', 'Orientasi pada Hasil', 'Results orientation'],
    ['M.05', 'Pelayanan Publik', 'Public service'],
    ['M.06', 'Pengembangan Diri dan Orang Lain', 'Developing self and others'],
    ['M.07', 'Mengelola Perubahan', 'Managing change'],
    ['M.08', 'Pengambilan Keputusan', 'Decision making'],
  ])('manajerial %s = %s / %s', (code, id, en) => {
    expect(lookupCompetency('manajerial', code)).toEqual({ ok: true, competency: { type: 'manajerial', code, name: { id, en }, framework: MSK } });
  });

  it('sosial-kultural SK.01 = Perekat Bangsa / Nation unifier', () => {
    expect(lookupCompetency('sosial-kultural', 'SK.01')).toEqual({
      ok: true,
      competency: { type: 'sosial-kultural', code: 'SK.01', name: { id: 'Perekat Bangsa', en: 'Nation unifier' }, framework: MSK },
    });
  });

  it('a provider cannot rename a catalogue competency', () => {
    const r = lookupCompetency('manajerial', 'M.01', { id: 'Kejujuran Versi Kami' });
    expect(r.ok && r.competency.name.id).toBe('Integritas');
  });

  it('lists the 9 fixed codes', () => {
    expect(listCatalogueCompetencies().map((c) => c.code)).toEqual(['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01']);
  });
});

describe('lookupCompetency: agency and regional codes', () => {
  it('teknis T.<AGENCY>.<nn> takes the supplied name; the framework names the agency', () => {
    expect(lookupCompetency('teknis', 'T.LAN.01', { id: 'Analisis Kebijakan', en: 'Policy analysis' })).toEqual({
      ok: true,
      competency: { type: 'teknis', code: 'T.LAN.01', name: { id: 'Analisis Kebijakan', en: 'Policy analysis' }, framework: 'Kamus Kompetensi Teknis LAN' },
    });
    expect(lookupCompetency('teknis', 'T.KEMENKEU2.123', { id: 'Perbendaharaan' })).toMatchObject({ ok: true });
  });

  it('pemerintahan P.<nn> takes the supplied name', () => {
    expect(lookupCompetency('pemerintahan', 'P.03', { id: 'Etika Pemerintahan' })).toMatchObject({
      ok: true,
      competency: { type: 'pemerintahan', code: 'P.03', name: { id: 'Etika Pemerintahan' } },
    });
  });

  const invalid: Array<[string, string, string, { id: string; en?: string } | undefined, string]> = [
    ['unknown type', 'kepemimpinan', 'M.01', undefined, 'COMPETENCY_TYPE'],
    ['M.09 does not exist', 'manajerial', 'M.09', undefined, 'COMPETENCY_CODE'],
    ['M.1 (one digit)', 'manajerial', 'M.1', undefined, 'COMPETENCY_CODE'],
    ['lower-case m.01', 'manajerial', 'm.01', undefined, 'COMPETENCY_CODE'],
    ['M.01 is not sosial-kultural', 'sosial-kultural', 'M.01', undefined, 'COMPETENCY_CODE'],
    ['SK.02 does not exist', 'sosial-kultural', 'SK.02', undefined, 'COMPETENCY_CODE'],
    ['teknis agency in lower case', 'teknis', 'T.lan.01', { id: 'x' }, 'COMPETENCY_CODE'],
    ['teknis one-digit number', 'teknis', 'T.LAN.1', { id: 'x' }, 'COMPETENCY_CODE'],
    ['teknis four-digit number', 'teknis', 'T.LAN.1234', { id: 'x' }, 'COMPETENCY_CODE'],
    ['teknis number 00', 'teknis', 'T.LAN.00', { id: 'x' }, 'COMPETENCY_CODE'],
    ['teknis without agency', 'teknis', 'T..01', { id: 'x' }, 'COMPETENCY_CODE'],
    ['teknis with a manajerial code', 'teknis', 'M.01', { id: 'x' }, 'COMPETENCY_CODE'],
    ['teknis without a name', 'teknis', 'T.LAN.01', undefined, 'COMPETENCY_NAME_REQUIRED'],
    ['teknis with a blank name', 'teknis', 'T.LAN.01', { id: '   ' }, 'COMPETENCY_NAME_REQUIRED'],
    ['pemerintahan three digits', 'pemerintahan', 'P.001', { id: 'x' }, 'COMPETENCY_CODE'],
    ['pemerintahan P.00', 'pemerintahan', 'P.00', { id: 'x' }, 'COMPETENCY_CODE'],
    ['pemerintahan without a name', 'pemerintahan', 'P.01', undefined, 'COMPETENCY_NAME_REQUIRED'],
    ['a prototype key is no code', 'manajerial', '__proto__', undefined, 'COMPETENCY_CODE'],
    ['toString is no code', 'manajerial', 'toString', undefined, 'COMPETENCY_CODE'],
  ];
  it.each(invalid)('%s → %s', (_label, type, code, name, expected) => {
    const r = lookupCompetency(type, code, name);
    expect(r).toMatchObject({ ok: false, code: expected });
    if (!r.ok) expect(r.message.en).not.toBe('');
  });
});

describe('levels and types', () => {
  it('levels are the integers 1..5', () => {
    expect([1, 2, 3, 4, 5].every(isCompetencyLevel)).toBe(true);
    expect([0, 6, 2.5, -1, Number.NaN, '3'].some(isCompetencyLevel)).toBe(false);
  });

  it('the four competency types', () => {
    expect(COMPETENCY_TYPES).toEqual(['teknis', 'manajerial', 'sosial-kultural', 'pemerintahan']);
  });
});

describe('competencyTypeOfCode: the code names the type (standard-form credentials)', () => {
  it.each([
    ['M.01', 'manajerial'], ['M.08', 'manajerial'], ['SK.01', 'sosial-kultural'],
    ['T.LAN.01', 'teknis'], ['T.KEMENKEU.120', 'teknis'], ['P.01', 'pemerintahan'], ['P.99', 'pemerintahan'],
  ])('%s is %s', (code, type) => {
    expect(competencyTypeOfCode(code)).toBe(type);
  });

  it.each([['M.09'], ['SK.02'], ['T.LAN.00'], ['T.lan.01'], ['P.00'], ['P.1'], ['X.01'], [''], ['constructor'], ['__proto__'], [1], [undefined]])('%s names no type', (code) => {
    expect(competencyTypeOfCode(code)).toBeUndefined();
  });

  it('agrees with lookupCompetency for every code it accepts', () => {
    for (const [code, type] of [['M.03', 'manajerial'], ['SK.01', 'sosial-kultural'], ['T.LAN.01', 'teknis'], ['P.07', 'pemerintahan']] as const) {
      expect(lookupCompetency(type, code, { id: 'Nama' }).ok).toBe(true);
      expect(competencyTypeOfCode(code)).toBe(type);
    }
  });
});
