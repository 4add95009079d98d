/**
 * The conversation-state contract: what the desk's ConversationStore must do
 * on every register backend. sqlite.test.ts and postgres.test.ts run it with
 * fresh, isolated storage. "Two instances" are two stores opened separately
 * on the same database: two connections (pools), as two processes would have.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationStore, HeldQuestion } from '../../src/channels/shared/conversationStore.js';
import { type DeskApp, type DeskQuestion, QuestionDesk } from '../../src/channels/shared/desk.js';
import { RateLimiter } from '../../src/channels/shared/rateLimit.js';
import type { QuestionRegister } from '../../src/core/ports.js';
import type { CallOff, Reply } from '../../src/core/types.js';
import { silentLogger } from '../../src/logger.js';
import { HELD_CLAIM_LEASE_MS, HELD_TTL_MS } from '../../src/register/conversations.js';
import { openRegisterDatabase } from '../../src/register/index.js';
import { capturingLogger } from './harness.js';

export interface ConversationHarness {
  target: { dataDir: string; databaseUrl?: string };
  /** Rows in a table, read behind the store's back. */
  count(
    table:
      | 'held_questions'
      | 'conversation_choices'
      | 'revoked_sessions'
      | 'owed_replies'
      | 'asker_targets'
      | 'publication_posts',
  ): Promise<number>;
  dispose(): Promise<void>;
}

const T0 = new Date('2026-01-26T09:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function held(n: number, overrides: Partial<HeldQuestion> = {}): HeldQuestion {
  return {
    deliveryId: `slack:Ev${n}`,
    conversationKey: 'slack:T1:D1',
    receivedAt: minutes(n),
    asker: { channel: 'slack', userId: 'U123', name: 'Åsa Öberg', org: null },
    text: `Fråga nummer ${n}: hur många CV får vi lämna?`,
    target: { kind: 'respond', responseUrl: `https://hooks.slack.test/r/${n}`, channel: 'D1', user: 'U123' },
    ...overrides,
  };
}

const afterLease = (claimedAt: Date, extraMs = 1) => new Date(claimedAt.getTime() + HELD_CLAIM_LEASE_MS + extraMs);

const CALL_OFFS = [{ id: 'avrop-a' }, { id: 'avrop-b' }] as unknown as CallOff[];
const CONVERSATION = { key: 'slack:T1:D1', mappedIds: ['D1'], mappingField: 'slackChannels' as const };

/**
 * A desk whose core only registers (write-ahead, as the real core does first):
 * enough to count registrations. `failing` makes the register refuse while true.
 */
function deskOn(
  conversations: ConversationStore,
  register: QuestionRegister,
  now: () => Date,
  failing: { on: boolean } = { on: false },
) {
  const asked: string[] = [];
  const app: DeskApp = {
    callOffs: CALL_OFFS,
    logger: silentLogger,
    receive: async (q) => {
      asked.push(q.deliveryId ?? '');
      if (failing.on) throw new Error('register down');
      const { entry, created } = await register.receive({
        callOff: q.callOffId,
        asker: q.asker,
        question: q.text,
        publicQuestion: q.text,
        receivedAt: q.receivedAt.toISOString(),
        deliveryId: q.deliveryId ?? null,
      });
      const callOff = CALL_OFFS.find((c) => c.id === q.callOffId) as CallOff;
      if (created) return { kind: 'registered', callOff, entry, created };
      const reply: Reply = {
        callOff: callOff.id,
        status: 'answered',
        answer: 'Svar.',
        citations: [],
        question: { id: entry.id, receivedAt: entry.receivedAt },
        duplicate: true,
      };
      return { kind: 'done', reply };
    },
    answerRegistered: async (callOff, entry) => ({
      reply: {
        callOff: callOff.id,
        status: 'answered',
        answer: 'Svar.',
        citations: [],
        question: { id: entry.id, receivedAt: entry.receivedAt },
      },
      recorded: true,
    }),
    // Owed replies are not what this suite is about (see owedReplyContract.ts).
    owedReplies: {
      replyTo: (target, at = now()) => ({
        target: JSON.stringify(target),
        claimedBy: 'test:1:x',
        claimedAt: at.toISOString(),
      }),
      claim: async () => null,
      claimLeftBehind: async () => [],
      release: async () => true,
    },
  };
  const desk = new QuestionDesk<unknown>(
    app,
    conversations,
    new RateLimiter({ capacity: 100, perMinute: 100 }),
    100,
    undefined,
    now,
  );
  return { desk, asked };
}

const deskQuestion = (q: HeldQuestion): DeskQuestion<unknown> => ({
  conversation: { ...CONVERSATION, key: q.conversationKey },
  asker: q.asker,
  text: q.text,
  deliveryId: q.deliveryId,
  receivedAt: q.receivedAt,
  target: q.target,
});

export function conversationContract(name: string, makeHarness: () => Promise<ConversationHarness>): void {
  describe(`ConversationStore contract: ${name}`, () => {
    let h: ConversationHarness;
    const opened: QuestionRegister[] = [];
    const open = async (perConversation?: number): Promise<ConversationStore> => {
      const db = await openRegisterDatabase({
        ...h.target,
        logger: capturingLogger(),
        ...(perConversation ? { conversations: { perConversation } } : {}),
      });
      opened.push(db.register);
      return db.conversations;
    };

    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      for (const r of opened.splice(0)) await r.close();
      await h.dispose();
    });

    it('holds a question once, and the choice hands it back whole, with its original time of receipt', async () => {
      const store = await open();
      expect(await store.hold(held(1), minutes(1))).toBe('held');
      // The platform retries the delivery while it waits: still one held question.
      expect(await store.hold(held(1, { text: 'en annan text' }), minutes(2))).toBe('already_held');
      expect(await store.hold(held(2), minutes(3))).toBe('held');
      expect(await store.hold(held(9, { conversationKey: 'teams:other', target: null }), minutes(3))).toBe('held');
      expect(await h.count('held_questions')).toBe(3);
      expect(await store.choiceOf('slack:T1:D1')).toBeUndefined();

      const claimed = await store.choose('slack:T1:D1', 'avrop-a', minutes(10));
      expect(claimed).toEqual([held(1), held(2)]);
      expect(claimed[0]?.receivedAt.toISOString()).toBe('2026-01-26T09:01:00.000Z');
      expect(await store.choiceOf('slack:T1:D1')).toBe('avrop-a');
      // Claimed: choosing again within the lease hands back nothing, yet the rows stay until released.
      expect(await store.choose('slack:T1:D1', 'avrop-a', minutes(11))).toEqual([]);
      expect(await h.count('held_questions')).toBe(3);
      expect(await store.release('slack:Ev1')).toBe(true);
      expect(await store.release('slack:Ev2')).toBe(true);
      expect(await store.release('slack:Ev2')).toBe(false);
      // Released means gone; the other conversation still waits.
      expect(await h.count('held_questions')).toBe(1);
      expect(await store.choose('teams:other', 'avrop-b', minutes(11))).toEqual([
        held(9, { conversationKey: 'teams:other', target: null }),
      ]);
    });

    it('the same click handled by two instances at once: every held question is claimed exactly once', async () => {
      const a = await open();
      const b = await open();
      for (let round = 0; round < 5; round++) {
        const key = `slack:T1:D${round}`;
        const ids: string[] = [];
        for (let i = 0; i < 4; i++) {
          const q = held(round * 10 + i, { conversationKey: key });
          ids.push(q.deliveryId);
          expect(await (i % 2 ? a : b).hold(q, minutes(round * 10 + i))).toBe('held');
        }
        const [fromA, fromB] = await Promise.all([
          a.choose(key, 'avrop-a', minutes(60)),
          b.choose(key, 'avrop-a', minutes(60)),
        ]);
        const all = [...fromA, ...fromB].map((q) => q.deliveryId);
        expect(all.sort()).toEqual([...ids].sort());
        // One of them got everything, oldest first (one transaction claims the whole conversation).
        const winner = fromA.length > 0 ? fromA : fromB;
        expect(winner.map((q) => q.deliveryId)).toEqual(ids);
        expect(await b.choiceOf(key)).toBe('avrop-a');
        for (const id of ids) expect(await (fromA.length > 0 ? a : b).release(id)).toBe(true);
      }
      expect(await h.count('held_questions')).toBe(0);
    });

    it('a hold of the same delivery on two instances at once is held once', async () => {
      const a = await open();
      const b = await open();
      const results = await Promise.all([a.hold(held(1), minutes(1)), b.hold(held(1), minutes(1))]);
      expect(results.sort()).toEqual(['already_held', 'held']);
      expect(await h.count('held_questions')).toBe(1);
    });

    it('a question arriving once the conversation has chosen is not held: the choice comes back instead', async () => {
      const store = await open();
      await store.choose('slack:T1:D1', 'avrop-a', T0);
      expect(await store.hold(held(1), minutes(1), ['avrop-a', 'avrop-b'])).toEqual({ chosen: 'avrop-a' });
      // A choice of a call-off no longer configured does not count: the supplier is asked again.
      expect(await store.hold(held(2), minutes(1), ['avrop-b'])).toBe('held');
      expect(await h.count('held_questions')).toBe(1);
    });

    it('a question and a click at the same moment on two instances: the question is never left waiting', async () => {
      const a = await open();
      const b = await open();
      for (let round = 0; round < 10; round++) {
        const key = `slack:T1:R${round}`;
        const q = held(round, { conversationKey: key });
        const [holding, claimed] = await Promise.all([
          a.hold(q, minutes(round), ['avrop-a']),
          b.choose(key, 'avrop-a', minutes(round)),
        ]);
        // Either the click claimed it, or the hold saw the choice and hands the question on at once.
        if (holding === 'held') {
          expect(claimed.map((c) => c.deliveryId)).toEqual([q.deliveryId]);
          expect(await b.release(q.deliveryId)).toBe(true);
        } else expect(holding).toEqual({ chosen: 'avrop-a' });
      }
      expect(await h.count('held_questions')).toBe(0);
    });

    it('held questions older than the time to live are deleted, not just skipped', async () => {
      const store = await open();
      await store.hold(held(1), T0);
      await store.hold(held(2), minutes(30));
      await store.hold(held(3, { conversationKey: 'slack:T1:D2' }), T0);
      const late = new Date(T0.getTime() + HELD_TTL_MS + 60_000);
      expect(await store.dropExpired(late)).toBe(2);
      expect(await h.count('held_questions')).toBe(1);
      expect((await store.choose('slack:T1:D1', 'avrop-a', late)).map((q) => q.deliveryId)).toEqual(['slack:Ev2']);

      // Holding and choosing sweep expired questions of every conversation too.
      await store.hold(held(4, { conversationKey: 'slack:T1:D3' }), late);
      await store.hold(held(5, { conversationKey: 'slack:T1:D4' }), new Date(late.getTime() + HELD_TTL_MS + 1));
      expect(await h.count('held_questions')).toBe(1);
      expect(await store.choose('slack:T1:D3', 'avrop-a', new Date(late.getTime() + HELD_TTL_MS + 1))).toEqual([]);
    });

    it('keeps at most the newest questions per conversation', async () => {
      const store = await open(3);
      for (let i = 1; i <= 5; i++) await store.hold(held(i), minutes(i));
      await store.hold(held(6, { conversationKey: 'slack:T1:D2' }), minutes(6));
      expect(await h.count('held_questions')).toBe(4);
      expect((await store.choose('slack:T1:D1', 'avrop-a', minutes(7))).map((q) => q.deliveryId)).toEqual([
        'slack:Ev3',
        'slack:Ev4',
        'slack:Ev5',
      ]);
    });

    it('a choice is shared, can be changed, and a purge of its call-off forgets it', async () => {
      const a = await open();
      const b = await open();
      await a.choose('slack:T1:D1', 'avrop-a', T0);
      await a.choose('teams:1', 'avrop-a', T0);
      await b.choose('slack:T1:D2', 'avrop-b', T0);
      expect(await b.choiceOf('slack:T1:D1')).toBe('avrop-a');
      await b.choose('slack:T1:D1', 'avrop-b', minutes(1));
      expect(await a.choiceOf('slack:T1:D1')).toBe('avrop-b');

      expect(await a.forgetCallOff('avrop-b')).toBe(2);
      expect(await b.choiceOf('slack:T1:D1')).toBeUndefined();
      expect(await b.choiceOf('slack:T1:D2')).toBeUndefined();
      expect(await b.choiceOf('teams:1')).toBe('avrop-a');
      expect(await h.count('conversation_choices')).toBe(1);
      expect(await a.forgetCallOff('avrop-b')).toBe(0);
    });

    it('a claim is exclusive within its lease; once the lease runs out unreleased, it is taken again, by one caller', async () => {
      const a = await open();
      const b = await open();
      await a.hold(held(1), minutes(1));
      await a.hold(held(2), minutes(2));
      const claimedAt = minutes(10);
      expect(await a.choose('slack:T1:D1', 'avrop-a', claimedAt)).toEqual([held(1), held(2)]);
      // Another instance within the lease: nothing, not even with a second click.
      expect(await b.choose('slack:T1:D1', 'avrop-a', afterLease(claimedAt, -1))).toEqual([]);
      expect(await b.retake('slack:T1:D1', 'avrop-a', afterLease(claimedAt, -1))).toEqual([]);
      // A held question arriving meanwhile is claimed alone (the choice was of a call-off no longer listed).
      await b.hold(held(3), minutes(11), ['avrop-b']);
      expect(await b.choose('slack:T1:D1', 'avrop-a', minutes(11))).toEqual([held(3)]);

      expect(await a.release('slack:Ev1')).toBe(true);
      // The claimer died with Ev2 unreleased: after its lease two instances race, one gets it.
      const late = afterLease(claimedAt);
      const [fromA, fromB] = await Promise.all([
        a.choose('slack:T1:D1', 'avrop-a', late),
        b.choose('slack:T1:D1', 'avrop-a', late),
      ]);
      expect([...fromA, ...fromB]).toEqual([held(2)]);
      // Retaken, it has a new lease.
      expect(await b.choose('slack:T1:D1', 'avrop-a', afterLease(claimedAt, 1000))).toEqual([]);
      expect(await h.count('held_questions')).toBe(2);
    });

    it('retake takes what a claimer left behind, only for the call-off still chosen, and never an expired question', async () => {
      const store = await open();
      await store.hold(held(1), minutes(1));
      const claimedAt = minutes(5);
      expect(await store.choose('slack:T1:D1', 'avrop-a', claimedAt)).toEqual([held(1)]);
      // Nothing to take while the claim is fresh, or in a conversation with nothing held.
      expect(await store.retake('slack:T1:D1', 'avrop-a', minutes(6))).toEqual([]);
      expect(await store.retake('slack:T1:D9', 'avrop-a', afterLease(claimedAt))).toEqual([]);
      // The choice changed meanwhile (elsewhere): that choice's click claims the questions, not this one.
      expect(await store.retake('slack:T1:D1', 'avrop-b', afterLease(claimedAt))).toEqual([]);
      expect(await store.choiceOf('slack:T1:D1')).toBe('avrop-a');
      const retakenAt = afterLease(claimedAt);
      expect(await store.retake('slack:T1:D1', 'avrop-a', retakenAt)).toEqual([held(1)]);
      expect(await store.retake('slack:T1:D1', 'avrop-a', retakenAt)).toEqual([]);
      // Personal data: a claimed question past its time to live is not handed out, and the sweep deletes it.
      const expired = new Date(minutes(1).getTime() + HELD_TTL_MS + 1);
      expect(await store.retake('slack:T1:D1', 'avrop-a', afterLease(expired))).toEqual([]);
      expect(await store.dropExpired(expired)).toBe(1);
      expect(await h.count('held_questions')).toBe(0);
    });

    it('an instance dying after the claim: the next click after the lease registers the question once, with its time of receipt', async () => {
      const first = await openRegisterDatabase({ ...h.target, logger: capturingLogger() });
      opened.push(first.register);
      const second = await openRegisterDatabase({ ...h.target, logger: capturingLogger() });
      opened.push(second.register);
      await first.conversations.hold(held(1), minutes(1));
      await first.conversations.hold(held(2), minutes(2));
      // The first instance claims both, registers Ev2 only, and dies before asking Ev1 or releasing either.
      const claimedAt = minutes(10);
      expect(await first.conversations.choose('slack:T1:D1', 'avrop-a', claimedAt)).toHaveLength(2);
      const crashed = deskOn(first.conversations, first.register, () => claimedAt);
      await first.register.receive({
        callOff: 'avrop-a',
        asker: held(2).asker,
        question: held(2).text,
        publicQuestion: held(2).text,
        receivedAt: held(2).receivedAt.toISOString(),
        deliveryId: held(2).deliveryId,
      });
      expect(crashed.asked).toEqual([]);

      // A click on the second instance within the lease takes nothing.
      let clock = afterLease(claimedAt, -1000);
      const { desk, asked } = deskOn(second.conversations, second.register, () => clock);
      expect(await desk.choose(CONVERSATION, 'avrop-a')).toMatchObject({ kind: 'chosen', answered: [] });
      clock = afterLease(claimedAt);
      const choice = await desk.choose(CONVERSATION, 'avrop-a');
      if (choice.kind !== 'chosen') throw new Error(`expected a choice, got ${choice.kind}`);
      expect(asked).toEqual(['slack:Ev1', 'slack:Ev2']);
      expect(choice.answered.map((a) => a.outcome.kind)).toEqual(['reply', 'silent']);
      // Registered once each, with the time the question reached us, and nothing is held any more.
      const entries = await second.register.list();
      expect(entries.map((e) => [e.deliveryId, e.receivedAt])).toEqual([
        ['slack:Ev2', '2026-01-26T09:02:00.000Z'],
        ['slack:Ev1', '2026-01-26T09:01:00.000Z'],
      ]);
      expect(await h.count('held_questions')).toBe(0);
      expect(await second.register.verify()).toMatchObject({ ok: true, entries: 2 });
    });

    it('a failed ask leaves the question held: the next click, or the next question, after the lease registers it', async () => {
      const db = await openRegisterDatabase({ ...h.target, logger: capturingLogger() });
      opened.push(db.register);
      const failing = { on: true };
      let clock = minutes(10);
      const { desk, asked } = deskOn(db.conversations, db.register, () => clock, failing);
      for (const n of [1, 2]) {
        expect(await desk.take(deskQuestion(held(n)))).toMatchObject({ kind: 'choose' });
      }
      const first = await desk.choose(CONVERSATION, 'avrop-a');
      expect(first).toMatchObject({
        kind: 'chosen',
        answered: [{ outcome: { kind: 'failed' } }, { outcome: { kind: 'failed' } }],
      });
      expect(await h.count('held_questions')).toBe(2);
      expect(await db.register.list()).toEqual([]);

      // The register is back. A question within the lease is answered; the failed ones still wait.
      failing.on = false;
      clock = afterLease(minutes(10), -1);
      expect(await desk.take(deskQuestion(held(3)))).toMatchObject({ kind: 'reply' });
      expect(await h.count('held_questions')).toBe(2);
      // The next question after the lease takes them too: no click may come again in a chosen conversation.
      clock = afterLease(minutes(10));
      // Their answers are handed over to be posted where they were asked, the new one's returned.
      const posted: Array<[string, string]> = [];
      const taken = await desk.take(deskQuestion(held(4)), async (earlier) => {
        for (const a of earlier) posted.push([a.question.deliveryId, a.outcome.kind]);
      });
      expect(taken).toMatchObject({ kind: 'reply' });
      expect(posted).toEqual([
        ['slack:Ev1', 'reply'],
        ['slack:Ev2', 'reply'],
      ]);
      expect(asked).toEqual(['slack:Ev1', 'slack:Ev2', 'slack:Ev3', 'slack:Ev4', 'slack:Ev1', 'slack:Ev2']);
      expect(await h.count('held_questions')).toBe(0);
      const entries = await db.register.list();
      expect(entries.map((e) => [e.deliveryId, e.receivedAt])).toEqual([
        ['slack:Ev3', '2026-01-26T09:03:00.000Z'],
        ['slack:Ev4', '2026-01-26T09:04:00.000Z'],
        ['slack:Ev1', '2026-01-26T09:01:00.000Z'],
        ['slack:Ev2', '2026-01-26T09:02:00.000Z'],
      ]);

      // And a failed ask in a click: the next click after the lease asks it again.
      failing.on = true;
      clock = minutes(30);
      await desk.take(deskQuestion(held(5, { conversationKey: 'slack:T1:D2' })));
      const conversation2 = { ...CONVERSATION, key: 'slack:T1:D2' };
      expect(await desk.choose(conversation2, 'avrop-b')).toMatchObject({
        answered: [{ outcome: { kind: 'failed' } }],
      });
      failing.on = false;
      clock = afterLease(minutes(30));
      expect(await desk.choose(conversation2, 'avrop-b')).toMatchObject({
        answered: [{ question: { deliveryId: 'slack:Ev5' }, outcome: { kind: 'reply' } }],
      });
      expect((await db.register.list({ callOff: 'avrop-b' })).map((e) => e.receivedAt)).toEqual([
        '2026-01-26T09:05:00.000Z',
      ]);
      expect(await h.count('held_questions')).toBe(0);
    });

    it('is not part of the register: no events, the chain verifies', async () => {
      const db = await openRegisterDatabase({ ...h.target, logger: capturingLogger() });
      opened.push(db.register);
      await db.conversations.hold(held(1), T0);
      await db.conversations.choose('slack:T1:D2', 'avrop-a', T0);
      expect(await db.register.verify()).toMatchObject({ ok: true, events: 0, entries: 0 });
      expect(await db.register.list()).toEqual([]);
    });
  });
}
