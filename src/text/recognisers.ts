/**
 * The things in a call-off or a question that are written in a fixed shape:
 * web addresses, e-mail addresses, Swedish (and Nordic) phone numbers, dates,
 * times of day and amounts. Recognised here and nowhere else, so that
 * retrieval (the tokenizer's typed tokens), the answer step (what kind of
 * answer a passage holds, whether an answer's numbers are in its sources),
 * ingest (the stated question deadline) and the anonymiser (which masks
 * contact details) agree on what a phone number or a date is.
 *
 * Everything is matched on text folded by foldForTokens (lower case, dashes
 * and quotes folded, one UTF-16 unit per unit), so a span's offsets are
 * offsets in the caller's text.
 */
import { foldForTokens } from './fold.js';

export type RecognisedKind = 'url' | 'email' | 'phone' | 'date' | 'time' | 'amount';

/** In the order that breaks ties between equally long spans at one position. */
const RECOGNISED_KINDS: readonly RecognisedKind[] = ['url', 'email', 'phone', 'date', 'time', 'amount'];

export interface Recognised {
  /** Offsets into the text given to recognise(). */
  start: number;
  end: number;
  kind: RecognisedKind;
  /**
   * One spelling per value: a date as YYYY-MM-DD (--MM-DD without a year), a
   * time as HH:MM, an amount as the tokenizer's term ("1200kr", "49%"), a
   * phone number as its digits ("+46" kept for an international one), an
   * address in lower case.
   */
  normalised: string;
}

const L = '\\p{L}\\p{M}';
const LN = '\\p{L}\\p{M}\\p{N}';

// ---------------------------------------------------------------- pattern sources
// Written for folded text and free of capturing groups, so that the tokenizer
// can join them into its one scanning expression. The tokenizer scans from
// the left and takes whole words first, which is what keeps a match from
// starting inside a word; recognise() adds that boundary itself.

/** "https://...", "www...": sentence punctuation after the address is not part of it. */
export const URL_SOURCE = `(?:https?://|www\\.)[^\\s<>"()\\[\\]]*[^\\s<>"()\\[\\].,;:!?']`;

export const EMAIL_SOURCE = `[${LN}._%+-]+@[${LN}-]+(?:\\.[${LN}-]+)*\\.[${L}]{2,}`;

/**
 * The dates written as one run of digits and separators that the tokenizer
 * keeps as one token: 2026-02-02, 2/2/2026, 2026/02/02. (Its index terms
 * depend on exactly these forms; recognise() knows more, see DATE_SOURCE.)
 */
export const TOKEN_DATE_SOURCE = `\\d{4}-\\d{2}-\\d{2}(?!\\d)|\\d{1,2}/\\d{1,2}/\\d{4}(?!\\d)|\\d{4}/\\d{2}/\\d{2}(?!\\d)`;

/** Full month names, January first: their position is the month's number. */
const MONTH_NAMES = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** Abbreviated months as Swedish text writes them ("1 okt.", "15 sept 2026"). */
const MONTH_ABBREVIATIONS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sept: 9,
  sep: 9,
  okt: 10,
  nov: 11,
  dec: 12,
};

function monthNumber(word: string): number | null {
  const full = (MONTH_NAMES as readonly string[]).indexOf(word);
  if (full >= 0) return full + 1;
  return MONTH_ABBREVIATIONS[word] ?? null;
}

/** Full names before abbreviations, so "mars" is not read as "mar". */
const MONTH_WORD = `(?:${[...MONTH_NAMES, ...Object.keys(MONTH_ABBREVIATIONS)].join('|')})(?![${L}])`;

/**
 * Every date shape: ISO and its slashed form (2026-2-3, 2026/02/03), day
 * first with one separator (3.2.2026, 3/2/2026, 3-2-2026), the Swedish "9/2
 * 2026", and the month by name ("2 februari 2026", "2:a feb. 2026", "2.
 * februari", "15 mars" without a year). The shape only: dateValue() checks
 * day and month, so a caller that must not miss a mistyped date (a date of
 * birth to mask) still sees "1990-13-45" whole.
 */
export const DATE_SOURCE = [
  `\\d{4}-\\d{1,2}-\\d{1,2}(?!\\d)`,
  `\\d{4}/\\d{1,2}/\\d{1,2}(?!\\d)`,
  `\\d{1,2}\\.\\d{1,2}\\.\\d{4}(?!\\d)`,
  `\\d{1,2}/\\d{1,2}/\\d{4}(?!\\d)`,
  `\\d{1,2}-\\d{1,2}-\\d{4}(?!\\d)`,
  // "9/2 2026": only with a year of this or the last century, "1/2 1000" is not a date.
  `\\d{1,2}/\\d{1,2} (?:19|20)\\d{2}(?!\\d)`,
  `\\d{1,2}(?::[ae])?(?:\\.\\s?|\\s+)${MONTH_WORD}\\.?(?:\\s+\\d{4}(?!\\d))?`,
].join('|');

/** "23:59", "9:30"; not a ratio or a clock inside a longer run ("1:2:3", "12.30:00"). */
export const TIME_SOURCE = `(?<![\\d.:])(?:[01]?\\d|2[0-3]):[0-5]\\d(?![\\d:])`;

/**
 * A sum, a percentage or a size: "150 kr", "1 200 SEK", "SEK 150" (the
 * currency first, as tables and price lists write it), "2,5 mkr", "49 %",
 * "5 GB".
 */
export const AMOUNT_SOURCE = `(?<![${LN}])(?:sek|kr)\\.? ?(?:\\d{1,3}(?: \\d{3})+(?:,\\d+)?|\\d+(?:[.,]\\d+)?)(?![\\d${L}])|\\d{1,3}(?: \\d{3})+(?:,\\d+)? ?(?:%|kr\\b|kronor\\b|sek\\b|mkr\\b|tkr\\b|msek\\b|eur\\b|€|procent\\b)|\\d+(?:[.,]\\d+)? ?(?:%|kr\\b|kronor\\b|sek\\b|mkr\\b|tkr\\b|msek\\b|eur\\b|€|procent\\b|kb\\b|mb\\b|gb\\b|tb\\b)`;

// ---------------------------------------------------------------- one spelling per value

/** "1 200" -> "1200": a space between digit groups is a thousands separator. */
export function withoutDigitGroupSpaces(s: string): string {
  return s.replace(/(\d) (?=\d{3})/g, '$1').replace(/ /g, '');
}

/**
 * One spelling for an amount, so "150 kr", "150 kronor", "150 SEK" and "SEK
 * 150" are one term ("150kr"): spaces out, the currency moved after the
 * number and written "kr".
 */
export function amountTerm(raw: string): string {
  const norm = withoutDigitGroupSpaces(raw);
  const prefixed = /^(?:sek|kr)\.?(\d.*)$/.exec(norm);
  const amount = prefixed ? `${prefixed[1]}kr` : norm;
  return amount.replace(/(?:kronor|sek)$/, 'kr');
}

/** "7:30", "07.30" -> "07:30". */
export function timeTerm(raw: string): string {
  return raw.replace('.', ':').padStart(5, '0');
}

/**
 * "07.00" is a time after "kl", with a leading zero or right after a date;
 * otherwise a dotted number such as "17.30" or "1.12" is a section number.
 * `before`: the (folded) text just before it.
 */
export function isDottedTime(dotted: string, before: string): boolean {
  const m = /^(\d{2})\.(\d{2})$/.exec(dotted);
  if (!m) return false;
  if (Number(m[1]) > 23 || Number(m[2]) > 59) return false;
  return /(?:kl|klockan|kl\.)\s*$/.test(before) || m[1]!.startsWith('0') || /\d{4}-\d{2}-\d{2}\s*$/.test(before);
}

const two = (n: number) => String(n).padStart(2, '0');

/** A date as YYYY-MM-DD, or --MM-DD when it names no year; null when `raw` (folded) is not one date. */
export function dateValue(raw: string): string | null {
  const text = raw.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:[./-](\d{1,2})[./-]|\/(\d{1,2}) )(\d{4})$/.exec(text);
  if (m) return checked(Number(m[4]), Number(m[2] ?? m[3]), Number(m[1]));
  m = /^(\d{1,2})(?::[ae])?(?:\.\s?|\s+)(\p{L}+)\.?(?:\s+(\d{4}))?$/u.exec(text);
  if (m) {
    const month = monthNumber(m[2]!);
    return month === null ? null : checked(m[3] === undefined ? null : Number(m[3]), month, Number(m[1]));
  }
  return null;
}

function checked(year: number | null, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year === null ? '-' : year}-${two(month)}-${two(day)}`;
}

// ---------------------------------------------------------------- phone numbers

// Swedish phone numbers in the forms people write them: 010-486 63 05,
// 070-123 45 67, 08-123 456 78, 0701234567, +46 70 123 45 67, 0046 8 123 456 78,
// +46 (0)70-123 45 67, also with odd separators ("08 / 123 45 67", "(08) 123 45 67")
// and with a plus before the national number ("+08-508 387 02", a common slip).
// Other countries too (+45, +47, +358 ...): suppliers from the Nordics write in.
// Digit counts are checked after matching.
const PHONE_INTL_RE =
  /(?<![\p{L}\p{N}+])(?:\+[1-9]\d{0,2}|00(?:46|45|47|358|354|44|49|372|371|370))[\s-]*(?:\(0\)[\s-]*)?\d{1,4}(?:[\s-]?\d{1,4}){1,5}(?![\p{L}\p{N}])/gu;
const PHONE_NATIONAL_RE =
  /(?<![\p{L}\p{N}/.,:+-])\+?(?:\(0\d{1,3}\)|0\d{1,3})(?:\s?[-/]\s?|\s)?\(?\d{2,4}\)?(?:[\s-]\d{2,4}|\d{2,4}){0,3}(?![\p{L}\p{N}]|[-/.]\d)/gu;

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

/**
 * Shrinks a greedy phone match from the right (a following number separated
 * by a space is not part of it) until the digit count fits.
 */
function fitPhone(text: string, start: number, end: number, min: number, max: number): number | null {
  let e = end;
  for (;;) {
    const n = digitCount(text.slice(start, e));
    if (n >= min && n <= max) return e;
    if (n < min) return null;
    const cut = text.slice(start, e).search(/[\s-]\d+$/);
    if (cut <= 0) return null;
    e = start + cut;
  }
}

function phoneValue(raw: string): string {
  const intl = /^(?:\+|00)([1-9].*)$/.exec(raw);
  return intl ? `+${intl[1]!.replace(/\(0\)/, '').replace(/\D/g, '')}` : raw.replace(/\D/g, '');
}

function findPhones(folded: string, out: Recognised[]): void {
  for (const m of folded.matchAll(PHONE_INTL_RE)) {
    const end = fitPhone(folded, m.index, m.index + m[0].length, 8, 15);
    if (end !== null) out.push(span(m.index, end, 'phone', phoneValue(folded.slice(m.index, end))));
  }
  for (const m of folded.matchAll(PHONE_NATIONAL_RE)) {
    const end = fitPhone(folded, m.index, m.index + m[0].length, 8, 10);
    if (end === null) continue;
    const raw = folded.slice(m.index, end);
    // "0701234567"-style runs and grouped numbers are phones; a bare 8- or
    // 9-digit run with no separator could be anything (an id, an amount).
    if (!/[\s\-/()]/.test(raw) && digitCount(raw) < 10) continue;
    out.push(span(m.index, end, 'phone', phoneValue(raw)));
  }
}

// ---------------------------------------------------------------- recognise

function span(start: number, end: number, kind: RecognisedKind, normalised: string): Recognised {
  return { start, end, kind, normalised };
}

/**
 * Standalone, a match may not start inside a word or a number (the tokenizer gets that from scanning).
 * Each expression is built on its first use: parsing its Unicode classes costs V8 a few ms, which
 * a process whose texts never hold the kind (most questions have no address, date or amount) never pays.
 */
function standalone(source: string): () => RegExp {
  let re: RegExp | undefined;
  return () => {
    re ??= new RegExp(`(?<![${LN}])(?:${source})`, 'gu');
    return re;
  };
}
const URL_RE = standalone(URL_SOURCE);
const EMAIL_RE = standalone(EMAIL_SOURCE);
const DATE_RE = standalone(DATE_SOURCE);
const TIME_RE = standalone(`${TIME_SOURCE}|(?<![\\d.])\\d{2}\\.\\d{2}(?!\\d)(?!\\.\\d)`);
const AMOUNT_RE = standalone(AMOUNT_SOURCE);

/** Each kind's finder: appends its spans, in any order, overlaps allowed. */
const FINDERS: Record<RecognisedKind, (folded: string, out: Recognised[]) => void> = {
  url(folded, out) {
    for (const m of folded.matchAll(URL_RE())) out.push(span(m.index, m.index + m[0].length, 'url', m[0]));
  },
  email(folded, out) {
    for (const m of folded.matchAll(EMAIL_RE())) out.push(span(m.index, m.index + m[0].length, 'email', m[0]));
  },
  phone: findPhones,
  date(folded, out) {
    for (const m of folded.matchAll(DATE_RE())) {
      const value = dateValue(m[0]);
      if (value !== null) out.push(span(m.index, m.index + m[0].length, 'date', value));
    }
  },
  time(folded, out) {
    for (const m of folded.matchAll(TIME_RE())) {
      if (m[0].includes('.') && !isDottedTime(m[0], folded.slice(Math.max(0, m.index - 12), m.index))) continue;
      out.push(span(m.index, m.index + m[0].length, 'time', timeTerm(m[0])));
    }
  },
  amount(folded, out) {
    for (const m of folded.matchAll(AMOUNT_RE()))
      out.push(span(m.index, m.index + m[0].length, 'amount', amountTerm(m[0])));
  },
};

/** At least `n` ASCII digits (what the phone patterns count). */
function hasDigits(text: string, n: number): boolean {
  let seen = 0;
  for (let i = 0; i < text.length && seen < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) seen++;
  }
  return seen >= n;
}

/**
 * Cheap tests of the unfolded text that a kind can be there at all (folding
 * makes no digit, "@", ":" or "." and no ASCII letter of "http" or "www"), so
 * a piece of text without any is never folded or scanned: most sentences of a
 * call-off hold no phone number, and many no digit.
 */
const MAY_HOLD: Record<RecognisedKind, (text: string) => boolean> = {
  url: (text) => /https?:\/\/|www\./i.test(text),
  email: (text) => text.includes('@'),
  phone: (text) => hasDigits(text, 8),
  date: (text) => hasDigits(text, 1),
  time: (text) => /\d[:.]\d/.test(text),
  amount: (text) => hasDigits(text, 1),
};

/**
 * The addresses, phone numbers, dates, times and amounts of `text` (only the
 * given kinds), in reading order and without overlaps: where two overlap, the
 * one that starts first wins, then the longer, then the kind listed first in
 * RECOGNISED_KINDS (a phone number inside a web address is part of the address).
 */
export function recognise(text: string, kinds: readonly RecognisedKind[] = RECOGNISED_KINDS): Recognised[] {
  let folded: string | undefined;
  const found: Recognised[] = [];
  for (const kind of kinds) {
    if (!MAY_HOLD[kind](text)) continue;
    folded ??= foldForTokens(text);
    FINDERS[kind](folded, found);
  }
  if (found.length < 2) return found;
  const rank = (k: RecognisedKind) => RECOGNISED_KINDS.indexOf(k);
  found.sort((a, b) => a.start - b.start || b.end - a.end || rank(a.kind) - rank(b.kind));
  const out: Recognised[] = [];
  for (const r of found) if (out.length === 0 || r.start >= out[out.length - 1]!.end) out.push(r);
  return out;
}
