import { AppError } from '../errors.js';
import { buildDidDocument, findVerificationMethod } from '../keys/did.js';
import type { DocumentLoader } from '../loader/document-loader.js';
import { MULTIKEY_CONTEXT_URL } from '../contexts/index.js';
import { checkAccreditation } from './checks/accreditation.js';
import { checkContexts } from './checks/contexts.js';
import { checkProofs } from './checks/proof.js';
import { failed, notChecked, result } from './checks/result.js';
import { checkSignerKey } from './checks/signer-key.js';
import { checkStatus } from './checks/status.js';
import { checkTerms } from './checks/terms.js';
import { checkValidityPeriod } from './checks/validity.js';
import { checkCredentialShape } from './checks/well-formed.js';
import { idOf, isObject } from './document.js';
import type { Json } from './document.js';
import { CREDENTIAL_CHECKS, RECOGNITION_CHECKS } from './types.js';
import type { CheckResult, CredentialCheckId, CredentialVerification, TrustAnchor, VerifyOptions } from './types.js';
import { summarize } from './summarize.js';

const DEFAULT_MAX_STATUS_AGE = 24 * 3600;

interface Scope {
  status: boolean;
  accreditation: boolean;
  /** Which keys the crypto checks ran against (cache namespace): 'loader' or the pinned anchor. */
  trust: string;
  /**
   * When the validity period is judged (default: now). An accreditation is judged at the
   * learning credential's validFrom: "accredited when it issued" outlives the accreditation.
   */
  validityAt?: Date;
}

/**
 * Verifies a credential and reports every check in a fixed order. Never throws: a
 * failure is a result. `verified` is true only when every check is `ok`. Checks that
 * need the network (status, accreditation) run only after the signature holds, and a
 * forged credential reports the forgery even when it is also expired.
 */
export async function verifyCredential(input: unknown, opts: VerifyOptions): Promise<CredentialVerification> {
  return verifyWithScope(input, opts, { status: true, accreditation: true, trust: 'loader' });
}

async function verifyWithScope(input: unknown, opts: VerifyOptions, scope: Scope): Promise<CredentialVerification> {
  const checks: Array<CheckResult<CredentialCheckId>> = [];
  const read: { document?: Json } = {};
  try {
    await runChecks(input, opts, scope, checks, read);
  } catch (e) {
    // A bug or library failure must still produce a "not verified" answer.
    const done = new Set(checks.map((c) => c.id));
    const next = CREDENTIAL_CHECKS.find((c) => !done.has(c));
    if (next) checks.push(failed(next, 'INTERNAL_ERROR', { reason: e instanceof Error ? e.message.slice(0, 200) : 'error' }));
  }
  fillNotChecked(checks);
  const outcome = summarize(checks.filter((c) => !RECOGNITION_CHECKS.includes(c.id)));
  const recognitionOutcome = summarize(checks.filter((c) => RECOGNITION_CHECKS.includes(c.id)));
  const recognised = outcome.verified && recognitionOutcome.verified;
  const recognitionError = !outcome.verified ? outcome.error : recognitionOutcome.error;
  // Only what the proof covers names the issuer; before that, the input's claim (for display of a failure).
  const source = read.document ?? (typeof input === 'object' && input !== null ? input as Json : undefined);
  const vcIssuer = source ? idOf(source.issuer) : undefined;
  const accreditation = checks.find((c) => c.id === 'accreditation');
  return {
    ...outcome,
    checks,
    recognition: { recognised, ...(!recognised && recognitionError ? { error: recognitionError } : {}) },
    ...(read.document ? { document: read.document } : {}),
    ...(vcIssuer ? {
      issuer: {
        id: vcIssuer,
        ...(typeof accreditation?.details?.providerName === 'string' ? { name: accreditation.details.providerName } : {}),
        ...(typeof accreditation?.details?.grade === 'string' ? { accreditationGrade: accreditation.details.grade } : {}),
      },
    } : {}),
  };
}

async function runChecks(
  input: unknown,
  opts: VerifyOptions,
  scope: Scope,
  checks: Array<CheckResult<CredentialCheckId>>,
  read: { document?: Json },
): Promise<void> {
  const shape = checkCredentialShape(input);
  checks.push(shape);
  if (shape.status !== 'ok') return;
  const written = input as Json;
  const contexts = checkContexts(written);
  checks.push(contexts);
  if (contexts.status !== 'ok') return;
  let vc: Json;
  const cached = opts.cache?.get(written, opts.now, scope.trust);
  if (cached) {
    checks.push(...cached.checks);
    vc = cached.document;
  } else {
    const terms = await checkTerms(written, opts.documentLoader);
    checks.push(terms.check);
    if (!terms.document) return;
    // From here on every check reads the compact form the proof covers, never the input.
    vc = terms.document;
    const key = await checkSignerKey('issuerKey', vc, idOf(vc.issuer), 'assertionMethod', opts.documentLoader);
    checks.push(key);
    checks.push(key.status === 'ok' ? await checkProofs(written, 'assertionMethod', opts.documentLoader) : notChecked('proof' as const));
    // Only successes are cached: a failure is cheap to find again and may be transient.
    const crypto = checks.filter((c) => c.id === 'terms' || c.id === 'issuerKey' || c.id === 'proof');
    if (crypto.every((c) => c.status === 'ok')) opts.cache?.set(written, opts.now, scope.trust, { checks: crypto, document: vc });
  }
  const issuerKey = checks.find((c) => c.id === 'issuerKey')!;
  const proof = checks.find((c) => c.id === 'proof')!;
  checks.push(checkValidityPeriod(vc, opts.now, opts.clockSkewSeconds ?? 300, scope.validityAt ?? opts.now));
  if (issuerKey.status !== 'ok' || proof.status !== 'ok') return;
  read.document = vc;

  if (scope.status) {
    checks.push(await checkStatus(vc, {
      now: opts.now,
      ...(opts.fetchStatusList ? { fetchStatusList: opts.fetchStatusList } : {}),
      maxStatusAgeSeconds: opts.maxStatusAgeSeconds ?? DEFAULT_MAX_STATUS_AGE,
      verifyListCredential: async (list) => outcomeOf(await verifyWithScope(list, opts, { status: false, accreditation: false, trust: scope.trust })),
    }));
  } else {
    checks.push(result('status', 'ok', 'STATUS_NOT_CHECKABLE', { skipped: true }));
  }

  if (scope.accreditation) {
    const anchor = opts.accreditation?.trustAnchor;
    checks.push(await checkAccreditation(vc, {
      ...(opts.accreditation ? { accreditation: opts.accreditation } : {}),
      verifyAccreditationCredential: async (acc, issuedAt) => {
        if (!anchor || !isObject(acc) || idOf(acc.issuer) !== anchor.did) return { verified: false, code: 'NOT_FROM_TRUST_ANCHOR' };
        // The anchor's key is pinned by configuration: never taken from the network.
        const pinned = { ...opts, documentLoader: pinTrustAnchor(opts.documentLoader, anchor) };
        return outcomeOf(await verifyWithScope(acc, pinned, {
          status: true, accreditation: false, trust: `pinned:${anchor.did}#${anchor.publicKeyMultibase}`, validityAt: issuedAt,
        }));
      },
    }));
  } else {
    checks.push(result('accreditation', 'ok', 'ACCREDITATION_NOT_APPLICABLE', { skipped: true }));
  }
}

function fillNotChecked(checks: Array<CheckResult<CredentialCheckId>>): void {
  const have = new Set(checks.map((c) => c.id));
  for (const id of CREDENTIAL_CHECKS) if (!have.has(id)) checks.push(notChecked(id));
  checks.sort((a, b) => CREDENTIAL_CHECKS.indexOf(a.id) - CREDENTIAL_CHECKS.indexOf(b.id));
}

/** What a nested verification (status list, accreditation) tells the check that asked for it. */
export interface NestedOutcome {
  verified: boolean;
  code?: string;
  /** Which check failed first (e.g. `status`, `validity`), when not verified. */
  check?: string;
  /** The signed document's read form, once its signature held. */
  document?: Json;
}

function outcomeOf(v: CredentialVerification): NestedOutcome {
  return {
    verified: v.verified,
    ...(!v.verified && v.error ? { code: v.error.code, check: v.error.check } : {}),
    ...(v.document ? { document: v.document } : {}),
  };
}

/** A loader in which the trust anchor's DID resolves only to the configured key. */
export function pinTrustAnchor(loader: DocumentLoader, anchor: TrustAnchor): DocumentLoader {
  const doc = buildDidDocument(anchor.did, [{ publicKeyMultibase: anchor.publicKeyMultibase }]);
  return async (url) => {
    const [did] = url.split('#', 1);
    if (did !== anchor.did) return loader(url);
    if (url === did) return { contextUrl: null, documentUrl: url, document: doc };
    const vm = findVerificationMethod(doc, url);
    if (!vm) throw new AppError('VERIFICATION_METHOD_NOT_FOUND', `${url} is not the configured trust anchor key.`);
    return { contextUrl: null, documentUrl: url, document: { '@context': MULTIKEY_CONTEXT_URL, ...vm } };
  };
}
