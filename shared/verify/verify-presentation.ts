import { ACCREDITATION_TYPE } from '../accreditation/accreditation-credential.js';
import { parseDateTime } from '../util/dates.js';
import { checkContexts } from './checks/contexts.js';
import { checkProofs } from './checks/proof.js';
import { failed, notChecked, ok, result } from './checks/result.js';
import { checkSignerKey } from './checks/signer-key.js';
import { checkTerms } from './checks/terms.js';
import { DOCUMENT_LIMITS, MAX_PROOFS } from './checks/well-formed.js';
import { asArray, idOf, isObject, proofsOf, scanDocument, typesOf } from './document.js';
import type { Json } from './document.js';
import { summarize } from './summarize.js';
import { PRESENTATION_CHECKS } from './types.js';
import type { AccreditationSource, CheckResult, CredentialVerification, PresentationCheckId, PresentationVerification, VerifyOptions } from './types.js';
import { verifyCredential } from './verify-credential.js';

const MAX_HELD_CREDENTIALS = 20;
const MAX_EMBEDDED_ACCREDITATIONS = 20;

export interface PresentationVerifyOptions extends VerifyOptions {
  /**
   * The challenge the proof must carry: one this verifier issued (single use is the
   * caller's store's job) or a VC API client's own. Empty: none was given, and a signed
   * presentation then fails (a holder's proof without a challenge can be replayed).
   */
  challenge: string;
  /** The domain the presentation must be bound to, when the verifier requires one. */
  domain?: string;
  /** How old the presentation proof may be (default 600 s). */
  maxPresentationAgeSeconds?: number;
}

/**
 * Verifies a presentation: the holder's signature over the verifier's challenge and
 * domain, its freshness, that the holder is the subject of every credential, and every
 * credential in full. Accreditation credentials carried in the presentation are used as
 * an offline source of accreditations (they are still verified against the trust anchor).
 */
export async function verifyPresentation(input: unknown, opts: PresentationVerifyOptions): Promise<PresentationVerification> {
  const checks: Array<CheckResult<PresentationCheckId>> = [];
  let credentials: CredentialVerification[] = [];
  let holder: string | undefined;
  try {
    ({ credentials, holder } = await runChecks(input, opts, checks));
  } catch (e) {
    const done = new Set(checks.map((c) => c.id));
    const next = PRESENTATION_CHECKS.find((c) => !done.has(c));
    if (next) checks.push(failed(next, 'INTERNAL_ERROR', { reason: e instanceof Error ? e.message.slice(0, 200) : 'error' }));
  }
  const have = new Set(checks.map((c) => c.id));
  for (const id of PRESENTATION_CHECKS) if (!have.has(id)) checks.push(notChecked(id));
  checks.sort((a, b) => PRESENTATION_CHECKS.indexOf(a.id) - PRESENTATION_CHECKS.indexOf(b.id));
  const holderProven = checks.some((c) => c.id === 'holderKey' && c.code === 'HOLDER_KEY_OK')
    && checks.some((c) => c.id === 'proof' && c.code === 'PROOF_OK');
  return { ...summarize(checks), holderProven, ...(holder ? { holder } : {}), credentials };
}

async function runChecks(
  input: unknown,
  opts: PresentationVerifyOptions,
  checks: Array<CheckResult<PresentationCheckId>>,
): Promise<{ credentials: CredentialVerification[]; holder?: string }> {
  const none = { credentials: [] };
  if (!isObject(input)) {
    checks.push(failed('wellFormed', 'NOT_AN_OBJECT'));
    return none;
  }
  const vp = input;
  const scan = scanDocument(vp, { ...DOCUMENT_LIMITS, maxNodes: DOCUMENT_LIMITS.maxNodes * 4 });
  if (scan.depth > DOCUMENT_LIMITS.maxDepth || scan.nodes > DOCUMENT_LIMITS.maxNodes * 4) checks.push(failed('wellFormed', 'TOO_LARGE'));
  else if (scan.forbiddenKey) checks.push(failed('wellFormed', 'FORBIDDEN_KEY', { at: scan.forbiddenKey }));
  else if (asArray(vp.proof).length > MAX_PROOFS) checks.push(failed('wellFormed', 'TOO_MANY_PROOFS', { proofs: asArray(vp.proof).length, max: MAX_PROOFS }));
  else if (!typesOf(vp).includes('VerifiablePresentation')) checks.push(failed('wellFormed', 'PRESENTATION_TYPE_MISSING'));
  else checks.push(ok('wellFormed', 'PRESENTATION_WELL_FORMED'));
  if (checks[0]?.status !== 'ok') return none;

  // Embedded credentials carry their own contexts; the presentation's are checked here.
  const contexts = checkContexts(withoutCredentials(vp));
  checks.push(contexts);
  if (contexts.status !== 'ok') return none;
  const terms = await checkTerms(withoutCredentials(vp), opts.documentLoader);
  checks.push(terms.check);
  if (!terms.document) return none;
  // The presentation is read in the compact form its proof covers (holder, proofs).
  const signed = terms.document;

  const holder = idOf(signed.holder);
  const proofs = proofsOf(signed);
  if (proofs.length === 0) return verifyUnsigned(vp, opts, checks, holder);
  // Cheap binding checks first: a presentation made for another challenge or domain is
  // refused before any signature or credential work (bounded cost per request).
  const challenge = checkChallenge(proofs, opts.challenge);
  const domain = checkDomain(proofs, opts.domain);
  const bound = challenge.status === 'ok' && domain.status === 'ok';
  const holderKey = !bound ? notChecked('holderKey' as const)
    : holder ? await checkSignerKey('holderKey', signed, holder, 'authentication', opts.documentLoader) : failed('holderKey', 'HOLDER_MISSING');
  checks.push(holderKey);
  const proof = holderKey.status === 'ok' ? await checkProofs(vp, 'authentication', opts.documentLoader) : notChecked('proof' as const);
  checks.push(proof, challenge, domain);
  checks.push(checkFreshness(proofs, opts));

  const { held, embeddedAccreditations, tooMany } = carried(vp);
  if (tooMany) {
    checks.push(tooMany);
    return { credentials: [], ...(holder ? { holder } : {}) };
  }

  if (holderKey.status !== 'ok' || proof.status !== 'ok') {
    checks.push(checkHolderIsSubject(held, holder));
    return { credentials: [], ...(holder ? { holder } : {}) };
  }
  const credentials = await verifyHeld(held, embeddedAccreditations, opts);
  // Subjects are read from what each credential's proof covers (the written JSON only
  // where a credential did not verify far enough to have one; it then fails anyway).
  checks.push(checkHolderIsSubject(held.map((vc, i) => credentials[i]?.document ?? vc), holder));
  checks.push(credentialsCheck(credentials));
  return { credentials, ...(holder ? { holder } : {}) };
}

/** The credentials a presentation carries, its accreditations apart; bounded (each costs JSON-LD work). */
function carried(vp: Json): { held: unknown[]; embeddedAccreditations: unknown[]; tooMany?: CheckResult<'credentials'> } {
  const all = asArray(vp.verifiableCredential);
  const embeddedAccreditations = all.filter((c) => isObject(c) && typesOf(c).includes(ACCREDITATION_TYPE));
  const held = all.filter((c) => !embeddedAccreditations.includes(c));
  const tooMany = held.length > MAX_HELD_CREDENTIALS || embeddedAccreditations.length > MAX_EMBEDDED_ACCREDITATIONS
    ? failed('credentials', 'TOO_MANY_CREDENTIALS', { held: held.length, accreditations: embeddedAccreditations.length }) : undefined;
  return { held, embeddedAccreditations, ...(tooMany ? { tooMany } : {}) };
}

async function verifyHeld(held: unknown[], embeddedAccreditations: unknown[], opts: PresentationVerifyOptions): Promise<CredentialVerification[]> {
  const accreditation = withEmbedded(opts.accreditation, embeddedAccreditations);
  const credentials: CredentialVerification[] = [];
  for (const vc of held) {
    credentials.push(await verifyCredential(vc, { ...opts, ...(accreditation ? { accreditation } : {}) }));
  }
  return credentials;
}

function credentialsCheck(credentials: CredentialVerification[]): CheckResult<'credentials'> {
  if (credentials.length === 0) return failed('credentials', 'CREDENTIALS_NONE');
  if (credentials.every((c) => c.verified)) return ok('credentials', 'CREDENTIALS_OK', { count: credentials.length });
  return failed('credentials', 'CREDENTIAL_NOT_VERIFIED', { failed: credentials.filter((c) => !c.verified).length });
}

/**
 * A presentation without a proof (VC 2.0 allows it: a holder may present without proving
 * control). Its credentials are verified in full; nothing about the holder is proven, so
 * `holderProven` is false and the holder checks say so. A verifier that asked for a
 * challenge or domain wanted that proof: the presentation then fails. Such a presentation
 * is never a basis for recognition (the ledger refuses it: PRESENTATION_UNSIGNED).
 */
async function verifyUnsigned(
  vp: Json,
  opts: PresentationVerifyOptions,
  checks: Array<CheckResult<PresentationCheckId>>,
  holder: string | undefined,
): Promise<{ credentials: CredentialVerification[]; holder?: string }> {
  const notProven = { holderProven: false, skipped: true };
  checks.push(result('holderKey', 'ok', 'HOLDER_NOT_PROVEN', notProven));
  checks.push(result('proof', 'ok', 'PRESENTATION_UNSIGNED', notProven));
  const challenge = opts.challenge ? failed('challenge', 'CHALLENGE_MISSING') : result('challenge', 'ok', 'CHALLENGE_NOT_APPLICABLE', notProven);
  const domain = opts.domain !== undefined ? failed('domain', 'DOMAIN_MISSING') : ok('domain', 'DOMAIN_NOT_REQUIRED');
  checks.push(challenge, domain, result('freshness', 'ok', 'FRESHNESS_NOT_APPLICABLE', notProven));
  const { held, embeddedAccreditations, tooMany } = carried(vp);
  if (tooMany) {
    checks.push(tooMany);
    return { credentials: [], ...(holder ? { holder } : {}) };
  }
  // Bounded work: a presentation a verifier cannot accept is refused before its credentials.
  if (challenge.status !== 'ok' || domain.status !== 'ok') return { credentials: [], ...(holder ? { holder } : {}) };
  checks.push(result('holder', 'ok', 'HOLDER_NOT_PROVEN', notProven));
  const credentials = await verifyHeld(held, embeddedAccreditations, opts);
  checks.push(credentialsCheck(credentials));
  return { credentials, ...(holder ? { holder } : {}) };
}

function withoutCredentials(vp: Json): Json {
  const { verifiableCredential: _vc, ...rest } = vp;
  return rest;
}

function checkChallenge(proofs: Json[], expected: string): CheckResult<'challenge'> {
  if (proofs.some((p) => p.challenge === undefined)) return failed('challenge', 'CHALLENGE_MISSING');
  if (!expected || !proofs.every((p) => p.challenge === expected)) return failed('challenge', 'CHALLENGE_MISMATCH');
  return ok('challenge', 'CHALLENGE_OK');
}

function checkDomain(proofs: Json[], expected: string | undefined): CheckResult<'domain'> {
  if (expected === undefined) return ok('domain', 'DOMAIN_NOT_REQUIRED');
  if (proofs.some((p) => p.domain === undefined)) return failed('domain', 'DOMAIN_MISSING');
  if (!proofs.every((p) => asArray(p.domain).includes(expected))) return failed('domain', 'DOMAIN_MISMATCH');
  return ok('domain', 'DOMAIN_OK');
}

function checkFreshness(proofs: Json[], opts: PresentationVerifyOptions): CheckResult<'freshness'> {
  const maxAgeMs = (opts.maxPresentationAgeSeconds ?? 600) * 1000;
  const skewMs = (opts.clockSkewSeconds ?? 300) * 1000;
  for (const p of proofs) {
    const created = parseDateTime(p.created);
    if (!created.ok) return failed('freshness', created.code, { field: 'proof.created' });
    const t = created.date.getTime();
    if (t > opts.now.getTime() + skewMs) return failed('freshness', 'PROOF_CREATED_IN_FUTURE');
    if (t < opts.now.getTime() - maxAgeMs) return failed('freshness', 'PRESENTATION_TOO_OLD', { created: created.date.toISOString() });
    if (p.expires !== undefined) {
      const expires = parseDateTime(p.expires);
      if (!expires.ok || expires.date.getTime() < opts.now.getTime() - skewMs) return failed('freshness', 'PRESENTATION_TOO_OLD');
    }
  }
  return ok('freshness', 'FRESH');
}

function checkHolderIsSubject(credentials: unknown[], holder: string | undefined): CheckResult<'holder'> {
  if (!holder) return failed('holder', 'HOLDER_MISSING');
  for (const vc of credentials) {
    if (!isObject(vc)) return failed('holder', 'HOLDER_NOT_SUBJECT');
    const subjects = asArray(vc.credentialSubject);
    if (subjects.length === 0 || !subjects.every((s) => isObject(s) && s.id === holder)) return failed('holder', 'HOLDER_NOT_SUBJECT', { credential: idOf(vc) });
  }
  return ok('holder', 'HOLDER_OK', { holder });
}

function withEmbedded(source: AccreditationSource | undefined, embedded: unknown[]): AccreditationSource | undefined {
  if (!source || embedded.length === 0) return source;
  return {
    trustAnchor: source.trustAnchor,
    findAccreditations: async (providerDid) => {
      let fromSource: unknown[] = [];
      try {
        fromSource = await source.findAccreditations(providerDid);
      } catch {
        // Offline: the accreditations the wallet carried are enough when they verify.
      }
      const own = embedded.filter((a) => isObject(a) && isObject(a.credentialSubject) && a.credentialSubject.id === providerDid);
      return [...own, ...fromSource];
    },
  };
}
