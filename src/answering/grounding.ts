/**
 * The grounding check every LLM answer must pass before a supplier sees it:
 * each citation names a retrieved passage and quotes it verbatim (white space
 * folded; the core's test, src/core/grounding.ts, which every reply passes
 * too), the quote is more than a word or two, and every date, time, amount
 * and section number in the answer text appears in the cited passages. Pure,
 * no LangChain: also usable offline.
 */
import { foldWhitespace, sourceOfQuote } from '../core/grounding.js';
import type { BotAnswer, Passage } from '../core/types.js';
import { recognise } from '../text/recognisers.js';

export type GroundingResult = { ok: true } | { ok: false; reason: string };

/** Quotes shorter than this prove nothing ("Ja", "1"). */
export const MIN_QUOTE_CHARS = 4;

export interface GroundingOptions {
  /**
   * Text whose numbers the answer may also state: the call-off's own reference
   * and title, which the model is given and may name ("Af-2025/0108 8097").
   */
  allowedText?: string;
}

export function checkGrounding(answer: BotAnswer, passages: Passage[], opts: GroundingOptions = {}): GroundingResult {
  if (answer.status !== 'answered' && answer.status !== 'not_in_documents') return { ok: true };
  if (answer.status === 'answered' && answer.citations.length === 0) {
    return { ok: false, reason: 'answered without any citation' };
  }
  const cited: Passage[] = [];
  for (const [i, citation] of answer.citations.entries()) {
    if (!passages.some((p) => p.chunk.document === citation.document && p.chunk.section === citation.section)) {
      return { ok: false, reason: `citation ${i + 1} names a passage that was not retrieved (${citation.section})` };
    }
    const quote = foldWhitespace(citation.quote);
    if (quote.length < MIN_QUOTE_CHARS || !/[\p{L}\p{N}]/u.test(quote)) {
      return { ok: false, reason: `citation ${i + 1} has an empty or trivial quote` };
    }
    const source = sourceOfQuote(citation, passages);
    if (!source) {
      return { ok: false, reason: `citation ${i + 1} quote is not verbatim in ${citation.section}` };
    }
    cited.push(source);
  }
  if (answer.status === 'answered') {
    const missing = unsupportedNumbers(answer.answer, cited, opts.allowedText);
    if (missing.length > 0) {
      return { ok: false, reason: `answer states numbers not in the cited passages: ${missing.join(', ')}` };
    }
  }
  return { ok: true };
}

// ---------------------------------------------------------------- numbers

/**
 * One spelling for comparison: a date with the month by name as the
 * recognisers write it ("2 februari 2026" -> "2026-02-02", "2 februari" ->
 * "--02-02"), thousands written "2 000" as "2000". Dates in digits are
 * compared as written: the answer's "9/2" is the source's "9/2 2026".
 */
function canonicalNumbers(text: string): string {
  const folded = foldWhitespace(text);
  let out = '';
  let at = 0;
  for (const d of recognise(folded, ['date'])) {
    if (!/\p{L}/u.test(folded.slice(d.start, d.end))) continue;
    out += folded.slice(at, d.start) + d.normalised;
    at = d.end;
  }
  return (out + folded.slice(at)).replace(/(\d)[ ](?=\d{3}(?!\d))/g, '$1');
}

const NUMBER_TOKEN = /\d+(?:[.,:/-]\d+)*/g;

function containsNumber(haystack: string, token: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(token, from);
    if (at < 0) return false;
    const before = haystack[at - 1];
    const after = haystack[at + token.length];
    if ((before === undefined || !/\d/.test(before)) && (after === undefined || !/\d/.test(after))) return true;
    from = at + 1;
  }
}

/** The number-bearing tokens of `answer` that none of the cited passages support. */
export function unsupportedNumbers(answer: string, cited: Passage[], allowedText = ''): string[] {
  const evidence = cited
    .map((p) =>
      [
        p.chunk.text,
        p.chunk.section,
        p.chunk.heading,
        p.chunk.faqNumber === undefined ? '' : String(p.chunk.faqNumber),
      ].join('\n'),
    )
    .join('\n');
  return missingNumbers(answer, `${evidence}\n${allowedText}`);
}

/**
 * The number-bearing tokens (dates, times, amounts, section and reference
 * numbers) of `text` that do not occur in `evidence`, compared in one spelling.
 */
export function missingNumbers(text: string, evidenceText: string): string[] {
  const evidence = canonicalNumbers(evidenceText);
  const missing: string[] = [];
  for (const match of canonicalNumbers(text).matchAll(NUMBER_TOKEN)) {
    // A trailing sentence period or comma is punctuation, not part of the number.
    const token = match[0].replace(/[.,:/-]+$/, '');
    if (containsNumber(evidence, token)) continue;
    // Times are written both 23:59 and 23.59 in Swedish documents.
    const time = /^(\d{1,2})[.:](\d{2})$/.exec(token);
    if (
      time &&
      (containsNumber(evidence, `${time[1]}:${time[2]}`) || containsNumber(evidence, `${time[1]}.${time[2]}`))
    ) {
      continue;
    }
    // A decimal comma or point: 2,5 and 2.5 are the same amount.
    const decimal = /^(\d+)[.,](\d+)$/.exec(token);
    if (
      decimal &&
      (containsNumber(evidence, `${decimal[1]},${decimal[2]}`) ||
        containsNumber(evidence, `${decimal[1]}.${decimal[2]}`))
    ) {
      continue;
    }
    missing.push(token);
  }
  return [...new Set(missing)];
}
