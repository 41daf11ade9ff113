/**
 * LAN's accreditation of a training provider, as a credential LAN signs with its root
 * key. A verifier accepts a learning credential only when an accreditation valid at the
 * credential's `validFrom` covers the competency it certifies.
 */
import { ASN_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../contexts/index.js';
import type { CompetencyTypeName } from './scope.js';
import { isoSeconds } from '../util/dates.js';

export interface AccreditationScope {
  competencyTypes: CompetencyTypeName[];
  /** Empty: every code of the listed types. Otherwise only these codes. */
  competencyCodes: string[];
}

export interface AccreditationInput {
  id: string;
  issuerDid: string;
  provider: { did: string; name: string; legalName?: string; legalIdentifier?: string };
  grade: string;
  scope: AccreditationScope;
  accreditedFrom: Date;
  accreditedUntil: Date;
  /** When LAN signs it; defaults to accreditedFrom. */
  validFrom?: Date;
  credentialStatus?: object[];
}

export const ACCREDITATION_TYPE = 'ProviderAccreditationCredential';

export function buildAccreditationCredential(input: AccreditationInput): Record<string, unknown> {
  const subject: Record<string, unknown> = {
    id: input.provider.did,
    type: ['AccreditedProvider'],
    name: input.provider.name,
    accreditationGrade: input.grade,
    scopeCompetencyType: [...input.scope.competencyTypes],
    scopeCompetencyCode: [...input.scope.competencyCodes],
    accreditedFrom: isoSeconds(input.accreditedFrom),
    accreditedUntil: isoSeconds(input.accreditedUntil),
  };
  if (input.provider.legalName) subject.legalName = input.provider.legalName;
  if (input.provider.legalIdentifier) subject.legalIdentifier = input.provider.legalIdentifier;
  return {
    '@context': [VC_V2_CONTEXT_URL, ASN_CONTEXT_URL],
    id: input.id,
    type: ['VerifiableCredential', ACCREDITATION_TYPE],
    issuer: input.issuerDid,
    validFrom: isoSeconds(input.validFrom ?? input.accreditedFrom),
    validUntil: isoSeconds(input.accreditedUntil),
    credentialSubject: subject,
    ...(input.credentialStatus && input.credentialStatus.length > 0 ? { credentialStatus: input.credentialStatus } : {}),
  };
}
