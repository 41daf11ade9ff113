/**
 * Challenges for presentations: random, time-limited, single use (BAD-INPUTS #24). A
 * challenge may belong to a relay, so verifying the relayed presentation also tells which
 * relay it came through.
 */
import { AppError } from '../../shared/index.js';
import { del, put } from '../store/kv.js';
import type { ServiceContext } from './context.js';
import { randomToken } from './crypto.node.js';

interface ChallengeRecord {
  challenge: string;
  domain: string;
  expiresAt: string;
  used: boolean;
  relayId?: string;
}

export interface IssuedChallenge {
  challenge: string;
  domain: string;
  expiresAt: string;
}

export type ConsumeOutcome = { ok: true; relayId?: string } | { ok: false; reason: 'missing' | 'unknown' | 'used' | 'expired' };

const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;

export class ChallengeService {
  constructor(private readonly ctx: ServiceContext) {}

  async issue(opts: { relayId?: string; ttlSeconds?: number } = {}): Promise<IssuedChallenge> {
    const challenge = randomToken(24);
    const ttl = opts.ttlSeconds ?? this.ctx.settings.challengeTtlSeconds;
    const record: ChallengeRecord = {
      challenge,
      domain: this.ctx.settings.publicUrl,
      expiresAt: new Date(this.ctx.now().getTime() + ttl * 1000).toISOString(),
      used: false,
      ...(opts.relayId ? { relayId: opts.relayId } : {}),
    };
    await this.ctx.store.batch([put('challenges', challenge, record)]);
    return { challenge, domain: record.domain, expiresAt: record.expiresAt };
  }

  /** Marks the challenge used; says why when it cannot be used. */
  async consume(challenge: string): Promise<ConsumeOutcome> {
    if (typeof challenge !== 'string' || !CHALLENGE_PATTERN.test(challenge)) return { ok: false, reason: 'unknown' };
    return this.ctx.store.exclusive(`challenge:${challenge}`, async () => {
      const record = await this.ctx.store.get<ChallengeRecord>('challenges', challenge);
      if (!record) return { ok: false, reason: 'unknown' } as const;
      if (record.used) return { ok: false, reason: 'used' } as const;
      if (Date.parse(record.expiresAt) < this.ctx.now().getTime()) return { ok: false, reason: 'expired' } as const;
      // Kept (as used) until it expires, so a replay is told "used", not "unknown".
      await this.ctx.store.batch([put('challenges', challenge, { ...record, used: true })]);
      return { ok: true, ...(record.relayId ? { relayId: record.relayId } : {}) } as const;
    });
  }

  /**
   * Deletes challenges no presentation can still carry; returns how many. A challenge is
   * kept past its expiry for as long as a presentation made for it stays fresh (plus clock
   * skew): deleted earlier, it would read as `unknown`, i.e. a caller's own challenge, and a
   * captured presentation made for us could be replayed through that path.
   */
  async sweep(): Promise<number> {
    const { maxPresentationAgeSeconds, clockSkewSeconds } = this.ctx.settings;
    const cutoff = this.ctx.now().getTime() - (maxPresentationAgeSeconds + clockSkewSeconds) * 1000;
    const expired = (await this.ctx.store.list<ChallengeRecord>('challenges')).filter((e) => Date.parse(e.value.expiresAt) < cutoff);
    await this.ctx.store.batch(expired.map((e) => del('challenges', e.key)));
    return expired.length;
  }
}

/** Validates the challenge a client sends (a string of our shape), for a clear 400. */
export function readChallengeOption(options: unknown): string | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new AppError('REQUEST_INVALID', '`options` must be an object.', { status: 400 });
  const c = (options as Record<string, unknown>).challenge;
  if (c === undefined) return undefined;
  if (typeof c !== 'string' || c.length > 200) throw new AppError('REQUEST_INVALID', '`options.challenge` must be a string.', { status: 400 });
  return c;
}
