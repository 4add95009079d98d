/**
 * How possibly relevant sections (BotAnswer.related) are labelled wherever a
 * reply is shown: the CLI, Slack, Teams and the buyer's page say the same
 * words, so no surface can present them as the answer.
 */
import type { Citation } from './types.js';

/** The heading over the related sections. */
export const RELATED_HEADING = 'Kan vara relevant (inte ett svar)';

/** `Avsnitt 5.4 Rubrik kan vara relevant: ”…”`: one related section on one line, given its label. */
export function relatedLine(label: string, quote: string): string {
  return `${label} kan vara relevant: ”${quote.trim()}”`;
}

/** The related sections of a reply, or none: absent and empty are the same. */
export function relatedOf(reply: { related?: readonly Citation[] | undefined }): readonly Citation[] {
  return reply.related ?? [];
}
