/**
 * The one set of rules every credential meets before it is signed, whatever the way in
 * (`POST /credentials/issue`, `/learning-credentials`, cohort rows): the issuance service
 * runs `checkBeforeSigning` on the finished unsigned credential, so what is checked is
 * exactly what gets signed. The VC API also runs the synchronous part on the caller's
 * credential first, so a malformed request is refused before anything else happens.
 *
 * What is enforced, and why:
 * - the shared verifier's own context allow-list and JSON-LD safe mode (`checkContexts`,
 *   `checkTermsDefined`): we never sign what our verifier would reject;
 * - the VC 2.0 data-model rules a standard verifier applies (non-empty subject,
 *   dateTimeStamp dates, typed `credentialSchema`/`refreshService`/`termsOfUse`/`evidence`,
 *   `relatedResource` with id and digest), so the credential is valid everywhere;
 * - a plain compact shape: no key written as an IRI and no `@`-keyword outside the
 *   top-level `@context` (except language value objects). JSON-LD would accept those with
 *   the same meaning, but every reader of JP, competency and status reads plain keys, so
 *   a hidden competency or JP could otherwise pass the scope check and still be signed;
 * - JP (`creditsAvailable`, `creditsEarned`, wherever they appear) within the same bounds
 *   as the learner-field endpoint: a number > 0, at most 1000, two decimals;
 * - every object carrying `competencyType` (ASN v1 form) names one of the ASN types as a
 *   string with a string `targetCode`, and every alignment of `targetType: ext:ASNCompetency`
 *   (standard form) has a `targetCode` of an ASN dictionary (the code names the type); each
 *   is returned, so the scope check sees every competency the credential certifies, not only
 *   those at the usual path, and judges them as the verifier will (`competencyOfAlignment`).
 */
import { AppError, ASN_COMPETENCY_TARGET_TYPE, certifiedCompetencies, checkContexts, checkTerms, competencyOfAlignment, COMPETENCY_TYPES, hasInlineContext, isCompetencyLevel, parseDateTime } from '../../shared/index.js';
import type { DocumentLoader } from '../../shared/index.js';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface CertifiedCompetencyClaim {
  type: string;
  code: string;
}

/** JP bounds shared with the learner-field endpoint (shared/model/learning-input.ts). */
export const MAX_JP = 1000;

const CREDIT_KEYS = ['creditsAvailable', 'creditsEarned'] as const;
/** Properties whose entries VC 2.0 requires to be typed objects. */
const TYPED_ENTRIES = ['credentialSchema', 'refreshService', 'termsOfUse', 'evidence'] as const;
const DATE_KEYS = ['validFrom', 'validUntil', 'issuanceDate', 'expirationDate'] as const;
/** A JSON-LD term as our contexts define them: no ':' (IRI or compact IRI) and no '@'. */
const TERM = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/** Synchronous rules; `prefix` names the credential in field paths (`credential.`). */
export function credentialRuleErrors(vc: Record<string, unknown>, prefix = 'credential.'): { errors: FieldError[]; competencies: CertifiedCompetencyClaim[] } {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string): void => {
    errors.push({ field: `${prefix}${field}`, code, message });
  };

  const contexts = checkContexts(vc);
  if (contexts.status !== 'ok') add('@context', contexts.code, contexts.message.en);
  // Verifiers accept an inline context for authenticity only; this issuer signs the bundled profile alone.
  else if (hasInlineContext(vc)) add('@context', 'CONTEXT_INLINE', 'Inline context objects are not signed here: use bundled context URLs only.');

  errors.push(...issuerShapeErrors(vc.issuer, prefix));

  // credentialSubject: one object or a non-empty array of objects, none of them empty.
  const subjects = vc.credentialSubject;
  const subjectList = Array.isArray(subjects) ? subjects : [subjects];
  if (subjects === undefined) add('credentialSubject', 'FIELD_REQUIRED', 'credentialSubject is required.');
  else if (subjectList.length === 0) add('credentialSubject', 'SUBJECT_EMPTY', 'credentialSubject must not be an empty array.');
  else {
    subjectList.forEach((s, i) => {
      const at = Array.isArray(subjects) ? `credentialSubject.${i}` : 'credentialSubject';
      if (!isObject(s)) add(at, 'FIELD_TYPE', 'Each credentialSubject must be an object.');
      else if (Object.keys(s).length === 0) add(at, 'SUBJECT_EMPTY', 'A credentialSubject must make at least one claim (not {}).');
    });
  }

  for (const k of DATE_KEYS) {
    if (vc[k] === undefined) continue;
    const r = parseDateTime(vc[k]);
    if (!r.ok) add(k, r.code === 'DATE_NO_TIMEZONE' ? 'DATE_NO_TIMEZONE' : 'DATETIME_INVALID', `${k} must be an XML Schema dateTimeStamp with a time zone, e.g. 2026-05-20T03:00:00Z.`);
  }
  const from = parseDateTime(vc.validFrom);
  const until = parseDateTime(vc.validUntil);
  if (from.ok && until.ok && until.date.getTime() < from.date.getTime()) add('validUntil', 'VALID_UNTIL_ORDER', 'validUntil must not be before validFrom.');

  for (const k of TYPED_ENTRIES) {
    if (vc[k] === undefined) continue;
    const list = Array.isArray(vc[k]) ? (vc[k] as unknown[]) : [vc[k]];
    list.forEach((e, i) => {
      const at = Array.isArray(vc[k]) ? `${k}.${i}` : k;
      if (!isObject(e)) {
        add(at, 'FIELD_TYPE', `Each ${k} entry must be an object.`);
        return;
      }
      if (!hasType(e.type)) add(`${at}.type`, 'FIELD_REQUIRED', `Each ${k} entry needs a type.`);
      if (k === 'credentialSchema' && (typeof e.id !== 'string' || !ABSOLUTE_IRI.test(e.id))) add(`${at}.id`, 'FIELD_REQUIRED', 'Each credentialSchema entry needs an id (a URL).');
    });
  }

  if (vc.relatedResource !== undefined) {
    const list = Array.isArray(vc.relatedResource) ? vc.relatedResource : [vc.relatedResource];
    const seen = new Set<string>();
    list.forEach((e: unknown, i: number) => {
      const at = Array.isArray(vc.relatedResource) ? `relatedResource.${i}` : 'relatedResource';
      if (!isObject(e)) {
        add(at, 'FIELD_TYPE', 'Each relatedResource entry must be an object {id, digestSRI | digestMultibase}.');
        return;
      }
      if (typeof e.id !== 'string' || !ABSOLUTE_IRI.test(e.id)) add(`${at}.id`, 'FIELD_REQUIRED', 'Each relatedResource entry needs an id (a URL).');
      else if (seen.has(e.id)) add(`${at}.id`, 'FIELD_DUPLICATE', 'relatedResource ids must be unique.');
      else seen.add(e.id);
      const sri = typeof e.digestSRI === 'string' && e.digestSRI.length > 0;
      const mb = typeof e.digestMultibase === 'string' && e.digestMultibase.length > 0;
      if (!sri && !mb) add(at, 'DIGEST_REQUIRED', 'Each relatedResource entry needs digestSRI or digestMultibase.');
    });
  }

  const competencies: CertifiedCompetencyClaim[] = [];
  walk(vc, '', (obj, path) => {
    for (const key of Object.keys(obj)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key === '@context' && path === '') continue;
      if (key.startsWith('@')) {
        if (!isLanguageValue(obj)) add(at, 'KEY_NOT_A_TERM', 'JSON-LD keywords are not accepted here; write the value in plain compact form.');
        continue;
      }
      if (!TERM.test(key)) add(at, 'KEY_NOT_A_TERM', 'Write every property as its term (no IRIs or compact IRIs as keys).');
    }
    for (const k of CREDIT_KEYS) {
      if (!Object.hasOwn(obj, k)) continue;
      const v = obj[k];
      const at = path === '' ? k : `${path}.${k}`;
      if (typeof v !== 'number' || !Number.isFinite(v)) add(at, 'FIELD_TYPE', `${k} (JP) must be a number.`);
      else if (v <= 0 || v > MAX_JP) add(at, 'FIELD_RANGE', `${k} (JP) must be greater than 0 and at most ${MAX_JP}.`);
      else if (Math.abs(v * 100 - Math.round(v * 100)) > 1e-6) add(at, 'JP_PRECISION', `${k} (JP) may have at most 2 decimal places.`);
    }
    if (Object.hasOwn(obj, 'competencyType')) {
      const type = obj.competencyType;
      const at = path === '' ? 'competencyType' : `${path}.competencyType`;
      if (typeof type !== 'string' || !(COMPETENCY_TYPES as readonly string[]).includes(type)) {
        add(at, 'COMPETENCY_TYPE', `competencyType must be one of ${COMPETENCY_TYPES.join(', ')}, written as one string.`);
      } else if (typeof obj.targetCode !== 'string' || obj.targetCode.length === 0) {
        add(path === '' ? 'targetCode' : `${path}.targetCode`, 'COMPETENCY_CODE', 'A competency alignment needs its targetCode as one string.');
      } else competencies.push({ type, code: obj.targetCode });
    }
    if (!Object.hasOwn(obj, 'competencyType') && obj.targetType === ASN_COMPETENCY_TARGET_TYPE) {
      const claim = competencyOfAlignment(obj);
      if (claim) competencies.push(claim);
      else add(path === '' ? 'targetCode' : `${path}.targetCode`, 'COMPETENCY_CODE', 'An ASN competency alignment needs a targetCode of an ASN competency dictionary (M.01–M.08, SK.01, T.<AGENCY>.<nn>, P.<nn>).');
    }
    if (Object.hasOwn(obj, 'competencyLevel') && !isCompetencyLevel(obj.competencyLevel)) {
      add(path === '' ? 'competencyLevel' : `${path}.competencyLevel`, 'COMPETENCY_LEVEL', 'competencyLevel must be a level from 1 to 5.');
    }
  });
  return { errors, competencies };
}

/** `issuer` is an absolute IRI or an object with one; anything else is malformed (422), not "someone else" (403). */
export function issuerShapeErrors(issuer: unknown, prefix = 'credential.'): FieldError[] {
  if (issuer === undefined) return [{ field: `${prefix}issuer`, code: 'FIELD_REQUIRED', message: 'issuer is required.' }];
  const id = typeof issuer === 'string' ? issuer : isObject(issuer) ? issuer.id : undefined;
  if (typeof id !== 'string' || !ABSOLUTE_IRI.test(id)) {
    return [{ field: `${prefix}issuer`, code: 'FIELD_TYPE', message: 'issuer must be a URL or an object {id: URL}.' }];
  }
  return [];
}

/**
 * Every rule, on the credential exactly as it will be signed. Throws 422
 * VALIDATION_FAILED listing each field; returns the competencies it certifies.
 */
export async function checkBeforeSigning(vc: Record<string, unknown>, documentLoader: DocumentLoader): Promise<CertifiedCompetencyClaim[]> {
  const { errors, competencies } = credentialRuleErrors(vc);
  if (errors.length === 0) {
    // Only once the shape is right: expansion of a malformed document proves nothing more.
    const { check, document } = await checkTerms(vc, documentLoader);
    if (check.status !== 'ok') errors.push({ field: 'credential', code: check.code, message: `${check.message.en} ${String(check.details?.reason ?? '')}`.trim() });
    // The scope check must see what a verifier will read: the competencies of the form the
    // proof covers (a one-item array `["ext:ASNCompetency"]` reads as the string there).
    else if (document) {
      for (const c of certifiedCompetencies(document)) {
        if (!competencies.some((x) => x.type === c.type && x.code === c.code)) competencies.push(c);
      }
    }
  }
  if (errors.length > 0) throw invalidCredential(errors);
  return competencies;
}

export function invalidCredential(errors: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', 'The credential request has errors.', { status: 422, details: errors });
}

function walk(value: unknown, path: string, visit: (obj: Record<string, unknown>, path: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, path === '' ? String(i) : `${path}.${i}`, visit));
    return;
  }
  if (!isObject(value)) return;
  visit(value, path);
  for (const [k, v] of Object.entries(value)) {
    if (k === '@context' && path === '') continue;
    walk(v, path === '' ? k : `${path}.${k}`, visit);
  }
}

/** `{"@value": "…", "@language": "id", "@direction": "ltr"}`: VC 2.0's language strings. */
function isLanguageValue(obj: Record<string, unknown>): boolean {
  const keys = Object.keys(obj);
  return typeof obj['@value'] === 'string'
    && keys.every((k) => (k === '@value') || ((k === '@language' || k === '@direction') && typeof obj[k] === 'string'));
}

function hasType(t: unknown): boolean {
  if (typeof t === 'string') return t.length > 0;
  return Array.isArray(t) && t.length > 0 && t.every((x) => typeof x === 'string' && x.length > 0);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
