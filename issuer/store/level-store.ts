/** Opens the issuer's LevelDB store (a thin alias of the shared Node-only opener). */
import { openLevelStore as openShared } from '../../shared/store/open-level-store.node.js';
import type { LevelKvStore as SharedLevelKvStore } from '../../shared/store/level-kv-store.js';
import type { Collection } from './kv.js';

export type LevelKvStore = SharedLevelKvStore<Collection>;

export function openLevelStore(dir: string): Promise<LevelKvStore> {
  return openShared<Collection>(dir);
}
