/**
 * KvStore on any abstract-level database: classic-level on disk (servers), browser-level
 * (IndexedDB) in the wallet, memory-level in unit tests. Each collection is a sublevel
 * with JSON values; `batch` writes through the root database so one write batch spans
 * every collection.
 */
import type { AbstractLevel, AbstractSublevel } from 'abstract-level';
import type { BatchOp, KvStore, ListOptions } from './kv.js';
import { KeyedLock } from '../util/keyed-lock.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLevel = AbstractLevel<any, string, string>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sub = AbstractSublevel<AnyLevel, any, string, unknown>;

export class LevelKvStore<C extends string = string> implements KvStore<C> {
  private readonly subs = new Map<C, Sub>();
  /** One process holds a LevelDB, so an in-process lock is a complete mutual exclusion. */
  private readonly locks = new KeyedLock();

  constructor(private readonly db: AnyLevel) {}

  private sub(collection: C): Sub {
    let s = this.subs.get(collection);
    if (!s) {
      s = this.db.sublevel<string, unknown>(collection, { valueEncoding: 'json' }) as Sub;
      this.subs.set(collection, s);
    }
    return s;
  }

  async get<T>(collection: C, key: string): Promise<T | undefined> {
    const v = await this.sub(collection).get(key);
    return v === undefined ? undefined : (v as T);
  }

  async has(collection: C, key: string): Promise<boolean> {
    return (await this.sub(collection).get(key)) !== undefined;
  }

  async batch(ops: Array<BatchOp<C>>): Promise<void> {
    if (ops.length === 0) return;
    // Values are encoded by each operation's sublevel (JSON); the root's types do not know that.
    const mapped = ops.map((op) =>
      op.type === 'put'
        ? { type: 'put' as const, key: op.key, value: op.value as string, sublevel: this.sub(op.collection) }
        : { type: 'del' as const, key: op.key, sublevel: this.sub(op.collection) },
    );
    await this.db.batch(mapped);
  }

  async list<T>(collection: C, opts: ListOptions = {}): Promise<Array<{ key: string; value: T }>> {
    const range: Record<string, unknown> = { reverse: opts.reverse ?? false };
    if (opts.limit !== undefined) range.limit = opts.limit;
    if (opts.prefix !== undefined) {
      range.gte = opts.prefix;
      range.lt = `${opts.prefix}\uffff`;
    }
    if (opts.after !== undefined) {
      // `after` is the last key of the previous page and already inside the prefix.
      delete range.gte;
      range.gt = opts.after;
    }
    const out: Array<{ key: string; value: T }> = [];
    for await (const [key, value] of this.sub(collection).iterator(range)) out.push({ key, value: value as T });
    return out;
  }

  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.run(key, fn);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
