/** Wires the issuer's use cases together over one store, clock and master key. */
import type { Logger } from 'pino';
import type { KvStore } from '../store/kv.js';
import { ApiKeyService } from './api-keys.js';
import { AuditService } from './audit.js';
import { BatchService } from './batches.js';
import { CertificateService } from './certificates.js';
import { ClaimService } from './claims.js';
import type { IssuerSettings, ServiceContext } from './context.js';
import { CredentialListService } from './credential-list.js';
import { CredentialStatusService } from './credential-status.js';
import { BrandingService } from './branding.js';
import { ClaimMailService } from './claim-mail.js';
import type { MailTransport } from './claim-mail.js';
import { CohortResultsService } from './cohort-results.js';
import { ContactService } from './contacts.js';
import { DuplicateService } from './duplicates.js';
import { CurationService } from './curation.js';
import { IssuanceService } from './issuance.js';
import { IssuanceStatsService } from './issuance-stats.js';
import { KeyService } from './keys.js';
import { LearningIssuer } from './learning.js';
import { storeLocks } from '../../shared/store/kv.js';
import { SigningService } from './signing.js';
import { StatusService } from './status.js';
import { VcApiIssuer } from './vc-api.js';

export interface ServicesDeps {
  store: KvStore;
  now: () => Date;
  settings: IssuerSettings;
  /** 32 bytes; seals signing keys and pending batch rows. */
  masterKey: Uint8Array;
  logger: Logger;
  /** SMTP for claim-link emails (SMTP_URL); without it links are handed out by hand. */
  mail?: MailTransport;
  /** How long a paused batch waits before retrying (ms). */
  batchRetryDelayMs?: number;
  /**
   * Threads of the signing pool that checks and signs cohort rows (and single issuances)
   * in parallel; 0 or unset: on the main thread. server.ts: ISSUER_SIGN_WORKERS, default
   * every core.
   */
  signWorkers?: number;
}

export interface IssuerServices {
  ctx: ServiceContext;
  keys: KeyService;
  signing: SigningService;
  status: StatusService;
  audit: AuditService;
  curation: CurationService;
  apiKeys: ApiKeyService;
  issuance: IssuanceService;
  learning: LearningIssuer;
  vcApi: VcApiIssuer;
  credentialStatus: CredentialStatusService;
  credentialList: CredentialListService;
  duplicates: DuplicateService;
  contacts: ContactService;
  cohortResults: CohortResultsService;
  claimMail: ClaimMailService;
  branding: BrandingService;
  claims: ClaimService;
  batches: BatchService;
  certificates: CertificateService;
  issuanceStats: IssuanceStatsService;
  /** Stops worker threads (call after `batches.stop()`). */
  close(): Promise<void>;
}

/** Builds every use case. Call `keys.verifyMasterKey()`, `keys.ensureLanKey()` and `batches.start()` before serving. */
export function createIssuerServices(deps: ServicesDeps): IssuerServices {
  if (deps.masterKey.length !== 32) throw new Error('The master key must be 32 bytes.');
  const ctx: ServiceContext = { store: deps.store, now: deps.now, settings: deps.settings, masterKey: deps.masterKey, locks: storeLocks(deps.store), logger: deps.logger };
  const keys = new KeyService(ctx);
  const signing = new SigningService(ctx, keys, deps.signWorkers ?? 0);
  const status = new StatusService(ctx, keys, signing);
  const audit = new AuditService(ctx);
  const curation = new CurationService(ctx, keys, status, signing, audit);
  const apiKeys = new ApiKeyService(ctx, audit);
  const issuance = new IssuanceService(ctx, curation, status, signing, audit);
  const duplicates = new DuplicateService(ctx);
  const contacts = new ContactService(ctx);
  const learning = new LearningIssuer(ctx, issuance, audit, duplicates, contacts);
  const vcApi = new VcApiIssuer(issuance, audit);
  const credentialStatus = new CredentialStatusService(ctx, issuance, status, audit);
  const credentialList = new CredentialListService(ctx);
  const claims = new ClaimService(ctx, curation, signing, audit);
  const batches = new BatchService(ctx, learning, audit, keys, deps.batchRetryDelayMs, 32 * Math.max(1, deps.signWorkers ?? 0));
  const branding = new BrandingService(ctx, audit);
  const certificates = new CertificateService(ctx, curation, branding);
  const cohortResults = new CohortResultsService(ctx, batches, certificates, claims, contacts);
  const claimMail = new ClaimMailService(ctx, deps.mail, claims, contacts, curation, batches);
  const issuanceStats = new IssuanceStatsService(ctx, curation);
  return { ctx, keys, signing, status, audit, curation, apiKeys, issuance, learning, vcApi, credentialStatus, credentialList, duplicates, contacts, claims, batches, certificates, cohortResults, claimMail, branding, issuanceStats, close: () => signing.close() };
}
