/**
 * Grounded or silent: what it means for a quote to stand in the documents.
 * A citation's quote is grounded when it stands verbatim, white space folded,
 * in a retrieved passage of the very section it names. This is the one test
 * of that: the core applies it to every reply (citations and possibly
 * relevant sections), and the LLM composer's stricter check
 * (src/answering/grounding.ts) builds on it.
 */
import type { Citation, Passage } from './types.js';

const WHITE = /[\s\u00a0\u202f\u2007\u00ad]/;
const WHITE_RUNS = /[\s\u00a0\u202f\u2007\u00ad]+/g;

/** Collapses every run of white space (incl. no-break spaces and soft hyphens) to one space, trims. */
export function foldWhitespace(text: string): string {
  return text.replace(WHITE_RUNS, ' ').trim();
}

/** The retrieved passage of the citation's own document and section whose text holds its quote, if any. */
export function sourceOfQuote(c: Citation, passages: readonly Passage[]): Passage | undefined {
  const quote = foldWhitespace(c.quote);
  if (quote === '') return undefined;
  return passages.find(
    (p) =>
      p.chunk.document === c.document && p.chunk.section === c.section && foldWhitespace(p.chunk.text).includes(quote),
  );
}

/**
 * Finds `needle` in `haystack` ignoring differences in white space, and returns
 * the span of the ORIGINAL haystack it covers, so a caller can quote the exact
 * source text rather than a re-spaced copy.
 */
export function locateFolded(haystack: string, needle: string): { start: number; end: number } | null {
  const folded = foldWhitespace(needle);
  if (folded.length === 0) return null;
  // Fold the haystack while remembering where each folded character came from.
  let text = '';
  const origin: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < haystack.length; i++) {
    const ch = haystack[i] as string;
    if (WHITE.test(ch)) {
      if (text.length > 0 && pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      text += ' ';
      origin.push(pendingSpace);
      pendingSpace = -1;
    }
    text += ch;
    origin.push(i);
  }
  const at = text.indexOf(folded);
  if (at < 0) return null;
  const start = origin[at] as number;
  const end = (origin[at + folded.length - 1] as number) + 1;
  return { start, end };
}
