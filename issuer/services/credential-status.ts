/**
 * Revoking, suspending and reinstating an issued credential. The printed and the
 * wallet-bound copies share their status entries, so one change reaches both. Revocation
 * is final; suspension can be lifted.
 */
import { AppError } from '../../shared/errors.js';
import { put } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import type { IssuanceService } from './issuance.js';
import { credentialEventOp } from './credential-list.js';
import type { CredentialRecord } from './records.js';
import type { StatusService } from './status.js';

export type CredentialState = 'revoked' | 'suspended' | 'active';

export class CredentialStatusService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly issuance: IssuanceService,
    private readonly status: StatusService,
    private readonly audit: AuditService,
  ) {}

  /** `reason` (the provider's words) is kept in the audit log and the credential's history. */
  async change(providerId: string, credentialKey: string, to: CredentialState, actor: Actor, reason?: string): Promise<CredentialRecord> {
    const updated = await this.status.withOwnerLock(providerId, async () => {
      const rec = await this.issuance.getOwn(providerId, credentialKey);
      if (rec.revoked) {
        if (to === 'revoked') return rec;
        throw new AppError('CREDENTIAL_REVOKED', 'The credential is revoked; revocation is final.', { status: 409 });
      }
      const ops =
        to === 'revoked'
          ? await this.status.bitOps(providerId, 'revocation', rec.refs.revocation, true)
          : await this.status.bitOps(providerId, 'suspension', rec.refs.suspension, to === 'suspended');
      const next: CredentialRecord = { ...rec, revoked: to === 'revoked', suspended: to === 'revoked' ? rec.suspended : to === 'suspended' };
      const at = this.ctx.now().toISOString();
      ops.push(
        put('credentials', rec.key, next),
        this.audit.entry(actor, 'credential.statusChanged', rec.credentialId, { details: { to, ...(reason ? { reason } : {}) } }),
        credentialEventOp(rec, { at, type: to, actor: actor.kind, ...(reason ? { reason } : {}) }),
      );
      await this.ctx.store.batch(ops);
      return next;
    });
    // Re-sign the list now so verifiers see the change on their next fetch; a failure here is
    // repaired by the next GET, which re-signs any list whose version is behind.
    const purpose = to === 'revoked' ? 'revocation' : 'suspension';
    await this.status.signedList(providerId, purpose, updated.refs[purpose].listNo).catch((e: unknown) => {
      this.ctx.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'status list re-sign deferred');
    });
    return updated;
  }
}
