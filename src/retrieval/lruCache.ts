/**
 * A bounded cache: at most `max` entries, the least recently used dropped
 * first, and any entry unused for `idleMs` dropped at the next sweep. Holds the
 * loaded indexes (a call-off's index costs a few MiB, so memory follows the
 * call-offs actually asked about) and the answer model's per-chunk work.
 */
export interface LruOptions {
  max: number;
  /** Entries untouched this long are dropped by sweep(). */
  idleMs: number;
  /** Milliseconds; tests pass a hand-moved clock. */
  now?: () => number;
}

export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; usedAt: number }>();
  private readonly max: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(opts: LruOptions) {
    if (!Number.isInteger(opts.max) || opts.max < 1) {
      throw new RangeError(`LRU size must be a positive integer, got ${opts.max}`);
    }
    this.max = opts.max;
    this.idleMs = opts.idleMs;
    this.now = opts.now ?? Date.now;
  }

  /** The value, marked as just used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting moves the key to the most recent end.
    this.entries.delete(key);
    entry.usedAt = this.now();
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The value without marking it used. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Stores the value as the most recent one; returns the keys dropped to stay within the bound. */
  set(key: string, value: V): string[] {
    this.entries.delete(key);
    this.entries.set(key, { value, usedAt: this.now() });
    const dropped: string[] = [];
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(oldest);
      dropped.push(oldest);
    }
    return dropped;
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** Drops the entries unused for longer than idleMs; returns their keys. */
  sweep(): string[] {
    const cutoff = this.now() - this.idleMs;
    const dropped: string[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.usedAt < cutoff) {
        this.entries.delete(key);
        dropped.push(key);
      }
    }
    return dropped;
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}
