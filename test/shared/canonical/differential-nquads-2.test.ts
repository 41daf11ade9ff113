/**
 * Half 2 of the 10,000-document differential run (see nquads-property.ts): the fast
 * canonical N-Quads equal jsonld.canonize's on 5,000 generated documents, with the
 * canonicalization's SHA-256 from node:crypto (half 1 uses the portable noble one).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { usePlatformSha256Hex } from '../../../shared/canonical/rdfc.js';
import { usePlatformEd25519Verify } from '../../../shared/sign/ed25519-fast.js';
import { installNodeCrypto } from '../../../shared/sign/ed25519-node.node.js';
import { createWorld } from '../../fixtures/world.js';
import { runNquadsProperty } from './nquads-property.js';

describe('fast canonical N-Quads = jsonld.canonize (half 2 of 10,000)', () => {
  // This half hashes with node:crypto (as the services do), the other half with noble.
  beforeAll(() => installNodeCrypto());
  afterAll(() => {
    usePlatformSha256Hex(undefined);
    usePlatformEd25519Verify(undefined);
  });

  it('5,000 generated documents: same N-Quads (or the same error), all on the fast path', async () => {
    const world = await createWorld();
    await runNquadsProperty(world.documentLoader, 2 * 20260601, 5_000);
  }, 600_000);
});
