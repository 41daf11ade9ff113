/**
 * CSV cohorts (RFC 4180: comma, double-quote escaping, CRLF or LF) mapped onto learning
 * records. Column names are flat (`nip`, `courseName`, `competencyCode`, …); empty cells
 * are left out so the shared validation reports missing fields by name.
 */
import { AppError } from '../../shared/errors.js';
import { CsvTokenizer } from '../../shared/util/csv.js';

export { MAX_CSV_CELLS_PER_ROW, MAX_CSV_CELL_CHARS } from '../../shared/util/csv.js';


/**
 * CSV text pushed in pieces → learning-record objects (unvalidated), row by row: the
 * header is checked when it is complete, and at most `maxRows` data rows are accepted.
 */
export class CsvRecordReader {
  private header: string[] | undefined;
  private readonly records: unknown[] = [];
  private readonly tokenizer: CsvTokenizer;

  constructor(private readonly maxRows: number) {
    this.tokenizer = new CsvTokenizer((cells) => this.row(cells), { delimiter: 'auto' });
  }

  push(text: string): void {
    this.tokenizer.push(text);
  }

  end(): unknown[] {
    this.tokenizer.end();
    return this.records;
  }

  private row(cells: string[]): void {
    if (!this.header) {
      checkHeader(cells);
      this.header = cells;
      return;
    }
    if (this.records.length >= this.maxRows) throw tooManyRows(this.maxRows);
    // A semicolon file comes from a decimal-comma spreadsheet: its "2,5" JP means 2.5.
    this.records.push(toRecord(this.header, cells, this.tokenizer.separator === ';'));
  }
}

function tooManyRows(maxRows: number): AppError {
  return new AppError('BATCH_TOO_LARGE', `A cohort has at most ${maxRows} rows.`, { status: 413 });
}

type Setter = (rec: Record<string, unknown>, v: string) => void;

function at(path: string[], convert: (v: string) => unknown = (v) => v): Setter {
  return (rec, v) => {
    let o = rec;
    for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    o[path[path.length - 1] ?? ''] = convert(v);
  };
}

/** Numbers stay strings when they are not numbers, so validation names the field. */
const num = (v: string): unknown => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
const bool = (v: string): unknown => (/^(true|ya|yes|1)$/i.test(v) ? true : /^(false|tidak|no|0)$/i.test(v) ? false : v);

const COLUMNS: Readonly<Record<string, Setter>> = {
  name: at(['learner', 'name']),
  nip: at(['learner', 'nip']),
  nipKind: at(['learner', 'nipKind']),
  email: at(['learner', 'email']),
  courseId: at(['course', 'id']),
  courseName: at(['course', 'name', 'id']),
  courseNameEn: at(['course', 'name', 'en']),
  courseDescription: at(['course', 'description', 'id']),
  courseDescriptionEn: at(['course', 'description', 'en']),
  criteria: at(['course', 'criteria']),
  competencyType: at(['competency', 'type']),
  competencyCode: at(['competency', 'code']),
  competencyLevel: at(['competency', 'level'], num),
  competencyName: at(['competency', 'name', 'id']),
  competencyNameEn: at(['competency', 'name', 'en']),
  jp: at(['jp'], num),
  learningMode: at(['learningMode']),
  learningPath: at(['learningPath']),
  startDate: at(['startDate']),
  endDate: at(['endDate']),
  validUntil: at(['validUntil']),
  score: at(['result', 'score'], num),
  grade: at(['result', 'grade']),
  passed: at(['result', 'passed'], bool),
  evidenceUrl: at(['evidenceUrl']),
};

export const CSV_COLUMNS = Object.keys(COLUMNS);

function checkHeader(header: string[]): void {
  const unknown = header.filter((h) => !Object.hasOwn(COLUMNS, h.trim()));
  if (unknown.length > 0) {
    throw new AppError('CSV_UNKNOWN_COLUMN', 'The CSV has columns this issuer does not know.', { status: 422, details: { unknown: unknown.slice(0, 20), known: CSV_COLUMNS } });
  }
}

const NUMERIC_COLUMNS = new Set(['competencyLevel', 'jp', 'score']);

function toRecord(header: string[], cells: string[], decimalComma = false): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  header.forEach((h, i) => {
    const raw = cells[i];
    const v = raw !== undefined && decimalComma && NUMERIC_COLUMNS.has(h.trim()) ? raw.replace(/^(-?\d+),(\d+)$/, '$1.$2') : raw;
    if (v !== undefined && v.trim() !== '') COLUMNS[h.trim()]?.(rec, v);
  });
  return rec;
}
