/**
 * A Map that forgets everything once it holds `max` entries and a new key arrives.
 *
 * For memos of pure results (decoded keys, key verdicts) keyed by text an attacker can mint
 * freely (did:key holders): a flood of distinct keys must not grow memory without limit,
 * and the few keys that recur are back after one recomputation. Clearing, not LRU order,
 * because it costs nothing per hit on the signing and verification hot paths.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly max: number) {
    super();
    if (!Number.isInteger(max) || max < 1) throw new RangeError('BoundedMap needs a positive integer bound.');
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.clear();
    return super.set(key, value);
  }
}
