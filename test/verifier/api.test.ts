/**
 * The VC API over real HTTP and LevelDB: 200 for verified, 422 with the same result object
 * for not verified, 400/413/415 for bodies that are not requests; the shared negative
 * table through the API; the fetch allow-list (BAD-INPUTS #9, #10, #12, #18).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner } from '../../shared/index.js';
import { ORIGIN, NOW, SAMPLE_INPUT } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

type VC = Record<string, unknown> & { proof: Record<string, unknown>; credentialSubject: Record<string, unknown> };

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let valid: VC;

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  // Refresh on every request here, so status changes are seen at once.
  verifier = await startVerifier({ world, issuer, clock: testClock(), settings: { cacheRefreshSeconds: 0 } });
  valid = (await world.issue()) as VC;
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

const verify = (vc: unknown) => postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
const clone = (): VC => structuredClone(valid);

describe('POST /credentials/verify', () => {
  it('answers 200 with every check ok and the registry’s provider name', async () => {
    const r = await verify(valid);
    expect(r.status).toBe(200);
    expect(r.body.verified).toBe(true);
    expect(r.body.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual([
      'wellFormed:ok', 'contexts:ok', 'terms:ok', 'issuerKey:ok', 'proof:ok', 'validity:ok', 'status:ok', 'accreditation:ok',
    ]);
    expect(r.body.issuer.name).toBe('Pusdiklat Contoh (terkurasi)');
    const status = r.body.checks.find((c: { id: string }) => c.id === 'status');
    expect(status.details.lists[0]).toMatchObject({ ageSeconds: 0, fetchedAt: NOW.toISOString() });
    // It really went over HTTP to the issuer.
    expect(issuer.hits).toContain('/registry');
    expect(issuer.hits.some((h) => h.startsWith('/status/pusdiklat/revocation'))).toBe(true);
  });

  it('answers 422 with the same result object when not verified', async () => {
    const v = clone();
    (v.credentialSubject.achievement as VC).creditsAvailable = 99;
    const r = await verify(v);
    expect(r.status).toBe(422);
    expect(r.body.verified).toBe(false);
    expect(r.body.checks).toHaveLength(8);
    expect(r.body.error).toMatchObject({ check: 'proof', code: 'SIGNATURE_INVALID' });
    expect(r.body.error.message.id.length).toBeGreaterThan(5);
  });
});

describe('the shared negative table through HTTP', () => {
  const rows: Array<[string, () => Promise<unknown> | unknown, string, string, ('failed' | 'unknown')?]> = [
    ['a signed value changed', () => { const v = clone(); (v.issuer as VC).name = 'Lembaga Palsu'; return v; }, 'proof', 'SIGNATURE_INVALID'],
    ['a flipped byte in the signature', () => { const v = clone(); const pv = String(v.proof.proofValue); v.proof.proofValue = pv.slice(0, 10) + (pv[10] === 'a' ? 'b' : 'a') + pv.slice(11); return v; }, 'proof', 'SIGNATURE_INVALID'],
    ['an unknown context URL', () => { const v = clone(); (v['@context'] as string[])[1] = 'https://evil.example/ob.json'; return v; }, 'contexts', 'CONTEXT_UNKNOWN'],
    ['an inline look-alike context', () => { const v = clone(); (v['@context'] as unknown[]).push({ name: 'https://evil.example/name' }); return v; }, 'terms', 'TERM_UNDEFINED'],
    ['an undefined property added', () => { const v = clone(); v.credentialSubject.nilaiRahasia = 100; return v; }, 'terms', 'TERM_UNDEFINED'],
    ['proofPurpose authentication', () => { const v = clone(); v.proof.proofPurpose = 'authentication'; return v; }, 'proof', 'PROOF_PURPOSE_MISMATCH'],
    ['the attacker signs as the curated provider', () => world.issue({ signer: world.attacker.signer }), 'issuerKey', 'KEY_NOT_ISSUERS'],
    ['validUntil in the past', () => world.issue({ mutate: (v) => { v.validUntil = '2026-05-30T00:00:00Z'; } }), 'validity', 'EXPIRED'],
    ['a status index "12abc"', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListIndex = '12abc'; } }), 'status', 'STATUS_INDEX_INVALID'],
    ['a status list at a link-local address', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListCredential = 'http://169.254.169.254/latest/meta-data'; } }), 'status', 'STATUS_UNREACHABLE', 'unknown'],
    ['a status list at a foreign https host', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListCredential = 'https://evil.example/status/1'; } }), 'status', 'STATUS_UNREACHABLE', 'unknown'],
    ['a status list URL that redirects elsewhere', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListCredential = `${ORIGIN}/redirect`; } }), 'status', 'STATUS_UNREACHABLE', 'unknown'],
    ['an oversized status list', () => world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListCredential = `${ORIGIN}/huge`; } }), 'status', 'STATUS_UNREACHABLE', 'unknown'],
    ['an issuer DID whose document is missing (404)', () => {
      const did = `${world.lan.did}:providers:hilang`;
      return world.issue({ signer: createSigner(`${did}#${world.provider.publicKeyMultibase}`, world.provider.secretKey), mutate: (v) => { (v.issuer as VC).id = did; } });
    }, 'issuerKey', 'DID_RESOLUTION_FAILED'],
  ];

  it.each(rows.map(([name, make, check, code, status]) => ({ name, make, check, code, status })))('$name → 422 $check $code', async ({ make, check, code, status = 'failed' }) => {
    const r = await verify(await make());
    expect(r.status).toBe(422);
    expect(r.body.verified).toBe(false);
    const c = r.body.checks.find((x: { id: string }) => x.id === check);
    expect({ status: c.status, code: c.code }).toEqual({ status, code });
  });

  // Two verdicts: authentic credentials from providers LAN has not accredited answer 200
  // (the W3C question) with recognition failed and its own code (LAN's question).
  it.each([
    ['an issuer LAN has not curated', () => world.issue({ issuer: world.uncurated }), 'ISSUER_NOT_CURATED'],
    ['issued before the provider was accredited', () => world.issue({ input: { ...SAMPLE_INPUT, competency: { type: 'teknis', code: 'T.LAN.01', level: 2, name: 'Analisis Kebijakan' } }, validFrom: new Date('2024-06-01T00:00:00Z') }), 'NOT_ACCREDITED_AT_ISSUANCE'],
  ] as const)('%s → 200, authentic, not recognised: %s', async (_name, make, code) => {
    const r = await verify(await make());
    expect(r.status).toBe(200);
    expect(r.body.verified).toBe(true);
    expect(r.body.recognition).toMatchObject({ recognised: false, error: { check: 'accreditation', code } });
    expect(r.body.checks.find((x: { id: string }) => x.id === 'accreditation')).toMatchObject({ status: 'failed', code });
  });

  it('explains why a fetch was refused', async () => {
    const vc = await world.issue({ mutate: (v) => { (v.credentialStatus as VC[])[0]!.statusListCredential = 'http://169.254.169.254/latest/meta-data'; } });
    const r = await verify(vc);
    const c = r.body.checks.find((x: { id: string }) => x.id === 'status');
    expect(c.details.reason).toBe('FETCH_URL_REFUSED');
  });

  it('a revoked credential fails; suspended is distinct; revoked wins', async () => {
    const vc = await world.issue({ index: 901, mutate: (v) => { v.id = 'urn:uuid:0b1c2d3e-4f50-4617-8293-a4b5c6d7e901'; } });
    expect((await verify(vc)).status).toBe(200);
    await world.setStatus('suspension', world.provider, 901, true);
    let r = await verify(vc);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('CREDENTIAL_SUSPENDED');
    await world.setStatus('revocation', world.provider, 901, true);
    r = await verify(vc);
    expect(r.body.error.code).toBe('CREDENTIAL_REVOKED');
    expect(r.body.checks.find((x: { id: string }) => x.id === 'status').details).toMatchObject({ revoked: true, suspended: true });
  });
});

describe('bodies that are not requests', () => {
  const send = (body: string, type = 'application/json') => fetch(`${verifier.url}/credentials/verify`, { method: 'POST', headers: { 'content-type': type }, body });

  it.each([
    ['not JSON', '{"verifiableCredential": ', 400, 'JSON_SYNTAX'],
    ['no verifiableCredential', '{"credential": {}}', 400, 'REQUEST_INVALID'],
    ['verifiableCredential is a string', '{"verifiableCredential": "x"}', 400, 'REQUEST_INVALID'],
    ['duplicate keys', '{"verifiableCredential": {}, "verifiableCredential": {}}', 400, 'JSON_DUPLICATE_KEY'],
    ['a __proto__ key', '{"verifiableCredential": {"__proto__": {"polluted": true}}}', 400, 'JSON_FORBIDDEN_KEY'],
    ['nesting 10,000 deep', `{"verifiableCredential": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 400, 'JSON_TOO_DEEP'],
    ['a 5 MB body', JSON.stringify({ verifiableCredential: { pad: 'x'.repeat(5_000_000) } }), 413, 'BODY_TOO_LARGE'],
  ].map(([name, body, status, code]) => ({ name: String(name), body: String(body), status: Number(status), code: String(code) })))('$name → $status $code', async ({ body, status, code }) => {
    const res = await send(body);
    expect(res.status).toBe(status);
    const json = await res.json() as { code: string; stack?: unknown };
    expect(json.code).toBe(code);
    expect(json.stack).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await send('verifiableCredential=1', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
  });

  it('stays up after all of that', async () => {
    expect((await fetch(`${verifier.url}/health`)).status).toBe(200);
    expect((await verify(valid)).status).toBe(200);
  });
});

describe('documentation and headers', () => {
  it('serves the OpenAPI document and the docs page from the app itself', async () => {
    const spec = await (await fetch(`${verifier.url}/openapi.json`)).json() as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/credentials/verify', '/presentations/verify', '/relay', '/recognitions', '/reports/jp']));
    const docs = await fetch(`${verifier.url}/docs`);
    expect(await docs.text()).toContain('/docs/swagger-ui-bundle.js');
    expect((await fetch(`${verifier.url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('sends a strict CSP on the HR page', async () => {
    const res = await fetch(`${verifier.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
    const js = await fetch(`${verifier.url}/assets/app.js`);
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(1000);
  });
});
