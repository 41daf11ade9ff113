/**
 * One behaviour suite for the storage seam, run against every implementation we ship:
 * memory-level (what a browser-like in-memory store does) and classic-level on disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLevel } from 'memory-level';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelKvStore } from '../../../shared/store/level-kv-store.js';
import type { AnyLevel } from '../../../shared/store/level-kv-store.js';
import { del, put } from '../../../shared/store/kv.js';
import type { KvStore } from '../../../shared/store/kv.js';
import { openLevelStore } from '../../../shared/store/open-level-store.node.js';

type C = 'a' | 'b';
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const implementations: Array<[string, () => Promise<KvStore<C>>]> = [
  ['memory-level', async () => new LevelKvStore<C>(new MemoryLevel<string, string>() as unknown as AnyLevel)],
  ['classic-level (LevelDB on disk)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kv-contract-'));
    dirs.push(dir);
    return openLevelStore<C>(dir);
  }],
];

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
});
