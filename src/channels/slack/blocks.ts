/**
 * Reply -> Slack Block Kit: the answer, each quoted passage under its section
 * number and heading, the receipt number and the time received in the
 * call-off's local time. No text object exceeds Slack's 3,000 characters and
 * no message exceeds 50 blocks; `text` carries a plain fallback. Every piece
 * of text is escaped here (escapeSlack), once, after splitting and before
 * measuring, so no quote or answer can mention or ping anyone.
 */
import { RELATED_HEADING, relatedOf } from '../../core/related.js';
import type { CallOff, Citation, Reply } from '../../core/types.js';
import { callOffChosenText, callOffLine, chooseCallOffText, citationsHeading } from '../shared/messages.js';
import { citationLabel, citationSource, plainText, receiptLine, splitText, truncate } from '../shared/render.js';
import { escapeSlack } from './text.js';

export const MAX_BLOCK_TEXT = 3000;
const MAX_BLOCKS = 50;
/** chat.postMessage truncates `text` at 40,000 characters; stay well below. */
const MAX_FALLBACK = 39_000;
export const CHOOSE_ACTION_ID = 'avropsbot_choose_call_off';

// A minimal local shape of the blocks we send (keeps @slack/types out of the public API).
export interface SlackText {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}
export type SlackBlock =
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: SlackButton[] };
export interface SlackButton {
  type: 'button';
  action_id: string;
  text: SlackText;
  value: string;
}

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * Unescaped pieces of text whose ESCAPED form fits in `max` characters:
 * escaping lengthens &, < and > (up to five times), and Slack counts the
 * escaped text against its limits.
 */
export function plainPieces(text: string, max = MAX_BLOCK_TEXT): string[] {
  return splitText(text, max).flatMap((piece) => fitEscaped(piece, max));
}

function fitEscaped(piece: string, max: number): string[] {
  const grown = escapeSlack(piece).length;
  if (grown <= max) return [piece];
  const tighter = Math.max(1, Math.floor((max * piece.length) / grown));
  return splitText(piece, tighter).flatMap((p) => fitEscaped(p, max));
}

/** Escaped and cut to at most `max` characters, never inside an entity. */
export function escapedWithin(text: string, max: number): string {
  let raw = truncate(text, max);
  let out = escapeSlack(raw);
  while (out.length > max) {
    if (raw.length <= 1) return '';
    raw = truncate(raw, Math.max(1, raw.length - (out.length - max)));
    out = escapeSlack(raw);
  }
  return out;
}

// Plain text and mrkdwn alike: Slack parses <...> in both, and shows the entities as the characters.
const plain = (text: string, max = MAX_BLOCK_TEXT): SlackText => ({
  type: 'plain_text',
  text: escapedWithin(text, max),
  emoji: false,
});
const section = (text: string): SlackBlock => ({ type: 'section', text: plain(text) });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [plain(text)] });
const boldContext = (text: string, rest = ''): SlackBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: `*${escapedWithin(text, 1000)}*${escapedWithin(rest, 1000)}` }],
});

/** A quote as plain-text sections inside ” ”, split where needed. */
function quoteSections(quote: string): SlackBlock[] {
  const pieces = plainPieces(quote.trim(), MAX_BLOCK_TEXT - 2);
  return pieces.map((p, i) => section(`${i === 0 ? '”' : ''}${p}${i === pieces.length - 1 ? '”' : ''}`));
}

/**
 * The answer and the quotes are plain_text: Slack shows them exactly as the
 * documents have them (mrkdwn would turn *...* or _..._ in a quote into
 * formatting). Only the labels use mrkdwn, for bold.
 */
export function replyMessage(reply: Reply, callOff: CallOff): SlackMessage {
  const blocks: SlackBlock[] = plainPieces(reply.answer.trim() || ' ').map(section);
  if (reply.citations.length > 0) {
    blocks.push({ type: 'divider' }, boldContext(citationsHeading));
    for (const c of reply.citations) {
      blocks.push(boldContext(citationLabel(c), ` (${citationSource(c)})`), ...quoteSections(c.quote));
    }
  }
  const related = relatedOf(reply);
  if (related.length > 0) {
    // Under a heading of their own that says they are not the answer.
    blocks.push({ type: 'divider' }, boldContext(RELATED_HEADING));
    for (const c of related) {
      blocks.push(boldContext(citationLabel(c), ` (${citationSource(c)})`), ...quoteSections(c.quote));
    }
  }
  const receipt = receiptLine(reply, callOff);
  const footer = [receipt, reply.status === 'invalid_question' ? null : callOffLine(callOff)].filter(
    (s): s is string => !!s,
  );
  const footerBlock = footer.length > 0 ? context(footer.join(' · ')) : null;
  return {
    text: escapedWithin(fallbackText(reply), MAX_FALLBACK),
    blocks: capBlocks(blocks, footerBlock),
  };

  /**
   * What notifications and screen readers show: the shared plain text, except
   * that a quote the answer already gives ("Enligt avsnitt 1.12.4 (…): ”…”",
   * "Avsnitt 5.4 (…) kan vara relevant: ”…”") is not printed a second time
   * under its section label.
   */
  function fallbackText(r: Reply): string {
    const answer = r.answer.replace(/\s+/g, ' ');
    const notInAnswer = (cs: readonly Citation[]) =>
      cs.filter((c) => !answer.includes(c.quote.trim().replace(/\s+/g, ' ')));
    return plainText({ ...r, citations: notInAnswer(r.citations), related: notInAnswer(relatedOf(r)) }, callOff);
  }
}

/** Keeps at most 50 blocks; the receipt footer always survives, an ellipsis marks the cut. */
function capBlocks(blocks: SlackBlock[], footer: SlackBlock | null): SlackBlock[] {
  const room = MAX_BLOCKS - (footer ? 1 : 0);
  const kept =
    blocks.length > room
      ? [...blocks.slice(0, room - 1), context('… (förkortat, se hela texten i meddelandet)')]
      : blocks;
  return footer ? [...kept, footer] : kept;
}

/** Buttons to choose the call-off when the conversation is not tied to one. */
export function chooseMessage(callOffs: readonly CallOff[]): SlackMessage {
  const text = chooseCallOffText();
  const buttons: SlackButton[] = callOffs.slice(0, 25).map((c) => ({
    type: 'button',
    action_id: `${CHOOSE_ACTION_ID}:${c.id}`,
    text: plain(`${c.reference} – ${c.title}`, 75),
    value: c.id,
  }));
  const blocks: SlackBlock[] = [section(text)];
  // Slack allows 25 elements per actions block.
  for (let i = 0; i < buttons.length; i += 5) {
    blocks.push({ type: 'actions', block_id: `avropsbot_choose_${i / 5}`, elements: buttons.slice(i, i + 5) });
  }
  const list = callOffs.map((c) => `• ${c.reference} – ${c.title}`).join('\n');
  return { text: escapedWithin(`${text}\n${list}`, MAX_FALLBACK), blocks };
}

export function noticeMessage(text: string): SlackMessage {
  return { text: escapedWithin(text, MAX_FALLBACK), blocks: plainPieces(text).map(section) };
}

export function chosenMessage(callOff: CallOff, waiting: number): SlackMessage {
  return noticeMessage(callOffChosenText(callOff, waiting));
}
