/**
 * Three small pieces of the verifier, pinned where mutation testing found no test looking
 * (issue 13):
 * - `scanDocument` (document.ts), the one pass behind the structure, context and
 *   presentation checks: a nested `@context` given as one URL, an empty list, or a URL
 *   list; a proof set (`proof: [...]`) is measured like any other array (same depth, same
 *   node count, so the size limits cannot be dodged by naming an array `proof`), its
 *   entries are still searched for forbidden keys with their exact path, and each entry may
 *   carry its own `@context` exactly as a single proof may.
 * - the verification cache (cache.ts): the TTL is inclusive at its edge, a clock that went
 *   back never serves an entry from the future, and the LRU bound keeps exactly
 *   `maxEntries`.
 * - `summarize` (summarize.ts): no checks is never "verified", and a NOT_CHECKED placeholder
 *   is never reported as the error while a real reason exists.
 * All are called directly on plain data: none of them does JSON-LD or crypto.
 */
import { describe, expect, it } from 'vitest';
import { DATA_INTEGRITY_V2_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../../../shared/contexts/index.js';
import { createVerificationCache, type CachedVerification } from '../../../shared/verify/cache.js';
import { notChecked, ok, unknown, failed } from '../../../shared/verify/checks/result.js';
import { didOfKeyId, scanDocument } from '../../../shared/verify/document.js';
import { summarize } from '../../../shared/verify/summarize.js';

const NO_LIMIT = { maxDepth: 1_000_000, maxNodes: 10_000_000 };
const scan = (doc: unknown) => scanDocument(doc, NO_LIMIT);

describe('scanDocument: nested @context', () => {
  it.each<[string, unknown, { nestedContextUrls: string[]; nestedContextAt?: string }]>([
    ['one URL', 'https://example.org/ctx', { nestedContextUrls: ['https://example.org/ctx'] }],
    ['a list of URLs', ['https://a.example/c', 'https://b.example/c'], { nestedContextUrls: ['https://a.example/c', 'https://b.example/c'] }],
    ['an empty list', [], { nestedContextUrls: [], nestedContextAt: '$.endorsement.@context' }],
    ['an inline object', { x: 'https://example.org/x' }, { nestedContextUrls: [], nestedContextAt: '$.endorsement.@context' }],
    ['a list with an inline object', ['https://a.example/c', {}], { nestedContextUrls: [], nestedContextAt: '$.endorsement.@context' }],
  ])('%s: URLs are collected for the allow-list, anything else is inline', (_name, ctx, expected) => {
    const s = scan({ '@context': [VC_V2_CONTEXT_URL], endorsement: { '@context': ctx, id: 'urn:x' } });
    expect(s.nestedContextUrls).toEqual(expected.nestedContextUrls);
    expect(s.nestedContextAt).toBe(expected.nestedContextAt);
  });
});

describe('scanDocument: a proof, or each proof of a set, may carry its own @context', () => {
  it.each([
    ['a single proof, URL', { '@context': DATA_INTEGRITY_V2_CONTEXT_URL }],
    ['a single proof, inline', { '@context': { x: 'https://example.org/x' } }],
    ['a proof set, URL', [{ '@context': DATA_INTEGRITY_V2_CONTEXT_URL }, { '@context': [DATA_INTEGRITY_V2_CONTEXT_URL] }]],
    ['a proof set, inline', [{ type: 'DataIntegrityProof' }, { '@context': { x: 'https://example.org/x' } }]],
  ])('%s: not a nested context (checkContexts judges it on its own)', (_name, proof) => {
    const s = scan({ '@context': [VC_V2_CONTEXT_URL], proof });
    expect(s.nestedContextAt).toBeUndefined();
    expect(s.nestedContextUrls).toEqual([]);
  });

  it('only at the top: a `proof` deeper down is an ordinary object', () => {
    const s = scan({ '@context': [VC_V2_CONTEXT_URL], endorsement: { proof: [{ '@context': { x: 'https://example.org/x' } }] } });
    expect(s.nestedContextAt).toBe('$.endorsement.proof[0].@context');
  });
});

describe('scanDocument: a proof set is measured and searched like any other array', () => {
  const entries = () => [{ type: 'DataIntegrityProof', a: { b: 1 } }, { type: 'DataIntegrityProof' }];

  it('same depth and node count as the same array under another key', () => {
    const asProof = scan({ '@context': [VC_V2_CONTEXT_URL], proof: entries() });
    const asOther = scan({ '@context': [VC_V2_CONTEXT_URL], other: entries() });
    expect({ depth: asProof.depth, nodes: asProof.nodes }).toEqual({ depth: asOther.depth, nodes: asOther.nodes });
    // root, the array, two proofs, `type` and `a` in the first, `type` in the second, `b`
    expect({ depth: asProof.depth, nodes: asProof.nodes }).toEqual({ depth: 5, nodes: 8 });
  });

  it('the node limit counts the proof set itself: exactly at the limit the scan runs on, one node more stops it', () => {
    const doc = { proof: [1, 2] }; // the root, the array, two entries
    expect(scanDocument(doc, { maxDepth: 100, maxNodes: 4 })).toEqual({ depth: 3, nodes: 4, nestedContextUrls: [] });
    expect(scanDocument(doc, { maxDepth: 100, maxNodes: 3 }).nodes).toBe(4);
  });

  it('names a forbidden key inside the second proof with its path', () => {
    const proof = [{ type: 'DataIntegrityProof' }, JSON.parse('{"type":"DataIntegrityProof","__proto__":{"admin":true}}') as unknown];
    expect(scan({ '@context': [VC_V2_CONTEXT_URL], proof }).forbiddenKey).toBe('$.proof[1].__proto__');
  });

  it('finds @vocab inside a proof of the set', () => {
    expect(scan({ proof: [{ a: { '@vocab': 'https://evil.example/' } }] }).vocabAt).toBe('$.proof[0].a.@vocab');
  });
});

describe('verification cache', () => {
  const value = (n: number): CachedVerification => ({ checks: [], document: { n } });
  const T0 = Date.UTC(2026, 0, 1);
  const at = (ms: number) => new Date(T0 + ms);

  it('serves an entry from the moment it was set up to exactly ttlSeconds later, not one millisecond more', () => {
    const cache = createVerificationCache({ ttlSeconds: 60 });
    cache.set({ d: 1 }, at(0), 's', value(1));
    expect(cache.get({ d: 1 }, at(0), 's')).toEqual(value(1));
    expect(cache.get({ d: 1 }, at(60_000), 's')).toEqual(value(1));
    expect(cache.get({ d: 1 }, at(60_001), 's')).toBeUndefined();
    // An expired entry is gone, even if the clock comes back.
    expect(cache.get({ d: 1 }, at(30_000), 's')).toBeUndefined();
  });

  it('never serves an entry set "in the future" when the clock went back', () => {
    const cache = createVerificationCache({ ttlSeconds: 60 });
    cache.set({ d: 1 }, at(10_000), 's', value(1));
    expect(cache.get({ d: 1 }, at(9_999), 's')).toBeUndefined();
    expect(cache.get({ d: 1 }, at(10_000), 's')).toBeUndefined(); // dropped by the miss above
  });

  it('keeps exactly maxEntries, dropping the least recently used', () => {
    const cache = createVerificationCache({ maxEntries: 2 });
    cache.set({ d: 1 }, at(0), 's', value(1));
    cache.set({ d: 2 }, at(0), 's', value(2));
    expect(cache.get({ d: 1 }, at(0), 's')).toEqual(value(1)); // both fit; 1 is now the most recent
    expect(cache.get({ d: 2 }, at(0), 's')).toEqual(value(2)); // 2 is now the most recent
    cache.set({ d: 3 }, at(0), 's', value(3));
    expect(cache.get({ d: 1 }, at(0), 's')).toBeUndefined();
    expect(cache.get({ d: 2 }, at(0), 's')).toEqual(value(2));
    expect(cache.get({ d: 3 }, at(0), 's')).toEqual(value(3));
  });
});

describe('summarize', () => {
  it('no checks at all is not verified', () => {
    expect(summarize([])).toEqual({ verified: false, checks: [] });
  });

  it('every check ok is verified, with no error', () => {
    const checks = [ok('wellFormed', 'WELL_FORMED')];
    expect(summarize(checks)).toEqual({ verified: true, checks });
  });

  it('the error is the first failure, else the first unknown that is not a NOT_CHECKED placeholder', () => {
    const checks = [ok('wellFormed', 'WELL_FORMED'), notChecked('proof'), unknown('status', 'STATUS_UNREACHABLE'), notChecked('validity')];
    expect(summarize(checks)).toMatchObject({ verified: false, error: { check: 'status', code: 'STATUS_UNREACHABLE' } });
    const withFailure = [unknown('status', 'STATUS_UNREACHABLE'), failed('proof', 'SIGNATURE_INVALID'), notChecked('validity')];
    expect(summarize(withFailure)).toMatchObject({ verified: false, error: { check: 'proof', code: 'SIGNATURE_INVALID' } });
  });
});

describe('didOfKeyId', () => {
  // Under load Stryker reported `hash === -1 ? …` → `false` as a timeout (a kill); it survived
  // every suite when re-tested, because every key id in the fixtures has a fragment.
  it('is the key id itself when it has no fragment, else the part before `#`', () => {
    expect(didOfKeyId('did:web:lan.go.id')).toBe('did:web:lan.go.id');
    expect(didOfKeyId('did:web:lan.go.id#key-1')).toBe('did:web:lan.go.id');
    expect(didOfKeyId('did:key:z6Mk#z6Mk#x')).toBe('did:key:z6Mk');
  });
});
