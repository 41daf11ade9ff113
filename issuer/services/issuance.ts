/**
 * Issuing credentials as a provider, in three steps so that signing never holds the
 * provider's status lock (one provider's cohort can then use every core):
 *
 * 1. Under the provider's status lock: re-read the provider (status, period), honour the
 *    idempotency key, draw the status indexes and WRITE the allocation. The lock is then
 *    released. No other request can draw those indexes while this one signs.
 * 2. Without the lock, several credentials at once: build, check (`checkBeforeSigning`),
 *    approve (scope, caller-chosen id) and sign (SigningService: in the signing pool when
 *    there is one). Nothing is written in this step.
 * 3. Under the lock again: re-read the provider (a suspension that landed during signing
 *    wins), re-check the idempotency key and a caller-chosen id (a concurrent request may
 *    have taken them: it wins and this one replays it), then write credential record, claim
 *    offer, certificate token, idempotency entry, audit entry and the caller's extra
 *    operations (a cohort's rows and counters) in ONE batch. The same batch releases the
 *    indexes of every credential that is not written (refused: bad input stores nothing).
 *
 * Only a process killed between steps 1 and 3 leaves allocated indexes that nothing uses;
 * they are never handed out again.
 */
import { AppError } from '../../shared/errors.js';
import type { Signer } from '../../shared/keys/ed25519.js';
import type { BitstringStatusListEntry } from '../../shared/status/status-list-credential.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import { del, put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { randomToken } from './crypto.node.js';
import type { CurationService, ProviderRecord } from './curation.js';
import type { CertifiedCompetencyClaim } from './credential-rules.js';
import { credentialListOp } from './credential-list.js';
import { newUuid } from './ids.js';
import type { SigningService } from './signing.js';
import type { Allocation, StatusService } from './status.js';
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

export type IssueOutcome = { ok: true; result: IssueResult } | { ok: false; error: unknown };

interface Drawn {
  i: number;
  req: IssueRequest;
  key: string;
  credentialId: string;
  now: Date;
  alloc: Allocation;
  provider: ProviderRecord;
}

interface Signed extends Drawn {
  unsigned: JsonObject;
  credential: JsonObject;
  competencies: CertifiedCompetencyClaim[];
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
    const [outcome] = await this.issueMany(req.providerId, [req]);
    if (!outcome) throw new AppError('INTERNAL_ERROR', 'No issuance outcome.', { status: 500 });
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /**
   * Issues several credentials of one provider (a cohort chunk): one allocation under the
   * lock, signing in parallel, one batch. Each request has its own outcome (an error is the
   * request's, e.g. 422 or a scope refusal); `commitOps` adds operations to the final batch
   * from the outcomes (a cohort's row states and job counters). Throws only when the final
   * batch cannot be written (then nothing of this call is stored but unused indexes).
   */
  async issueMany(providerId: string, reqs: IssueRequest[], commitOps?: (outcomes: IssueOutcome[]) => BatchOp[]): Promise<IssueOutcome[]> {
    const outcomes: Array<IssueOutcome | undefined> = reqs.map(() => undefined);
    const drawn = await this.allocate(providerId, reqs, outcomes);
    const signed = await this.signAll(providerId, drawn, outcomes);
    await this.commit(providerId, drawn, signed, outcomes, commitOps);
    return outcomes.map((o) => o ?? { ok: false, error: new AppError('INTERNAL_ERROR', 'No issuance outcome.', { status: 500 }) });
  }

  /** Step 1: provider, idempotency, status indexes, written under the lock. */
  private async allocate(providerId: string, reqs: IssueRequest[], outcomes: Array<IssueOutcome | undefined>): Promise<Drawn[]> {
    return this.status.withOwnerLock(providerId, async () => {
      const drawn: Drawn[] = [];
      let provider: ProviderRecord;
      try {
        provider = await this.curation.require(providerId);
        // Status and accreditation period first: a suspended or ended provider draws nothing.
        this.curation.assertMayIssue(provider, []);
      } catch (error) {
        reqs.forEach((_, i) => (outcomes[i] = { ok: false, error }));
        return drawn;
      }
      const ops: BatchOp[] = [];
      for (const [i, req] of reqs.entries()) {
        try {
          if (req.idempotency) {
            const prior = await this.replay(providerId, req.idempotency);
            if (prior) {
              outcomes[i] = { ok: true, result: prior };
              continue;
            }
          }
          const key = newUuid();
          const credentialId = `urn:uuid:${key}`;
          const alloc = await this.status.allocate(providerId, credentialId);
          ops.push(...alloc.ops);
          drawn.push({ i, req, key, credentialId, now: this.ctx.now(), alloc, provider });
        } catch (error) {
          outcomes[i] = { ok: false, error };
        }
      }
      // Written before the lock is released: no other request can draw these indexes.
      if (ops.length > 0) await this.ctx.store.batch(ops);
      return drawn;
    });
  }

  /** Step 2: build, check, approve and sign, all at once, without the lock; writes nothing. */
  private async signAll(providerId: string, drawn: Drawn[], outcomes: Array<IssueOutcome | undefined>): Promise<Signed[]> {
    if (drawn.length === 0) return [];
    let signer: Signer;
    try {
      signer = await this.signing.signerFor(providerId);
    } catch (error) {
      for (const d of drawn) outcomes[d.i] = { ok: false, error };
      return [];
    }
    const results = await Promise.all(drawn.map(async (d): Promise<Signed | undefined> => {
      try {
        const unsigned = d.req.build({ id: d.credentialId, credentialStatus: d.alloc.entries, validFrom: d.now, provider: d.provider });
        let competencies: CertifiedCompetencyClaim[] = [];
        // One validation path for every way in, on exactly what will be signed; the scope
        // check then sees every competency the credential certifies, wherever it is written.
        const credential = await this.signing.checkApproveSign(unsigned, d.req.suite, signer, async (found) => {
          competencies = found;
          this.curation.assertMayIssue(d.provider, found);
          await this.assertNewId(providerId, unsigned, d.credentialId);
        });
        return { ...d, unsigned, credential, competencies };
      } catch (error) {
        outcomes[d.i] = { ok: false, error };
        return undefined;
      }
    }));
    return results.filter((r): r is Signed => r !== undefined);
  }

  /** Step 3: re-check under the lock, then one batch for everything that was signed. */
  private async commit(providerId: string, drawn: Drawn[], signed: Signed[], outcomes: Array<IssueOutcome | undefined>, commitOps?: (outcomes: IssueOutcome[]) => BatchOp[]): Promise<void> {
    if (drawn.length === 0 && !commitOps) return;
    await this.status.withOwnerLock(providerId, async () => {
      const ops: BatchOp[] = [];
      let provider: ProviderRecord | undefined;
      let refusal: unknown;
      try {
        provider = await this.curation.require(providerId);
      } catch (error) {
        refusal = error;
      }
      const idemKeys = new Set<string>();
      for (const s of signed) {
        try {
          if (!provider) throw refusal;
          // A suspension, scope change or end of the period that landed while signing wins.
          this.curation.assertMayIssue(provider, s.competencies);
          if (s.req.idempotency) {
            // A concurrent request with the same key was written first: it is the answer.
            const prior = idemKeys.has(s.req.idempotency.key) ? undefined : await this.replay(providerId, s.req.idempotency);
            if (prior) {
              outcomes[s.i] = { ok: true, result: prior };
              continue;
            }
            if (idemKeys.has(s.req.idempotency.key)) throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used twice in one request.', { status: 409 });
            idemKeys.add(s.req.idempotency.key);
          }
          await this.assertNewId(providerId, s.unsigned, s.credentialId);
          const built = this.recordOps(s);
          ops.push(...built.ops);
          outcomes[s.i] = { ok: true, result: built.result };
        } catch (error) {
          outcomes[s.i] = { ok: false, error };
        }
      }
      // Bad input stores nothing: the indexes drawn for a credential that is not written go
      // back. No one holds a signature over them (a refusal comes before signing, or the
      // signed copy is dropped here unseen), so handing them out again reveals nothing.
      const written = new Set(ops.filter((op) => op.type === 'put' && op.collection === 'credentials').map((op) => op.key));
      for (const d of drawn) {
        if (written.has(d.key)) continue;
        for (const op of d.alloc.ops) if (op.type === 'put' && op.collection === 'statusAlloc') ops.push(del('statusAlloc', op.key));
      }
      if (commitOps) ops.push(...commitOps(outcomes.map((o) => o ?? { ok: false, error: new AppError('INTERNAL_ERROR', 'No issuance outcome.', { status: 500 }) })));
      if (ops.length > 0) await this.ctx.store.batch(ops);
    });
  }

  /** The record and every operation of one signed credential (its allocation is already written). */
  private recordOps(s: Signed): { ops: BatchOp[]; result: IssueResult } {
    const { req, key, credentialId, unsigned, credential, now } = s;
    const offer = req.withOffer && bindable(unsigned) ? this.newOffer(key, req.providerId, now) : undefined;
    const record: CredentialRecord = {
      key,
      credentialId: typeof unsigned.id === 'string' ? unsigned.id : credentialId,
      providerId: req.providerId,
      kind: req.kind,
      unsigned,
      credential,
      suite: req.suite,
      refs: s.alloc.refs,
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
    return { ops, result: { record, ...(offer ? { offer } : {}), replayed: false } };
  }

  /**
   * A caller-chosen id (VC API) must be new for this provider: ids name awards, for status
   * changes here and for "count once" in verifiers' ledgers.
   */
  private async assertNewId(providerId: string, unsigned: JsonObject, credentialId: string): Promise<void> {
    if (typeof unsigned.id === 'string' && unsigned.id !== credentialId
      && await this.ctx.store.get<string>('meta', credentialIndexKey(providerId, unsigned.id))) {
      throw new AppError('CREDENTIAL_ID_EXISTS', 'A credential with this id was already issued by this provider; use a new id.', { status: 409 });
    }
  }

  /**
   * Whether this provider already used the Idempotency-Key: a retry then replays the first
   * answer (or is refused as a different request), so it is not checked as a new request.
   */
  async knowsIdempotencyKey(providerId: string, key: string): Promise<boolean> {
    return (await this.ctx.store.get<IdempotencyRecord>('idempotency', `${providerId}/${key}`)) !== undefined;
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
