/**
 * The project's own JSON-LD context, version 1. It holds only what Open Badges 3.0 and
 * VC 2.0 cannot say. A published version is never edited: changes go into a v2 file
 * with a new URL. The issuer serves this document at the URL's path for verifiers that
 * fetch contexts; our own verifiers use the bundled copy.
 */
export const ASN_CONTEXT_URL = 'https://kredensial.lan.go.id/ns/asn/v1';
export const ASN_CONTEXT_PATH = '/ns/asn/v1';

const NS = 'https://kredensial.lan.go.id/ns/asn#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

export const ASN_CONTEXT_V1 = deepFreeze({
  '@context': {
    '@protected': true,
    // On an Open Badges Alignment: which ASN competency family and proficiency level.
    competencyType: { '@id': `${NS}competencyType` },
    competencyLevel: { '@id': `${NS}competencyLevel`, '@type': `${XSD}integer` },
    // LAN's accreditation of a training provider (subject = provider DID).
    ProviderAccreditationCredential: { '@id': `${NS}ProviderAccreditationCredential` },
    AccreditedProvider: { '@id': `${NS}AccreditedProvider` },
    accreditation: { '@id': `${NS}accreditation`, '@type': '@id' },
    accreditationGrade: { '@id': `${NS}accreditationGrade` },
    accreditedFrom: { '@id': `${NS}accreditedFrom`, '@type': `${XSD}dateTime` },
    accreditedUntil: { '@id': `${NS}accreditedUntil`, '@type': `${XSD}dateTime` },
    scopeCompetencyType: { '@id': `${NS}scopeCompetencyType`, '@container': '@set' },
    scopeCompetencyCode: { '@id': `${NS}scopeCompetencyCode`, '@container': '@set' },
    legalName: { '@id': `${NS}legalName` },
    legalIdentifier: { '@id': `${NS}legalIdentifier` },
  },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
