/**
 * Issuance aggregates for LAN: credentials issued, claimed, revoked and suspended, per
 * provider (its registry name) and per month of issuance. Counts of credentials only —
 * nothing about a learner (no name, no masked NIP) leaves here.
 */
import type { ServiceContext } from './context.js';
import type { CurationService } from './curation.js';
import type { CredentialRecord } from './records.js';

export interface IssuanceCounts { issued: number; claimed: number; revoked: number; suspended: number }

export interface IssuanceStats {
  /** Only credentials issued in this calendar year (UTC); all years when absent. */
  year?: number;
  generatedAt: string;
  totals: IssuanceCounts;
  byProvider: Array<IssuanceCounts & { providerId: string; name: string }>;
  /** By month of issuance (`YYYY-MM`): a credential claimed or revoked later counts in its issue month. */
  byMonth: Array<IssuanceCounts & { month: string }>;
}

const zero = (): IssuanceCounts => ({ issued: 0, claimed: 0, revoked: 0, suspended: 0 });

function add(c: IssuanceCounts, r: CredentialRecord): void {
  c.issued++;
  if (r.boundTo) c.claimed++;
  if (r.revoked) c.revoked++;
  if (r.suspended) c.suspended++;
}

export class IssuanceStatsService {
  constructor(private readonly ctx: ServiceContext, private readonly curation: CurationService) {}

  async stats(year?: number): Promise<IssuanceStats> {
    const providers = new Map((await this.curation.list()).map((p) => [p.id, p.name]));
    const totals = zero();
    const byProvider = new Map<string, IssuanceCounts>();
    const byMonth = new Map<string, IssuanceCounts>();
    for (const { value: r } of await this.ctx.store.list<CredentialRecord>('credentials')) {
      if (year !== undefined && Number(r.issuedAt.slice(0, 4)) !== year) continue;
      add(totals, r);
      const p = byProvider.get(r.providerId) ?? zero();
      add(p, r);
      byProvider.set(r.providerId, p);
      const month = r.issuedAt.slice(0, 7);
      const m = byMonth.get(month) ?? zero();
      add(m, r);
      byMonth.set(month, m);
    }
    return {
      ...(year !== undefined ? { year } : {}),
      generatedAt: this.ctx.now().toISOString(),
      totals,
      byProvider: [...byProvider].map(([providerId, c]) => ({ providerId, name: providers.get(providerId) ?? providerId, ...c }))
        .sort((a, b) => b.issued - a.issued || a.name.localeCompare(b.name)),
      byMonth: [...byMonth].map(([month, c]) => ({ month, ...c })).sort((a, b) => a.month.localeCompare(b.month)),
    };
  }
}
