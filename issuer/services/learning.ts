/**
 * The two ways a provider asks for a credential: the learner fields (built into an Open
 * Badges credential by the shared model) and the W3C VC API `{credential, options}`.
 */
import { AppError } from '../../shared/errors.js';
import { COMPETENCY_TYPES, KLASIKAL_PATHS, LEARNING_MODES, NONKLASIKAL_PATHS, buildLearningCredential, maskNip, parseLearningInput, randomSalt } from '../../shared/model/index.js';
import type { LearningInput, LearningInputError } from '../../shared/model/index.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import type { BatchOp } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import type { ProviderRecord } from './curation.js';
import type { IssuanceService, IssueOutcome, IssueRequest, IssueResult } from './issuance.js';
import type { ContactService } from './contacts.js';
import type { DuplicatePolicy, DuplicateService } from './duplicates.js';
import type { CredentialRecord } from './records.js';

export interface LearningIssueOptions {
  actor: Actor;
  suite: ProofSuiteName;
  idempotencyKey?: string;
  extraOps?: (record: CredentialRecord) => BatchOp[];
  batch?: { id: string; row: number };
  /** A live credential for the same learner, course and dates: refuse (409), skip (409, for a cohort row) or issue anyway (the default, as before). */
  duplicates?: DuplicatePolicy;
  /**
   * Rows issued together (a cohort chunk) commit together, so none sees the others in the
   * duplicate index: the duplicate keys of the earlier rows, with their row numbers.
   */
  earlierRows?: Map<string, number>;
}

export class LearningIssuer {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly issuance: IssuanceService,
    private readonly audit: AuditService,
    private readonly duplicates: DuplicateService,
    private readonly contacts: ContactService,
  ) {}

  /** Validates learner fields; 422 VALIDATION_FAILED lists every field error (never the values). */
  parse(input: unknown): LearningInput {
    const parsed = parseLearningInput(input, this.ctx.now());
    if (!parsed.ok) {
      throw new AppError('VALIDATION_FAILED', 'The learning record has errors.', { status: 422, details: parsed.errors.map((e) => withAllowedValues(e, input)) });
    }
    return parsed.value;
  }

  async issue(providerId: string, raw: unknown, opts: LearningIssueOptions): Promise<IssueResult> {
    return this.issuance.issue(await this.request(providerId, raw, opts));
  }

  /** Several requests of one provider at once (a cohort chunk): IssuanceService.issueMany. */
  issueMany(providerId: string, reqs: IssueRequest[], commitOps: (outcomes: IssueOutcome[]) => BatchOp[]): Promise<IssueOutcome[]> {
    return this.issuance.issueMany(providerId, reqs, commitOps);
  }

  /**
   * The issuance request for learner fields (validated here: 422 on a bad field; 409 for a
   * repeat of a live credential when the caller asked to refuse or skip duplicates).
   */
  async request(providerId: string, raw: unknown, opts: LearningIssueOptions): Promise<IssueRequest> {
    const input = this.parse(raw);
    // A retry of a request already answered is not a duplicate of its own credential: it
    // replays the first answer (issuance.ts), so the portal's double submit shows the result.
    const retry = opts.idempotencyKey !== undefined && (await this.issuance.knowsIdempotencyKey(providerId, opts.idempotencyKey));
    if (!retry && (opts.duplicates === 'refuse' || opts.duplicates === 'skip')) await this.duplicates.assertNew(providerId, input, opts.earlierRows && opts.batch ? { rows: opts.earlierRows, row: opts.batch.row } : undefined);
    const payloadHash = this.audit.payloadHash(input);
    // The duplicate index and the sealed email go into the credential's own batch.
    const extraOps = (rec: CredentialRecord): BatchOp[] => [
      ...(opts.extraOps ? opts.extraOps(rec) : []),
      this.duplicates.op(providerId, input, rec),
      ...(input.learner.email ? [this.contacts.op(rec.key, input.learner.email)] : []),
    ];
    return {
      providerId,
      actor: opts.actor,
      kind: 'learning',
      suite: opts.suite,
      withOffer: true,
      maskedNip: maskNip(input.learner.nip),
      payloadHash,
      ...(opts.idempotencyKey ? { idempotency: { key: opts.idempotencyKey, requestHash: payloadHash } } : {}),
      extraOps,
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

/** Choices for enumerated fields, so a field error can list them (learning paths by mode). */
function allowedValues(field: string, input: unknown): string[] | undefined {
  if (field === 'learningMode') return [...LEARNING_MODES];
  if (field === 'learningPath') {
    const mode = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).learningMode : undefined;
    if (mode === 'klasikal') return [...KLASIKAL_PATHS];
    if (mode === 'nonklasikal') return [...NONKLASIKAL_PATHS];
    return [...KLASIKAL_PATHS, ...NONKLASIKAL_PATHS];
  }
  if (field === 'competency.type') return [...COMPETENCY_TYPES];
  if (field === 'competency.level') return ['1', '2', '3', '4', '5'];
  if (field === 'learner.nipKind') return ['PNS', 'PPPK'];
  return undefined;
}

/** A field error on an enumerated field names the allowed values (for the path: those of the given mode). */
function withAllowedValues(e: LearningInputError, input: unknown): LearningInputError & { allowed?: string[] } {
  const allowed = allowedValues(e.field, input);
  if (!allowed || (e.code !== 'FIELD_ENUM' && e.code !== 'LEARNING_PATH_MODE' && e.code !== 'FIELD_RANGE' && e.code !== 'FIELD_TYPE')) return e;
  const list = allowed.join(', ');
  const mode = e.field === 'learningPath' && typeof input === 'object' && input !== null ? (input as Record<string, unknown>).learningMode : undefined;
  const forMode = typeof mode === 'string' && (LEARNING_MODES as readonly string[]).includes(mode) ? { id: ` untuk ${mode}`, en: ` for ${mode}` } : { id: '', en: '' };
  const m = e.message as { id?: string; en?: string } | string | undefined;
  const base = typeof m === 'string' ? { id: m, en: m } : { id: m?.id ?? '', en: m?.en ?? '' };
  return { ...e, allowed, message: { id: `${base.id} Pilihan${forMode.id}: ${list}.`.trim(), en: `${base.en} Allowed${forMode.en}: ${list}.`.trim() } };
}
