/**
 * The port through which the desk and the recovery keep track of replies owed
 * to suppliers. A chat question is registered together with where its reply
 * goes (write-ahead, before the platform is acked); the reply is owed until it
 * is posted. Whoever works on one holds a claim: the instance that received the
 * question, or, once that instance is gone, the next one to look. Kept in the
 * register's database (src/register/owedReplies.ts); the desk knows no SQL.
 */
import type { Channel, ReplyTo } from '../../core/types.js';

export interface OwedReply {
  callOff: string;
  entryId: string;
  channel: Channel;
  /** Where to post the reply, as the channel stored it (plain JSON data). */
  target: unknown;
  /** ISO 8601 UTC, wall clock: when the question was registered with it. */
  registeredAt: string;
}

export interface OwedReplyStore {
  /** The claim a question takes into the register with it: this process is replying. */
  replyTo(target: unknown, now?: Date): ReplyTo;
  /**
   * Claims the reply owed for one entry, unless it is not owed (already posted)
   * or a live process works on it. For a repeated delivery of an unanswered question.
   */
  claim(callOff: string, entryId: string, now?: Date): Promise<OwedReply | null>;
  /**
   * Claims the owed replies of `channels` that were left behind: never claimed,
   * claimed by a process that is gone, or whose claim's lease has run out.
   * Oldest first, at most `limit`.
   */
  claimLeftBehind(channels: readonly Channel[], now?: Date, limit?: number): Promise<OwedReply[]>;
  /** The reply is posted: no longer owed. Whether it still was. */
  release(callOff: string, entryId: string): Promise<boolean>;
}
