/**
 * The verifier's storage seam: named collections of JSON values and one atomic `batch`
 * spanning collections. LevelDB implements it; a server database can implement the same
 * calls when several verifier instances must share the ledger (it would then need a
 * unique constraint on the credential id instead of the in-process lock).
 */
export type Collection =
  | 'meta'
  | 'fetchCache'
  | 'challenges'
  | 'relay'
  | 'agencies'
  | 'users'
  | 'sessions'
  | 'recognitions'
  | 'recognitionsByAgency'
  | 'audit';

export type BatchOp =
  | { type: 'put'; collection: Collection; key: string; value: unknown }
  | { type: 'del'; collection: Collection; key: string };

export interface ListOptions {
  prefix?: string;
  limit?: number;
  reverse?: boolean;
}

export interface KvStore {
  get<T>(collection: Collection, key: string): Promise<T | undefined>;
  /** All operations land together or none does. */
  batch(ops: BatchOp[]): Promise<void>;
  list<T>(collection: Collection, opts?: ListOptions): Promise<Array<{ key: string; value: T }>>;
  close(): Promise<void>;
}

export function put(collection: Collection, key: string, value: unknown): BatchOp {
  return { type: 'put', collection, key, value };
}

export function del(collection: Collection, key: string): BatchOp {
  return { type: 'del', collection, key };
}
