/**
 * Kinds of quantity: "Hur många ...?" may want a count, a duration, a sum of
 * money or a share, and a passage's numbers are of these kinds too ("24
 * månader", "SEK 100", "50 %", "3 försök"). They refine the answer type
 * "a quantity" of answerTypes.ts, which holds them in the same bit set: they
 * tell a question about how many hours from a sentence that holds a price,
 * for retrieval's answer-type bonus, two features of the answer model and
 * the cue associations (src/answering/features.ts, src/answering/cues.ts);
 * what they are worth is fitted, like every other weight.
 *
 * Measured on 1,766 labelled questions, held out by buyer, nested thresholds,
 * right answers of 1,149 at 2 / 3 / 4 % wrong (2026-12-07): 478 / 571 / 620
 * without them, 518 / 595 / 660 with the two features, 524 / 603 / 653 with
 * the kinds as cues too. Tried beside them and left out, each within the noise
 * or below: a rate kind ("20 timmar per vecka" against "400 timmar"), 538 /
 * 592 / 644; features for "Vilket system ...?" questions and the names a
 * candidate adds to the question's, 487 / 577 / 634. With the fitted retrieval
 * weights (537 / 620 / 674), months, seasons, weeks and years read as dates
 * for "När ...?" questions ("påbörjas i juli") gave 518 / 611 / 672, and a
 * feature for the wanted kind anywhere in the candidate's section 517 / 617 / 669.
 * Since the same day retrieval reads the kinds too (one scheme of answer
 * types for both; its quantity bonus for a quantity of a kind asked for) and
 * "hur mycket ...?", "hur stort ...?" ask for a quantity of any kind: with
 * both refits, 505 / 614 / 656 (633 at the shipped threshold, against 621).
 */

import {
  AMOUNT_ASKS,
  COUNT_ASKS,
  DURATION_ASKS,
  MONEY_WORDS,
  NUMBER_WORDS,
  QUANTITY_ASKS,
  SHARE_WORDS,
  SIZE_ASKS,
  TIME_UNITS,
} from './quantityWords.js';
import { foldLetters, isFoldedQuestion, normalize, type Token, tokenize } from './tokenizer.js';

/**
 * The kinds, as bits above the four answer types of answerTypes.ts: one bit
 * set of a byte holds what a text is asked for or holds, of both.
 */
export const QUANTITY_COUNT = 16;
export const QUANTITY_DURATION = 32;
export const QUANTITY_MONEY = 64;
export const QUANTITY_SHARE = 128;
/** "Hur mycket erfarenhet ...?", "Hur stort är uppdraget?": a quantity, of no kind in particular. */
export const QUANTITY_ANY = QUANTITY_COUNT | QUANTITY_DURATION | QUANTITY_MONEY | QUANTITY_SHARE;

/** How many words after an opener may name what is asked ("hur stort fiktivt avdrag"). */
const ASK_REACH = 3;

/** The words of the lexicon as a question typed without å, ä and ö spells them. */
const folded = (words: Iterable<string>) => new Set([...words].map(foldLetters));

/**
 * The words the matching reads, in one spelling: Swedish, or folded for a
 * question typed without å, ä and ö. An opener keeps its Swedish spelling
 * beside its words, as COUNT_ASKS and the other sets of openers know it.
 */
interface Spelling {
  asks: ReadonlyArray<{ words: readonly string[]; opener: string }>;
  time: ReadonlySet<string>;
  money: ReadonlySet<string>;
  share: ReadonlySet<string>;
}

const SWEDISH: Spelling = {
  asks: QUANTITY_ASKS.map((a) => ({ words: a.split(' '), opener: a })),
  time: TIME_UNITS,
  money: MONEY_WORDS,
  share: SHARE_WORDS,
};

const FOLDED: Spelling = {
  asks: QUANTITY_ASKS.map((a) => ({ words: foldLetters(a).split(' '), opener: a })),
  time: folded(TIME_UNITS),
  money: folded(MONEY_WORDS),
  share: folded(SHARE_WORDS),
};

/** The kinds of quantity a question asks for (a bit set; 0 when none in particular). */
export function wantedQuantities(question: string): number {
  const spelling = isFoldedQuestion(question) ? FOLDED : SWEDISH;
  const words = tokenize(normalize(question))
    .filter((t) => t.kind === 'word')
    .map((t) => (spelling === FOLDED ? foldLetters(t.text) : t.text));
  let kinds = 0;
  for (let i = 0; i < words.length; i++) {
    for (const { words: ask, opener } of spelling.asks) {
      if (!ask.every((w, k) => words[i + k] === w)) continue;
      const reach = AMOUNT_ASKS.has(opener) ? words.length : i + ask.length + ASK_REACH;
      const after = words.slice(i + ask.length, reach);
      if (DURATION_ASKS.has(opener)) kinds |= QUANTITY_DURATION;
      else if (after.some((w) => spelling.money.has(w))) kinds |= QUANTITY_MONEY;
      else if (after.some((w) => spelling.share.has(w))) kinds |= QUANTITY_SHARE;
      else if (COUNT_ASKS.has(opener)) {
        kinds |= after[0] && spelling.time.has(after[0]) ? QUANTITY_DURATION : QUANTITY_COUNT;
      } else if (SIZE_ASKS.has(opener)) kinds |= QUANTITY_ANY;
    }
  }
  return kinds;
}

/** A number that opens a list item ("6. Styrgrupp", "2) Referenser"): a label, not a quantity. */
function isListNumber(text: string, t: Token, first: boolean): boolean {
  return first && /^[.)]/.test(text.slice(t.end));
}

/** A year on its own ("under 2023"): a date, not a count. */
const isYear = (t: Token) => /^(?:19|20)\d\d$/.test(t.text);

/** A range of numbers ("150-250 timmar", "30-60 minuter"), which the tokenizer keeps whole as a reference. */
const isNumberRange = (t: Token) => t.kind === 'reference' && /^\d+(?:[.,]\d+)?-\d+(?:[.,]\d+)?$/.test(t.text);

/** The kinds of quantity a piece of text holds (a bit set). `tokens`: the text's, when the caller has them. */
export function quantitiesOf(text: string, tokens: readonly Token[] = tokenize(text)): number {
  let kinds = 0;
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const unit = next?.kind === 'word' ? next.text : '';
    if (t.kind === 'amount') {
      kinds |= t.text.endsWith('%') ? QUANTITY_SHARE : QUANTITY_MONEY;
    } else if (t.kind === 'number' || isNumberRange(t)) {
      if (TIME_UNITS.has(unit)) kinds |= QUANTITY_DURATION;
      else if (MONEY_WORDS.has(unit)) kinds |= QUANTITY_MONEY;
      else if (SHARE_WORDS.has(unit)) kinds |= QUANTITY_SHARE;
      else if (!isListNumber(text, t, i === 0) && !isYear(t)) kinds |= QUANTITY_COUNT;
    } else if (t.kind === 'word' && NUMBER_WORDS.has(t.text) && TIME_UNITS.has(unit)) {
      kinds |= QUANTITY_DURATION;
    }
  });
  return kinds;
}
