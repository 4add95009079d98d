/**
 * The PublicationPostStore on the register's database: the same claim rules
 * as owed replies (a lease; a dead process on this host is taken over at once).
 */
import type { PublicationPost, PublicationPostStore } from '../channels/shared/publicationStore.js';
import type { Channel } from '../core/types.js';
import { claimRules, type OwedReplyOptions } from './owedReplies.js';
import type { PublicationPostRow, PublicationPostTables } from './store.js';

function fromRow(row: PublicationPostRow): PublicationPost {
  let target: unknown = null;
  try {
    target = JSON.parse(row.target) as unknown;
  } catch {
    // Null: the channel reports a target it cannot use.
  }
  return {
    id: row.id,
    callOff: row.call_off,
    entryId: row.entry_id,
    channel: row.channel as Channel,
    kind: row.kind,
    target,
    faqNumber: Number(row.faq_number),
    publicQuestion: row.public_question,
    answer: row.answer,
    publishedAt: row.published_at,
  };
}

export function createPublicationPostStore(
  tables: PublicationPostTables,
  opts: OwedReplyOptions = {},
): PublicationPostStore {
  const { me, leftBehind } = claimRules(opts);
  return {
    async claimDue(channels, now = new Date(), limit = 100) {
      const claimed: PublicationPost[] = [];
      for (const row of await tables.list(channels, limit)) {
        if (!leftBehind(row, now)) continue;
        const won = await tables.claim(row.id, { by: row.claimed_by, at: row.claimed_at }, me, now.toISOString());
        if (won) claimed.push(fromRow(row));
      }
      return claimed;
    },
    release: (id) => tables.release(id),
  };
}
