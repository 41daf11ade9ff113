/**
 * Keyed async mutex. A LevelDB is held by one process, so for LevelKvStore.exclusive an
 * in-process lock per key makes "check, then write" atomic (a status index is never handed
 * out twice; a credential is never recorded twice). PgKvStore uses it only to queue
 * same-key sections of one process before the database lock that excludes other processes.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` after every earlier holder of `key` has finished. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
