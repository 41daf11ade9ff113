/**
 * `POST /credentials/issue` (W3C VC API): any well-formed VC 2.0 or VC 1.1 credential whose
 * issuer is the calling provider. The issuer adds id, dates and status entries (always:
 * `options.credentialStatus: {type: 'BitstringStatusListEntry'}` is accepted and changes
 * nothing). The request's shape is checked first (422 naming each field, including a
 * malformed `issuer`), then who may issue it (403 ISSUER_MISMATCH), then, on the finished
 * credential, the rules every issuance endpoint shares (credential-rules.ts).
 */
import { AppError } from '../../shared/errors.js';
import { STATUS_LIST_CONTEXT_URL, VC_V1_CONTEXT_URL } from '../../shared/contexts/index.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import { isoSeconds } from '../../shared/util/dates.js';
import type { Actor, AuditService } from './audit.js';
import { credentialRuleErrors, invalidCredential } from './credential-rules.js';
import type { FieldError } from './credential-rules.js';
import type { IssuanceService, IssueResult } from './issuance.js';
import type { ProviderRecord } from './curation.js';

export interface VcApiOptions {
  suite: ProofSuiteName;
  idempotencyKey?: string;
}

/** The VC API's way to ask for status; this issuer always adds both of its entries. */
const STATUS_OPTION_TYPES = ['BitstringStatusListEntry'];

export class VcApiIssuer {
  constructor(private readonly issuance: IssuanceService, private readonly audit: AuditService) {}

  /** Reads `{credential, options}`; 422 with field errors for anything malformed. */
  static parseRequest(body: unknown): { credential: JsonObject; suite: ProofSuiteName; idempotencyKey?: string } {
    const errors: FieldError[] = [];
    if (!isObject(body)) throw invalidCredential([{ field: '', code: 'FIELD_TYPE', message: 'The body must be an object {credential, options}.' }]);
    for (const k of Object.keys(body)) if (k !== 'credential' && k !== 'options') errors.push({ field: k, code: 'FIELD_UNKNOWN', message: 'Unknown field.' });
    const credential = body.credential;
    if (!isObject(credential)) errors.push({ field: 'credential', code: 'FIELD_REQUIRED', message: 'credential must be an object.' });
    const options = body.options ?? {};
    let suite: ProofSuiteName = 'eddsa-rdfc-2022';
    let idempotencyKey: string | undefined;
    if (!isObject(options)) errors.push({ field: 'options', code: 'FIELD_TYPE', message: 'options must be an object.' });
    else {
      for (const k of Object.keys(options)) {
        if (!['proofType', 'cryptosuite', 'idempotencyKey', 'credentialId', 'credentialStatus'].includes(k)) errors.push({ field: `options.${k}`, code: 'FIELD_UNKNOWN', message: 'Unknown option.' });
      }
      if (options.credentialStatus !== undefined) {
        const cs = options.credentialStatus;
        if (!isObject(cs) || typeof cs.type !== 'string') {
          errors.push({ field: 'options.credentialStatus', code: 'FIELD_TYPE', message: 'options.credentialStatus must be an object {type: "BitstringStatusListEntry"}.' });
        } else if (!STATUS_OPTION_TYPES.includes(cs.type)) {
          errors.push({ field: 'options.credentialStatus.type', code: 'STATUS_TYPE_UNSUPPORTED', message: 'This issuer only supports credentialStatus type BitstringStatusListEntry (revocation and suspension entries are always added).' });
        } else {
          for (const k of Object.keys(cs)) if (k !== 'type') errors.push({ field: `options.credentialStatus.${k}`, code: 'FIELD_UNKNOWN', message: 'Only type is accepted; the issuer chooses lists and indexes.' });
        }
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
    if (errors.length > 0 || !isObject(credential)) throw invalidCredential(errors);
    return { credential, suite, ...(idempotencyKey ? { idempotencyKey } : {}) };
  }

  async issue(provider: ProviderRecord, body: unknown, opts: { actor: Actor; idempotencyKey?: string }): Promise<IssueResult> {
    const req = VcApiIssuer.parseRequest(body);
    const credential = req.credential;
    // parseRequest has checked the shape: issuer is a URL or {id: URL}.
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
  // Context allow-list, issuer shape, subject, dates, typed entries, JP, competencies.
  const errors: FieldError[] = [...credentialRuleErrors(c).errors];
  const types = Array.isArray(c.type) ? c.type : [c.type];
  if (!types.includes('VerifiableCredential')) errors.push({ field: 'credential.type', code: 'TYPE_MISSING', message: 'type must include VerifiableCredential.' });
  if (c.proof !== undefined) errors.push({ field: 'credential.proof', code: 'FIELD_FORBIDDEN', message: 'Send the credential without a proof.' });
  if (c.credentialStatus !== undefined) {
    errors.push({
      field: 'credential.credentialStatus',
      code: 'CREDENTIAL_STATUS_FORBIDDEN',
      message: 'The issuer assigns status entries itself: remove credential.credentialStatus (to ask for status, send options.credentialStatus {type: "BitstringStatusListEntry"}).',
    });
  }
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
