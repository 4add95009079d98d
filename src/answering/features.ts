/**
 * The answer model's features: one named number per (question, candidate).
 * Each is a small pure function of what `analyse` and `describeCandidate`
 * computed once; none carries a weight of its own. How much each counts, and
 * from what probability the bot answers, is fitted on labelled questions
 * (src/eval/fit.ts) and stored in models/answer-model.json.
 */
import type { Passage } from '../core/types.js';
import { looksEnglish, type SwedishAnalyzer, withoutGreetings } from '../retrieval/analyzer.js';
import { ANSWER_QUANTITY, answeredTypes, expectedAnswerTypes } from '../retrieval/answerTypes.js';
import { isFoldedQuestion, normalize, tokenize } from '../retrieval/tokenizer.js';
import { type Candidate, unitsOf } from './candidates.js';
import { CUE_FEATURE_NAMES, questionCues } from './cues.js';
import {
  CHANGE_VERBS,
  NEGATIONS,
  PROPOSAL_CUES,
  REQUEST_OPENERS,
  RULE_WORDS,
  WHETHER_LEADS,
  YES_NO_OPENERS,
} from './lexicon.js';
import { splitUnits } from './sentences.js';
import {
  analyzerOfChunks,
  chunkTerms,
  derivedTerms,
  foldTerms,
  groupMatch,
  pieceFacts,
  type QuestionGroup,
  questionGroups,
  type TermSet,
} from './terms.js';

/** What the question is, read once per question. */
export interface QuestionView {
  groups: QuestionGroup[];
  /** Answer types asked for, kinds of quantity included (bit set of src/retrieval/answerTypes.ts); 0 when none in particular. */
  wanted: number;
  yesNo: boolean;
  /** Asks about a case ("Om konsulten blir sjuk, ..."). */
  conditional: boolean;
  /** A change request or a proposal: the buyer decides. */
  changeRequest: boolean;
  english: boolean;
  folded: boolean;
  /** Section numbers the question names ("enligt 2.3"). */
  namedSections: ReadonlySet<string>;
  /** Its cues for the fitted associations (src/answering/cues.ts). */
  cues: string[];
}

/** What the retrieved passages say about the question's groups, read once per question. */
export interface PassageView {
  /** Per group: how specific it is among the passages' units, 0..1 (a rare word counts more). */
  weights: number[];
  /** Per group: found anywhere in the passages (a unit or a heading). */
  present: boolean[];
  topScore: number;
  /** The question's attainable BM25 score over the whole call-off (Passage.signals.questionWeight); 0 when unknown. */
  questionWeight: number;
}

/** One candidate's raw evidence: the match of each group in its own text, its heading and the unit before. */
export interface CandidateView {
  candidate: Candidate;
  own: number[];
  heading: number[];
  context: number[];
  /** The whole passage, heading included. */
  passage: number[];
  /** Its answer types, kinds of quantity included (src/retrieval/answerTypes.ts). */
  types: number;
  tokens: readonly string[];
  conditional: boolean;
  placeholder: boolean;
  /** Its own terms as the document has them (not folded): with `types`, its cues (src/answering/cues.ts). */
  terms: TermSet;
}

export interface FeatureInput {
  q: QuestionView;
  p: PassageView;
  c: CandidateView;
}

// ------------------------------------------------------------------ question

/** The question proper: the last sentence that asks, without the message's context before it. */
export function askedPart(question: string): string {
  const text = withoutGreetings(question.normalize('NFC')).trim();
  const asks = text.lastIndexOf('?');
  if (asks < 0) return text;
  // Its sentences as a document's are split ("t.ex. GIS" ends none); the last '?' is in the one that asks.
  const holding = splitUnits(text).filter((u) => u.start <= asks && asks < u.end);
  return text.slice(Math.max(0, ...holding.map((u) => u.start)), asks + 1).trim();
}

/** A phrase (words, any white space between them) as a regex source. */
const phraseSource = (phrase: string) => phrase.replace(/\s+/g, '\\s+');

function containsPhrase(text: string, phrase: string): number {
  const re = new RegExp(`(?<![\\p{L}])${phraseSource(phrase)}(?![\\p{L}])`, 'u');
  const m = re.exec(text);
  return m ? m.index : -1;
}

const anyPhraseRes = new Map<readonly string[], RegExp>();

/**
 * Whether any of the phrases is in the text, as `phrases.some(p => containsPhrase(text, p) >= 0)`
 * says, with one expression per list: each expression is compiled once per process, and a
 * question that asks nothing of the kind (most) compiles two expressions instead of 29.
 */
function containsAnyPhrase(text: string, phrases: readonly string[]): boolean {
  let re = anyPhraseRes.get(phrases);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}])(?:${phrases.map(phraseSource).join('|')})(?![\\p{L}])`, 'u');
    anyPhraseRes.set(phrases, re);
  }
  return re.test(text);
}

/** A change request or a proposal: "Kan ni ändra ...", "Vi föreslår ...". */
export function isChangeRequest(question: string): boolean {
  const text = normalize(question);
  if (containsAnyPhrase(text, PROPOSAL_CUES)) return true;
  if (!containsAnyPhrase(text, REQUEST_OPENERS)) return false;
  for (const opener of REQUEST_OPENERS) {
    const at = containsPhrase(text, opener);
    if (at < 0) continue;
    const after = text.slice(at, at + opener.length + 60);
    if (containsAnyPhrase(after, CHANGE_VERBS)) return true;
  }
  return false;
}

/** A yes/no question: the question proper opens with a verb ("Får ...", "Ska ...", "Is ..."). */
export function isYesNo(question: string): boolean {
  const first = tokenize(askedPart(question)).find((t) => t.kind === 'word');
  return first !== undefined && YES_NO_OPENERS.has(first.text);
}

/** Asks about a case: "om" as "if" (not "undrar om", "fråga om"), "i det fall", "vid". */
export function isConditionalQuestion(question: string): boolean {
  const words = tokenize(askedPart(question))
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
  return words.some((w, i) => {
    if (w === 'ifall' || w === 'if' || (w === 'fall' && words[i - 1] === 'det')) return true;
    return w === 'om' && (i === 0 || !WHETHER_LEADS.has(words[i - 1]!));
  });
}

/** Reads the question once. `analyzer` should know the passages' words (see questionAnalyzer). */
export function analyseQuestion(question: string, analyzer: SwedishAnalyzer): QuestionView {
  const folded = isFoldedQuestion(question);
  const tokens = tokenize(question);
  const asked = askedPart(question);
  return {
    groups: withBackground(
      questionGroups(analyzer, question, folded),
      asked === question.trim() ? null : questionGroups(analyzer, asked, folded),
    ),
    wanted: expectedAnswerTypes(asked),
    yesNo: isYesNo(question),
    conditional: isConditionalQuestion(question),
    changeRequest: isChangeRequest(question),
    english: looksEnglish(tokens),
    folded,
    namedSections: new Set(tokens.filter((t) => t.kind === 'section').map((t) => t.text)),
    cues: questionCues(question, tokens),
  };
}

/** The topic words of `groups` that the asking sentence (`asked`'s groups) lacks are background. */
function withBackground(groups: QuestionGroup[], asked: readonly QuestionGroup[] | null): QuestionGroup[] {
  if (!asked) return groups;
  const primaries = new Set(asked.map((g) => g.primary));
  return groups.map((g) => (g.cls === 'topic' && !primaries.has(g.primary) ? { ...g, cls: 'background' } : g));
}

/** An analyzer that splits compounds with the passages' own words. */
export function questionAnalyzer(passages: readonly Passage[]): SwedishAnalyzer {
  return analyzerOfChunks(passages.map((p) => p.chunk));
}

// ------------------------------------------------------------------ evidence

function termsFor(q: QuestionView, terms: TermSet): TermSet {
  return q.folded ? foldTerms(terms) : terms;
}

/** Match of every group in each place of the candidate. */
export function describeCandidate(q: QuestionView, candidate: Candidate): CandidateView {
  const chunk = candidate.passage.chunk;
  // Only units and headings are analysed; a pair, a row and the passage are the union of their units.
  const parts = candidate.parts.length > 0 ? candidate.parts : [candidate.text];
  const heading = termsFor(q, chunkTerms(chunk, chunk.heading));
  // A published answer's heading is the question it answers: both are its words.
  const terms = union([
    ...parts.map((t) => chunkTerms(chunk, t)),
    ...(chunk.kind === 'published_answer' ? [chunkTerms(chunk, chunk.heading)] : []),
  ]);
  const ownTerms = termsFor(q, terms);
  const previous = candidate.previous ? termsFor(q, chunkTerms(chunk, candidate.previous)) : new Map<string, number>();
  const whole = termsFor(q, passageTerms(chunk));
  const facts = pieceFacts(chunk, candidate.text);
  return {
    candidate,
    own: q.groups.map((g) => groupMatch(g, ownTerms)),
    heading: q.groups.map((g) => groupMatch(g, heading)),
    context: q.groups.map((g) => groupMatch(g, previous)),
    passage: q.groups.map((g) => groupMatch(g, whole)),
    types: facts.types,
    tokens: facts.words,
    conditional: facts.conditional,
    placeholder: facts.placeholder,
    terms,
  };
}

/** The union of term sets: each term at its strongest. */
function union(sets: readonly TermSet[]): TermSet {
  if (sets.length === 1) return sets[0]!;
  const out = new Map<string, number>();
  for (const set of sets) for (const [t, w] of set) if ((out.get(t) ?? 0) < w) out.set(t, w);
  return out;
}

/** The terms of a whole passage, heading included: the union of its units' (once per chunk and text). */
function passageTerms(chunk: Candidate['passage']['chunk']): TermSet {
  return derivedTerms(chunk, 'passage', () =>
    union([chunkTerms(chunk, chunk.heading), ...unitsOf(chunk).map((u) => chunkTerms(chunk, u.text))]),
  );
}

/**
 * How specific each group is among the candidates (an inverse document
 * frequency over the passages' units), and whether the passages have it at all.
 * Relative to the passages, so it means the same in a 5-page and a 55-page call-off.
 */
export function describePassages(q: QuestionView, views: readonly CandidateView[]): PassageView {
  const units = views.filter((v) => v.candidate.shape === 'unit');
  const n = units.length;
  const weights = q.groups.map((_, i) => {
    const df = units.reduce((sum, v) => sum + (v.own[i]! > 0 ? 1 : 0), 0);
    const strength = Math.max(0, ...q.groups[i]!.alts.values());
    return (strength * Math.log((n + 1) / (df + 0.5))) / Math.log(2 * n + 2);
  });
  const present = q.groups.map((_, i) => views.some((v) => v.own[i]! > 0 || v.heading[i]! > 0));
  const topScore = Math.max(0, ...views.map((v) => v.candidate.passage.score));
  const questionWeight = views.find((v) => v.candidate.passage.signals)?.candidate.passage.signals?.questionWeight ?? 0;
  return { weights: weights.map((w) => Math.max(0, Math.min(1, w))), present, topScore, questionWeight };
}

// ------------------------------------------------------------------ features

/**
 * Weighted share of one class of the question's groups that a part of the
 * candidate covers; `match(i)` is how well that part holds group i (0..1).
 */
function coverage(x: FeatureInput, cls: QuestionGroup['cls'], match: (i: number) => number): number {
  let covered = 0;
  let total = 0;
  x.q.groups.forEach((g, i) => {
    if (g.cls !== cls) return;
    const w = x.p.weights[i]!;
    covered += w * match(i);
    total += w;
  });
  return total > 0 ? covered / total : 0;
}

/** How well the candidate itself, or with its heading and the unit before it, holds group i. */
const own = (x: FeatureInput) => (i: number) => x.c.own[i]!;
const withContext = (x: FeatureInput) => (i: number) => Math.max(x.c.own[i]!, x.c.heading[i]!, x.c.context[i]!);

function topicWeights(x: FeatureInput, pick: (i: number) => boolean): number[] {
  const out: number[] = [];
  x.q.groups.forEach((g, i) => {
    if (g.cls === 'topic' && pick(i)) out.push(x.p.weights[i]!);
  });
  return out;
}

const matchedAnywhere = (x: FeatureInput, i: number) => withContext(x)(i) > 0;

/** The passage's retrieval signals; a passage from elsewhere (a test, another retriever) reads its fused score for both. */
function signals(x: FeatureInput): { lexical: number; vector: number } {
  const p = x.c.candidate.passage;
  if (p.signals) return p.signals;
  const relative = x.p.topScore > 0 ? p.score / x.p.topScore : 0;
  return { lexical: relative, vector: relative };
}

const CHARS_SCALE = Math.log(1000);
/** A question's attainable BM25 score is rarely above this (some 30 specific words). */
const QUESTION_WEIGHT_SCALE = Math.log(150);
const GROUPS_SCALE = Math.log(20);

/**
 * The features, by name. The model file lists the names it was fitted with;
 * a model whose names differ from these is refused at load.
 */
export const FEATURES = {
  /** Share of the question's topic words (weighted by specificity) in the candidate itself. */
  own_topic: (x: FeatureInput) => coverage(x, 'topic', own(x)),
  /** The same, counting its section heading and the unit before it too. */
  context_topic: (x: FeatureInput) => coverage(x, 'topic', withContext(x)),
  /** Share of the topic words in the section heading. */
  heading_topic: (x: FeatureInput) => coverage(x, 'topic', (i) => x.c.heading[i]!),
  /** Share of the topic words anywhere in the candidate's passage. */
  passage_topic: (x: FeatureInput) => coverage(x, 'topic', (i) => x.c.passage[i]!),
  /** How many topic words the candidate (with context) lacks, log-scaled. */
  missing_topics: (x: FeatureInput) => Math.log1p(topicWeights(x, (i) => !matchedAnywhere(x, i)).length) / GROUPS_SCALE,
  /** Topic coverage where the kind asked for is there too (or none is asked for). */
  topic_with_kind: (x: FeatureInput) =>
    coverage(x, 'topic', withContext(x)) * (x.q.wanted === 0 || answeredTypes(x.q.wanted, x.c.types) ? 1 : 0),
  /**
   * Share of the background words (topic words only of the sentences before
   * the one that asks, src/answering/terms.ts GroupClass) in the candidate and
   * its context. With them out of the topic words, a supplier's "Vi är ett
   * litet bolag i Göteborg." no longer counts as topic words every answer
   * lacks: held out by buyer, nested, right answers at 2 / 3 / 4 % wrong
   * 526 / 634 / 675 of 1,149 against 505 / 614 / 656 (2026-12-07, with
   * askedPart splitting sentences as src/answering/sentences.ts does a
   * document's, so "t.ex. 30" ends none). Retrieval reads the whole
   * question alike: a fitted retrieval weight for the background words (0.25
   * to 1) did not carry over to held-out buyers (MRR gain -0.0001 fitted
   * alone, so it stayed 1), and was left out. The cue associations read the
   * whole question too (src/answering/cues.ts questionCues).
   */
  background_topic: (x: FeatureInput) => coverage(x, 'background', withContext(x)),
  /** Share of the generic procurement words (anbud, konsult, tid) in the candidate and its context. */
  context_generic: (x: FeatureInput) => coverage(x, 'generic', withContext(x)),
  /**
   * Share of the light and frame words in the candidate itself. Frame words
   * count only here: read as topic words where a retrieved heading holds them
   * ("Frågor och svar"), or counted with every class in one coverage, they
   * gave no more right answers held out (618 and 628 against 621 of 1,149 at
   * 3 % wrong, and fewer on the real call-offs; 2026-12-07).
   */
  own_light: (x: FeatureInput) => coverage(x, 'light', own(x)),
  /** Share of the topic words found anywhere in the retrieved passages (the same for every candidate). */
  present_topic: (x: FeatureInput) => coverage(x, 'topic', (i) => (x.p.present[i] ? 1 : 0)),
  /** Specificity of the most specific topic word the candidate (with context) has. */
  rarest_matched: (x: FeatureInput) => Math.max(0, ...topicWeights(x, (i) => matchedAnywhere(x, i))),
  /** Specificity of the most specific topic word the candidate (with context) lacks. */
  rarest_missing: (x: FeatureInput) => Math.max(0, ...topicWeights(x, (i) => !matchedAnywhere(x, i))),
  /** The question has topic words at all. */
  has_topic: (x: FeatureInput) => (x.q.groups.some((g) => g.cls === 'topic') ? 1 : 0),
  /** The question asks for a date, a time, a contact or a quantity. */
  kind_wanted: (x: FeatureInput) => (x.q.wanted !== 0 ? 1 : 0),
  /** ... and the candidate has one (a quantity of a kind asked for). */
  kind_present: (x: FeatureInput) => (answeredTypes(x.q.wanted, x.c.types) ? 1 : 0),
  /** A yes/no question, and the candidate states a rule (ska, får, måste, inte). */
  yes_no_rule: (x: FeatureInput) => (x.q.yesNo && x.c.tokens.some((t) => RULE_WORDS.has(t)) ? 1 : 0),
  /** The candidate states a case ("Om ...") the question does not ask about. */
  conditional_case: (x: FeatureInput) => (!x.q.conditional && x.c.conditional ? 1 : 0),
  /** The candidate is negated. */
  negated: (x: FeatureInput) => (x.c.tokens.some((t) => NEGATIONS.has(t)) ? 1 : 0),
  /** Retrieval rank of the candidate's passage, as 1 / (1 + rank). */
  rank: (x: FeatureInput) => 1 / (1 + x.c.candidate.rank),
  /** Retrieval score of the passage relative to the best. */
  score_relative: (x: FeatureInput) => (x.p.topScore > 0 ? x.c.candidate.passage.score / x.p.topScore : 0),
  /** Lexical (BM25) score of the passage relative to the best. */
  lexical_relative: (x: FeatureInput) => signals(x).lexical,
  /** Vector similarity of the passage relative to the best. */
  vector_relative: (x: FeatureInput) => signals(x).vector,
  /** Both signals agree: the smaller of the two. */
  agreement: (x: FeatureInput) => Math.min(signals(x).lexical, signals(x).vector),
  /** Length of the candidate, log-scaled. */
  length: (x: FeatureInput) => Math.min(1.5, Math.log1p(x.c.candidate.text.length) / CHARS_SCALE),
  /** A short line (a label, a value, a name). */
  short: (x: FeatureInput) => (x.c.candidate.text.length < 40 ? 1 : 0),
  /** Two adjacent units. */
  pair: (x: FeatureInput) => (x.c.candidate.shape === 'pair' ? 1 : 0),
  /** A table row. */
  row: (x: FeatureInput) => (x.c.candidate.shape === 'row' ? 1 : 0),
  /** Position in the passage, as 1 / (1 + position). */
  position: (x: FeatureInput) => 1 / (1 + x.c.candidate.position),
  /** A short passage: 1 / number of units. */
  small_passage: (x: FeatureInput) => 1 / Math.max(1, x.c.candidate.units),
  /** The question is a change request or a proposal. */
  change_request: (x: FeatureInput) => (x.q.changeRequest ? 1 : 0),
  /** The question is in English. */
  english: (x: FeatureInput) => (x.q.english ? 1 : 0),
  /** The question names the candidate's section number. */
  named_section: (x: FeatureInput) => (x.q.namedSections.has(x.c.candidate.passage.chunk.section) ? 1 : 0),
  /** The candidate is the buyer's published answer. */
  published: (x: FeatureInput) => (x.c.candidate.passage.chunk.kind === 'published_answer' ? 1 : 0),
  /** A form placeholder or a bare web address: words that answer nothing. */
  placeholder: (x: FeatureInput) => (x.c.placeholder ? 1 : 0),
  /** How many concepts the question has, log-scaled. */
  question_length: (x: FeatureInput) => Math.min(1.5, Math.log1p(x.q.groups.length) / GROUPS_SCALE),
  /**
   * How much specific vocabulary the question brings to this call-off,
   * measured on all its chunks, log-scaled (the same for every candidate).
   * The retrieval signals above are relative to the best passage; this one
   * is absolute, so the decision to answer can weigh the best candidate's
   * strength against how much the question asks (a trap often names things
   * the documents never mention: each such word counts at the largest IDF).
   */
  question_weight: (x: FeatureInput) => Math.min(1.5, Math.log1p(x.p.questionWeight) / QUESTION_WEIGHT_SCALE),
  /** The question asks for a count, a duration, a sum of money or a share ("Hur många veckor ...?"). */
  quantity_wanted: (x: FeatureInput) => (x.q.wanted & ANSWER_QUANTITY ? 1 : 0),
  /**
   * ... and the candidate holds a quantity of that kind ("24 månader", not
   * "SEK 100"; a date tells how long: see answeredTypes).
   */
  quantity_present: (x: FeatureInput) => (answeredTypes(x.q.wanted, x.c.types) & ANSWER_QUANTITY ? 1 : 0),
} satisfies Record<string, (x: FeatureInput) => number>;

export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/**
 * The candidate model's features: the ones above, then the fitted cue
 * associations' (src/answering/cues.ts), which need the model's association
 * table and so are appended where the model is at hand.
 */
export const CANDIDATE_FEATURE_NAMES: string[] = [...FEATURE_NAMES, ...CUE_FEATURE_NAMES];

/** The feature vector, in FEATURE_NAMES order. */
export function featureVector(x: FeatureInput): number[] {
  return FEATURE_NAMES.map((name) => FEATURES[name](x));
}

// ------------------------------------------------------------------ the question as a whole

/** A candidate as the question-level features see it: its logit under the candidate model, its features, its section. */
export interface RankedCandidate {
  logit: number;
  features: readonly number[];
  section: string;
}

/** Logits are clipped here: beyond it, more certainty says nothing new. */
const LOGIT_CLIP = 12;
const clip = (z: number) => Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, z));

/**
 * The features of the decision to answer at all (the best candidate's
 * strength, its lead over the best of another section, how many sections
 * come close, and the best candidate's own features). `ranked` is sorted best first.
 */
export const QUESTION_FEATURES = {
  /** Logit of the best candidate. */
  best_logit: (ranked: readonly RankedCandidate[]) => clip(ranked[0]?.logit ?? -LOGIT_CLIP),
  /** Its lead over the best candidate of another section. */
  lead_over_other_section: (ranked: readonly RankedCandidate[]) => {
    const best = ranked[0];
    if (!best) return 0;
    const other = ranked.find((r) => r.section !== best.section);
    return other ? clip(best.logit - other.logit) : LOGIT_CLIP;
  },
  /** How many sections have a candidate within one logit of the best, log-scaled. */
  close_sections: (ranked: readonly RankedCandidate[]) => {
    const best = ranked[0];
    if (!best) return 0;
    const sections = new Set(ranked.filter((r) => r.logit >= best.logit - 1).map((r) => r.section));
    return Math.log(sections.size);
  },
} satisfies Record<string, (ranked: readonly RankedCandidate[]) => number>;

export const QUESTION_FEATURE_NAMES: string[] = [
  ...Object.keys(QUESTION_FEATURES),
  ...CANDIDATE_FEATURE_NAMES.map((n) => `best_${n}`),
];

/** The question-level feature vector, in QUESTION_FEATURE_NAMES order. */
export function questionVector(ranked: readonly RankedCandidate[]): number[] {
  const own = Object.values(QUESTION_FEATURES).map((f) => f(ranked));
  const best = ranked[0]?.features ?? CANDIDATE_FEATURE_NAMES.map(() => 0);
  return [...own, ...best];
}
