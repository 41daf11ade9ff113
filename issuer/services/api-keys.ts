/**
 * Provider API keys. A key is `ik_<id>_<secret>`; only SHA-256(secret) is stored, so a
 * copy of the database does not let anyone issue. A key belongs to one provider; role
 * `admin` may also manage that provider's keys, role `issuer` may only issue and change
 * status.
 */
import { AppError } from '../../shared/errors.js';
import { put } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { randomToken, safeEqual, sha256Hex } from './crypto.node.js';

export type ApiKeyRole = 'issuer' | 'admin';

export interface ApiKeyRecord {
  id: string;
  providerId: string;
  role: ApiKeyRole;
  label: string;
  secretHash: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
}

export type PublicApiKey = Omit<ApiKeyRecord, 'secretHash'>;

const TOKEN = /^ik_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export class ApiKeyService {
  constructor(private readonly ctx: ServiceContext, private readonly audit: AuditService) {}

  /** Creates a key and returns the token once; it cannot be shown again. */
  async create(providerId: string, input: { role: ApiKeyRole; label: string }, actor: Actor): Promise<{ token: string; key: PublicApiKey }> {
    const id = Buffer.from(randomToken(8), 'base64url').toString('hex').padEnd(16, '0').slice(0, 16);
    const secret = randomToken(32);
    const record: ApiKeyRecord = {
      id,
      providerId,
      role: input.role,
      label: input.label,
      secretHash: sha256Hex(secret),
      createdAt: this.ctx.now().toISOString(),
      createdBy: actor.kind === 'admin' ? 'admin' : `apiKey:${actor.id}`,
    };
    await this.ctx.store.batch([put('apiKeys', id, record), this.audit.entry(actor, 'apiKey.created', `${providerId}/apiKeys/${id}`, { details: { role: input.role } })]);
    return { token: `ik_${id}_${secret}`, key: publicKey(record) };
  }

  async list(providerId: string): Promise<PublicApiKey[]> {
    return (await this.ctx.store.list<ApiKeyRecord>('apiKeys')).map((e) => e.value).filter((k) => k.providerId === providerId).map(publicKey);
  }

  async revoke(providerId: string, id: string, actor: Actor): Promise<PublicApiKey> {
    const rec = await this.ctx.store.get<ApiKeyRecord>('apiKeys', id);
    if (!rec || rec.providerId !== providerId) throw new AppError('API_KEY_NOT_FOUND', 'No such API key for this provider.', { status: 404 });
    if (rec.revokedAt) return publicKey(rec);
    const next = { ...rec, revokedAt: this.ctx.now().toISOString() };
    await this.ctx.store.batch([put('apiKeys', id, next), this.audit.entry(actor, 'apiKey.revoked', `${providerId}/apiKeys/${id}`)]);
    return publicKey(next);
  }

  /** The key a bearer token names, or undefined when it is malformed, unknown, wrong or revoked. */
  async authenticate(token: string): Promise<ApiKeyRecord | undefined> {
    const m = TOKEN.exec(token);
    if (!m) return undefined;
    const rec = await this.ctx.store.get<ApiKeyRecord>('apiKeys', m[1] ?? '');
    if (!rec || rec.revokedAt) return undefined;
    return safeEqual(sha256Hex(m[2] ?? ''), rec.secretHash) ? rec : undefined;
  }
}

function publicKey(r: ApiKeyRecord): PublicApiKey {
  const { secretHash: _omit, ...rest } = r;
  return rest;
}
