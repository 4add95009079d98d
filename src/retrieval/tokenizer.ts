/**
 * Swedish text normalisation and tokenisation for retrieval.
 * Keeps dates, times, amounts, section numbers, e-mail addresses, URLs and
 * reference numbers whole: in a call-off these are often the very thing asked about.
 */

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
 * One UTF-16 unit in, one out, so that token offsets found in the folded
 * string are offsets in the caller's text too.
 */
function foldChar(ch: string): string {
  switch (ch) {
    case '\u2018':
    case '\u2019':
    case '\u201a':
    case '\u201b':
    case '\u00b4':
    case '`':
      return "'";
    case '\u201c':
    case '\u201d':
    case '\u201e':
    case '\u201f':
    case '\u00ab':
    case '\u00bb':
      return '"';
    case '\u2010':
    case '\u2011':
    case '\u2012':
    case '\u2013':
    case '\u2014':
    case '\u2015':
    case '\u2212':
      return '-';
    case '\u00a0':
    case '\u2007':
    case '\u202f':
    case '\u2009':
    case '\t':
      return ' ';
    case '\u00ad':
      // Soft hyphen: invisible in the source; a space would split words, so map it to a joiner we drop later.
      return '\u200b';
    default:
      return ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
  }
}

/** Length-preserving fold used by the tokenizer (no NFC, which may change offsets). */
export function foldForTokens(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text[i]!);
  return out;
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

// Order matters: the first alternative that matches at a position wins.
const PATTERNS: Array<[TokenKind | 'time_or_section', string]> = [
  ['url', `(?:https?://|www\\.)[^\\s<>"()\\[\\]]*[^\\s<>"()\\[\\].,;:!?']`],
  ['email', `[${LN}._%+-]+@[${LN}-]+(?:\\.[${LN}-]+)*\\.[${L}]{2,}`],
  ['date', `\\d{4}-\\d{2}-\\d{2}(?!\\d)|\\d{1,2}/\\d{1,2}/\\d{4}(?!\\d)|\\d{4}/\\d{2}/\\d{2}(?!\\d)`],
  ['time', `(?<![\\d.:])(?:[01]?\\d|2[0-3]):[0-5]\\d(?![\\d:])`],
  // Reference: alphanumeric groups joined by - / : (and .), with at least one such joiner and a group of 2+ digits.
  ['reference', `(?<![${LN}])[${LN}]+(?:[-/.:][${LN}]+)*[-/:][${LN}]+(?:[-/.:][${LN}]+)*`],
  [
    'amount',
    // "SEK 150", "kr 1 200": the currency first, as tables and price lists write it.
    `(?<![${LN}])(?:sek|kr)\\.? ?(?:\\d{1,3}(?: \\d{3})+(?:,\\d+)?|\\d+(?:[.,]\\d+)?)(?![\\d${L}])|\\d{1,3}(?: \\d{3})+(?:,\\d+)? ?(?:%|kr\\b|kronor\\b|sek\\b|mkr\\b|tkr\\b|msek\\b|eur\\b|€|procent\\b)|\\d+(?:[.,]\\d+)? ?(?:%|kr\\b|kronor\\b|sek\\b|mkr\\b|tkr\\b|msek\\b|eur\\b|€|procent\\b|kb\\b|mb\\b|gb\\b|tb\\b)`,
  ],
  ['time_or_section', `(?<![\\d.])\\d+(?:\\.\\d+)+(?![\\d])(?!\\.\\d)`],
  ['number', `\\d{1,3}(?: \\d{3})+(?![\\d])|\\d+(?:,\\d+)?`],
  ['word', `[${L}][${LN}\\u200b]*(?:[-'][${L}\\p{N}][${LN}\\u200b]*)*`],
];

const TOKEN_RE = new RegExp(PATTERNS.map(([, p]) => `(${p})`).join('|'), 'gu');

function hasDigitGroup(s: string): boolean {
  return /(?:^|[^\p{L}\p{N}])\d{2,}(?:$|[^\p{L}\p{N}])|^\d{2,}|\d{2,}$/u.test(s) && /\d{2,}/.test(s);
}

/** "07.00" after "kl" or with a leading zero is a time; "1.12.4" is a section number. */
function classifyDotted(s: string, before: string): TokenKind {
  const m = /^(\d{2})\.(\d{2})$/.exec(s);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    const hour = h <= 23 && min <= 59;
    if (
      hour &&
      (/(?:kl|klockan|kl\.)\s*$/.test(before) || m[1]!.startsWith('0') || /\d{4}-\d{2}-\d{2}\s*$/.test(before))
    )
      return 'time';
  }
  return 'section';
}

/**
 * One spelling for a sum in kronor, so "150 kr", "150 kronor", "150 SEK" and "SEK 150" are one
 * term ("150kr"): the currency moved after the number and written "kr".
 */
function canonicalAmount(norm: string): string {
  const prefixed = /^(?:sek|kr)\.?(\d.*)$/.exec(norm);
  const amount = prefixed ? `${prefixed[1]}kr` : norm;
  return amount.replace(/(?:kronor|sek)$/, 'kr');
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
    if (kind === 'time_or_section') kind = classifyDotted(raw, folded.slice(Math.max(0, start - 12), start));
    let norm = raw.replace(/\u200b/g, '');
    if (kind === 'number' || kind === 'amount') norm = norm.replace(/(\d) (?=\d{3})/g, '$1').replace(/ /g, '');
    if (kind === 'amount') norm = canonicalAmount(norm);
    if (kind === 'time') norm = norm.replace('.', ':').padStart(5, '0');
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
