/**
 * The OpenAPI 3.1 description of every issuer route, served at /openapi.json and /docs.
 * Kept next to the routes by hand; a test checks every mounted route appears here.
 */
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const err = (description: string) => ({ description, ...json(ref('Error')) });
const ok = (description: string, schema: object = { type: 'object' }) => ({ description, ...json(schema) });
const id = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const admin = [{ adminToken: [] }];
const provider = [{ apiKey: [] }];
const common = { '401': err('Tidak terautentikasi / Unauthenticated'), '403': err('Tidak berwenang / Forbidden'), '429': err('Rate limit; see Retry-After') };

export function buildOpenApi(publicUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'ASN Kredensial — Layanan Penerbit / Issuer service',
      version: '0.1.0',
      description:
        'Kurasi penyedia pelatihan, penerbitan kredensial, daftar status, dan tawaran klaim. / Curation of training providers, issuance, status lists and claim offers. ' +
        'Errors: `{code, message (English), messageId (Indonesian), details?}`.',
    },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'LAN admin token (ISSUER_ADMIN_TOKEN)' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'Provider API key `ik_<id>_<secret>`' },
      },
      schemas: {
        Error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, messageId: { type: 'string' }, details: {} } },
        Scope: { type: 'object', properties: { competencyTypes: { type: 'array', items: { enum: ['teknis', 'manajerial', 'sosial-kultural', 'pemerintahan'] } }, competencyCodes: { type: 'array', items: { type: 'string' } } } },
        ProviderInput: {
          type: 'object',
          required: ['name', 'legalIdentifier', 'contact', 'scope', 'grade', 'validFrom', 'validUntil'],
          properties: {
            id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{2,40}$' },
            name: { type: 'string' },
            legalName: { type: 'string' },
            legalIdentifier: { type: 'string' },
            contact: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' } } },
            url: { type: 'string', format: 'uri' },
            scope: ref('Scope'),
            grade: { type: 'string', example: 'A' },
            validFrom: { type: 'string', format: 'date-time' },
            validUntil: { type: 'string', format: 'date-time' },
          },
        },
        IssuanceCounts: { type: 'object', properties: { issued: { type: 'integer' }, claimed: { type: 'integer' }, revoked: { type: 'integer' }, suspended: { type: 'integer' } } },
        IssuanceStats: {
          type: 'object', required: ['generatedAt', 'totals', 'byProvider', 'byMonth'],
          properties: {
            year: { type: 'integer' }, generatedAt: { type: 'string', format: 'date-time' }, totals: ref('IssuanceCounts'),
            byProvider: { type: 'array', items: { allOf: [ref('IssuanceCounts'), { type: 'object', properties: { providerId: { type: 'string' }, name: { type: 'string' } } }] } },
            byMonth: { type: 'array', items: { allOf: [ref('IssuanceCounts'), { type: 'object', properties: { month: { type: 'string', example: '2026-05' } } }] } },
          },
        },
        Provider: { type: 'object', description: 'Provider record: id, did, name, scope, grade, validity, status (active | suspended | withdrawn), accreditationIds.' },
        LearningInput: {
          type: 'object',
          description: 'Learner fields (shared model `LearningInput`): learner{name,nip,nipKind?,email?}, course{id?,name{id,en?},description{id,en?},criteria?}, competency{type,code,level,name?}, jp, learningMode, learningPath, startDate, endDate, validUntil?, result{score?,grade?,passed?}?, evidenceUrl?',
          required: ['learner', 'course', 'competency', 'jp', 'learningMode', 'learningPath', 'startDate', 'endDate'],
        },
        IssueRequest: {
          type: 'object',
          required: ['credential'],
          properties: {
            credential: {
              type: 'object',
              description: 'VC 2.0 or 1.1 credential without proof or credentialStatus (credentialStatus → 422 CREDENTIAL_STATUS_FORBIDDEN); issuer = your provider DID (a malformed issuer is 422, another issuer 403 ISSUER_MISMATCH). Checked before signing, as on every issuance endpoint: bundled context URLs only (no inline or nested context, no @vocab), every term defined, plain compact keys (KEY_NOT_A_TERM), non-empty credentialSubject, dateTimeStamp dates, typed credentialSchema/refreshService/termsOfUse/evidence, credentialSchema.id, relatedResource {id, digestSRI|digestMultibase} with unique ids, JP (creditsAvailable/creditsEarned) > 0 and ≤ 1000 with 2 decimals, competencyType one string of the ASN types inside the accredited scope.',
            },
            options: {
              type: 'object',
              properties: {
                proofType: { enum: ['DataIntegrityProof', 'Ed25519Signature2020'] },
                cryptosuite: { enum: ['eddsa-rdfc-2022'] },
                idempotencyKey: { type: 'string' },
                credentialStatus: {
                  type: 'object',
                  description: 'VC API status request. Only {type: "BitstringStatusListEntry"}; the issuer always adds its revocation and suspension entries, so this changes nothing. Other types: 422 STATUS_TYPE_UNSUPPORTED.',
                  properties: { type: { enum: ['BitstringStatusListEntry'] } },
                },
              },
            },
          },
        },
        IssueResponse: {
          type: 'object',
          properties: {
            verifiableCredential: { type: 'object' },
            credentialRecord: { type: 'string' },
            claimOffer: { type: 'object', properties: { url: { type: 'string' }, exchangeUrl: { type: 'string' }, qr: { type: 'string' }, lcwDeepLink: { type: 'string', description: 'The same exchange for the DCC Learner Credential Wallet (dccrequest://request?request=…)' }, expiresAt: { type: 'string' } } },
            certificate: { type: 'object', properties: { pdf: { type: 'string' }, verificationUrl: { type: 'string' } } },
          },
        },
        StatusRequest: {
          type: 'object',
          required: ['credentialId', 'credentialStatus'],
          properties: { credentialId: { type: 'string' }, credentialStatus: { type: 'array', items: { type: 'object', properties: { type: { const: 'BitstringStatusListCredential' }, status: { enum: ['revoked', 'suspended', 'active'] } } } }, reason: { type: 'string', maxLength: 500, description: 'why; kept in the audit log and the credential history' } },
        },
        BatchJob: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            state: { enum: ['queued', 'running', 'completed', 'failed'], description: 'failed: ended with rows that could not be opened (ROWS_UNREADABLE) or an internal error' },
            total: { type: 'integer' }, done: { type: 'integer' }, failed: { type: 'integer' }, pending: { type: 'integer' },
            failedReason: { enum: ['ROWS_UNREADABLE', 'INTERNAL_ERROR'] },
            unreadable: { type: 'integer', description: 'rows that could not be opened (failed with ROW_UNREADABLE)' },
          },
        },
      },
    },
    paths: {
      '/.well-known/did.json': { get: { tags: ['public'], summary: 'DID document of LAN (root key)', responses: { '200': ok('did:web document') } } },
      '/providers/{providerId}/did.json': { get: { tags: ['public'], summary: 'DID document of a provider (active and retired keys)', parameters: [id('providerId', 'provider id')], responses: { '200': ok('did:web document'), '404': err('Unknown provider') } } },
      '/status/{owner}/{purpose}/{listNo}': {
        get: {
          tags: ['public'],
          summary: 'Signed BitstringStatusListCredential (Cache-Control, ETag)',
          parameters: [id('owner', '`lan` or a provider id'), id('purpose', 'revocation | suspension'), id('listNo', 'list number, from 1')],
          responses: { '200': ok('status list credential'), '304': { description: 'Not modified' }, '404': err('No such list') },
        },
      },
      '/registry': { get: { tags: ['public'], summary: 'Current accreditation credentials signed by LAN (Cache-Control, ETag)', responses: { '200': ok('registry') } } },
      '/ns/asn/v1': { get: { tags: ['public'], summary: 'The ASN JSON-LD context v1', responses: { '200': ok('context') } } },
      '/claims/{offerId}': {
        get: { tags: ['claim'], summary: 'Claim offer: DIDAuthentication request with challenge and domain', parameters: [id('offerId', 'offer id')], responses: { '200': ok('offer'), '404': err('Unknown offer'), '410': err('Offer used, expired or superseded by a renewed offer') } },
        post: {
          tags: ['claim'],
          summary: 'VC API exchange: `{}` starts it (200, the DIDAuthentication request, as GET); a presentation signed by the wallet did:key over the challenge → 201 bound credential + accreditation',
          parameters: [id('offerId', 'offer id')],
          requestBody: json({ type: 'object', properties: { verifiablePresentation: { type: 'object' } } }),
          responses: { '200': ok('verifiablePresentationRequest (for `{}`)'), '201': ok('bound credential'), '401': err('DID authentication failed'), '410': err('Offer used, expired or superseded by a renewed offer') },
        },
      },
      '/claims/{offerId}/qr.png': { get: { tags: ['claim'], summary: 'QR code of the claim link', parameters: [id('offerId', 'offer id')], responses: { '200': { description: 'PNG', content: { 'image/png': {} } } } } },
      '/certificates/{token}': {
        get: { tags: ['public'], summary: 'The printed credential, by the token in the certificate QR, when it carries no hashed NIP', parameters: [id('token', 'certificate token')], responses: { '200': ok('credential'), '401': err('CERTIFICATE_NIP_REQUIRED: POST {nip}'), '404': err('Unknown') } },
        post: {
          tags: ['public'],
          summary: 'The printed credential for a caller who knows the holder’s NIP (5 wrong NIPs per 24 h, then 429)',
          parameters: [id('token', 'certificate token')],
          requestBody: json({ type: 'object', required: ['nip'], properties: { nip: { type: 'string', description: '18 digits (spaces allowed)' } } }),
          responses: { '200': ok('credential'), '400': err('NIP_INVALID'), '403': err('CERTIFICATE_NIP_MISMATCH'), '404': err('Unknown'), '422': err('Body is not {nip}'), '429': err('CERTIFICATE_LOCKED (Retry-After)') },
        },
      },
      '/holder/certificate.pdf': {
        post: {
          tags: ['holder'],
          summary: 'Certificate PDF of a credential the wallet holds (CORS; no key): the signed credential bound to the holder is the proof',
          requestBody: json({ type: 'object', required: ['verifiableCredential'], properties: { verifiableCredential: { type: 'object' } } }),
          responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, '404': err('CERTIFICATE_NOT_FOUND'), '410': err('CREDENTIAL_REVOKED'), '422': err('VALIDATION_FAILED (body is not {verifiableCredential}), HOLDER_CREDENTIAL_INVALID'), '429': err('Rate limit; see Retry-After') },
        },
      },
      '/health': { get: { tags: ['public'], summary: 'Liveness', responses: { '200': ok('ok') } } },
      '/openapi.json': { get: { tags: ['public'], summary: 'This document', responses: { '200': ok('OpenAPI') } } },
      '/docs': { get: { tags: ['public'], summary: 'Interactive docs', responses: { '200': { description: 'HTML' } } } },
      '/admin/providers': {
        post: { tags: ['admin'], security: admin, summary: 'Register a provider: key, DID document, accreditation', requestBody: json(ref('ProviderInput')), responses: { '201': ok('provider', ref('Provider')), '409': err('Exists'), '422': err('Invalid'), ...common } },
        get: { tags: ['admin'], security: admin, summary: 'List providers', responses: { '200': ok('providers'), ...common } },
      },
      '/admin/providers/{providerId}': { get: { tags: ['admin'], security: admin, summary: 'One provider with its keys', parameters: [id('providerId', 'provider id')], responses: { '200': ok('provider', ref('Provider')), ...common } } },
      '/admin/providers/{providerId}/scope': {
        patch: {
          tags: ['admin'],
          security: admin,
          summary: 'Change scope, grade or validity (re-accredits; older credentials stay covered)',
          parameters: [id('providerId', 'provider id')],
          requestBody: json({ type: 'object', properties: { scope: ref('Scope'), grade: { type: 'string' }, validUntil: { type: 'string', format: 'date-time' } } }),
          responses: { '200': ok('provider', ref('Provider')), '422': err('Invalid'), ...common },
        },
      },
      '/admin/providers/{providerId}/suspend': { post: { tags: ['admin'], security: admin, summary: 'Suspend (sets the accreditation suspension bit)', parameters: [id('providerId', 'provider id')], responses: { '200': ok('provider'), ...common } } },
      '/admin/providers/{providerId}/reinstate': { post: { tags: ['admin'], security: admin, summary: 'Lift a suspension', parameters: [id('providerId', 'provider id')], responses: { '200': ok('provider'), ...common } } },
      '/admin/providers/{providerId}/withdraw': { post: { tags: ['admin'], security: admin, summary: 'Withdraw (revokes accreditations; final)', parameters: [id('providerId', 'provider id')], responses: { '200': ok('provider'), ...common } } },
      '/admin/providers/{providerId}/keys': { get: { tags: ['admin'], security: admin, summary: 'Provider signing keys', parameters: [id('providerId', 'provider id')], responses: { '200': ok('keys'), ...common } } },
      '/admin/providers/{providerId}/keys/rotate': { post: { tags: ['admin'], security: admin, summary: 'Rotate the provider key (old keys stay listed)', parameters: [id('providerId', 'provider id')], responses: { '201': ok('new key'), ...common } } },
      '/admin/providers/{providerId}/keys/{keyId}/compromised': {
        post: { tags: ['admin'], security: admin, summary: 'Remove a retired key from the DID document (compromise)', parameters: [id('providerId', 'provider id'), id('keyId', 'key-N')], responses: { '200': ok('keys'), ...common } },
      },
      '/admin/keys/rotate': { post: { tags: ['admin'], security: admin, summary: 'Rotate LAN’s root key', responses: { '201': ok('new key'), ...common } } },
      '/admin/stats/issuance': {
        get: {
          tags: ['admin'], security: admin,
          summary: 'Issuance aggregates for LAN: issued, claimed, revoked, suspended per provider and month of issuance (no learner data)',
          parameters: [{ name: 'year', in: 'query', description: 'Calendar year of issuance (UTC); all years when absent', schema: { type: 'integer' } }],
          responses: { '200': ok('aggregates', ref('IssuanceStats')), '400': err('REQUEST_INVALID: year is not four digits'), ...common },
        },
      },
      '/admin/audit': { get: { tags: ['admin'], security: admin, summary: 'Audit log (no keys, no NIP)', parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }], responses: { '200': ok('entries'), ...common } } },
      '/providers/{providerId}/api-keys': {
        post: { tags: ['api keys'], security: [...admin, ...provider], summary: 'Create an API key (LAN admin or the provider admin key); token shown once', parameters: [id('providerId', 'provider id')], requestBody: json({ type: 'object', properties: { role: { enum: ['issuer', 'admin'] }, label: { type: 'string' } } }), responses: { '201': ok('token and key'), ...common } },
        get: { tags: ['api keys'], security: [...admin, ...provider], summary: 'List API keys (no secrets)', parameters: [id('providerId', 'provider id')], responses: { '200': ok('keys'), ...common } },
      },
      '/providers/{providerId}/api-keys/{keyId}/revoke': { post: { tags: ['api keys'], security: [...admin, ...provider], summary: 'Revoke an API key', parameters: [id('providerId', 'provider id'), id('keyId', 'key id')], responses: { '200': ok('key'), ...common } } },
      '/providers/{providerId}/certificate-branding': { get: { tags: ['branding'], security: [...admin, ...provider], summary: 'What the provider’s certificates carry: {signatoryName, signatoryTitle, logo: {type, width, height} | null} (LAN admin or that provider’s admin key)', parameters: [id('providerId', 'provider id')], responses: { '200': ok('branding'), '404': err('Unknown provider'), ...common } } },
      '/providers/{providerId}/certificate-logo': {
        put: {
          tags: ['branding'],
          security: [...admin, ...provider],
          summary: 'Upload the certificate logo as the raw body (PNG or JPEG, ≤ 256 KB, 16–2,000 px a side; the type is read from the bytes); audited provider.brandingUpdated',
          parameters: [id('providerId', 'provider id')],
          requestBody: { content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } },
          responses: { '200': ok('{logo: {type, width, height}}'), '404': err('Unknown provider'), '413': err('LOGO_TOO_LARGE, BODY_TOO_LARGE'), '415': err('LOGO_TYPE'), '422': err('LOGO_DIMENSIONS, LOGO_INVALID'), ...common },
        },
      },
      '/providers/{providerId}/certificate-signatory': {
        put: {
          tags: ['branding'],
          security: [...admin, ...provider],
          summary: 'Set the signatory printed on the certificates; audited provider.brandingUpdated',
          parameters: [id('providerId', 'provider id')],
          requestBody: json({ type: 'object', required: ['signatoryName', 'signatoryTitle'], properties: { signatoryName: { type: 'string' }, signatoryTitle: { type: 'string' } } }),
          responses: { '200': ok('{signatoryName, signatoryTitle}'), '404': err('Unknown provider'), '422': err('VALIDATION_FAILED'), ...common },
        },
      },
      '/credentials/issue': {
        post: {
          tags: ['issuance'],
          security: provider,
          summary: 'W3C VC API issue: {credential, options} → {verifiableCredential}',
          parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
          requestBody: json(ref('IssueRequest')),
          responses: { '201': ok('issued', ref('IssueResponse')), '400': err('Malformed JSON'), '409': err('Idempotency key reused'), '413': err('Too large'), '415': err('Not JSON'), '422': err('VALIDATION_FAILED: details lists {field, code, message} for every rule broken'), '503': err('Signing key unavailable'), ...common, '403': err('ISSUER_MISMATCH, OUTSIDE_ACCREDITED_SCOPE, NOT_ACCREDITED_NOW, PROVIDER_SUSPENDED') },
        },
      },
      '/learning-credentials': {
        post: {
          tags: ['issuance'],
          security: provider,
          summary: 'Issue from learner fields (built with the shared model)',
          parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }, { name: 'proofType', in: 'query', schema: { enum: ['DataIntegrityProof', 'Ed25519Signature2020'] } }],
          requestBody: json(ref('LearningInput')),
          responses: { '201': ok('issued', ref('IssueResponse')), '422': err('Field errors'), '503': err('Signing key unavailable'), ...common },
        },
      },
      '/credentials/status': { post: { tags: ['status'], security: provider, summary: 'Revoke, suspend or reinstate (status: revoked | suspended | active)', requestBody: json(ref('StatusRequest')), responses: { '200': ok('state'), '404': err('Unknown credential'), '409': err('Already revoked'), ...common } } },
      '/credentials': { get: { tags: ['issuance'], security: provider, summary: 'Everything this provider issued (single and cohort), newest first: {items: [{key, credentialId, name, maskedNip, courseName, courseCode, startDate, endDate, batch, issuedAt, status, claimed}], next?}', parameters: [{ name: 'q', in: 'query', schema: { type: 'string' }, description: 'words that must all appear in the learner name, course name, course code or credential id' }, { name: 'status', in: 'query', schema: { enum: ['active', 'suspended', 'revoked'] } }, { name: 'claimed', in: 'query', schema: { enum: ['yes', 'no'] } }, { name: 'cohort', in: 'query', schema: { type: 'string' }, description: 'cohort (batch) id' }, { name: 'from', in: 'query', schema: { type: 'string' }, description: 'issue date (WIB) from, YYYY-MM-DD' }, { name: 'to', in: 'query', schema: { type: 'string' }, description: 'issue date (WIB) to, YYYY-MM-DD' }, { name: 'after', in: 'query', schema: { type: 'string' }, description: 'the `next` of the previous page' }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } }], responses: { '200': ok('page'), '400': err('REQUEST_INVALID, LIST_CURSOR_INVALID'), ...common } } },
      '/credentials/{key}/history': { get: { tags: ['issuance'], security: provider, summary: 'Issued, claimed and each status change with its reason, oldest first', parameters: [id('key', 'credential UUID')], responses: { '200': ok('events'), '404': err('Unknown'), ...common } } },
      '/credentials/{key}': { get: { tags: ['issuance'], security: provider, summary: 'One issued credential with its state, claim offer and certificate links', parameters: [id('key', 'credential UUID')], responses: { '200': ok('record'), '404': err('Unknown'), ...common } } },
      '/credentials/{key}/claim-offer': {
        post: {
          tags: ['issuance'],
          security: provider,
          summary: 'Renew the claim offer of an unclaimed credential: new one-time link (fresh challenge, full lifetime); the previous link stops working (410 OFFER_SUPERSEDED)',
          parameters: [id('key', 'credential UUID')],
          responses: {
            '201': ok('new claim offer', { type: 'object', properties: { claimOffer: { type: 'object', properties: { url: { type: 'string' }, exchangeUrl: { type: 'string' }, qr: { type: 'string' }, lcwDeepLink: { type: 'string' }, expiresAt: { type: 'string' } } } } }),
            '404': err('Unknown credential (or another provider’s)'),
            '409': err('CREDENTIAL_REVOKED, or OFFER_USED: already claimed by a wallet (the bound copy exists)'),
            '422': err('CREDENTIAL_NOT_BINDABLE: names a holder already or has several subjects'),
            ...common,
          },
        },
      },
      '/credentials/{key}/certificate.pdf': { get: { tags: ['issuance'], security: provider, summary: 'Printable certificate (PDF) with a verification QR; NIP masked', parameters: [id('key', 'credential UUID')], responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, ...common } } },
      '/credentials/{key}/send-claim-link': { post: { tags: ['issuance'], security: provider, summary: 'Email this credential’s claim link to the learner’s address given at issuance (SMTP_URL): {credentialId, state: sent | failed | skipped, at, reason?}; skipped reasons NO_EMAIL, CLAIMED, REVOKED, NO_OFFER, OFFER_EXPIRED; failed SMTP_<code>', parameters: [id('key', 'credential UUID')], responses: { '200': ok('outcome'), '404': err('Unknown credential (or another provider’s)'), '409': err('EMAIL_NOT_CONFIGURED: no SMTP_URL'), ...common } } },
      '/batches': {
        post: {
          tags: ['batches'],
          security: provider,
          summary: 'Cohort of up to 100,000 learners (JSON array or CSV) → background job',
          parameters: [{ name: 'proofType', in: 'query', schema: { enum: ['DataIntegrityProof', 'Ed25519Signature2020'] } }],
          requestBody: { content: { 'application/json': { schema: { type: 'array', items: ref('LearningInput') } }, 'text/csv': { schema: { type: 'string' } } } },
          responses: { '202': ok('job', ref('BatchJob')), '413': err('Too large'), '422': err('Invalid'), '503': err('MASTER_KEY_WRONG: the master key cannot be verified; nothing stored'), ...common },
        },
      },
      '/batches/{id}': { get: { tags: ['batches'], security: provider, summary: 'Progress: done / failed / total', parameters: [id('id', 'batch id')], responses: { '200': ok('job', ref('BatchJob')), ...common } } },
      '/batches/{id}/rows': {
        get: {
          tags: ['batches'],
          security: provider,
          summary: 'Per-row results and errors',
          parameters: [id('id', 'batch id'), { name: 'state', in: 'query', schema: { enum: ['pending', 'issued', 'failed'] } }, { name: 'after', in: 'query', schema: { type: 'integer' } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }],
          responses: { '200': ok('rows'), ...common },
        },
      },
      '/batches/{id}/results.csv': {
        get: {
          tags: ['batches'],
          security: provider,
          summary: 'The results file (streamed CSV): row, name, email, state, credential id, claim link, certificate link, errors',
          parameters: [id('id', 'batch id'), { name: 'separator', in: 'query', schema: { enum: ['comma', 'semicolon'], default: 'comma' } }],
          responses: { '200': { description: 'CSV', content: { 'text/csv': {} } }, '400': err('REQUEST_INVALID: separator'), '404': err('Unknown batch'), ...common },
        },
      },
      '/batches/{id}/certificates.zip': { get: { tags: ['batches'], security: provider, summary: 'Every issued certificate of the cohort as one ZIP (streamed; cut short on a failure, never a partial archive that looks whole)', parameters: [id('id', 'batch id')], responses: { '200': { description: 'ZIP', content: { 'application/zip': {} } }, '404': err('Unknown batch'), ...common } } },
      '/batches/{id}/send-claim-links': { post: { tags: ['batches'], security: provider, summary: 'Email every issued row not yet sent its claim link (SMTP_URL; rows already sent: skipped, ALREADY_SENT): {sent, failed, skipped, results: [{row, state, reason?}]}', parameters: [id('id', 'batch id'), { name: 'resend', in: 'query', required: false, schema: { type: 'string', enum: ['all'] }, description: 'all: send to every row again' }], responses: { '200': ok('summary'), '400': err('REQUEST_INVALID: resend is not all'), '404': err('Unknown batch'), '409': err('EMAIL_NOT_CONFIGURED: no SMTP_URL'), ...common } } },
      '/portal/api/whoami': { get: { tags: ['portal'], security: provider, summary: 'Whose API key this is: {providerId, name, status, grade, role, email (claim links can be emailed)}', responses: { '200': ok('who'), ...common } } },
    },
  };
}
