export type CompetencyTypeName = 'teknis' | 'manajerial' | 'sosial-kultural' | 'pemerintahan';

export interface AccreditationTerms {
  providerDid: string;
  providerName: string;
  grade: string;
  competencyTypes: string[];
  competencyCodes: string[];
  accreditedFrom: Date;
  accreditedUntil: Date;
}

export type ScopeDecision = 'covered' | 'outside-scope' | 'not-at-issuance';

/** Does this accreditation cover a competency certified at `issuedAt`? */
export function decideScope(terms: AccreditationTerms, competency: { type: string; code: string }, issuedAt: Date): ScopeDecision {
  if (issuedAt < terms.accreditedFrom || issuedAt > terms.accreditedUntil) return 'not-at-issuance';
  if (!terms.competencyTypes.includes(competency.type)) return 'outside-scope';
  if (terms.competencyCodes.length > 0 && !terms.competencyCodes.includes(competency.code)) return 'outside-scope';
  return 'covered';
}
