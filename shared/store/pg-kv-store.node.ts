/**
 * Node-only: the storage seam (kv.ts) on PostgreSQL, for several instances of a service
 * sharing one database. Same five calls and the same ordering as LevelDB, so services do
 * not know which one they run on.
 *
 * - One table `kv (ns, collection, key, value)`, primary key (ns, collection, key): `ns`
 *   keeps the issuer's and the verifier's collections apart in one database. Keys sort
 *   byte-wise (`COLLATE "C"`), as in LevelDB; values are JSON text, returned as written.
 * - `batch` is one transaction (one statement when it only puts or only deletes).
 * - `exclusive(key, fn)` holds `pg_advisory_xact_lock(hash(ns, key))` in a transaction on
 *   a connection of its own (a separate pool, so lock holders never starve the queries they
 *   run inside). The lock dies with the connection: an instance killed mid-section releases
 *   it, and another instance continues from what the store says. Nested sections reuse the
 *   outer section's connection (found through AsyncLocalStorage) with a session lock that
 *   they release on exit, so a nested lock never waits for a pool slot its own caller holds.
 * - The schema is created and migrated at open, under a lock, in one transaction, with the
 *   applied versions recorded in `kv_migrations`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { PoolClient } from 'pg';
import { KeyedLock } from '../util/keyed-lock.js';
import type { BatchOp, KvStore, ListOptions } from './kv.js';

/** Ordered; a published migration is never edited, only followed by a new one. */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'kv table',
    sql: `CREATE TABLE kv (
      ns text NOT NULL,
      collection text NOT NULL,
      key text COLLATE "C" NOT NULL,
      value text NOT NULL,
      PRIMARY KEY (ns, collection, key)
    )`,
  },
];

/** A fixed advisory lock id for migrations ("kv-migr" in ASCII), so instances starting together migrate once. */
const MIGRATION_LOCK = '30247759989270386';

/** PostgreSQL error codes a batch may simply be retried on (deadlock, serialization failure). */
const RETRYABLE = new Set(['40P01', '40001']);

interface LockScope {
  client: PoolClient;
  held: Set<string>;
  /** Parallel branches inside one section share its connection: this keeps them apart. */
  local: KeyedLock;
}

export interface PgStoreOptions {
  /** Separates services (and tests) sharing one database: `issuer`, `verifier`. */
  namespace: string;
  /** Connections for queries and batches (default 10). */
  poolSize?: number;
  /** Connections that hold `exclusive` locks (default 10); a section waiting for one waits in memory. */
  lockPoolSize?: number;
}

export class PgKvStore<C extends string = string> implements KvStore<C> {
  private readonly scopes = new AsyncLocalStorage<LockScope>();
  /** Same-key sections of this process queue here, not on a database connection each. */
  private readonly local = new KeyedLock();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly lockPool: pg.Pool,
    private readonly ns: string,
  ) {}

  /** Connects, creates or migrates the schema, and returns the store. */
  static async open<C extends string>(url: string, opts: PgStoreOptions): Promise<PgKvStore<C>> {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    const lockPool = new pg.Pool({ connectionString: url, max: opts.lockPoolSize ?? 10 });
    // An idle connection that breaks (server restart) must not crash the process.
    pool.on('error', () => undefined);
    lockPool.on('error', () => undefined);
    try {
      await migrate(pool);
    } catch (e) {
      await Promise.allSettled([pool.end(), lockPool.end()]);
      throw e;
    }
    return new PgKvStore<C>(pool, lockPool, opts.namespace);
  }

  async get<T>(collection: C, key: string): Promise<T | undefined> {
    const r = await this.pool.query<{ value: string }>({ name: 'kv_get', text: 'SELECT value FROM kv WHERE ns = $1 AND collection = $2 AND key = $3', values: [this.ns, collection, key] });
    const row = r.rows[0];
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async has(collection: C, key: string): Promise<boolean> {
    const r = await this.pool.query({ name: 'kv_has', text: 'SELECT 1 FROM kv WHERE ns = $1 AND collection = $2 AND key = $3', values: [this.ns, collection, key] });
    return (r.rowCount ?? 0) > 0;
  }

  async batch(ops: Array<BatchOp<C>>): Promise<void> {
    if (ops.length === 0) return;
    // The last operation on a key decides (as in a LevelDB batch). Serialise everything
    // before the first statement, so a value that cannot be written writes nothing.
    const last = new Map<string, { collection: C; key: string; value?: string }>();
    for (const op of ops) {
      const id = `${op.collection}\u0000${op.key}`;
      last.delete(id);
      last.set(id, op.type === 'put' ? { collection: op.collection, key: op.key, value: encode(op.value) } : { collection: op.collection, key: op.key });
    }
    // A fixed order of row locks, so two concurrent batches cannot deadlock on each other.
    const all = [...last.values()].sort((a, b) => (a.collection < b.collection ? -1 : a.collection > b.collection ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const puts = all.filter((o) => o.value !== undefined);
    const dels = all.filter((o) => o.value === undefined);
    const statements: Array<[string, unknown[]]> = [];
    if (dels.length > 0) {
      statements.push([
        'DELETE FROM kv WHERE ns = $1 AND (collection, key) IN (SELECT c, k FROM unnest($2::text[], $3::text[]) AS t(c, k))',
        [this.ns, dels.map((o) => o.collection), dels.map((o) => o.key)],
      ]);
    }
    if (puts.length > 0) {
      statements.push([
        `INSERT INTO kv (ns, collection, key, value)
         SELECT $1, c, k, v FROM unnest($2::text[], $3::text[], $4::text[]) AS t(c, k, v)
         ON CONFLICT (ns, collection, key) DO UPDATE SET value = EXCLUDED.value`,
        [this.ns, puts.map((o) => o.collection), puts.map((o) => o.key), puts.map((o) => o.value)],
      ]);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        if (statements.length === 1) {
          const [sql, params] = statements[0]!;
          await this.pool.query(sql, params);
        } else {
          await this.transaction(async (client) => {
            for (const [sql, params] of statements) await client.query(sql, params);
          });
        }
        return;
      } catch (e) {
        if (attempt >= 3 || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
      }
    }
  }

  async list<T>(collection: C, opts: ListOptions = {}): Promise<Array<{ key: string; value: T }>> {
    const params: unknown[] = [this.ns, collection];
    const where = ['ns = $1', 'collection = $2'];
    if (opts.prefix !== undefined) {
      params.push(opts.prefix);
      const p = `$${params.length}`;
      // The range lets the primary key index do the work; starts_with makes it exact.
      where.push(`key < ${p} || chr(1114111)`, `starts_with(key, ${p})`);
      if (opts.after === undefined) where.push(`key >= ${p}`);
    }
    if (opts.after !== undefined) {
      params.push(opts.after);
      where.push(`key > $${params.length}`);
    }
    let sql = `SELECT key, value FROM kv WHERE ${where.join(' AND ')} ORDER BY key ${opts.reverse ? 'DESC' : 'ASC'}`;
    if (opts.limit !== undefined) {
      params.push(opts.limit);
      sql += ` LIMIT $${params.length}`;
    }
    const r = await this.pool.query<{ key: string; value: string }>(sql, params);
    return r.rows.map((row) => ({ key: row.key, value: JSON.parse(row.value) as T }));
  }

  async exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const scope = this.scopes.getStore();
    if (scope) {
      // Nested: the outer section's connection takes this lock too, as a session lock that
      // is released when the nested section ends (a batch job holding `batch:<id>` for
      // minutes must not hold its provider's `status:` lock that long).
      return scope.local.run(key, async () => {
        if (scope.held.has(key)) return fn();
        const id = this.lockId(key);
        await scope.client.query('SELECT pg_advisory_lock($1)', [id]);
        scope.held.add(key);
        try {
          return await fn();
        } finally {
          scope.held.delete(key);
          // Not awaited: this connection runs its statements in order, so anything the section
          // sends next (the same lock again, the ROLLBACK) comes after the unlock anyway. If it
          // fails the connection is gone, and the lock with it.
          scope.client.query('SELECT pg_advisory_unlock($1)', [id]).catch(() => undefined);
        }
      });
    }
    // The ROLLBACK that frees the database lock is sent before this process's next holder of
    // `key` starts, but not awaited inside the queue: that holder's lock request travels
    // while the ROLLBACK does, and the database still grants it only after the ROLLBACK (the
    // database lock is what excludes, so this takes one round trip off every hand-over
    // without weakening anything). The caller still gets its answer only after the ROLLBACK.
    let released: Promise<void> = Promise.resolve();
    try {
      return await this.local.run(key, async () => {
        const client = await this.lockPool.connect();
        let broken = false;
        try {
          // One round trip: the id is a number made here (lockId), never caller text.
          await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${this.lockId(key)})`);
          return await this.scopes.run({ client, held: new Set([key]), local: new KeyedLock() }, fn);
        } catch (e) {
          broken = isConnectionError(e);
          throw e;
        } finally {
          // Nothing is written on this connection: ending the transaction only releases the locks.
          released = broken ? Promise.resolve(client.release(true)) : client.query('ROLLBACK').then(() => client.release(), () => client.release(true));
        }
      });
    } finally {
      await released;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }

  /** A 64-bit advisory lock id for this namespace's key (SHA-256, first 8 bytes, signed). */
  private lockId(key: string): string {
    const digest = createHash('sha256').update(`${this.ns}\u0000${key}`).digest();
    return BigInt.asIntN(64, digest.readBigUInt64BE(0)).toString();
  }

  private async transaction(fn: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      await fn(client);
      await client.query('COMMIT');
    } catch (e) {
      broken = isConnectionError(e);
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw e;
    } finally {
      client.release(broken);
    }
  }
}

/** Opens a PostgreSQL store for `namespace` (creating or migrating the schema). */
export function openPgStore<C extends string>(url: string, opts: PgStoreOptions): Promise<PgKvStore<C>> {
  return PgKvStore.open<C>(url, opts);
}

/** Applies every migration not yet recorded, once, even when several instances start together. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query(`CREATE TABLE IF NOT EXISTS kv_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM kv_migrations')).rows.map((r) => r.version));
    const newest = Math.max(...MIGRATIONS.map((m) => m.version));
    const ahead = [...done].filter((v) => v > newest);
    if (ahead.length > 0) throw new Error(`The database schema (version ${Math.max(...ahead)}) is newer than this program (${newest}); upgrade the program.`);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO kv_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function encode(value: unknown): string {
  const text = JSON.stringify(value);
  if (typeof text !== 'string') throw new TypeError('A stored value must be JSON.');
  return text;
}

function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  // Class 08: connection exceptions; 57P01..03: the server is shutting down.
  return code.startsWith('08') || code.startsWith('57P') || !(e as { severity?: string }).severity && /Connection terminated|ECONNRESET|EPIPE/i.test(String((e as Error).message));
}
