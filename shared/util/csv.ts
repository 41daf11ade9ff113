/**
 * RFC 4180 CSV. Reading: comma — or semicolon, which spreadsheets in Indonesian and other
 * decimal-comma locales write — double-quote escaping, CRLF or LF; one tokenizer shared by
 * the issuer's streamed cohort upload and the verifier's roster upload, with the same row
 * and cell caps. Writing: `csvCell`, for every CSV the project writes. Runs in Node and in
 * the browser.
 */
import { AppError } from '../errors.js';

/** A CSV row may hold a few more cells than there are columns (trailing commas), not more. */
export const MAX_CSV_CELLS_PER_ROW = 100;
/** Longest cell: the longest field (descriptions, criteria) is 4,000 characters. */
export const MAX_CSV_CELL_CHARS = 10_000;

/**
 * An incremental RFC 4180 tokenizer: `push` text as it arrives, `end` at the end. Each
 * complete row goes to `onRow` at once, so memory holds one row, never the whole file;
 * a row wider than MAX_CSV_CELLS_PER_ROW or a cell longer than MAX_CSV_CELL_CHARS is
 * refused as soon as it is seen (a 49 MB line of commas fails after 100 commas).
 */
export class CsvTokenizer {
  private row: string[] = [];
  private cell = '';
  private quoted = false;
  /** A quote just closed inside a quoted cell: `""` (escaped) or the end of the quotes. */
  private quotePending = false;
  private lastWasCr = false;
  private started = false;

  /** Text held back until the header line shows which separator the file uses (`auto`). */
  private sniff: string | undefined;
  private delimiter: string;

  /**
   * `delimiter: 'auto'` reads the first line first: a header with semicolons and no comma
   * is a semicolon file (Excel's "CSV" in the Indonesian locale); anything else is RFC 4180.
   */
  constructor(private readonly onRow: (cells: string[]) => void, opts: { delimiter?: ',' | ';' | 'auto' } = {}) {
    this.delimiter = opts.delimiter ?? ',';
    if (this.delimiter === 'auto') this.sniff = '';
  }

  /** The separator in use (`auto` until the header line has been seen). */
  get separator(): string {
    return this.delimiter;
  }

  push(text: string): void {
    if (this.sniff !== undefined) {
      this.sniff += text;
      const nl = this.sniff.search(/[\r\n]/);
      // A header is short: stop waiting once it is already wider than any header may be, or
      // after 64 KiB, so the row and cell caps still refuse a hostile line as soon as it is seen.
      if (nl < 0 && this.sniff.length < 65_536 && !this.tooWideToWait(this.sniff)) return;
      this.decide(nl < 0 ? this.sniff : this.sniff.slice(0, nl));
      const held = this.sniff;
      this.sniff = undefined;
      this.push(held);
      return;
    }
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1; // Excel writes a BOM
    }
    for (; i < text.length; i++) {
      const ch = text[i];
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (ch === '\n') continue; // CRLF
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (ch === '"') {
          this.append('"');
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (ch === '"') this.quotePending = true;
        else this.append(ch!);
      } else if (ch === '"' && this.cell === '') this.quoted = true;
      else if (ch === this.delimiter) this.endCell();
      else if (ch === '\n' || ch === '\r') {
        this.lastWasCr = ch === '\r';
        this.endRow();
      } else this.append(ch!);
    }
  }

  end(): void {
    if (this.sniff !== undefined) {
      const held = this.sniff;
      this.decide(held);
      this.sniff = undefined;
      this.push(held);
    }
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    if (this.quoted) throw new AppError('CSV_SYNTAX', 'Unterminated quoted cell in the CSV.', { status: 400 });
    if (this.cell !== '' || this.row.length > 0) this.endRow();
  }

  private tooWideToWait(text: string): boolean {
    let commas = 0;
    let semicolons = 0;
    for (const ch of text) {
      if (ch === ',') commas++;
      else if (ch === ';') semicolons++;
    }
    return commas > MAX_CSV_CELLS_PER_ROW || semicolons > MAX_CSV_CELLS_PER_ROW;
  }

  private decide(header: string): void {
    this.delimiter = header.includes(';') && !header.includes(',') ? ';' : ',';
  }

  private append(ch: string): void {
    this.cell += ch;
    if (this.cell.length > MAX_CSV_CELL_CHARS) throw new AppError('CSV_CELL_TOO_LONG', `A CSV cell has at most ${MAX_CSV_CELL_CHARS} characters.`, { status: 400 });
  }

  private endCell(): void {
    this.row.push(this.cell);
    this.cell = '';
    if (this.row.length > MAX_CSV_CELLS_PER_ROW) throw new AppError('CSV_ROW_TOO_WIDE', `A CSV row has at most ${MAX_CSV_CELLS_PER_ROW} cells.`, { status: 400 });
  }

  private endRow(): void {
    this.endCell();
    const row = this.row;
    this.row = [];
    if (!(row.length === 1 && row[0] === '')) this.onRow(row);
  }
}

/**
 * Parses CSV text into rows of cells (the tokenizer above, all at once). Throws CSV_SYNTAX
 * on an unterminated quote and `tooMany()` as soon as there are more than `maxRows` rows
 * after the header (so a huge upload stops early). A leading BOM (Excel) is skipped.
 */
export function parseCsvRows(text: string, maxRows: number, tooMany: () => Error): string[][] {
  const rows: string[][] = [];
  const tokenizer = new CsvTokenizer((cells) => {
    rows.push(cells);
    if (rows.length > maxRows + 1) throw tooMany();
  });
  tokenizer.push(text);
  tokenizer.end();
  return rows;
}

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: text a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return; OWASP's list) gets a
 * leading `'`, and a cell holding the separator, a quote, a line break or that `'` is quoted.
 * Every CSV the project writes goes through here, so learner names from a provider's LMS
 * cannot become formulas in LAN's or an agency's spreadsheet.
 */
export function csvCell(value: string | number | boolean | undefined, separator: ',' | ';' = ','): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(separator) || /["\r\n']/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
