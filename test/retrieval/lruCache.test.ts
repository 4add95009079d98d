// The bound on loaded indexes: least recently used out first, idle ones swept, a hand-moved clock.
import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/retrieval/lruCache.js';

describe('LruCache', () => {
  it('drops the least recently used entry beyond the bound; a get counts as use', () => {
    const lru = new LruCache<number>({ max: 2, idleMs: 1000 });
    expect(lru.set('a', 1)).toEqual([]);
    expect(lru.set('b', 2)).toEqual([]);
    expect(lru.get('a')).toBe(1);
    expect(lru.set('c', 3)).toEqual(['b']);
    expect(lru.keys()).toEqual(['a', 'c']);
    // peek does not count as use.
    expect(lru.peek('a')).toBe(1);
    expect(lru.set('d', 4)).toEqual(['a']);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(2);
  });

  it('sweeps the entries unused for longer than idleMs', () => {
    let now = 0;
    const lru = new LruCache<string>({ max: 10, idleMs: 100, now: () => now });
    lru.set('old', 'x');
    now = 60;
    lru.set('young', 'y');
    now = 101;
    expect(lru.sweep()).toEqual(['old']);
    now = 150;
    expect(lru.get('young')).toBe('y');
    now = 200;
    expect(lru.sweep()).toEqual([]);
    expect(lru.keys()).toEqual(['young']);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new LruCache({ max: 0, idleMs: 1 })).toThrow(RangeError);
    expect(() => new LruCache({ max: 1.5, idleMs: 1 })).toThrow(RangeError);
  });
});
