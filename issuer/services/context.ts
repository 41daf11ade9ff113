/**
 * What every issuer use case is given: storage, the clock, the public URL, the master
 * key, a lock table and a logger. Built once by `createIssuerServices`.
 */
import type { Logger } from 'pino';
import type { KvStore } from '../store/kv.js';
import type { Locks } from '../../shared/store/kv.js';

export interface IssuerSettings {
  /** Public base URL (scheme://host[:port]) used in DIDs, status list URLs and links. */
  publicUrl: string;
  /** How long a claim offer stays usable, in seconds. */
  claimOfferTtlSeconds: number;
  /** Verification page the certificate QR points to (`?url=`); default: the issuer's own certificate URL. */
  verifierUrl?: string;
  /** The ASN wallet's URL: claim links and QR codes then open the wallet's claim page. */
  walletUrl?: string;
  /** Status list size in entries (>= 131,072; smaller only in tests of list rollover). */
  statusListLength: number;
}

export interface ServiceContext {
  store: KvStore;
  now: () => Date;
  settings: IssuerSettings;
  masterKey: Uint8Array;
  /** Taken through the store (`storeLocks`): they hold across every instance sharing it. */
  locks: Locks;
  logger: Logger;
}
