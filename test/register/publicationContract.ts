/**
 * The publication outbox contract on every backend: a publication queues one
 * post per listed Slack channel and Teams conversation and one for the asker
 * (where they asked), in the publication's own transaction; each post is
 * claimed by one process at a time and removed once posted. "Instances" are
 * stores opened separately on the same database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionRegister } from '../../src/core/ports.js';
import { openRegisterDatabase } from '../../src/register/index.js';
import { OWED_REPLY_LEASE_MS } from '../../src/register/owedReplies.js';
import type { ConversationHarness } from './conversationContract.js';
import { capturingLogger, question } from './harness.js';

const T0 = new Date('2026-01-26T09:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const at = (ms: number) => later(ms).toISOString();
const ASKED_IN = { kind: 'post', channel: 'C100', threadTs: '1769418001.000001' };
const LISTS = { slackChannels: ['CALL1', 'CALL2', 'CALL1'], teamsConversations: ['19:avrop@thread.tacv2'] };
const running = new Set([1001, 1003]);

export function publicationContract(name: string, makeHarness: () => Promise<ConversationHarness>): void {
  describe(`Publication outbox contract: ${name}`, () => {
    let h: ConversationHarness;
    const opened: QuestionRegister[] = [];
    const open = async (claimant: string, lists: typeof LISTS | null = LISTS) => {
      const db = await openRegisterDatabase({
        ...h.target,
        logger: capturingLogger(),
        owedReplies: { claimant, isRunning: (pid) => running.has(pid) },
        announceTo: (callOff) => (callOff === 'avrop-a' && lists ? lists : undefined),
      });
      opened.push(db.register);
      return db;
    };
    /** A chat question, answered by the buyer, ready to publish. */
    const answered = async (db: Awaited<ReturnType<typeof open>>, deliveryId: string | null) => {
      const { entry } = await db.register.receive(
        question({
          deliveryId,
          receivedAt: T0.toISOString(),
          ...(deliveryId ? { replyTo: db.owedReplies.replyTo(ASKED_IN, T0) } : {}),
        }),
      );
      await db.register.update('avrop-a', entry.id, { type: 'answer', answer: 'Högst fem CV.' }, 'buyer:cli', at(1));
      return entry.id;
    };

    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      for (const r of opened.splice(0)) await r.close();
      await h.dispose();
    });

    it('a publication queues each listed channel once and the asker where they asked, with the published text', async () => {
      const db = await open('host-a:1001:aaaa');
      const id = await answered(db, 'slack:Ev1');
      // The reply was posted long ago: the asker's target is kept all the same.
      expect(await db.owedReplies.release('avrop-a', id)).toBe(true);
      expect(await h.count('publication_posts')).toBe(0);
      await db.register.update('avrop-a', id, { type: 'publish' }, 'buyer:cli', at(2));

      const posts = await db.publicationPosts.claimDue(['slack', 'teams'], later(3));
      expect(posts.map((p) => [p.channel, p.kind, p.target]).sort()).toEqual(
        [
          ['slack', 'asker', ASKED_IN],
          ['slack', 'broadcast', 'CALL1'],
          ['slack', 'broadcast', 'CALL2'],
          ['teams', 'broadcast', '19:avrop@thread.tacv2'],
        ].sort(),
      );
      for (const p of posts) {
        expect(p).toMatchObject({
          callOff: 'avrop-a',
          entryId: id,
          faqNumber: 1,
          publicQuestion: 'Hur många CV får en leverantör lämna?',
          answer: 'Högst fem CV.',
          publishedAt: at(2),
        });
      }
      // A correction after the publication does not change what this publication says.
      await db.register.update('avrop-a', id, { type: 'answer', answer: 'Högst sex CV.' }, 'buyer:cli', at(4));
      expect(await h.count('publication_posts')).toBe(4);
      for (const p of posts) expect(await db.publicationPosts.release(p.id)).toBe(true);
      expect(await db.publicationPosts.release(posts[0]?.id ?? '')).toBe(false);
      expect(await h.count('publication_posts')).toBe(0);
      expect((await db.register.verify()).ok).toBe(true);
    });

    it('a question asked outside chat is announced to the channels only; a refused publication queues nothing', async () => {
      const db = await open('host-a:1001:aaaa');
      const id = await answered(db, null);
      const { entry: unanswered } = await db.register.receive(question({ deliveryId: null }));
      await expect(
        db.register.update('avrop-a', unanswered.id, { type: 'publish' }, 'buyer:cli', at(2)),
      ).rejects.toThrow(/inget officiellt svar/);
      expect(await h.count('publication_posts')).toBe(0);
      await db.register.update('avrop-a', id, { type: 'publish' }, 'buyer:cli', at(2));
      const kinds = (await db.publicationPosts.claimDue(['slack', 'teams'], later(3))).map((p) => p.kind);
      expect(kinds).toEqual(['broadcast', 'broadcast', 'broadcast']);
    });

    it('a call-off without lists queues the asker only; each new publication is queued again', async () => {
      const db = await open('host-a:1001:aaaa', null);
      const id = await answered(db, 'slack:Ev1');
      await db.register.update('avrop-a', id, { type: 'publish' }, 'buyer:cli', at(2));
      await db.register.update('avrop-a', id, { type: 'unpublish' }, 'buyer:cli', at(3));
      await db.register.update('avrop-a', id, { type: 'publish' }, 'buyer:cli', at(4));
      const posts = await db.publicationPosts.claimDue(['slack'], later(5));
      expect(posts.map((p) => [p.kind, p.publishedAt])).toEqual([
        ['asker', at(2)],
        ['asker', at(4)],
      ]);
    });

    it('two instances claiming at once share the posts, each to exactly one; another takes one only after the lease', async () => {
      const one = await open('host-a:1001:aaaa');
      const two = await open('host-b:1001:bbbb');
      const id = await answered(one, 'slack:Ev1');
      await one.register.update('avrop-a', id, { type: 'publish' }, 'buyer:cli', at(2));
      const [a, b] = await Promise.all([
        one.publicationPosts.claimDue(['slack', 'teams'], later(3)),
        two.publicationPosts.claimDue(['slack', 'teams'], later(3)),
      ]);
      const ids = [...a, ...b].map((p) => p.id);
      expect(ids).toHaveLength(4);
      expect(new Set(ids).size).toBe(4);
      // Held: nobody takes them again while the lease runs, the holder included.
      expect(await one.publicationPosts.claimDue(['slack', 'teams'], later(1000))).toEqual([]);
      expect(await two.publicationPosts.claimDue(['slack', 'teams'], later(1000))).toEqual([]);
      // Only routed channels are claimed, and posts for other channels take no place in the limit.
      const afterLease = later(3 + OWED_REPLY_LEASE_MS + 1000);
      expect((await two.publicationPosts.claimDue(['teams'], afterLease, 1)).map((p) => p.channel)).toEqual(['teams']);
      expect(await two.publicationPosts.claimDue([], afterLease)).toEqual([]);
    });

    it('a purge of the call-off erases the askers\u2019 targets and their notices; the channel posts stay', async () => {
      const db = await open('host-a:1001:aaaa');
      const id = await answered(db, 'slack:Ev1');
      await db.register.update('avrop-a', id, { type: 'publish' }, 'buyer:cli', at(2));
      expect(await h.count('asker_targets')).toBe(1);
      await db.register.purge('avrop-a', 'buyer:cli', at(3));
      expect(await h.count('asker_targets')).toBe(0);
      const left = await db.publicationPosts.claimDue(['slack', 'teams'], later(4));
      expect(left.map((p) => p.kind)).toEqual(['broadcast', 'broadcast', 'broadcast']);
      expect((await db.register.verify()).ok).toBe(true);
    });
  });
}
