/**
 * Issuing a credential as a provider. Under the provider's status lock it re-reads the
 * provider (a suspension that just landed wins), honours the idempotency key, draws the
 * status indexes, builds and signs, and then writes allocation, credential record, claim
 * offer, certificate token, idempotency entry and audit entry in ONE batch. Whatever
 * fails before that batch (bad input, signing, a closed key) leaves nothing behind.
 */
import { AppError } from '../../shared/errors.js';
import type { BitstringStatusListEntry } from '../../shared/status/status-list-credential.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import { put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { randomToken } from './crypto.node.js';
import type { CurationService, ProviderRecord } from './curation.js';
import { checkBeforeSigning } from './credential-rules.js';
import { credentialListOp } from './credential-list.js';
import { newUuid } from './ids.js';
import type { SigningService } from './signing.js';
import type { StatusService } from './status.js';
import type { CredentialRecord, IdempotencyRecord, OfferRecord } from './records.js';

export interface IssueRequest {
  providerId: string;
  actor: Actor;
  kind: CredentialRecord['kind'];
  /** Builds the unsigned credential once id, status entries and issuance time are known. */
  build(ctx: { id: string; credentialStatus: BitstringStatusListEntry[]; validFrom: Date; provider: ProviderRecord }): JsonObject;
  suite: ProofSuiteName;
  /** Key and a hash of the request; a retry with the same key gets the same credential. */
  idempotency?: { key: string; requestHash: string };
  /** Make a one-time claim offer (only for credentials with one subject and no holder yet). */
  withOffer: boolean;
  maskedNip?: string;
  payloadHash: string;
  /** More operations for the same batch (a batch job's row and counters). */
  extraOps?: (record: CredentialRecord) => BatchOp[];
  batch?: { id: string; row: number };
}

export interface IssueResult {
  record: CredentialRecord;
  offer?: OfferRecord;
  /** True when an earlier request with the same idempotency key produced it. */
  replayed: boolean;
}

export class IssuanceService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly curation: CurationService,
    private readonly status: StatusService,
    private readonly signing: SigningService,
    private readonly audit: AuditService,
  ) {}

  async issue(req: IssueRequest): Promise<IssueResult> {
    return this.status.withOwnerLock(req.providerId, async () => {
      const provider = await this.curation.require(req.providerId);
      if (req.idempotency) {
        const prior = await this.replay(req.providerId, req.idempotency);
        if (prior) return prior;
      }
      // Status and accreditation period first: a suspended or ended provider draws nothing.
      this.curation.assertMayIssue(provider, []);

      const key = newUuid();
      const credentialId = `urn:uuid:${key}`;
      const now = this.ctx.now();
      const alloc = await this.status.allocate(req.providerId, credentialId);
      const unsigned = req.build({ id: credentialId, credentialStatus: alloc.entries, validFrom: now, provider });
      // One validation path for every way in, on exactly what will be signed; the scope
      // check then sees every competency the credential certifies, wherever it is written.
      const competencies = await checkBeforeSigning(unsigned, this.signing.documentLoader);
      this.curation.assertMayIssue(provider, competencies);
      // A caller-chosen id (VC API) must be new for this provider: ids name awards, for
      // status changes here and for "count once" in verifiers' ledgers.
      if (typeof unsigned.id === 'string' && unsigned.id !== credentialId
        && await this.ctx.store.get<string>('meta', credentialIndexKey(req.providerId, unsigned.id))) {
        throw new AppError('CREDENTIAL_ID_EXISTS', 'A credential with this id was already issued by this provider; use a new id.', { status: 409 });
      }
      const credential = await this.signing.sign(req.providerId, unsigned, req.suite);

      const offer = req.withOffer && bindable(unsigned) ? this.newOffer(key, req.providerId, now) : undefined;
      const record: CredentialRecord = {
        key,
        credentialId: typeof unsigned.id === 'string' ? unsigned.id : credentialId,
        providerId: req.providerId,
        kind: req.kind,
        unsigned,
        credential,
        suite: req.suite,
        refs: alloc.refs,
        revoked: false,
        suspended: false,
        ...(offer ? { offerId: offer.id } : {}),
        certificateToken: randomToken(16),
        ...(req.maskedNip ? { maskedNip: req.maskedNip } : {}),
        issuedAt: now.toISOString(),
        issuedBy: req.actor,
        ...(req.batch ? { batch: req.batch } : {}),
      };
      const ops: BatchOp[] = [
        ...alloc.ops,
        put('credentials', key, record),
        credentialListOp(record),
        put('certificates', record.certificateToken ?? '', key),
        put('meta', credentialIndexKey(req.providerId, record.credentialId), key),
        this.audit.entry(req.actor, 'credential.issued', credentialId, {
          payloadHash: req.payloadHash,
          details: { suite: req.suite, ...(req.batch ? { batch: req.batch.id } : {}) },
        }),
      ];
      if (offer) ops.push(put('offers', offer.id, offer));
      if (req.idempotency) {
        const idem: IdempotencyRecord = { credentialKey: key, requestHash: req.idempotency.requestHash };
        ops.push(put('idempotency', `${req.providerId}/${req.idempotency.key}`, idem));
      }
      if (req.extraOps) ops.push(...req.extraOps(record));
      await this.ctx.store.batch(ops);
      return { record, ...(offer ? { offer } : {}), replayed: false };
    });
  }

  private async replay(providerId: string, idem: { key: string; requestHash: string }): Promise<IssueResult | undefined> {
    const prior = await this.ctx.store.get<IdempotencyRecord>('idempotency', `${providerId}/${idem.key}`);
    if (!prior) return undefined;
    if (prior.requestHash !== idem.requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request.', { status: 409 });
    }
    const record = await this.ctx.store.get<CredentialRecord>('credentials', prior.credentialKey);
    if (!record) throw new AppError('INTERNAL_ERROR', 'Idempotency entry without its credential.', { status: 500 });
    const offer = record.offerId ? await this.ctx.store.get<OfferRecord>('offers', record.offerId) : undefined;
    return { record, ...(offer ? { offer } : {}), replayed: true };
  }

  private newOffer(credentialKey: string, providerId: string, now: Date): OfferRecord {
    return {
      id: randomToken(18),
      credentialKey,
      providerId,
      challenge: randomToken(18),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ctx.settings.claimOfferTtlSeconds * 1000).toISOString(),
    };
  }

  /** Finds a provider's credential by its `id` as written in the credential. */
  async findByCredentialId(providerId: string, credentialId: string): Promise<CredentialRecord> {
    const key = typeof credentialId === 'string' && credentialId.length <= 2048 ? await this.ctx.store.get<string>('meta', credentialIndexKey(providerId, credentialId)) : undefined;
    return this.getOwn(providerId, key ?? '');
  }

  /** A provider's own credential record (404 for another provider's, so ids do not leak). */
  async getOwn(providerId: string, credentialKey: string): Promise<CredentialRecord> {
    const rec = /^[0-9a-f-]{36}$/.test(credentialKey) ? await this.ctx.store.get<CredentialRecord>('credentials', credentialKey) : undefined;
    if (!rec || rec.providerId !== providerId) throw new AppError('CREDENTIAL_NOT_FOUND', 'No such credential.', { status: 404 });
    return rec;
  }
}

/** Only a credential about one subject that names no holder yet can be bound to a wallet. */
/** A credential with one subject and no holder yet can be bound to a wallet's DID. */
export function bindable(vc: JsonObject): boolean {
  const s = vc.credentialSubject;
  return typeof s === 'object' && s !== null && !Array.isArray(s) && (s as Record<string, unknown>).id === undefined;
}

function credentialIndexKey(providerId: string, credentialId: string): string {
  return `credentialIndex/${providerId}/${credentialId}`;
}
