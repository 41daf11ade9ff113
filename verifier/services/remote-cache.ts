/**
 * A LevelDB-backed cache for documents fetched from issuers (DID documents, status lists,
 * the registry). It survives restarts, so the verifier keeps answering from its last copy
 * when an issuer is unreachable; every answer carries `fetchedAt`, so the shared pipeline
 * can judge the age of a status and show it. A fresh-enough copy is served without a
 * network call; concurrent misses for one URL share a single fetch. A loader that knows
 * the copy's ETag revalidates it (If-None-Match): a 304 confirms the copy as of now.
 */
import { put } from '../store/kv.js';
import type { ServiceContext } from './context.js';

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

  constructor(private readonly ctx: ServiceContext) {}

  /** The cached or freshly fetched document for `key`; throws the fetch error when no usable copy exists. */
  async get(key: string, load: () => Promise<unknown>, opts: CacheGetOptions): Promise<CachedValue> {
    return this.getRevalidated(key, async () => ({ notModified: false, value: await load() }), opts);
  }

  /** Like `get`, with a loader that can revalidate the cached copy by its ETag. */
  async getRevalidated(key: string, load: RevalidatingLoader, opts: CacheGetOptions): Promise<CachedValue> {
    const entry = await this.ctx.store.get<CacheEntry>('fetchCache', key);
    const now = this.ctx.now().getTime();
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
        ? { ...entry!, fetchedAt: fetchedAt.toISOString() }
        : { value: got.value, fetchedAt: fetchedAt.toISOString(), ...(got.etag ? { etag: got.etag } : {}) };
      await this.ctx.store.batch([put('fetchCache', key, next)]);
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
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : 'ERROR';
}
