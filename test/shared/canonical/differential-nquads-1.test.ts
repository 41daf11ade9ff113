/**
 * Half 1 of the 10,000-document differential run (see nquads-property.ts): the fast
 * canonical N-Quads equal jsonld.canonize's on 5,000 generated documents.
 */
import { describe, it } from 'vitest';
import { createWorld } from '../../fixtures/world.js';
import { runNquadsProperty } from './nquads-property.js';

describe('fast canonical N-Quads = jsonld.canonize (half 1 of 10,000)', () => {
  it('5,000 generated documents: same N-Quads (or the same error), all on the fast path', async () => {
    const world = await createWorld();
    await runNquadsProperty(world.documentLoader, 1 * 20260601, 5_000);
  }, 600_000);
});
