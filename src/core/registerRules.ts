/**
 * The register's rules, shared by every backend: which buyer action is allowed
 * in which state, what event it produces, and how events build an entry.
 * Backends supply only storage and a transaction; `verify` replays events
 * through `applyEvent` and compares with the stored entries.
 *
 * Personal data (names, organisations, the supplier's own words) sits in an
 * event's `personal` part, which the hash covers only through its digest, so a
 * purge can erase it without breaking the chain.
 */
import { createHash } from 'node:crypto';
import { CodedError } from './errors.js';
import type { BuyerAction } from './ports.js';
import type { Asker, BotAnswer, EntryStatus, RegisterEntry, RegisterEventType } from './types.js';

export const GENESIS_HASH = '0'.repeat(64);
export const PURGED_TEXT = '[raderad]';

/** An event before it is chained: what backends append. */
export interface EventDraft {
  callOff: string;
  entryId: string | null;
  type: RegisterEventType;
  actor: string;
  at: string;
  data: Record<string, unknown>;
  /** Erasable by purge; null once erased. */
  personal: Record<string, unknown> | null;
}

/** A stored event row: draft + chain fields. */
export interface ChainedEvent extends EventDraft {
  seq: number;
  personalDigest: string;
  prevHash: string;
  hash: string;
}

/** JSON with sorted keys, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export function personalDigest(personal: Record<string, unknown> | null): string {
  return personal === null ? '' : sha256(canonicalJson(personal));
}

export function eventHash(prevHash: string, seq: number, draft: EventDraft, digest: string): string {
  return sha256(
    canonicalJson({
      prevHash,
      seq,
      callOff: draft.callOff,
      entryId: draft.entryId,
      type: draft.type,
      actor: draft.actor,
      at: draft.at,
      data: draft.data,
      personalDigest: digest,
    }),
  );
}

/** Chains a draft after the event with `prevHash` at position `seq`. */
export function chainEvent(draft: EventDraft, seq: number, prevHash: string): ChainedEvent {
  const digest = personalDigest(draft.personal);
  return { ...draft, seq, personalDigest: digest, prevHash, hash: eventHash(prevHash, seq, draft, digest) };
}

export function formatReceiptId(n: number): string {
  return `F-${String(n).padStart(4, '0')}`;
}

/** The receipt number in an id as a buyer may type it ("F-0007", "f-7", "7"), or null when it is not one. */
export function receiptNumber(id: string): number | null {
  const m = /^\s*(?:F-?)?0*(\d{1,9})\s*$/i.exec(id);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

/** "f-7" -> "F-0007"; anything that is not a receipt id is returned unchanged (and will not be found). */
export function normaliseReceiptId(id: string): string {
  const n = receiptNumber(id);
  return n === null ? id : formatReceiptId(n);
}

// ---------------------------------------------------------------- event drafts

/** What a purge may erase: who asked, and the supplier's own words. */
function personalOf(asker: Asker, question: string): Record<string, unknown> {
  return { userId: asker.userId ?? null, name: asker.name ?? null, org: asker.org ?? null, question };
}

export function receivedEvent(input: {
  callOff: string;
  id: string;
  asker: Asker;
  question: string;
  publicQuestion: string;
  receivedAt: string;
  deliveryId: string | null;
}): EventDraft {
  return {
    callOff: input.callOff,
    entryId: input.id,
    type: 'received',
    actor: `supplier:${input.asker.channel}`,
    at: input.receivedAt,
    data: {
      channel: input.asker.channel,
      receivedAt: input.receivedAt,
      deliveryId: input.deliveryId,
      publicQuestion: input.publicQuestion,
    },
    personal: personalOf(input.asker, input.question),
  };
}

export function botAnsweredEvent(callOff: string, id: string, botAnswer: BotAnswer, at: string): EventDraft {
  return { callOff, entryId: id, type: 'bot_answered', actor: 'system', at, data: { botAnswer }, personal: null };
}

export function refusedEvent(input: {
  callOff: string;
  asker: Asker;
  question: string;
  receivedAt: string;
  deliveryId: string | null;
  reason: string;
}): EventDraft {
  return {
    callOff: input.callOff,
    entryId: null,
    type: 'refused_late',
    actor: `supplier:${input.asker.channel}`,
    at: input.receivedAt,
    data: {
      channel: input.asker.channel,
      receivedAt: input.receivedAt,
      deliveryId: input.deliveryId,
      reason: input.reason,
    },
    personal: personalOf(input.asker, input.question),
  };
}

/**
 * Decides what a buyer action does to an entry, or refuses it with a Swedish
 * message. `nextFaqNumber` is consulted only on a first publication.
 */
export function decideBuyerAction(
  entry: RegisterEntry,
  action: BuyerAction,
  actor: string,
  at: string,
  nextFaqNumber: () => number,
): EventDraft {
  const base = { callOff: entry.callOff, entryId: entry.id, actor, at, personal: null };
  switch (action.type) {
    case 'answer': {
      const answer = action.answer.trim();
      if (!answer) throw new CodedError('usage', 'Svaret är tomt. Skriv det officiella svaret.');
      if (entry.status === 'published')
        return publishedEdit(entry, base, { answer, publicQuestion: action.publicQuestion });
      const data: Record<string, unknown> = { answer };
      if (action.publicQuestion !== undefined) data.publicQuestion = requirePublicQuestion(action.publicQuestion);
      return { ...base, type: 'answered', data };
    }
    case 'edit_public_question': {
      if (entry.status === 'published') {
        return publishedEdit(entry, base, { answer: entry.answer ?? '', publicQuestion: action.publicQuestion });
      }
      return {
        ...base,
        type: 'public_question_edited',
        data: { publicQuestion: requirePublicQuestion(action.publicQuestion) },
      };
    }
    case 'publish': {
      if (entry.status === 'received' || !entry.answer) {
        throw new CodedError(
          'invalid_transition',
          `${entry.id} har inget officiellt svar ännu. Svara innan du publicerar.`,
        );
      }
      if (entry.status === 'published') {
        throw new CodedError('invalid_transition', `${entry.id} är redan publicerad (nr ${entry.faqNumber}).`);
      }
      if (entry.publicQuestion.trim() === '' || entry.publicQuestion === PURGED_TEXT) {
        throw new CodedError('invalid_transition', `${entry.id} saknar publik formulering av frågan.`);
      }
      const faqNumber = entry.faqNumber ?? nextFaqNumber();
      return { ...base, type: 'published', data: { faqNumber, publishedAt: at } };
    }
    case 'unpublish': {
      if (entry.status !== 'published') {
        throw new CodedError('invalid_transition', `${entry.id} är inte publicerad.`);
      }
      return { ...base, type: 'unpublished', data: {} };
    }
  }
}

/**
 * A correction of a published item: it stays published under the same FAQ
 * number, and the event keeps the old text next to the new, so the history
 * holds every version that suppliers could read.
 */
function publishedEdit(
  entry: RegisterEntry,
  base: Pick<EventDraft, 'callOff' | 'entryId' | 'actor' | 'at' | 'personal'>,
  change: { answer: string; publicQuestion: string | undefined },
): EventDraft {
  const data: Record<string, unknown> = {};
  if (change.answer !== (entry.answer ?? '')) {
    data.answer = change.answer;
    data.previousAnswer = entry.answer;
  }
  if (change.publicQuestion !== undefined) {
    const publicQuestion = requirePublicQuestion(change.publicQuestion);
    if (publicQuestion !== entry.publicQuestion) {
      data.publicQuestion = publicQuestion;
      data.previousPublicQuestion = entry.publicQuestion;
    }
  }
  if (Object.keys(data).length === 0) {
    throw new CodedError('usage', `${entry.id} är publicerad och texten är oförändrad: inget att ändra.`);
  }
  return { ...base, type: 'published_edited', data };
}

function requirePublicQuestion(text: string): string {
  const t = text.trim();
  if (!t) throw new CodedError('usage', 'Den publika formuleringen av frågan är tom.');
  return t;
}

/**
 * Builds the entry from its events: the single definition of what each event
 * means. Backends use it to update their entry rows and `verify` to replay.
 */
export function applyEvent(entry: RegisterEntry | null, ev: EventDraft): RegisterEntry | null {
  const data = ev.data;
  // A refusal has no entry; a purge is carried by the erased `personal` parts themselves.
  if (ev.type === 'refused_late' || ev.type === 'purged') return entry;
  if (ev.type === 'received') {
    const p = ev.personal;
    return {
      id: ev.entryId ?? '',
      callOff: ev.callOff,
      status: 'received',
      receivedAt: String(data.receivedAt),
      deliveryId: (data.deliveryId as string | null) ?? null,
      asker: {
        channel: data.channel as Asker['channel'],
        userId: p ? ((p.userId as string | null) ?? null) : null,
        name: p ? ((p.name as string | null) ?? null) : null,
        org: p ? ((p.org as string | null) ?? null) : null,
      },
      question: p ? String(p.question) : PURGED_TEXT,
      publicQuestion: String(data.publicQuestion ?? ''),
      botAnswer: null,
      answer: null,
      publishedAt: null,
      faqNumber: null,
    };
  }
  if (!entry) throw new CodedError('register_tampered', `Händelse ${ev.type} för ${ev.entryId} saknar mottagen fråga.`);
  switch (ev.type) {
    case 'bot_answered':
      return { ...entry, botAnswer: data.botAnswer as BotAnswer };
    case 'public_question_edited':
      return { ...entry, publicQuestion: String(data.publicQuestion) };
    case 'answered':
      return {
        ...entry,
        status: 'answered' satisfies EntryStatus,
        answer: String(data.answer),
        publicQuestion: data.publicQuestion !== undefined ? String(data.publicQuestion) : entry.publicQuestion,
      };
    case 'published':
      return {
        ...entry,
        status: 'published',
        faqNumber: Number(data.faqNumber),
        publishedAt: String(data.publishedAt),
      };
    case 'published_edited':
      return {
        ...entry,
        answer: data.answer !== undefined ? String(data.answer) : entry.answer,
        publicQuestion: data.publicQuestion !== undefined ? String(data.publicQuestion) : entry.publicQuestion,
      };
    case 'unpublished':
      return { ...entry, status: 'answered', publishedAt: null };
    default:
      return entry;
  }
}
