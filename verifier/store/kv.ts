/**
 * The verifier's collections in the shared storage seam (shared/store/kv.ts).
 */
import type { BatchOp as GenericBatchOp, KvStore as GenericKvStore } from '../../shared/store/kv.js';

export { put, del } from '../../shared/store/kv.js';
export type { ListOptions } from '../../shared/store/kv.js';

export type Collection =
  | 'meta'
  | 'fetchCache'
  | 'challenges'
  | 'relay'
  | 'agencies'
  | 'users'
  | 'sessions'
  | 'loginFailures'
  | 'recognitions'
  | 'recognitionsByAgency'
  | 'audit'
  | 'rosters'
  | 'rosterEntries'
  | 'exportCursors';

export type KvStore = GenericKvStore<Collection>;
export type BatchOp = GenericBatchOp<Collection>;
