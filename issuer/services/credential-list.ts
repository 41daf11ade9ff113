/**
 * Everything a provider issued, as one searchable, filterable, paged list, and the history
 * of one credential.
 *
 * The index is a collection of the storage seam (`credentialList`), so it works the same on
 * LevelDB and PostgreSQL: one entry per credential, written in the SAME batch as the
 * credential record (issuance.ts), keyed `<provider>/<inverted issue time>/<key>` so that
 * an ascending prefix scan — the one order both backends page with `after` — returns the
 * newest first. Entries hold what does not change (learner name, masked NIP, course,
 * cohort, dates); status and "claimed" change later and are read from the credential
 * record when a page is built, so the index never goes stale. Credentials issued before the
 * index existed are added once by `backfill()` (idempotent: the same entry is rewritten).
 *
 * Status history: each status change writes an event (with the provider's reason) into
 * `credentialEvents` in the same batch as the change (credential-status.ts).
 */
import { AppError } from '../../shared/errors.js';
import { readLearningCredential } from '../../shared/model/build-credential.js';
import { WIB_OFFSET_MS, wibDate } from '../../shared/util/dates.js';
import { put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import type { Actor } from './audit.js';
import type { ServiceContext } from './context.js';
import { randomToken } from './crypto.node.js';
import type { CredentialRecord, OfferRecord } from './records.js';

export interface CredentialListEntry {
  key: string;
  credentialId: string;
  name: string;
  maskedNip?: string;
  courseName: string;
  courseCode?: string;
  startDate?: string;
  endDate?: string;
  batch?: { id: string; row: number };
  issuedAt: string;
}

export type ListedState = 'active' | 'suspended' | 'revoked';

export interface CredentialListItem extends CredentialListEntry {
  status: ListedState;
  claimed: boolean;
}

export interface CredentialListQuery {
  /** Words that must all appear in the name, course name, course code or credential id. */
  q?: string;
  status?: ListedState;
  claimed?: boolean;
  cohort?: string;
  /** Issue date (WIB) from / to, `YYYY-MM-DD`, both inclusive. */
  from?: string;
  to?: string;
  /** The `next` of the previous page. */
  after?: string;
  limit?: number;
}

export interface CredentialEvent {
  at: string;
  type: 'issued' | 'claimed' | 'revoked' | 'suspended' | 'active';
  actor?: Actor['kind'];
  reason?: string;
}

/** At most this many index entries are read for one page; a sparse filter then pages on. */
const SCAN_BUDGET = 2000;
const MAX_TIME = 9_999_999_999_999;

/** The index operation for a credential record (same batch as the record). */
export function credentialListOp(rec: CredentialRecord): BatchOp {
  return put('credentialList', listKey(rec.providerId, rec.issuedAt, rec.key), listEntryOf(rec));
}

/** A status change event, with the reason the provider gave (same batch as the change). */
export function credentialEventOp(rec: CredentialRecord, event: CredentialEvent): BatchOp {
  return put('credentialEvents', `${rec.key}/${event.at}/${randomToken(4)}`, event);
}

function listKey(providerId: string, issuedAt: string, key: string): string {
  const inverted = String(MAX_TIME - Date.parse(issuedAt)).padStart(13, '0');
  return `${providerId}/${inverted}/${key}`;
}

function listEntryOf(rec: CredentialRecord): CredentialListEntry {
  const s = readLearningCredential(rec.credential);
  const subject = (Array.isArray(rec.credential.credentialSubject) ? rec.credential.credentialSubject[0] : rec.credential.credentialSubject) as Record<string, unknown> | undefined;
  const achievement = subject && typeof subject.achievement === 'object' && subject.achievement !== null ? (subject.achievement as Record<string, unknown>) : undefined;
  return {
    key: rec.key,
    credentialId: rec.credentialId,
    name: s?.name ?? (typeof subject?.name === 'string' ? subject.name : ''),
    ...(rec.maskedNip ? { maskedNip: rec.maskedNip } : {}),
    courseName: s?.courseName ?? (typeof achievement?.name === 'string' ? achievement.name : ''),
    ...(s?.courseCode ? { courseCode: s.courseCode } : {}),
    ...(s ? { startDate: s.startDate, endDate: s.endDate } : {}),
    ...(rec.batch ? { batch: rec.batch } : {}),
    issuedAt: rec.issuedAt,
  };
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export class CredentialListService {
  private backfilled: Promise<void> | undefined;

  constructor(private readonly ctx: ServiceContext) {}

  /** Adds credentials issued before the index existed (once per store; safe to repeat). */
  backfill(): Promise<void> {
    this.backfilled ??= this.ctx.locks.run('credentialList:backfill', async () => {
      if (await this.ctx.store.get<number>('meta', 'credentialListVersion')) return;
      let after: string | undefined;
      for (;;) {
        const page = await this.ctx.store.list<CredentialRecord>('credentials', { ...(after ? { after } : {}), limit: 500 });
        if (page.length === 0) break;
        await this.ctx.store.batch(page.map((e) => credentialListOp(e.value)));
        after = page[page.length - 1]?.key;
      }
      await this.ctx.store.batch([put('meta', 'credentialListVersion', 1)]);
    }).catch((e: unknown) => {
      this.backfilled = undefined;
      throw e;
    });
    return this.backfilled;
  }

  async list(providerId: string, query: CredentialListQuery): Promise<{ items: CredentialListItem[]; next?: string }> {
    await this.backfill();
    const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
    const prefix = `${providerId}/`;
    if (query.after !== undefined && !(query.after.startsWith(prefix) && /^[0-9]{13}\/[0-9a-f-]{36}$/.test(query.after.slice(prefix.length)))) {
      throw new AppError('LIST_CURSOR_INVALID', 'The page cursor is not one this list gave; start from the first page.', { status: 400 });
    }
    // `to` bounds the start of the scan: entries issued after that day sort before this key.
    let after = query.after;
    if (!after && query.to) {
      const end = Date.parse(`${query.to}T00:00:00Z`) - WIB_OFFSET_MS + 86_400_000;
      after = `${prefix}${String(MAX_TIME - end).padStart(13, '0')}`;
    }
    const words = fold(query.q ?? '').split(/\s+/).filter(Boolean);
    const items: CredentialListItem[] = [];
    let scanned = 0;
    let lastKey: string | undefined;
    let exhausted = false;
    while (items.length < limit && scanned < SCAN_BUDGET) {
      const page = await this.ctx.store.list<CredentialListEntry>('credentialList', { prefix, ...(after ? { after } : {}), limit: Math.min(200, SCAN_BUDGET - scanned) });
      if (page.length === 0) {
        exhausted = true;
        break;
      }
      for (const { key, value: e } of page) {
        scanned += 1;
        lastKey = key;
        after = key;
        const day = wibDate(e.issuedAt);
        if (query.from && day < query.from) {
          exhausted = true; // newest first: everything after this is older still
          break;
        }
        if (query.to && day > query.to) continue;
        if (query.cohort && e.batch?.id !== query.cohort) continue;
        if (words.length > 0) {
          const hay = fold(`${e.name} ${e.courseName} ${e.courseCode ?? ''} ${e.credentialId}`);
          if (!words.every((w) => hay.includes(w))) continue;
        }
        const item = await this.current(e);
        if (!item) continue;
        if (query.status && item.status !== query.status) continue;
        if (query.claimed !== undefined && item.claimed !== query.claimed) continue;
        items.push(item);
        if (items.length >= limit) break;
      }
      if (exhausted) break;
    }
    // A next page exists unless the scan reached the end; an empty last page is possible.
    const more = !exhausted && lastKey !== undefined && (await this.ctx.store.list('credentialList', { prefix, after: lastKey, limit: 1 })).length > 0;
    return { items, ...(more && lastKey ? { next: lastKey } : {}) };
  }

  /** Status and claim state now, from the credential record and its offer. */
  private async current(e: CredentialListEntry): Promise<CredentialListItem | undefined> {
    const rec = await this.ctx.store.get<CredentialRecord>('credentials', e.key);
    if (!rec) return undefined;
    const offer = !rec.boundTo && rec.offerId ? await this.ctx.store.get<OfferRecord>('offers', rec.offerId) : undefined;
    return { ...e, status: rec.revoked ? 'revoked' : rec.suspended ? 'suspended' : 'active', claimed: Boolean(rec.boundTo ?? offer?.usedAt) };
  }

  /** Issued, claimed and every status change with its reason, oldest first. */
  async history(rec: CredentialRecord): Promise<CredentialEvent[]> {
    const events: CredentialEvent[] = [{ at: rec.issuedAt, type: 'issued', actor: rec.issuedBy.kind }];
    for (const { value } of await this.ctx.store.list<CredentialEvent>('credentialEvents', { prefix: `${rec.key}/`, limit: 1000 })) events.push(value);
    const offer = rec.offerId ? await this.ctx.store.get<OfferRecord>('offers', rec.offerId) : undefined;
    if (offer?.usedAt) events.push({ at: offer.usedAt, type: 'claimed', actor: 'holder' });
    return events.sort((a, b) => a.at.localeCompare(b.at));
  }
}
