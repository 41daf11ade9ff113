/**
 * Test harness: a real issuer on 127.0.0.1:0 over LevelDB in a temp folder (or, with
 * TEST_STORE=postgres, over the run's PostgreSQL: test/helpers/pg-run.ts), plus clients.
 */
import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import { pino } from 'pino';
import { createIssuer } from '../../issuer/app.js';
import type { IssuerServices } from '../../issuer/services/index.js';
import type { MailTransport } from '../../issuer/services/claim-mail.js';
import { openLevelStore } from '../../issuer/store/level-store.js';
import type { Collection, KvStore } from '../../issuer/store/kv.js';
import { openPgTestStore, testStoreIsPostgres } from '../helpers/pg-run.js';
import { createDocumentLoader } from '../../shared/loader/document-loader.js';
import type { DidDocument } from '../../shared/keys/did.js';
import { didKeyFromPublicKey, didWebToUrl } from '../../shared/keys/did.js';
import { createSigner, generateKeyPair } from '../../shared/keys/ed25519.js';
import { signPresentation } from '../../shared/sign/sign-credential.js';
import { buildPresentation } from '../../shared/sign/presentation.js';
import { verifyCredential } from '../../shared/verify/index.js';
import type { CredentialVerification, VerificationCache } from '../../shared/verify/index.js';

/** Response bodies in tests are read loosely: the assertions are the type checks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const MASTER_KEY = new Uint8Array(32).fill(7);

export interface TestIssuer {
  url: string;
  services: IssuerServices;
  dataDir: string;
  clock: { now: Date };
  close(opts?: { keepData?: boolean }): Promise<void>;
}

/**
 * `tls`: serve HTTPS with this (test) certificate, so the public URL and every did:web the
 * issuer mints name an https origin, as standard did:web resolvers require.
 */
export async function startIssuer(opts: {
  dataDir?: string; rateLimit?: { windowMs: number; limit: number }; masterKey?: Uint8Array; bodyBytes?: number; batchBodyBytes?: number;
  /** A store opened by the caller (the same PostgreSQL data a server process will open); closed with the issuer. */
  store?: KvStore;
  /** The public URL when it is not this instance's own (instances behind one load balancer). */
  publicUrl?: string;
  tls?: { cert: Buffer; key: Buffer };
  mail?: MailTransport;
} = {}): Promise<TestIssuer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'issuer-test-'));
  const server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }) : http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = opts.store ?? (testStoreIsPostgres() ? await openPgTestStore<Collection>('issuer', dataDir) : await openLevelStore(path.join(dataDir, 'db')));
  const clock = { now: new Date() };
  const { app, services } = createIssuer({
    store,
    now: () => new Date(clock.now.getTime() + (Date.now() - started)),
    masterKey: opts.masterKey ?? MASTER_KEY,
    adminToken: ADMIN_TOKEN,
    logger: pino({ level: 'silent' }),
    settings: { publicUrl: opts.publicUrl ?? url, claimOfferTtlSeconds: 3600, statusListLength: 131072 },
    ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
    limits: { ...(opts.bodyBytes ? { bodyBytes: opts.bodyBytes } : {}), ...(opts.batchBodyBytes ? { batchBodyBytes: opts.batchBodyBytes } : {}) },
    batchRetryDelayMs: 200,
    ...(opts.mail ? { mail: opts.mail } : {}),
  });
  const started = Date.now();
  server.on('request', app);
  await services.keys.ensureLanKey();
  services.batches.start();
  return {
    url,
    services,
    dataDir,
    clock,
    async close(o = {}) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await services.batches.stop();
      await store.close();
      if (!o.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function call(base: string, method: string, p: string, opts: { token?: string; body?: unknown; raw?: string; type?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Loose; headers: Headers }> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] = opts.type ?? 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = opts.type ?? 'application/json';
  }
  const res = await fetch(`${base}${p}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export function providerInput(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Penyedia ${id}`,
    legalIdentifier: `NIB-${id}`,
    contact: { email: 'kontak@example.org' },
    scope: { competencyTypes: ['manajerial', 'teknis'], competencyCodes: [] },
    grade: 'A',
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: '2035-01-01T00:00:00Z',
    ...over,
  };
}

/** Registers a provider and returns its record and an issuer API key. */
export async function setupProvider(base: string, id: string, over: Record<string, unknown> = {}): Promise<{ provider: Loose; apiKey: string; adminKey: string }> {
  const reg = await call(base, 'POST', '/admin/providers', { token: ADMIN_TOKEN, body: providerInput(id, over) });
  if (reg.status !== 201) throw new Error(`register failed: ${JSON.stringify(reg.body)}`);
  const k = await call(base, 'POST', `/providers/${id}/api-keys`, { token: ADMIN_TOKEN, body: { role: 'issuer', label: 'lms' } });
  const a = await call(base, 'POST', `/providers/${id}/api-keys`, { token: ADMIN_TOKEN, body: { role: 'admin', label: 'admin' } });
  return { provider: reg.body, apiKey: k.body.token, adminKey: a.body.token };
}

export function learningInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    learner: { name: 'Siti Rahmawati', nip: '198609262015052001' },
    course: { id: 'PKP-2025-01', name: { id: 'Pelatihan Kepemimpinan Pengawas', en: 'Supervisory Leadership Training' }, description: { id: 'Pelatihan kepemimpinan tingkat pengawas.' } },
    competency: { type: 'manajerial', code: 'M.01', level: 3 },
    jp: 40,
    learningMode: 'klasikal',
    learningPath: 'pelatihan',
    startDate: '2025-03-01',
    endDate: '2025-03-10',
    result: { passed: true, score: 88.5 },
    ...over,
  };
}

/** The shared verification pipeline with real HTTP to the test issuer for did:web, status lists and the registry. */
/** `cache`: reuse the checks of status lists and accreditations across many calls (a verifier keeps one too). */
export async function verifyOverHttp(issuer: TestIssuer, vc: unknown, opts: { cache?: VerificationCache } = {}): Promise<CredentialVerification> {
  const resolveDidWeb = async (did: string): Promise<DidDocument> => {
    const res = await fetch(didWebToUrl(did, 'http'));
    if (!res.ok) throw new Error(`did:web ${res.status}`);
    return (await res.json()) as DidDocument;
  };
  const documentLoader = createDocumentLoader({ resolveDidWeb });
  const lanDoc = (await (await fetch(`${issuer.url}/.well-known/did.json`)).json()) as DidDocument;
  const lanKey = lanDoc.verificationMethod?.[0]?.publicKeyMultibase ?? '';
  return verifyCredential(vc, {
    documentLoader,
    now: issuer.services.ctx.now(),
    ...(opts.cache ? { cache: opts.cache } : {}),
    fetchStatusList: async (u) => {
      const res = await fetch(u);
      return { credential: await res.json(), fetchedAt: issuer.services.ctx.now() };
    },
    accreditation: {
      trustAnchor: { did: lanDoc.id, publicKeyMultibase: lanKey },
      findAccreditations: async (did) => {
        const reg = (await (await fetch(`${issuer.url}/registry`)).json()) as { accreditations: Array<{ credentialSubject: { id: string } }> };
        return reg.accreditations.filter((a) => a.credentialSubject.id === did);
      },
    },
  });
}

/** A wallet: did:key holder that answers a claim offer's DIDAuthentication request. */
export async function makeWallet(seedByte = 9): Promise<{ did: string; answer(offer: Loose, now: Date): Promise<Record<string, unknown>> }> {
  const pair = await generateKeyPair(new Uint8Array(32).fill(seedByte));
  const { did, keyId } = didKeyFromPublicKey(pair.publicKey);
  return {
    did,
    async answer(offer, now) {
      const req = offer.verifiablePresentationRequest;
      const vp = buildPresentation({ holder: did, credentials: [] });
      delete vp.verifiableCredential;
      return signPresentation(vp, { signer: createSigner(keyId, pair.secretKey), documentLoader: createDocumentLoader(), now, challenge: req.challenge, domain: req.domain });
    },
  };
}

export async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 60_000, stepMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** The text pdfkit drew: inflate each content stream and decode its hex strings (WinAnsi). */
export function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const bin = pdf.toString('latin1');
  for (const m of bin.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = bin.indexOf('endstream', start);
    let text: string;
    try {
      text = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // images and other binary streams
    }
    for (const h of text.matchAll(/<([0-9a-fA-F]+)>/g)) out.push(Buffer.from(h[1]!, 'hex').toString('latin1'));
    out.push('\n');
  }
  return out.join('');
}

