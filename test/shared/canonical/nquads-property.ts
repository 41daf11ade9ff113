/**
 * The N-Quads differential property, shared by the two halves of the 10,000-document run:
 * for every generated document in the profile the fast canonical path runs (never steps
 * aside) and gives exactly what jsonld.canonize gives (or the same error), and on every
 * tenth the fast expansion equals jsonld.expand's.
 */
import fc from 'fast-check';
import jsonld from 'jsonld';
import { expect } from 'vitest';
import { canonizeFast, expandFast } from '../../../shared/canonical/index.js';
import type { DocumentLoader } from '../../../shared/index.js';
import { profileDocument } from './arbitraries.js';

export type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

export async function outcome(f: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

export async function runNquadsProperty(loader: DocumentLoader, seed: number, runs: number): Promise<void> {
  let compared = 0;
  let onFastPath = 0;
  let expandCompared = 0;
  await fc.assert(
    fc.asyncProperty(profileDocument, async (doc) => {
      const fast = await outcome(() => canonizeFast(doc, loader));
      const stock = await outcome(() => jsonld.canonize(doc, {
        algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: loader, safe: true, base: null, rdfDirection: 'i18n-datatype',
      }));
      // Every generated document is in the profile: the fast path must really run.
      expect(fast.ok && fast.value === undefined, JSON.stringify(doc).slice(0, 300)).toBe(false);
      expect(fast).toEqual(stock);
      compared++;
      if (fast.ok) onFastPath++;
      if (compared % 10 === 0 && fast.ok) {
        expect(await expandFast(doc, loader)).toEqual(await jsonld.expand(doc, { documentLoader: loader, safe: true, base: null }));
        expandCompared++;
      }
    }),
    { numRuns: runs, seed },
  );
  expect(compared).toBe(runs);
  // Almost all succeed; the rest are refused by RDFC-1.0's work limit on both paths alike.
  expect(onFastPath).toBeGreaterThan(runs * 0.95);
  expect(expandCompared).toBeGreaterThan(runs / 12);
}
