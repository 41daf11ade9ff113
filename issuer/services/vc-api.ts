/**
 * `POST /credentials/issue` (W3C VC API): any well-formed VC 2.0 or VC 1.1 credential whose
 * issuer is the calling provider. The issuer adds id, dates and status entries; JSON-LD
 * safe mode during signing refuses undefined terms and relative IRIs (nothing is signed).
 */
import { AppError } from '../../shared/errors.js';
import { STATUS_LIST_CONTEXT_URL, VC_V1_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../../shared/contexts/index.js';
import { certifiedCompetencies } from '../../shared/verify/checks/accreditation.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import { isoSeconds } from '../../shared/util/dates.js';
import type { Actor, AuditService } from './audit.js';
import type { IssuanceService, IssueResult } from './issuance.js';
import type { ProviderRecord } from './curation.js';

export interface VcApiOptions {
  suite: ProofSuiteName;
  idempotencyKey?: string;
}

type FieldError = { field: string; code: string; message: string };

export class VcApiIssuer {
  constructor(private readonly issuance: IssuanceService, private readonly audit: AuditService) {}

  /** Reads `{credential, options}`; 422 with field errors for anything malformed. */
  static parseRequest(body: unknown): { credential: JsonObject; suite: ProofSuiteName; idempotencyKey?: string } {
    const errors: FieldError[] = [];
    if (!isObject(body)) throw invalid([{ field: '', code: 'FIELD_TYPE', message: 'The body must be an object {credential, options}.' }]);
    for (const k of Object.keys(body)) if (k !== 'credential' && k !== 'options') errors.push({ field: k, code: 'FIELD_UNKNOWN', message: 'Unknown field.' });
    const credential = body.credential;
    if (!isObject(credential)) errors.push({ field: 'credential', code: 'FIELD_REQUIRED', message: 'credential must be an object.' });
    const options = body.options ?? {};
    let suite: ProofSuiteName = 'eddsa-rdfc-2022';
    let idempotencyKey: string | undefined;
    if (!isObject(options)) errors.push({ field: 'options', code: 'FIELD_TYPE', message: 'options must be an object.' });
    else {
      for (const k of Object.keys(options)) {
        if (!['proofType', 'cryptosuite', 'idempotencyKey', 'credentialId'].includes(k)) errors.push({ field: `options.${k}`, code: 'FIELD_UNKNOWN', message: 'Unknown option.' });
      }
      if (options.proofType === 'Ed25519Signature2020') suite = 'Ed25519Signature2020';
      else if (options.proofType !== undefined && options.proofType !== 'DataIntegrityProof') {
        errors.push({ field: 'options.proofType', code: 'FIELD_ENUM', message: 'proofType must be DataIntegrityProof or Ed25519Signature2020.' });
      }
      if (options.cryptosuite !== undefined && (options.cryptosuite !== 'eddsa-rdfc-2022' || suite !== 'eddsa-rdfc-2022')) {
        errors.push({ field: 'options.cryptosuite', code: 'FIELD_ENUM', message: 'Only eddsa-rdfc-2022 is supported (with DataIntegrityProof).' });
      }
      if (options.idempotencyKey !== undefined) {
        if (typeof options.idempotencyKey === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(options.idempotencyKey)) idempotencyKey = options.idempotencyKey;
        else errors.push({ field: 'options.idempotencyKey', code: 'FIELD_FORMAT', message: 'idempotencyKey: 1-128 of A-Z a-z 0-9 . _ : -' });
      }
    }
    if (isObject(credential)) errors.push(...credentialErrors(credential));
    if (errors.length > 0 || !isObject(credential)) throw invalid(errors);
    return { credential, suite, ...(idempotencyKey ? { idempotencyKey } : {}) };
  }

  async issue(provider: ProviderRecord, body: unknown, opts: { actor: Actor; idempotencyKey?: string }): Promise<IssueResult> {
    const req = VcApiIssuer.parseRequest(body);
    const credential = req.credential;
    const issuerId = typeof credential.issuer === 'string' ? credential.issuer : isObject(credential.issuer) ? credential.issuer.id : undefined;
    if (issuerId !== provider.did) {
      throw new AppError('ISSUER_MISMATCH', 'credential.issuer must be the calling provider’s DID.', { status: 403, details: { expected: provider.did } });
    }
    const idempotencyKey = opts.idempotencyKey ?? req.idempotencyKey;
    const payloadHash = this.audit.payloadHash(body);
    const v1 = contextsOf(credential)[0] === VC_V1_CONTEXT_URL;
    return this.issuance.issue({
      providerId: provider.id,
      actor: opts.actor,
      kind: 'vc-api',
      competencies: certifiedCompetencies(credential),
      suite: req.suite,
      withOffer: true,
      payloadHash,
      ...(idempotencyKey ? { idempotency: { key: idempotencyKey, requestHash: payloadHash } } : {}),
      build: ({ id, credentialStatus, validFrom }) => {
        const out = structuredClone(credential);
        out.id = typeof credential.id === 'string' ? credential.id : id;
        out.credentialStatus = credentialStatus;
        if (v1) {
          // VC 1.1 has no BitstringStatusListEntry term of its own: add the status context.
          const ctx = contextsOf(out);
          if (!ctx.includes(STATUS_LIST_CONTEXT_URL)) out['@context'] = [...ctx, STATUS_LIST_CONTEXT_URL];
          out.issuanceDate ??= isoSeconds(validFrom);
        } else {
          out.validFrom ??= isoSeconds(validFrom);
        }
        return out;
      },
    });
  }
}

function credentialErrors(c: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const ctx = contextsOf(c);
  if (ctx[0] !== VC_V2_CONTEXT_URL && ctx[0] !== VC_V1_CONTEXT_URL) {
    errors.push({ field: 'credential.@context', code: 'CONTEXT_FIRST', message: 'The first context must be the VC 2.0 or VC 1.1 context.' });
  }
  if (ctx.some((x) => typeof x !== 'string')) errors.push({ field: 'credential.@context', code: 'CONTEXT_INLINE', message: 'Only context URLs are accepted.' });
  const types = Array.isArray(c.type) ? c.type : [c.type];
  if (!types.includes('VerifiableCredential')) errors.push({ field: 'credential.type', code: 'TYPE_MISSING', message: 'type must include VerifiableCredential.' });
  if (!isObject(c.credentialSubject) && !(Array.isArray(c.credentialSubject) && c.credentialSubject.length > 0 && c.credentialSubject.every(isObject))) {
    errors.push({ field: 'credential.credentialSubject', code: 'FIELD_REQUIRED', message: 'credentialSubject must be an object.' });
  }
  if (c.issuer === undefined) errors.push({ field: 'credential.issuer', code: 'FIELD_REQUIRED', message: 'issuer is required.' });
  if (c.proof !== undefined) errors.push({ field: 'credential.proof', code: 'FIELD_FORBIDDEN', message: 'Send the credential without a proof.' });
  if (c.credentialStatus !== undefined) errors.push({ field: 'credential.credentialStatus', code: 'FIELD_FORBIDDEN', message: 'The issuer assigns status entries itself.' });
  if (c.id !== undefined && (typeof c.id !== 'string' || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(c.id))) {
    errors.push({ field: 'credential.id', code: 'FIELD_FORMAT', message: 'id must be an absolute IRI.' });
  }
  return errors;
}

function contextsOf(c: Record<string, unknown>): unknown[] {
  const ctx = c['@context'];
  return Array.isArray(ctx) ? ctx : [ctx];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(errors: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', 'The credential request has errors.', { status: 422, details: errors });
}
