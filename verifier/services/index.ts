/** Builds every verifier service from one context. */
import { AccountService } from './accounts.js';
import { AuditService } from './audit.js';
import { ChallengeService } from './challenges.js';
import type { ServiceContext } from './context.js';
import { LedgerService } from './ledger.js';
import { NationalService } from './national.js';
import { RegistryService } from './registry.js';
import { RelayService } from './relay.js';
import { RemoteCache } from './remote-cache.js';
import { ReportService } from './reports.js';
import { RosterService } from './roster.js';
import { SiasnExportService } from './siasn-export.js';
import { VerificationService } from './verification.js';

export interface Services {
  ctx: ServiceContext;
  audit: AuditService;
  cache: RemoteCache;
  registry: RegistryService;
  challenges: ChallengeService;
  verification: VerificationService;
  relay: RelayService;
  accounts: AccountService;
  ledger: LedgerService;
  reports: ReportService;
  roster: RosterService;
  siasnExport: SiasnExportService;
  national: NationalService;
}

export function createServices(ctx: ServiceContext): Services {
  const audit = new AuditService(ctx);
  const cache = new RemoteCache(ctx);
  const registry = new RegistryService(ctx, cache);
  const challenges = new ChallengeService(ctx);
  const verification = new VerificationService(ctx, cache, registry, challenges);
  const relay = new RelayService(ctx, challenges);
  const accounts = new AccountService(ctx, audit);
  const ledger = new LedgerService(ctx, verification, audit);
  const reports = new ReportService(ledger, ctx.now);
  const roster = new RosterService(ctx, ledger, audit);
  const siasnExport = new SiasnExportService(ctx, ledger, audit);
  const national = new NationalService(ctx, roster, audit);
  return { ctx, audit, cache, registry, challenges, verification, relay, accounts, ledger, reports, roster, siasnExport, national };
}
