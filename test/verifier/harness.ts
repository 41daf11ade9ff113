/**
 * Test harness: a real verifier (express on 127.0.0.1, port 0, LevelDB in a temp folder)
 * and a stand-in issuer, also real HTTP, that serves the fixture world's DID documents,
 * signed status lists and accreditation registry. The world's DIDs name
 * `kredensial.example`; the verifier's injected fetch maps that origin to the stand-in's
 * loopback port (as DNS would), so every fetch crosses a socket and the allow-list,
 * redirect, size and time caps all run for real.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createServices, createVerifierApp } from '../../verifier/app.js';
import type { Services } from '../../verifier/app.js';
import { DEFAULT_SETTINGS } from '../../verifier/services/context.js';
import type { VerifierSettings } from '../../verifier/services/context.js';
import { openLevelStore } from '../../verifier/store/level-store.js';
import type { Collection, KvStore } from '../../verifier/store/kv.js';
import { openPgTestStore, testStoreIsPostgres } from '../helpers/pg-run.js';
import { NOW, ORIGIN, createWorld } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';

export const BOOTSTRAP_TOKEN = 'bootstrap-token-for-tests-0123456789';

export interface StandInIssuer {
  port: number;
  hits: string[];
  /** Status list answers, in order: path and HTTP status (304 when revalidated). */
  statusAnswers: Array<{ path: string; status: number }>;
  /** Printed-certificate links: `/certificates/<id>` answers the credential put here (no NIP asked). */
  certificates: Map<string, unknown>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Serves the world over HTTP on a loopback port; `stop()` makes the issuer unreachable. */
export async function startStandInIssuer(world: World, fixedPort = 0): Promise<StandInIssuer> {
  const app = express();
  const hits: string[] = [];
  const statusAnswers: StandInIssuer['statusAnswers'] = [];
  app.use((req, res, next) => {
    hits.push(req.path);
    if (req.path.startsWith('/status/')) res.on('finish', () => statusAnswers.push({ path: req.path, status: res.statusCode }));
    next();
  });
  app.get('/.well-known/did.json', (_req, res) => void res.json(world.didDocs.get(world.lan.did)));
  app.get('/providers/:id/did.json', (req, res) => {
    const doc = world.didDocs.get(`${world.lan.did}:providers:${req.params.id}`);
    if (!doc) res.status(404).json({ code: 'NOT_FOUND' });
    else res.json(doc);
  });
  app.get('/status/:who/:purpose/:n', (req, res) => {
    const list = world.statusLists.get(`${ORIGIN}${req.path}`);
    if (!list?.signed) res.status(404).json({ code: 'NOT_FOUND' });
    else res.json(list.signed);
  });
  app.get('/registry', (_req, res) => void res.json({ accreditations: world.accreditations, providers: [] }));
  const certificates = new Map<string, unknown>();
  app.all('/certificates/:id', (req, res) => {
    const vc = certificates.get(String(req.params.id));
    if (!vc) res.status(404).json({ code: 'NOT_FOUND' });
    else res.json(vc);
  });
  app.get('/redirect', (_req, res) => void res.redirect('http://169.254.169.254/latest/meta-data'));
  app.get('/huge', (_req, res) => void res.json({ pad: 'x'.repeat(2_000_000) }));

  let server: http.Server | undefined;
  const self: StandInIssuer = {
    port: fixedPort,
    hits,
    statusAnswers,
    certificates,
    async start() {
      server = http.createServer(app);
      await new Promise<void>((resolve) => server!.listen(self.port, '127.0.0.1', resolve));
      self.port = (server.address() as AddressInfo).port;
    },
    async stop() {
      if (!server) return;
      const s = server;
      server = undefined;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await self.start();
  return self;
}

export interface Clock {
  now: () => Date;
  set(d: Date): void;
  advance(seconds: number): void;
}

export function testClock(start = NOW): Clock {
  let t = start.getTime();
  return { now: () => new Date(t), set: (d) => void (t = d.getTime()), advance: (s) => void (t += s * 1000) };
}

export interface RunningVerifier {
  url: string;
  services: Services;
  store: KvStore;
  dataDir: string;
  settings: VerifierSettings;
  close(opts?: { keepData?: boolean }): Promise<void>;
}

/** The store a test verifier opens for `dataDir`: LevelDB there, or PostgreSQL with TEST_STORE=postgres (a restart on the same folder reopens the same data). */
export async function openTestStore(dataDir: string): Promise<KvStore> {
  return testStoreIsPostgres() ? openPgTestStore<Collection>('verifier', dataDir) : openLevelStore(dataDir);
}

/** Starts a verifier over LevelDB in `dataDir` (a fresh temp dir by default), or PostgreSQL with TEST_STORE=postgres. */
export async function startVerifier(opts: {
  world: World;
  issuer: StandInIssuer;
  clock: Clock;
  settings?: Partial<VerifierSettings>;
  dataDir?: string;
  /** A store opened by the caller (two instances on one PostgreSQL database); closed with the verifier. */
  store?: KvStore;
  /** Threads of the verification pool (default 0: the pipeline on the test's thread). */
  verifyWorkers?: number;
}): Promise<RunningVerifier> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'verifier-test-')));
  const store = opts.store ?? (await openTestStore(dataDir));
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const settings: VerifierSettings = {
    ...DEFAULT_SETTINGS,
    publicUrl: url,
    trustAnchor: { did: opts.world.lan.did, publicKeyMultibase: opts.world.lan.publicKeyMultibase },
    issuerOrigins: [ORIGIN],
    registryUrl: `${ORIGIN}/registry`,
    secret: 'test-secret-0123456789-0123456789-0123456789',
    bootstrapToken: BOOTSTRAP_TOKEN,
    rateLimitPerMinute: 10_000,
    ...opts.settings,
  };
  // "DNS" for the fixture origin: the stand-in issuer's loopback port.
  const fetchToIssuer = (input: string, init?: RequestInit) =>
    globalThis.fetch(input.startsWith(`${ORIGIN}/`) ? `http://127.0.0.1:${opts.issuer.port}${input.slice(ORIGIN.length)}` : input, init);
  const services = createServices({ store, now: opts.clock.now, settings, fetch: fetchToIssuer, ...(opts.verifyWorkers ? { verifyWorkers: opts.verifyWorkers } : {}) });
  const app = createVerifierApp({ store, now: opts.clock.now, settings, fetch: fetchToIssuer, services });
  server.on('request', app);
  return {
    url, services, store, dataDir, settings,
    async close({ keepData = false } = {}) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.verification.close();
      await store.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A world with the curated provider accredited for every competency type in 2026. */
export async function curatedWorld(): Promise<World> {
  const world = await createWorld();
  await world.accredit({
    provider: world.provider, types: ['manajerial', 'teknis', 'sosial-kultural', 'pemerintahan'],
    from: new Date('2025-01-01T00:00:00Z'), until: new Date('2027-12-31T00:00:00Z'),
  });
  return world;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A distinct urn:uuid per number, for credentials that must not share an id. */
export function credentialId(n: number): string {
  return `urn:uuid:7e0c2a4b-1d3f-4a5b-8c6d-${String(n).padStart(12, '0')}`;
}
