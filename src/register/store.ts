/**
 * What a register backend provides: rows, a serialized write transaction and
 * consistent reads. The rules and the hash chain live in engine.ts and
 * core/registerRules.ts; a backend only stores and locks.
 */
import type { EntryFilter } from '../core/ports.js';

/** One row of `entries`: the current state of a question, derivable from its events. */
export interface EntryRow {
  call_off: string;
  id: string;
  receipt_no: number;
  status: string;
  received_at: string;
  delivery_id: string | null;
  channel: string;
  user_id: string | null;
  name: string | null;
  org: string | null;
  question: string;
  public_question: string;
  /** JSON text of the BotAnswer, or null. */
  bot_answer: string | null;
  answer: string | null;
  published_at: string | null;
  faq_number: number | null;
}

/** One row of `events`: the append-only, hash-chained audit trail. */
export interface EventRow {
  seq: number;
  call_off: string;
  entry_id: string | null;
  type: string;
  actor: string;
  at: string;
  /** JSON text. */
  data: string;
  /** JSON text, or null once purged. */
  personal: string | null;
  personal_digest: string;
  prev_hash: string;
  hash: string;
}

/** One row of `deliveries`: a platform delivery id seen once, as a question or as a refusal. */
export interface DeliveryRow {
  delivery_id: string;
  call_off: string;
  kind: 'question' | 'refusal';
  entry_id: string | null;
  seq: number;
}

/** The one-row `chain_head`: last seq and hash, so a deleted tail is noticed. */
export interface HeadRow {
  seq: number;
  hash: string;
}

/** Everything `verify` needs, read in one consistent snapshot. */
export interface Snapshot {
  events: EventRow[];
  entries: EntryRow[];
  deliveries: DeliveryRow[];
  head: HeadRow | null;
}

/** Statements available inside one write transaction (serialized across processes). */
export interface StoreTx {
  delivery(deliveryId: string): Promise<DeliveryRow | null>;
  addDelivery(row: DeliveryRow): Promise<void>;
  entry(callOff: string, id: string): Promise<EntryRow | null>;
  maxReceiptNo(callOff: string): Promise<number>;
  maxFaqNumber(callOff: string): Promise<number>;
  head(): Promise<HeadRow>;
  /** Inserts the event and moves the chain head to it. */
  appendEvent(row: EventRow): Promise<void>;
  insertEntry(row: EntryRow): Promise<void>;
  updateEntry(row: EntryRow): Promise<void>;
  /** Records where the reply to a question just received is owed (same transaction as the question). */
  addOwedReply(row: OwedReplyRow): Promise<void>;
  /** Keeps where a question was asked, after its reply is posted too (the publication notice goes there). */
  addAskerTarget(row: AskerTargetRow): Promise<void>;
  askerTarget(callOff: string, entryId: string): Promise<AskerTargetRow | null>;
  /** Queues one post of a publication (same transaction as the publication event). */
  addPublicationPost(row: PublicationPostRow): Promise<void>;
  /**
   * Nulls `personal` of the call-off's events and the personal columns of its
   * entries (question -> PURGED_TEXT). Returns the number of events erased.
   */
  erasePersonal(callOff: string, purgedText: string): Promise<number>;
}

/** One row of `held_questions`: a chat question waiting for the supplier's choice of call-off. */
export interface HeldRow {
  delivery_id: string;
  conversation_key: string;
  /** ISO 8601 UTC: when the question reached us. */
  received_at: string;
  channel: string;
  user_id: string;
  name: string | null;
  org: string | null;
  question: string;
  /** JSON text: where the channel posts the answer. */
  target: string;
  /** ISO 8601 UTC: when it was held (for the time to live). */
  held_at: string;
}

/**
 * Conversation state next to the register (not entries, not in the chain).
 * Each method is one transaction of its own; none takes the chain's lock.
 */
export interface ConversationTables {
  choice(conversationKey: string): Promise<string | null>;
  /**
   * Deletes held rows older than `expiredBefore`; if the conversation chose one
   * of `callOffIds`, returns that choice and holds nothing; otherwise inserts
   * `row` unless its delivery id is held already and keeps the conversation's
   * newest `cap` rows. Serialised with `choose` for the same conversation, so a
   * row is never inserted just after a choice claimed the others.
   */
  hold(
    row: HeldRow,
    expiredBefore: string,
    cap: number,
    callOffIds: readonly string[],
  ): Promise<{ inserted: boolean; choice: string | null }>;
  /**
   * Upserts the choice, deletes expired rows and claims the conversation's
   * held rows that are unclaimed or whose claim is older than `leaseBefore`
   * (claimed_at = chosenAt), returning them oldest first. Rows stay until
   * `release`: a row is returned to one caller per lease, and to another only
   * once that caller's lease has run out without a release (it died).
   */
  choose(
    conversationKey: string,
    callOff: string,
    chosenAt: string,
    expiredBefore: string,
    leaseBefore: string,
  ): Promise<HeldRow[]>;
  /**
   * Like `choose` without saving a choice: claims the claimable rows only if
   * the conversation's choice is still `callOff` (a choice changed meanwhile
   * elsewhere claims them itself). For questions left behind by a claimer
   * that died or whose registration failed.
   */
  claim(
    conversationKey: string,
    callOff: string,
    claimedAt: string,
    expiredBefore: string,
    leaseBefore: string,
  ): Promise<HeldRow[]>;
  /** Deletes a held row once the register has its question. Returns whether there was one. */
  release(deliveryId: string): Promise<boolean>;
  forgetCallOff(callOff: string): Promise<number>;
  dropExpired(expiredBefore: string): Promise<number>;
}

/** One row of `owed_replies`: a registered question whose reply has not been posted yet. */
export interface OwedReplyRow {
  call_off: string;
  entry_id: string;
  channel: string;
  /** JSON text: where the channel posts the reply. */
  target: string;
  /** ISO 8601 UTC: when the question was registered. */
  registered_at: string;
  /** The process working on it (host:pid:uuid), or null. */
  claimed_by: string | null;
  claimed_at: string | null;
}

/**
 * Replies owed, next to the register (not in the chain). Rows are inserted by
 * `StoreTx.addOwedReply` with the question; each method here is one statement
 * of its own and none takes the chain's lock.
 */
export interface OwedReplyTables {
  /** Every owed reply, oldest first (at most `limit`). */
  list(limit: number): Promise<OwedReplyRow[]>;
  get(callOff: string, entryId: string): Promise<OwedReplyRow | null>;
  /**
   * Compare-and-set: moves the claim to `by`/`at` only if the row is still
   * claimed as `expected` says (null-safe). Whether this caller won it.
   */
  claim(
    callOff: string,
    entryId: string,
    expected: { by: string | null; at: string | null },
    by: string,
    at: string,
  ): Promise<boolean>;
  /** Deletes the row once the reply is posted. Whether there was one. */
  release(callOff: string, entryId: string): Promise<boolean>;
}

/** One row of `asker_targets`: where a chat question was asked. */
export interface AskerTargetRow {
  call_off: string;
  entry_id: string;
  channel: string;
  /** JSON text, as the channel stored it for the reply. */
  target: string;
}

/** One row of `publication_posts`: a publication still to be posted to one destination. */
export interface PublicationPostRow {
  /** "<published event seq>:<destination>". */
  id: string;
  call_off: string;
  entry_id: string;
  channel: string;
  kind: 'broadcast' | 'asker';
  /** JSON text: a listed channel or conversation id, or the asker's stored reply target. */
  target: string;
  faq_number: number;
  public_question: string;
  answer: string;
  /** ISO 8601 UTC. */
  published_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
}

/** The publication outbox next to the register; each method one statement, none takes the chain's lock. */
export interface PublicationPostTables {
  /**
   * The queued posts of `channels`, oldest first (at most `limit`): posts for a channel this
   * instance does not run (Teams off, say) never crowd out the ones it can make.
   */
  list(channels: readonly string[], limit: number): Promise<PublicationPostRow[]>;
  /** Compare-and-set on the previous claim (null-safe). Whether this caller won it. */
  claim(id: string, expected: { by: string | null; at: string | null }, by: string, at: string): Promise<boolean>;
  /** Deletes the row once posted (or given up). Whether there was one. */
  release(id: string): Promise<boolean>;
}

/**
 * Signed-out sessions of the buyer's page, so every instance refuses them.
 * Times are ISO 8601 UTC text. Each method is one statement or transaction of
 * its own; none takes the chain's lock.
 */
export interface RevocationTables {
  /** Records `id` as revoked until `until` (a later time wins) and deletes rows expired at `now`. */
  revoke(id: string, until: string, now: string): Promise<void>;
  /** Whether `id` is revoked at `now`: one lookup by primary key. */
  isRevoked(id: string, now: string): Promise<boolean>;
}

export interface Store {
  /** Human-readable backend name for logs ("sqlite", "postgres"). */
  readonly kind: string;
  /**
   * Runs `fn` in one write transaction that no other writer (in this or
   * another process) interleaves with; retried on lock or serialization
   * failures, so `fn` must be safe to run again.
   */
  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** A delivery seen before, read without the write lock (the fast path for platform retries). */
  delivery(deliveryId: string): Promise<DeliveryRow | null>;
  listEntries(filter: EntryFilter): Promise<EntryRow[]>;
  entry(callOff: string, id: string): Promise<EntryRow | null>;
  entryEvents(callOff: string, id: string): Promise<EventRow[]>;
  publishedEntries(callOff: string): Promise<EntryRow[]>;
  snapshot(): Promise<Snapshot>;
  /** Chat conversation state in the same database. */
  readonly conversations: ConversationTables;
  /** Signed-out admin sessions in the same database. */
  readonly revocations: RevocationTables;
  /** Replies owed to suppliers, in the same database. */
  readonly owedReplies: OwedReplyTables;
  /** Publications still to be posted in chat, in the same database. */
  readonly publicationPosts: PublicationPostTables;
  close(): Promise<void>;
}
