/**
 * Credentials from the wider Open Badges / DCC world (issue 8): authentic ones verify here
 * (the W3C verdict) while recognition stays LAN's separate question; tampered copies fail.
 */
import { describe, expect, it } from 'vitest';
import { DCC_V1_CONTEXT_URL, VC_V1_CONTEXT_URL, signCredential, verifyCredential } from '../../../shared/index.js';
import { ISSUED_AT, createWorld, keyParty } from '../../fixtures/world.js';

describe('a DCC-style credential (VC 1.1, dcc/v1 context, did:key, Ed25519Signature2020)', () => {
  it('is authentic here without any download, and not recognised (not from a curated provider)', async () => {
    const w = await createWorld();
    const university = await keyParty(77);
    const unsigned = {
      '@context': [VC_V1_CONTEXT_URL, DCC_V1_CONTEXT_URL],
      id: 'urn:uuid:951b475e-b795-43bc-ba8f-a2d01efd2eb1',
      type: ['VerifiableCredential', 'CourseCompletionCredential'],
      issuer: university.did,
      issuanceDate: '2026-03-01T00:00:00Z',
      credentialSubject: {
        id: w.holder.did,
        hasCredential: { type: ['Course'], name: 'Kebijakan Publik' },
      },
    };
    const vc = await signCredential(unsigned, { signer: university.signer, documentLoader: w.documentLoader, now: ISSUED_AT, suite: 'Ed25519Signature2020' });
    const r = await verifyCredential(vc, w.verifyOptions());
    expect(r.error).toBeUndefined();
    expect(r.verified).toBe(true);
    expect(r.recognition.recognised).toBe(false);

    const tampered = structuredClone(vc);
    (tampered.credentialSubject as { hasCredential: { name: string } }).hasCredential.name = 'Lain';
    const t = await verifyCredential(tampered, w.verifyOptions());
    expect(t.verified).toBe(false);
    expect(t.error?.code).toBe('SIGNATURE_INVALID');
  });
});
