import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../../shared/util/bounded-map.js';

describe('BoundedMap', () => {
  it('keeps up to max entries, then forgets them all when a new key arrives', () => {
    const m = new BoundedMap<string, number>(3);
    m.set('a', 1).set('b', 2).set('c', 3);
    expect(m.size).toBe(3);
    expect([...m.keys()]).toEqual(['a', 'b', 'c']);
    m.set('d', 4);
    expect(m.size).toBe(1);
    expect(m.get('d')).toBe(4);
    expect(m.has('a')).toBe(false);
  });

  it('updates a key it already holds without forgetting the others', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    m.set('a', 10);
    expect(m.size).toBe(2);
    expect(m.get('a')).toBe(10);
    expect(m.get('b')).toBe(2);
  });

  it('never grows past its bound under a flood of distinct keys', () => {
    const m = new BoundedMap<number, number>(100);
    let largest = 0;
    for (let i = 0; i < 10_000; i++) {
      m.set(i, i);
      largest = Math.max(largest, m.size);
    }
    expect(largest).toBe(100);
  });

  it('refuses a bound that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new BoundedMap(bad)).toThrow(RangeError);
    expect(new BoundedMap(1).max).toBe(1);
  });
});
