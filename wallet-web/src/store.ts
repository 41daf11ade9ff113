/**
 * The wallet's persistence: one `level` database (IndexedDB in the browser through
 * browser-level; memory-level or classic-level in tests) holding JSON strings under a few
 * key prefixes. Knows nothing about encryption: callers hand it sealed records.
 *
 *   vault            the holder key record (sealed secret key, KDF parameters, DID)
 *   cred:<hash>      one sealed credential record
 *   settings         language, verifier origin, employment kind (not secret)
 *   cache:<url>      public documents (DID documents, status lists) for offline checks
 */
import { AppError } from '../../shared/errors.js';

export type BatchOp = { type: 'put'; key: string; value: string } | { type: 'del'; key: string };

/** The slice of abstract-level this store uses (Level, MemoryLevel, ClassicLevel all fit). */
export interface KeyValueDb {
  get(key: string): Promise<string | undefined>;
  batch(ops: BatchOp[]): Promise<void>;
  iterator(opts: { gte?: string; lt?: string }): { all(): Promise<Array<[string, string]>> };
}

export const PREFIX = { credential: 'cred:', cache: 'cache:' } as const;
export const KEY = { vault: 'vault', settings: 'settings' } as const;

export class WalletStore {
  constructor(private readonly db: KeyValueDb) {}

  async getJson(key: string): Promise<unknown> {
    const raw = await this.db.get(key);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch (cause) {
      throw new AppError('STORE_CORRUPT', `The wallet record ${key.slice(0, 40)} is damaged.`, { cause });
    }
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.db.batch([{ type: 'put', key, value: JSON.stringify(value) }]);
  }

  /** All records under a prefix, as [key, parsed value]. */
  async list(prefix: string): Promise<Array<[string, unknown]>> {
    const rows = await this.db.iterator({ gte: prefix, lt: `${prefix}\uffff` }).all();
    return rows.map(([k, v]) => [k, JSON.parse(v) as unknown]);
  }

  /** Every record, raw: what a backup restore replaces and what a test compares. */
  async dump(): Promise<Array<[string, string]>> {
    return this.db.iterator({}).all();
  }

  /** Writes several records in one atomic batch (all or nothing). */
  async write(ops: Array<{ key: string; value?: unknown }>): Promise<void> {
    await this.db.batch(ops.map((o) => (o.value === undefined ? { type: 'del', key: o.key } : { type: 'put', key: o.key, value: JSON.stringify(o.value) })));
  }

  /** Replaces the whole wallet with `records` in one atomic batch. */
  async replaceAll(records: Array<{ key: string; value: unknown }>): Promise<void> {
    const existing = await this.dump();
    const keep = new Set(records.map((r) => r.key));
    const ops: BatchOp[] = existing.filter(([k]) => !keep.has(k)).map(([key]) => ({ type: 'del', key }));
    for (const r of records) ops.push({ type: 'put', key: r.key, value: JSON.stringify(r.value) });
    await this.db.batch(ops);
  }
}

/** Opens the wallet database in the browser (IndexedDB via `level`). */
export async function openBrowserStore(name = 'asn-dompet'): Promise<WalletStore> {
  const { Level } = await import('level');
  const db = new Level<string, string>(name, { valueEncoding: 'utf8' });
  await db.open();
  return new WalletStore(db as unknown as KeyValueDb);
}
