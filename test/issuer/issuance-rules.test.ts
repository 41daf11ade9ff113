/**
 * One validation path for every way in (issue 7 item 3, issue 8 "Issuer VC API to the
 * letter"): each row changes one thing in a credential that is otherwise accepted, and
 * asserts the refusal (status, code, field) and that nothing was stored or signed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, call, learningInput, setupProvider, startIssuer } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

let issuer: TestIssuer;
let apiKey: string;
let did: string;
/** A learning credential as our issuer builds it, unsigned and without issuer-owned fields. */
let base: Record<string, Loose>;
let teknisKey: string;
let teknisDid: string;

beforeAll(async () => {
  issuer = await startIssuer();
  const p = await setupProvider(issuer.url, 'rules-prov');
  apiKey = p.apiKey;
  did = p.provider.did;
  const t = await setupProvider(issuer.url, 'teknis-only', { scope: { competencyTypes: ['teknis'], competencyCodes: [] } });
  teknisKey = t.apiKey;
  teknisDid = t.provider.did;
  const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
  expect(issued.status).toBe(201);
  const { proof: _p, credentialStatus: _s, id: _i, validFrom: _v, ...rest } = issued.body.verifiableCredential;
  base = rest;
});
afterAll(async () => {
  await issuer.close();
});

const stored = async () => [(await issuer.services.ctx.store.list('credentials')).length, (await issuer.services.ctx.store.list('statusAlloc')).length];

function variant(change: (vc: Loose) => void, issuerDid = did): Record<string, Loose> {
  const vc = structuredClone(base);
  vc.issuer = { ...vc.issuer, id: issuerDid };
  change(vc);
  return vc;
}

async function issue(credential: unknown, token = apiKey, options?: unknown) {
  return call(issuer.url, 'POST', '/credentials/issue', { token, body: { credential, ...(options !== undefined ? { options } : {}) } });
}

const alignment = (vc: Loose) => vc.credentialSubject.achievement.alignment[0];

describe('one validation path before signing', () => {
  it('accepts the unchanged credential (201) — every refusal below is the change alone', async () => {
    const res = await issue(variant(() => {}));
    expect(res.status).toBe(201);
  });

  const refusals: Array<[string, (vc: Loose) => void, string, string]> = [
    ['JP −5', (vc) => { vc.credentialSubject.achievement.creditsAvailable = -5; }, 'credential.credentialSubject.achievement.creditsAvailable', 'FIELD_RANGE'],
    ['JP 0', (vc) => { vc.credentialSubject.achievement.creditsAvailable = 0; }, 'credential.credentialSubject.achievement.creditsAvailable', 'FIELD_RANGE'],
    ['JP 100000', (vc) => { vc.credentialSubject.achievement.creditsAvailable = 100000; }, 'credential.credentialSubject.achievement.creditsAvailable', 'FIELD_RANGE'],
    ['creditsEarned 100000', (vc) => { vc.credentialSubject.creditsEarned = 100000; }, 'credential.credentialSubject.creditsEarned', 'FIELD_RANGE'],
    ['creditsEarned as an array', (vc) => { vc.credentialSubject.creditsEarned = [10]; }, 'credential.credentialSubject.creditsEarned', 'FIELD_TYPE'],
    ['JP with 3 decimals', (vc) => { vc.credentialSubject.creditsEarned = 1.125; }, 'credential.credentialSubject.creditsEarned', 'JP_PRECISION'],
    ['competencyType as an array', (vc) => { alignment(vc).competencyType = ['manajerial']; }, 'credential.credentialSubject.achievement.alignment.0.competencyType', 'COMPETENCY_TYPE'],
    ['competencyType as a value object', (vc) => { alignment(vc).competencyType = { '@value': 'manajerial' }; }, 'credential.credentialSubject.achievement.alignment.0.competencyType', 'COMPETENCY_TYPE'],
    ['a key written as an IRI', (vc) => {
      alignment(vc)['https://kredensial.lan.go.id/ns/asn/v1#competencyType'] = 'manajerial';
    }, 'credential.credentialSubject.achievement.alignment.0.https://kredensial.lan.go.id/ns/asn/v1#competencyType', 'KEY_NOT_A_TERM'],
    ['nested @context with @vocab', (vc) => { vc.credentialSubject['@context'] = { '@vocab': 'https://evil.example/#' }; }, 'credential.@context', 'CONTEXT_NESTED'],
    ['an inline context', (vc) => { vc['@context'] = [...vc['@context'], { foo: 'https://evil.example/foo' }]; }, 'credential.@context', 'CONTEXT_INLINE'],
    ['an undefined term', (vc) => { vc.credentialSubject.favouriteColour = 'blue'; }, 'credential', 'TERM_UNDEFINED'],
    ['credentialSubject {}', (vc) => { vc.credentialSubject = {}; }, 'credential.credentialSubject', 'SUBJECT_EMPTY'],
    ['{} inside a credentialSubject array', (vc) => { vc.credentialSubject = [vc.credentialSubject, {}]; }, 'credential.credentialSubject.1', 'SUBJECT_EMPTY'],
    ['validFrom not a dateTimeStamp', (vc) => { vc.validFrom = 'Sat 25 Feb 2023 07:16:31 PM CST'; }, 'credential.validFrom', 'DATETIME_INVALID'],
    ['validUntil with lower-case t/z', (vc) => { vc.validUntil = '2040-01-01t00:00:00z'; }, 'credential.validUntil', 'DATETIME_INVALID'],
    ['validUntil without a time zone', (vc) => { vc.validUntil = '2040-01-01T00:00:00'; }, 'credential.validUntil', 'DATE_NO_TIMEZONE'],
    ['credentialSchema without type', (vc) => { vc.credentialSchema = { id: 'https://example.org/schema.json' }; }, 'credential.credentialSchema.type', 'FIELD_REQUIRED'],
    ['credentialSchema without id', (vc) => { vc.credentialSchema = [{ type: 'JsonSchema' }]; }, 'credential.credentialSchema.0.id', 'FIELD_REQUIRED'],
    ['refreshService without type', (vc) => { vc.refreshService = { id: 'https://example.org/refresh' }; }, 'credential.refreshService.type', 'FIELD_REQUIRED'],
    ['termsOfUse without type', (vc) => { vc.termsOfUse = [{ id: 'https://example.org/tou' }]; }, 'credential.termsOfUse.0.type', 'FIELD_REQUIRED'],
    ['evidence without type', (vc) => { vc.evidence = [{ id: 'https://example.org/evidence' }]; }, 'credential.evidence.0.type', 'FIELD_REQUIRED'],
    ['relatedResource as strings', (vc) => { vc.relatedResource = ['https://example.org/a']; }, 'credential.relatedResource.0', 'FIELD_TYPE'],
    ['relatedResource without id', (vc) => { vc.relatedResource = [{ digestSRI: 'sha384-abc' }]; }, 'credential.relatedResource.0.id', 'FIELD_REQUIRED'],
    ['relatedResource with duplicate ids', (vc) => {
      vc.relatedResource = [{ id: 'https://example.org/a', digestSRI: 'sha384-abc' }, { id: 'https://example.org/a', digestSRI: 'sha384-abd' }];
    }, 'credential.relatedResource.1.id', 'FIELD_DUPLICATE'],
    ['relatedResource without a digest', (vc) => { vc.relatedResource = [{ id: 'https://example.org/a' }]; }, 'credential.relatedResource.0', 'DIGEST_REQUIRED'],
    ['a caller-supplied credentialStatus', (vc) => {
      vc.credentialStatus = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '1', statusListCredential: 'https://example.org/sl' };
    }, 'credential.credentialStatus', 'CREDENTIAL_STATUS_FORBIDDEN'],
  ];

  it.each(refusals)('%s → 422 naming the field, nothing stored', async (_name, change, field, code) => {
    const before = await stored();
    const res = await issue(variant(change));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    expect(await stored()).toEqual(before);
  });

  it('accepts well-formed credentialSchema, termsOfUse, evidence and relatedResource', async () => {
    const res = await issue(variant((vc) => {
      vc['@context'] = vc['@context'];
      vc.credentialSchema = { id: 'https://example.org/schema.json', type: 'JsonSchema' };
      vc.relatedResource = [{ id: 'https://example.org/a', digestSRI: 'sha384-abc' }, { id: 'https://example.org/b', digestMultibase: 'uEiA' }];
    }));
    expect(res.status).toBe(201);
  });

  it.each([[null], [true], [4], [[]], [{}], [{ id: 7 }]])('issuer %j → 422 (shape before authorisation), not 403', async (value) => {
    const res = await issue(variant((vc) => { vc.issuer = value; }));
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'credential.issuer' })]));
  });

  it('a well-shaped issuer that is not the caller → 403 ISSUER_MISMATCH', async () => {
    const res = await issue(variant((vc) => { vc.issuer = 'did:web:elsewhere.example'; }));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ISSUER_MISMATCH');
  });

  it('a teknis-only provider cannot have a manajerial competency signed, in any form', async () => {
    const before = await stored();
    const plain = await issue(variant(() => {}, teknisDid), teknisKey);
    expect(plain.status).toBe(403);
    expect(plain.body.code).toBe('OUTSIDE_ACCREDITED_SCOPE');
    const asArray = await issue(variant((vc) => { alignment(vc).competencyType = ['manajerial']; }, teknisDid), teknisKey);
    expect(asArray.status).toBe(422);
    // A competency written somewhere else than the usual path is found and checked too.
    const elsewhere = await issue(variant((vc) => {
      vc.credentialSubject.achievement.alignment = [{ ...alignment(vc), competencyType: 'teknis' }];
      vc.evidence = [{ type: ['Evidence'], id: 'https://example.org/e', alignment: [alignment(base)] }];
    }, teknisDid), teknisKey);
    expect(elsewhere.status).not.toBe(201);
    // `targetType` as a one-item array: a verifier reads it as the string, so must the scope check.
    const wrapped = await issue(variant((vc) => { alignment(vc).targetType = [alignment(vc).targetType]; }, teknisDid), teknisKey);
    expect(wrapped.status).toBe(403);
    expect(wrapped.body.code).toBe('OUTSIDE_ACCREDITED_SCOPE');
    expect(await stored()).toEqual(before);
  });

  it('standard form: the code names the type for the scope check; a code of no ASN dictionary is refused; the ASN v1 form still works', async () => {
    const before = await stored();
    // Without `competencyType` (standard form) the scope check reads the type from the code.
    const teknis = await issue(variant((vc) => { alignment(vc).targetCode = 'T.LAN.01'; }, teknisDid), teknisKey);
    expect(teknis.status).toBe(201);
    const unknownCode = await issue(variant((vc) => { alignment(vc).targetCode = 'X.99'; }));
    expect(unknownCode.status).toBe(422);
    expect(unknownCode.body.details).toContainEqual(expect.objectContaining({ field: 'credential.credentialSubject.achievement.alignment.0.targetCode', code: 'COMPETENCY_CODE' }));
    // A caller may still send the ASN v1 form (our context, competencyType/competencyLevel).
    const asnV1 = await issue(variant((vc) => {
      vc['@context'] = [...vc['@context'], 'https://kredensial.lan.go.id/ns/asn/v1'];
      Object.assign(alignment(vc), { competencyType: 'manajerial', competencyLevel: 3 });
    }));
    expect(asnV1.status).toBe(201);
    expect((await stored())[0]).toBe(before[0]! + 2);
  });

  it('/learning-credentials and cohorts go through the same rules (JP outside the bounds is refused)', async () => {
    const res = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput({ jp: 100000 }) });
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'jp' })]));
    // Everything our own builder writes passes them (evidence, validUntil, the older suite).
    const full = await call(issuer.url, 'POST', '/learning-credentials?proofType=Ed25519Signature2020', {
      token: apiKey,
      body: learningInput({ evidenceUrl: 'https://lms.example.org/bukti/1', validUntil: '2040-01-01T00:00:00+07:00', jp: 12.5 }),
    });
    expect(full.status).toBe(201);
  });

  it('options.credentialStatus {type: BitstringStatusListEntry} is accepted; the issuer adds both entries', async () => {
    const res = await issue(variant(() => {}), apiKey, { credentialStatus: { type: 'BitstringStatusListEntry' } });
    expect(res.status).toBe(201);
    const entries = res.body.verifiableCredential.credentialStatus;
    expect(entries.map((e: Loose) => e.statusPurpose).sort()).toEqual(['revocation', 'suspension']);
    const other = await issue(variant(() => {}), apiKey, { credentialStatus: { type: 'StatusList2021Entry' } });
    expect(other.status).toBe(422);
    expect(other.body.details).toEqual([expect.objectContaining({ field: 'options.credentialStatus.type', code: 'STATUS_TYPE_UNSUPPORTED' })]);
    const notObject = await issue(variant(() => {}), apiKey, { credentialStatus: 'BitstringStatusListEntry' });
    expect(notObject.status).toBe(422);
  });

  it('a provider whose accreditation has ended signs nothing, competency-free credentials included', async () => {
    const { apiKey: key, provider } = await setupProvider(issuer.url, 'ending-prov', { validUntil: new Date(issuer.services.ctx.now().getTime() + 3_600_000).toISOString() });
    const competencyFree = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: provider.did,
      credentialSubject: { id: 'did:example:learner' },
    };
    expect((await issue(competencyFree, key)).status).toBe(201);
    const saved = issuer.clock.now;
    issuer.clock.now = new Date(saved.getTime() + 2 * 3_600_000);
    try {
      const before = await stored();
      const res = await issue(competencyFree, key);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('NOT_ACCREDITED_NOW');
      expect(await stored()).toEqual(before);
    } finally {
      issuer.clock.now = saved;
    }
    expect((await call(issuer.url, 'GET', '/admin/providers/ending-prov', { token: ADMIN_TOKEN })).status).toBe(200);
  });
});
