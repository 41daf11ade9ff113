/**
 * HTTP throughput with autocannon at 50 connections on 127.0.0.1: `POST
 * /learning-credentials` on the real issuer (LevelDB) and `POST /credentials/verify` on the
 * real verifier (LevelDB), which fetches DID documents, status lists and the registry from
 * that issuer over HTTP (the issuer's public name `kredensial.bench` is mapped to its
 * loopback port, as DNS would). autocannon runs in its own process, so it does not take
 * the services' main thread. `workers` sizes both services' pools (0 = main thread only).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pino } from 'pino';
import { createIssuer } from '../issuer/app.js';
import { openLevelStore as openIssuerStore } from '../issuer/store/level-store.js';
import { createServices, createVerifierApp } from '../verifier/app.js';
import { DEFAULT_SETTINGS } from '../verifier/services/context.js';
import { openLevelStore as openVerifierStore } from '../verifier/store/level-store.js';
import { cohortRow } from './cohort.js';

export interface HttpRow {
  workers: number;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

const ADMIN = 'bench-admin-token-0123456789';
const PUBLIC = 'https://kredensial.bench';
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; base: string; port: number }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, base: `http://127.0.0.1:${port}`, port };
}

async function stop(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}

/** One autocannon run in a child process; the body is sent from a file. */
async function cannon(url: string, body: unknown, headers: Record<string, string>, connections: number, seconds: number, workers: number): Promise<HttpRow> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-cannon-'));
  const file = path.join(dir, 'body.json');
  writeFileSync(file, JSON.stringify(body));
  const args = [AUTOCANNON, '-c', String(connections), '-d', String(seconds), '-m', 'POST', '-i', file, '-H', 'content-type=application/json', '--json'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`autocannon exited with ${code}`))));
    });
    const r = JSON.parse(out) as { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; duration: number };
    return { workers, connections, seconds: Math.round(r.duration), requestsPerSecond: Math.round(r.requests.average), p50ms: r.latency.p50, p99ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Issue and verify throughput with both services' pools of `workers` threads. */
export async function benchHttp(workers: number, seconds = 10, connections = 50, only?: 'issue' | 'verify'): Promise<{ issue?: HttpRow; verify?: HttpRow }> {
  const dirs = [mkdtempSync(path.join(os.tmpdir(), 'bench-http-i-')), mkdtempSync(path.join(os.tmpdir(), 'bench-http-v-'))] as const;
  const issuerStore = await openIssuerStore(dirs[0]);
  const verifierStore = await openVerifierStore(dirs[1]);
  const issuerHttp = await listen(() => undefined);
  const { app, services } = createIssuer({
    store: issuerStore, now: () => new Date(), masterKey: new Uint8Array(32).fill(5), adminToken: ADMIN, logger: pino({ level: 'silent' }),
    settings: { publicUrl: PUBLIC, claimOfferTtlSeconds: 3600, statusListLength: 131072 }, rateLimit: { windowMs: 60_000, limit: 1_000_000_000 },
    signWorkers: workers,
  });
  issuerHttp.server.on('request', app);
  await services.keys.ensureLanKey();
  const toIssuer = (input: string, init?: RequestInit) => globalThis.fetch(input.startsWith(`${PUBLIC}/`) ? `${issuerHttp.base}${input.slice(PUBLIC.length)}` : input, init);
  let verifierHttp: Awaited<ReturnType<typeof listen>> | undefined;
  let verification: { close(): Promise<void> } | undefined;
  try {
    const post = async (p: string, token: string, body: unknown) => {
      const res = await fetch(`${issuerHttp.base}${p}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const reg = await post('/admin/providers', ADMIN, {
      id: 'bench-http', name: 'Penyedia bench', legalIdentifier: 'NIB-bench', contact: { email: 'b@example.org' },
      scope: { competencyTypes: ['manajerial'], competencyCodes: [] }, grade: 'A', validFrom: '2024-01-01T00:00:00Z', validUntil: '2035-01-01T00:00:00Z',
    });
    if (reg.status !== 201) throw new Error(`bench provider: ${reg.status}`);
    const key = String((await post('/providers/bench-http/api-keys', ADMIN, { role: 'issuer', label: 'bench' })).body.token ?? '');
    const first = await post('/learning-credentials', key, cohortRow(1));
    if (first.status !== 201) throw new Error(`bench issuance: ${first.status}`);
    for (let i = 0; i < 30; i++) await post('/learning-credentials', key, cohortRow(i)); // warm-up (pool threads start, JIT)
    const issue = only === 'verify' ? undefined : await cannon(`${issuerHttp.base}/learning-credentials`, cohortRow(2), { authorization: `Bearer ${key}` }, connections, seconds, workers);

    const lan = (await (await fetch(`${issuerHttp.base}/.well-known/did.json`)).json()) as { id: string; verificationMethod: Array<{ publicKeyMultibase: string }> };
    verifierHttp = await listen(() => undefined);
    const settings = {
      ...DEFAULT_SETTINGS,
      publicUrl: verifierHttp.base,
      trustAnchor: { did: lan.id, publicKeyMultibase: lan.verificationMethod[0]?.publicKeyMultibase ?? '' },
      issuerOrigins: [PUBLIC],
      registryUrl: `${PUBLIC}/registry`,
      secret: 'bench-secret-0123456789-0123456789-0123456789',
      rateLimitPerMinute: 1_000_000_000,
    };
    const now = () => new Date();
    const vServices = createServices({ store: verifierStore, now, settings, fetch: toIssuer, verifyWorkers: workers });
    verification = vServices.verification;
    verifierHttp.server.on('request', createVerifierApp({ store: verifierStore, now, settings, fetch: toIssuer, services: vServices }));
    const body = { verifiableCredential: first.body.verifiableCredential };
    for (let i = 0; i < 30; i++) {
      const r = await fetch(`${verifierHttp.base}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (r.status !== 200) throw new Error(`bench verification: ${r.status} ${(await r.text()).slice(0, 300)}`);
    }
    const verify = only === 'issue' ? undefined : await cannon(`${verifierHttp.base}/credentials/verify`, body, {}, connections, seconds, workers);
    return { ...(issue ? { issue } : {}), ...(verify ? { verify } : {}) };
  } finally {
    if (verifierHttp) await stop(verifierHttp.server);
    await verification?.close();
    await stop(issuerHttp.server);
    await services.close();
    await issuerStore.close();
    await verifierStore.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const workers = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());
  const only = process.env.BENCH_HTTP_ONLY;
  console.table(await benchHttp(workers, Number(process.env.BENCH_HTTP_SECONDS ?? 10), 50, only === 'verify' || only === 'issue' ? only : undefined));
}
