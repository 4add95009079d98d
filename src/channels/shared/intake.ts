/**
 * Admits questions into the answer path one per event-loop turn.
 *
 * The first part of answering is synchronous work (the SQLite register write,
 * retrieval). Started all at once, a burst of questions keeps the event loop
 * busy for seconds, and Slack's 3 s ack deadline is missed for deliveries that
 * are still waiting to be read. Letting one question start per turn (via
 * setImmediate) puts the poll phase, where new requests are read and acked,
 * between every two of them: an ack then waits for at most one question's
 * synchronous part, however large the burst.
 */
export class Intake {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves in a later event-loop turn, after I/O already pending; one caller per turn. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.release());
  }

  private release(): void {
    this.scheduled = false;
    const next = this.waiting.shift();
    // Schedule the next one first: it lands in the next turn, after this caller's synchronous part.
    if (this.waiting.length > 0) this.schedule();
    next?.();
  }
}
