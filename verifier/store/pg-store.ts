/**
 * Opens the verifier's PostgreSQL store (DATABASE_URL): the shared implementation in the
 * `verifier` namespace, so the issuer and the verifier may share one database.
 */
import { openPgStore as openShared } from '../../shared/store/pg-kv-store.node.js';
import type { PgKvStore } from '../../shared/store/pg-kv-store.node.js';
import type { Collection } from './kv.js';

export function openPgStore(url: string, opts: { poolSize?: number } = {}): Promise<PgKvStore<Collection>> {
  return openShared<Collection>(url, { namespace: 'verifier', ...(opts.poolSize ? { poolSize: opts.poolSize, lockPoolSize: opts.poolSize } : {}) });
}
