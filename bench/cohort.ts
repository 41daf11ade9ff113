/**
 * A cohort through the REAL batch job: one issuer app (HTTP on 127.0.0.1, LevelDB in a temp
 * folder), a provider registered by the admin API, `POST /batches` with the rows as JSON,
 * then `GET /batches/:id` until the job is completed. The wall time runs from the POST to
 * the completed job (intake, sealing, allocation, signing, every LevelDB batch); the heap
 * is read after the job (after a GC when node runs with --expose-gc).
 *
 * `signWorkers` is the signing pool's size (0 = sign on the main thread, "one core").
 * Standalone: `BENCH_COHORT_ROWS=2000 npx tsx --expose-gc bench/cohort.ts`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createIssuer } from '../issuer/app.js';
import { openLevelStore } from '../issuer/store/level-store.js';

export interface CohortResult {
  rows: number;
  signWorkers: number;
  wallSeconds: number;
  /** CPU of the whole process (main + pool threads) from the POST to the completed job. */
  cpuSeconds: number;
  cpuMsPerRow: number;
  intakeSeconds: number;
  rowsPerSecond: number;
  msPerRow: number;
  heapUsedMB: number;
  rssMB: number;
  done: number;
  failed: number;
}

const ADMIN = 'bench-admin-token-0123456789';
const NAMES = ['Siti Rahmawati', 'Budi Santoso', 'I Gusti Ngurah Rai', 'Dewi Lestari', 'Ñuño Ôlafsdóttir', 'Muhammad Abdullah'];

/** Row `i` of the cohort: distinct, valid NIPs (birth date, appointment, sex, sequence). */
export function cohortRow(i: number): Record<string, unknown> {
  const seq = String(1 + (i % 999)).padStart(3, '0');
  const day = String(1 + (Math.floor(i / 999) % 28)).padStart(2, '0');
  return {
    learner: { name: NAMES[i % NAMES.length], nip: `198609${day}2015052${seq}` },
    course: { id: 'PKP-2025-01', name: { id: 'Pelatihan Kepemimpinan Pengawas', en: 'Supervisory Leadership Training' }, description: { id: 'Pelatihan kepemimpinan tingkat pengawas.' } },
    competency: { type: 'manajerial', code: 'M.01', level: 3 },
    jp: 40, learningMode: 'klasikal', learningPath: 'pelatihan', startDate: '2025-03-01', endDate: '2025-03-10', result: { passed: true, score: 88.5 },
  };
}

async function call(url: string, method: string, token: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Runs one cohort of `rows` rows with a signing pool of `signWorkers` threads. */
export async function benchCohort(rows: number, signWorkers: number): Promise<CohortResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-cohort-'));
  const store = await openLevelStore(path.join(dir, 'db'));
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { app, services } = createIssuer({
    store, now: () => new Date(), masterKey: new Uint8Array(32).fill(5), adminToken: ADMIN, logger: pino({ level: 'silent' }),
    settings: { publicUrl: base, claimOfferTtlSeconds: 3600, statusListLength: 131072 }, rateLimit: { windowMs: 60_000, limit: 1_000_000 },
    signWorkers,
  });
  server.on('request', app);
  await services.keys.ensureLanKey();
  services.batches.start();
  try {
    const reg = await call(`${base}/admin/providers`, 'POST', ADMIN, {
      id: 'bench-cohort', name: 'Penyedia bench', legalIdentifier: 'NIB-bench', contact: { email: 'b@example.org' },
      scope: { competencyTypes: ['manajerial'], competencyCodes: [] }, grade: 'A', validFrom: '2024-01-01T00:00:00Z', validUntil: '2035-01-01T00:00:00Z',
    });
    if (reg.status !== 201) throw new Error(`bench provider: ${reg.status}`);
    const key = String((await call(`${base}/providers/bench-cohort/api-keys`, 'POST', ADMIN, { role: 'issuer', label: 'bench' })).body.token ?? '');
    const cohort = Array.from({ length: rows }, (_, i) => cohortRow(i));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const job = await call(`${base}/batches`, 'POST', key, cohort);
    if (job.status !== 202) throw new Error(`bench batch: ${job.status} ${JSON.stringify(job.body).slice(0, 300)}`);
    const intakeSeconds = (performance.now() - t0) / 1000;
    let state: Record<string, unknown> = {};
    for (;;) {
      state = (await call(`${base}/batches/${String(job.body.id)}`, 'GET', key)).body;
      if (state.state === 'completed' || state.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const wall = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu0);
    const cpuSeconds = (used.user + used.system) / 1e6;
    globalThis.gc?.();
    const mem = process.memoryUsage();
    return {
      rows, signWorkers, wallSeconds: +wall.toFixed(1), cpuSeconds: +cpuSeconds.toFixed(1), cpuMsPerRow: +((cpuSeconds * 1000) / rows).toFixed(2), intakeSeconds: +intakeSeconds.toFixed(1),
      rowsPerSecond: Math.round(rows / wall), msPerRow: +((wall * 1000) / rows).toFixed(2),
      heapUsedMB: +(mem.heapUsed / 1024 / 1024).toFixed(1), rssMB: +(mem.rss / 1024 / 1024).toFixed(1),
      done: Number(state.done), failed: Number(state.failed),
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await services.batches.stop();
    await services.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.env.BENCH_COHORT_ROWS ?? 1000);
  const workers = Number(process.env.BENCH_SIGN_WORKERS ?? os.availableParallelism());
  console.table([await benchCohort(rows, workers)]);
}
