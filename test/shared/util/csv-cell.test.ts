/** `csvCell`: the one CSV cell writer (results files, reports, SIASN export, the portal's template). */
import { describe, expect, it } from 'vitest';
import { csvCell, parseCsvRows } from '../../../shared/util/csv.js';

describe('csvCell', () => {
  it.each([
    ['Siti Rahmawati', 'Siti Rahmawati'],
    ['', ''],
    ['Pelatihan, tingkat dasar', '"Pelatihan, tingkat dasar"'],
    ['Dr. "Ratna"', '"Dr. ""Ratna"""'],
    ['baris\nbaru', '"baris\nbaru"'],
    ['baris\r\nbaru', '"baris\r\nbaru"'],
    // A spreadsheet would run these as formulas: a leading ' keeps them text (OWASP's list).
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+62 812', `"'+62 812"`],
    ['-1', `"'-1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ["O'Brien", `"O'Brien"`],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers, booleans and nothing', () => {
    expect([csvCell(24), csvCell(2.5), csvCell(true), csvCell(undefined)]).toEqual(['24', '2.5', 'true', '']);
  });

  it('quotes the separator it is given: `;` files keep a decimal comma unquoted', () => {
    expect(csvCell('2,5', ';')).toBe('2,5');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b')).toBe('a;b');
    expect(csvCell('2,5')).toBe('"2,5"');
  });

  it('reads back as the text written (with the leading quote of a would-be formula)', () => {
    const values = ['a,b', 'say "hi"', 'two\r\nlines', '=1+1', 'plain'];
    const [row] = parseCsvRows(values.map((v) => csvCell(v)).join(',') + '\r\n', 10, () => new Error('too many'));
    expect(row).toEqual(['a,b', 'say "hi"', 'two\r\nlines', "'=1+1", 'plain']);
  });
});
