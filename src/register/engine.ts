/**
 * The QuestionRegister on top of any Store: validates input, applies the
 * shared rules (core/registerRules.ts), chains each event after the current
 * head and updates the entry row, all inside one store transaction.
 */
import { CodedError } from '../core/errors.js';
import type {
  BuyerAction,
  EntryFilter,
  Logger,
  NewQuestion,
  QuestionRegister,
  Refusal,
  VerifyOptions,
  VerifyReport,
} from '../core/ports.js';
import {
  applyEvent,
  botAnsweredEvent,
  chainEvent,
  decideBuyerAction,
  type EventDraft,
  formatReceiptId,
  normaliseReceiptId,
  PURGED_TEXT,
  receivedEvent,
  refusedEvent,
} from '../core/registerRules.js';
import type {
  Asker,
  BotAnswer,
  Channel,
  PublishedAnswer,
  RegisterEntry,
  RegisterEvent,
  ReplyTo,
} from '../core/types.js';
import { requireInstant, requireNonEmpty, storableOptional, storableText } from './input.js';
import { chainedToRow, entryToRow, rowToEntry, rowToEvent } from './rows.js';
import type { Store, StoreTx } from './store.js';
import { verifySnapshot } from './verify.js';

const CHANNELS: readonly Channel[] = ['cli', 'slack', 'teams', 'web'];

function notFound(callOff: string, id: string): CodedError {
  return new CodedError('entry_not_found', `Frågan ${id} finns inte i registret för avropet ${callOff}.`);
}

function cleanAsker(asker: Asker): Asker {
  if (!asker || !CHANNELS.includes(asker.channel)) {
    throw new CodedError('usage', `Okänd kanal "${String(asker?.channel)}". Tillåtna: ${CHANNELS.join(', ')}.`);
  }
  return {
    channel: asker.channel,
    userId: storableOptional(asker.userId, 'userId'),
    name: storableOptional(asker.name, 'name'),
    org: storableOptional(asker.org, 'org'),
  };
}

function cleanReplyTo(r: ReplyTo | null | undefined): ReplyTo | null {
  if (r === null || r === undefined) return null;
  return {
    target: storableText(r.target, 'replyTo.target'),
    claimedBy: requireNonEmpty(r.claimedBy, 'replyTo.claimedBy'),
    claimedAt: requireInstant(r.claimedAt, 'replyTo.claimedAt'),
  };
}

function cleanDeliveryId(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  return requireNonEmpty(id, 'deliveryId');
}

/** What a received and a refused question share, checked the same way. */
function cleanIncoming(q: Pick<NewQuestion, 'callOff' | 'asker' | 'question' | 'receivedAt' | 'deliveryId'>) {
  return {
    callOff: requireNonEmpty(q.callOff, 'callOff'),
    asker: cleanAsker(q.asker),
    question: storableText(q.question, 'question'),
    receivedAt: requireInstant(q.receivedAt, 'receivedAt'),
    deliveryId: cleanDeliveryId(q.deliveryId),
  };
}

/**
 * The draft exactly as it will read back from storage (JSON text): a value
 * JSON cannot carry as-is (a Date, an undefined in an array) would otherwise
 * hash differently from what verify later reads.
 */
function asStored(draft: EventDraft): EventDraft {
  return {
    ...draft,
    data: JSON.parse(JSON.stringify(draft.data)) as Record<string, unknown>,
    personal: draft.personal === null ? null : (JSON.parse(JSON.stringify(draft.personal)) as Record<string, unknown>),
  };
}

/** Appends one event after the current head; returns its seq. */
async function append(tx: StoreTx, draft: EventDraft): Promise<number> {
  const head = await tx.head();
  const chained = chainEvent(asStored(draft), head.seq + 1, head.hash);
  await tx.appendEvent(chainedToRow(chained));
  return chained.seq;
}

/** Where a call-off's publications are posted (its call-off.json lists). */
export interface AnnouncementTargets {
  slackChannels?: readonly string[];
  teamsConversations?: readonly string[];
}

export interface EngineOptions {
  /** A call-off's listed chat channels; without it (or for an unknown call-off) nothing is posted but the asker's notice. */
  announceTo?: (callOff: string) => AnnouncementTargets | undefined;
}

/**
 * The outbox rows of one publication: the listed Slack channels and Teams
 * conversations, and the asker where they asked in chat. Written in the
 * publication's own transaction, so a publication is queued exactly when it
 * is recorded, and once (the id names the event).
 */
async function queuePublicationPosts(
  tx: StoreTx,
  entry: RegisterEntry,
  seq: number,
  targets: AnnouncementTargets | undefined,
): Promise<void> {
  const base = {
    call_off: entry.callOff,
    entry_id: entry.id,
    faq_number: entry.faqNumber ?? 0,
    public_question: entry.publicQuestion,
    answer: entry.answer ?? '',
    published_at: entry.publishedAt ?? '',
    claimed_by: null,
    claimed_at: null,
  };
  const destinations: { channel: Channel; id: string }[] = [
    ...[...new Set(targets?.slackChannels ?? [])].map((id) => ({ channel: 'slack' as const, id })),
    ...[...new Set(targets?.teamsConversations ?? [])].map((id) => ({ channel: 'teams' as const, id })),
  ];
  for (const d of destinations) {
    await tx.addPublicationPost({
      ...base,
      id: `${seq}:${d.channel}:${d.id}`,
      channel: d.channel,
      kind: 'broadcast',
      target: JSON.stringify(d.id),
    });
  }
  const asker = await tx.askerTarget(entry.callOff, entry.id);
  if (asker) {
    await tx.addPublicationPost({
      ...base,
      id: `${seq}:asker`,
      channel: asker.channel,
      kind: 'asker',
      target: asker.target,
    });
  }
}

export function createRegister(store: Store, logger: Logger, options: EngineOptions = {}): QuestionRegister {
  let closed = false;
  const open = () => {
    if (closed) throw new CodedError('internal', 'Registret är stängt.');
  };

  async function changeEntry(
    callOff: string,
    rawId: string,
    decide: (entry: RegisterEntry, tx: StoreTx) => Promise<EventDraft>,
    after?: (tx: StoreTx, next: RegisterEntry, draft: EventDraft, seq: number) => Promise<void>,
  ): Promise<RegisterEntry> {
    open();
    const id = normaliseReceiptId(rawId);
    return store.write(async (tx) => {
      const row = await tx.entry(callOff, id);
      if (!row) throw notFound(callOff, id);
      const entry = rowToEntry(row);
      const draft = asStored(await decide(entry, tx));
      const next = applyEvent(entry, draft);
      if (!next) throw new CodedError('internal', `Händelsen ${draft.type} tog bort ${id}.`);
      const seq = await append(tx, draft);
      await tx.updateEntry(entryToRow(next, row.receipt_no));
      await after?.(tx, next, draft, seq);
      return next;
    });
  }

  return {
    async receive(q: NewQuestion) {
      open();
      const { callOff, asker, question, receivedAt, deliveryId } = cleanIncoming(q);
      const publicQuestion = storableText(q.publicQuestion, 'publicQuestion');
      const replyTo = cleanReplyTo(q.replyTo);

      // A platform retry is answered from what is already committed, without queueing for the write lock.
      const known = deliveryId === null ? null : await store.delivery(deliveryId);
      const row =
        known?.kind === 'question' && known.entry_id ? await store.entry(known.call_off, known.entry_id) : null;
      if (row) {
        const entry = rowToEntry(row);
        logger.info('register: question received', { callOff: entry.callOff, id: entry.id, created: false });
        return { entry, created: false };
      }

      const result = await store.write(async (tx) => {
        if (deliveryId !== null) {
          const seen = await tx.delivery(deliveryId);
          if (seen) {
            if (seen.kind !== 'question') {
              throw new CodedError(
                'invalid_transition',
                'Den här leveransen har redan tagits emot och avvisats som en sen fråga.',
              );
            }
            const row = seen.entry_id === null ? null : await tx.entry(seen.call_off, seen.entry_id);
            if (!row) {
              throw new CodedError(
                'register_tampered',
                `Leveransen är registrerad som ${seen.entry_id ?? 'en fråga'} (${seen.call_off}), men frågan saknas i registret. Kör en verifiering.`,
              );
            }
            return { entry: rowToEntry(row), created: false };
          }
        }
        const receiptNo = (await tx.maxReceiptNo(callOff)) + 1;
        const id = formatReceiptId(receiptNo);
        const draft = asStored(receivedEvent({ callOff, id, asker, question, publicQuestion, receivedAt, deliveryId }));
        const entry = applyEvent(null, draft) as RegisterEntry;
        const seq = await append(tx, draft);
        await tx.insertEntry(entryToRow(entry, receiptNo));
        if (deliveryId !== null) {
          await tx.addDelivery({ delivery_id: deliveryId, call_off: callOff, kind: 'question', entry_id: id, seq });
        }
        if (replyTo !== null) {
          await tx.addOwedReply({
            call_off: callOff,
            entry_id: id,
            channel: asker.channel,
            target: replyTo.target,
            registered_at: replyTo.claimedAt,
            claimed_by: replyTo.claimedBy,
            claimed_at: replyTo.claimedAt,
          });
          await tx.addAskerTarget({ call_off: callOff, entry_id: id, channel: asker.channel, target: replyTo.target });
        }
        return { entry, created: true };
      });
      logger.info('register: question received', {
        callOff: result.entry.callOff,
        id: result.entry.id,
        created: result.created,
        backend: store.kind,
      });
      return result;
    },

    async recordBotAnswer(callOff: string, id: string, answer: BotAnswer, at: string) {
      const when = requireInstant(at, 'at');
      const entry = await changeEntry(callOff, id, async (e) => botAnsweredEvent(e.callOff, e.id, answer, when));
      logger.info('register: bot answer recorded', { callOff, id: entry.id, status: answer.status });
    },

    async recordRefusal(r: Refusal) {
      open();
      const { callOff, asker, question, receivedAt, deliveryId } = cleanIncoming(r);
      const reason = requireNonEmpty(r.reason, 'reason');

      const known = deliveryId !== null && (await store.delivery(deliveryId)) !== null;
      const result = known
        ? { created: false }
        : await store.write(async (tx) => {
            if (deliveryId !== null && (await tx.delivery(deliveryId))) return { created: false };
            const seq = await append(tx, refusedEvent({ callOff, asker, question, receivedAt, deliveryId, reason }));
            if (deliveryId !== null) {
              await tx.addDelivery({
                delivery_id: deliveryId,
                call_off: callOff,
                kind: 'refusal',
                entry_id: null,
                seq,
              });
            }
            return { created: true };
          });
      logger.info('register: late question refused', { callOff, created: result.created, backend: store.kind });
      return { created: result.created };
    },

    async update(callOff: string, id: string, action: BuyerAction, actor: string, at: string) {
      const who = requireNonEmpty(actor, 'actor');
      const when = requireInstant(at, 'at');
      const clean = cleanAction(action);
      const entry = await changeEntry(
        callOff,
        id,
        async (e, tx) => {
          // decideBuyerAction asks synchronously; the next number is read up front.
          const nextFaq = clean.type === 'publish' && e.faqNumber === null ? (await tx.maxFaqNumber(e.callOff)) + 1 : 0;
          return decideBuyerAction(e, clean, who, when, () => nextFaq);
        },
        async (tx, next, draft, seq) => {
          if (draft.type === 'published')
            await queuePublicationPosts(tx, next, seq, options.announceTo?.(next.callOff));
        },
      );
      logger.info('register: buyer action', { callOff, id: entry.id, action: clean.type, status: entry.status });
      return entry;
    },

    async list(filter: EntryFilter = {}) {
      open();
      return (await store.listEntries(filter)).map(rowToEntry);
    },

    async get(callOff: string, id: string) {
      open();
      const row = await store.entry(callOff, normaliseReceiptId(id));
      return row ? rowToEntry(row) : null;
    },

    async events(callOff: string, id: string): Promise<RegisterEvent[]> {
      open();
      return (await store.entryEvents(callOff, normaliseReceiptId(id))).map(rowToEvent);
    },

    async published(callOff: string): Promise<PublishedAnswer[]> {
      open();
      return (await store.publishedEntries(callOff)).map((row) => ({
        callOff: row.call_off,
        faqNumber: Number(row.faq_number),
        question: row.public_question,
        answer: row.answer ?? '',
        publishedAt: row.published_at ?? '',
      }));
    },

    async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
      open();
      const report = verifySnapshot(await store.snapshot(), options);
      const log = report.ok ? logger.info : logger.error;
      log.call(logger, 'register: verified', {
        ok: report.ok,
        events: report.events,
        entries: report.entries,
        problems: report.problems.length,
        headSeq: report.head.seq,
        headHash: report.head.hash,
        ...(report.expectedHead ? { expectedHeadHeld: report.expectedHead.held } : {}),
      });
      return report;
    },

    async chainHead() {
      open();
      // Read inside a write transaction: backends keep no separate read path for the head, and
      // this is asked for rarely (an export, a publication, once a day).
      const head = await store.write((tx) => tx.head());
      return { seq: Number(head.seq), hash: head.hash };
    },

    async purge(callOff: string, actor: string, at: string) {
      open();
      const id = requireNonEmpty(callOff, 'callOff');
      const who = requireNonEmpty(actor, 'actor');
      const when = requireInstant(at, 'at');
      const erased = await store.write(async (tx) => {
        const n = await tx.erasePersonal(id, PURGED_TEXT);
        await append(tx, {
          callOff: id,
          entryId: null,
          type: 'purged',
          actor: who,
          at: when,
          data: { erasedEvents: n },
          personal: null,
        });
        return n;
      });
      logger.info('register: personal data purged', { callOff: id, erasedEvents: erased });
      return erased;
    },

    async close() {
      if (closed) return;
      closed = true;
      await store.close();
    },
  };
}

function cleanAction(action: BuyerAction): BuyerAction {
  switch (action?.type) {
    case 'answer':
      return {
        type: 'answer',
        answer: storableText(action.answer, 'answer'),
        ...(action.publicQuestion !== undefined
          ? { publicQuestion: storableText(action.publicQuestion, 'publicQuestion') }
          : {}),
      };
    case 'edit_public_question':
      return { type: 'edit_public_question', publicQuestion: storableText(action.publicQuestion, 'publicQuestion') };
    case 'publish':
    case 'unpublish':
      return { type: action.type };
    default:
      throw new CodedError('usage', `Okänd åtgärd "${String((action as { type?: unknown })?.type)}".`);
  }
}
