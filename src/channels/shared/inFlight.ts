/**
 * Tracks answers that are still being worked on after the platform was acked,
 * so a graceful shutdown can wait for them instead of dropping them.
 */
export class InFlight {
  private readonly tasks = new Set<Promise<unknown>>();

  get size(): number {
    return this.tasks.size;
  }

  /** Runs `work` as a tracked task; its outcome is returned unchanged. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const task = Promise.resolve().then(work);
    const settled = task.then(
      () => undefined,
      () => undefined,
    );
    this.tasks.add(settled);
    void settled.then(() => this.tasks.delete(settled));
    return task;
  }

  /**
   * Resolves when every tracked task (including ones started meanwhile) has
   * settled, or after `timeoutMs`; returns how many were still running then.
   */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.tasks.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.all([...this.tasks]), timeout]);
      clearTimeout(timer);
    }
    return this.tasks.size;
  }
}
