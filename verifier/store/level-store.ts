/**
 * KvStore on LevelDB (classic-level via `level`). Each collection is a sublevel with JSON
 * values; `batch` writes through the root database so one write batch spans collections.
 */
import { Level } from 'level';
import type { AbstractLevel, AbstractSublevel } from 'abstract-level';
import type { BatchOp, Collection, KvStore, ListOptions } from './kv.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyLevel = AbstractLevel<any, string, string>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sub = AbstractSublevel<AnyLevel, any, string, unknown>;

export class LevelKvStore implements KvStore {
  private readonly subs = new Map<Collection, Sub>();

  constructor(private readonly db: AnyLevel) {}

  private sub(collection: Collection): Sub {
    let s = this.subs.get(collection);
    if (!s) {
      s = this.db.sublevel<string, unknown>(collection, { valueEncoding: 'json' }) as Sub;
      this.subs.set(collection, s);
    }
    return s;
  }

  async get<T>(collection: Collection, key: string): Promise<T | undefined> {
    const v = await this.sub(collection).get(key);
    return v === undefined ? undefined : (v as T);
  }

  async batch(ops: BatchOp[]): Promise<void> {
    if (ops.length === 0) return;
    // Values are encoded by each operation's sublevel (JSON); the root's types do not know that.
    const mapped = ops.map((op) =>
      op.type === 'put'
        ? { type: 'put' as const, key: op.key, value: op.value as string, sublevel: this.sub(op.collection) }
        : { type: 'del' as const, key: op.key, sublevel: this.sub(op.collection) },
    );
    await this.db.batch(mapped);
  }

  async list<T>(collection: Collection, opts: ListOptions = {}): Promise<Array<{ key: string; value: T }>> {
    const range: Record<string, unknown> = { reverse: opts.reverse ?? false };
    if (opts.limit !== undefined) range.limit = opts.limit;
    if (opts.prefix !== undefined) {
      range.gte = opts.prefix;
      range.lt = `${opts.prefix}\uffff`;
    }
    const out: Array<{ key: string; value: T }> = [];
    for await (const [key, value] of this.sub(collection).iterator(range)) out.push({ key, value: value as T });
    return out;
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** Opens (creating if needed) the LevelDB store in `dir`. Only one process may hold it. */
export async function openLevelStore(dir: string): Promise<LevelKvStore> {
  const db = new Level<string, string>(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  await db.open();
  return new LevelKvStore(db as unknown as AnyLevel);
}
