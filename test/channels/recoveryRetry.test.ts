/**
 * "The answer comes shortly": a question whose bot answer could not be recorded
 * got only its receipt, and its reply stays owed. Once the register takes
 * writes again, the recovery answers it (after the claim's lease) and the
 * reply is no longer owed. A real App (SQLite register), the real desk and
 * recovery; the post goes to a list.
 */
import { afterEach, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { type Outcome, QuestionDesk } from '../../src/channels/shared/desk.js';
import { InFlight } from '../../src/channels/shared/inFlight.js';
import { RateLimiter } from '../../src/channels/shared/rateLimit.js';
import { OWED_REPLY_MAX_AGE_MS, OwedReplyRecovery } from '../../src/channels/shared/recovery.js';
import { OWED_REPLY_LEASE_MS } from '../../src/register/owedReplies.js';
import { testApp } from '../helpers/app.js';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const TARGET = { kind: 'post', channel: 'C1', threadTs: '1.2' };

it('a reply that only confirmed the receipt is answered by the recovery once the register takes the answer', async () => {
  app = await testApp({ recordRetryDelaysMs: [0] });
  const desk = new QuestionDesk<typeof TARGET>(
    app,
    app.conversations,
    new RateLimiter({ capacity: 9, perMinute: 9 }),
    9,
  );
  const posted: [typeof TARGET, Outcome][] = [];
  const recovery = new OwedReplyRecovery(app, new InFlight());
  recovery.route('slack', desk, async (target, outcome) => {
    posted.push([target, outcome]);
  });

  const record = app.register.recordBotAnswer.bind(app.register);
  app.register.recordBotAnswer = async () => {
    throw new Error('Connection terminated unexpectedly');
  };
  const first = await desk.take({
    conversation: { key: 'slack:T1:C1', mappedIds: ['C1'], mappingField: 'slackChannels' },
    asker: { channel: 'slack', userId: 'U1', name: 'Anna Svensson', org: null },
    text: 'När är sista anbudsdag?',
    deliveryId: 'slack:EvLater',
    receivedAt: new Date('2026-01-26T09:00:00.000Z'),
    target: TARGET,
  });
  expect(first).toMatchObject({
    kind: 'reply',
    reply: { question: { id: 'F-0001' } },
    owed: { entryId: 'F-0001', settled: false },
  });
  if (first.kind !== 'reply') throw new Error('no reply');
  expect(first.reply.answer).toContain('registrerad som F-0001');
  // Posted (the receipt), but the answer is still owed.
  await desk.delivered(first);

  app.register.recordBotAnswer = record;
  // Within the lease the instance that holds it is taken to be on it: nothing yet.
  expect(await recovery.sweep()).toBe(0);
  const afterLease = new Date(Date.now() + OWED_REPLY_LEASE_MS + 1000);
  expect(await recovery.sweep(afterLease)).toBe(1);
  expect(posted).toHaveLength(1);
  const [target, outcome] = posted[0]!;
  expect(target).toEqual(TARGET);
  expect(outcome).toMatchObject({ kind: 'reply', reply: { question: { id: 'F-0001' } }, owed: { settled: true } });
  expect((await app.register.get('af-2025-0108-8097', 'F-0001'))?.botAnswer).not.toBeNull();
  // Answered and posted: nothing is owed, the next sweep does nothing.
  expect(await recovery.sweep(new Date(afterLease.getTime() + OWED_REPLY_LEASE_MS * 2))).toBe(0);
  expect(posted).toHaveLength(1);
});

it('a reply that cannot be posted is tried again on each sweep after the lease, and given up after a day', async () => {
  app = await testApp();
  const desk = new QuestionDesk<typeof TARGET>(
    app,
    app.conversations,
    new RateLimiter({ capacity: 9, perMinute: 9 }),
    9,
  );
  const recovery = new OwedReplyRecovery(app, new InFlight());
  let tries = 0;
  recovery.route('slack', desk, async () => {
    tries += 1;
    throw new Error('channel_not_found');
  });
  const taken = await desk.take({
    conversation: { key: 'slack:T1:C1', mappedIds: ['C1'], mappingField: 'slackChannels' },
    asker: { channel: 'slack', userId: 'U1', name: null, org: null },
    text: 'När är sista anbudsdag?',
    deliveryId: 'slack:EvNowhere',
    receivedAt: new Date('2026-01-26T09:00:00.000Z'),
    target: TARGET,
  });
  // The channel could not post it (so never marked posted): owed.
  expect(taken).toMatchObject({ kind: 'reply', owed: { settled: true } });
  const start = Date.now();
  expect(await recovery.sweep(new Date(start + OWED_REPLY_LEASE_MS + 1000))).toBe(0);
  expect(await recovery.sweep(new Date(start + 2 * OWED_REPLY_LEASE_MS + 2000))).toBe(0);
  expect(tries).toBe(2);
  // A day on: given up, not tried again; the question stays in the register.
  expect(await recovery.sweep(new Date(start + OWED_REPLY_MAX_AGE_MS + 60_000))).toBe(0);
  expect(tries).toBe(2);
  expect(await recovery.sweep(new Date(start + OWED_REPLY_MAX_AGE_MS + 10 * OWED_REPLY_LEASE_MS))).toBe(0);
  expect(tries).toBe(2);
  expect((await app.register.get('af-2025-0108-8097', 'F-0001'))?.status).toBe('received');
});
