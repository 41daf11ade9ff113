/**
 * Which ASN competency (type, code) and level a learning credential certifies, read from
 * either of its two forms:
 *
 * - the standard-only form (issued since the interoperability change): an Open Badges
 *   `Alignment` with `targetType: "ext:ASNCompetency"` and the code in `targetCode` (the code
 *   names the type, see `competencyTypeOfCode`), and the level as the subject's `Result`
 *   whose `achievedLevel` is one of the `rubricCriterionLevel`s of a `ResultDescription` with
 *   `resultType: "RubricCriterionLevel"` in the achievement;
 * - the ASN v1 form (before): `competencyType` and `competencyLevel` on the alignment, terms
 *   of our own context `https://kredensial.lan.go.id/ns/asn/v1`.
 *
 * Every consumer (the reader for pages and ledger, the accreditation scope check, the
 * issuer's scope check before signing) goes through these functions, so all of them agree
 * on what a credential certifies. Runs in Node and in the browser.
 */
import { competencyTypeOfCode, isCompetencyLevel, type CompetencyLevel } from './competency.js';

/** Alignment.targetType of every ASN competency alignment (OB's extensible enum, `ext:` prefix). */
export const ASN_COMPETENCY_TARGET_TYPE = 'ext:ASNCompetency';

/** `ResultDescription.resultType` of the competency-level rubric (an Open Badges enum value). */
export const COMPETENCY_LEVEL_RESULT_TYPE = 'RubricCriterionLevel';

export interface CertifiedCompetencyClaim {
  type: string;
  code: string;
}

/**
 * The ASN competency one alignment certifies, or undefined when it certifies none.
 * ASN v1 form: any alignment with a string `competencyType` and `targetCode` (as before the
 * change, so old credentials are judged exactly as they were). Standard form: an alignment
 * of `targetType` `ext:ASNCompetency` whose `targetCode` belongs to an ASN dictionary.
 */
export function competencyOfAlignment(alignment: Record<string, unknown>): CertifiedCompetencyClaim | undefined {
  const { competencyType, targetCode } = alignment;
  if (typeof targetCode !== 'string') return undefined;
  if (competencyType !== undefined) return typeof competencyType === 'string' ? { type: competencyType, code: targetCode } : undefined;
  if (alignment.targetType !== ASN_COMPETENCY_TARGET_TYPE) return undefined;
  const type = competencyTypeOfCode(targetCode);
  return type ? { type, code: targetCode } : undefined;
}

/**
 * The competency level of the standard form: the subject's results pointing at a
 * `RubricCriterionLevel` result description of the achievement, whose achieved level's
 * `level` is "1".."5". Undefined when there is none, or when several disagree (an
 * ambiguous credential is not read rather than read one way).
 */
export function rubricCompetencyLevel(achievement: Record<string, unknown>, subject: Record<string, unknown>): CompetencyLevel | undefined {
  const levelsByDescription = new Map<string, Map<string, unknown>>();
  for (const d of asArray(achievement.resultDescription).filter(isRecord)) {
    if (typeof d.id !== 'string' || d.resultType !== COMPETENCY_LEVEL_RESULT_TYPE) continue;
    const levels = new Map<string, unknown>();
    for (const l of asArray(d.rubricCriterionLevel).filter(isRecord)) if (typeof l.id === 'string') levels.set(l.id, l.level);
    levelsByDescription.set(d.id, levels);
  }
  const found = new Set<CompetencyLevel>();
  for (const r of asArray(subject.result).filter(isRecord)) {
    const levels = typeof r.resultDescription === 'string' ? levelsByDescription.get(r.resultDescription) : undefined;
    if (!levels) continue; // a score, grade or pass/fail result
    const written = typeof r.achievedLevel === 'string' ? levels.get(r.achievedLevel) : undefined;
    // `level` is a string in Open Badges; only the exact digits 1–5 are a competency level.
    const level = typeof written === 'string' && /^[1-5]$/.test(written) ? Number(written) : undefined;
    if (!isCompetencyLevel(level)) return undefined;
    found.add(level);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}
