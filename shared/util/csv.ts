/**
 * RFC 4180 CSV reading (comma, double-quote escaping, CRLF or LF), shared by the issuer's
 * cohort upload and the verifier's roster upload. Runs in Node and in the browser.
 */
import { AppError } from '../errors.js';

/**
 * Parses CSV text into rows of cells. Throws CSV_SYNTAX on an unterminated quote and
 * `tooMany()` as soon as there are more than `maxRows` rows after the header (so a huge
 * upload stops early). A leading BOM (Excel) is skipped.
 */
export function parseCsvRows(text: string, maxRows: number, tooMany: () => Error): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // Excel writes a BOM
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      if (rows.length > maxRows + 1) throw tooMany();
      row = [];
    } else cell += ch;
  }
  if (quoted) throw new AppError('CSV_SYNTAX', 'Unterminated quoted cell in the CSV.', { status: 400 });
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
