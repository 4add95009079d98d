/** Swedish words for the register's codes, as the buyer reads them. */
import type { Channel, EntryStatus, RegisterEventType, ReplyStatus } from '../core/types.js';

/**
 * Workflow states only, never an answer's quality: "Ny" next to a question the
 * bot answered from the documents does not contradict the bot's outcome, which
 * has a column of its own (see outcome.ts).
 */
export const STATUS_LABELS: Record<EntryStatus, string> = {
  received: 'Ny',
  answered: 'Svar sparat',
  published: 'Publicerad',
};

export const STATUS_ORDER: readonly EntryStatus[] = ['received', 'answered', 'published'];

export const CHANNEL_LABELS: Record<Channel, string> = {
  cli: 'Kommandorad',
  slack: 'Slack',
  teams: 'Teams',
  web: 'Webb',
};

export const EVENT_LABELS: Record<RegisterEventType, string> = {
  received: 'Frågan mottogs',
  bot_answered: 'Boten svarade',
  refused_late: 'Avvisad: frågetiden hade gått ut',
  public_question_edited: 'Publik formulering ändrad',
  answered: 'Officiellt svar sparat',
  published: 'Publicerad',
  published_edited: 'Publicerat svar ändrat',
  unpublished: 'Avpublicerad',
  purged: 'Personuppgifter raderade',
};

export const REPLY_STATUS_LABELS: Record<ReplyStatus, string> = {
  answered: 'Besvarad ur dokumenten',
  not_in_documents: 'Finns inte i dokumenten',
  deadline_passed: 'Frågetiden hade gått ut',
  invalid_question: 'Ogiltig fråga',
};

/**
 * "supplier:slack" -> "Leverantör (Slack)"; "buyer:web" -> "Upphandlande myndighet (Webb)";
 * a named officer, "buyer:web:Anna Berg <anna.berg@myndighet.se>" ->
 * "Anna Berg <anna.berg@myndighet.se>, upphandlande myndighet (Webb)".
 */
export function actorLabel(actor: string): string {
  const [who, via] = actor.split(':');
  const channel = via && via in CHANNEL_LABELS ? CHANNEL_LABELS[via as Channel] : via;
  // The officer's name may itself contain a colon: everything after the second one is the name.
  const named = who === 'buyer' && via !== undefined ? actor.slice(`${who}:${via}:`.length).trim() : '';
  if (named && actor.startsWith(`${who}:${via}:`)) {
    return channel ? `${named}, upphandlande myndighet (${channel})` : `${named}, upphandlande myndighet`;
  }
  if (who === 'supplier') return channel ? `Leverantör (${channel})` : 'Leverantör';
  if (who === 'buyer') return channel ? `Upphandlande myndighet (${channel})` : 'Upphandlande myndighet';
  if (who === 'system') return 'Systemet';
  return actor;
}
