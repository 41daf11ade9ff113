/**
 * The presentation relay (server side). The wallet opens a relay (gets an id and a
 * challenge bound to it), uploads its presentation encrypted under a key only the QR
 * carries, and the HR page fetches the blob exactly once. Blobs live at most
 * `relayTtlSeconds`. The server never sees the key or the plaintext.
 */
import { AppError } from '../../shared/index.js';
import { RELAY_ID_PATTERN, RELAY_IV_PATTERN, RELAY_MAX_CIPHERTEXT_CHARS } from '../../shared/relay/index.js';
import type { RelayBlob } from '../../shared/relay/index.js';
import { del, put } from '../store/kv.js';
import type { ChallengeService } from './challenges.js';
import type { ServiceContext } from './context.js';
import { randomToken } from './crypto.node.js';

interface RelayRecord {
  id: string;
  challenge: string;
  domain: string;
  createdAt: string;
  expiresAt: string;
  blob?: RelayBlob;
}

import type { OpenedRelay } from '../../shared/relay/index.js';

export type { OpenedRelay };

const notFound = () => new AppError('RELAY_NOT_FOUND', 'No such presentation: it expired, was already read, or never existed.', { status: 404 });

export class RelayService {
  constructor(private readonly ctx: ServiceContext, private readonly challenges: ChallengeService) {}

  async open(): Promise<OpenedRelay> {
    const id = randomToken(16);
    const ttl = this.ctx.settings.relayTtlSeconds;
    // The presentation may be verified a little after the blob expires (the page fetched it in time).
    const issued = await this.challenges.issue({ relayId: id, ttlSeconds: ttl + 120 });
    const now = this.ctx.now();
    const record: RelayRecord = {
      id, challenge: issued.challenge, domain: issued.domain,
      createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
    };
    await this.ctx.store.batch([put('relay', id, record)]);
    const base = this.ctx.settings.publicUrl;
    return { id, challenge: record.challenge, domain: record.domain, expiresAt: record.expiresAt, uploadUrl: `${base}/relay/${id}`, pageUrl: `${base}/p/${id}` };
  }

  /** Stores the encrypted presentation once. */
  async upload(id: string, body: unknown): Promise<{ expiresAt: string }> {
    const blob = readBlob(body);
    if (!RELAY_ID_PATTERN.test(id)) throw notFound();
    return this.ctx.store.exclusive(`relay:${id}`, async () => {
      const record = await this.live(id);
      if (record.blob) throw new AppError('RELAY_ALREADY_UPLOADED', 'This relay already holds a presentation.', { status: 409 });
      await this.ctx.store.batch([put('relay', id, { ...record, blob })]);
      return { expiresAt: record.expiresAt };
    });
  }

  /** Hands out the blob once and deletes it, with the challenge and domain to verify against. */
  async take(id: string): Promise<RelayBlob & { challenge: string; domain: string }> {
    if (!RELAY_ID_PATTERN.test(id)) throw notFound();
    return this.ctx.store.exclusive(`relay:${id}`, async () => {
      const record = await this.live(id);
      if (!record.blob) throw new AppError('RELAY_NOT_READY', 'The wallet has not uploaded the presentation yet.', { status: 409 });
      await this.ctx.store.batch([del('relay', id)]);
      return { ...record.blob, challenge: record.challenge, domain: record.domain };
    });
  }

  /** Deletes expired relays; returns how many. */
  async sweep(): Promise<number> {
    const now = this.ctx.now().getTime();
    const expired = (await this.ctx.store.list<RelayRecord>('relay')).filter((e) => Date.parse(e.value.expiresAt) < now);
    await this.ctx.store.batch(expired.map((e) => del('relay', e.key)));
    return expired.length;
  }

  private async live(id: string): Promise<RelayRecord> {
    const record = await this.ctx.store.get<RelayRecord>('relay', id);
    if (!record) throw notFound();
    if (Date.parse(record.expiresAt) < this.ctx.now().getTime()) {
      await this.ctx.store.batch([del('relay', id)]);
      throw notFound();
    }
    return record;
  }
}

function readBlob(body: unknown): RelayBlob {
  const bad = (why: string): never => {
    throw new AppError('REQUEST_INVALID', `Relay upload: ${why}.`, { status: 400 });
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('body must be an object');
  const { ciphertext, iv, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) bad('only `ciphertext` and `iv` are accepted');
  if (typeof iv !== 'string' || !RELAY_IV_PATTERN.test(iv)) bad('`iv` must be 12 bytes base64url');
  if (typeof ciphertext !== 'string' || !/^[A-Za-z0-9_-]{24,}$/.test(ciphertext)) bad('`ciphertext` must be base64url');
  if ((ciphertext as string).length > RELAY_MAX_CIPHERTEXT_CHARS) throw new AppError('RELAY_TOO_LARGE', 'The presentation is too large for the relay.', { status: 413 });
  return { ciphertext: ciphertext as string, iv: iv as string };
}
