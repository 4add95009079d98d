import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/channels/shared/conversationStore.js';
import { type DeskApp, QuestionDesk } from '../../src/channels/shared/desk.js';
import { InFlight } from '../../src/channels/shared/inFlight.js';
import { Intake } from '../../src/channels/shared/intake.js';
import { RateLimiter } from '../../src/channels/shared/rateLimit.js';
import type { CallOff } from '../../src/core/types.js';
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

describe('QuestionDesk when the conversation state cannot be reached', () => {
  const callOffs = [{ id: 'af-1' }, { id: 'af-2' }] as unknown as CallOff[];
  const down = new Error('database down');
  const failing: ConversationStore = {
    choiceOf: async () => {
      throw down;
    },
    hold: async () => {
      throw down;
    },
    choose: async () => {
      throw down;
    },
    retake: async () => {
      throw down;
    },
    release: async () => {
      throw down;
    },
    forgetCallOff: async () => 0,
    dropExpired: async () => 0,
  };
  const mustNot = async (): Promise<never> => {
    throw new Error('must not be asked');
  };
  const app: DeskApp = {
    callOffs,
    logger: silentLogger,
    receive: mustNot,
    answerRegistered: mustNot,
    owedReplies: { replyTo: mustNot as never, claim: mustNot, claimLeftBehind: mustNot, release: mustNot },
  };
  const conversation = { key: 'slack:T1:D1', mappedIds: ['D1'], mappingField: 'slackChannels' as const };
  const question = {
    conversation,
    asker: { channel: 'slack' as const, userId: 'U1', name: null, org: null },
    text: 'Hur många CV?',
    deliveryId: 'slack:Ev1',
    receivedAt: new Date('2026-01-26T09:00:00.000Z'),
    target: null,
  };

  it('says the question could not be taken (not "choose"), and a failed choice says the questions still wait', async () => {
    const desk = new QuestionDesk<null>(app, failing, new RateLimiter({ capacity: 5, perMinute: 5 }), 5);
    const outcome = await desk.take(question);
    expect(outcome).toMatchObject({ kind: 'failed', text: expect.stringContaining('Försök igen') });

    const held = { ...failing, choiceOf: async () => undefined };
    const desk2 = new QuestionDesk<null>(app, held, new RateLimiter({ capacity: 5, perMinute: 5 }), 5);
    expect(await desk2.take({ ...question, deliveryId: 'slack:Ev2' })).toMatchObject({ kind: 'failed' });
    expect(await desk2.choose(conversation, 'af-1')).toMatchObject({
      kind: 'failed',
      text: expect.stringContaining('Frågorna som väntar finns kvar'),
    });
    expect(await desk2.choose(conversation, 'af-okänt')).toEqual({ kind: 'unknown_call_off' });
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
