/**
 * The owed-reply contract: what the OwedReplyStore and the register's receive
 * must do together on every backend. A chat question is registered with the
 * reply owed to it, in one transaction; the reply is claimed by one process
 * at a time and taken over only from a process that is gone or whose lease ran
 * out. "Instances" are stores opened separately on the same database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OwedReplyStore } from '../../src/channels/shared/owedReplyStore.js';
import type { NewQuestion, QuestionRegister } from '../../src/core/ports.js';
import { openRegisterDatabase } from '../../src/register/index.js';
import { OWED_REPLY_LEASE_MS, type OwedReplyOptions } from '../../src/register/owedReplies.js';
import type { ConversationHarness } from './conversationContract.js';
import { capturingLogger, question } from './harness.js';

const T0 = new Date('2026-01-26T09:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const TARGET = { kind: 'post', channel: 'C100', threadTs: '1769418001.000001' };

/** Claimants as `serve` processes name themselves: host:pid:uuid. */
const ALIVE_HERE = 'host-a:1001:aaaa';
const DEAD_HERE = 'host-a:1002:bbbb';
const ELSEWHERE = 'host-b:1001:cccc';
const running = new Set([1001, 1003]);

export function owedReplyContract(name: string, makeHarness: () => Promise<ConversationHarness>): void {
  describe(`Owed replies contract: ${name}`, () => {
    let h: ConversationHarness;
    const opened: QuestionRegister[] = [];
    const open = async (claimant: string, extra: Partial<OwedReplyOptions> = {}) => {
      const db = await openRegisterDatabase({
        ...h.target,
        logger: capturingLogger(),
        owedReplies: { claimant, isRunning: (pid) => running.has(pid), ...extra },
      });
      opened.push(db.register);
      return db;
    };
    /** Registers a question as `owner` did when it received it. */
    const receive = (
      register: QuestionRegister,
      owed: OwedReplyStore,
      deliveryId: string,
      overrides: Partial<NewQuestion> = {},
    ) =>
      register.receive(
        question({ deliveryId, replyTo: owed.replyTo(TARGET, T0), receivedAt: T0.toISOString(), ...overrides }),
      );

    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      for (const r of opened.splice(0)) await r.close();
      await h.dispose();
    });

    it('registers the reply owed with the question, once per delivery, and only where a channel asked for one', async () => {
      const { register, owedReplies } = await open(ALIVE_HERE);
      const first = await receive(register, owedReplies, 'slack:Ev1');
      const again = await receive(register, owedReplies, 'slack:Ev1');
      expect([first.created, again.created]).toEqual([true, false]);
      await register.receive(question({ deliveryId: null }));
      expect(await h.count('owed_replies')).toBe(1);
      // The receiving process holds it: nobody else takes it while it works.
      const other = await open(ELSEWHERE);
      expect(await other.owedReplies.claim('avrop-a', first.entry.id, T0)).toBeNull();
      expect(await other.owedReplies.claimLeftBehind(['slack'], T0)).toEqual([]);
    });

    it('a claim of a process gone from this host is taken at once; one elsewhere only after the lease', async () => {
      const dead = await open(DEAD_HERE);
      const elsewhere = await open(ELSEWHERE);
      const a = await receive(dead.register, dead.owedReplies, 'slack:Ev1');
      const b = await receive(elsewhere.register, elsewhere.owedReplies, 'slack:Ev2');

      const restarted = await open(ALIVE_HERE);
      const claimed = await restarted.owedReplies.claimLeftBehind(['slack', 'teams'], later(1000));
      expect(claimed).toEqual([
        { callOff: 'avrop-a', entryId: a.entry.id, channel: 'slack', target: TARGET, registeredAt: T0.toISOString() },
      ]);
      // Now held by a live process: the next look finds nothing to take.
      expect(await restarted.owedReplies.claimLeftBehind(['slack'], later(2000))).toEqual([]);

      const afterLease = later(OWED_REPLY_LEASE_MS + 1000);
      const taken = await restarted.owedReplies.claimLeftBehind(['slack'], afterLease);
      expect(taken.map((t) => t.entryId)).toEqual([b.entry.id]);
    });

    it('the same pid with another uuid is an earlier life of this process (a restarted container)', async () => {
      const before = await open('host-a:1001:old-life');
      const q = await receive(before.register, before.owedReplies, 'teams:abc:1', {
        asker: { channel: 'teams', userId: 'aad-1', name: null, org: null },
      });
      const now = await open(ALIVE_HERE);
      expect(await now.owedReplies.claimLeftBehind(['slack'], later(10))).toEqual([]);
      const taken = await now.owedReplies.claimLeftBehind(['teams'], later(10));
      expect(taken.map((t) => [t.entryId, t.channel])).toEqual([[q.entry.id, 'teams']]);
    });

    it('a repeated delivery claims the reply only if it is left behind, and exactly one of two racing instances wins', async () => {
      const dead = await open(DEAD_HERE);
      const q = await receive(dead.register, dead.owedReplies, 'slack:Ev1');
      const one = await open(ALIVE_HERE);
      const two = await open('host-a:1003:dddd');
      const results = await Promise.all([
        one.owedReplies.claim('avrop-a', q.entry.id, later(5)),
        two.owedReplies.claim('avrop-a', q.entry.id, later(5)),
        one.owedReplies.claimLeftBehind(['slack'], later(5)),
        two.owedReplies.claimLeftBehind(['slack'], later(5)),
      ]);
      const winners = [results[0], results[1], ...results[2], ...results[3]].filter((r) => r !== null);
      expect(winners).toHaveLength(1);
    });

    it('a posted reply is released; a purge of the call-off erases the targets left', async () => {
      const { register, owedReplies } = await open(ALIVE_HERE);
      const a = await receive(register, owedReplies, 'slack:Ev1');
      await receive(register, owedReplies, 'slack:Ev2');
      expect(await owedReplies.release('avrop-a', a.entry.id)).toBe(true);
      expect(await owedReplies.release('avrop-a', a.entry.id)).toBe(false);
      expect(await h.count('owed_replies')).toBe(1);
      await register.purge('avrop-a', 'buyer:cli', later(1).toISOString());
      expect(await h.count('owed_replies')).toBe(0);
      expect((await register.verify()).ok).toBe(true);
    });

    it('a reply target that is not storable text is refused with the question, and nothing is registered', async () => {
      const { register } = await open(ALIVE_HERE);
      await expect(
        register.receive(
          question({
            deliveryId: 'slack:EvBad',
            replyTo: { target: 'x\u0000y', claimedBy: ALIVE_HERE, claimedAt: T0.toISOString() },
          }),
        ),
      ).rejects.toThrow(/replyTo.target/);
      expect(await register.list()).toEqual([]);
      expect(await h.count('owed_replies')).toBe(0);
    });
  });
}
