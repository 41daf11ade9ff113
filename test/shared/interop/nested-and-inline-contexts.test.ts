/**
 * Nested and inline contexts (issue 8). An embedded Open Badges EndorsementCredential names
 * its own contexts: bundled URLs are accepted, anything else is not. An inline context is
 * accepted for authenticity only (safe mode, no @vocab, bundled terms keep their meaning
 * for every reader) and never for recognition.
 */
import { describe, expect, it } from 'vitest';
import { OB_V3_CONTEXT_URL, VC_V2_CONTEXT_URL, signCredential, verifyCredential } from '../../../shared/index.js';
import type { CredentialVerification } from '../../../shared/index.js';
import { ISSUED_AT, createWorld, keyParty } from '../../fixtures/world.js';
import type { World } from '../../fixtures/world.js';

const FROM = new Date('2026-01-01T00:00:00Z');
const UNTIL = new Date('2027-01-01T00:00:00Z');
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function endorsedBadge(w: World): Promise<{ badge: Doc; endorsement: Doc }> {
  const university = await keyParty(81);
  const association = await keyParty(82);
  const endorsement = await signCredential({
    '@context': [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL],
    id: 'urn:uuid:8d0a9a2e-0a53-4d3c-9d6e-0c6f2a7b1e01',
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: 'Endorsement of the Public Policy course',
    issuer: { id: association.did, type: ['Profile'], name: 'Asosiasi Widyaiswara' },
    validFrom: '2026-02-01T00:00:00Z',
    credentialSubject: {
      id: 'https://university.example/achievements/kebijakan-publik',
      type: ['EndorsementSubject'],
      endorsementComment: 'Kurikulum ini sesuai standar asosiasi.',
    },
  }, { signer: association.signer, documentLoader: w.documentLoader, now: ISSUED_AT });
  const badge = await signCredential({
    '@context': [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL],
    id: 'urn:uuid:8d0a9a2e-0a53-4d3c-9d6e-0c6f2a7b1e02',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Kebijakan Publik',
    issuer: { id: university.did, type: ['Profile'], name: 'Universitas Contoh' },
    validFrom: '2026-03-01T00:00:00Z',
    credentialSubject: {
      id: w.holder.did,
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://university.example/achievements/kebijakan-publik',
        type: ['Achievement'],
        name: 'Kebijakan Publik',
        description: 'Mata kuliah kebijakan publik.',
        criteria: { narrative: 'Lulus ujian akhir.' },
        endorsement: [endorsement],
      },
    },
  }, { signer: university.signer, documentLoader: w.documentLoader, now: ISSUED_AT });
  return { badge, endorsement };
}

describe('an embedded EndorsementCredential with its own bundled contexts', () => {
  it('is accepted: the badge and the endorsement on its own are both authentic', async () => {
    const w = await createWorld();
    const { badge, endorsement } = await endorsedBadge(w);
    const r = await verifyCredential(badge, w.verifyOptions());
    expect(r.error).toBeUndefined();
    expect(r.verified).toBe(true);
    expect(r.recognition.recognised).toBe(false);
    const e = await verifyCredential(badge.credentialSubject.achievement.endorsement[0], w.verifyOptions());
    expect(e.error).toBeUndefined();
    expect(e.verified).toBe(true);
    expect(endorsement.proof).toBeDefined();
  });

  it('a tampered endorsement fails both the badge and itself', async () => {
    const w = await createWorld();
    const { badge } = await endorsedBadge(w);
    const tampered = structuredClone(badge);
    tampered.credentialSubject.achievement.endorsement[0].credentialSubject.endorsementComment = 'Tidak sesuai.';
    const r = await verifyCredential(tampered, w.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.error?.code).toBe('SIGNATURE_INVALID');
    const e = await verifyCredential(tampered.credentialSubject.achievement.endorsement[0], w.verifyOptions());
    expect(e.verified).toBe(false);
    expect(e.error?.code).toBe('SIGNATURE_INVALID');
  });

  it('a nested context that is not bundled, or inline, is refused', async () => {
    const w = await createWorld();
    const { badge } = await endorsedBadge(w);
    const unknownUrl = structuredClone(badge);
    unknownUrl.credentialSubject.achievement.endorsement[0]['@context'] = [VC_V2_CONTEXT_URL, 'https://evil.example/ob.json'];
    const u = await verifyCredential(unknownUrl, w.verifyOptions());
    expect(u.error).toMatchObject({ check: 'contexts', code: 'CONTEXT_UNKNOWN' });
    const inline = structuredClone(badge);
    inline.credentialSubject.achievement.endorsement[0]['@context'] = [VC_V2_CONTEXT_URL, { name: 'https://evil.example/name' }];
    const i = await verifyCredential(inline, w.verifyOptions());
    expect(i.error).toMatchObject({ check: 'contexts', code: 'CONTEXT_NESTED' });
  });
});

describe('an inline context', () => {
  const nickname = { nickname: { '@id': 'https://university.example/vocab#nickname' } };

  async function withInline(w: World, context: unknown, extra: Doc): Promise<CredentialVerification> {
    const vc = await w.issue({
      mutate: (v) => {
        v['@context'] = [...(v['@context'] as unknown[]), context];
        Object.assign(v.credentialSubject as Doc, extra);
      },
    });
    return verifyCredential(vc, w.verifyOptions());
  }

  it('is authentic but never recognised, even from a curated provider', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: FROM, until: UNTIL });
    const plain = await verifyCredential(await w.issue(), w.verifyOptions());
    expect(plain.recognition.recognised).toBe(true);
    const r = await withInline(w, nickname, { nickname: 'Budi' });
    expect(r.verified).toBe(true);
    expect(r.recognition.recognised).toBe(false);
    expect(r.checks.find((c) => c.id === 'accreditation')?.code).toBe('PROFILE_INLINE_CONTEXT');
    // Readers get the bundled contexts' words: the inline term is written as its IRI.
    expect(r.document?.credentialSubject).toMatchObject({ 'https://university.example/vocab#nickname': 'Budi' });
  });

  it('cannot hide a revoked status under a second name for credentialStatus', async () => {
    const w = await createWorld();
    await w.setStatus('revocation', w.provider, 4242, true);
    const alias = { st: { '@id': 'https://www.w3.org/2018/credentials#credentialStatus', '@type': '@id' } };
    const vc = await w.issue({
      mutate: (v) => {
        v['@context'] = [...(v['@context'] as unknown[]), alias];
        v.st = v.credentialStatus;
        delete v.credentialStatus;
      },
    });
    const r = await verifyCredential(vc, w.verifyOptions());
    expect(r.checks.find((c) => c.id === 'terms')?.status).toBe('ok');
    expect(r.verified).toBe(false);
    expect(r.error?.code).toBe('CREDENTIAL_REVOKED');
  });

  it('may not redefine a protected term, carry @vocab or a scoped context', async () => {
    const w = await createWorld();
    // Nothing can sign it (the libraries refuse too): the context is added to a signed copy.
    const signed = await w.issue();
    signed['@context'] = [...(signed['@context'] as unknown[]), { name: 'https://evil.example/name' }];
    const redefine = await verifyCredential(signed, w.verifyOptions());
    expect(redefine.error).toMatchObject({ check: 'terms', code: 'TERM_UNDEFINED' });
    const vocab = await withInline(w, { '@vocab': 'https://evil.example/#' }, {});
    expect(vocab.error).toMatchObject({ check: 'contexts', code: 'VOCAB_FORBIDDEN' });
    const scoped = await withInline(w, { Thing: { '@id': 'https://evil.example/Thing', '@context': OB_V3_CONTEXT_URL } }, {});
    expect(scoped.error).toMatchObject({ check: 'contexts', code: 'CONTEXT_INLINE_SCOPED' });
  });
});
