/**
 * Vitest global setup: one throw-away PostgreSQL cluster for the whole run (see
 * test/helpers/postgres.ts), shared by both projects (leveldb, postgres). Missing
 * PostgreSQL: the PostgreSQL suites skip and say why — except in CI, where it fails the
 * run, so CI never passes without them.
 */
import type { TestProject } from 'vitest/node';
import { startPgCluster } from '../helpers/postgres.js';
import type { PgCluster } from '../helpers/postgres.js';

// Each project loads this file; the cluster is started once and stopped by the last teardown.
const shared = globalThis as { __pgCluster?: Promise<PgCluster | { missing: string }>; __pgUsers?: number };

export async function setup(project: TestProject): Promise<void> {
  shared.__pgUsers = (shared.__pgUsers ?? 0) + 1;
  shared.__pgCluster ??= startPgCluster();
  const started = await shared.__pgCluster;
  if ('missing' in started) {
    if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI needs PostgreSQL for the storage tests: ${started.missing}`);
    process.stderr.write(`PostgreSQL tests skipped: ${started.missing}\n`);
    project.provide('pgUrl', '');
    project.provide('pgMissingReason', started.missing);
    return;
  }
  project.provide('pgUrl', started.url);
  project.provide('pgMissingReason', '');
}

export async function teardown(): Promise<void> {
  shared.__pgUsers = (shared.__pgUsers ?? 1) - 1;
  if (shared.__pgUsers > 0 || !shared.__pgCluster) return;
  const started = await shared.__pgCluster;
  shared.__pgCluster = undefined;
  if (!('missing' in started)) started.stop();
}
