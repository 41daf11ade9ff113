/**
 * The storage seam every part uses: named collections of JSON values and one atomic
 * `batch` that spans collections. LevelDB implements it (classic-level on servers,
 * IndexedDB in the browser); a server database (e.g. PostgreSQL) can implement the same
 * five calls when several instances must share state — it would then enforce uniqueness
 * with constraints instead of the in-process locks the services use.
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
