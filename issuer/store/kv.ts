/**
 * The issuer's collections in the shared storage seam (shared/store/kv.ts).
 */
import type { BatchOp as GenericBatchOp, KvStore as GenericKvStore } from '../../shared/store/kv.js';

export { put, del } from '../../shared/store/kv.js';
export type { ListOptions } from '../../shared/store/kv.js';

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
  | 'credentialList'
  | 'credentialEvents'
  | 'duplicates'
  | 'contacts'
  | 'mailings'
  | 'branding'
  | 'audit';

export type KvStore = GenericKvStore<Collection>;
export type BatchOp = GenericBatchOp<Collection>;
