/**
 * A circuit breaker for the LLM endpoint, so a dead endpoint costs one timeout
 * and not one per question: closed -> open after N failures (or at once on a
 * timeout, the expensive kind) -> half-open after a cool-down, when one trial
 * call is let through; its outcome closes or re-opens the circuit.
 * With a state file the open state outlives the process: each `ask` on the
 * command line is a new process and would otherwise pay the timeout again.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
  /** Where the open state is kept between processes (optional). */
  stateFile?: string;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private current: BreakerState = 'closed';
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly opts: BreakerOptions) {
    this.now = opts.now ?? Date.now;
    const saved = opts.stateFile ? readOpenedAt(opts.stateFile) : null;
    if (saved !== null && this.now() - saved < opts.cooldownMs) {
      this.current = 'open';
      this.openedAt = saved;
    }
  }

  state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.opts.cooldownMs) return 'half_open';
    return this.current;
  }

  /** True when a call may go out now. In half-open state only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state();
    if (state === 'closed') return true;
    if (state === 'open') return false;
    if (this.trialInFlight) return false;
    this.current = 'half_open';
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    const wasClosed = this.current === 'closed';
    this.failures = 0;
    this.trialInFlight = false;
    this.current = 'closed';
    if (!wasClosed && this.opts.stateFile) rmSync(this.opts.stateFile, { force: true });
  }

  /** `immediate`: open now whatever the count (a timeout already cost the full wait). */
  failure(opts: { immediate?: boolean } = {}): void {
    this.failures += 1;
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    if (wasTrial || opts.immediate || this.failures >= this.opts.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
      if (this.opts.stateFile) writeOpenedAt(this.opts.stateFile, this.openedAt);
    }
  }
}

function readOpenedAt(file: string): number | null {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { openedAt?: unknown };
    return typeof saved.openedAt === 'number' ? saved.openedAt : null;
  } catch {
    return null;
  }
}

function writeOpenedAt(file: string, openedAt: number): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, JSON.stringify({ openedAt }));
    renameSync(tmp, file);
  } catch {
    // Only an optimisation across processes: the in-memory state still holds.
  }
}
