/**
 * fast-check generators of documents in (and around) our profile for the differential
 * tests of the fast canonical path: OB 3.0 learning credentials with optional fields
 * present and absent, several subjects / alignments / results / status entries, names in
 * several scripts, long texts and awkward characters; accreditation and status list
 * credentials; proof options of both suites; presentations.
 */
import fc from 'fast-check';
import {
  ASN_CONTEXT_URL, ED25519_2020_CONTEXT_URL, OB_V3_CONTEXT_URL, VC_V2_CONTEXT_URL,
} from '../../../shared/index.js';

type Json = Record<string, unknown>;
const OB_302 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json';

const scripts = [
  'Siti Rahmawati', 'I Gusti Ngurah Rai', 'محمد عبد الله', '王小明', '李娜 (Lǐ Nà)', 'Ñuño Ôlafsdóttir', 'Zoë Ça',
  '🎓 Dewi 👩🏽‍🏫', 'e\u0301\u0301 combining a\u0308', 'ทดสอบ', 'Ἀθηνᾶ', 'Шевченко', '"quoted" \\ back\\slash', 'tab\there\nnewline\r\n',
  '\u0000\u0001\u001f\u007f controls', 'zero\u200bwidth\u200dzwj', '<img src=x onerror=alert(1)>', 'a'.repeat(3000),
];

/** Text in several scripts, arbitrary unicode (code points and graphemes), long texts. */
export const text = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...scripts) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 100, maxLength: 600 }) },
  { weight: 1, arbitrary: fc.constant('') },
);

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
export const uuidUrn = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => `urn:uuid:${p.join('-')}`);
const slug = fc.stringMatching(/^[A-Za-z0-9._~-]{1,20}$/);
export const httpsUrl = fc.tuple(fc.constantFrom('https://kredensial.example', 'https://lms.example.ac.id', 'https://a.b'), fc.array(slug, { maxLength: 3 }))
  .map(([base, parts]) => `${base}/${parts.map(encodeURIComponent).join('/')}`);
export const did = fc.oneof(
  fc.constantFrom('did:web:kredensial.example:providers:pusdiklat', 'did:web:kredensial.example', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'),
  slug.map((s) => `did:web:kredensial.example:providers:${s}`),
);
export const dateTime = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString(), `${d.toISOString().slice(0, 19)}Z`, `${d.toISOString().slice(0, 19)}+07:00`));
const day = dateTime.map((d) => `${d.slice(0, 10)}T00:00:00Z`);
const number = fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.5, 24, 1e21, 12.75, -0));

function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

/** Drops undefined members, so optional fields are really absent. */
function clean(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const typeList = (t: string) => fc.constantFrom<unknown>([t], t);

const alignment = fc.record({
  type: typeList('Alignment'), targetName: text, targetDescription: opt(text), targetUrl: opt(httpsUrl), targetCode: opt(text),
  targetFramework: opt(text), targetType: opt(fc.constantFrom('ext:ASNCompetency', 'CFItem', 'Competency')),
  competencyType: opt(fc.constantFrom('manajerial', 'sosial-kultural', 'teknis')), competencyLevel: opt(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(2.5))),
}).map(clean);

const identity = fc.oneof(
  fc.record({ type: fc.constant('IdentityObject'), identityHash: text, identityType: fc.constant('name'), hashed: fc.constant(false) }),
  fc.record({ type: fc.constant('IdentityObject'), identityHash: hex(64).map((h) => `sha256$${h}`), identityType: fc.constant('identifier'), hashed: fc.constant(true), salt: hex(32) }),
);

const resultDescription = fc.record({
  id: httpsUrl.map((u) => `${u}#r`), type: typeList('ResultDescription'), name: text,
  resultType: fc.constantFrom('Percent', 'LetterGrade', 'Status'), valueMin: opt(fc.constantFrom('0', '1')), valueMax: opt(fc.constantFrom('100', '4')),
  allowedValue: opt(fc.array(text, { minLength: 1, maxLength: 3 })),
}).map(clean);

const result = fc.record({
  type: typeList('Result'), resultDescription: opt(httpsUrl.map((u) => `${u}#r`)), value: opt(text), status: opt(fc.constantFrom('Completed', 'Failed')),
}).map(clean);

const achievement = fc.record({
  id: httpsUrl, type: typeList('Achievement'), name: text, description: text, criteria: fc.record({ narrative: text }),
  achievementType: opt(fc.constantFrom('Course', 'CertificateOfCompletion')), creditsAvailable: opt(number), humanCode: opt(text),
  alignment: opt(fc.array(alignment, { maxLength: 3 })), tag: opt(fc.array(text, { maxLength: 3 })), inLanguage: opt(fc.constantFrom('id', 'en')),
  resultDescription: opt(fc.array(resultDescription, { maxLength: 2 })),
}).map(clean);

const subject = fc.record({
  type: typeList('AchievementSubject'), id: opt(did), identifier: opt(fc.array(identity, { minLength: 1, maxLength: 2 })), achievement,
  activityStartDate: opt(day), activityEndDate: opt(day), creditsEarned: opt(number), result: opt(fc.array(result, { maxLength: 2 })),
}).map(clean);

const statusEntry = fc.record({
  id: httpsUrl.map((u) => `${u}#7`), type: fc.constant('BitstringStatusListEntry'), statusPurpose: fc.constantFrom('revocation', 'suspension'),
  statusListIndex: fc.integer({ min: 0, max: 131071 }).map(String), statusListCredential: httpsUrl,
});

const issuer = fc.oneof(did, fc.record({ id: did, type: typeList('Profile'), name: text, url: opt(httpsUrl) }).map(clean));

/** OB 3.0 learning credentials in our profile (and its optional variations). */
export const learningCredential: fc.Arbitrary<Json> = fc.record({
  context: fc.constantFrom([VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL, ASN_CONTEXT_URL], [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL], [VC_V2_CONTEXT_URL, OB_302, ASN_CONTEXT_URL]),
  id: opt(uuidUrn), type: fc.constantFrom(['VerifiableCredential', 'OpenBadgeCredential'], ['VerifiableCredential', 'AchievementCredential']),
  issuer, validFrom: dateTime, validUntil: opt(dateTime), name: opt(text), description: opt(text),
  credentialSubject: fc.oneof({ weight: 4, arbitrary: subject }, { weight: 1, arbitrary: fc.array(subject, { minLength: 2, maxLength: 2 }) }),
  evidence: opt(fc.array(fc.record({ id: httpsUrl, type: typeList('Evidence') }), { minLength: 1, maxLength: 2 })),
  credentialStatus: opt(fc.oneof(statusEntry, fc.array(statusEntry, { minLength: 1, maxLength: 3 }))),
}).map(({ context, ...rest }) => {
  const doc = clean({ '@context': context, ...rest });
  // competencyType/Level need the ASN context: without it they are undefined terms (a fallback case, tested elsewhere).
  if (!(context as readonly string[]).includes(ASN_CONTEXT_URL)) stripTerms(doc, ['competencyType', 'competencyLevel']);
  // OB 3.0.2 has no Achievement.inLanguage (added in 3.0.3).
  if ((context as readonly string[]).includes(OB_302)) stripTerms(doc, ['inLanguage']);
  return doc;
});

function stripTerms(v: unknown, terms: string[]): void {
  if (Array.isArray(v)) v.forEach((x) => stripTerms(x, terms));
  else if (v && typeof v === 'object') {
    const o = v as Json;
    for (const t of terms) delete o[t];
    Object.values(o).forEach((x) => stripTerms(x, terms));
  }
}

export const accreditationCredential: fc.Arbitrary<Json> = fc.record({
  id: uuidUrn, issuer: did, validFrom: dateTime, validUntil: dateTime,
  subject: fc.record({
    id: did, type: typeList('AccreditedProvider'), name: text, accreditationGrade: fc.constantFrom('A', 'B', 'Unggul'),
    scopeCompetencyType: fc.array(fc.constantFrom('manajerial', 'teknis', 'sosial-kultural'), { maxLength: 3 }),
    scopeCompetencyCode: fc.array(text, { maxLength: 3 }), accreditedFrom: dateTime, accreditedUntil: dateTime,
    legalName: opt(text), legalIdentifier: opt(text),
  }).map(clean),
  status: opt(fc.array(statusEntry, { minLength: 1, maxLength: 2 })),
}).map(({ id, issuer: iss, validFrom, validUntil, subject: s, status }) => clean({
  '@context': [VC_V2_CONTEXT_URL, ASN_CONTEXT_URL], id, type: ['VerifiableCredential', 'ProviderAccreditationCredential'],
  issuer: iss, validFrom, validUntil, credentialSubject: s, credentialStatus: status,
}));

export const statusListCredential: fc.Arbitrary<Json> = fc.record({
  url: httpsUrl, issuer: did, validFrom: dateTime, validUntil: opt(dateTime), purpose: fc.constantFrom('revocation', 'suspension'),
  encodedList: fc.stringMatching(/^u[A-Za-z0-9_-]{10,200}$/),
}).map(({ url, issuer: iss, validFrom, validUntil, purpose, encodedList }) => clean({
  '@context': [VC_V2_CONTEXT_URL], id: url, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: iss, validFrom, validUntil,
  credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: purpose, encodedList },
}));

/** Proof options as the suites canonicalize them (the document's context, proof without value). */
export const proofOptions: fc.Arbitrary<Json> = fc.record({
  suite: fc.constantFrom('eddsa-rdfc-2022', 'Ed25519Signature2020'), context: fc.constantFrom([VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL, ASN_CONTEXT_URL], [VC_V2_CONTEXT_URL], [VC_V2_CONTEXT_URL, ASN_CONTEXT_URL]),
  created: dateTime, vm: did.map((d) => `${d}#key-1`), purpose: fc.constantFrom('assertionMethod', 'authentication'), challenge: opt(text), domain: opt(httpsUrl),
}).map(({ suite, context, created, vm, purpose, challenge, domain }) => suite === 'eddsa-rdfc-2022'
  ? clean({ '@context': context, type: 'DataIntegrityProof', created, verificationMethod: vm, cryptosuite: 'eddsa-rdfc-2022', proofPurpose: purpose, challenge, domain })
  : clean({ '@context': [...context, ED25519_2020_CONTEXT_URL], type: 'Ed25519Signature2020', created, verificationMethod: vm, proofPurpose: purpose, challenge, domain }));

/** An embedded credential's proof (kept in presentations: a named graph inside a named graph). */
const embeddedProof = fc.record({ created: dateTime, vm: did.map((d) => `${d}#key-1`), value: fc.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,88}$/) })
  .map(({ created, vm, value }) => ({ type: 'DataIntegrityProof', created, verificationMethod: vm, cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', proofValue: value }));

export const presentation: fc.Arbitrary<Json> = fc.record({
  holder: opt(did), id: opt(uuidUrn),
  credentials: fc.array(fc.tuple(fc.oneof(learningCredential, accreditationCredential), opt(embeddedProof)), { minLength: 1, maxLength: 2 }),
}).map(({ holder, id, credentials }) => clean({
  '@context': [VC_V2_CONTEXT_URL], id, type: ['VerifiablePresentation'], holder,
  verifiableCredential: credentials.map(([c, p]) => (p ? { ...c, proof: p } : c)),
}));

export const profileDocument = fc.oneof(
  { weight: 12, arbitrary: learningCredential },
  { weight: 3, arbitrary: accreditationCredential },
  { weight: 2, arbitrary: statusListCredential },
  { weight: 3, arbitrary: proofOptions },
  { weight: 1, arbitrary: presentation },
);

