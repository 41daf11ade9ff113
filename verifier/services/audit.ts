/**
 * The audit log: who did what, when, to which record. Entries go in the same batch as the
 * change they describe. They never hold a password, token or NIP (only record ids).
 */
import { put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import { randomToken } from './crypto.node.js';
import type { ServiceContext } from './context.js';

export interface Actor {
  kind: 'bootstrap' | 'user' | 'system' | 'lan';
  username?: string;
  agencyId?: string;
}

export type AuditAction =
  | 'agency.created'
  | 'user.created'
  | 'user.login'
  | 'user.loginFailed'
  | 'recognition.recorded'
  | 'recognition.refusedDuplicate'
  | 'recognition.statusChanged'
  | 'recognition.voided'
  | 'roster.loaded'
  | 'siasn.exported'
  | 'national.viewed';

export interface AuditEntry {
  at: string;
  actor: Actor;
  action: AuditAction;
  target: string;
  details?: Record<string, string | number | boolean>;
}

export class AuditService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A batch operation that records one entry (time first so the log reads in order). */
  entry(actor: Actor, action: AuditAction, target: string, details?: AuditEntry['details']): BatchOp {
    const at = this.ctx.now().toISOString();
    const value: AuditEntry = { at, actor, action, target, ...(details ? { details } : {}) };
    // Keyed by agency first: an agency's log is read by prefix, so entries written by
    // anyone else (e.g. a flood of failed logins for unknown users) cannot push it out.
    return put('audit', `${actor.agencyId ?? '_'}/${at}/${randomToken(6)}`, value);
  }

  async write(actor: Actor, action: AuditAction, target: string, details?: AuditEntry['details']): Promise<void> {
    await this.ctx.store.batch([this.entry(actor, action, target, details)]);
  }

  /** Entries of one agency (or all, for the bootstrap operator), newest first. */
  async list(agencyId: string | undefined, limit = 200): Promise<AuditEntry[]> {
    if (agencyId) {
      const own = await this.ctx.store.list<AuditEntry>('audit', { prefix: `${agencyId}/`, reverse: true, limit });
      return own.map((e) => e.value);
    }
    const all = await this.ctx.store.list<AuditEntry>('audit', { reverse: true, limit: 5000 });
    return all.map((e) => e.value).sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }
}
