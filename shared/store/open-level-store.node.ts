/** Node-only: opens (creating if needed) a LevelDB store on disk. One process may hold it. */
import { ClassicLevel } from 'classic-level';
import { LevelKvStore } from './level-kv-store.js';
import type { AnyLevel } from './level-kv-store.js';

export async function openLevelStore<C extends string>(dir: string): Promise<LevelKvStore<C>> {
  const db = new ClassicLevel<string, string>(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  await db.open();
  return new LevelKvStore<C>(db as unknown as AnyLevel);
}
