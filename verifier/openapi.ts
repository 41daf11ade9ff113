/** The OpenAPI 3 description served at /openapi.json (and rendered at /docs). */
export function openApiDocument(publicUrl: string): Record<string, unknown> {
  const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
  const error = { $ref: '#/components/schemas/Error' };
  const errors = {
    400: { description: 'Malformed request', ...json(error) },
    413: { description: 'Body over the size limit', ...json(error) },
    415: { description: 'Not application/json', ...json(error) },
    429: { description: 'Rate limited (see Retry-After)', ...json(error) },
  };
  const authed = { security: [{ session: [] }, { bearer: [] }] };
  return {
    openapi: '3.0.3',
    info: {
      title: 'ASN learning credential verifier',
      version: '0.1.0',
      description: 'Verifies learning credentials and presentations (W3C VC API shapes), relays presentations from wallets, and keeps the recognition ledger of HR officers.',
    },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'vsession' },
        bearer: { type: 'http', scheme: 'bearer' },
        bootstrap: { type: 'apiKey', in: 'header', name: 'X-Bootstrap-Token' },
        lan: { type: 'apiKey', in: 'header', name: 'X-LAN-Token', description: 'LAN’s token for the national view (VERIFIER_LAN_TOKEN)' },
      },
      schemas: {
        Error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } },
        LocalizedText: { type: 'object', properties: { id: { type: 'string' }, en: { type: 'string' } } },
        Check: {
          type: 'object', required: ['id', 'status', 'code', 'message'],
          properties: { id: { type: 'string' }, status: { type: 'string', enum: ['ok', 'failed', 'unknown'] }, code: { type: 'string' }, message: { $ref: '#/components/schemas/LocalizedText' }, details: { type: 'object' } },
        },
        CredentialVerification: {
          type: 'object', required: ['verified', 'checks'],
          properties: {
            verified: { type: 'boolean', description: 'Authentic (the W3C question): every check except accreditation is ok.' },
            recognition: {
              type: 'object', required: ['recognised'], description: "LAN's verdict: authentic and from a provider accredited for it at validFrom.",
              properties: { recognised: { type: 'boolean' }, error: { type: 'object' } },
            },
            document: { type: 'object', description: 'The credential as its proof covers it (compact form of the verified expansion).' },
            checks: { type: 'array', items: { $ref: '#/components/schemas/Check' } },
            error: { type: 'object', properties: { check: { type: 'string' }, code: { type: 'string' }, message: { $ref: '#/components/schemas/LocalizedText' } } },
            issuer: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, accreditationGrade: { type: 'string' } } },
          },
        },
        PresentationVerification: {
          type: 'object', required: ['verified', 'holderProven', 'checks', 'credentials'],
          properties: {
            verified: { type: 'boolean' }, holderProven: { type: 'boolean', description: 'false for an unsigned presentation (never recorded for recognition)' },
            checks: { type: 'array', items: { $ref: '#/components/schemas/Check' } }, holder: { type: 'string' },
            credentials: { type: 'array', items: { $ref: '#/components/schemas/CredentialVerification' } }, relayId: { type: 'string' },
          },
        },
        VerifyOptions: { type: 'object', properties: { challenge: { type: 'string' }, domain: { type: 'string' }, checks: { type: 'array', items: { type: 'string' } } } },
        Challenge: { type: 'object', properties: { challenge: { type: 'string' }, domain: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } },
        Relay: {
          type: 'object',
          properties: { id: { type: 'string' }, challenge: { type: 'string' }, domain: { type: 'string' }, expiresAt: { type: 'string' }, uploadUrl: { type: 'string' }, pageUrl: { type: 'string' } },
        },
        RelayBlob: { type: 'object', required: ['ciphertext', 'iv'], properties: { ciphertext: { type: 'string', description: 'base64url AES-256-GCM' }, iv: { type: 'string', description: 'base64url, 12 bytes' } } },
        Recognition: { type: 'object', description: 'A recognised credential (the NIP only masked); `number` is the agency record number REK-<year>-<6 digits>; `status.state` is active, revoked, suspended or voided (with `voided: {at, by, reason}`).' },
        JpReport: { type: 'object' },
        Cell: { type: 'object', properties: { key: { type: 'string' }, jp: { type: 'number' }, people: { type: 'integer' } } },
        SuppressedCell: {
          type: 'object', description: 'A figure from 1–4 people is not shown: jp and people are null and suppressed is true.',
          properties: { key: { type: 'string' }, jp: { type: 'number', nullable: true }, people: { type: 'integer', nullable: true }, suppressed: { type: 'boolean' } },
        },
        RosterMeta: {
          type: 'object',
          properties: { agencyId: { type: 'string' }, version: { type: 'integer' }, loadedAt: { type: 'string', format: 'date-time' }, loadedBy: { type: 'string' }, people: { type: 'integer' }, byKind: { type: 'object', properties: { PNS: { type: 'integer' }, PPPK: { type: 'integer' } } }, units: { type: 'integer' } },
        },
        DutyReport: {
          type: 'object', description: 'Roster people against the yearly duty (PNS 20 JP per calendar year, PPPK 24 JP per contract year): totals, by unit, progress buckets, JP by competency type / learning path / month / provider, learning of people not on the roster, and who has not met the duty (masked NIP).',
          properties: {
            agencyId: { type: 'string' }, year: { type: 'integer' }, generatedAt: { type: 'string' }, roster: { nullable: true, type: 'object' },
            totals: { type: 'object', properties: { people: { type: 'integer' }, met: { type: 'integer' }, notMet: { type: 'integer' }, zeroJp: { type: 'integer' }, jp: { type: 'number' } } },
            units: { type: 'array', items: { type: 'object', properties: { unit: { type: 'string' }, people: { type: 'integer' }, met: { type: 'integer' }, notMet: { type: 'integer' }, zeroJp: { type: 'integer' } } } },
            distribution: { type: 'array', items: { type: 'object', properties: { bucket: { type: 'string', enum: ['0', '1-49', '50-99', '100+'] }, people: { type: 'integer' } } } },
            byCompetencyType: { type: 'array', items: { $ref: '#/components/schemas/Cell' } },
            byPath: { type: 'array', items: { $ref: '#/components/schemas/Cell' } },
            byMonth: { type: 'array', items: { $ref: '#/components/schemas/Cell' } },
            byProvider: { type: 'array', items: { $ref: '#/components/schemas/Cell' } },
            unrostered: { type: 'object', properties: { people: { type: 'integer' }, jp: { type: 'number' } } },
            notMet: { type: 'array', items: { type: 'object', properties: { nipMasked: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, unit: { type: 'string' }, jp: { type: 'number' }, dutyJp: { type: 'number' }, shortfall: { type: 'number' }, period: { type: 'object' } } } },
          },
        },
        SiasnRecord: {
          type: 'object', description: 'One recognised learning in the shape of SIASN’s riwayat kursus (see docs/siasn-export.md; fields whose code list is not confirmed are marked there).',
          properties: {
            ...Object.fromEntries(['nip', 'namaKursus', 'jenisPengembangan', 'jalurPengembangan', 'jenisKompetensi', 'kodeKompetensi', 'tanggalKursus', 'tanggalSelesaiKursus', 'institusiPenyelenggara', 'penyelenggaraDid', 'nomorSertipikat', 'tautanVerifikasi', 'statusPengakuan', 'idPengakuan', 'diakuiPada', 'diubahPada'].map((k) => [k, { type: 'string' }])),
            jenisDiklatId: { type: 'string', nullable: true, description: 'Always null: SIASN’s code list is not confirmed' },
            levelKompetensi: { type: 'integer' }, jumlahJam: { type: 'number' }, tahunKursus: { type: 'integer' },
          },
        },
        SiasnExport: {
          type: 'object',
          properties: {
            agencyId: { type: 'string' }, generatedAt: { type: 'string' }, since: { type: 'string' }, cursor: { type: 'string' },
            nextCursor: { type: 'string', nullable: true, description: 'Pass as `cursor` next time' }, hasMore: { type: 'boolean' }, count: { type: 'integer' },
            records: { type: 'array', items: { $ref: '#/components/schemas/SiasnRecord' } },
          },
        },
        NationalView: {
          type: 'object', description: 'Aggregates only (never a NIP, name or unit); figures from fewer than 5 people are suppressed.',
          properties: {
            year: { type: 'integer' }, generatedAt: { type: 'string' }, minCellPeople: { type: 'integer' }, totals: { type: 'object' },
            agencies: { type: 'array', items: { type: 'object', properties: { agencyId: { type: 'string' }, agencyName: { type: 'string' }, hasRoster: { type: 'boolean' }, people: { type: 'integer', nullable: true }, met: { type: 'integer', nullable: true }, share: { type: 'number', nullable: true }, distribution: { type: 'array', items: { type: 'object' } }, jp: { type: 'number', nullable: true }, suppressed: { type: 'boolean' } } } },
            byCompetencyType: { type: 'array', items: { $ref: '#/components/schemas/SuppressedCell' } },
            byPath: { type: 'array', items: { $ref: '#/components/schemas/SuppressedCell' } },
            byProvider: { type: 'array', items: { $ref: '#/components/schemas/SuppressedCell' } },
            byMonth: { type: 'array', items: { $ref: '#/components/schemas/SuppressedCell' } },
          },
        },
      },
    },
    paths: {
      '/credentials/verify': {
        post: {
          summary: 'Verify a credential', tags: ['VC API'],
          requestBody: { required: true, ...json({ type: 'object', required: ['verifiableCredential'], properties: { verifiableCredential: { type: 'object' }, options: { $ref: '#/components/schemas/VerifyOptions' } } }) },
          responses: {
            200: { description: 'Verified', ...json({ $ref: '#/components/schemas/CredentialVerification' }) },
            422: { description: 'Not verified (same result object)', ...json({ $ref: '#/components/schemas/CredentialVerification' }) },
            ...errors,
          },
        },
      },
      '/presentations/verify': {
        post: {
          summary: 'Verify a presentation: against a challenge issued here (consumed once, domain fixed to this verifier) or the caller\'s own options.challenge/options.domain; an unsigned one verifies its credentials with holderProven false', tags: ['VC API'],
          requestBody: { required: true, ...json({ type: 'object', required: ['verifiablePresentation'], properties: { verifiablePresentation: { type: 'object' }, options: { $ref: '#/components/schemas/VerifyOptions' } } }) },
          responses: {
            200: { description: 'Verified', ...json({ $ref: '#/components/schemas/PresentationVerification' }) },
            422: { description: 'Not verified (same result object)', ...json({ $ref: '#/components/schemas/PresentationVerification' }) },
            ...errors,
          },
        },
      },
      '/credentials/verify-url': {
        post: {
          summary: 'Fetch a printed certificate from a configured issuer and verify it (the holder\'s NIP opens certificates that carry a hashed NIP)', tags: ['Certificates'],
          requestBody: { required: true, ...json({ type: 'object', required: ['url'], properties: { url: { type: 'string', description: '<issuer>/certificates/<token>' }, nip: { type: 'string', description: 'the holder\'s NIP, 18 digits' } } }) },
          responses: {
            200: { description: '{verifiableCredential, result}: verified' },
            400: { description: 'URL_NOT_ALLOWED, NIP_INVALID' },
            404: { description: 'CERTIFICATE_NOT_FOUND: the issuer has no such certificate' },
            422: { description: '{verifiableCredential, result} not verified; or CERTIFICATE_NIP_MISMATCH' },
            428: { description: 'CERTIFICATE_NIP_REQUIRED: send the holder\'s NIP' },
            429: { description: 'CERTIFICATE_LOCKED (too many wrong NIPs) or RATE_LIMITED' },
            502: { description: 'CERTIFICATE_UNREACHABLE' },
          },
        },
      },
      '/challenges': { post: { summary: 'A fresh single-use challenge', tags: ['VC API'], responses: { 201: { description: 'Issued', ...json({ $ref: '#/components/schemas/Challenge' }) } } } },
      '/registry': { get: { summary: 'The cached accreditation registry (providers, age)', tags: ['VC API'], responses: { 200: { description: 'Summary' } } } },
      '/relay': { post: { summary: 'Open a relay (wallet)', tags: ['Relay'], responses: { 201: { description: 'Opened', ...json({ $ref: '#/components/schemas/Relay' }) } } } },
      '/relay/{id}': {
        put: {
          summary: 'Upload the encrypted presentation once', tags: ['Relay'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/RelayBlob' }) },
          responses: { 200: { description: 'Stored' }, 404: { description: 'Unknown or expired', ...json(error) }, 409: { description: 'Already uploaded', ...json(error) }, ...errors },
        },
      },
      '/relay/{id}/blob': {
        get: {
          summary: 'Fetch the encrypted presentation (once; then deleted)', tags: ['Relay'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Blob with challenge and domain' }, 404: { description: 'Gone, expired or unknown', ...json(error) }, 409: { description: 'Not uploaded yet', ...json(error) } },
        },
      },
      '/admin/agencies': {
        post: { summary: 'Create an agency and its admin (bootstrap token)', tags: ['Accounts'], security: [{ bootstrap: [] }], responses: { 201: { description: 'Created' }, 401: { description: 'Bad token' }, 409: { description: 'Exists' } } },
      },
      '/users': { post: { summary: 'Create an officer or admin in your agency (admin)', tags: ['Accounts'], ...authed, responses: { 201: { description: 'Created' }, 403: { description: 'Not an admin' } } } },
      '/auth/login': { post: { summary: 'Sign in (sets an HttpOnly cookie; also returns a bearer token)', tags: ['Accounts'], responses: { 200: { description: 'Signed in' }, 401: { description: 'Wrong username or password' } } } },
      '/auth/logout': { post: { summary: 'Sign out (with the cookie: only from this verifier\'s own Origin)', tags: ['Accounts'], responses: { 204: { description: 'Signed out' }, 403: { description: 'FORBIDDEN: cookie sent from another Origin' } } } },
      '/auth/me': { get: { summary: 'The current session', tags: ['Accounts'], ...authed, responses: { 200: { description: 'Session' }, 401: { description: 'Not signed in' } } } },
      '/auth/session': { get: { summary: 'The current session or null (never 401)', tags: ['Accounts'], responses: { 200: { description: '{session}' } } } },
      '/audit': { get: { summary: 'Audit log of your agency (admin)', tags: ['Accounts'], ...authed, responses: { 200: { description: 'Entries' } } } },
      '/recognitions': {
        post: {
          summary: 'Record a verified credential as recognised for an ASN', tags: ['Ledger'], ...authed,
          requestBody: { required: true, ...json({ type: 'object', required: ['verifiableCredential', 'nip'], properties: { verifiableCredential: { type: 'object' }, nip: { type: 'string' }, employment: { type: 'object', properties: { kind: { type: 'string', enum: ['PNS', 'PPPK'] }, contractStart: { type: 'string', format: 'date' } } } } }) },
          responses: {
            201: { description: 'Recorded', ...json({ $ref: '#/components/schemas/Recognition' }) },
            409: { description: 'Already recorded (details point at the earlier record)', ...json(error) },
            422: { description: 'Not verified, NIP mismatch, not a learning credential; a verifiablePresentation sent here: PRESENTATION_UNSIGNED / PRESENTATION_NOT_RECORDABLE', ...json(error) },
            ...errors,
          },
        },
        get: {
          summary: 'Export your agency’s recognitions (full NIP, for the HR system)', tags: ['Ledger'], ...authed,
          parameters: [{ name: 'year', in: 'query', schema: { type: 'integer' } }, { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } }],
          responses: { 200: { description: 'JSON or CSV' } },
        },
      },
      '/recognitions/{id}': { get: { summary: 'One recognition of your agency', tags: ['Ledger'], ...authed, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Record' }, 404: { description: 'Not found' } } } },
      '/recognitions/lookup': {
        get: {
          summary: 'Before recording: is this award (issuer, credential id) in the ledger? Details only for your agency’s record', tags: ['Ledger'], ...authed,
          parameters: [{ name: 'issuer', in: 'query', required: true, schema: { type: 'string' } }, { name: 'credentialId', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: '{recorded: false} | {recorded: true, inYourAgency: true, recognition} | {recorded: true, inYourAgency: false, recordedAt}' }, ...errors },
        },
      },
      '/recognitions/{id}/void': {
        post: {
          summary: 'Void a recognition of your agency (its JP no longer counts; audited; never re-activated)', tags: ['Ledger'], ...authed,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json({ type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 3, maxLength: 500 } } }) },
          responses: { 200: { description: 'Voided record' }, 404: { description: 'Not found in your agency' }, 409: { description: 'RECOGNITION_NOT_VOIDABLE: already voided', ...json(error) }, ...errors },
        },
      },
      '/ledger/search': {
        post: {
          summary: 'Search your agency’s ledger (name, full NIP, record number, course) or one ASN’s history; masked NIPs, newest first, at most 200. POST so a NIP never travels in a URL', tags: ['Ledger'], ...authed,
          requestBody: { required: true, ...json({ type: 'object', additionalProperties: false, properties: { q: { type: 'string', maxLength: 200 }, asn: { type: 'string', pattern: '^[0-9a-f]{16}$' } } }) },
          responses: { 200: { description: '{total, records}' }, ...errors },
        },
      },
      '/ledger': {
        get: {
          summary: 'The same search by query string, for text that is not a NIP (400 NIP_IN_URL for a full NIP: use POST /ledger/search)', tags: ['Ledger'], ...authed,
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 } }, { name: 'asn', in: 'query', schema: { type: 'string', pattern: '^[0-9a-f]{16}$' } }],
          responses: { 200: { description: '{total, records}' }, ...errors },
        },
      },
      '/reports/jp': {
        get: {
          summary: 'JP per ASN per year against the rules (PNS ≥ 20, PPPK ≤ 24 per contract year)', tags: ['Ledger'], ...authed,
          parameters: [{ name: 'year', in: 'query', schema: { type: 'integer' } }, { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } }, { name: 'recheck', in: 'query', schema: { type: 'string', enum: ['0', '1'] } }],
          responses: { 200: { description: 'Report', ...json({ $ref: '#/components/schemas/JpReport' }) } },
        },
      },
      '/roster': {
        put: {
          summary: 'Load the agency’s roster, replacing the previous one atomically (agency admin)', tags: ['Roster'], ...authed,
          description: 'CSV columns (header row, any order): nip, nama, jenis (PNS|PPPK), tmt_kontrak (PPPK contract start, YYYY-MM-DD, optional), unit. A roster with any bad row is refused whole; errors name row, field and code, never the NIP.',
          requestBody: { required: true, ...json({ type: 'object', required: ['csv'], properties: { csv: { type: 'string', description: 'The CSV text (UTF-8; a BOM is fine)' } } }) },
          responses: {
            200: { description: 'Loaded', ...json({ type: 'object', properties: { roster: { $ref: '#/components/schemas/RosterMeta' } } }) },
            400: { description: 'ROSTER_INVALID (details.errors: row, field, code), ROSTER_EMPTY, CSV_SYNTAX, REQUEST_INVALID', ...json(error) },
            401: { description: 'Not signed in', ...json(error) },
            403: { description: 'FORBIDDEN: not an agency admin', ...json(error) },
            413: { description: 'BODY_TOO_LARGE or ROSTER_TOO_LARGE', ...json(error) },
          },
        },
        get: { summary: 'The agency’s current roster (counts only)', tags: ['Roster'], ...authed, responses: { 200: { description: '{roster: RosterMeta | null}' }, 401: { description: 'Not signed in', ...json(error) } } },
      },
      '/reports/duty': {
        get: {
          summary: 'Who has (not yet) met this year’s duty, from the roster (counts people with zero JP), by unit', tags: ['Roster'], ...authed,
          parameters: [{ name: 'year', in: 'query', schema: { type: 'integer' } }, { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] }, description: 'csv: the people who have not met the duty, with the full NIP, UTF-8 with BOM' }, { name: 'recheck', in: 'query', schema: { type: 'string', enum: ['0', '1'] } }],
          responses: { 200: { description: 'Report (JSON) or CSV', ...json({ $ref: '#/components/schemas/DutyReport' }) }, 400: { description: 'REQUEST_INVALID', ...json(error) }, 401: { description: 'Not signed in', ...json(error) } },
        },
      },
      '/exports/siasn': {
        get: {
          summary: 'SIASN-ready export of the agency’s recognised learning (read only): since a date or after a cursor', tags: ['SIASN export'], ...authed,
          parameters: [
            { name: 'since', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Records changed on or after this day (UTC)' },
            { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Records changed after this cursor (from nextCursor / X-Export-Cursor)' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 5000 } },
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] }, description: 'csv: UTF-8 with BOM; the next cursor is in X-Export-Cursor, more pages in X-Export-Has-More' },
            { name: 'recheck', in: 'query', schema: { type: 'string', enum: ['0', '1'] } },
          ],
          responses: { 200: { description: 'Export', ...json({ $ref: '#/components/schemas/SiasnExport' }) }, 400: { description: 'REQUEST_INVALID, CURSOR_INVALID', ...json(error) }, 401: { description: 'Not signed in', ...json(error) } },
        },
        post: {
          summary: 'The next SIASN export: everything changed since the agency’s last export (advances the stored cursor)', tags: ['SIASN export'], ...authed,
          requestBody: { required: false, ...json({ type: 'object', properties: { since: { type: 'string', format: 'date', description: 'Start from this day instead of the last export' }, limit: { type: 'integer', minimum: 1, maximum: 5000 }, format: { type: 'string', enum: ['json', 'csv'] } } }) },
          responses: { 200: { description: 'Export', ...json({ $ref: '#/components/schemas/SiasnExport' }) }, ...errors, 401: { description: 'Not signed in', ...json(error) } },
        },
      },
      '/national': {
        get: {
          summary: 'LAN’s national view: per agency the share of its roster that reached the duty; JP by competency type, learning path, provider and month (aggregates only, small counts suppressed)', tags: ['LAN'],
          security: [{ lan: [] }],
          parameters: [{ name: 'year', in: 'query', schema: { type: 'integer' } }],
          responses: { 200: { description: 'Aggregates', ...json({ $ref: '#/components/schemas/NationalView' }) }, 400: { description: 'REQUEST_INVALID', ...json(error) }, 401: { description: 'UNAUTHORIZED: no or wrong X-LAN-Token (or the view is not configured)', ...json(error) } },
        },
      },
      '/health': { get: { summary: 'Liveness', responses: { 200: { description: 'OK' } } } },
    },
  };
}
