/** Test helpers for the wallet's non-UI modules: an in-memory store and fast-enough KDF settings. */
import { MemoryLevel } from 'memory-level';
import { WalletStore } from '../../wallet-web/src/store.js';
import type { KeyValueDb } from '../../wallet-web/src/store.js';
import { MIN_ITERATIONS } from '../../wallet-web/src/sealed.js';

/** The lowest iteration count the wallet accepts: keeps tests quick, still real PBKDF2. */
export const TEST_ITERATIONS = MIN_ITERATIONS;

export async function memoryStore(): Promise<WalletStore> {
  const db = new MemoryLevel<string, string>({ valueEncoding: 'utf8' });
  await db.open();
  return new WalletStore(db as unknown as KeyValueDb);
}
