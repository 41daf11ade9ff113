/**
 * LAN's curation of training providers: register (key, DID document, accreditation),
 * update scope, suspend, reinstate, withdraw. Each accreditation is a credential LAN
 * signs, with entries in LAN's own status lists so suspension and withdrawal reach
 * verifiers through the usual status check.
 */
import { AppError } from '../../shared/errors.js';
import { buildAccreditationCredential } from '../../shared/accreditation/accreditation-credential.js';
import type { AccreditationScope } from '../../shared/accreditation/accreditation-credential.js';
import { decideScope } from '../../shared/accreditation/scope.js';
import { put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { newProviderId, newUuid, PROVIDER_ID_PATTERN, RESERVED_PROVIDER_IDS } from './ids.js';
import { LAN } from './keys.js';
import type { KeyService } from './keys.js';
import type { SigningService } from './signing.js';
import type { StatusRefs, StatusService } from './status.js';

export interface ProviderInput {
  id?: string;
  name: string;
  legalName?: string;
  legalIdentifier: string;
  contact: { name?: string; email?: string; phone?: string };
  url?: string;
  scope: AccreditationScope;
  grade: string;
  validFrom: Date;
  validUntil: Date;
}

export type ProviderStatus = 'active' | 'suspended' | 'withdrawn';

export interface ProviderRecord {
  id: string;
  did: string;
  name: string;
  legalName?: string;
  legalIdentifier: string;
  contact: ProviderInput['contact'];
  url?: string;
  scope: AccreditationScope;
  grade: string;
  validFrom: string;
  validUntil: string;
  status: ProviderStatus;
  /** Accreditations LAN has signed for this provider, oldest first; the last is current. */
  accreditationIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface AccreditationRecord {
  id: string;
  providerId: string;
  credential: Record<string, unknown>;
  refs: StatusRefs;
  revoked: boolean;
  suspended: boolean;
  /** Replaced by a copy whose accreditation period ends at the scope change. */
  superseded: boolean;
  createdAt: string;
}

export class CurationService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly keys: KeyService,
    private readonly status: StatusService,
    private readonly signing: SigningService,
    private readonly audit: AuditService,
  ) {}

  async get(id: string): Promise<ProviderRecord | undefined> {
    return this.ctx.store.get<ProviderRecord>('providers', id);
  }

  async require(id: string): Promise<ProviderRecord> {
    const p = PROVIDER_ID_PATTERN.test(id) ? await this.get(id) : undefined;
    if (!p) throw new AppError('PROVIDER_NOT_FOUND', 'No such provider.', { status: 404 });
    return p;
  }

  async list(): Promise<ProviderRecord[]> {
    return (await this.ctx.store.list<ProviderRecord>('providers')).map((e) => e.value);
  }

  /** Registers a provider: its key and DID document, and LAN's first accreditation. */
  async register(input: ProviderInput, actor: Actor): Promise<ProviderRecord> {
    if (input.validUntil <= input.validFrom) {
      throw new AppError('VALIDATION_FAILED', 'validUntil must be after validFrom.', { status: 422, details: [{ field: 'validUntil', code: 'DATE_ORDER' }] });
    }
    const id = input.id ?? newProviderId();
    if (!PROVIDER_ID_PATTERN.test(id) || RESERVED_PROVIDER_IDS.has(id)) {
      throw new AppError('VALIDATION_FAILED', 'The provider id is not allowed.', { status: 422, details: [{ field: 'id', code: 'PROVIDER_ID_INVALID' }] });
    }
    return this.ctx.locks.run('providers', async () => {
      if (await this.get(id)) throw new AppError('PROVIDER_EXISTS', 'A provider with this id already exists.', { status: 409 });
      const now = this.ctx.now().toISOString();
      const record: ProviderRecord = {
        id,
        did: this.keys.didOf(id),
        name: input.name,
        ...(input.legalName ? { legalName: input.legalName } : {}),
        legalIdentifier: input.legalIdentifier,
        contact: input.contact,
        ...(input.url ? { url: input.url } : {}),
        scope: input.scope,
        grade: input.grade,
        validFrom: input.validFrom.toISOString(),
        validUntil: input.validUntil.toISOString(),
        status: 'active',
        accreditationIds: [],
        createdAt: now,
        updatedAt: now,
      };
      const key = await this.keys.newKeyOps(id);
      // LAN signs with its own key (the provider DID is only the subject), so the provider's
      // key and LAN's accreditation can land in one batch: no provider without accreditation.
      await this.status.withOwnerLock(LAN, async () => {
        const acc = await this.accreditationOps(record, input.validFrom, input.validUntil);
        record.accreditationIds.push(acc.id);
        await this.ctx.store.batch([
          ...key.ops,
          ...acc.ops,
          put('providers', id, record),
          this.audit.entry(actor, 'provider.registered', id, { payloadHash: this.audit.payloadHash(record) }),
        ]);
      });
      return record;
    });
  }

  /**
   * Builds and signs an accreditation (caller holds LAN's status lock). Its validity period
   * is the accredited period itself: verifiers judge it at a learning credential's
   * validFrom, so "accredited when it issued" holds after the period ends.
   */
  private async accreditationOps(p: ProviderRecord, from: Date, until: Date): Promise<{ id: string; ops: BatchOp[] }> {
    const uuid = newUuid();
    const id = `urn:uuid:${uuid}`;
    const alloc = await this.status.allocate(LAN, id);
    const unsigned = buildAccreditationCredential({
      id,
      issuerDid: this.keys.didOf(LAN),
      provider: { did: p.did, name: p.name, ...(p.legalName ? { legalName: p.legalName } : {}), legalIdentifier: p.legalIdentifier },
      grade: p.grade,
      scope: p.scope,
      accreditedFrom: from,
      accreditedUntil: until,
      validFrom: from,
      credentialStatus: alloc.entries,
    });
    const credential = await this.signing.sign(LAN, unsigned);
    const record: AccreditationRecord = {
      id: uuid,
      providerId: p.id,
      credential,
      refs: alloc.refs,
      revoked: false,
      suspended: p.status === 'suspended',
      superseded: false,
      createdAt: this.ctx.now().toISOString(),
    };
    const ops = [...alloc.ops, put('accreditations', uuid, record)];
    if (p.status === 'suspended') ops.push(...(await this.status.bitOps(LAN, 'suspension', alloc.refs.suspension, true)));
    return { id: uuid, ops };
  }

  /**
   * Changes scope, grade or period. The current accreditation is revoked and replaced by
   * (a) a closing copy whose accredited (and validity) period ends now, so credentials
   * issued under the old terms stay recognised for good, and (b) a new accreditation from
   * now with the new terms. Revoking a superseded original is not a withdrawal: verifiers
   * report ACCREDITATION_WITHDRAWN only when no accreditation was in force at issuance.
   */
  async updateScope(id: string, change: { scope?: AccreditationScope; grade?: string; validUntil?: Date }, actor: Actor): Promise<ProviderRecord> {
    return this.ctx.locks.run('providers', async () => {
      const p = await this.require(id);
      if (p.status === 'withdrawn') throw new AppError('PROVIDER_WITHDRAWN', 'A withdrawn provider cannot be changed.', { status: 409 });
      const now = this.ctx.now();
      const until = change.validUntil ?? new Date(p.validUntil);
      if (until <= now) throw new AppError('VALIDATION_FAILED', 'validUntil must be in the future.', { status: 422, details: [{ field: 'validUntil', code: 'DATE_ORDER' }] });
      const currentId = p.accreditationIds.at(-1);
      const current = currentId ? await this.ctx.store.get<AccreditationRecord>('accreditations', currentId) : undefined;
      return this.status.withOwnerLock(LAN, async () => {
        const ops: BatchOp[] = [];
        const next: ProviderRecord = { ...p, accreditationIds: [...p.accreditationIds], updatedAt: now.toISOString() };
        if (current && !current.revoked) {
          ops.push(...(await this.status.bitOps(LAN, 'revocation', current.refs.revocation, true)));
          ops.push(put('accreditations', current.id, { ...current, revoked: true, superseded: true }));
          const from = new Date(p.validFrom);
          if (from < now) {
            const closing = await this.accreditationOps(p, from, now);
            ops.push(...closing.ops);
            next.accreditationIds.splice(-1, 0, closing.id);
          }
        }
        if (change.scope) next.scope = change.scope;
        if (change.grade) next.grade = change.grade;
        next.validUntil = until.toISOString();
        const fresh = await this.accreditationOps(next, now > new Date(p.validFrom) ? now : new Date(p.validFrom), until);
        next.accreditationIds.push(fresh.id);
        ops.push(...fresh.ops, put('providers', id, next));
        ops.push(this.audit.entry(actor, 'provider.scopeUpdated', id, { payloadHash: this.audit.payloadHash(change) }));
        await this.ctx.store.batch(ops);
        return next;
      });
    });
  }

  /** Suspends (reversible) or withdraws (final) a provider and flips its accreditations' status. */
  async setStatus(id: string, to: 'suspended' | 'active' | 'withdrawn', actor: Actor): Promise<ProviderRecord> {
    return this.ctx.locks.run('providers', async () => {
      const p = await this.require(id);
      if (p.status === 'withdrawn') throw new AppError('PROVIDER_WITHDRAWN', 'The provider was withdrawn; this is final.', { status: 409 });
      if (p.status === to) return p;
      return this.status.withOwnerLock(LAN, async () => {
        const ops: BatchOp[] = [];
        for (const accId of p.accreditationIds) {
          const acc = await this.ctx.store.get<AccreditationRecord>('accreditations', accId);
          if (!acc || acc.revoked) continue;
          if (to === 'withdrawn') {
            ops.push(...(await this.status.bitOps(LAN, 'revocation', acc.refs.revocation, true)));
            ops.push(put('accreditations', acc.id, { ...acc, revoked: true }));
          } else {
            const on = to === 'suspended';
            ops.push(...(await this.status.bitOps(LAN, 'suspension', acc.refs.suspension, on)));
            ops.push(put('accreditations', acc.id, { ...acc, suspended: on }));
          }
        }
        const next: ProviderRecord = { ...p, status: to, updatedAt: this.ctx.now().toISOString() };
        const action = to === 'withdrawn' ? 'provider.withdrawn' : to === 'suspended' ? 'provider.suspended' : 'provider.reinstated';
        ops.push(put('providers', id, next), this.audit.entry(actor, action, id));
        await this.ctx.store.batch(ops);
        return next;
      });
    });
  }

  /**
   * Refuses issuance unless the provider is active, inside its accredited period and
   * accredited for every competency the credential certifies.
   */
  assertMayIssue(p: ProviderRecord, competencies: Array<{ type: string; code: string }>): void {
    if (p.status !== 'active') {
      throw new AppError(p.status === 'suspended' ? 'PROVIDER_SUSPENDED' : 'PROVIDER_WITHDRAWN', `The provider is ${p.status}; it cannot issue.`, { status: 403 });
    }
    const terms = {
      providerDid: p.did,
      providerName: p.name,
      grade: p.grade,
      competencyTypes: p.scope.competencyTypes,
      competencyCodes: p.scope.competencyCodes,
      accreditedFrom: new Date(p.validFrom),
      accreditedUntil: new Date(p.validUntil),
    };
    const now = this.ctx.now();
    // Checked for every credential, competency-free ones too: an ended (or not yet
    // started) accreditation signs nothing at all.
    if (now < terms.accreditedFrom || now > terms.accreditedUntil) {
      throw new AppError('NOT_ACCREDITED_NOW', 'The provider is not accredited at this time.', { status: 403 });
    }
    for (const c of competencies) {
      const decision = decideScope(terms, c, now);
      if (decision === 'not-at-issuance') throw new AppError('NOT_ACCREDITED_NOW', 'The provider is not accredited at this time.', { status: 403 });
      if (decision === 'outside-scope') {
        throw new AppError('OUTSIDE_ACCREDITED_SCOPE', 'The competency is outside the provider’s accredited scope.', { status: 403, details: { type: c.type, code: c.code } });
      }
    }
  }

  /** The accreditations a verifier should see (superseded originals are left out). */
  async registry(): Promise<{ accreditations: Record<string, unknown>[]; providers: Array<Pick<ProviderRecord, 'id' | 'did' | 'name' | 'status' | 'grade'>> }> {
    const accs = (await this.ctx.store.list<AccreditationRecord>('accreditations')).map((e) => e.value).filter((a) => !a.superseded);
    accs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const providers = (await this.list()).map((p) => ({ id: p.id, did: p.did, name: p.name, status: p.status, grade: p.grade }));
    return { accreditations: accs.map((a) => a.credential), providers };
  }

  /** The provider's current accreditation credential (handed to wallets with a claim). */
  async currentAccreditation(p: ProviderRecord): Promise<Record<string, unknown> | undefined> {
    const id = p.accreditationIds.at(-1);
    return id ? (await this.ctx.store.get<AccreditationRecord>('accreditations', id))?.credential : undefined;
  }
}
