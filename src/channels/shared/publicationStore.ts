/**
 * The port through which `serve` posts publications in chat: the outbox rows
 * the register wrote with each publication (one per listed Slack channel or
 * Teams conversation, one for the asker). Whoever posts one holds a claim with
 * a lease, as for owed replies, so several instances post each row once.
 * Kept in the register's database (src/register/publicationPosts.ts).
 */
import type { Channel } from '../../core/types.js';

export interface PublicationPost {
  id: string;
  callOff: string;
  entryId: string;
  channel: Channel;
  /** To everyone in a listed channel, or to the supplier who asked, where they asked. */
  kind: 'broadcast' | 'asker';
  /** A listed channel or conversation id (broadcast), or the asker's stored reply target. */
  target: unknown;
  faqNumber: number;
  publicQuestion: string;
  answer: string;
  /** ISO 8601 UTC. */
  publishedAt: string;
}

export interface PublicationPostStore {
  /** Claims the queued posts of `channels` nobody alive works on, oldest first, at most `limit`. */
  claimDue(channels: readonly Channel[], now?: Date, limit?: number): Promise<PublicationPost[]>;
  /** Posted (or given up): removed from the outbox. Whether it was still there. */
  release(id: string): Promise<boolean>;
}
