import type { LocalizedText } from '../i18n.js';
import type { DocumentLoader } from '../loader/document-loader.js';
import type { VerificationCache } from './cache.js';

export type CheckStatus = 'ok' | 'failed' | 'unknown';

/** The checks, in the fixed order they are reported (the order is a security property). */
export const CREDENTIAL_CHECKS = [
  'wellFormed', 'contexts', 'terms', 'issuerKey', 'proof', 'validity', 'status', 'accreditation',
] as const;
export const PRESENTATION_CHECKS = [
  'wellFormed', 'contexts', 'terms', 'holderKey', 'proof', 'challenge', 'domain', 'freshness', 'holder', 'credentials',
] as const;

/**
 * Two layers, two verdicts. Every check but these answers the W3C question (is it
 * authentic: `verified`); these answer LAN's (is it recognised: `recognition`).
 */
export const RECOGNITION_CHECKS: readonly CredentialCheckId[] = ['accreditation'];

export type CredentialCheckId = (typeof CREDENTIAL_CHECKS)[number];
export type PresentationCheckId = (typeof PRESENTATION_CHECKS)[number];
export type CheckId = CredentialCheckId | PresentationCheckId;

export interface CheckResult<Id extends string = CheckId> {
  id: Id;
  status: CheckStatus;
  /** Stable reason code (also present on `ok`, e.g. STATUS_ACTIVE). */
  code: string;
  message: LocalizedText;
  details?: Record<string, unknown>;
}

export interface StatusListFetchResult {
  credential: unknown;
  /** When the list was fetched from its issuer (older than now when served from cache). */
  fetchedAt: Date;
}

export type StatusListFetcher = (url: string) => Promise<StatusListFetchResult>;

export interface TrustAnchor {
  did: string;
  publicKeyMultibase: string;
}

export interface AccreditationSource {
  trustAnchor: TrustAnchor;
  /** Accreditation credentials naming this provider (from the registry or a presentation). */
  findAccreditations(providerDid: string): Promise<unknown[]>;
}

export interface VerifyOptions {
  documentLoader: DocumentLoader;
  /** The verifier's clock: injected, never read here. */
  now: Date;
  /** Allowed clock difference for validFrom / validUntil / proof.created (default 300 s). */
  clockSkewSeconds?: number;
  /** Without a fetcher, a credential that has a status cannot be accepted (`unknown`). */
  fetchStatusList?: StatusListFetcher;
  /** How old a cached status list may be before it no longer counts (default 1 day). */
  maxStatusAgeSeconds?: number;
  /** Without it the accreditation check is `unknown` and the credential is not accepted. */
  accreditation?: AccreditationSource;
  /** Remembers signature results of documents seen before (status lists, accreditations). */
  cache?: VerificationCache;
}

export interface VerificationError {
  check: string;
  code: string;
  message: LocalizedText;
}

/** LAN's verdict: recognised only when authentic AND from a provider LAN accredited for it at issuance. */
export interface Recognition {
  recognised: boolean;
  /** Why not: the first failed authenticity check, else the accreditation check. */
  error?: VerificationError;
}

export interface CredentialVerification {
  /** Authentic (the W3C question): every check except the recognition checks is ok. */
  verified: boolean;
  /** Every check in the fixed order, authenticity first, then recognition (`accreditation`). */
  checks: Array<CheckResult<CredentialCheckId>>;
  recognition: Recognition;
  /**
   * The credential as its proof covers it: the compact form of the verified expansion.
   * Present once the terms and the signature hold (also when, say, it is revoked). Pages,
   * the ledger and the wallet read this, never the JSON that came in.
   */
  document?: Record<string, unknown>;
  /** The first failed (else first unknown) authenticity check: what to tell a person first. */
  error?: VerificationError;
  /** Facts established along the way (issuer as named by the registry, status age, …). */
  issuer?: { id: string; name?: string; accreditationGrade?: string };
}

export interface PresentationVerification {
  /** The presentation's checks and every credential in it verify (for an unsigned one: its credentials). */
  verified: boolean;
  /**
   * The holder signed it over the expected challenge (and domain): false for an unsigned
   * presentation, which is never a basis for recognition.
   */
  holderProven: boolean;
  checks: Array<CheckResult<PresentationCheckId>>;
  error?: VerificationError;
  holder?: string;
  credentials: CredentialVerification[];
}
