/**
 * The fast compaction (shared/canonical/compact.ts) against jsonld.compact, and the
 * read-form check on the fast path against the same check on the stock jsonld.js path:
 * over generated documents in the profile (test/shared/canonical/arbitraries.ts) and
 * respellings of them (values wrapped in or unwrapped from arrays, node references as
 * objects or strings, type aliases), the compact document is the same JSON, key order
 * included, and readSignedForm gives the same verdict and the same document.
 */
import fc from 'fast-check';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandAndCompactFast } from '../../../shared/canonical/index.js';
import type { DocumentLoader } from '../../../shared/index.js';
import { readSignedForm } from '../../../shared/verify/read-form.js';
import { createWorld } from '../../fixtures/world.js';
import { profileDocument } from './arbitraries.js';

type Json = Record<string, unknown>;
const RUNS = Number(process.env.COMPACT_DIFF_RUNS ?? 1_000);
/** jsonld.compact takes tens of milliseconds on the long generated texts: fewer plain runs (respelled ones include plain documents too). */
const PLAIN_RUNS = Math.max(1, Math.round(RUNS / 2));

let loader: DocumentLoader;
beforeAll(async () => {
  loader = (await createWorld()).documentLoader;
});

async function stockCompact(doc: Json): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    const options = { documentLoader: loader, safe: true, base: null };
    const expanded = await jsonld.expand(doc, options);
    return { ok: true, value: await jsonld.compact(expanded, doc['@context'] as never, { ...options, compactToRelative: false, skipExpansion: true } as never) };
  } catch {
    return { ok: false };
  }
}

/** Every (container, key) slot of a document below its top level, except contexts. */
function slots(doc: unknown): Array<[Json | unknown[], string | number]> {
  const out: Array<[Json | unknown[], string | number]> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); walk(x); });
    else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (k === '@context') continue;
        out.push([v as Json, k]);
        walk((v as Json)[k]);
      }
    }
  };
  walk(doc);
  return out;
}

const OPS = ['wrap', 'unwrap', 'reference', 'dereference', 'alias', 'curie', 'curie', 'prefixed'] as const;
/** Terms the bundled contexts map to the same IRI as another, shorter or lesser, term. */
const ALIASES: Record<string, string> = { OpenBadgeCredential: 'AchievementCredential', AchievementCredential: 'OpenBadgeCredential' };

/**
 * Respellings that stay inside the fast expansion's subset (so the fast compaction runs)
 * and that compaction may or may not write back: the read-form verdict then differs
 * between them, and both paths must agree on it.
 */
function respell(doc: Json, steps: Array<[number, (typeof OPS)[number]]>): Json {
  const m = structuredClone(doc);
  for (const [where, op] of steps) {
    const all = slots(m);
    if (all.length === 0) break;
    const [holder, key] = all[where % all.length]!;
    const value = (holder as Json)[key as string];
    const set = (v: unknown) => { (holder as Json)[key as string] = v; };
    if (op === 'wrap') set([value]);
    else if (op === 'unwrap' && Array.isArray(value) && value.length === 1) set(value[0]);
    else if (op === 'reference' && typeof value === 'string' && /^(did|https|urn):/.test(value)) set({ id: value });
    else if (op === 'dereference' && value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as Json).id === 'string') set((value as Json).id);
    else if (op === 'alias' && typeof value === 'string' && ALIASES[value]) set(ALIASES[value]);
    // An IRI under a prefix the OB context defines (xsd): compaction writes it as a compact IRI.
    else if (op === 'curie' && key === 'id') set('https://www.w3.org/2001/XMLSchema#anyURI');
    else if (op === 'prefixed' && key === 'id') set('xsd:anyURI');
  }
  return m;
}

/** The OB context that defines the `xsd` prefix (3.0.2 and 3.0.3 do not): compact IRIs become reachable. */
const OB_WITH_PREFIX = 'https://purl.imsglobal.org/spec/ob/v3p0/context.json';
function withPrefixedContext(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withPrefixedContext);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === '@context' && Array.isArray(x)
    ? x.map((c) => (typeof c === 'string' && c.startsWith('https://purl.imsglobal.org/spec/ob/v3p0/context') ? OB_WITH_PREFIX : c))
    : withPrefixedContext(x)]));
}

const respelled = fc.tuple(profileDocument, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...OPS)), { maxLength: 3 }), fc.boolean())
  .map(([doc, steps, prefixed]) => respell((prefixed ? withPrefixedContext(doc) : doc) as Json, steps));

describe('fast compaction = jsonld.compact', () => {
  it(`${PLAIN_RUNS} generated documents: the same compact JSON (key order included), on the fast path`, async () => {
    let fastRuns = 0;
    await fc.assert(
      fc.asyncProperty(profileDocument, async (doc) => {
        const { proof: _proof, ...unsigned } = doc;
        const fast = await expandAndCompactFast(unsigned, loader);
        const stock = await stockCompact(unsigned);
        expect(stock.ok).toBe(true);
        // Every generated document is in the profile: the fast path must really run.
        expect(fast, JSON.stringify(unsigned).slice(0, 300)).toBeDefined();
        if (fast && stock.ok) {
          expect(JSON.stringify(fast.compacted)).toBe(JSON.stringify(stock.value));
          fastRuns++;
        }
      }),
      { numRuns: PLAIN_RUNS, seed: 20261129 },
    );
    expect(fastRuns).toBe(PLAIN_RUNS);
  }, 600_000);

  it(`${RUNS} respelled documents: the read-form check gives the same verdict and document on both paths`, async () => {
    const verdicts = { ok: 0, refused: 0, fastCompaction: 0 };
    await fc.assert(
      fc.asyncProperty(respelled, async (doc) => {
        const fastRead = await readSignedForm(doc, loader);
        const stockRead = await readSignedForm(doc, loader, { fastPath: false });
        expect(fastRead).toEqual(stockRead);
        if (fastRead.ok) expect(JSON.stringify(fastRead.document)).toBe(JSON.stringify(stockRead.ok ? stockRead.document : undefined));
        verdicts[fastRead.ok ? 'ok' : 'refused']++;
        const { proof: _proof, ...unsigned } = doc;
        if (await expandAndCompactFast(unsigned, loader)) verdicts.fastCompaction++;
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
    // Both verdicts occur often, and most respellings stay on the fast path (with the older
    // OB context some generated terms are undefined: those go to the stock path on both).
    expect(verdicts.ok).toBeGreaterThan(RUNS / 5);
    expect(verdicts.refused).toBeGreaterThan(RUNS / 5);
    expect(verdicts.fastCompaction).toBeGreaterThan(RUNS * 0.5);
  }, 600_000);
});
