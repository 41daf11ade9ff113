import { ACCREDITATION_TYPE } from '../../accreditation/accreditation-credential.js';
import { decideScope } from '../../accreditation/scope.js';
import type { AccreditationTerms, ScopeDecision } from '../../accreditation/scope.js';
import { parseDateTime } from '../../util/dates.js';
import { asArray, idOf, isObject, typesOf } from '../document.js';
import type { Json } from '../document.js';
import { failed, ok, unknown } from './result.js';
import type { AccreditationSource, CheckResult } from '../types.js';

export interface AccreditationCheckOptions {
  accreditation?: AccreditationSource;
  /** Verifies an accreditation credential as signed by the trust anchor (with its status). */
  verifyAccreditationCredential(vc: unknown): Promise<{ verified: boolean; code?: string }>;
}

export interface CertifiedCompetency { type: string; code: string }

/** A provider has one current accreditation, plus closed ones after scope changes. */
const MAX_CANDIDATES = 8;

/** The ASN competencies a learning credential certifies (Open Badges alignments). */
export function certifiedCompetencies(vc: Json): CertifiedCompetency[] {
  const out: CertifiedCompetency[] = [];
  for (const subject of asArray(vc.credentialSubject).filter(isObject)) {
    const achievement = subject.achievement;
    if (!isObject(achievement)) continue;
    for (const a of asArray(achievement.alignment).filter(isObject)) {
      if (typeof a.competencyType === 'string' && typeof a.targetCode === 'string') out.push({ type: a.competencyType, code: a.targetCode });
    }
  }
  return out;
}

/** Reads the terms of an accreditation credential; undefined when it is not one. */
export function readAccreditationTerms(vc: unknown): AccreditationTerms | undefined {
  if (!isObject(vc) || !typesOf(vc).includes(ACCREDITATION_TYPE)) return undefined;
  const s = vc.credentialSubject;
  if (!isObject(s) || typeof s.id !== 'string') return undefined;
  const from = parseDateTime(s.accreditedFrom);
  const until = parseDateTime(s.accreditedUntil);
  if (!from.ok || !until.ok) return undefined;
  return {
    providerDid: s.id,
    providerName: typeof s.name === 'string' ? s.name : s.id,
    grade: typeof s.accreditationGrade === 'string' ? s.accreditationGrade : '',
    competencyTypes: asArray(s.scopeCompetencyType).filter((v): v is string => typeof v === 'string'),
    competencyCodes: asArray(s.scopeCompetencyCode).filter((v): v is string => typeof v === 'string'),
    accreditedFrom: from.date,
    accreditedUntil: until.date,
  };
}

/**
 * Was the issuer curated by LAN, for every competency this credential certifies, at the
 * moment it was issued (`validFrom`)? The provider's name shown to people comes from
 * the accreditation LAN signed, never from the credential itself.
 */
export async function checkAccreditation(vc: Json, opts: AccreditationCheckOptions): Promise<CheckResult<'accreditation'>> {
  const id = 'accreditation' as const;
  const issuer = idOf(vc.issuer) ?? '';
  const competencies = certifiedCompetencies(vc);
  if (competencies.length === 0) return failed(id, 'COMPETENCY_MISSING');
  if (!opts.accreditation) return unknown(id, 'ACCREDITATION_NOT_CONFIGURED');
  const issuedRaw = vc.validFrom ?? vc.issuanceDate;
  const issued = parseDateTime(issuedRaw);
  if (!issued.ok) return failed(id, 'NOT_ACCREDITED_AT_ISSUANCE', { reason: 'no issuance date' });

  let candidates: unknown[];
  try {
    candidates = await opts.accreditation.findAccreditations(issuer);
  } catch {
    return unknown(id, 'ACCREDITATION_UNAVAILABLE');
  }
  // Bounded work: at most MAX_CANDIDATES accreditations are verified, and verification
  // stops at the first one that covers every certified competency.
  const valid: AccreditationTerms[] = [];
  const relevant = candidates
    .map((c) => ({ c, terms: readAccreditationTerms(c) }))
    .filter((x): x is { c: unknown; terms: AccreditationTerms } => !!x.terms && x.terms.providerDid === issuer)
    .slice(0, MAX_CANDIDATES);
  for (const { c, terms } of relevant) {
    const check = await opts.verifyAccreditationCredential(c);
    if (!check.verified) continue;
    valid.push(terms);
    if (competencies.every((k) => decideScope(terms, k, issued.date) === 'covered')) break;
  }
  if (valid.length === 0) return failed(id, 'ISSUER_NOT_CURATED', { issuer });

  const rank: Record<ScopeDecision, number> = { covered: 0, 'outside-scope': 1, 'not-at-issuance': 2 };
  const display = { providerName: valid[0]!.providerName, grade: valid[0]!.grade };
  for (const competency of competencies) {
    const decisions = valid.map((t) => ({ t, d: decideScope(t, competency, issued.date) }));
    const covering = decisions.find((x) => x.d === 'covered');
    if (covering) {
      display.providerName = covering.t.providerName;
      display.grade = covering.t.grade;
      continue;
    }
    const best = decisions.sort((a, b) => rank[a.d] - rank[b.d])[0]!;
    const code = best.d === 'outside-scope' ? 'OUTSIDE_ACCREDITED_SCOPE' : 'NOT_ACCREDITED_AT_ISSUANCE';
    return failed(id, code, { issuer, providerName: best.t.providerName, competency });
  }
  return ok(id, 'ACCREDITED', { issuer, ...display, competencies });
}
