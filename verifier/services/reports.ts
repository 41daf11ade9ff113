/**
 * JP reports for an agency: per ASN and year, the recognised JP against the rules
 * (PNS: at least 20 JP a year; PPPK: up to 24 JP per contract year), split by competency
 * type, with records whose status changed after recording flagged. Exports as JSON or CSV.
 */
import { COMPETENCY_TYPES } from '../../shared/index.js';
import type { CompetencyType, NipKind } from '../../shared/index.js';
import { csvCell } from '../../shared/util/csv.js';
import { recordLabel } from './ledger.js';
import type { LedgerService, Recognition, RecordState } from './ledger.js';

export const PNS_MIN_JP_PER_YEAR = 20;
export const PPPK_MAX_JP_PER_CONTRACT_YEAR = 24;

export interface JpReportRow {
  nipMasked: string;
  /** A stable, non-reversible reference to the ASN within this verifier. */
  asnRef: string;
  learnerName: string;
  kind: NipKind;
  period: { from: string; to: string };
  /** JP of records still active (revoked and suspended ones are not counted). */
  jp: number;
  /** What counts towards the rule: PNS all of `jp`; PPPK at most 24. */
  recognisedJp: number;
  rule: { kind: 'minimum' | 'maximum'; jp: number };
  /** PNS: the 20 JP duty is met. PPPK: the contract-year entitlement is used up. */
  met: boolean;
  byCompetencyType: Record<CompetencyType, number>;
  records: number;
  /**
   * Records whose credential was revoked or suspended after recording, named so the
   * officer can look at each and void it (voided records are neither counted nor flagged).
   */
  flagged: Array<{ recognitionId: string; number: string; credentialId: string; courseName: string; jp: number; state: RecordState; changedAt?: string }>;
  /** The names the records of this NIP carry, when they differ (a typo at a provider, or a wrong NIP typed). */
  nameMismatch?: string[];
}

export interface JpReport {
  agencyId: string;
  year: number;
  generatedAt: string;
  rules: { PNS: { minimumJp: number }; PPPK: { maximumJp: number } };
  rows: JpReportRow[];
  totals: { asn: number; jp: number; met: number; flagged: number };
}

export class ReportService {
  constructor(private readonly ledger: LedgerService, private readonly now: () => Date) {}

  async jpReport(agencyId: string, year: number, opts: { recheck?: boolean } = {}): Promise<JpReport> {
    if (opts.recheck !== false) await this.ledger.recheck(agencyId);
    const records = (await this.ledger.listForAgency(agencyId)).filter((r) => r.period.year === year);
    const groups = new Map<string, Recognition[]>();
    for (const r of records) {
      const key = `${r.nipHash}|${r.period.from}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const rows = [...groups.values()].map(rowOf).sort((a, b) => a.learnerName.localeCompare(b.learnerName) || a.period.from.localeCompare(b.period.from));
    return {
      agencyId, year, generatedAt: this.now().toISOString(),
      rules: { PNS: { minimumJp: PNS_MIN_JP_PER_YEAR }, PPPK: { maximumJp: PPPK_MAX_JP_PER_CONTRACT_YEAR } },
      rows,
      totals: {
        asn: new Set(rows.map((r) => r.asnRef)).size,
        jp: rows.reduce((s, r) => s + r.recognisedJp, 0),
        met: rows.filter((r) => r.met).length,
        flagged: rows.reduce((s, r) => s + r.flagged.length, 0),
      },
    };
  }
}

function rowOf(records: Recognition[]): JpReportRow {
  const first = records[0]!;
  const byCompetencyType = Object.fromEntries(COMPETENCY_TYPES.map((t) => [t, 0])) as Record<CompetencyType, number>;
  let jp = 0;
  for (const r of records) {
    if (r.status.state !== 'active') continue;
    jp += r.jp;
    byCompetencyType[r.competency.type] += r.jp;
  }
  const names = [...new Set(records.map((r) => r.learnerName))].sort((a, b) => a.localeCompare(b, 'id'));
  const pppk = first.employment.kind === 'PPPK';
  const recognisedJp = pppk ? Math.min(jp, PPPK_MAX_JP_PER_CONTRACT_YEAR) : jp;
  return {
    nipMasked: first.nipMasked,
    asnRef: first.nipHash.slice(0, 16),
    learnerName: first.learnerName,
    kind: first.employment.kind,
    period: { from: first.period.from, to: first.period.to },
    jp,
    recognisedJp,
    rule: pppk ? { kind: 'maximum', jp: PPPK_MAX_JP_PER_CONTRACT_YEAR } : { kind: 'minimum', jp: PNS_MIN_JP_PER_YEAR },
    met: pppk ? jp >= PPPK_MAX_JP_PER_CONTRACT_YEAR : jp >= PNS_MIN_JP_PER_YEAR,
    byCompetencyType,
    records: records.length,
    flagged: records.filter((r) => r.status.state === 'revoked' || r.status.state === 'suspended').map((r) => ({
      recognitionId: r.id, number: recordLabel(r), credentialId: r.credentialId, courseName: r.courseName, jp: r.jp, state: r.status.state,
      ...(r.status.changedAt ? { changedAt: r.status.changedAt } : {}),
    })),
    ...(names.length > 1 ? { nameMismatch: names } : {}),
  };
}

/** Spreadsheets (Excel) read a CSV as UTF-8 only when it starts with a BOM. */
export function withBom(csv: string): string {
  return `\uFEFF${csv}`;
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with `'`. */
export function toCsv(header: string[], rows: Array<Array<string | number | boolean | undefined>>): string {
  return [header, ...rows].map((r) => r.map((v) => csvCell(v)).join(',')).join('\r\n') + '\r\n';
}

export function jpReportCsv(report: JpReport): string {
  return withBom(toCsv(
    ['year', 'period_from', 'period_to', 'nip_masked', 'asn_ref', 'name', 'kind', 'jp', 'recognised_jp', 'rule', 'rule_jp', 'met',
      ...COMPETENCY_TYPES.map((t) => `jp_${t}`), 'records', 'flagged', 'names_differ'],
    report.rows.map((r) => [report.year, r.period.from, r.period.to, r.nipMasked, r.asnRef, r.learnerName, r.kind, r.jp, r.recognisedJp,
      r.rule.kind, r.rule.jp, r.met, ...COMPETENCY_TYPES.map((t) => r.byCompetencyType[t]), r.records,
      r.flagged.map((f) => `${f.number}:${f.state}`).join(' '), (r.nameMismatch ?? []).join(' | ')]),
  ));
}

/** One line per recognition, with the full NIP, for import into the agency's HR system. */
export function recognitionsCsv(records: Array<Recognition & { nip: string }>): string {
  return withBom(toCsv(
    ['recognition_id', 'credential_id', 'nip', 'name', 'kind', 'period_year', 'course', 'competency_type', 'competency_code', 'competency_level',
      'jp', 'start_date', 'end_date', 'provider_did', 'provider_name', 'recorded_at', 'officer', 'status', 'record_number', 'void_reason'],
    records.map((r) => [r.id, r.credentialId, r.nip, r.learnerName, r.employment.kind, r.period.year, r.courseName, r.competency.type, r.competency.code,
      r.competency.level, r.jp, r.startDate, r.endDate, r.providerDid, r.providerName, r.recordedAt, r.officer, r.status.state, recordLabel(r), r.voided?.reason]),
  ));
}
