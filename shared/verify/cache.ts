/**
 * A cache of the time-independent part of a verification (contexts, terms, issuer key,
 * proof), keyed by a hash of the exact document. Status lists and accreditations are
 * re-verified on every credential check otherwise, which multiplies the JSON-LD work.
 * Entries expire after `ttlSeconds` (judged by the injected clock) so that a key removed
 * from a DID document stops verifying within that time.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { CheckResult, CredentialCheckId } from './types.js';

export interface VerificationCache {
  get(doc: unknown, now: Date): Array<CheckResult<CredentialCheckId>> | undefined;
  set(doc: unknown, now: Date, checks: Array<CheckResult<CredentialCheckId>>): void;
}

export function createVerificationCache(opts: { maxEntries?: number; ttlSeconds?: number } = {}): VerificationCache {
  const max = opts.maxEntries ?? 1000;
  const ttlMs = (opts.ttlSeconds ?? 300) * 1000;
  const entries = new Map<string, { at: number; checks: Array<CheckResult<CredentialCheckId>> }>();
  const keyOf = (doc: unknown) => bytesToHex(sha256(new TextEncoder().encode(JSON.stringify(doc))));
  return {
    get(doc, now) {
      const key = keyOf(doc);
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (now.getTime() - hit.at > ttlMs || now.getTime() < hit.at) {
        entries.delete(key);
        return undefined;
      }
      entries.delete(key); // refresh LRU position
      entries.set(key, hit);
      return hit.checks;
    },
    set(doc, now, checks) {
      const key = keyOf(doc);
      entries.delete(key);
      entries.set(key, { at: now.getTime(), checks });
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
  };
}
