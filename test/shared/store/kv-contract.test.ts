/**
 * One behaviour suite for the storage seam, run against every implementation we ship:
 * memory-level (what a browser-like in-memory store does), classic-level on disk, and
 * PostgreSQL (a throw-away cluster: test/helpers/postgres.ts; skipped, saying so, where
 * PostgreSQL is not installed, never in CI). `exclusive` is checked with two handles on
 * the same data: for LevelDB that is one store (one process holds it), for PostgreSQL two
 * stores with their own connection pools, as two instances would have.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLevel } from 'memory-level';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { LevelKvStore } from '../../../shared/store/level-kv-store.js';
import type { AnyLevel } from '../../../shared/store/level-kv-store.js';
import { del, put } from '../../../shared/store/kv.js';
import type { KvStore } from '../../../shared/store/kv.js';
import { openLevelStore } from '../../../shared/store/open-level-store.node.js';
import { openPgStore } from '../../../shared/store/pg-kv-store.node.js';
import { freshDatabase, pgUrl } from '../../helpers/pg-run.js';

type C = 'a' | 'b';
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** Opens a store; `twin` opens a second handle on the same data (see the file comment). */
type Open = () => Promise<KvStore<C> & { twin?: () => Promise<KvStore<C>> }>;

const implementations: Array<[string, Open]> = [
  ['memory-level', async () => new LevelKvStore<C>(new MemoryLevel<string, string>() as unknown as AnyLevel)],
  ['classic-level (LevelDB on disk)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kv-contract-'));
    dirs.push(dir);
    return openLevelStore<C>(dir);
  }],
];
let pgDatabase: Promise<string> | undefined;
if (pgUrl()) {
  implementations.push(['PostgreSQL', async () => {
    pgDatabase ??= freshDatabase();
    const url = await pgDatabase;
    // A namespace per test keeps tests apart in one database, as issuer and verifier are.
    const namespace = `contract-${Math.random().toString(36).slice(2)}`;
    const store = await openPgStore<C>(url, { namespace, poolSize: 4, lockPoolSize: 4 });
    return Object.assign(store, { twin: () => openPgStore<C>(url, { namespace, poolSize: 4, lockPoolSize: 4 }) });
  }]);
} else {
  it.skip(`KvStore contract: PostgreSQL — SKIPPED: ${inject('pgMissingReason')}`, () => undefined);
}

describe.each(implementations)('KvStore contract: %s', (_name, open) => {
  it('stores JSON values per collection, separately', async () => {
    const s = await open();
    await s.batch([put('a', 'k', { n: 1, list: ['x'] }), put('b', 'k', 'other')]);
    expect(await s.get('a', 'k')).toEqual({ n: 1, list: ['x'] });
    expect(await s.get('b', 'k')).toBe('other');
    expect(await s.get('a', 'missing')).toBeUndefined();
    expect(await s.has('a', 'k')).toBe(true);
    expect(await s.has('b', 'missing')).toBe(false);
    await s.close();
  });

  it('lists by prefix, in order, with paging and reverse', async () => {
    const s = await open();
    await s.batch(['p:1', 'p:2', 'p:3', 'q:1'].map((k) => put('a', k, k)));
    expect((await s.list('a', { prefix: 'p:' })).map((e) => e.key)).toEqual(['p:1', 'p:2', 'p:3']);
    expect((await s.list('a', { prefix: 'p:', after: 'p:1', limit: 1 })).map((e) => e.key)).toEqual(['p:2']);
    expect((await s.list('a', { prefix: 'p:', reverse: true, limit: 2 })).map((e) => e.key)).toEqual(['p:3', 'p:2']);
    await s.close();
  });

  it('applies a batch across collections all together, deletes included', async () => {
    const s = await open();
    await s.batch([put('a', 'x', 1), put('b', 'y', 2)]);
    await s.batch([del('a', 'x'), put('b', 'y', 3)]);
    expect(await s.get('a', 'x')).toBeUndefined();
    expect(await s.get('b', 'y')).toBe(3);
    await s.close();
  });

  it('a batch with an unserialisable value writes nothing', async () => {
    const s = await open();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(s.batch([put('a', 'first', 1), put('b', 'second', cyclic)])).rejects.toThrow();
    expect(await s.get('a', 'first')).toBeUndefined();
    await s.close();
  });

  it('orders keys byte-wise, pages backwards with `after`, and keeps JSON as written', async () => {
    const s = await open();
    const value = { z: 1, a: [true, null, 'é'], nested: { b: 2, a: 1 } };
    await s.batch([put('a', 'p:B', 1), put('a', 'p:a', 2), put('a', 'p:é', 3), put('a', 'p:', 4), put('a', 'v', value)]);
    expect((await s.list('a', { prefix: 'p:' })).map((e) => e.key)).toEqual(['p:', 'p:B', 'p:a', 'p:é']);
    expect((await s.list('a', { prefix: 'p:', after: 'p:B', reverse: true })).map((e) => e.key)).toEqual(['p:é', 'p:a']);
    expect(JSON.stringify(await s.get('a', 'v'))).toBe(JSON.stringify(value));
    await s.close();
  });

  it('the last operation on a key in one batch wins', async () => {
    const s = await open();
    await s.batch([put('a', 'k', 1), del('a', 'k'), put('a', 'k', 2), put('a', 'gone', 1), del('a', 'gone')]);
    expect(await s.get('a', 'k')).toBe(2);
    expect(await s.has('a', 'gone')).toBe(false);
    await s.close();
  });

  it('exclusive: 30 concurrent read-then-write sections through two handles lose no update', async () => {
    const s = await open();
    const other = s.twin ? await s.twin() : s;
    await s.batch([put('a', 'counter', 0)]);
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? other : s).exclusive('counter', async () => {
      const n = (await s.get<number>('a', 'counter')) ?? 0;
      await new Promise((r) => setTimeout(r, 1)); // the window an unlocked read-then-write loses in
      await (i % 2 ? other : s).batch([put('a', 'counter', n + 1)]);
    })));
    expect(await s.get('a', 'counter')).toBe(30);
    if (other !== s) await other.close();
    await s.close();
  });

  it('exclusive: a failing section releases the lock; nested sections on other keys run and release', async () => {
    const s = await open();
    await expect(s.exclusive('k', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await s.exclusive('k', async () => 'again')).toBe('again');
    const order: string[] = [];
    await s.exclusive('outer', async () => {
      await s.exclusive('inner', async () => { order.push('nested'); });
      // The nested lock is free again while the outer section still runs.
      await s.exclusive('inner', async () => { order.push('nested again'); });
    });
    expect(order).toEqual(['nested', 'nested again']);
    await s.close();
  });
});
