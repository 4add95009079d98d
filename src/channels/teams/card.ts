/**
 * Reply -> a Bot Framework message activity for Teams: an Adaptive Card with
 * the answer, each quote under its section number and heading, and the
 * receipt. The card goes without a `text`: Teams shows an activity's text
 * and its card one under the other, so the answer would appear twice. The
 * activity's `summary` is what notifications show, the card's `fallbackText`
 * what clients that cannot render cards show; a reply whose card cannot be
 * built (or would be too large) goes as plain text only. Plain JSON: no SDK
 * types here.
 */
import { RELATED_HEADING, relatedOf } from '../../core/related.js';
import { zoneLabel } from '../../core/time.js';
import type { CallOff, Citation, Reply } from '../../core/types.js';
import { callOffChosenText, chooseCallOffText, citationsHeading } from '../shared/messages.js';
import { citationLabel, citationSource, localTime, plainText, truncate } from '../shared/render.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const CHOOSE_ACTION = 'avropsbot.chooseCallOff';

// Teams refuses messages over about 28 KB; these caps keep a card well below.
const MAX_ANSWER = 8000;
const MAX_QUOTE = 1500;
const MAX_CITATIONS = 8;
/** Teams refuses an activity over about 28 KB; the whole card, in UTF-8 bytes, stays under this. */
export const MAX_CARD_BYTES = 24_000;
// The plain-text rendering (fallbackText, or the message when there is no card):
// short enough that even four-byte characters keep it under Teams' limit.
const MAX_PLAIN_ANSWER = 3000;
const MAX_PLAIN_QUOTE = 300;
/** Notification previews show one short line. */
const MAX_SUMMARY = 150;

export interface MessageActivity {
  type: 'message';
  /** Only for plain-text messages: with a card it would show as a second copy. */
  text?: string;
  /** The notification / activity-feed preview of a card. */
  summary?: string;
  textFormat?: 'plain' | 'markdown';
  attachments?: { contentType: string; content: Record<string, unknown> }[];
}

type Element = Record<string, unknown>;

const textBlock = (text: string, extra: Element = {}): Element => ({ type: 'TextBlock', text, wrap: true, ...extra });
/**
 * The answer and the quotes: a TextRun is not read as Markdown (a TextBlock
 * is), so a quote shows exactly as the document has it.
 */
const verbatim = (text: string, run: Element = {}): Element => ({
  type: 'RichTextBlock',
  inlines: [{ type: 'TextRun', text, ...run }],
});

function card(body: Element[], fallbackText: string, actions?: Element[]): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    fallbackText,
    body,
    ...(actions ? { actions } : {}),
  };
}

/** The first line of a text, short enough for a notification. */
export function summaryOf(text: string): string {
  const first = text.trim().split('\n')[0] ?? '';
  return truncate(first.trim(), MAX_SUMMARY);
}

/** The reply as plain text with the long parts capped (quotes in full are in the card). */
export function plainReply(reply: Reply, callOff: CallOff): string {
  const capped: Reply = {
    ...reply,
    answer: truncate(reply.answer.trim(), MAX_PLAIN_ANSWER),
    citations: capQuotes(reply.citations),
    related: capQuotes(relatedOf(reply)),
  };
  return plainText(capped, callOff);
}

const capQuotes = (cs: readonly Citation[]): Citation[] =>
  cs.slice(0, MAX_CITATIONS).map((c) => ({ ...c, quote: truncate(c.quote.trim(), MAX_PLAIN_QUOTE) }));

/**
 * A card message with `summary` and no `text`, or, when the card cannot be
 * built or is too large for Teams, the plain text alone.
 */
export function cardOrPlain(buildCard: () => Record<string, unknown>, plain: string, summary: string): MessageActivity {
  let content: Record<string, unknown>;
  try {
    content = buildCard();
    if (Buffer.byteLength(JSON.stringify(content), 'utf8') > MAX_CARD_BYTES) return noticeActivity(plain);
  } catch {
    return noticeActivity(plain);
  }
  return { type: 'message', summary, attachments: [{ contentType: ADAPTIVE_CARD, content }] };
}

export function replyActivity(reply: Reply, callOff: CallOff): MessageActivity {
  const plain = plainReply(reply, callOff);
  return cardOrPlain(() => replyCard(reply, callOff, plain), plain, summaryOf(reply.answer));
}

function replyCard(reply: Reply, callOff: CallOff, fallbackText: string): Record<string, unknown> {
  const body: Element[] = [verbatim(truncate(reply.answer.trim(), MAX_ANSWER))];
  // Possibly relevant sections under a heading of their own that says they are not the answer.
  for (const [heading, quoted] of [
    [citationsHeading, reply.citations],
    [RELATED_HEADING, relatedOf(reply)],
  ] as const) {
    if (quoted.length === 0) continue;
    body.push(textBlock(heading, { weight: 'Bolder', spacing: 'Medium', separator: true }));
    for (const c of quoted.slice(0, MAX_CITATIONS)) {
      body.push({
        type: 'Container',
        spacing: 'Small',
        items: [
          textBlock(citationLabel(c), { weight: 'Bolder' }),
          verbatim(`”${truncate(c.quote.trim(), MAX_QUOTE)}”`, { isSubtle: true }),
          textBlock(citationSource(c), { size: 'Small', isSubtle: true, spacing: 'None' }),
        ],
      });
    }
  }
  const facts: { title: string; value: string }[] = [];
  if (reply.question) {
    facts.push(
      { title: 'Kvittonummer', value: reply.question.id },
      {
        title: 'Mottagen',
        value: `${localTime(reply.question.receivedAt, callOff.timezone)} (${zoneLabel(callOff.timezone)})`,
      },
    );
  }
  if (reply.status !== 'invalid_question') facts.push({ title: 'Avrop', value: callOff.reference });
  if (facts.length > 0) body.push({ type: 'FactSet', separator: true, spacing: 'Medium', facts });
  return card(body, fallbackText);
}

export function chooseActivity(callOffs: readonly CallOff[]): MessageActivity {
  const text = chooseCallOffText();
  const actions = callOffs.map((c) => ({
    type: 'Action.Submit',
    title: truncate(`${c.reference} – ${c.title}`, 80),
    data: { action: CHOOSE_ACTION, callOffId: c.id },
  }));
  const plain = `${text}\n${callOffs.map((c) => `• ${c.reference} – ${c.title}`).join('\n')}`;
  return cardOrPlain(() => card([textBlock(text)], plain, actions), plain, summaryOf(text));
}

export function noticeActivity(text: string): MessageActivity {
  return { type: 'message', text, textFormat: 'plain' };
}

export function chosenActivity(callOff: CallOff, waiting: number): MessageActivity {
  return noticeActivity(callOffChosenText(callOff, waiting));
}

/** The call-off id from an Action.Submit of the choice card, or null for anything else. */
export function chosenCallOffId(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  return v.action === CHOOSE_ACTION && typeof v.callOffId === 'string' ? v.callOffId : null;
}
