/**
 * The agency's roster: the list of its ASN (NIP, name, PNS/PPPK, contract start, unit),
 * loaded from CSV by an agency admin, so that reports count the people with no recorded JP
 * at all — who has not yet met this year's duty, by unit.
 *
 * NIPs are kept the way the ledger keeps them: the ledger's HMAC (to match its records),
 * masked (to show), and sealed under the ledger's key (for the agency's own export). A new
 * upload replaces the previous roster in one atomic batch: readers see the old roster or
 * the new one, never a mix; a roster with any bad row is refused whole.
 */
import { AppError, COMPETENCY_TYPES, LEARNING_PATHS, maskNip, parseNip, readLearningCredential } from '../../shared/index.js';
import type { CompetencyType, LearningPath, NipKind } from '../../shared/index.js';
import { parseCsvRows } from '../../shared/util/csv.js';
import { isRealDate } from '../../shared/util/dates.js';
import { KeyedLock } from '../../shared/util/keyed-lock.js';
import { del, put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import type { Session } from './accounts.js';
import type { AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { periodOf } from './ledger.js';
import type { LedgerService, Recognition } from './ledger.js';
import { PNS_MIN_JP_PER_YEAR, PPPK_MAX_JP_PER_CONTRACT_YEAR, toCsv, withBom } from './reports.js';

/** A roster bigger than this is refused (the JSON body cap usually bites first). */
export const MAX_ROSTER_ROWS = 50_000;
const MAX_ERRORS_REPORTED = 20;

export interface RosterMeta {
  agencyId: string;
  version: number;
  loadedAt: string;
  loadedBy: string;
  people: number;
  byKind: Record<NipKind, number>;
  units: number;
}

export interface RosterEntry {
  nipHash: string;
  nipMasked: string;
  nipSealed: string;
  name: string;
  kind: NipKind;
  /** PPPK: the contract start (`YYYY-MM-DD`); the duty runs per contract year from it. */
  contractStart?: string;
  unit: string;
}

export interface RosterRowError { row: number; field: string; code: string; message: string }

/** Per key: JP and how many distinct people it comes from (for suppression upstream). */
export interface Cell { key: string; jp: number; people: number }

/** JP progress against the duty, in four buckets a chart can show for PNS and PPPK alike. */
export const PROGRESS_BUCKETS = ['0', '1-49', '50-99', '100+'] as const;
export type ProgressBucket = (typeof PROGRESS_BUCKETS)[number];

export interface PersonProgress {
  nipHash: string;
  nipMasked: string;
  name: string;
  kind: NipKind;
  unit: string;
  period: { from: string; to: string };
  jp: number;
  dutyJp: number;
  met: boolean;
  bucket: ProgressBucket;
}

export interface UnitSummary { unit: string; people: number; met: number; notMet: number; zeroJp: number }

export interface RosterReport {
  agencyId: string;
  year: number;
  generatedAt: string;
  roster: Pick<RosterMeta, 'version' | 'loadedAt' | 'people'> | null;
  rules: { PNS: { dutyJp: number; period: 'calendar year' }; PPPK: { dutyJp: number; period: 'contract year' } };
  totals: { people: number; met: number; notMet: number; zeroJp: number; jp: number };
  units: UnitSummary[];
  distribution: Array<{ bucket: ProgressBucket; people: number }>;
  byCompetencyType: Cell[];
  byPath: Cell[];
  byMonth: Cell[];
  byProvider: Cell[];
  /** Recognised learning of people who are not on the roster (left out of the duty counts). */
  unrostered: { people: number; jp: number };
  /** Everyone who has not met the duty yet, most JP missing first. */
  notMet: Array<Omit<PersonProgress, 'nipHash'> & { shortfall: number }>;
}

/** Internal: what both the agency report and LAN's national view are computed from. */
export interface AgencyFacts {
  meta: RosterMeta | undefined;
  people: PersonProgress[];
  /** Active records counted for `year` (by the ledger's period). */
  records: Recognition[];
}

const HEADER_ALIASES: Record<string, 'nip' | 'name' | 'kind' | 'contractStart' | 'unit'> = {
  nip: 'nip', 'ni pppk': 'nip', ni_pppk: 'nip',
  nama: 'name', name: 'name',
  jenis: 'kind', 'jenis asn': 'kind', jenis_asn: 'kind', kind: 'kind', status: 'kind',
  tmt_kontrak: 'contractStart', 'tmt kontrak': 'contractStart', mulai_kontrak: 'contractStart', contract_start: 'contractStart', contractstart: 'contractStart',
  unit: 'unit', unit_kerja: 'unit', 'unit kerja': 'unit',
};

export class RosterService {
  private readonly lock = new KeyedLock();

  constructor(private readonly ctx: ServiceContext, private readonly ledger: LedgerService, private readonly audit: AuditService) {}

  /** Parses and validates a roster CSV; all errors by row and field, never the NIP itself. */
  parse(csv: string): Array<{ nip: string; name: string; kind: NipKind; contractStart?: string; unit: string }> {
    const rows = parseCsvRows(csv, MAX_ROSTER_ROWS, () => new AppError('ROSTER_TOO_LARGE', `A roster has at most ${MAX_ROSTER_ROWS} rows.`, { status: 413 }));
    if (rows.length - 1 > MAX_ROSTER_ROWS) throw new AppError('ROSTER_TOO_LARGE', `A roster has at most ${MAX_ROSTER_ROWS} rows.`, { status: 413 });
    const header = (rows[0] ?? []).map((h) => HEADER_ALIASES[h.trim().toLowerCase()]);
    for (const need of ['nip', 'name', 'kind', 'unit'] as const) {
      if (!header.includes(need)) {
        throw new AppError('ROSTER_INVALID', `The header must name the columns nip, nama, jenis, unit (and tmt_kontrak for PPPK); "${need}" is missing.`, { status: 400, details: { errors: [{ row: 1, field: need, code: 'COLUMN_MISSING' }] } });
      }
    }
    if (rows.length < 2) throw new AppError('ROSTER_EMPTY', 'The roster has no people.', { status: 400 });
    const errors: RosterRowError[] = [];
    const seen = new Map<string, number>();
    const out: Array<{ nip: string; name: string; kind: NipKind; contractStart?: string; unit: string }> = [];
    const now = this.ctx.now();
    rows.slice(1).forEach((cells, i): void => {
      const row = i + 2; // 1-based, the header is row 1
      const get = (f: string) => (cells[header.indexOf(f as never)] ?? '').trim();
      const fail = (field: string, code: string, message: string): void => void errors.push({ row, field, code, message });
      const kindText = get('kind').toUpperCase();
      const name = get('name');
      const unit = get('unit');
      const contractStart = get('contractStart');
      if (kindText !== 'PNS' && kindText !== 'PPPK') return fail('jenis', 'KIND_INVALID', 'jenis must be PNS or PPPK.');
      const kind = kindText;
      const nip = parseNip(get('nip'), { now, kind });
      if (!nip.ok) return fail('nip', nip.code, nip.message.en);
      if (!name || name.length > 200) return fail('nama', 'NAME_INVALID', 'nama is required (at most 200 characters).');
      if (!unit || unit.length > 200) return fail('unit', 'UNIT_INVALID', 'unit is required (at most 200 characters).');
      if (contractStart && kind !== 'PPPK') return fail('tmt_kontrak', 'CONTRACT_START_PNS', 'tmt_kontrak applies to PPPK only.');
      if (contractStart && !isIsoDate(contractStart)) return fail('tmt_kontrak', 'CONTRACT_START_INVALID', 'tmt_kontrak must be a real date YYYY-MM-DD.');
      const earlier = seen.get(nip.nip);
      if (earlier !== undefined) return fail('nip', 'NIP_DUPLICATE', `The same NIP is already on row ${earlier}.`);
      seen.set(nip.nip, row);
      out.push({ nip: nip.nip, name, kind, ...(contractStart ? { contractStart } : {}), unit });
    });
    if (errors.length > 0) {
      throw new AppError('ROSTER_INVALID', `${errors.length} row(s) of the roster are not valid; nothing was loaded.`, {
        status: 400, details: { errors: errors.slice(0, MAX_ERRORS_REPORTED), total: errors.length },
      });
    }
    return out;
  }

  /** Replaces the agency's roster with `csv` (agency admin only), atomically. */
  async load(admin: Session, csv: string): Promise<RosterMeta> {
    if (admin.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an agency admin can load the roster.', { status: 403 });
    const people = this.parse(csv);
    const agencyId = admin.agencyId;
    return this.lock.run(agencyId, async () => {
      const previous = await this.meta(agencyId);
      const version = (previous?.version ?? 0) + 1;
      const ops: BatchOp[] = [];
      const byKind: Record<NipKind, number> = { PNS: 0, PPPK: 0 };
      for (const p of people) {
        const nipHash = this.ledger.hashNip(p.nip);
        const entry: RosterEntry = {
          nipHash, nipMasked: maskNip(p.nip), nipSealed: this.ledger.sealNip(p.nip, sealAad(agencyId, nipHash)),
          name: p.name, kind: p.kind, ...(p.contractStart ? { contractStart: p.contractStart } : {}), unit: p.unit,
        };
        byKind[p.kind]++;
        ops.push(put('rosterEntries', entryKey(agencyId, version, nipHash), entry));
      }
      const meta: RosterMeta = {
        agencyId, version, loadedAt: this.ctx.now().toISOString(), loadedBy: admin.username,
        people: people.length, byKind, units: new Set(people.map((p) => p.unit)).size,
      };
      if (previous) {
        const old = await this.ctx.store.list('rosterEntries', { prefix: `${agencyId}/${versionKey(previous.version)}/` });
        for (const e of old) ops.push(del('rosterEntries', e.key));
      }
      ops.push(
        put('rosters', agencyId, meta),
        this.audit.entry({ kind: 'user', username: admin.username, agencyId }, 'roster.loaded', agencyId, { version, people: meta.people }),
      );
      await this.ctx.store.batch(ops);
      return meta;
    });
  }

  meta(agencyId: string): Promise<RosterMeta | undefined> {
    return this.ctx.store.get<RosterMeta>('rosters', agencyId);
  }

  async entries(agencyId: string): Promise<RosterEntry[]> {
    const meta = await this.meta(agencyId);
    if (!meta) return [];
    const list = await this.ctx.store.list<RosterEntry>('rosterEntries', { prefix: `${agencyId}/${versionKey(meta.version)}/` });
    return list.map((e) => e.value);
  }

  /** The full NIP of a roster entry (the agency's own export only). */
  nipOf(agencyId: string, e: RosterEntry): string {
    return this.ledger.unsealNip(e.nipSealed, sealAad(agencyId, e.nipHash));
  }

  /** Roster people with their JP for `year`, and the active records counted for that year. */
  async facts(agencyId: string, year: number): Promise<AgencyFacts> {
    const [meta, entries, all] = await Promise.all([this.meta(agencyId), this.entries(agencyId), this.ledger.listForAgency(agencyId)]);
    const active = all.filter((r) => r.status.state === 'active');
    const byPerson = new Map<string, Recognition[]>();
    for (const r of active) byPerson.set(r.nipHash, [...(byPerson.get(r.nipHash) ?? []), r]);
    const people = entries.map((e): PersonProgress => {
      const period = dutyPeriod(year, e.kind, e.contractStart);
      // The roster says who is PNS or PPPK and since when: count each record by the period
      // the roster gives it, not the one typed when it was recorded.
      const jp = (byPerson.get(e.nipHash) ?? [])
        .filter((r) => periodOf(r.endDate, e.kind, e.contractStart).from === period.from)
        .reduce((s, r) => s + r.jp, 0);
      const dutyJp = e.kind === 'PPPK' ? PPPK_MAX_JP_PER_CONTRACT_YEAR : PNS_MIN_JP_PER_YEAR;
      return { nipHash: e.nipHash, nipMasked: e.nipMasked, name: e.name, kind: e.kind, unit: e.unit, period, jp, dutyJp, met: jp >= dutyJp, bucket: bucketOf(jp, dutyJp) };
    });
    return { meta, people, records: active.filter((r) => r.period.year === year) };
  }

  /** The agency's duty report for `year` (recheck: statuses are re-read first, as in the JP report). */
  async report(agencyId: string, year: number, opts: { recheck?: boolean } = {}): Promise<RosterReport> {
    if (opts.recheck !== false) await this.ledger.recheck(agencyId);
    const { meta, people, records } = await this.facts(agencyId, year);
    const units = new Map<string, UnitSummary>();
    for (const p of people) {
      const u = units.get(p.unit) ?? { unit: p.unit, people: 0, met: 0, notMet: 0, zeroJp: 0 };
      u.people++;
      if (p.met) u.met++;
      else u.notMet++;
      if (p.jp === 0) u.zeroJp++;
      units.set(p.unit, u);
    }
    const rostered = new Set(people.map((p) => p.nipHash));
    const outside = records.filter((r) => !rostered.has(r.nipHash));
    const b = breakdowns(records);
    return {
      agencyId, year, generatedAt: this.ctx.now().toISOString(),
      roster: meta ? { version: meta.version, loadedAt: meta.loadedAt, people: meta.people } : null,
      rules: { PNS: { dutyJp: PNS_MIN_JP_PER_YEAR, period: 'calendar year' }, PPPK: { dutyJp: PPPK_MAX_JP_PER_CONTRACT_YEAR, period: 'contract year' } },
      totals: {
        people: people.length, met: people.filter((p) => p.met).length, notMet: people.filter((p) => !p.met).length,
        zeroJp: people.filter((p) => p.jp === 0).length, jp: people.reduce((s, p) => s + p.jp, 0),
      },
      units: [...units.values()].sort((x, y) => x.unit.localeCompare(y.unit)),
      distribution: PROGRESS_BUCKETS.map((bucket) => ({ bucket, people: people.filter((p) => p.bucket === bucket).length })),
      byCompetencyType: b.byCompetencyType.map(publicCell),
      byPath: b.byPath.map(publicCell),
      byMonth: b.byMonth.map(publicCell),
      byProvider: b.byProvider.map(publicCell),
      unrostered: { people: new Set(outside.map((r) => r.nipHash)).size, jp: outside.reduce((s, r) => s + r.jp, 0) },
      notMet: notMetOf(people).map(({ nipHash: _h, ...p }) => p),
    };
  }

  /** CSV (UTF-8 with BOM, for spreadsheets) of everyone who has not met the duty, with the full NIP. */
  async notMetCsv(agencyId: string, year: number): Promise<string> {
    const [{ people }, entries] = await Promise.all([this.facts(agencyId, year), this.entries(agencyId)]);
    const byHash = new Map(entries.map((e) => [e.nipHash, e]));
    return withBom(toCsv(
      ['tahun', 'unit', 'nip', 'nama', 'jenis', 'periode_mulai', 'periode_selesai', 'jp', 'kewajiban_jp', 'kekurangan_jp'],
      notMetOf(people).map((p) => {
        const e = byHash.get(p.nipHash)!;
        return [year, p.unit, this.nipOf(agencyId, e), p.name, p.kind, p.period.from, p.period.to, p.jp, p.dutyJp, p.shortfall];
      }),
    ));
  }
}

/** Everyone below the duty, most JP missing first, then by unit and name. */
function notMetOf(people: PersonProgress[]): Array<PersonProgress & { shortfall: number }> {
  return people.filter((p) => !p.met)
    .map((p) => ({ ...p, shortfall: p.dutyJp - p.jp }))
    .sort((x, y) => y.shortfall - x.shortfall || x.unit.localeCompare(y.unit) || x.name.localeCompare(y.name));
}

/** JP and distinct people per competency type, learning path, month and provider. */
export function breakdowns(records: Recognition[]): Record<'byCompetencyType' | 'byPath' | 'byMonth' | 'byProvider', Array<{ key: string; jp: number; people: Set<string> }>> {
  const group = (keyOf: (r: Recognition) => string | undefined, order?: readonly string[]) => {
    const m = new Map<string, { key: string; jp: number; people: Set<string> }>();
    for (const key of order ?? []) m.set(key, { key, jp: 0, people: new Set() });
    for (const r of records) {
      const key = keyOf(r);
      if (key === undefined) continue;
      const c = m.get(key) ?? { key, jp: 0, people: new Set<string>() };
      c.jp += r.jp;
      c.people.add(r.nipHash);
      m.set(key, c);
    }
    const cells = [...m.values()];
    return order ? cells : cells.sort((a, b) => b.jp - a.jp || a.key.localeCompare(b.key));
  };
  return {
    byCompetencyType: group((r) => r.competency.type, COMPETENCY_TYPES as readonly CompetencyType[]),
    byPath: group((r) => pathOf(r)).filter((c) => c.jp > 0),
    byMonth: group((r) => r.endDate.slice(0, 7)).sort((a, b) => a.key.localeCompare(b.key)),
    byProvider: group((r) => r.providerName ?? r.providerDid),
  };
}

/** The learning path of a recorded credential, as read from its verified form at recording. */
export function pathOf(r: Recognition): LearningPath | undefined {
  // Records from before `path` was kept: the stored credential (verified when recorded).
  const p = r.path ?? readLearningCredential(r.credential)?.path;
  return p && (LEARNING_PATHS as readonly string[]).includes(p) ? p as LearningPath : undefined;
}

function publicCell(c: { key: string; jp: number; people: Set<string> }): Cell {
  return { key: c.key, jp: c.jp, people: c.people.size };
}

/** The duty period of `year`: the calendar year (PNS), or the contract year starting in it (PPPK). */
export function dutyPeriod(year: number, kind: NipKind, contractStart?: string): { from: string; to: string } {
  const { from, to } = kind === 'PPPK' && contractStart
    ? periodOf(`${year}-${contractStart.slice(5)}`, kind, contractStart)
    : periodOf(`${year}-12-31`, kind);
  return { from, to };
}

export function bucketOf(jp: number, dutyJp: number): ProgressBucket {
  if (jp <= 0) return '0';
  const pct = (jp / dutyJp) * 100;
  return pct >= 100 ? '100+' : pct >= 50 ? '50-99' : '1-49';
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Versions sort as text, so they are zero-padded. */
function versionKey(v: number): string {
  return String(v).padStart(8, '0');
}

function entryKey(agencyId: string, version: number, nipHash: string): string {
  return `${agencyId}/${versionKey(version)}/${nipHash}`;
}

function sealAad(agencyId: string, nipHash: string): string {
  return `roster/${agencyId}/${nipHash}`;
}
