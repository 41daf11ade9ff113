/**
 * The audit log: who did what, when, to which record. Entries are written in the same
 * batch as the change they describe, so a change without its entry cannot exist. They
 * never hold keys, tokens or a NIP: a payload is recorded only as an HMAC under a key
 * derived from the master key (a plain hash of a NIP could be brute-forced).
 */
import { put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import { deriveKey, hmacHex, randomToken } from './crypto.node.js';
import type { ServiceContext } from './context.js';

export interface Actor {
  kind: 'admin' | 'provider' | 'system' | 'holder';
  /** API key id, 'admin', 'batch', or the holder DID. */
  id: string;
  providerId?: string;
}

export type AuditAction =
  | 'provider.registered'
  | 'provider.scopeUpdated'
  | 'provider.suspended'
  | 'provider.reinstated'
  | 'provider.withdrawn'
  | 'provider.brandingUpdated'
  | 'key.rotated'
  | 'key.compromised'
  | 'apiKey.created'
  | 'apiKey.revoked'
  | 'credential.issued'
  | 'credential.statusChanged'
  | 'credential.claimed'
  | 'claimOffer.renewed'
  | 'batch.created'
  | 'batch.failed';

export interface AuditEntry {
  at: string;
  actor: Actor;
  action: AuditAction;
  target: string;
  payloadHash?: string;
  details?: Record<string, string | number | boolean>;
}

export class AuditService {
  private readonly hashKey: Uint8Array;

  constructor(private readonly ctx: ServiceContext) {
    this.hashKey = deriveKey(ctx.masterKey, 'audit');
  }

  /** HMAC of a request payload: lets an auditor confirm a payload without storing it. */
  payloadHash(payload: unknown): string {
    return `hmac-sha256:${hmacHex(this.hashKey, JSON.stringify(payload) ?? '')}`;
  }

  entry(actor: Actor, action: AuditAction, target: string, extra: Pick<AuditEntry, 'payloadHash' | 'details'> = {}): BatchOp {
    const at = this.ctx.now().toISOString();
    const value: AuditEntry = { at, actor, action, target, ...extra };
    // Time first so the log reads in order; the random tail keeps same-millisecond entries apart.
    return put('audit', `${at}/${randomToken(6)}`, value);
  }

  async list(opts: { after?: string; limit?: number } = {}): Promise<Array<{ key: string; value: AuditEntry }>> {
    return this.ctx.store.list<AuditEntry>('audit', { ...(opts.after ? { after: opts.after } : {}), limit: Math.min(opts.limit ?? 100, 1000) });
  }
}
