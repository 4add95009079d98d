/**
 * Caches for the extractive composer of the work that does not depend on the
 * question: a chunk's quotable units, a chunk's vocabulary for compound
 * splitting, the analysed terms of each sentence, and its tokens. They make the
 * in-process answer fast without changing a single decision:
 *
 * - The composer's analyzer must know exactly the words of the passages it was
 *   given (the base lexicon plus those words: splitting a sentence's compounds
 *   with any other vocabulary changes answers). Each chunk's words and their
 *   stems are computed once; an analyzer for a set of passages is their union.
 * - A sentence's terms depend on its text and on how that analyzer splits its
 *   words. Every cached analysis records the splitter calls it made and their
 *   results; it is reused only when the current analyzer answers every one of
 *   them the same way, otherwise it is analysed again.
 *
 * All caches are bounded (least recently used entries go first). What they
 * return (units, term sets, tokens) is shared between answers: read it, never change it.
 */
import type { Chunk } from '../core/types.js';
import { SwedishAnalyzer, type Token, tokenize } from '../retrieval/analyzer.js';
import { CompoundSplitter, type SplitterState } from '../retrieval/compounds.js';
import { EvidenceModel, type TermSet } from './evidence.js';
import type { Unit } from './sentences.js';

/** A Map that forgets its least recently used entries beyond `max`. */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  clear(): void {
    this.map.clear();
  }
}

let enabled = true;

/**
 * Switches the caches off (every call computes afresh, as before they existed)
 * or on again. For equivalence tests and as a kill switch; on by default.
 */
export function setAnalysisCaching(on: boolean): void {
  enabled = on;
  if (!on) clearAnalysisCaches();
}

/**
 * Bounds. A question's 8 passages hold about 50 sentences; 15,000 sentences are
 * the passages of a few hundred different questions. Full, the caches hold
 * about 60 MB of heap (measured in bench/answer.md), however long the server runs.
 */
const MAX_CHUNKS = 4_000;
const MAX_SENTENCES = 15_000;
const MAX_TOKENISED = 10_000;

interface UnitsEntry {
  kind: Chunk['kind'];
  text: string;
  units: Unit[];
}
const unitsCache = new LruCache<string, UnitsEntry>(MAX_CHUNKS);

/**
 * A chunk's quotable units, split once. Keyed by chunk id, and reused only for
 * the same kind and text. The units are shared between answers: read them, never change them.
 */
export function cachedUnits(chunk: Chunk, split: (chunk: Chunk) => Unit[]): Unit[] {
  if (!enabled) return split(chunk);
  const hit = unitsCache.get(chunk.id);
  if (hit && hit.kind === chunk.kind && hit.text === chunk.text) return hit.units;
  const units = split(chunk);
  unitsCache.set(chunk.id, { kind: chunk.kind, text: chunk.text, units });
  return units;
}

interface VocabularyEntry {
  text: string;
  state: SplitterState;
}
const vocabularyCache = new LruCache<string, VocabularyEntry>(MAX_CHUNKS);
let baseState: SplitterState | undefined;

/** The words of one text as a splitter would hold them (filtered and stemmed by the splitter itself). */
function vocabularyState(key: string, text: string): SplitterState {
  const hit = vocabularyCache.get(key);
  if (hit && hit.text === text) return hit.state;
  const splitter = new CompoundSplitter([]);
  for (const word of SwedishAnalyzer.vocabularyOf([text])) splitter.addWord(word);
  const state = splitter.toState();
  vocabularyCache.set(key, { text, state });
  return state;
}

/** One recorded splitter answer: which call, for which word, with what result. */
type SplitterCall =
  | { split: true; word: string; result: string[] | null }
  | { split: false; word: string; result: boolean };

/** A splitter that can record the calls made through it (for the sentence cache's validity check). */
interface RecordingSplitter {
  splitter: CompoundSplitter;
  log: SplitterCall[] | null;
}

const recorders = new WeakMap<SwedishAnalyzer, RecordingSplitter>();

/**
 * The analyzer for a set of passages: the base lexicon plus every word of the
 * given texts, exactly as `new SwedishAnalyzer(SwedishAnalyzer.vocabularyOf(texts))`
 * would build it, from per-text vocabularies computed once.
 * `passages` are (key, text) pairs; the key (a chunk id) names the text for the cache.
 */
export function passageAnalyzer(passages: ReadonlyArray<{ key: string; text: string }>): SwedishAnalyzer {
  if (!enabled) return new SwedishAnalyzer(SwedishAnalyzer.vocabularyOf(passages.map((p) => p.text)));
  baseState ??= new SwedishAnalyzer().splitter.toState();
  const surface = [...baseState.surface];
  const stems = [...baseState.stems];
  for (const { key, text } of passages) {
    const state = vocabularyState(key, text);
    for (const w of state.surface) surface.push(w);
    for (const s of state.stems) stems.push(s);
  }
  const splitter = CompoundSplitter.fromState({ surface, stems });
  const recorder: RecordingSplitter = { splitter, log: null };
  // The instance's own split/knows record their answers while a sentence is analysed; all else is untouched.
  const split = splitter.split.bind(splitter);
  const knows = splitter.knows.bind(splitter);
  splitter.split = (word: string) => {
    const result = split(word);
    recorder.log?.push({ split: true, word, result });
    return result;
  };
  splitter.knows = (word: string) => {
    const result = knows(word);
    recorder.log?.push({ split: false, word, result });
    return result;
  };
  const analyzer = new SwedishAnalyzer(splitter);
  recorders.set(analyzer, recorder);
  return analyzer;
}

interface SentenceEntry {
  calls: SplitterCall[];
  terms: TermSet;
}
/** Analyses of one sentence under differently splitting analyzers (a sentence's passages vary with the question). */
const VARIANTS = 3;
const sentenceCache = new LruCache<string, SentenceEntry[]>(MAX_SENTENCES);
/** How sentence look-ups went: reused, never seen (or forgotten), or seen but split differently now. */
const sentenceStats = { hits: 0, misses: 0, invalidated: 0 };

function sameSplit(a: string[] | null, b: string[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether the splitter gives every recorded answer again. */
function stillValid(splitter: CompoundSplitter, calls: readonly SplitterCall[]): boolean {
  for (const call of calls) {
    if (call.split ? !sameSplit(splitter.split(call.word), call.result) : splitter.knows(call.word) !== call.result) {
      return false;
    }
  }
  return true;
}

/**
 * An EvidenceModel whose sentence terms come from the process-wide sentence
 * cache when still valid for this analyzer (see the module comment). Each miss
 * is analysed by a fresh EvidenceModel, so the terms are always exactly what
 * EvidenceModel.terms computes. Shares only with an analyzer from passageAnalyzer;
 * with any other it is a plain EvidenceModel.
 */
export class CachedEvidence extends EvidenceModel {
  private readonly own = new Map<string, TermSet>();
  private readonly recorder: RecordingSplitter | undefined;

  constructor(
    private readonly source: SwedishAnalyzer,
    private readonly foldedLetters = false,
  ) {
    super(source, foldedLetters);
    // Without a recording splitter (caching off, or any other analyzer) nothing is shared.
    this.recorder = recorders.get(source);
  }

  override terms(text: string): TermSet {
    const recorder = this.recorder;
    if (!recorder) return super.terms(text);
    const mine = this.own.get(text);
    if (mine) return mine;
    const key = `${this.foldedLetters ? 'f' : 'n'}\u0000${text}`;
    const variants = sentenceCache.get(key) ?? [];
    const valid = variants.find((v) => stillValid(recorder.splitter, v.calls));
    if (valid) {
      sentenceStats.hits++;
      this.own.set(text, valid.terms);
      return valid.terms;
    }
    if (variants.length > 0) sentenceStats.invalidated++;
    else sentenceStats.misses++;
    const calls: SplitterCall[] = [];
    recorder.log = calls;
    let terms: TermSet;
    try {
      terms = new EvidenceModel(this.source, this.foldedLetters).terms(text);
    } finally {
      recorder.log = null;
    }
    sentenceCache.set(key, [{ calls, terms }, ...variants.slice(0, VARIANTS - 1)]);
    this.own.set(text, terms);
    return terms;
  }
}

const tokenCache = new LruCache<string, Token[]>(MAX_TOKENISED);

/** The tokens of a sentence, tokenised once. Shared between answers: read them, never change them. */
export function cachedTokens(text: string): Token[] {
  if (!enabled) return tokenize(text);
  const hit = tokenCache.get(text);
  if (hit) return hit;
  const tokens = tokenize(text);
  tokenCache.set(text, tokens);
  return tokens;
}

/** Empties every cache (tests, or to give the memory back). */
export function clearAnalysisCaches(): void {
  unitsCache.clear();
  vocabularyCache.clear();
  sentenceCache.clear();
  tokenCache.clear();
  baseState = undefined;
  sentenceStats.hits = 0;
  sentenceStats.misses = 0;
  sentenceStats.invalidated = 0;
}

export interface AnalysisCacheStats {
  /** Entries held. */
  units: number;
  vocabularies: number;
  sentences: number;
  tokenised: number;
  /** Sentence look-ups since start (or the last clear): reused, analysed anew, analysed anew because a split changed. */
  sentenceHits: number;
  sentenceMisses: number;
  sentenceInvalidated: number;
}

/** Sizes and sentence hit counts, for benchmarks and tests. */
export function analysisCacheStats(): AnalysisCacheStats {
  return {
    units: unitsCache.size,
    vocabularies: vocabularyCache.size,
    sentences: sentenceCache.size,
    tokenised: tokenCache.size,
    sentenceHits: sentenceStats.hits,
    sentenceMisses: sentenceStats.misses,
    sentenceInvalidated: sentenceStats.invalidated,
  };
}
