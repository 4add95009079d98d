/**
 * Per-asker rate limit: a small token bucket in memory (per instance), plus a
 * memory of each delivery's verdict so that a platform retry of the same
 * delivery neither spends a second token nor earns a second "slow down" reply.
 */
export interface RateLimitOptions {
  /** Questions an asker may send in a burst. */
  capacity: number;
  /** Tokens regained per minute. */
  perMinute: number;
  now?: () => number;
  /** How many delivery verdicts to remember (oldest forgotten first). */
  rememberDeliveries?: number;
}

export type Admission = 'admitted' | 'limited' | 'limited_again';

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly verdicts = new Map<string, 'admitted' | 'limited'>();
  private readonly now: () => number;
  private readonly remember: number;

  constructor(private readonly opts: RateLimitOptions) {
    this.now = opts.now ?? Date.now;
    this.remember = opts.rememberDeliveries ?? 10_000;
  }

  /**
   * Decides on one delivery from `asker`. A delivery seen before gets its first
   * verdict again ("limited_again" when it was limited: do not reply twice).
   */
  admit(asker: string, deliveryId: string): Admission {
    const seen = this.verdicts.get(deliveryId);
    if (seen) return seen === 'admitted' ? 'admitted' : 'limited_again';
    const verdict = this.take(asker) ? 'admitted' : 'limited';
    this.verdicts.set(deliveryId, verdict);
    if (this.verdicts.size > this.remember) {
      const oldest = this.verdicts.keys().next().value;
      if (oldest !== undefined) this.verdicts.delete(oldest);
    }
    return verdict;
  }

  private take(asker: string): boolean {
    const now = this.now();
    const { capacity, perMinute } = this.opts;
    const bucket = this.buckets.get(asker) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 60_000) * perMinute);
    bucket.at = now;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    this.buckets.set(asker, bucket);
    // Full buckets carry no information: drop them so the map stays small.
    if (this.buckets.size > 10_000) this.sweep(now);
    return ok;
  }

  private sweep(now: number): void {
    const { capacity, perMinute } = this.opts;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 60_000) * perMinute >= capacity) this.buckets.delete(key);
    }
  }
}

/** 10 questions a minute per asker, in a burst of at most 10. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 10, perMinute: 10 };
