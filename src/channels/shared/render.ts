/**
 * Rendering helpers shared by Slack and Teams: the receipt line in the
 * call-off's local time, citation labels, the plain-text fallback and
 * splitting long text at natural boundaries for platform block limits.
 */
import { RELATED_HEADING, relatedLine, relatedOf } from '../../core/related.js';
import { formatLocal, zoneLabel } from '../../core/time.js';
import type { CallOff, Citation, Reply } from '../../core/types.js';
import { callOffLine, citationsHeading, receiptText } from './messages.js';

/** "2026-01-26 10:00:00" in the call-off's zone. */
export function localTime(iso: string, timeZone: string): string {
  return formatLocal(new Date(iso), timeZone, true);
}

/** The receipt sentence, or null when nothing was registered. */
export function receiptLine(reply: Reply, callOff: CallOff): string | null {
  if (!reply.question) return null;
  return receiptText(
    reply.question.id,
    localTime(reply.question.receivedAt, callOff.timezone),
    zoneLabel(callOff.timezone),
  );
}

/**
 * "Avsnitt 1.12.4 Sista anbudsdag"; a published answer or a preamble keeps its
 * heading. A heading that already carries the number ("Kapitel 2 Krav",
 * "3.1 Pris") is not given it a second time.
 */
export function citationLabel(c: Citation): string {
  if (!c.section) return c.heading || c.document;
  if (!c.heading) return `Avsnitt ${c.section}`;
  const numbered = new RegExp(`^(\\p{L}+[ \\t]+)?${escapeRegExp(c.section)}(?=\\.?(?:\\s|$))`, 'u').exec(c.heading);
  if (numbered) return numbered[1] ? c.heading : `Avsnitt ${c.heading}`;
  return `Avsnitt ${c.section} ${c.heading}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "avropsforfragan.pdf, s. 4": where the quote is, for the supplier to check. */
export function citationSource(c: Citation): string {
  return c.page ? `${c.document}, s. ${c.page}` : c.document;
}

/** The whole reply as plain text: the answer, the quotes, the possibly relevant sections, the receipt. */
export function plainText(reply: Reply, callOff: CallOff): string {
  const parts = [reply.answer.trim()];
  if (reply.citations.length > 0) {
    const quotes = reply.citations.map((c) => `${citationLabel(c)} (${citationSource(c)}): ”${c.quote.trim()}”`);
    parts.push(`${citationsHeading}:\n${quotes.join('\n')}`);
  }
  const related = relatedOf(reply);
  if (related.length > 0) {
    const lines = related.map((c) => relatedLine(`${citationLabel(c)} (${citationSource(c)})`, c.quote));
    parts.push(`${RELATED_HEADING}:\n${lines.join('\n')}`);
  }
  const receipt = receiptLine(reply, callOff);
  if (receipt) parts.push(receipt);
  if (reply.status !== 'invalid_question') parts.push(callOffLine(callOff));
  return parts.join('\n\n');
}

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph,
 * then line, then sentence, then word boundaries; never loses a character
 * other than the white space it splits on.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be positive');
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut = lastBreak(window, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

function lastBreak(window: string, max: number): number {
  const floor = Math.floor(max / 3);
  for (const sep of ['\n\n', '\n', '. ', '? ', '! ', '; ', ', ', ' ']) {
    const at = window.lastIndexOf(sep, max - sep.length + 1);
    if (at >= floor) return at + sep.length;
  }
  // No boundary worth taking: a hard cut, but never inside a surrogate pair.
  const code = window.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** Cuts text to at most `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
