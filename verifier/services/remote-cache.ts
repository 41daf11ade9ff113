/**
 * A LevelDB-backed cache for documents fetched from issuers (DID documents, status lists,
 * the registry). It survives restarts, so the verifier keeps answering from its last copy
 * when an issuer is unreachable; every answer carries `fetchedAt`, so the shared pipeline
 * can judge the age of a status and show it. A fresh-enough copy is served without a
 * network call; concurrent misses for one URL share a single fetch. A loader that knows
 * the copy's ETag revalidates it (If-None-Match): a 304 confirms the copy as of now.
 *
 * Bounded, because the URLs come from the credentials people submit: an entry older than
 * `maxAgeSeconds` is never served and is deleted; beyond `maxEntries` entries or
 * `maxBytes` of JSON the oldest copies are evicted in the same write as the new one. (Status
 * list URLs with a query string or fragment are refused before they get here, by the
 * shared status-list fetcher.) An in-memory index of key → (fetchedAt, bytes), loaded from
 * the store on first use, keeps the bookkeeping off the disk.
 */
import { del, put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import { KeyedLock } from '../../shared/util/keyed-lock.js';
import type { ServiceContext } from './context.js';

export interface RemoteCacheLimits {
  maxEntries: number;
  /** Total JSON size of the cached documents. */
  maxBytes: number;
  /** No copy older than this is served or kept. */
  maxAgeSeconds: number;
}

/**
 * 2,000 documents, 64 MB: a national deployment trusts a few hundred providers with two
 * lists each plus DID documents. The age limit is the longest any copy may stand in for an
 * unreachable issuer (DID documents, 7 days by default).
 */
export function defaultCacheLimits(settings: { didCacheMaxAgeSeconds: number; maxStatusAgeSeconds: number }): RemoteCacheLimits {
  return { maxEntries: 2000, maxBytes: 64 * 1024 * 1024, maxAgeSeconds: Math.max(settings.didCacheMaxAgeSeconds, settings.maxStatusAgeSeconds) };
}

interface IndexEntry {
  fetchedAt: number;
  bytes: number;
}

interface CacheEntry {
  value: unknown;
  fetchedAt: string;
  etag?: string;
}

/** What a revalidating loader answers: a new copy (with its ETag), or "yours is current". */
export type LoadResult = { notModified: true } | { notModified: false; value: unknown; etag?: string };
export type RevalidatingLoader = (etag: string | undefined) => Promise<LoadResult>;

export interface CachedValue {
  value: unknown;
  fetchedAt: Date;
  /** True when the issuer could not be reached and an older copy was used. */
  stale: boolean;
}

export interface CacheGetOptions {
  /** Serve a copy younger than this without fetching (seconds). */
  refreshSeconds: number;
  /** When fetching fails, use a copy at most this old (seconds); older copies are not used. */
  maxFallbackSeconds: number;
}

export class RemoteCache {
  private readonly inflight = new Map<string, Promise<CachedValue>>();
  private readonly limits: RemoteCacheLimits;
  private index: Promise<Map<string, IndexEntry>> | undefined;
  private readonly writes = new KeyedLock();

  constructor(private readonly ctx: ServiceContext, limits?: Partial<RemoteCacheLimits>) {
    this.limits = { ...defaultCacheLimits(ctx.settings), ...limits };
  }

  /** The cached or freshly fetched document for `key`; throws the fetch error when no usable copy exists. */
  async get(key: string, load: () => Promise<unknown>, opts: CacheGetOptions): Promise<CachedValue> {
    return this.getRevalidated(key, async () => ({ notModified: false, value: await load() }), opts);
  }

  /** Like `get`, with a loader that can revalidate the cached copy by its ETag. */
  async getRevalidated(key: string, load: RevalidatingLoader, opts: CacheGetOptions): Promise<CachedValue> {
    await this.loadIndex();
    const now = this.ctx.now().getTime();
    let entry = await this.ctx.store.get<CacheEntry>('fetchCache', key);
    if (entry && now - Date.parse(entry.fetchedAt) > this.limits.maxAgeSeconds * 1000) entry = undefined; // too old to serve
    if (entry && now - Date.parse(entry.fetchedAt) < opts.refreshSeconds * 1000 && Date.parse(entry.fetchedAt) <= now) {
      return { value: entry.value, fetchedAt: new Date(entry.fetchedAt), stale: false };
    }
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.refresh(key, load, entry, opts).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async refresh(key: string, load: RevalidatingLoader, entry: CacheEntry | undefined, opts: CacheGetOptions): Promise<CachedValue> {
    try {
      const got = await load(entry?.etag);
      const fetchedAt = this.ctx.now();
      // A 304 without a copy to confirm cannot happen with our loaders; treat it as a miss.
      if (got.notModified && !entry) throw new Error('not modified, but nothing cached');
      const next: CacheEntry = got.notModified
        ? { value: entry!.value, fetchedAt: fetchedAt.toISOString(), ...(entry!.etag ? { etag: entry!.etag } : {}) }
        : { value: got.value, fetchedAt: fetchedAt.toISOString(), ...(got.etag ? { etag: got.etag } : {}) };
      await this.store(key, next);
      return { value: next.value, fetchedAt, stale: false };
    } catch (e) {
      const age = entry ? this.ctx.now().getTime() - Date.parse(entry.fetchedAt) : Infinity;
      if (entry && age <= opts.maxFallbackSeconds * 1000) {
        this.ctx.logger?.warn({ key, ageSeconds: Math.round(age / 1000), err: errorCode(e) }, 'issuer unreachable; using cached copy');
        return { value: entry.value, fetchedAt: new Date(entry.fetchedAt), stale: true };
      }
      throw e;
    }
  }

  /** How many documents the cache holds (after its bounds were applied). */
  async size(): Promise<{ entries: number; bytes: number }> {
    const index = await this.loadIndex();
    let bytes = 0;
    for (const e of index.values()) bytes += e.bytes;
    return { entries: index.size, bytes };
  }

  /** Writes `key` and, in the same batch, removes what the bounds no longer allow. */
  private async store(key: string, entry: CacheEntry): Promise<void> {
    // One writer at a time, so the in-memory index always matches what the batches wrote.
    await this.writes.run('index', () => this.storeLocked(key, entry));
  }

  private async storeLocked(key: string, entry: CacheEntry): Promise<void> {
    const index = await this.loadIndex();
    const bytes = JSON.stringify(entry).length;
    const next = new Map(index);
    next.set(key, { fetchedAt: Date.parse(entry.fetchedAt), bytes });
    const ops: BatchOp[] = [put('fetchCache', key, entry)];
    for (const k of this.evictions(next, key)) {
      next.delete(k);
      ops.push(del('fetchCache', k));
    }
    await this.ctx.store.batch(ops);
    index.clear();
    for (const [k, v] of next) index.set(k, v);
  }

  /** Expired entries, then the oldest ones while over the count or byte limit (never `keep`). */
  private evictions(index: Map<string, IndexEntry>, keep?: string): string[] {
    const now = this.ctx.now().getTime();
    const out: string[] = [];
    let bytes = 0;
    const live: Array<[string, IndexEntry]> = [];
    for (const [k, e] of index) {
      if (k !== keep && now - e.fetchedAt > this.limits.maxAgeSeconds * 1000) out.push(k);
      else {
        live.push([k, e]);
        bytes += e.bytes;
      }
    }
    live.sort((a, b) => a[1].fetchedAt - b[1].fetchedAt);
    let count = live.length;
    for (const [k, e] of live) {
      if (count <= this.limits.maxEntries && bytes <= this.limits.maxBytes) break;
      if (k === keep) continue;
      out.push(k);
      count -= 1;
      bytes -= e.bytes;
    }
    return out;
  }

  /** Reads what the store holds once per process, and applies the bounds to it. */
  private loadIndex(): Promise<Map<string, IndexEntry>> {
    this.index ??= (async () => {
      const index = new Map<string, IndexEntry>();
      for (const { key, value } of await this.ctx.store.list<CacheEntry>('fetchCache')) {
        index.set(key, { fetchedAt: Date.parse(value.fetchedAt), bytes: JSON.stringify(value).length });
      }
      const evict = this.evictions(index);
      if (evict.length > 0) {
        await this.ctx.store.batch(evict.map((k) => del('fetchCache', k)));
        for (const k of evict) index.delete(k);
      }
      return index;
    })().catch((e: unknown) => {
      this.index = undefined;
      throw e;
    });
    return this.index;
  }
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : 'ERROR';
}
