/**
 * The small shared parts of the chat channels: the per-asker rate limit and
 * its memory of deliveries, the remembered choice of call-off (a real file,
 * reloaded), the in-flight tracker and the intake that paces answers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHOICES_FILE, ChoiceStore } from '../../src/channels/shared/choiceStore.js';
import { InFlight } from '../../src/channels/shared/inFlight.js';
import { Intake } from '../../src/channels/shared/intake.js';
import { RateLimiter } from '../../src/channels/shared/rateLimit.js';
import { silentLogger } from '../../src/logger.js';

describe('RateLimiter', () => {
  it('admits a burst up to capacity, refills over time, and is per asker', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 3, perMinute: 3, now: () => now });
    expect([1, 2, 3, 4].map((i) => limiter.admit('a', `d${i}`))).toEqual([
      'admitted',
      'admitted',
      'admitted',
      'limited',
    ]);
    expect(limiter.admit('b', 'e1')).toBe('admitted');
    now += 20_000; // one token back
    expect(limiter.admit('a', 'd5')).toBe('admitted');
    expect(limiter.admit('a', 'd6')).toBe('limited');
  });

  it('a retried delivery keeps its first verdict and spends no token', () => {
    const limiter = new RateLimiter({ capacity: 1, perMinute: 1, now: () => 0 });
    expect(limiter.admit('a', 'd1')).toBe('admitted');
    expect(limiter.admit('a', 'd1')).toBe('admitted');
    expect(limiter.admit('a', 'd2')).toBe('limited');
    expect(limiter.admit('a', 'd2')).toBe('limited_again');
  });
});

describe('ChoiceStore', () => {
  it('persists choices across instances, atomically, and survives a damaged file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-choices-'));
    const a = new ChoiceStore(dir, silentLogger);
    a.set('slack:T1:D1', 'af-1');
    a.set('teams:a:1', 'af-2');
    const b = new ChoiceStore(dir, silentLogger);
    expect(b.get('slack:T1:D1')).toBe('af-1');
    expect(b.get('teams:a:1')).toBe('af-2');
    expect(b.get('toString')).toBeUndefined();
    const file = path.join(dir, 'channels', CHOICES_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'slack:T1:D1': 'af-1', 'teams:a:1': 'af-2' });
    writeFileSync(file, '{not json');
    expect(new ChoiceStore(dir, silentLogger).get('slack:T1:D1')).toBeUndefined();
  });
});

describe('InFlight', () => {
  it('drain waits for tasks, including ones started meanwhile, and reports what was left at the timeout', async () => {
    const tracker = new InFlight();
    const order: string[] = [];
    void tracker.run(async () => {
      await new Promise((r) => setTimeout(r, 30));
      order.push('first');
      void tracker.run(async () => {
        await new Promise((r) => setTimeout(r, 30));
        order.push('second');
      });
    });
    await expect(tracker.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await tracker.drain(5000)).toBe(0);
    expect(order).toEqual(['first', 'second']);
    void tracker.run(() => new Promise((r) => setTimeout(r, 500)));
    expect(await tracker.drain(20)).toBe(1);
  });
});

describe('Intake', () => {
  /** 40 callers that each block the loop for 10 ms, and one HTTP request to a local server started alongside. */
  async function burst(pace: (() => Promise<void>) | null): Promise<number> {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    let done = 0;
    let doneAtResponse = -1;
    const request = fetch(url).then(async (r) => {
      await r.text();
      doneAtResponse = done;
    });
    const callers = Array.from({ length: 40 }, async () => {
      if (pace) await pace();
      const until = performance.now() + 10;
      while (performance.now() < until) {
        // synchronous work, like a register write plus retrieval
      }
      done += 1;
    });
    await Promise.all([...callers, request]);
    server.close();
    return doneAtResponse;
  }

  it('lets I/O through between callers: a request is answered long before a burst of work is done', async () => {
    const intake = new Intake();
    expect(await burst(null)).toBe(40);
    expect(await burst(() => intake.turn())).toBeLessThan(30);
    expect(intake.queued).toBe(0);
  });
});
