// The outboxes' scheduler: one run at a time, tracked as in-flight work, on an interval until stopped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InFlight } from '../../src/channels/shared/inFlight.js';
import { PeriodicRun } from '../../src/channels/shared/periodicRun.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('PeriodicRun', () => {
  it('joins a run under way instead of starting a second one, and runs again once it is done', async () => {
    const inFlight = new InFlight();
    let release: (n: number) => void = () => {};
    const job = vi.fn((_now?: Date) => new Promise<number>((resolve) => (release = resolve)));
    const periodic = new PeriodicRun(inFlight, job, 1_000);
    const first = periodic.runNow();
    const second = periodic.runNow();
    await Promise.resolve();
    expect(job).toHaveBeenCalledTimes(1);
    expect(inFlight.size).toBe(1);
    release(3);
    expect(await first).toBe(3);
    expect(await second).toBe(3);
    const at = new Date('2026-01-26T10:00:00Z');
    const third = periodic.runNow(at);
    await Promise.resolve();
    expect(job).toHaveBeenCalledTimes(2);
    expect(job).toHaveBeenLastCalledWith(at);
    release(0);
    expect(await third).toBe(0);
  });

  it('runs at start and on each interval, and not after stop', async () => {
    vi.useFakeTimers();
    const job = vi.fn(async () => 1);
    const periodic = new PeriodicRun(new InFlight(), job, 1_000);
    expect(periodic.active).toBe(false);
    periodic.start();
    expect(periodic.active).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(job).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(job).toHaveBeenCalledTimes(3);
    periodic.stop();
    expect(periodic.active).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(job).toHaveBeenCalledTimes(3);
  });
});
