/**
 * Per-IP backoff for failed sign-ins (form or bearer token): a couple of typos
 * are free, then each further failure doubles the wait, up to a cap. While an
 * IP waits, even the right token is refused, so guessing gains nothing.
 */

export interface ThrottleSettings {
  /** Failures allowed before any wait. */
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
  /** Bound on memory. */
  maxTracked: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  freeFailures: 2,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
  maxTracked: 10_000,
};

interface Record {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

export class SignInThrottle {
  private readonly byIp = new Map<string, Record>();

  constructor(
    private readonly settings: ThrottleSettings = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds this IP must still wait before it may try again (0: go ahead). */
  waitMs(ip: string): number {
    const r = this.byIp.get(ip);
    if (!r) return 0;
    const t = this.now();
    if (t - r.lastFailure > this.settings.forgetAfterMs) {
      this.byIp.delete(ip);
      return 0;
    }
    return Math.max(0, r.blockedUntil - t);
  }

  failed(ip: string): void {
    const t = this.now();
    const prev = this.byIp.get(ip);
    const failures = (prev && t - prev.lastFailure <= this.settings.forgetAfterMs ? prev.failures : 0) + 1;
    const over = failures - this.settings.freeFailures;
    const delay = over <= 0 ? 0 : Math.min(this.settings.baseDelayMs * 2 ** (over - 1), this.settings.maxDelayMs);
    this.byIp.delete(ip);
    if (this.byIp.size >= this.settings.maxTracked) this.prune(t);
    this.byIp.set(ip, { failures, lastFailure: t, blockedUntil: t + delay });
  }

  succeeded(ip: string): void {
    this.byIp.delete(ip);
  }

  private prune(t: number): void {
    for (const [ip, r] of this.byIp) {
      if (t - r.lastFailure > this.settings.forgetAfterMs) this.byIp.delete(ip);
    }
    // Still full: drop the oldest so memory stays bounded.
    while (this.byIp.size >= this.settings.maxTracked) {
      const oldest = this.byIp.keys().next().value;
      if (oldest === undefined) break;
      this.byIp.delete(oldest);
    }
  }
}
