/**
 * The storage seam every part uses: named collections of JSON values, one atomic `batch`
 * that spans collections, and `exclusive` — the one primitive every "only once" rests on
 * (status index, idempotency key, claim, ledger award, relay blob, challenge, sign-in
 * counter). LevelDB implements it (classic-level on servers, IndexedDB in the browser)
 * with an in-process lock, which is enough because one process holds a LevelDB; PostgreSQL
 * (shared/store/pg-kv-store.node.ts) implements it with a database lock, so several
 * instances of a service can share one database. Services never branch on the backend.
 */
export type BatchOp<C extends string = string> =
  | { type: 'put'; collection: C; key: string; value: unknown }
  | { type: 'del'; collection: C; key: string };

export interface ListOptions {
  /** Only keys starting with this prefix. */
  prefix?: string;
  /** Only keys strictly greater than this one (for paging). */
  after?: string;
  limit?: number;
  reverse?: boolean;
}

export interface KvStore<C extends string = string> {
  get<T>(collection: C, key: string): Promise<T | undefined>;
  has(collection: C, key: string): Promise<boolean>;
  /** All operations land together or none does. */
  batch(ops: Array<BatchOp<C>>): Promise<void>;
  list<T>(collection: C, opts?: ListOptions): Promise<Array<{ key: string; value: T }>>;
  /**
   * Runs `fn` while no other holder of `key` runs — in this process and, for a shared
   * database, in every process using it. "Check, then write" inside `fn` is then atomic:
   * the write must be a `batch` made before `fn` returns. Nested calls with other keys are
   * allowed (take them in a fixed order); the same key nested inside itself deadlocks.
   */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A put operation for `batch`. */
export function put<C extends string>(collection: C, key: string, value: unknown): BatchOp<C> {
  return { type: 'put', collection, key, value };
}

/** A delete operation for `batch`. */
export function del<C extends string>(collection: C, key: string): BatchOp<C> {
  return { type: 'del', collection, key };
}

/** The lock-table shape services hold (`run(key, fn)`); a store-backed one shares the store's locks. */
export interface Locks {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** Locks taken through the store, so they hold across every instance sharing it. */
export function storeLocks(store: Pick<KvStore, 'exclusive'>): Locks {
  return { run: (key, fn) => store.exclusive(key, fn) };
}
