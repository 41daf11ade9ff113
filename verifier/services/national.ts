/**
 * LAN's national view: aggregates across every agency on this verifier, never a NIP, a
 * name or a unit. Per agency, the share of its roster that reached the yearly duty; across
 * agencies, JP by competency type, learning path, provider (registry name) and month.
 *
 * Small counts are suppressed: any figure that comes from 1–4 people is not shown (null,
 * `suppressed: true`), and a share is shown only when both the people who met the duty and
 * those who did not are 0 or at least 5 — otherwise a share of a small group would tell
 * who they are. Zero is shown (it singles nobody out). Figures that would let a hidden one
 * be worked out by subtraction are hidden too (an agency's progress buckets, the national
 * share when exactly one agency's share is hidden).
 *
 * LAN authenticates with its own token (VERIFIER_LAN_TOKEN), configured like the
 * bootstrap token; it is compared in constant time and never logged.
 */
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/index.js';
import type { Agency } from './accounts.js';
import type { AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { sha256Hex } from './crypto.node.js';
import type { Recognition } from './ledger.js';
import { PROGRESS_BUCKETS, breakdowns } from './roster.js';
import type { ProgressBucket, RosterService } from './roster.js';

/** Figures from fewer people than this are not shown. */
export const MIN_CELL_PEOPLE = 5;

export interface SuppressedCell { key: string; jp: number | null; people: number | null; suppressed: boolean }

export interface AgencyDuty {
  agencyId: string;
  agencyName: string;
  /** False when the agency has loaded no roster (no share can be computed). */
  hasRoster: boolean;
  people: number | null;
  met: number | null;
  /** met / people, 0..1, rounded to 3 places; null when suppressed or no roster. */
  share: number | null;
  distribution: Array<{ bucket: ProgressBucket; people: number | null }>;
  jp: number | null;
  suppressed: boolean;
}

export interface NationalView {
  year: number;
  generatedAt: string;
  minCellPeople: number;
  totals: { agencies: number; agenciesWithRoster: number; people: number | null; met: number | null; share: number | null; jp: number | null };
  agencies: AgencyDuty[];
  byCompetencyType: SuppressedCell[];
  byPath: SuppressedCell[];
  byProvider: SuppressedCell[];
  byMonth: SuppressedCell[];
}

export class NationalService {
  constructor(private readonly ctx: ServiceContext, private readonly roster: RosterService, private readonly audit: AuditService) {}

  /** Constant-time check of the LAN token (unset: the national view is disabled). */
  checkLanToken(token: string | undefined): void {
    const expected = this.ctx.settings.lanToken;
    const ok = !!expected && typeof token === 'string' && token.length <= 200 &&
      timingSafeEqual(Buffer.from(sha256Hex(token), 'hex'), Buffer.from(sha256Hex(expected), 'hex'));
    if (!ok) throw new AppError('UNAUTHORIZED', 'A valid LAN token is required (X-LAN-Token).', { status: 401 });
  }

  /** Aggregates for `year`. Uses each record's last known status (no re-check of every agency). */
  async view(year: number): Promise<NationalView> {
    const agencies = (await this.ctx.store.list<Agency>('agencies')).map((e) => e.value).sort((a, b) => a.id.localeCompare(b.id));
    const rows: AgencyDuty[] = [];
    const records: Recognition[] = [];
    let people = 0;
    let met = 0;
    let withRoster = 0;
    let hiddenShares = 0;
    for (const a of agencies) {
      const facts = await this.roster.facts(a.id, year);
      records.push(...facts.records);
      const jpPeople = new Set(facts.records.map((r) => r.nipHash)).size;
      const jp = facts.records.reduce((s, r) => s + r.jp, 0);
      if (!facts.meta) {
        rows.push({
          agencyId: a.id, agencyName: a.name, hasRoster: false, people: null, met: null, share: null,
          distribution: PROGRESS_BUCKETS.map((bucket) => ({ bucket, people: null })), jp: shown(jpPeople) ? jp : null, suppressed: !shown(jpPeople),
        });
        continue;
      }
      withRoster++;
      const n = facts.people.length;
      const m = facts.people.filter((p) => p.met).length;
      people += n;
      met += m;
      const shareShown = n >= MIN_CELL_PEOPLE && shown(m) && shown(n - m);
      if (!shareShown) hiddenShares++;
      // Buckets are shown all together or not at all: the "100+" bucket is `met`, and one
      // hidden bucket next to the roster size could be worked out by subtraction.
      const counts = PROGRESS_BUCKETS.map((bucket) => facts.people.filter((p) => p.bucket === bucket).length);
      const bucketsShown = shareShown && counts.every(shown);
      const distribution = PROGRESS_BUCKETS.map((bucket, i) => ({ bucket, people: bucketsShown ? counts[i]! : null }));
      rows.push({
        agencyId: a.id, agencyName: a.name, hasRoster: true,
        people: shown(n) ? n : null, met: shareShown ? m : null, share: shareShown ? round3(m / n) : null,
        distribution, jp: shown(jpPeople) ? jp : null,
        suppressed: !shareShown || distribution.some((d) => d.people === null) || !shown(jpPeople),
      });
    }
    const b = breakdowns(records);
    const allPeople = new Set(records.map((r) => r.nipHash)).size;
    // The national total minus the agencies shown would give away the one agency hidden:
    // it is shown only when no agency's share is hidden, or at least two are.
    const nationalShare = people >= MIN_CELL_PEOPLE && shown(met) && shown(people - met) && hiddenShares !== 1;
    await this.audit.write({ kind: 'lan' }, 'national.viewed', String(year));
    return {
      year, generatedAt: this.ctx.now().toISOString(), minCellPeople: MIN_CELL_PEOPLE,
      totals: {
        agencies: agencies.length, agenciesWithRoster: withRoster,
        people: shown(people) ? people : null, met: nationalShare ? met : null, share: nationalShare ? round3(met / people) : null,
        // Like the share: the total minus the agencies shown must not give one hidden agency away.
        jp: shown(allPeople) && rows.filter((a) => a.jp === null).length !== 1 ? records.reduce((s, r) => s + r.jp, 0) : null,
      },
      agencies: rows,
      byCompetencyType: suppressAll(b.byCompetencyType),
      byPath: suppressAll(b.byPath),
      byProvider: suppressAll(b.byProvider),
      byMonth: suppressAll(b.byMonth),
    };
  }
}

/** 0 or at least MIN_CELL_PEOPLE people: safe to show. */
function shown(people: number): boolean {
  return people === 0 || people >= MIN_CELL_PEOPLE;
}

function suppress(c: { key: string; jp: number; people: Set<string> }): SuppressedCell {
  const ok = shown(c.people.size);
  return { key: c.key, jp: ok ? c.jp : null, people: ok ? c.people.size : null, suppressed: !ok };
}

/**
 * Suppresses small cells of one breakdown; when exactly one is hidden, the smallest shown
 * non-zero cell is hidden with it, since the cells add up to the national total.
 */
function suppressAll(cells: Array<{ key: string; jp: number; people: Set<string> }>): SuppressedCell[] {
  const out = cells.map(suppress);
  if (out.filter((c) => c.suppressed).length === 1) {
    const second = out.filter((c) => !c.suppressed && (c.jp ?? 0) > 0).sort((a, b) => (a.jp ?? 0) - (b.jp ?? 0))[0];
    if (second) Object.assign(second, { jp: null, people: null, suppressed: true });
  }
  return out;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
