/**
 * A cache of the time-independent part of a verification (contexts, terms, issuer key,
 * proof), keyed by a hash of the exact document. Status lists and accreditations are
 * re-verified on every credential check otherwise, which multiplies the JSON-LD work.
 * Entries expire after `ttlSeconds` (judged by the injected clock) so that a key removed
 * from a DID document stops verifying within that time.
 *
 * A result is only as good as the keys it was checked against, so every entry belongs to
 * a trust `scope`: the ordinary document loader, or the pinned LAN trust anchor. A result
 * made with the network's DID document must never stand in for a pinned-key check.
 */
import { sha256HexOf } from '../canonical/rdfc.js';
import type { Json } from './document.js';
import type { CheckResult, CredentialCheckId } from './types.js';

/** What a cache hit stands in for: the crypto checks and the signed document's read form. */
export interface CachedVerification {
  checks: Array<CheckResult<CredentialCheckId>>;
  document: Json;
}

export interface VerificationCache {
  get(doc: unknown, now: Date, scope: string): CachedVerification | undefined;
  set(doc: unknown, now: Date, scope: string, value: CachedVerification): void;
}

export function createVerificationCache(opts: { maxEntries?: number; ttlSeconds?: number } = {}): VerificationCache {
  const max = opts.maxEntries ?? 1000;
  const ttlMs = (opts.ttlSeconds ?? 300) * 1000;
  const entries = new Map<string, { at: number; value: CachedVerification }>();
  // SHA-256 (native once a composition root installed node:crypto; noble otherwise).
  const keyOf = (doc: unknown, scope: string) => `${scope}\n${sha256HexOf(JSON.stringify(doc))}`;
  return {
    get(doc, now, scope) {
      const key = keyOf(doc, scope);
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (now.getTime() - hit.at > ttlMs || now.getTime() < hit.at) {
        entries.delete(key);
        return undefined;
      }
      entries.delete(key); // refresh LRU position
      entries.set(key, hit);
      return hit.value;
    },
    set(doc, now, scope, value) {
      const key = keyOf(doc, scope);
      entries.delete(key);
      entries.set(key, { at: now.getTime(), value });
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
  };
}
