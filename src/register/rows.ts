/**
 * Mapping between domain objects and the rows both backends store, so the two
 * backends cannot drift in how an entry or an event is represented.
 */
import type { ChainedEvent } from '../core/registerRules.js';
import type { BotAnswer, EntryStatus, RegisterEntry, RegisterEvent, RegisterEventType } from '../core/types.js';
import type { EntryRow, EventRow, HeldRow } from './store.js';

export function entryToRow(entry: RegisterEntry, receiptNo: number): EntryRow {
  return {
    call_off: entry.callOff,
    id: entry.id,
    receipt_no: receiptNo,
    status: entry.status,
    received_at: entry.receivedAt,
    delivery_id: entry.deliveryId,
    channel: entry.asker.channel,
    user_id: entry.asker.userId ?? null,
    name: entry.asker.name ?? null,
    org: entry.asker.org ?? null,
    question: entry.question,
    public_question: entry.publicQuestion,
    bot_answer: entry.botAnswer === null ? null : JSON.stringify(entry.botAnswer),
    answer: entry.answer,
    published_at: entry.publishedAt,
    faq_number: entry.faqNumber,
  };
}

export function rowToEntry(row: EntryRow): RegisterEntry {
  return {
    id: row.id,
    callOff: row.call_off,
    status: row.status as EntryStatus,
    receivedAt: row.received_at,
    deliveryId: row.delivery_id,
    asker: {
      channel: row.channel as RegisterEntry['asker']['channel'],
      userId: row.user_id,
      name: row.name,
      org: row.org,
    },
    question: row.question,
    publicQuestion: row.public_question,
    botAnswer: row.bot_answer === null ? null : (JSON.parse(row.bot_answer) as BotAnswer),
    answer: row.answer,
    publishedAt: row.published_at,
    faqNumber: row.faq_number === null ? null : Number(row.faq_number),
  };
}

export function chainedToRow(ev: ChainedEvent): EventRow {
  return {
    seq: ev.seq,
    call_off: ev.callOff,
    entry_id: ev.entryId,
    type: ev.type,
    actor: ev.actor,
    at: ev.at,
    data: JSON.stringify(ev.data),
    personal: ev.personal === null ? null : JSON.stringify(ev.personal),
    personal_digest: ev.personalDigest,
    prev_hash: ev.prevHash,
    hash: ev.hash,
  };
}

/** A stored event with its JSON parts read back; throws on unreadable JSON. */
export function rowToChained(row: EventRow): ChainedEvent {
  return {
    seq: Number(row.seq),
    callOff: row.call_off,
    entryId: row.entry_id,
    type: row.type as RegisterEventType,
    actor: row.actor,
    at: row.at,
    data: JSON.parse(row.data) as Record<string, unknown>,
    personal: row.personal === null ? null : (JSON.parse(row.personal) as Record<string, unknown>),
    personalDigest: row.personal_digest,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The public view of an event: personal data stays out of histories. */
export function rowToEvent(row: EventRow): RegisterEvent {
  return {
    seq: Number(row.seq),
    callOff: row.call_off,
    entryId: row.entry_id,
    type: row.type as RegisterEventType,
    actor: row.actor,
    at: row.at,
    data: JSON.parse(row.data) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Oldest first: the order the supplier asked in (RETURNING gives no order). */
export function byHeldAt(rows: HeldRow[]): HeldRow[] {
  // Code-unit order, as the databases compare the ISO texts; no locale.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...rows].sort(
    (a, b) => cmp(a.held_at, b.held_at) || cmp(a.received_at, b.received_at) || cmp(a.delivery_id, b.delivery_id),
  );
}
