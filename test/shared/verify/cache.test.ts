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

describe('verification cache and the pinned trust anchor', () => {
  it('a result cached with the network DID document never stands in for the pinned LAN key', async () => {
    const { buildAccreditationCredential, createSigner, signCredential } = await import('../../../shared/index.js');
    const w = await createWorld();
    // The network's LAN DID document also lists another key (retired, leaked or tampered).
    const evil = await keyParty(66);
    w.didDocs.set(w.lan.did, buildDidDocument(w.lan.did, [{ publicKeyMultibase: w.lan.publicKeyMultibase }, { publicKeyMultibase: evil.publicKeyMultibase }]));
    const forged = await signCredential(buildAccreditationCredential({
      id: 'urn:uuid:00000000-0000-4000-8000-00000000f00d', issuerDid: w.lan.did,
      provider: { did: w.uncurated.did, name: 'Totally Curated' }, grade: 'A',
      scope: { competencyTypes: ['manajerial'], competencyCodes: [] },
      accreditedFrom: new Date('2026-01-01T00:00:00Z'), accreditedUntil: new Date('2027-01-01T00:00:00Z'),
    }), { signer: createSigner(`${w.lan.did}#${evil.publicKeyMultibase}`, evil.secretKey), documentLoader: w.documentLoader, now: new Date('2026-01-01T00:00:00Z') });
    w.accreditations.push(forged);
    const vc = await w.issue({ issuer: w.uncurated });

    const cache = createVerificationCache();
    // Step 1: anyone can have the forged accreditation verified (and cached) on its own.
    const alone = await verifyCredential(forged, w.verifyOptions({ cache }));
    expect(alone.checks.find((c) => c.id === 'proof')?.status).toBe('ok');
    // Step 2: it must still not make the uncurated provider curated.
    const r = await verifyCredential(vc, w.verifyOptions({ cache }));
    expect(r.recognition.recognised).toBe(false);
    expect(r.recognition.error?.code).toBe('ISSUER_NOT_CURATED');
    expect(r.issuer?.name).toBeUndefined();
  });
});
