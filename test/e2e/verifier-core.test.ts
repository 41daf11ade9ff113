/**
 * Interoperability with a bundled-only standard verifier: `@digitalcredentials/verifier-core`
 * (the DCC verifier behind the Learner Credential Wallet and VerifierPlus), unchanged, checks
 * learning credentials freshly issued by our issuer.
 *
 * The issuer runs over HTTPS on 127.0.0.1 with a throw-away self-signed certificate, so its
 * providers' did:web identifiers name an https origin, which is what verifier-core's did:web
 * resolver fetches. verifier-core has no way to inject a document loader or a fetch (its loader
 * is a module-level singleton), and it fetches with the global `fetch`; so this test wraps
 * `fetch` (on top of the no-network guard, which stays on): requests to the issuer's origin are
 * made with node:https trusting exactly the test certificate, every requested URL is recorded,
 * and anything else goes to the guard, which refuses it. The record proves that verifier-core
 * downloads no context for our credential (all of its contexts are in its bundle).
 *
 * One thing verifier-core does try to download: the Open Badges JSON Schema, for its
 * `schema_check` entry in `additionalInformation` (not one of its verification steps). The
 * guard refuses it and verifier-core reports the schema as not checkable; the verification
 * steps (signature, expiry, revocation) do not depend on it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { verifyCredential as dccVerifyCredential } from '@digitalcredentials/verifier-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ASN_CONTEXT_URL } from '../../shared/index.js';
import { call, learningInput, setupProvider, startIssuer } from '../issuer/helpers.js';
import type { Loose, TestIssuer } from '../issuer/helpers.js';

const HAS_OPENSSL = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
const SKIP_REASON = HAS_OPENSSL ? '' : ' [skipped: the openssl CLI is not on PATH]';
/** The only foreign URL verifier-core may ask for: the OB 3.0 JSON Schema (schema_check). */
const OB_SCHEMA = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/schema\/json\//;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'verifier-core-'));
let issuer: TestIssuer | undefined;
let cert: Buffer;
let apiKey: string;
const guardedFetch = globalThis.fetch;
/** Every URL fetched while the wrapper is installed, in order. */
const requested: string[] = [];

/** fetch over node:https to the test issuer, trusting only the test certificate. */
async function fetchFromIssuer(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
  return new Promise((resolve, reject) => {
    const out = https.request(req.url, { method: req.method, headers: Object.fromEntries(req.headers), ca: cert, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        const status = res.statusCode ?? 500;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
      });
    });
    out.on('timeout', () => out.destroy(new Error('timeout')));
    out.on('error', reject);
    out.end(body);
  });
}

beforeAll(async () => {
  if (!HAS_OPENSSL) return;
  const certFile = path.join(tmp, 'cert.pem');
  const keyFile = path.join(tmp, 'key.pem');
  const gen = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', keyFile, '-out', certFile, '-days', '1', '-nodes',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`openssl failed: ${gen.stderr}`);
  cert = readFileSync(certFile);
  issuer = await startIssuer({ tls: { cert, key: readFileSync(keyFile) } });
  const origin = new URL(issuer.url).origin;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    requested.push(url.href);
    return url.origin === origin ? fetchFromIssuer(input, init) : guardedFetch(input, init);
  };
  apiKey = (await setupProvider(issuer.url, 'dcc-interop')).apiKey;
}, 60_000);

afterAll(async () => {
  globalThis.fetch = guardedFetch;
  await issuer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function issueLearning(over: Record<string, unknown> = {}): Promise<Loose> {
  const res = await call(issuer!.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput(over) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.verifiableCredential;
}

type LogEntry = { id: string; valid?: boolean; error?: { name: string; message: string } };
const step = (r: { log?: LogEntry[] }, id: string) => r.log?.find((e) => e.id === id);

/** verifier-core on one credential, with the URLs it requested. */
async function dccVerify(credential: Loose) {
  const from = requested.length;
  // verifier-core prints the refused schema download with console.log/error; keep the run quiet.
  const quiet = [vi.spyOn(console, 'log').mockImplementation(() => {}), vi.spyOn(console, 'error').mockImplementation(() => {})];
  try {
    const result = (await dccVerifyCredential({ credential, knownDIDRegistries: [] })) as Loose;
    return { result, urls: requested.slice(from) };
  } finally {
    for (const spy of quiet) spy.mockRestore();
  }
}

describe('@digitalcredentials/verifier-core verifies our learning credentials (no context download)', () => {
  it.skipIf(!HAS_OPENSSL)(`a freshly issued learning credential: signature, expiry and status valid; only our origin and the OB schema requested${SKIP_REASON}`, async () => {
    const vc = await issueLearning();
    expect(vc['@context']).not.toContain(ASN_CONTEXT_URL);
    const { result, urls } = await dccVerify(vc);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(step(result, 'valid_signature')?.valid).toBe(true);
    expect(step(result, 'expiration')?.valid).toBe(true);
    expect(step(result, 'revocation_status')?.valid).toBe(true);
    // Not in a DCC registry (we passed none): its own verdict, not a failure of the others.
    expect(step(result, 'registered_issuer')?.valid).toBe(false);

    const origin = new URL(issuer!.url).origin;
    const issuerDid = vc.issuer.id as string;
    // did:web resolved over HTTPS at our origin, and both status lists fetched from it.
    expect(urls).toContain(`${origin}/${issuerDid.split(':').slice(3).join('/')}/did.json`);
    for (const s of vc.credentialStatus as Array<{ statusListCredential: string }>) expect(urls).toContain(s.statusListCredential);
    // Nothing else was fetched but the OB JSON Schema (schema_check, refused by the guard): no context.
    const foreign = urls.filter((u) => new URL(u).origin !== origin);
    expect(foreign.every((u) => OB_SCHEMA.test(u)), foreign.join(', ')).toBe(true);
    // ... which verifier-core then reports as not checkable, outside its verification steps.
    const schema = (result.additionalInformation as Array<{ id: string; results: unknown }>).find((e) => e.id === 'schema_check');
    expect(String(schema?.results)).toMatch(/^INVALID_SCHEMA/);
  }, 60_000);

  it.skipIf(!HAS_OPENSSL)(`a revoked one reads as revoked (signature still valid)${SKIP_REASON}`, async () => {
    const vc = await issueLearning({ course: { id: 'PKP-2025-02', name: { id: 'Pelatihan Kepemimpinan Pengawas II' }, description: { id: 'Lanjutan.' } } });
    const s = await call(issuer!.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: vc.id, credentialStatus: [{ status: 'revoked' }] } });
    expect(s.status, JSON.stringify(s.body)).toBeLessThan(300);
    const { result, urls } = await dccVerify(vc);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(step(result, 'valid_signature')?.valid).toBe(true);
    expect(step(result, 'revocation_status')?.valid).toBe(false);
    expect(urls.filter((u) => new URL(u).origin !== new URL(issuer!.url).origin).every((u) => OB_SCHEMA.test(u))).toBe(true);
  }, 60_000);

  it.skipIf(!HAS_OPENSSL)(`why the format changed: the ASN v1 form makes verifier-core download our context, and offline it cannot verify${SKIP_REASON}`, async () => {
    // The same record in the old form, signed by our issuer through its VC API.
    const current = await issueLearning({ course: { id: 'PKP-2025-03', name: { id: 'Pelatihan Kepemimpinan Pengawas III' }, description: { id: 'Lanjutan.' } } });
    const { proof: _p, credentialStatus: _s, id: _i, validFrom: _v, ...unsigned } = current;
    unsigned['@context'] = [...unsigned['@context'], ASN_CONTEXT_URL];
    Object.assign(unsigned.credentialSubject.achievement.alignment[0], { competencyType: 'manajerial', competencyLevel: 3 });
    const signed = await call(issuer!.url, 'POST', '/credentials/issue', { token: apiKey, body: { credential: unsigned, options: { credentialStatus: { type: 'BitstringStatusListEntry' } } } });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    const { result, urls } = await dccVerify(signed.body.verifiableCredential);
    expect(urls).toContain(ASN_CONTEXT_URL);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(step(result, 'valid_signature')?.valid).not.toBe(true);
  }, 60_000);
});
