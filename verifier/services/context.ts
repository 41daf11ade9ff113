/**
 * What every verifier service receives: the store, the clock, the settings. Built once in
 * `createVerifierApp` from the dependencies `server.ts` (or a test) passes in.
 */
import type { Logger } from 'pino';
import type { FetchLike } from '../../shared/fetch/index.js';
import type { TrustAnchor } from '../../shared/index.js';
import type { KvStore } from '../store/kv.js';

export interface VerifierSettings {
  /** The verifier's own origin (`https://verifier.example`): presentation domain and relay links. */
  publicUrl: string;
  trustAnchor: TrustAnchor;
  /** Origins the verifier may fetch DID documents, status lists and the registry from. */
  issuerOrigins: string[];
  /** Where LAN's accreditation registry is published. */
  registryUrl: string;
  /** Secret for session, NIP-hash and NIP-sealing keys (HKDF-derived per purpose). */
  secret: string;
  /** Creates agency admins through `POST /admin/agencies`; unset disables it. */
  bootstrapToken?: string;
  /** LAN's token for the national view (`X-LAN-Token`); unset disables it. */
  lanToken?: string;
  fetchTimeoutMs: number;
  /** A cached status list older than this no longer counts (status `unknown`). */
  maxStatusAgeSeconds: number;
  /** A cached document younger than this is used without asking the issuer again. */
  cacheRefreshSeconds: number;
  /**
   * How long a cached DID document may stand in for an unreachable issuer. Longer than the
   * status limit (keys change rarely; status is what must be current), shorter than forever
   * (a key removed after compromise must stop working).
   */
  didCacheMaxAgeSeconds: number;
  clockSkewSeconds: number;
  maxPresentationAgeSeconds: number;
  challengeTtlSeconds: number;
  relayTtlSeconds: number;
  sessionTtlSeconds: number;
  /** Largest accepted JSON request body in bytes. */
  maxBodyBytes: number;
  /** Requests per minute per client on the API (the login limit is a tenth of it). */
  rateLimitPerMinute: number;
  /** Reverse proxies in front of the verifier whose X-Forwarded-For is trusted (0: none). */
  trustProxyHops: number;
}

export const DEFAULT_SETTINGS = {
  fetchTimeoutMs: 5000,
  maxStatusAgeSeconds: 24 * 3600,
  cacheRefreshSeconds: 300,
  didCacheMaxAgeSeconds: 7 * 24 * 3600,
  clockSkewSeconds: 300,
  maxPresentationAgeSeconds: 600,
  challengeTtlSeconds: 600,
  relayTtlSeconds: 300,
  sessionTtlSeconds: 8 * 3600,
  maxBodyBytes: 512 * 1024,
  rateLimitPerMinute: 300,
  trustProxyHops: 0,
} satisfies Partial<VerifierSettings>;

export interface ServiceContext {
  store: KvStore;
  now: () => Date;
  settings: VerifierSettings;
  /** Injected fetch (tests); global fetch otherwise. */
  fetch?: FetchLike;
  logger?: Logger;
  /**
   * Threads of the verification pool (POST /credentials/verify, /presentations/verify,
   * ledger re-checks); 0 or unset: on the main thread. server.ts: VERIFIER_VERIFY_WORKERS
   * (`auto`: every core), off when unset (docs/performance.md says why).
   */
  verifyWorkers?: number;
}
