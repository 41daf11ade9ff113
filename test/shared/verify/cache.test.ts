import { describe, expect, it } from 'vitest';
import { buildDidDocument, createVerificationCache, verifyCredential } from '../../../shared/index.js';
import { NOW, createWorld, keyParty } from '../../fixtures/world.js';

describe('verification cache', () => {
  it('reuses signature results, but a removed key stops verifying once the entry expires', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
    const vc = await w.issue();
    const cache = createVerificationCache({ ttlSeconds: 60 });
    expect((await verifyCredential(vc, w.verifyOptions({ cache }))).verified).toBe(true);

    const other = await keyParty(42);
    w.didDocs.set(w.provider.did, buildDidDocument(w.provider.did, [{ publicKeyMultibase: other.publicKeyMultibase }]));
    // Within the TTL the cached signature result stands (bounded staleness)...
    expect((await verifyCredential(vc, w.verifyOptions({ cache, now: new Date(NOW.getTime() + 30_000) }))).verified).toBe(true);
    // ...after it, the key removal is seen.
    const later = await verifyCredential(vc, w.verifyOptions({ cache, now: new Date(NOW.getTime() + 61_000) }));
    expect(later.error?.code).toBe('KEY_NOT_FOUND');
  });

  it('never caches a failure, and a changed document misses the cache', async () => {
    const w = await createWorld();
    const vc = await w.issue();
    const cache = createVerificationCache();
    const tampered = structuredClone(vc);
    (tampered.issuer as Record<string, unknown>).name = 'X';
    expect((await verifyCredential(tampered, w.verifyOptions({ cache }))).error?.code).toBe('SIGNATURE_INVALID');
    expect((await verifyCredential(tampered, w.verifyOptions({ cache }))).error?.code).toBe('SIGNATURE_INVALID');
  });
});
