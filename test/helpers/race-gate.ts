/**
 * Makes a check-then-write race between two service instances certain instead of lucky:
 * stores (wrapping each instance's own) that count the answered reads of one record and
 * hold back a batch that writes or deletes it until `reads` reads have been answered or 3 s have
 * passed. With a lock that holds across instances the other instance cannot read while the
 * writer holds the lock, so the write goes ahead after 3 s and "once" holds; with a lock
 * local to one instance both read the record as absent (or unused) and both write.
 */
import type { BatchOp, KvStore } from '../../shared/store/kv.js';

export function raceGate(match: (collection: string, key: string) => boolean, reads: number): { wrap<C extends string>(store: KvStore<C>): KvStore<C> } {
  let answered = 0;
  let wake: () => void = () => undefined;
  const enough = new Promise<void>((resolve) => (wake = resolve));
  const writes = (ops: Array<BatchOp<string>>) => ops.some((o) => match(o.collection, o.key));
  return {
    wrap: <C extends string>(store: KvStore<C>): KvStore<C> => ({
      get: async <T>(c: C, k: string) => {
        const value = await store.get<T>(c, k);
        // Counted once the read has its answer, so the held-back write cannot overtake it.
        if (match(c, k) && ++answered >= reads) wake();
        return value;
      },
      has: (c, k) => store.has(c, k),
      list: (c, o) => store.list(c, o),
      exclusive: (k, fn) => store.exclusive(k, fn),
      close: () => store.close(),
      batch: async (ops) => {
        if (writes(ops)) await Promise.race([enough, new Promise((r) => setTimeout(r, 3000))]);
        return store.batch(ops);
      },
    }),
  };
}
