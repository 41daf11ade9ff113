/**
 * Issuance per instance on each store: one real issuer app (HTTP on 127.0.0.1, the same
 * path a provider's LMS takes) over LevelDB and over PostgreSQL (a throw-away cluster from
 * Debian's postgresql, as the tests use; skipped when it is not installed). Sequential, and
 * 8 requests in flight (one provider: they share its status lock, the worst case).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createIssuer } from '../issuer/app.js';
import type { KvStore } from '../issuer/store/kv.js';
import { openLevelStore } from '../issuer/store/level-store.js';
import { openPgStore } from '../issuer/store/pg-store.js';
import { startPgCluster } from '../test/helpers/postgres.js';

export interface StoreRow { name: string; ops: number; msPerOp: number }

const ADMIN = 'bench-admin-token-0123456789';
const INPUT = {
  learner: { name: 'Siti Rahmawati', nip: '198609262015052001' },
  course: { id: 'PKP-2025-01', name: { id: 'Pelatihan Kepemimpinan Pengawas', en: 'Supervisory Leadership Training' }, description: { id: 'Pelatihan kepemimpinan tingkat pengawas.' } },
  competency: { type: 'manajerial', code: 'M.01', level: 3 },
  jp: 40, learningMode: 'klasikal', learningPath: 'pelatihan', startDate: '2025-03-01', endDate: '2025-03-10', result: { passed: true, score: 88.5 },
};

async function post(url: string, token: string, body: unknown): Promise<{ status: number; body: { token?: string } }> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { token?: string } };
}

async function issuanceOn(label: string, store: KvStore, n: number): Promise<StoreRow[]> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { app, services } = createIssuer({
    store, now: () => new Date(), masterKey: new Uint8Array(32).fill(5), adminToken: ADMIN, logger: pino({ level: 'silent' }),
    settings: { publicUrl: base, claimOfferTtlSeconds: 3600, statusListLength: 131072 }, rateLimit: { windowMs: 60_000, limit: 1_000_000 },
  });
  server.on('request', app);
  await services.keys.ensureLanKey();
  try {
    const reg = await post(`${base}/admin/providers`, ADMIN, {
      id: 'bench-prov', name: 'Penyedia bench', legalIdentifier: 'NIB-bench', contact: { email: 'b@example.org' },
      scope: { competencyTypes: ['manajerial'], competencyCodes: [] }, grade: 'A', validFrom: '2024-01-01T00:00:00Z', validUntil: '2035-01-01T00:00:00Z',
    });
    if (reg.status !== 201) throw new Error(`bench provider: ${reg.status}`);
    const key = (await post(`${base}/providers/bench-prov/api-keys`, ADMIN, { role: 'issuer', label: 'bench' })).body.token ?? '';
    const issue = async () => {
      const r = await post(`${base}/learning-credentials`, key, INPUT);
      if (r.status !== 201) throw new Error(`bench issuance: ${r.status}`);
    };
    for (let i = 0; i < 10; i++) await issue(); // warm-up
    const rows: StoreRow[] = [];
    for (const width of [1, 8]) {
      const t0 = performance.now();
      let left = n;
      await Promise.all(Array.from({ length: width }, async () => {
        while (left-- > 0) await issue();
      }));
      const ms = performance.now() - t0;
      rows.push({ name: `issue over HTTP, ${label}, ${width} in flight`, ops: Math.round((n / ms) * 1000), msPerOp: +(ms / n).toFixed(2) });
    }
    return rows;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await store.close();
  }
}

/** Issuance rows for LevelDB and (when installed) PostgreSQL. */
export async function benchIssuanceStores(n: number): Promise<StoreRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-level-'));
  const rows = await issuanceOn('LevelDB', await openLevelStore(dir), n).finally(() => rmSync(dir, { recursive: true, force: true }));
  const cluster = await startPgCluster({ durable: true });
  if ('missing' in cluster) {
    console.log(`PostgreSQL rows skipped: ${cluster.missing}`);
    return rows;
  }
  try {
    rows.push(...(await issuanceOn('PostgreSQL', await openPgStore(cluster.url), n)));
  } finally {
    cluster.stop();
  }
  return rows;
}
