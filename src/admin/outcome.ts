/**
 * What the bot did with a question, as the buyer triages it: answered from the
 * documents, not in the documents, a change request (which only the buyer can
 * decide), or not answered but with possibly relevant sections. Read from the
 * bot's recorded answer, so it never depends on the question's workflow status.
 */
import { buyerDecisionAnswer } from '../answering/messages.js';
import type { BotAnswer } from '../core/types.js';

export type Outcome = 'answered' | 'not_in_documents' | 'change_request' | 'related' | 'pending';

export const OUTCOMES: readonly Outcome[] = ['answered', 'related', 'not_in_documents', 'change_request', 'pending'];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  answered: 'Besvarad ur dokumenten',
  related: 'Möjligen relevant avsnitt',
  not_in_documents: 'Finns inte i dokumenten',
  change_request: 'Ändringsbegäran',
  pending: 'Boten har inte svarat',
};

export function outcomeOf(bot: BotAnswer | null): Outcome {
  if (bot === null) return 'pending';
  if (bot.status === 'answered') return 'answered';
  // The bot's reply to a change request is this fixed text: the answer model decides, we only read it.
  if (bot.answer === buyerDecisionAnswer()) return 'change_request';
  if ((bot.related?.length ?? 0) > 0) return 'related';
  return 'not_in_documents';
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}
