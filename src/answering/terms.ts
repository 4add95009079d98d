/**
 * The words of a question and of a candidate as the answer model compares
 * them: the retrieval analyzer's stems, variants, synonyms, compound parts and
 * English-to-Swedish translations, so the reader and the retriever agree on
 * what a word is. A candidate's terms depend only on its chunk (its own words
 * split its compounds), so they are computed once per chunk and text.
 */
import type { Chunk } from '../core/types.js';
import { getDefaultAnalyzer, SwedishAnalyzer } from '../retrieval/analyzer.js';
import { answerTypesOf } from '../retrieval/answerTypes.js';
import { CompoundSplitter, type SplitterState } from '../retrieval/compounds.js';
import { LruCache } from '../retrieval/lruCache.js';
import { foldLetters, normalize, type Token, tokenize } from '../retrieval/tokenizer.js';
import { CONDITIONAL_OPENERS, GENERIC_STEMS, LIGHT_STEMS, PLACEHOLDERS } from './lexicon.js';

/** Term -> strength of its presence (1 for a word as written, less for a part or a variant). */
export type TermSet = ReadonlyMap<string, number>;

/**
 * What kind of word a concept is: a topic word, a word every call-off uses
 * everywhere, a light or frame word, or a topic word only of the sentences
 * before the one that asks ("Vi är ett litet bolag i Göteborg. Vilket timpris
 * ...?"): background, which an answer need not repeat.
 */
export type GroupClass = 'topic' | 'generic' | 'light' | 'background';

/** One concept of the question: its alternative terms with their credit, and what kind of word it is. */
export interface QuestionGroup {
  primary: string;
  alts: ReadonlyMap<string, number>;
  cls: GroupClass;
}

interface ChunkVocabulary {
  text: string;
  /** Analysed pieces of the chunk (units, heading), by their text. */
  terms: Map<string, TermSet>;
  facts: Map<string, PieceFacts>;
  /** Term sets made of the pieces' (the whole passage's), by name. */
  derived: Map<string, TermSet>;
  /** The chunk's words as a compound splitter holds them (stemmed once). */
  state: SplitterState;
  /** Built on the first piece not already analysed (none when every piece came from a stored analysis). */
  analyzer?: SwedishAnalyzer;
}

/** Per-chunk work that no question changes, bounded (a question's passages are 8 chunks). */
const vocabularies = new LruCache<ChunkVocabulary>({ max: 2_000, idleMs: Number.POSITIVE_INFINITY });
let baseState: SplitterState | undefined;

/**
 * Everything of a chunk its analysis depends on, as one string: the cache's
 * check here, and what the store (analysisStore.ts) keys its files by.
 */
export function analysedText(chunk: Chunk): string {
  return `${chunk.heading}\n${chunk.text}`;
}

function vocabularyOf(chunk: Chunk): ChunkVocabulary {
  const text = analysedText(chunk);
  const hit = vocabularies.get(chunk.id);
  if (hit && hit.text === text) return hit;
  const own = new CompoundSplitter([]);
  for (const w of SwedishAnalyzer.vocabularyOf([text])) own.addWord(w);
  const state = own.toState();
  const entry: ChunkVocabulary = { text, state, terms: new Map(), facts: new Map(), derived: new Map() };
  vocabularies.set(chunk.id, entry);
  return entry;
}

/** The analyzer that splits a chunk's compounds with the chunk's own words. */
function chunkAnalyzer(chunk: Chunk): SwedishAnalyzer {
  const entry = vocabularyOf(chunk);
  entry.analyzer ??= withBase([entry.state]);
  return entry.analyzer;
}

/**
 * What this module has worked out about a chunk (its words' stems, its
 * pieces' terms and facts), as plain data a store can keep between processes
 * (src/answering/analysisStore.ts). Every value is what the functions below
 * computed, in their order, so adopting it back changes no answer.
 */
export interface ChunkAnalysis {
  state: SplitterState;
  terms: [string, [string, number][]][];
  facts: [string, PieceFacts][];
  derived: [string, [string, number][]][];
}

/** The chunk's analysis so far (its stems always; terms and facts of the pieces read). */
export function chunkAnalysis(chunk: Chunk): ChunkAnalysis {
  const entry = vocabularyOf(chunk);
  return {
    state: entry.state,
    terms: [...entry.terms].map(([text, terms]) => [text, [...terms]]),
    facts: [...entry.facts],
    derived: [...entry.derived].map(([name, terms]) => [name, [...terms]]),
  };
}

/** How many pieces (terms, facts, derived term sets) this process has analysed of the chunk. */
export function analysedPieces(chunk: Chunk): number {
  const entry = vocabularies.peek(chunk.id);
  return entry ? entry.terms.size + entry.facts.size + entry.derived.size : 0;
}

/** Whether this process already holds an analysis of the chunk as it is now. */
export function holdsChunkAnalysis(chunk: Chunk): boolean {
  return vocabularies.peek(chunk.id)?.text === analysedText(chunk);
}

/**
 * Takes a stored analysis of the chunk as if computed here. The caller vouches
 * that it was made from this chunk's heading and text by this analysis (the
 * store checks both); a piece it lacks is still computed on demand.
 */
export function adoptChunkAnalysis(chunk: Chunk, analysis: ChunkAnalysis): void {
  const text = analysedText(chunk);
  // What this process already holds is at least as complete.
  if (holdsChunkAnalysis(chunk)) return;
  vocabularies.set(chunk.id, {
    text,
    state: analysis.state,
    terms: new Map(analysis.terms.map(([text, terms]) => [text, new Map(terms)])),
    facts: new Map(analysis.facts),
    derived: new Map(analysis.derived.map(([name, terms]) => [name, new Map(terms)])),
  });
}

/**
 * An analyzer that knows the base lexicon and every word of the given chunks,
 * as `new SwedishAnalyzer(SwedishAnalyzer.vocabularyOf(texts))` would, from
 * per-chunk vocabularies stemmed once.
 */
export function analyzerOfChunks(chunks: readonly Chunk[]): SwedishAnalyzer {
  // Questions about one topic retrieve the same passages: their analyzer is built once.
  const key = chunks.map((c) => c.id).join('\u0000');
  const states = chunks.map((c) => vocabularyOf(c).state);
  const hit = passageAnalyzers.get(key);
  if (hit && hit.states.length === states.length && hit.states.every((s, i) => s === states[i])) return hit.analyzer;
  const analyzer = withBase(states);
  passageAnalyzers.set(key, { states, analyzer });
  return analyzer;
}

const passageAnalyzers = new LruCache<{ states: SplitterState[]; analyzer: SwedishAnalyzer }>({
  max: 256,
  idleMs: Number.POSITIVE_INFINITY,
});

/** An analyzer of the base lexicon plus the given vocabularies, without stemming anything again. */
function withBase(states: readonly SplitterState[]): SwedishAnalyzer {
  // The default analyzer knows the base lexicon alone, and the hashed embedder has built it already.
  baseState ??= getDefaultAnalyzer().splitter.toState();
  const surface = [...baseState.surface];
  const stems = [...baseState.stems];
  for (const state of states) {
    surface.push(...state.surface);
    stems.push(...state.stems);
  }
  return new SwedishAnalyzer(CompoundSplitter.fromState({ surface, stems }));
}

/** What a piece of a chunk holds besides its terms: its kinds of answer, its plain words, its form. */
export interface PieceFacts {
  /** Its answer types, kinds of quantity included (src/retrieval/answerTypes.ts). */
  types: number;
  words: readonly string[];
  /** Opens with a case ("Om ...", "I det fall ..."). */
  conditional: boolean;
  /** A form placeholder or a bare web address. */
  placeholder: boolean;
}

/**
 * A piece that is one web address, after at most a short label ("Länk:
 * https://..."): the address is the tokenizer's (the shared recognisers'),
 * anything glued to its end ("https://x.se/a(b)") still part of it.
 */
function isBareLink(text: string, tokens: readonly Token[]): boolean {
  const urls = tokens.filter((t) => t.kind === 'url');
  if (urls.length !== 1) return false;
  const url = urls[0]!;
  return /^(?:[^:\n]{0,60}:\s*)?$/.test(text.slice(0, url.start)) && /^\S*\s*$/.test(text.slice(url.end));
}

/** The answer types, words and form of a piece of a chunk, computed once per chunk and text. */
export function pieceFacts(chunk: Chunk, text: string): PieceFacts {
  const cache = vocabularyOf(chunk).facts;
  const hit = cache.get(text);
  if (hit) return hit;
  const tokens = tokenize(text);
  const plain = normalize(text);
  const facts = {
    types: answerTypesOf(text, tokens),
    words: tokens.filter((t) => t.kind === 'word').map((t) => t.text),
    conditional: CONDITIONAL_OPENERS.some((p) => plain.trimStart().startsWith(`${p} `)),
    placeholder: PLACEHOLDERS.some((p) => plain.includes(p)) || isBareLink(text, tokens),
  };
  cache.set(text, facts);
  return facts;
}

function termSetOf(analyzer: SwedishAnalyzer, text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of analyzer.analyzeWeighted(text, { mode: 'index' })) {
    if ((out.get(t.term) ?? 0) < t.weight) out.set(t.term, Math.min(1, t.weight));
  }
  return out;
}

/** The terms of a piece of a chunk (a candidate's text, its heading), cached per chunk and text. */
export function chunkTerms(chunk: Chunk, text: string): TermSet {
  const cache = vocabularyOf(chunk).terms;
  const hit = cache.get(text);
  if (hit) return hit;
  const terms = termSetOf(chunkAnalyzer(chunk), text);
  cache.set(text, terms);
  return terms;
}

/** A term set made of the chunk's pieces' (e.g. the whole passage's), computed once per chunk and text. */
export function derivedTerms(chunk: Chunk, name: string, compute: () => TermSet): TermSet {
  const cache = vocabularyOf(chunk).derived;
  const hit = cache.get(name);
  if (hit) return hit;
  const terms = compute();
  cache.set(name, terms);
  return terms;
}

const foldedCache = new WeakMap<TermSet, TermSet>();

/** Terms with å, ä and ö folded, for a question typed without them (once per cached term set). */
export function foldTerms(terms: TermSet): TermSet {
  const hit = foldedCache.get(terms);
  if (hit) return hit;
  const out = new Map<string, number>();
  for (const [t, w] of terms) {
    const f = foldLetters(t);
    if ((out.get(f) ?? 0) < w) out.set(f, w);
  }
  foldedCache.set(terms, out);
  return out;
}

/**
 * A concept's class by its primary stem. The lexicon lists each entry and the
 * stem the analyzer cuts it to, so classifying analyses nothing (analysing the
 * 145 entries cost every `ask` a few ms before its first question).
 */
function classOf(primary: string): GroupClass {
  if (LIGHT_STEMS.has(primary)) return 'light';
  if (GENERIC_STEMS.has(primary)) return 'generic';
  return 'topic';
}

/**
 * The question's concepts, from the analyzer's query analysis (one group per
 * word with its variants and synonyms, one per compound part).
 * `analyzer` should know the passages' words, so the question's compounds split as theirs do.
 */
export function questionGroups(analyzer: SwedishAnalyzer, question: string, folded: boolean): QuestionGroup[] {
  const byGroup = new Map<number, Map<string, number>>();
  const primaries = new Map<number, string>();
  for (const t of analyzer.analyzeWeighted(question, { mode: 'query' })) {
    const term = folded ? foldLetters(t.term) : t.term;
    let alts = byGroup.get(t.group);
    if (!alts) {
      alts = new Map();
      byGroup.set(t.group, alts);
      primaries.set(t.group, t.term);
    }
    if ((alts.get(term) ?? 0) < t.weight) alts.set(term, Math.min(1, t.weight));
  }
  const out: QuestionGroup[] = [];
  const seen = new Set<string>();
  for (const [group, alts] of byGroup) {
    const primary = primaries.get(group)!;
    // A word asked twice is one concept.
    if (seen.has(primary)) continue;
    seen.add(primary);
    out.push({ primary, alts, cls: classOf(primary) });
  }
  return out;
}

/** How well a group is present in a set of terms, 0..1: its best alternative. */
export function groupMatch(group: QuestionGroup, terms: TermSet): number {
  let best = 0;
  for (const [term, credit] of group.alts) {
    const w = terms.get(term);
    if (w !== undefined && w * credit > best) best = w * credit;
  }
  return best;
}
