/**
 * The issuer's storage seam: named collections of JSON values and one atomic `batch`
 * that spans collections. LevelDB implements it today; a server database (PostgreSQL)
 * can implement the same five calls when several issuer instances must share state.
 */
export type Collection =
  | 'meta'
  | 'keys'
  | 'providers'
  | 'apiKeys'
  | 'accreditations'
  | 'credentials'
  | 'statusAlloc'
  | 'statusBits'
  | 'statusLists'
  | 'offers'
  | 'idempotency'
  | 'batches'
  | 'batchRows'
  | 'certificates'
  | 'audit';

export type BatchOp =
  | { type: 'put'; collection: Collection; key: string; value: unknown }
  | { type: 'del'; collection: Collection; key: string };

export interface ListOptions {
  /** Only keys starting with this prefix. */
  prefix?: string;
  /** Only keys strictly greater than this one (for paging). */
  after?: string;
  limit?: number;
  reverse?: boolean;
}

export interface KvStore {
  get<T>(collection: Collection, key: string): Promise<T | undefined>;
  has(collection: Collection, key: string): Promise<boolean>;
  /** All operations land together or none does (LevelDB write batch). */
  batch(ops: BatchOp[]): Promise<void>;
  list<T>(collection: Collection, opts?: ListOptions): Promise<Array<{ key: string; value: T }>>;
  close(): Promise<void>;
}

/** Helper: a put operation. */
export function put(collection: Collection, key: string, value: unknown): BatchOp {
  return { type: 'put', collection, key, value };
}

/** Helper: a delete operation. */
export function del(collection: Collection, key: string): BatchOp {
  return { type: 'del', collection, key };
}
