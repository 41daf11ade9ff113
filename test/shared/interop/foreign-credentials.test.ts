/**
 * Credentials from the wider Open Badges / DCC world (issue 8): authentic ones verify here
 * (the W3C verdict) while recognition stays LAN's separate question; tampered copies fail.
 */
import { describe, expect, it } from 'vitest';
import {
  DCC_V1_CONTEXT_URL, DID_V1_CONTEXT_URL, MULTIKEY_CONTEXT_URL, OB_V3_CONTEXT_URL, VC_V1_CONTEXT_URL, VC_V2_CONTEXT_URL, createDocumentLoader, signCredential, verifyCredential,
} from '../../../shared/index.js';
import OB3_VECTOR from '../../fixtures/ob3-eddsa-vector.json' with { type: 'json' };
import { ISSUED_AT, NOW, createWorld, keyParty } from '../../fixtures/world.js';

type Vector = typeof OB3_VECTOR.signedCredential;

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

describe('an Open Badges 3.0 credential from another platform (VC 2.0, did:key, eddsa-rdfc-2022, no ASN terms)', () => {
  it('is authentic here without any download, and not recognised; a tampered copy is not authentic', async () => {
    const w = await createWorld();
    const platform = await keyParty(78);
    const unsigned = {
      '@context': [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL],
      id: 'urn:uuid:4c1d2b0e-3f0a-4f51-9d7e-2f7b7a0c8e11',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: platform.did, type: ['Profile'], name: 'Platform Belajar Terbuka' },
      validFrom: '2026-03-01T00:00:00Z',
      name: 'Analisis Data untuk Kebijakan',
      credentialSubject: {
        id: w.holder.did,
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://platform.example/achievements/data-101',
          type: ['Achievement'],
          name: 'Analisis Data untuk Kebijakan',
          description: 'Kursus daring 12 jam.',
          criteria: { narrative: 'Menyelesaikan semua modul dan ujian akhir.' },
        },
      },
    };
    const vc = await signCredential(unsigned, { signer: platform.signer, documentLoader: w.documentLoader, now: ISSUED_AT, suite: 'eddsa-rdfc-2022' });
    const r = await verifyCredential(vc, w.verifyOptions());
    expect(r.error).toBeUndefined();
    expect(r.verified).toBe(true);
    expect(r.recognition.recognised).toBe(false);

    const tampered = structuredClone(vc);
    (tampered.credentialSubject as { achievement: { name: string } }).achievement.name = 'Analisis Data Lanjut';
    const t = await verifyCredential(tampered, w.verifyOptions());
    expect(t.verified).toBe(false);
    expect(t.error?.code).toBe('SIGNATURE_INVALID');
  });
});

describe('the Open Badges 3.0 specification example (VC 1.1, Data Integrity v1, pre-release OB context, https key)', () => {
  // The spec's "Linked Data Proof Test Vector": signed with eddsa-rdfc-2022 by a key named by
  // an https URL (a Data Integrity controller document), resolved here through an injected
  // resolver the way did:web is (nothing is fetched).
  const controller = OB3_VECTOR.signedCredential.issuer.id;
  const keyId = OB3_VECTOR.signedCredential.proof.verificationMethod;
  const controllerDocument = {
    '@context': [DID_V1_CONTEXT_URL, MULTIKEY_CONTEXT_URL],
    id: controller,
    verificationMethod: [{ id: keyId, type: 'Multikey', controller, publicKeyMultibase: OB3_VECTOR.publicKeyMultibase }],
    assertionMethod: [keyId],
  };
  const loader = createDocumentLoader({
    resolveControllerDocument: async (url) => {
      if (url !== controller) throw new Error(`unexpected ${url}`);
      return structuredClone(controllerDocument);
    },
  });
  const options = (documentLoader = loader) => ({ documentLoader, now: NOW });

  it('is authentic through the whole pipeline, and not recognised', async () => {
    const r = await verifyCredential(structuredClone(OB3_VECTOR.signedCredential), options());
    expect(r.error).toBeUndefined();
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['wellFormed', 'ok'], ['contexts', 'ok'], ['terms', 'ok'], ['issuerKey', 'ok'], ['proof', 'ok'],
      ['validity', 'ok'], ['status', 'ok'], ['accreditation', 'failed'],
    ]);
    expect(r.verified).toBe(true);
    expect(r.recognition.recognised).toBe(false);
    expect(r.document?.name).toBe('Teamwork Badge');
  });

  it.each([
    ['the badge name', (vc: Vector) => { vc.name = 'Leadership Badge'; }],
    ['the achievement criteria', (vc: Vector) => { vc.credentialSubject.achievement.criteria.narrative = 'Anyone.'; }],
    ['the issuance date', (vc: Vector) => { vc.issuanceDate = '2011-01-01T00:00:00Z'; }],
    ['the proof date', (vc: Vector) => { vc.proof.created = '2010-01-02T19:23:24Z'; }],
  ])('fails when %s is changed', async (_what, tamper) => {
    const vc = structuredClone(OB3_VECTOR.signedCredential);
    tamper(vc);
    const r = await verifyCredential(vc, options());
    expect(r.verified).toBe(false);
    expect(r.error?.code).toBe('SIGNATURE_INVALID');
  });

  it('is not authentic when the key is not the controller document\'s', async () => {
    const other = await keyParty(78);
    const wrong = createDocumentLoader({
      resolveControllerDocument: async () => ({
        ...structuredClone(controllerDocument),
        verificationMethod: [{ id: keyId, type: 'Multikey', controller, publicKeyMultibase: other.publicKeyMultibase }],
      }),
    });
    const r = await verifyCredential(structuredClone(OB3_VECTOR.signedCredential), options(wrong));
    expect(r.verified).toBe(false);
    expect(r.error?.code).toBe('SIGNATURE_INVALID');
  });

  it('is not authentic when the controller document served is another URL\'s', async () => {
    const elsewhere = createDocumentLoader({ resolveControllerDocument: async () => ({ ...structuredClone(controllerDocument), id: 'https://evil.example/issuers/1' }) });
    const r = await verifyCredential(structuredClone(OB3_VECTOR.signedCredential), options(elsewhere));
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'issuerKey')).toMatchObject({ status: 'failed', code: 'DID_RESOLUTION_FAILED', details: { reason: 'DID_DOCUMENT_MISMATCH' } });
  });

  it('cannot be checked without a controller document resolver (https keys are not fetched by default)', async () => {
    const r = await verifyCredential(structuredClone(OB3_VECTOR.signedCredential), options(createDocumentLoader()));
    expect(r.verified).toBe(false);
    expect(r.error?.check).toBe('issuerKey');
  });
});
