import { ACCREDITATION_TYPE } from '../../accreditation/accreditation-credential.js';
import { decideScope } from '../../accreditation/scope.js';
import type { AccreditationTerms } from '../../accreditation/scope.js';
import { competencyOfAlignment } from '../../model/read-competency.js';
import { parseDateTime } from '../../util/dates.js';
import { asArray, idOf, isObject, typesOf } from '../document.js';
import type { Json } from '../document.js';
import { failed, ok, unknown } from './result.js';
import type { AccreditationSource, CheckResult } from '../types.js';

export interface AccreditationCheckOptions {
  accreditation?: AccreditationSource;
  /**
   * Verifies an accreditation credential as signed by the trust anchor, its validity
   * period judged at `issuedAt` and its status now. Returns the read form once the
   * signature holds, and which check failed otherwise.
   */
  verifyAccreditationCredential(vc: unknown, issuedAt: Date): Promise<{ verified: boolean; code?: string; check?: string; document?: Json }>;
}

export interface CertifiedCompetency { type: string; code: string }

/** A provider has one current accreditation, plus closed ones after scope changes. */
const MAX_CANDIDATES = 8;

/**
 * The ASN competencies a learning credential certifies (Open Badges alignments), in the
 * standard form (type named by the code) and the ASN v1 form (`competencyType`) alike.
 */
export function certifiedCompetencies(vc: Json): CertifiedCompetency[] {
  const out: CertifiedCompetency[] = [];
  for (const subject of asArray(vc.credentialSubject).filter(isObject)) {
    const achievement = subject.achievement;
    if (!isObject(achievement)) continue;
    for (const a of asArray(achievement.alignment).filter(isObject)) {
      const claim = competencyOfAlignment(a);
      if (claim) out.push(claim);
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

/** An authentic accreditation that does not count as it stands, and why. */
type Standing = 'withdrawn' | 'suspended' | 'status-unknown' | 'not-in-force';

/**
 * Was the issuer curated by LAN, for every competency this credential certifies, at the
 * moment it was issued (`validFrom`)? "Accredited at issuance" is the rule: a credential
 * issued inside an accreditation stays recognised after that accreditation ends or is
 * replaced by a renewal. Only LAN's explicit withdrawal (the accreditation revoked, with
 * no other accreditation in force at issuance) or suspension takes it back, each with its
 * own code. The provider's name shown to people comes from the accreditation LAN signed,
 * never from the credential itself.
 */
export async function checkAccreditation(vc: Json, opts: AccreditationCheckOptions): Promise<CheckResult<'accreditation'>> {
  const id = 'accreditation' as const;
  const issuer = idOf(vc.issuer) ?? '';
  // Recognition reads the exact bundled profile: an inline context is authentic at most.
  if (asArray(vc['@context']).some(isObject)) return failed(id, 'PROFILE_INLINE_CONTEXT');
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
  // Bounded work: at most MAX_CANDIDATES accreditations are verified (chosen by their
  // written subject, a cheap pre-filter; what counts is read from the verified form), and
  // verification stops at the first one that covers every certified competency.
  const relevant = candidates
    .filter((c) => isObject(c) && idOf(c.credentialSubject) === issuer)
    .slice(0, MAX_CANDIDATES);
  const valid: AccreditationTerms[] = [];
  const others: Array<{ terms: AccreditationTerms; standing: Standing }> = [];
  for (const c of relevant) {
    const check = await opts.verifyAccreditationCredential(c, issued.date);
    const terms = check.document ? readAccreditationTerms(check.document) : undefined;
    if (!terms || terms.providerDid !== issuer) continue;
    if (check.verified) {
      valid.push(terms);
      if (competencies.every((k) => decideScope(terms, k, issued.date) === 'covered')) break;
      continue;
    }
    const standing: Standing | undefined = check.check === 'validity' ? 'not-in-force'
      : check.code === 'CREDENTIAL_REVOKED' ? 'withdrawn'
        : check.code === 'CREDENTIAL_SUSPENDED' ? 'suspended'
          : check.check === 'status' ? 'status-unknown' : undefined;
    if (standing) others.push({ terms, standing });
  }
  if (valid.length === 0 && others.length === 0) return failed(id, 'ISSUER_NOT_CURATED', { issuer });

  const display = { providerName: (valid[0] ?? others[0]!.terms).providerName, grade: (valid[0] ?? others[0]!.terms).grade };
  for (const competency of competencies) {
    const covering = valid.find((t) => decideScope(t, competency, issued.date) === 'covered');
    if (covering) {
      display.providerName = covering.providerName;
      display.grade = covering.grade;
      continue;
    }
    const named = { issuer, providerName: display.providerName, competency };
    // An accreditation in force at issuance that does not cover it: outside the scope.
    if (valid.some((t) => decideScope(t, competency, issued.date) === 'outside-scope')) return failed(id, 'OUTSIDE_ACCREDITED_SCOPE', named);
    // Nothing valid was in force: did LAN take back one that covered it?
    const takenBack = (standing: Standing) => others.some((o) => o.standing === standing && decideScope(o.terms, competency, issued.date) === 'covered');
    if (takenBack('withdrawn')) return failed(id, 'ACCREDITATION_WITHDRAWN', named);
    if (takenBack('suspended')) return failed(id, 'ACCREDITATION_SUSPENDED', named);
    if (takenBack('status-unknown')) return unknown(id, 'ACCREDITATION_STATUS_UNKNOWN', named);
    const outside = others.some((o) => decideScope(o.terms, competency, issued.date) === 'outside-scope');
    return failed(id, outside ? 'OUTSIDE_ACCREDITED_SCOPE' : 'NOT_ACCREDITED_AT_ISSUANCE', named);
  }
  return ok(id, 'ACCREDITED', { issuer, ...display, competencies });
}
