/**
 * Swedish text normalisation and tokenisation for retrieval.
 * Keeps dates, times, amounts, section numbers, e-mail addresses, URLs and
 * reference numbers whole: in a call-off these are often the very thing asked about.
 * What a URL, an e-mail address, a date, a time or an amount looks like is
 * src/text/recognisers.ts's to say; this module adds what only retrieval
 * needs (section and reference numbers, plain numbers, words).
 */
import { foldForTokens } from '../text/fold.js';
import {
  AMOUNT_SOURCE,
  amountTerm,
  EMAIL_SOURCE,
  isDottedTime,
  TIME_SOURCE,
  TOKEN_DATE_SOURCE,
  timeTerm,
  URL_SOURCE,
  withoutDigitGroupSpaces,
} from '../text/recognisers.js';

export type TokenKind = 'word' | 'number' | 'date' | 'time' | 'section' | 'email' | 'reference' | 'amount' | 'url';

export interface Token {
  /** Normalised form (lower case, folded punctuation; thousands separators removed in numbers/amounts). */
  text: string;
  /** Offsets into the string given to tokenize(). */
  start: number;
  end: number;
  kind: TokenKind;
}

/**
 * NFC, lower case, quotes and dashes folded, non-breaking spaces to spaces,
 * soft hyphens removed, white space collapsed. Keeps å ä ö é and other letters.
 */
export function normalize(text: string): string {
  return foldForTokens(text.normalize('NFC'))
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const L = '\\p{L}\\p{M}';
const LN = '\\p{L}\\p{M}\\p{N}';

// Order matters: the first alternative that matches at a position wins. The
// shapes of addresses, dates, times and amounts are the recognisers'.
const PATTERNS: Array<[TokenKind | 'time_or_section', string]> = [
  ['url', URL_SOURCE],
  ['email', EMAIL_SOURCE],
  ['date', TOKEN_DATE_SOURCE],
  ['time', TIME_SOURCE],
  // Reference: alphanumeric groups joined by - / : (and .), with at least one such joiner and a group of 2+ digits.
  ['reference', `(?<![${LN}])[${LN}]+(?:[-/.:][${LN}]+)*[-/:][${LN}]+(?:[-/.:][${LN}]+)*`],
  ['amount', AMOUNT_SOURCE],
  ['time_or_section', `(?<![\\d.])\\d+(?:\\.\\d+)+(?![\\d])(?!\\.\\d)`],
  ['number', `\\d{1,3}(?: \\d{3})+(?![\\d])|\\d+(?:,\\d+)?`],
  ['word', `[${L}][${LN}\\u200b]*(?:[-'][${L}\\p{N}][${LN}\\u200b]*)*`],
];

const TOKEN_RE = new RegExp(PATTERNS.map(([, p]) => `(${p})`).join('|'), 'gu');

function hasDigitGroup(s: string): boolean {
  return /(?:^|[^\p{L}\p{N}])\d{2,}(?:$|[^\p{L}\p{N}])|^\d{2,}|\d{2,}$/u.test(s) && /\d{2,}/.test(s);
}

export function tokenize(text: string): Token[] {
  const folded = foldForTokens(text);
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(folded); m !== null; m = TOKEN_RE.exec(folded)) {
    let groupIndex = 1;
    while (groupIndex <= PATTERNS.length && m[groupIndex] === undefined) groupIndex++;
    let kind = PATTERNS[groupIndex - 1]![0];
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (kind === 'reference' && !hasDigitGroup(raw)) {
      // "IT-konsulttjänster", "e-post": hyphenated words, not references. Re-scan as a word.
      const word = new RegExp(PATTERNS[PATTERNS.length - 1]![1], 'uy');
      word.lastIndex = start;
      const w = word.exec(folded);
      if (w && /^\p{L}/u.test(w[0])) {
        tokens.push({ text: w[0].replace(/\u200b/g, ''), start, end: start + w[0].length, kind: 'word' });
        TOKEN_RE.lastIndex = start + w[0].length;
        continue;
      }
      // Starts with a digit but has no long digit group ("3-5"): take the leading number only.
      const n = /^\d+/.exec(raw);
      if (n) {
        tokens.push({ text: n[0], start, end: start + n[0].length, kind: 'number' });
        TOKEN_RE.lastIndex = start + n[0].length;
        continue;
      }
      TOKEN_RE.lastIndex = start + 1;
      continue;
    }
    if (kind === 'time_or_section') {
      kind = isDottedTime(raw, folded.slice(Math.max(0, start - 12), start)) ? 'time' : 'section';
    }
    let norm = raw.replace(/\u200b/g, '');
    if (kind === 'number') norm = withoutDigitGroupSpaces(norm);
    if (kind === 'amount') norm = amountTerm(norm);
    if (kind === 'time') norm = timeTerm(norm);
    tokens.push({ text: norm, start, end, kind: kind as TokenKind });
  }
  return tokens;
}

/** å, ä, ö (and é) to a, a, o, e: how a question typed without Swedish letters spells its words. */
export function foldLetters(term: string): string {
  return term.replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/é/g, 'e');
}

/** A question written without å, ä and ö ("Nar ar sista dag att lamna anbud?"). */
export function isFoldedQuestion(question: string): boolean {
  return !/[åäöÅÄÖ]/.test(question) && /[a-z]{3}/i.test(question);
}
