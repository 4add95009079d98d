/**
 * The desk's ConversationStore on the register's database: choices and held
 * questions live next to the questions, so every instance on the same
 * database sees them and a restart keeps them. What is held is personal data
 * (the asker and the text), so it is kept for an hour at most and deleted,
 * not just ignored, when it expires.
 */
import type { ConversationStore, HeldQuestion } from '../channels/shared/conversationStore.js';
import type { Channel } from '../core/types.js';
import { requireNonEmpty, storableOptional, storableText } from './input.js';
import type { ConversationTables, HeldRow } from './store.js';

/** A question not chosen for within this time is dropped (and deleted). */
export const HELD_TTL_MS = 60 * 60_000;
/** At most this many held questions per conversation: the newest are kept. */
export const HELD_PER_CONVERSATION = 20;

/**
 * A claimed question not released within this time is handed out again: its
 * claimer died or could not register it. Longer than asking a conversation's
 * held questions takes; if it is not, the register's delivery ids still keep
 * a question from being registered twice.
 */
export const HELD_CLAIM_LEASE_MS = 2 * 60_000;

export interface ConversationOptions {
  ttlMs?: number;
  perConversation?: number;
  leaseMs?: number;
}

function toRow(q: HeldQuestion, heldAt: Date): HeldRow {
  return {
    delivery_id: requireNonEmpty(q.deliveryId, 'deliveryId'),
    conversation_key: requireNonEmpty(q.conversationKey, 'conversationKey'),
    received_at: q.receivedAt.toISOString(),
    channel: q.asker.channel,
    user_id: storableText(q.asker.userId, 'userId'),
    name: storableOptional(q.asker.name, 'name'),
    org: storableOptional(q.asker.org, 'org'),
    question: storableText(q.text, 'question'),
    target: storableText(JSON.stringify(q.target ?? null), 'target'),
    held_at: heldAt.toISOString(),
  };
}

function fromRow(row: HeldRow): HeldQuestion {
  return {
    deliveryId: row.delivery_id,
    conversationKey: row.conversation_key,
    receivedAt: new Date(row.received_at),
    asker: { channel: row.channel as Channel, userId: row.user_id, name: row.name, org: row.org },
    text: row.question,
    target: JSON.parse(row.target) as unknown,
  };
}

export function createConversationStore(tables: ConversationTables, opts: ConversationOptions = {}): ConversationStore {
  const ttl = opts.ttlMs ?? HELD_TTL_MS;
  const cap = opts.perConversation ?? HELD_PER_CONVERSATION;
  const lease = opts.leaseMs ?? HELD_CLAIM_LEASE_MS;
  const expiredBefore = (now: Date) => new Date(now.getTime() - ttl).toISOString();
  const leaseBefore = (now: Date) => new Date(now.getTime() - lease).toISOString();
  return {
    async choiceOf(key) {
      return (await tables.choice(key)) ?? undefined;
    },
    async hold(q, now = new Date(), callOffIds = []) {
      const result = await tables.hold(toRow(q, now), expiredBefore(now), cap, callOffIds);
      if (result.choice !== null) return { chosen: result.choice };
      return result.inserted ? 'held' : 'already_held';
    },
    async choose(key, callOffId, now = new Date()) {
      const rows = await tables.choose(
        key,
        requireNonEmpty(callOffId, 'callOff'),
        now.toISOString(),
        expiredBefore(now),
        leaseBefore(now),
      );
      return rows.map(fromRow);
    },
    async retake(key, callOffId, now = new Date()) {
      const rows = await tables.claim(key, callOffId, now.toISOString(), expiredBefore(now), leaseBefore(now));
      return rows.map(fromRow);
    },
    release: async (deliveryId) => tables.release(requireNonEmpty(deliveryId, 'deliveryId')),
    forgetCallOff: (callOffId) => tables.forgetCallOff(callOffId),
    dropExpired: (now = new Date()) => tables.dropExpired(expiredBefore(now)),
  };
}
