/**
 * The two ways a provider asks for a credential: the learner fields (built into an Open
 * Badges credential by the shared model) and the W3C VC API `{credential, options}`.
 */
import { AppError } from '../../shared/errors.js';
import { buildLearningCredential, maskNip, parseLearningInput, randomSalt } from '../../shared/model/index.js';
import type { LearningInput } from '../../shared/model/index.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import type { BatchOp } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import type { ProviderRecord } from './curation.js';
import type { IssuanceService, IssueOutcome, IssueRequest, IssueResult } from './issuance.js';
import type { CredentialRecord } from './records.js';

export interface LearningIssueOptions {
  actor: Actor;
  suite: ProofSuiteName;
  idempotencyKey?: string;
  extraOps?: (record: CredentialRecord) => BatchOp[];
  batch?: { id: string; row: number };
}

export class LearningIssuer {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly issuance: IssuanceService,
    private readonly audit: AuditService,
  ) {}

  /** Validates learner fields; 422 VALIDATION_FAILED lists every field error (never the values). */
  parse(input: unknown): LearningInput {
    const parsed = parseLearningInput(input, this.ctx.now());
    if (!parsed.ok) {
      throw new AppError('VALIDATION_FAILED', 'The learning record has errors.', { status: 422, details: parsed.errors });
    }
    return parsed.value;
  }

  async issue(providerId: string, raw: unknown, opts: LearningIssueOptions): Promise<IssueResult> {
    return this.issuance.issue(this.request(providerId, raw, opts));
  }

  /** Several requests of one provider at once (a cohort chunk): IssuanceService.issueMany. */
  issueMany(providerId: string, reqs: IssueRequest[], commitOps: (outcomes: IssueOutcome[]) => BatchOp[]): Promise<IssueOutcome[]> {
    return this.issuance.issueMany(providerId, reqs, commitOps);
  }

  /** The issuance request for learner fields (validated here: 422 on a bad field). */
  request(providerId: string, raw: unknown, opts: LearningIssueOptions): IssueRequest {
    const input = this.parse(raw);
    const payloadHash = this.audit.payloadHash(input);
    return {
      providerId,
      actor: opts.actor,
      kind: 'learning',
      suite: opts.suite,
      withOffer: true,
      maskedNip: maskNip(input.learner.nip),
      payloadHash,
      ...(opts.idempotencyKey ? { idempotency: { key: opts.idempotencyKey, requestHash: payloadHash } } : {}),
      ...(opts.extraOps ? { extraOps: opts.extraOps } : {}),
      ...(opts.batch ? { batch: opts.batch } : {}),
      build: ({ id, credentialStatus, validFrom, provider }) =>
        buildLearningCredential(input, {
          id,
          issuer: { id: provider.did, name: provider.name, ...(provider.url?.startsWith('https://') ? { url: provider.url } : {}) },
          validFrom,
          salt: randomSalt(),
          credentialStatus,
          achievementBaseUrl: this.achievementBase(provider),
        }),
    };
  }

  /**
   * Achievement ids are names under the issuer's host. They must be https; in a plain-http
   * development setup the same host is named with https (an identifier, not fetched).
   */
  private achievementBase(p: ProviderRecord): string {
    const u = new URL(this.ctx.settings.publicUrl);
    return `https://${u.host}/providers/${p.id}/achievements`;
  }
}
