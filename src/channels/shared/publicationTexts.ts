/**
 * Swedish wording of what the chat channels say about published answers: the
 * post to every listed channel, the notice to the supplier who asked, and the
 * list a supplier asks for. Only the public wording and the official answer,
 * never the supplier's own words or who asked.
 */
import type { CallOff, PublishedAnswer } from '../../core/types.js';

interface Published {
  faqNumber: number;
  publicQuestion: string;
  answer: string;
}

function item(p: Published): string {
  return `Fråga ${p.faqNumber}: ${p.publicQuestion}\n\nSvar: ${p.answer}`;
}

/** Posted to every Slack channel and Teams conversation the call-off lists. */
export function publicationAnnouncementText(callOff: CallOff, p: Published): string {
  return (
    `${callOff.buyer} har publicerat ett svar på en fråga om avropet ${callOff.reference} (${callOff.title}). ` +
    `Svaret gäller alla leverantörer.\n\n${item(p)}`
  );
}

/** Told to the supplier who asked, where they asked, at the same moment as everyone else. */
export function publicationAskerText(callOff: CallOff, p: Published): string {
  return (
    `Din fråga om avropet ${callOff.reference} har nu fått ett officiellt svar från ${callOff.buyer}. ` +
    `Det är publicerat för alla leverantörer som fråga ${p.faqNumber}, i den här formuleringen:\n\n${item(p)}`
  );
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Told to the buyer on publication: the posts are queued, and `serve` makes them. */
export function publicationQueuedText(callOff: CallOff): string {
  const where = [
    ...(callOff.slackChannels?.length ? [count(callOff.slackChannels.length, 'Slack-kanal', 'Slack-kanaler')] : []),
    ...(callOff.teamsConversations?.length
      ? [count(callOff.teamsConversations.length, 'Teams-konversation', 'Teams-konversationer')]
      : []),
  ];
  return where.length > 0
    ? `avropsbot serve lägger ut svaret i ${where.join(' och ')} som call-off.json listar, och ger den som frågade i Slack eller Teams besked där.`
    : 'avropsbot serve ger den som frågade i Slack eller Teams besked där (call-off.json listar inga kanaler att lägga ut svaret i).';
}

/** A supplier's request for the published questions and answers (only published items). */
export function publishedListText(callOff: CallOff, published: readonly PublishedAnswer[]): string {
  if (published.length === 0) {
    return `Inga frågor och svar är publicerade ännu i avropet ${callOff.reference} (${callOff.title}).`;
  }
  const items = published.map((p) => item({ faqNumber: p.faqNumber, publicQuestion: p.question, answer: p.answer }));
  return `Publicerade frågor och svar i avropet ${callOff.reference} (${callOff.title}):\n\n${items.join('\n\n')}`;
}

/** What the welcome suggests writing to get the published list (asksForPublished accepts it). */
export const PUBLISHED_REQUEST = 'publicerade frågor';

/**
 * Whether a supplier's message asks for the published list ("publicerade",
 * "publicerade frågor", "visa publicerade frågor och svar"): the whole
 * message, so a question that merely mentions published answers is still a question.
 */
export function asksForPublished(text: string): boolean {
  const t = text
    .toLowerCase()
    .replace(/[.!?:]+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return /^(visa |lista )?(alla )?publicerade( (frågor( och svar)?|svar|faq))?$/u.test(t);
}

/** The published list for a conversation's call-off, or for every call-off when the conversation has none yet. */
export async function publishedListFor(
  callOffs: readonly CallOff[],
  callOff: CallOff | undefined,
  published: (callOffId: string) => Promise<PublishedAnswer[]>,
): Promise<string> {
  const texts: string[] = [];
  for (const c of callOff ? [callOff] : callOffs) texts.push(publishedListText(c, await published(c.id)));
  return texts.join('\n\n');
}
