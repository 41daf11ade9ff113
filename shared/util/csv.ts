/**
 * RFC 4180 CSV reading (comma, double-quote escaping, CRLF or LF), one tokenizer shared by
 * the issuer's streamed cohort upload and the verifier's roster upload, with the same row
 * and cell caps. Runs in Node and in the browser.
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

  constructor(private readonly onRow: (cells: string[]) => void) {}

  push(text: string): void {
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
      else if (ch === ',') this.endCell();
      else if (ch === '\n' || ch === '\r') {
        this.lastWasCr = ch === '\r';
        this.endRow();
      } else this.append(ch!);
    }
  }

  end(): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    if (this.quoted) throw new AppError('CSV_SYNTAX', 'Unterminated quoted cell in the CSV.', { status: 400 });
    if (this.cell !== '' || this.row.length > 0) this.endRow();
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
