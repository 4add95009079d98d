/**
 * A tiny in-process mutex. One SQLite connection serves the whole process, so
 * an open transaction must not interleave with another caller's statements
 * across an `await`.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    // The next caller waits for this one to settle, whether it failed or not.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
