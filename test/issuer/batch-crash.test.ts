/**
 * A cohort survives kill -9: the real server (`npx tsx issuer/server.ts`) is killed in the
 * middle of a batch and restarted on the same data folder; every valid row ends up issued
 * exactly once and no status index is shared. With TEST_STORE=postgres the server runs on
 * a fresh PostgreSQL database (DATABASE_URL) instead of LevelDB.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLevelStore } from '../../issuer/store/level-store.js';
import { openPgStore } from '../../issuer/store/pg-store.js';
import { freshDatabase, testStoreIsPostgres } from '../helpers/pg-run.js';
import type { CredentialRecord } from '../../issuer/services/records.js';
import { call, learningInput, setupProvider, waitFor } from './helpers.js';
import { killTree, startIssuerProcess } from './process.js';
import { freePort } from '../helpers/free-port.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'issuer-crash-'));
let child: ChildProcess | undefined;
const databaseUrl = testStoreIsPostgres() ? await freshDatabase() : undefined;

afterAll(async () => {
  await killTree(child);
  rmSync(dataDir, { recursive: true, force: true });
});


function startServer(port: number): Promise<ChildProcess> {
  return startIssuerProcess(port, { ISSUER_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
}

describe('batch crash and resume', () => {
  it('kill -9 mid-batch, restart: counts add up, no row issued twice, no index reused', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startServer(port);
    const { apiKey } = await setupProvider(url, 'crash-prov');
    const rows = Array.from({ length: 300 }, (_, i) => (i % 50 === 7 ? learningInput({ jp: -5 }) : learningInput()));
    const invalid = rows.filter((r) => r.jp === -5).length;
    const job = await call(url, 'POST', '/batches', { token: apiKey, body: rows });
    expect(job.status).toBe(202);
    await waitFor(async () => {
      const j = await call(url, 'GET', `/batches/${job.body.id}`, { token: apiKey });
      return j.body.done >= 40 ? true : undefined;
    }, 60_000, 20);
    // Kill the whole tree hard: no shutdown handler runs.
    await killTree(child);
    const mid = await readCounts();
    expect(mid.issued).toBeLessThan(rows.length - invalid);

    child = await startServer(port);
    const done = await waitFor(async () => {
      const j = await call(url, 'GET', `/batches/${job.body.id}`, { token: apiKey });
      return j.body.state === 'completed' ? j.body : undefined;
    }, 120_000, 200);
    expect(done).toMatchObject({ total: 300, done: 300 - invalid, failed: invalid, pending: 0 });
    await killTree(child);
    child = undefined;

    const after = await readCounts();
    expect(after.issued).toBe(300 - invalid);
    expect(after.credentials).toBe(300 - invalid);
    expect(after.uniqueRows).toBe(300 - invalid);
    expect(after.uniqueRevocation).toBe(300 - invalid);
    expect(after.uniqueSuspension).toBe(300 - invalid);
  }, 240_000);
});

async function readCounts(): Promise<{ issued: number; credentials: number; uniqueRows: number; uniqueRevocation: number; uniqueSuspension: number }> {
  const store = await waitFor(async () => {
    try {
      return databaseUrl ? await openPgStore(databaseUrl) : await openLevelStore(path.join(dataDir, 'db'));
    } catch {
      return undefined; // the lock is released once the killed process is gone
    }
  }, 10_000, 100);
  try {
    const creds = (await store.list<CredentialRecord>('credentials')).map((e) => e.value).filter((c) => c.batch);
    const rows = (await store.list<{ state: string }>('batchRows')).map((e) => e.value);
    const uniq = (xs: unknown[]) => new Set(xs.map((x) => JSON.stringify(x))).size;
    return {
      issued: rows.filter((r) => r.state === 'issued').length,
      credentials: creds.length,
      uniqueRows: uniq(creds.map((c) => c.batch?.row)),
      uniqueRevocation: uniq(creds.map((c) => c.refs.revocation)),
      uniqueSuspension: uniq(creds.map((c) => c.refs.suspension)),
    };
  } finally {
    await store.close();
  }
}
