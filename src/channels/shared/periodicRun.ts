/**
 * A job run at start-up and then on an interval, one run at a time, each run
 * tracked as in-flight work (the server waits for it on shutdown). The chat
 * outboxes (owed replies, publication posts) both work this way.
 */
import type { InFlight } from './inFlight.js';

export class PeriodicRun {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly inFlight: InFlight,
    private readonly job: (now?: Date) => Promise<number>,
    private readonly intervalMs: number,
  ) {}

  /** Started and not stopped. */
  get active(): boolean {
    return this.timer !== null;
  }

  /** Runs now, then every interval until stop(). */
  start(): void {
    void this.runNow();
    this.timer = setInterval(() => void this.runNow(), this.intervalMs);
    this.timer.unref();
  }

  /** No more runs; one running finishes as tracked work. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs the job now (as of `now`), or joins the run under way; resolves to what it returned. */
  runNow(now?: Date): Promise<number> {
    this.running ??= this.inFlight
      .run(() => this.job(now))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
