/**
 * Swedish compound splitting against a vocabulary: "anbudsöppningen" ->
 * anbud + öppning, "distansarbete" -> distans + arbete. A split is accepted
 * only when every part is a known word (from the indexed corpus plus a base
 * list of procurement words), so unknown words are never chopped into noise.
 */
import { snowballSwedish, stemSwedish } from './stemmer.js';
import { SWEDISH_STOPWORDS } from './stopwords.js';

const MIN_PART = 3;
const MAX_WORD = 48;
const MAX_PARTS = 4;

/** Particles that start many words without being the first half of a compound ("förfrågan" is not för + frågan). */
const NON_HEADS: ReadonlySet<string> = new Set([
  'för',
  'upp',
  'till',
  'över',
  'under',
  'ut',
  'in',
  'av',
  'på',
  'om',
  'med',
  'mot',
  'efter',
  'fram',
  'bort',
  'ned',
  'ner',
  'sam',
  'vid',
  'genom',
  'be',
  'an',
  'till',
  'tills',
  'miss',
  'van',
  'o',
]);

/** The vocabulary as persisted with an index: the words and their stems. */
export interface SplitterState {
  surface: string[];
  stems: string[];
}

export class CompoundSplitter {
  private readonly surface: Set<string>;
  private readonly stems: Set<string>;
  private readonly memo = new Map<string, string[] | null>();

  constructor(words: Iterable<string>) {
    this.surface = new Set();
    this.stems = new Set();
    for (const w of words) this.addWord(w);
  }

  /** Restores a persisted vocabulary without stemming it again (fast index loading). */
  static fromState(state: SplitterState): CompoundSplitter {
    const splitter = new CompoundSplitter([]);
    for (const w of state.surface) splitter.surface.add(w);
    for (const s of state.stems) splitter.stems.add(s);
    return splitter;
  }

  toState(): SplitterState {
    return { surface: [...this.surface], stems: [...this.stems] };
  }

  addWord(word: string): void {
    if (word.length < MIN_PART || SWEDISH_STOPWORDS.has(word) || !/^\p{L}+$/u.test(word)) return;
    this.surface.add(word);
    this.stems.add(stemSwedish(word));
    this.stems.add(snowballSwedish(word));
    this.memo.clear();
  }

  /** Whether the vocabulary has this word (as written or by its stem). */
  knows(word: string): boolean {
    return this.surface.has(word) || this.stems.has(stemSwedish(word));
  }

  private known(part: string): boolean {
    if (part.length < MIN_PART || SWEDISH_STOPWORDS.has(part) || NON_HEADS.has(part)) return false;
    return this.surface.has(part) || this.stems.has(stemSwedish(part)) || this.stems.has(snowballSwedish(part));
  }

  /** The stem a part is known by: a fragment like "arbet" keeps its Snowball stem, not the "-et" fix. */
  private partStem(part: string): string {
    const stem = stemSwedish(part);
    if (this.stems.has(stem) || this.surface.has(part)) return stem;
    return snowballSwedish(part);
  }

  /**
   * Stems of the parts of a compound (at least two), or null when the word is
   * not a compound of known words. Fewest parts win; ties go to the longest last part.
   */
  split(word: string): string[] | null {
    if (word.length < 2 * MIN_PART || word.length > MAX_WORD || !/^\p{L}+$/u.test(word)) return null;
    const hit = this.memo.get(word);
    if (hit !== undefined) return hit;
    const parts = this.segment(word, MAX_PARTS);
    const result = parts && parts.length >= 2 ? parts.map((p) => this.partStem(p)) : null;
    // Bounded: a long-running server sees an open-ended stream of question words.
    if (this.memo.size > 100_000) this.memo.clear();
    this.memo.set(word, result);
    return result;
  }

  private segment(word: string, budget: number): string[] | null {
    let best: string[] | null = null;
    for (let i = MIN_PART; i <= word.length - MIN_PART; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      const heads: string[] = [];
      if (this.known(head)) heads.push(head);
      // Linking -s- and -e- (anbud-s-dag, pris-e-lista... "arbets" stems to "arbet" already).
      const last = head[head.length - 1];
      if ((last === 's' || last === 'e') && head.length - 1 >= MIN_PART && this.known(head.slice(0, -1))) {
        heads.push(head.slice(0, -1));
      }
      if (heads.length === 0) continue;
      let rest: string[] | null = null;
      if (this.known(tail)) rest = [tail];
      else if (budget > 2) rest = this.segment(tail, budget - 1);
      if (!rest) continue;
      const candidate = [heads[0]!, ...rest];
      if (
        !best ||
        candidate.length < best.length ||
        (candidate.length === best.length && candidate[candidate.length - 1]!.length > best[best.length - 1]!.length)
      ) {
        best = candidate;
      }
    }
    return best;
  }
}
