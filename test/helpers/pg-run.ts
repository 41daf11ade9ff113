/** The test-file side of the run's PostgreSQL cluster (test/helpers/postgres.ts). */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { describe, inject } from 'vitest';
import type { KvStore } from '../../shared/store/kv.js';
import { openPgStore } from '../../shared/store/pg-kv-store.node.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the run's throw-away cluster; '' when PostgreSQL is not installed. */
    pgUrl: string;
    pgMissingReason: string;
  }
}

/** The run's cluster URL ('' when PostgreSQL is missing here). */
export function pgUrl(): string {
  return inject('pgUrl');
}

/**
 * `describe` for suites that need PostgreSQL: skipped, with the reason in the name, when it
 * is not installed (test/setup/postgres.ts has already failed the run in CI).
 */
export function describePg(name: string, fn: () => void): void {
  if (pgUrl()) describe(name, fn);
  else describe.skip(`${name} — SKIPPED: ${inject('pgMissingReason')}`, fn);
}

/** A new empty database in the run's cluster; its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = pgUrl();
  if (!admin) throw new Error('PostgreSQL is not available in this run.');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/postgres$/, `/${name}`);
}


/** Which store the issuer and verifier harnesses open: TEST_STORE=postgres (vitest project `postgres`) or LevelDB. */
export function testStoreIsPostgres(): boolean {
  return process.env.TEST_STORE === 'postgres';
}

let fileDatabase: Promise<string> | undefined;

/**
 * A PostgreSQL store standing in for a harness's LevelDB folder: one database per test
 * file, one namespace per data folder, so reopening the same folder (a restart) reopens
 * the same data, as LevelDB would.
 */
export async function openPgTestStore<C extends string>(service: string, dataDir: string): Promise<KvStore<C>> {
  fileDatabase ??= freshDatabase();
  return openPgStore<C>(await fileDatabase, { namespace: `${service}:${path.basename(dataDir)}`, poolSize: 5, lockPoolSize: 5 });
}
