/**
 * Build the unsigned learning credential (VC 2.0 + Open Badges 3.0) from a validated
 * learning record, and read one back for display.
 *
 * Everything is said in Open Badges terms first (context 3.0.3): JP as `creditsAvailable`
 * / `creditsEarned`, the competency as an `Alignment` (framework, code, URL), the NIP as a
 * salted `identityHash`, the learner's name as an unhashed `IdentityObject` of type
 * `name`, and the competency level as an Open Badges rubric (`ResultDescription` of
 * `resultType: "RubricCriterionLevel"` + the subject's `Result.achievedLevel`). Only the VC 2.0
 * and OB 3.0.3 contexts are used, so any bundled-only Open Badges verifier reads it with no
 * download and JSON-LD safe mode accepts it (tested). Credentials issued before carry
 * `competencyType`/`competencyLevel` from our ASN v1 context; the reader reads both forms.
 *
 * Runs in Node and in the browser.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors.js';
import { isoSeconds, parseDateTime } from '../util/dates.js';
import { OB_V3_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../contexts/index.js';
import { ASN_CONTEXT_URL } from '../contexts/asn-context.js';
import { competencyTypeOfCode, isCompetencyLevel, isCompetencyType, lookupCompetency, type Competency, type CompetencyLevel, type CompetencyType } from './competency.js';
import { ASN_COMPETENCY_TARGET_TYPE, COMPETENCY_LEVEL_RESULT_TYPE, rubricCompetencyLevel } from './read-competency.js';
import { makeNipIdentity, type NipIdentity } from './identity-hash.js';
import { isIsoDate } from './nip.js';
import { isHttpsUrl, isLoopbackHttpUrl } from '../util/urls.js';
import {
  LEARNING_MODE_LABELS,
  LEARNING_MODES,
  LEARNING_PATH_LABELS,
  LEARNING_PATHS,
  validateLearningInput,
  type LearningInput,
  type LearningMode,
  type LearningPath,
} from './learning-input.js';

export { ASN_COMPETENCY_TARGET_TYPE } from './read-competency.js';

/** The contexts of a learning credential as issued now: standard ones only. */
export const LEARNING_CREDENTIAL_CONTEXTS: readonly string[] = Object.freeze([VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL]);
/** The contexts of a learning credential in the ASN v1 form (issued before; still verified and read). */
export const LEARNING_CREDENTIAL_CONTEXTS_ASN_V1: readonly string[] = Object.freeze([VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL, ASN_CONTEXT_URL]);

export interface BuildCredentialContext {
  /** `urn:uuid:<uuid>` */
  id: string;
  /** The training provider; `id` is its DID. */
  issuer: { id: string; name: string; url?: string };
  /** Issuance time (validFrom). */
  validFrom: Date;
  /** Salt for the NIP hash: a fresh `randomSalt()` per credential. */
  salt: string;
  /** The learner's wallet DID, once known (credentialSubject.id). */
  holderDid?: string;
  /** Status entries (e.g. BitstringStatusListEntry) to embed. */
  credentialStatus?: object[];
  /** https base under which achievements and competency pages are named. */
  achievementBaseUrl: string;
}

/**
 * The unsigned OpenBadgeCredential for one learning record.
 *
 * The record is validated again here (every rule except those needing the clock), so a
 * caller that skipped `parseLearningInput` cannot get a malformed record signed; failures throw
 * `AppError('LEARNING_INPUT_INVALID', …, {status: 422, details: errors})`. Problems with
 * `ctx` are programming errors: `AppError('CREDENTIAL_CONTEXT_INVALID')`, status 500.
 *
 * Shape decisions (each checked against what OB 3.0 and its JSON schema allow):
 * - English course name/description: OB 3.0 has no language maps and its JSON schema wants
 *   `name`/`description` as plain strings, so `name` is Indonesian and the English text is
 *   appended to `description` after a blank line as `EN: <name> — <description>`.
 * - The competency's English name goes into `Alignment.targetDescription` (`EN: <name>`).
 * - The competency type is not written as a field: the code names it (`competencyTypeOfCode`).
 *   The level is a `ResultDescription` (`resultType: RubricCriterionLevel`, levels 1–5) in the
 *   achievement and a `Result` with `achievedLevel` on the subject.
 * - `credentialStatus` is one object when one entry is given (the OB schema expects an
 *   object), an array only when there are several.
 * - Score and grade are `Result`s pointing (by id) at `ResultDescription`s in the
 *   achievement (`Percent` 0–100, `LetterGrade`); `passed` is a `Result.status`
 *   (`Completed` / `Failed`).
 * - Activity dates are written as `YYYY-MM-DDT00:00:00Z` (OB data model: DateTime).
 */
export function buildLearningCredential(input: LearningInput, ctx: BuildCredentialContext): Record<string, unknown> {
  const base = checkContext(ctx);
  // No clock here: the issuer checked the record against the real clock when it arrived,
  // and tests (and re-issuance) may legitimately use a validFrom unrelated to the course dates.
  const parsed = validateLearningInput(input, undefined);
  if (!parsed.ok) {
    throw new AppError('LEARNING_INPUT_INVALID', 'The learning record is not valid.', { status: 422, details: parsed.errors });
  }
  const v = parsed.value;
  const validFrom = isoSeconds(ctx.validFrom);
  let validUntil: string | undefined;
  if (v.validUntil !== undefined) {
    const r = parseDateTime(v.validUntil);
    if (!r.ok) throw new AppError('LEARNING_INPUT_INVALID', 'validUntil is not a valid date-time.', { status: 422 });
    // A credential that expires before (or when) it becomes valid is never intended.
    if (r.date.getTime() <= ctx.validFrom.getTime()) {
      throw new AppError('VALID_UNTIL_BEFORE_VALID_FROM', 'validUntil must be after validFrom.', { status: 422 });
    }
    validUntil = isoSeconds(r.date);
  }

  const lookup = lookupCompetency(v.competency.type, v.competency.code, v.competency.name);
  if (!lookup.ok) throw new AppError(lookup.code, lookup.message.en, { status: 422 });
  const competency = lookup.competency;

  const courseSlug = v.course.id !== undefined ? encodeURIComponent(v.course.id) : `k-${bytesToHex(sha256(utf8ToBytes(v.course.name.id))).slice(0, 32)}`;
  const achievementId = `${base}/${courseSlug}`;

  const english = [v.course.name.en, v.course.description.en].filter((s): s is string => s !== undefined).join(' — ');
  const description = english ? `${v.course.description.id}\n\nEN: ${english}` : v.course.description.id;

  const pathLabel = LEARNING_PATH_LABELS[v.learningPath];
  const modeLabel = LEARNING_MODE_LABELS[v.learningMode];
  const narrative =
    v.course.criteria ??
    `Menyelesaikan ${pathLabel.id.toLowerCase()} "${v.course.name.id}" (${v.jp} JP, ${modeLabel.id.toLowerCase()}).\n\n` +
      `EN: Completed the ${pathLabel.en.toLowerCase()} "${v.course.name.en ?? v.course.name.id}" (${v.jp} JP, ${modeLabel.en.toLowerCase()}).`;

  const alignment: Record<string, unknown> = {
    type: ['Alignment'],
    targetName: competency.name.id,
    ...(competency.name.en !== undefined ? { targetDescription: `EN: ${competency.name.en}` } : {}),
    targetUrl: `${base}/kompetensi/${competency.type}/${encodeURIComponent(competency.code)}`,
    targetCode: competency.code,
    targetFramework: competency.framework,
    targetType: ASN_COMPETENCY_TARGET_TYPE,
  };

  const level = buildCompetencyLevel(competency, v.competency.level, achievementId);
  const rest = buildResults(v.result, achievementId);
  const resultDescriptions = [level.resultDescription, ...rest.resultDescriptions];
  const results = [level.result, ...rest.results];

  const achievement: Record<string, unknown> = {
    id: achievementId,
    type: ['Achievement'],
    name: v.course.name.id,
    description,
    criteria: { narrative },
    achievementType: achievementTypeOf(v.learningPath),
    creditsAvailable: v.jp,
    ...(v.course.id !== undefined ? { humanCode: v.course.id } : {}),
    alignment: [alignment],
    tag: [v.learningMode, v.learningPath],
    inLanguage: 'id',
    resultDescription: resultDescriptions,
  };

  const credentialSubject: Record<string, unknown> = {
    type: ['AchievementSubject'],
    ...(ctx.holderDid !== undefined ? { id: ctx.holderDid } : {}),
    identifier: [
      makeNipIdentity(v.learner.nip, ctx.salt),
      // OB 3.0 allows an unhashed IdentityObject of type `name`; the printed certificate and
      // HR need the name, and AchievementSubject has no `name` property of its own.
      { type: 'IdentityObject', identityHash: v.learner.name, identityType: 'name', hashed: false },
    ],
    achievement,
    activityStartDate: `${v.startDate}T00:00:00Z`,
    activityEndDate: `${v.endDate}T00:00:00Z`,
    creditsEarned: v.jp,
    result: results,
  };

  const status = ctx.credentialStatus ?? [];
  const credential: Record<string, unknown> = {
    '@context': [...LEARNING_CREDENTIAL_CONTEXTS],
    id: ctx.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: ctx.issuer.id,
      type: ['Profile'],
      name: ctx.issuer.name,
      ...(ctx.issuer.url !== undefined ? { url: ctx.issuer.url } : {}),
    },
    validFrom,
    ...(validUntil !== undefined ? { validUntil } : {}),
    name: v.course.name.id,
    credentialSubject,
    ...(v.evidenceUrl !== undefined ? { evidence: [{ id: v.evidenceUrl, type: ['Evidence'] }] } : {}),
    ...(status.length === 1 ? { credentialStatus: status[0] } : status.length > 1 ? { credentialStatus: status } : {}),
  };
  return credential;
}

/**
 * OB AchievementType: structured courses are `Course`; seminars, briefings, coaching,
 * secondments and the other workplace or social forms are `CertificateOfCompletion`
 * ("acknowledges completion of an assignment, training or other activity"). `Competency`
 * is not used: these records attest learning activity, not an assessed competency.
 */
function achievementTypeOf(path: LearningPath): 'Course' | 'CertificateOfCompletion' {
  const courses: readonly LearningPath[] = ['pelatihan', 'kursus', 'penataran', 'bimbingan-teknis', 'e-learning', 'pembelajaran-jarak-jauh'];
  return courses.includes(path) ? 'Course' : 'CertificateOfCompletion';
}

const SCORE_FRAGMENT = '#nilai';
const LEVEL_FRAGMENT = '#level-kompetensi';

/**
 * The competency level as an Open Badges rubric: one criterion (the competency) with the five
 * proficiency levels of the ASN dictionaries, and the learner's `Result` naming the level
 * reached. `level` is the digit as a string (OB types it as text); `name` is what an Open
 * Badges wallet shows.
 */
function buildCompetencyLevel(competency: Competency, level: CompetencyLevel, achievementId: string) {
  const id = `${achievementId}${LEVEL_FRAGMENT}`;
  const levelId = (n: number) => `${id}-${n}`;
  const resultDescription = {
    id,
    type: ['ResultDescription'],
    name: `Level kompetensi ${competency.code} ${competency.name.id} / Competency level`,
    resultType: COMPETENCY_LEVEL_RESULT_TYPE,
    rubricCriterionLevel: [1, 2, 3, 4, 5].map((n) => ({ id: levelId(n), type: ['RubricCriterionLevel'], name: `Level ${n}`, level: String(n) })),
  };
  return { resultDescription, result: { type: ['Result'], resultDescription: id, achievedLevel: levelId(level) } };
}
const GRADE_FRAGMENT = '#predikat';

function buildResults(result: LearningInput['result'], achievementId: string) {
  const resultDescriptions: Array<Record<string, unknown>> = [];
  const results: Array<Record<string, unknown>> = [];
  if (!result) return { resultDescriptions, results };
  if (result.score !== undefined) {
    const id = `${achievementId}${SCORE_FRAGMENT}`;
    resultDescriptions.push({ id, type: ['ResultDescription'], name: 'Nilai akhir (0–100) / Final score', resultType: 'Percent', valueMin: '0', valueMax: '100' });
    results.push({ type: ['Result'], resultDescription: id, value: String(result.score) });
  }
  if (result.grade !== undefined) {
    const id = `${achievementId}${GRADE_FRAGMENT}`;
    resultDescriptions.push({ id, type: ['ResultDescription'], name: 'Predikat / Grade', resultType: 'LetterGrade' });
    results.push({ type: ['Result'], resultDescription: id, value: result.grade });
  }
  if (result.passed !== undefined) results.push({ type: ['Result'], status: result.passed ? 'Completed' : 'Failed' });
  return { resultDescriptions, results };
}

function checkContext(ctx: BuildCredentialContext): string {
  const bad = (what: string): never => {
    throw new AppError('CREDENTIAL_CONTEXT_INVALID', `buildLearningCredential: ${what}`, { status: 500 });
  };
  if (!ctx || typeof ctx !== 'object') bad('ctx missing');
  if (typeof ctx.id !== 'string' || !/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ctx.id)) bad('id must be urn:uuid:<uuid>');
  if (!ctx.issuer || typeof ctx.issuer.id !== 'string' || !/^did:[a-z0-9]+:\S+$/.test(ctx.issuer.id)) bad('issuer.id must be a DID');
  if (typeof ctx.issuer.name !== 'string' || ctx.issuer.name.trim() === '') bad('issuer.name must be a non-empty string');
  if (ctx.issuer.url !== undefined && !isHttpsUrl(ctx.issuer.url)) bad('issuer.url must be an https URL');
  if (!(ctx.validFrom instanceof Date) || !Number.isFinite(ctx.validFrom.getTime())) bad('validFrom must be a valid Date');
  if (typeof ctx.salt !== 'string' || ctx.salt.length === 0) bad('salt must be a non-empty string');
  if (ctx.holderDid !== undefined && (typeof ctx.holderDid !== 'string' || !/^did:[a-z0-9]+:\S+$/.test(ctx.holderDid))) bad('holderDid must be a DID');
  if (ctx.credentialStatus !== undefined && (!Array.isArray(ctx.credentialStatus) || ctx.credentialStatus.some((s) => !s || typeof s !== 'object'))) {
    bad('credentialStatus must be an array of objects');
  }
  // The issuer's own base URL: https in production, plain http only on a loopback host (development).
  if (typeof ctx.achievementBaseUrl !== 'string' || !(isHttpsUrl(ctx.achievementBaseUrl) || isLoopbackHttpUrl(ctx.achievementBaseUrl))) bad('achievementBaseUrl must be an https URL');
  const u = new URL(ctx.achievementBaseUrl);
  if (u.search !== '' || u.hash !== '') bad('achievementBaseUrl must not have a query or fragment');
  return ctx.achievementBaseUrl.replace(/\/+$/, '');
}



// ---------------------------------------------------------------------------------------
// Reading

export interface LearningSummary {
  credentialId?: string;
  /** The learner's name as written in the credential. */
  name: string;
  /** The salted NIP hash; compare a known NIP with `matchesIdentity`. */
  nipIdentity: NipIdentity;
  courseName: string;
  courseDescription?: string;
  courseCode?: string;
  competency: { type: CompetencyType; code: string; level: CompetencyLevel; name: string; framework?: string };
  jp: number;
  /** `YYYY-MM-DD` */
  startDate: string;
  /** `YYYY-MM-DD` */
  endDate: string;
  mode: LearningMode;
  path: LearningPath;
  issuerId: string;
  /**
   * The name the credential claims for its issuer. Pages must show the curated registry's
   * name for the provider DID instead whenever it is known.
   */
  issuerName?: string;
  validFrom?: string;
  validUntil?: string;
  holderDid?: string;
  result?: { score?: number; grade?: string; passed?: boolean };
  evidenceUrl?: string;
}

/**
 * Pull the fields a person needs to see out of a learning credential. It does NOT verify
 * anything: call it on credentials that passed verification, or label the output as
 * unverified. Returns undefined when the document is not an ASN learning credential of the
 * shape `buildLearningCredential` makes (strings are returned as-is: escape when rendering).
 */
export function readLearningCredential(vc: unknown): LearningSummary | undefined {
  if (!isRecord(vc)) return undefined;
  const types = asArray(vc.type);
  if (!types.includes('VerifiableCredential') || !(types.includes('OpenBadgeCredential') || types.includes('AchievementCredential'))) return undefined;

  const subject = Array.isArray(vc.credentialSubject) ? vc.credentialSubject[0] : vc.credentialSubject;
  if (!isRecord(subject) || !isRecord(subject.achievement)) return undefined;
  const achievement = subject.achievement;

  const identifiers = asArray(subject.identifier).filter(isRecord);
  const nameIdentity = identifiers.find((i) => i.identityType === 'name' && i.hashed === false && typeof i.identityHash === 'string');
  const nipIdentity = identifiers.find(
    (i) => i.identityType === 'identifier' && i.hashed === true && typeof i.identityHash === 'string' && typeof i.salt === 'string',
  );
  if (!nameIdentity || !nipIdentity) return undefined;

  const alignment = asArray(achievement.alignment)
    .filter(isRecord)
    .find((a) => a.targetType === ASN_COMPETENCY_TARGET_TYPE);
  if (!alignment) return undefined;
  const { targetCode, targetName } = alignment;
  if (typeof targetCode !== 'string' || typeof targetName !== 'string') return undefined;
  const competencyType = alignment.competencyType ?? competencyTypeOfCode(targetCode);
  const competencyLevel = readLevel(alignment, achievement, subject);
  if (!isCompetencyType(competencyType) || competencyLevel === undefined) return undefined;

  const jp = typeof subject.creditsEarned === 'number' ? subject.creditsEarned : achievement.creditsAvailable;
  if (typeof jp !== 'number' || !Number.isFinite(jp)) return undefined;
  const startDate = dateOf(subject.activityStartDate);
  const endDate = dateOf(subject.activityEndDate);
  if (!startDate || !endDate) return undefined;

  const tags = asArray(achievement.tag);
  const mode = tags.find((t): t is LearningMode => (LEARNING_MODES as readonly unknown[]).includes(t));
  const path = tags.find((t): t is LearningPath => (LEARNING_PATHS as readonly unknown[]).includes(t));
  if (!mode || !path) return undefined;

  const issuer = vc.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : isRecord(issuer) && typeof issuer.id === 'string' ? issuer.id : undefined;
  if (!issuerId || typeof achievement.name !== 'string') return undefined;

  const summary: LearningSummary = {
    name: nameIdentity.identityHash as string,
    nipIdentity: {
      type: 'IdentityObject',
      identityHash: nipIdentity.identityHash as string,
      identityType: 'identifier',
      hashed: true,
      salt: nipIdentity.salt as string,
    },
    courseName: achievement.name,
    competency: {
      type: competencyType,
      code: targetCode,
      level: competencyLevel,
      name: targetName,
      ...(typeof alignment.targetFramework === 'string' ? { framework: alignment.targetFramework } : {}),
    },
    jp,
    startDate,
    endDate,
    mode,
    path,
    issuerId,
  };
  if (typeof vc.id === 'string') summary.credentialId = vc.id;
  if (typeof achievement.description === 'string') summary.courseDescription = achievement.description;
  if (typeof achievement.humanCode === 'string') summary.courseCode = achievement.humanCode;
  if (isRecord(issuer) && typeof issuer.name === 'string') summary.issuerName = issuer.name;
  if (typeof vc.validFrom === 'string') summary.validFrom = vc.validFrom;
  if (typeof vc.validUntil === 'string') summary.validUntil = vc.validUntil;
  if (typeof subject.id === 'string') summary.holderDid = subject.id;
  const evidence = asArray(vc.evidence).filter(isRecord).find((e) => typeof e.id === 'string');
  if (evidence) summary.evidenceUrl = evidence.id as string;
  const result = readResults(subject.result, achievement.resultDescription);
  if (result) summary.result = result;
  return summary;
}

/**
 * The level in either form: `competencyLevel` on the alignment (ASN v1) or the rubric result
 * (standard form). A credential carrying both is read only when they agree.
 */
function readLevel(alignment: Record<string, unknown>, achievement: Record<string, unknown>, subject: Record<string, unknown>): CompetencyLevel | undefined {
  const rubric = rubricCompetencyLevel(achievement, subject);
  if (alignment.competencyLevel === undefined) return rubric;
  if (!isCompetencyLevel(alignment.competencyLevel)) return undefined;
  return rubric === undefined || rubric === alignment.competencyLevel ? alignment.competencyLevel : undefined;
}

function readResults(resultValue: unknown, descriptionValue: unknown): LearningSummary['result'] | undefined {
  const descriptions = new Map<string, unknown>();
  for (const d of asArray(descriptionValue).filter(isRecord)) if (typeof d.id === 'string') descriptions.set(d.id, d.resultType);
  const out: NonNullable<LearningSummary['result']> = {};
  for (const r of asArray(resultValue).filter(isRecord)) {
    const resultType = typeof r.resultDescription === 'string' ? descriptions.get(r.resultDescription) : undefined;
    if (resultType === 'Percent' && typeof r.value === 'string') {
      const score = Number(r.value);
      if (r.value.trim() !== '' && Number.isFinite(score)) out.score = score;
    } else if (resultType === 'LetterGrade' && typeof r.value === 'string') {
      out.grade = r.value;
    }
    if (r.status === 'Completed') out.passed = true;
    else if (r.status === 'Failed') out.passed = false;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `YYYY-MM-DD` from `YYYY-MM-DDT…` or `YYYY-MM-DD`, when that day exists. */
function dateOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const day = value.slice(0, 10);
  if (value.length > 10 && value[10] !== 'T') return undefined;
  return isIsoDate(day) ? day : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}
