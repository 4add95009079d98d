/**
 * `npm run fit`: fits the answer model on every labelled question of the
 * repository and writes models/answer-model.json and bench/answer-model.md.
 *
 * 1. Each question goes through the product's own path: the anonymised
 *    wording, retrieval on the call-off's index, the candidates and their
 *    features (src/answering/extractive.ts readCandidates).
 * 2. A candidate is labelled 1 when its section is one the question expects
 *    and it holds the most of the expected facts any candidate of that
 *    section holds; every candidate of a question the documents do not answer
 *    (or of another section) is 0.
 * 3. Cue associations (src/eval/cueFit.ts): how often a question word goes
 *    with a word or kind of fact of the answer; each candidate gets features
 *    from them, counted without the question's own buyer.
 * 4. Three models: the candidate model (which candidate answers), and the
 *    question model (is the best candidate the answer?), fitted on the
 *    candidate model's scores of the training questions and the best
 *    candidate's features; its label is 1 when the best candidate cites an
 *    expected section. The published decision does the question model's work
 *    where a published answer ranks first, fitted on questions asked again
 *    with an answer published (its own, another about the same sections, or
 *    an unrelated one).
 * 5. Leave one buyer out: for each buyer, associations and models fitted on all others
 *    score its questions. Over those held-out scores, the threshold is the one
 *    that answers most questions right with wrong answers within the budget
 *    (3 % of all questions; of the published decision's, 3 % of its questions);
 *    the related-section threshold is the lowest at which the best section
 *    below the answer threshold is right at least half the time.
 * 6. The model shipped is fitted on all call-offs; the figures it reports are
 *    the held-out ones.
 *
 * Usage: node --import tsx src/eval/fit.ts [--root DIR] [--budget 0.03] [--check]
 *   --check  fits nothing: exits 1 when the shipped model is older than the labelled data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AnswerModel,
  type HeldOutFigures,
  type LogisticPart,
  loadAnswerModel,
  logit,
  MODEL_FORMAT,
  MODEL_PATH,
  sigmoid,
} from '../answering/answerModel.js';
import { candidateCues } from '../answering/cues.js';
import { rankCandidates, readCandidates, sectionOf } from '../answering/extractive.js';
import { CANDIDATE_FEATURE_NAMES, QUESTION_FEATURE_NAMES, questionVector } from '../answering/features.js';
import { type BoostedTrees, treesLogit } from '../answering/trees.js';
import { isQuestionLate } from '../core/deadline.js';
import { parseIsoInZone } from '../core/time.js';
import type { PublishedAnswer } from '../core/types.js';
import { silentLogger } from '../logger.js';
import { KnowledgeBase, publishedChunk } from '../retrieval/knowledgeBase.js';
import type { RetrievalWeights } from '../retrieval/weights.js';
import { type BoostOptions, fitBoostedTrees } from './boost.js';
import { CueCounts } from './cueFit.js';
import { questionAsAnswered } from './harness.js';
import { loadLabelledData } from './labelledData.js';
import { fitLogistic, type LogisticFit } from './logistic.js';
import { type EvalCase, foldForFacts } from './runEval.js';

/** One labelled question, read: its candidates' features and labels. */
export interface Example {
  callOff: string;
  /**
   * What was published when it was asked again: an earlier question about the
   * same sections, the question itself (word for word), or the most alike
   * earlier question about other sections; null for the question as first
   * asked. Asked again, it is never in the real questions' figures.
   */
  republished: Republished | null;
  /** The validation fold: the buyer (call-offs of one buyer share templates and wording). */
  fold: string;
  case: EvalCase;
  answerable: boolean;
  rows: number[][];
  labels: number[];
  /** Each candidate's section number, and its document-and-section key. */
  sections: string[];
  sectionKeys: string[];
  /** Each candidate's text (for the write-up of mistakes). */
  texts: string[];
  /** Rank and offsets, for the product's tie-break. */
  order: Array<{ rank: number; start: number; end: number }>;
  /** Whether each candidate's text holds every expected fact (for the write-up's fact figure). */
  factful: boolean[];
  /** The question's and each candidate's cues (src/answering/cues.ts): their features are fitted per fold. */
  questionCues: string[];
  candidateCues: string[][];
}

export type Republished = 'same sections' | 'same question' | 'other sections';

/** L2 penalty of the candidate model (on standardised weights). */
const L2_CANDIDATE = 1;
export const DEFAULT_BUDGET = 0.03;
/**
 * One in this many answerable questions with an earlier sibling is also asked with that sibling
 * published, and one in this many asked again with its own answer published.
 */
const PUBLISHED_EVERY = 2;
/** The related-section threshold: the best section below the answer threshold is right this often. */
const RELATED_PRECISION = 0.5;
/** The wrong-answer budgets the write-up gives nested figures for. */
const NESTED_BUDGETS = [0.02, 0.025, 0.03, 0.035, 0.04];

/** One buyer, however its name is written ("Inera AB", "Botkyrka kommun, Kommunstyrelseförvaltningen"). */
export function buyerKey(buyer: string): string {
  return buyer
    .split(',')[0]!
    .toLowerCase()
    .replace(/(?<![\p{L}])ab(?![\p{L}])/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function factGroupsIn(text: string, facts: readonly string[][]): number {
  const folded = foldForFacts(text);
  return facts.filter((g) => g.some((f) => folded.includes(foldForFacts(f)))).length;
}

/** Reads every labelled question into examples (the slow part: retrieval and features). */
export async function readExamples(
  root: string,
  dataDir: string,
  /** Retrieval ranks with these (default: the shipped ones); fitRetrieval.ts compares weights end to end. */
  weights?: RetrievalWeights,
): Promise<{ examples: Example[]; hash: string }> {
  const data = loadLabelledData(root);
  const kb = new KnowledgeBase({ dataDir, logger: silentLogger, ...(weights ? { weights } : {}) });
  const examples: Example[] = [];
  /** Real questions and their same-section republications read so far (which of them are republished). */
  let counted = 0;
  for (const { callOff, cases } of data.callOffs) {
    await kb.ensureIndex(callOff);
    const read = async (
      c: EvalCase,
      published: PublishedAnswer[],
      expected: string[],
      republished: Republished | null = null,
    ): Promise<Example> => {
      const question = questionAsAnswered(c.question);
      const passages = await kb.retrieve(callOff, question, published);
      const got = readCandidates(question, passages);
      const answerable = c.expect.status === 'answered';
      const cands = got.views.map((v) => v.candidate);
      const inSection = cands.map((k) => answerable && expected.includes(k.passage.chunk.section));
      const facts = cands.map((k) => factGroupsIn(k.text, c.expect.facts));
      const most = Math.max(0, ...facts.filter((_, i) => inSection[i]));
      return {
        callOff: callOff.id,
        fold: buyerKey(callOff.buyer),
        case: { ...c, expect: { ...c.expect, sections: expected } },
        answerable,
        republished,
        rows: got.features,
        labels: cands.map((_, i) => (inSection[i] && facts[i] === most ? 1 : 0)),
        sections: cands.map((k) => k.passage.chunk.section),
        sectionKeys: cands.map(sectionOf),
        texts: cands.map((k) => k.text),
        order: cands.map((k) => ({ rank: k.rank, start: k.start, end: k.end })),
        factful: facts.map((f) => f === c.expect.facts.length),
        questionCues: got.question.cues,
        candidateCues: got.views.map((v) => candidateCues(v.terms.keys(), v.types)),
      };
    };
    const answered = new Map<string, Example>();
    /** Every earlier answerable question of the call-off with an answering candidate, in order. */
    const earlierAnswerable: Example[] = [];
    for (const c of cases) {
      const status = c.expect.status;
      if (status !== 'answered' && status !== 'not_in_documents') continue;
      if (isQuestionLate(callOff, parseIsoInZone(c.at, callOff.timezone))) continue;
      const example = await read(c, [], c.expect.sections);
      examples.push(example);
      counted++;
      // Published answers: another question about the same sections, asked after the buyer published
      // the first one with the documents' answering sentence as the official answer.
      const key = [...c.expect.sections].sort().join(' ');
      const earlier = status === 'answered' && key ? answered.get(key) : undefined;
      if (earlier && counted % PUBLISHED_EVERY === 0) {
        const published = publishedFrom(callOff.id, earlier);
        if (published) {
          const expected = [...c.expect.sections, publishedChunk(published).section];
          examples.push(await read(c, [published], expected, 'same sections'));
          counted++;
        }
      }
      // The question asked again word for word after its own answer was published (one in
      // PUBLISHED_EVERY, counted as above, so that both kinds of republication come from all over).
      const own = status === 'answered' && counted % PUBLISHED_EVERY === 1 ? publishedFrom(callOff.id, example) : null;
      if (own)
        examples.push(await read(c, [own], [...c.expect.sections, publishedChunk(own).section], 'same question'));
      // And an unrelated one: the question asked with the most alike earlier question about other
      // sections published. Its answer answers nothing here (every question the documents do not
      // answer is asked so too): the published decision learns when not to use a published answer.
      const unrelated = mostAlike(
        example,
        earlierAnswerable.filter((e) => !e.case.expect.sections.some((s) => c.expect.sections.includes(s))),
      );
      const other = unrelated && publishedFrom(callOff.id, unrelated);
      if (other) examples.push(await read(c, [other], c.expect.sections, 'other sections'));
      if (status === 'answered' && key && !answered.has(key)) answered.set(key, example);
      if (status === 'answered' && example.labels.includes(1)) earlierAnswerable.push(example);
    }
  }
  return { examples, hash: data.hash };
}

/** An earlier question published, with its answering candidate (the documents' sentence) as the official answer. */
function publishedFrom(callOff: string, earlier: Example): PublishedAnswer | null {
  const best = earlier.labels.indexOf(1);
  if (best < 0) return null;
  return {
    callOff,
    faqNumber: 1,
    question: earlier.case.question,
    answer: earlier.texts[best]!,
    publishedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Of `others`, the question sharing the largest share of its cues with `e` (the latest on a tie); null when none shares any. */
function mostAlike(e: Example, others: readonly Example[]): Example | null {
  const own = new Set(e.questionCues);
  let best: Example | null = null;
  let bestShare = 0;
  for (const o of others) {
    const shared = o.questionCues.filter((c) => own.has(c)).length;
    const share = shared / (own.size + o.questionCues.length - shared);
    if (share > 0 && share >= bestShare) {
      best = o;
      bestShare = share;
    }
  }
  return best;
}

type Part = Pick<LogisticFit, 'mean' | 'scale' | 'weights' | 'bias'>;

/**
 * The candidate model: a logistic regression, on the labels of step 2: within
 * an expected section only the candidate with the most expected facts is a 1,
 * its neighbours are 0s. Either way round was worse held out (nested, right
 * answers at 2 / 3 / 4 % wrong, against 513 / 617 / 659 of 1,149 on
 * 2026-12-07): leaving those neighbours out of the fit, 506 / 599 / 670;
 * counting every candidate of an expected section as a 1 (what the figure
 * "citing a right section" counts), 419 / 529 / 629, with fewer quotes that
 * hold the fact. An L2 penalty of 4 instead of 1 gave 502 / 600 / 653, of
 * 0.25, 508 / 607 / 656 (all before the refit of the retrieval weights with
 * the kinds of quantity). Boosted trees (depth 3, 100 rounds) added on top of
 * its score learnt the training buyers' candidates too well: held out by
 * buyer, nested thresholds, right answers at 2 / 3 / 4 % wrong fell from
 * 478 / 571 / 620 to 445 / 522 / 577 of 1,149 (2026-12-07).
 */
function fitCandidates(examples: readonly Example[]): LogisticFit {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const e of examples) {
    rows.push(...e.rows);
    labels.push(...e.labels);
  }
  return fitLogistic(rows, labels, { l2: L2_CANDIDATE });
}

/** A question under a candidate model: its best candidate, whether that is right, and the question features. */
interface Read {
  example: Example;
  vector: number[];
  right: boolean;
  factful: boolean;
  /** The best candidate is a published answer: the published decision's to judge. */
  publishedFirst: boolean;
}

/** The candidate feature that marks a published answer. */
const PUBLISHED_FEATURE = CANDIDATE_FEATURE_NAMES.indexOf('published');

function readQuestion(candidate: Part, e: Example): Read {
  const ranked = rankCandidates(
    e.rows.map((row, i) => ({
      i,
      logit: logit(candidate, row),
      features: row,
      section: e.sectionKeys[i]!,
      candidate: e.order[i]!,
    })),
  );
  const best = ranked[0];
  const right =
    best !== undefined &&
    e.answerable &&
    (e.case.expect.sections.length === 0 || e.case.expect.sections.includes(e.sections[best.i]!));
  return {
    example: e,
    vector: questionVector(ranked),
    right,
    factful: best !== undefined && e.factful[best.i]!,
    publishedFirst: best !== undefined && best.features[PUBLISHED_FEATURE] === 1,
  };
}

/**
 * The question model: boosted trees (src/eval/boost.ts), each question's loss
 * weighted 1 / sqrt(questions of its buyer). A few buyers write most of the
 * labelled questions in their own templates; counted as much as the rest,
 * they teach the decision their documents' scale of scores, and an unseen
 * buyer's right answers score below it. The square root keeps the large
 * buyers' many questions worth more than a small buyer's few.
 *
 * One deterministic fit, not bags of fits on weighted draws. The bags' seed
 * moved the figures more than most changes ever measured here: held out by
 * buyer, nested thresholds, right answers of 1,149 at 2 / 3 / 4 % wrong were
 * 526 / 634 / 675 with the shipped seed and 517 / 589 / 656 with another (8
 * bags); 24 bags gave 540 / 611 / 666 and 543 / 602 / 667 with the two
 * seeds, steadier and no better. The weighted single fit gives
 * 539 / 626 / 678 (on the real-* call-offs 279 right answers against 271 at
 * 3 %), the same on every run, with 150 trees instead of 1,200 (2026-12-07).
 * So earlier comparisons of feature sets that differ by less than some 40
 * right answers at 3 % were within a seed's luck.
 *
 * Trees of depth 2 (QUESTION_TREES). With the weighted single fit, depth 3 gave 544 / 641 /
 * 689 (285 of 604 on the real-* call-offs), depth 4 516 / 626 / 704 (280),
 * depth 3 with 300 rounds at half the learning rate 546 / 629 / 683 (273),
 * against 539 / 626 / 678 (279). Within what the split points alone move: the
 * published-answer questions added to this fit at a weight of 0.05 each,
 * which shifts little but the quantiles, gave 546 / 625 / 685 at depth 3. And
 * depth 3 went 92.6 % / 91.3 % on the dev set (right status / section) against
 * 96.3 % / 95.7 %, and missed the published answer to a question asked again
 * word for word in test/eval/labelledSets.test.ts. So depth 2 stays; with the
 * eight bags before, depth 1 (300 rounds) had given 495 / 592 / 651.
 *
 * The published-answer questions stay out of this fit: in it, at the weight of
 * a real question or at 0.2, the real questions' figures fell (depth 2,
 * 522 / 595 / 661; depth 3, 520 / 599 / 666 and 519 / 618 / 680; 2026-12-07).
 */
const QUESTION_TREES: BoostOptions = { depth: 2 };

function fitQuestions(reads: readonly Read[]): BoostedTrees {
  const perBuyer = new Map<string, number>();
  for (const r of reads) perBuyer.set(r.example.fold, (perBuyer.get(r.example.fold) ?? 0) + 1);
  return fitBoostedTrees(
    QUESTION_FEATURE_NAMES,
    reads.map((r) => r.vector),
    reads.map((r) => (r.right ? 1 : 0)),
    QUESTION_TREES,
    reads.map((r) => 1 / Math.sqrt(perBuyer.get(r.example.fold)!)),
  );
}

/**
 * Both models fitted on the given questions. The question model reads the
 * candidate model's scores of the very questions that model was fitted on.
 * Reading each buyer's through a candidate model fitted without that buyer
 * (cross-fitting, as the cue associations are) made no difference held out:
 * 476 / 574 / 628 against 478 / 571 / 620 right answers at 2 / 3 / 4 % wrong,
 * nested, for three times the fitting time (2026-12-07).
 */
function fitBoth(examples: readonly Example[]): Models {
  // The candidate model learns published answers from the same-section republications alone. With the
  // word-for-word and other-section ones too, the real questions' nested right answers at 2 / 3 / 4 %
  // wrong fell from 539 / 625 / 678 to 488 / 591 / 653 of 1,149 (2026-12-07).
  const candidate = fitCandidates(examples.filter((e) => e.republished === null || e.republished === 'same sections'));
  // The question model learns from questions as they come (the published ones teach the candidate model).
  const question = fitQuestions(examples.filter((e) => e.republished === null).map((e) => readQuestion(candidate, e)));
  const published = fitPublished(
    examples
      .filter((e) => e.republished !== null)
      .map((e) => readQuestion(candidate, e))
      .filter((r) => r.publishedFirst),
  );
  return { candidate, question, published };
}

interface Models {
  candidate: LogisticFit;
  question: BoostedTrees;
  published: LogisticFit;
}

/** L2 penalty of the published decision (on standardised weights). */
const L2_PUBLISHED = 1;

/**
 * The published decision: whether a published answer that ranks first
 * answers the question, fitted on the questions asked again with a published
 * answer that ranked first: its own, one about the same sections (both
 * answer) or the most alike one about other sections (it does not). The
 * question model never sees a published answer (real questions are asked
 * before any is published, and with the republications in its fit the real
 * questions' figures fell), so this small model of the same question
 * features judges them instead. Rejected, a published answer steps aside and
 * the documents' candidates are decided on as if it were not there.
 *
 * Before it, the question model judged a published answer like any
 * candidate. Held out by buyer, on the same questions asked again with a
 * published answer ranked first (2026-12-07): the question model used 726 of
 * 776 asked word for word, 127 of 204 about the same sections and, wrongly,
 * 70 of 321 about other sections; the published decision uses 769, 135 and
 * 36. The real questions' figures do not change (they are asked with nothing
 * published). Boosted trees of the question model's depth in place of this
 * regression used 909 of the 980 that answer and 39 of the 321 that do not,
 * against 905 and 36: no better, so the simpler model stays.
 */
function fitPublished(reads: readonly Read[]): LogisticFit {
  return fitLogistic(
    reads.map((r) => r.vector),
    reads.map((r) => (r.right ? 1 : 0)),
    { l2: L2_PUBLISHED },
  );
}

/** A question's outcome under both models. */
export interface Scored {
  example: Example;
  /** The question model's probability that the best candidate is the answer. */
  p: number;
  /** The best candidate cites an expected section (false for unanswerable questions). */
  right: boolean;
  factful: boolean;
}

function scoreExample(models: Models, e: Example): Scored {
  const read = readQuestion(models.candidate, e);
  return {
    example: e,
    p: sigmoid(treesLogit(models.question, read.vector)),
    right: read.right,
    factful: read.factful,
  };
}

/** A question asked again with a published answer that ranked first, under the published decision (null: another ranked first). */
function scorePublished(models: Models, e: Example): Scored | null {
  const read = readQuestion(models.candidate, e);
  if (!read.publishedFirst) return null;
  // "Answerable" here: the published answer answers it (the figures count used and wrongly used answers).
  return {
    example: { ...e, answerable: read.right },
    p: sigmoid(logit(models.published, read.vector)),
    right: read.right,
    factful: read.factful,
  };
}

export function figuresAt(scored: readonly Scored[], threshold: number): HeldOutFigures {
  const f: HeldOutFigures = {
    questions: scored.length,
    answerable: 0,
    unanswerable: 0,
    rightAnswers: 0,
    wrongAnswers: 0,
    rightAbstentions: 0,
  };
  for (const s of scored) {
    const answered = s.p >= threshold;
    if (s.example.answerable) f.answerable++;
    else f.unanswerable++;
    if (answered && s.right) f.rightAnswers++;
    else if (answered) f.wrongAnswers++;
    else if (!s.example.answerable) f.rightAbstentions++;
  }
  return f;
}

/** The threshold with the most right answers whose wrong answers stay within the budget (a share of all questions). */
export function chooseThreshold(scored: readonly Scored[], budget: number): number {
  return thresholdWithin(scored, Math.floor(budget * scored.length));
}

/** The threshold with the most right answers at no more than `maxWrong` wrong answers. */
export function thresholdWithin(scored: readonly Scored[], maxWrong: number): number {
  const candidates = [...new Set(scored.map((s) => s.p))].sort((a, b) => b - a);
  let best = { threshold: 1, right: -1 };
  for (const t of candidates) {
    const f = figuresAt(scored, t);
    if (f.wrongAnswers > maxWrong) break;
    if (f.rightAnswers > best.right) best = { threshold: t, right: f.rightAnswers };
  }
  return best.threshold;
}

/**
 * The held-out figures with each fold's threshold chosen on the other folds'
 * held-out scores only. The shipped threshold is chosen on every question it
 * is then measured on, which flatters the figures a little (the wrong answers
 * land exactly on the budget by construction); this one does not.
 */
export function nestedFigures(
  scored: readonly Scored[],
  budget: number,
  /** Counts only these questions (thresholds are still chosen on every other fold's). */
  counted: (s: Scored) => boolean = () => true,
): HeldOutFigures {
  const sum: HeldOutFigures = {
    questions: 0,
    answerable: 0,
    unanswerable: 0,
    rightAnswers: 0,
    wrongAnswers: 0,
    rightAbstentions: 0,
  };
  for (const fold of new Set(scored.map((s) => s.example.fold))) {
    const threshold = chooseThreshold(
      scored.filter((s) => s.example.fold !== fold),
      budget,
    );
    const f = figuresAt(
      scored.filter((s) => s.example.fold === fold && counted(s)),
      threshold,
    );
    for (const k of Object.keys(sum) as Array<keyof HeldOutFigures>) sum[k] += f[k];
  }
  return sum;
}

/** The lowest probability at which the best section below `threshold` is right at least half the time. */
export function chooseRelatedThreshold(scored: readonly Scored[], threshold: number): number {
  const below = scored.filter((s) => s.p < threshold).sort((a, b) => b.p - a.p);
  let hits = 0;
  let chosen = threshold;
  below.forEach((s, i) => {
    if (s.right) hits++;
    if (hits / (i + 1) >= RELATED_PRECISION) chosen = s.p;
  });
  return chosen;
}

/**
 * The examples with their candidates' cue features appended, counted
 * without `heldOut`'s questions (and each question's own buyer's, see
 * src/eval/cueFit.ts).
 */
function withCues(examples: readonly Example[], cues: CueCounts, heldOut?: string): Example[] {
  return examples.map((e, k) => {
    const columns = cues.columns(k, heldOut ? [heldOut] : []);
    return { ...e, rows: e.rows.map((row, i) => [...row, ...columns[i]!]) };
  });
}

export interface FitResult {
  model: AnswerModel;
  /** What it was fitted on. */
  examples: readonly Example[];
  heldOut: Scored[];
  /** The questions asked again with a published answer that ranked first, under the published decision. */
  heldOutPublished: Scored[];
  /** The figures with each buyer's threshold chosen without its own questions (see nestedFigures). */
  nested: HeldOutFigures;
}

/** Leave-one-call-off-out validation, thresholds, and the final fit on everything. */
export function fitModel(examples: readonly Example[], hash: string, budget = DEFAULT_BUDGET): FitResult {
  const real = examples.filter((e) => e.republished === null);
  const callOffs = [...new Set(real.map((e) => e.callOff))].sort();
  const folds = [...new Set(examples.map((e) => e.fold))].sort();
  const cues = new CueCounts(examples);
  const heldOut: Scored[] = [];
  const heldOutPublished: Scored[] = [];
  for (const fold of folds) {
    const read = withCues(examples, cues, fold);
    const models = fitBoth(read.filter((e) => e.fold !== fold));
    for (const e of read) {
      if (e.fold !== fold) continue;
      if (e.republished === null) heldOut.push(scoreExample(models, e));
      const published = e.republished !== null ? scorePublished(models, e) : null;
      if (published) heldOutPublished.push(published);
    }
  }
  const threshold = chooseThreshold(heldOut, budget);
  const publishedThreshold = chooseThreshold(heldOutPublished, budget);
  const relatedThreshold = chooseRelatedThreshold(heldOut, threshold);
  const byCallOff: Record<string, HeldOutFigures> = {};
  for (const id of callOffs) {
    byCallOff[id] = figuresAt(
      heldOut.filter((s) => s.example.callOff === id),
      threshold,
    );
  }
  const final = fitBoth(withCues(examples, cues));
  const model: AnswerModel = {
    format: MODEL_FORMAT,
    candidate: part(CANDIDATE_FEATURE_NAMES, final.candidate),
    question: { ...final.question, trees: final.question.trees.map(roundTree) },
    published: part(QUESTION_FEATURE_NAMES, final.published),
    cues: cues.table(),
    threshold: round(threshold),
    relatedThreshold: round(relatedThreshold),
    publishedThreshold: round(publishedThreshold),
    fittedOn: {
      dataHash: hash,
      questions: real.length,
      publishedExamples: examples.length - real.length,
      callOffs: callOffs.length,
      buyers: folds.length,
      candidates: examples.reduce((n, e) => n + e.rows.length, 0),
    },
    heldOut: {
      all: figuresAt(heldOut, threshold),
      byCallOff,
      wrongBudget: budget,
      published: figuresAt(heldOutPublished, publishedThreshold),
    },
  };
  return { model, examples, heldOut, heldOutPublished, nested: nestedFigures(heldOut, budget) };
}

function part(features: readonly string[], fit: LogisticFit): LogisticPart {
  return {
    features: [...features],
    mean: fit.mean.map(round),
    scale: fit.scale.map(round),
    weights: fit.weights.map(round),
    bias: round(fit.bias),
  };
}

function roundTree(node: BoostedTrees['trees'][number]): BoostedTrees['trees'][number] {
  if ('leaf' in node) return { leaf: round(node.leaf) };
  return { feature: node.feature, threshold: node.threshold, left: roundTree(node.left), right: roundTree(node.right) };
}

/** Twelve significant digits: stable files, no loss that matters. */
function round(x: number): number {
  return Number(x.toPrecision(12));
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);

/** The write-up: weights, the coverage/accuracy curve and the figures per held-out call-off. */
export function report(result: FitResult): string {
  const { model, heldOut } = result;
  const all = model.heldOut.all;
  const pub = model.heldOut.published;
  const REPUBLISHED: ReadonlyArray<[Republished, string]> = [
    ['same question', 'its own answer (asked again word for word)'],
    ['same sections', 'an earlier question about the same sections'],
    ['other sections', 'the most alike earlier question about other sections (does not answer it)'],
  ];
  const factful = heldOut.filter((s) => s.p >= model.threshold && s.right && s.factful).length;
  const lines = [
    '# The answer model: fitted weights and held-out figures',
    '',
    'Written by `npm run fit` (src/eval/fit.ts); do not edit by hand. A logistic regression scores each',
    'candidate on the features of src/answering/features.ts and the fitted cue associations of',
    'src/answering/cues.ts; boosted trees decide whether the best candidate answers. All are fitted on every',
    'labelled question in test/fixtures/eval/ (lines naming their call-off). Every figure below is **held out by',
    "buyer**: each buyer's call-offs are scored by models fitted on the other buyers' only (call-offs",
    'of one buyer share templates and wording: holding out one call-off alone would overstate).',
    '',
    `Fitted on ${model.fittedOn.questions} questions over ${model.fittedOn.callOffs} call-offs and ${model.fittedOn.buyers} buyers (${model.fittedOn.candidates} candidates).`,
    `Also fitted on ${model.fittedOn.publishedExamples} of those questions asked again with an earlier question published (its`,
    'answer: the sentence that answers it): one about the same sections, or the most alike one about other sections.',
    'They teach the candidate model and the published decision (below), and are not counted in the figures of',
    'the real questions. Data hash: `' + model.fittedOn.dataHash.slice(0, 16) + '`.',
    '',
    '## Operating point',
    '',
    `Answer threshold ${model.threshold.toFixed(4)}, chosen for at most ${(model.heldOut.wrongBudget * 100).toFixed(0)} % wrong answers over all questions;`,
    `related-section threshold ${model.relatedThreshold.toFixed(4)}.`,
    '',
    '| figure | held out |',
    '|---|---|',
    `| answerable questions answered citing a right section | ${pct(all.rightAnswers, all.answerable)} (${all.rightAnswers}/${all.answerable}) |`,
    `| correct abstention (documents do not answer) | ${pct(all.rightAbstentions, all.unanswerable)} (${all.rightAbstentions}/${all.unanswerable}) |`,
    `| wrong answers, over all questions | ${pct(all.wrongAnswers, all.questions)} (${all.wrongAnswers}/${all.questions}) |`,
    `| right answers whose quote holds every expected fact | ${pct(factful, all.rightAnswers)} (${factful}/${all.rightAnswers}) |`,
    '',
    "The threshold above is chosen on the same held-out scores it is measured on. With each buyer's threshold",
    "chosen on the other buyers' held-out scores only (what to expect of a threshold on unseen call-offs):",
    `${pct(result.nested.rightAnswers, result.nested.answerable)} right answers, ${pct(result.nested.rightAbstentions, result.nested.unanswerable)} correct abstention,`,
    `${pct(result.nested.wrongAnswers, result.nested.questions)} wrong answers (${result.nested.wrongAnswers}/${result.nested.questions}).`,
    '',
    'The same, for other wrong-answer budgets (a steadier comparison of models than one budget alone):',
    '',
    '| budget | right answers | correct abstention | wrong answers | right answers, real-* call-offs |',
    '|---|---|---|---|---|',
    ...NESTED_BUDGETS.map((b) => {
      const f = nestedFigures(heldOut, b);
      const r = nestedFigures(heldOut, b, (s) => s.example.callOff.startsWith('real-'));
      return `| ${(100 * b).toFixed(1)} % | ${pct(f.rightAnswers, f.answerable)} | ${pct(f.rightAbstentions, f.unanswerable)} | ${pct(f.wrongAnswers, f.questions)} | ${pct(r.rightAnswers, r.answerable)} (${r.rightAnswers}/${r.answerable}) |`;
    }),
    '',
    '## Published answers (held out)',
    '',
    'When a published answer ranks first, a logistic regression over the same question features decides',
    "whether it answers; if not, the documents' candidates are decided on alone. Threshold",
    `${model.publishedThreshold.toFixed(4)}, chosen for the same budget over the questions asked again whose best candidate`,
    'was a published answer:',
    '',
    '| asked again, with published | questions | published answer ranked first | used |',
    '|---|---|---|---|',
    ...REPUBLISHED.map(([kind, what]) => {
      const all = result.examples.filter((e) => e.republished === kind).length;
      const first = result.heldOutPublished.filter((s) => s.example.republished === kind);
      const used = first.filter((s) => s.p >= model.publishedThreshold).length;
      return `| ${what} | ${all} | ${first.length} | ${pct(used, first.length)} (${used}) |`;
    }),
    '',
    `Over all of them: ${pub.rightAnswers} of ${pub.answerable} published answers that answer used, ${pub.wrongAnswers} of ${pub.unanswerable} that do not.`,
    '',
    '## Coverage against accuracy (held out)',
    '',
    '| threshold | answered | right answers (of answerable) | wrong answers (of all) | correct abstention |',
    '|---|---|---|---|---|',
  ];
  const ps = heldOut.map((s) => s.p).sort((a, b) => b - a);
  const marks = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((q) => ps[Math.floor(q * (ps.length - 1))]!);
  for (const t of [...new Set([...marks, model.threshold])].sort((a, b) => b - a)) {
    const f = figuresAt(heldOut, t);
    const answered = f.rightAnswers + f.wrongAnswers;
    const mark = t === model.threshold ? ' **(chosen)**' : '';
    lines.push(
      `| ${t.toFixed(4)}${mark} | ${pct(answered, f.questions)} | ${pct(f.rightAnswers, f.answerable)} | ${pct(f.wrongAnswers, f.questions)} | ${pct(f.rightAbstentions, f.unanswerable)} |`,
    );
  }
  lines.push(
    '',
    '## Per held-out call-off',
    '',
    '| call-off | questions | right answers | correct abstention | wrong answers |',
    '|---|---|---|---|---|',
  );
  for (const [id, f] of Object.entries(model.heldOut.byCallOff)) {
    lines.push(
      `| ${id} | ${f.questions} | ${pct(f.rightAnswers, f.answerable)} (${f.rightAnswers}/${f.answerable}) | ${pct(f.rightAbstentions, f.unanswerable)} (${f.rightAbstentions}/${f.unanswerable}) | ${f.wrongAnswers} |`,
    );
  }
  const c = model.candidate;
  lines.push(
    '',
    '## Candidate model: logistic regression, weights on standardised features',
    '',
    '| feature | weight |',
    '|---|---|',
  );
  const order = c.features.map((f, i) => [f, c.weights[i]!] as const).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  for (const [f, w] of order) lines.push(`| ${f} | ${w.toFixed(3)} |`);
  lines.push(`| (bias) | ${c.bias.toFixed(3)} |`);
  const q = model.question;
  lines.push(
    '',
    `## Question model: boosted trees of depth ${QUESTION_TREES.depth}, each question weighted 1 / sqrt(questions of its buyer) (${q.trees.length} trees, each weighted ${q.learningRate}), splits per feature`,
    '',
    '| feature | splits |',
    '|---|---|',
  );
  const splits = new Map<string, number>();
  const walk = (n: BoostedTrees['trees'][number]) => {
    if ('leaf' in n) return;
    const name = q.features[n.feature]!;
    splits.set(name, (splits.get(name) ?? 0) + 1);
    walk(n.left);
    walk(n.right);
  };
  q.trees.forEach(walk);
  for (const [f, n] of [...splits].sort((a, b) => b[1] - a[1])) lines.push(`| ${f} | ${n} |`);
  lines.push('');
  return lines.join('\n');
}

/**
 * The model file's text: indented, but each of the question model's trees on
 * one line, and the cue associations a question cue to a line (a thousand
 * trees and tens of thousands of associations indented would be megabytes
 * that every cold `ask` parses).
 */
export function modelText(model: AnswerModel): string {
  const bare = { ...model, question: { ...model.question, trees: [] }, cues: { ...model.cues, cues: [] } };
  const text = JSON.stringify(bare, null, 2);
  const trees = model.question.trees.map((t) => `      ${JSON.stringify(t)}`).join(',\n');
  return `${text
    .replace('"trees": []', () => `"trees": [\n${trees}\n    ]`)
    .replace('"cues": []', () => `"cues": ${JSON.stringify(model.cues.cues)}`)}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { root: { type: 'string' }, budget: { type: 'string' }, check: { type: 'boolean' } },
  });
  const root = path.resolve(values.root ?? path.join(import.meta.dirname, '..', '..'));
  if (values.check) {
    const { hash } = loadLabelledData(root);
    const shipped = loadAnswerModel();
    if (shipped.fittedOn.dataHash !== hash) {
      console.error('Svarsmodellen är äldre än de märkta frågorna: kör `npm run fit`.');
      process.exit(1);
    }
    console.log('Svarsmodellen är anpassad till de märkta frågorna som de är nu.');
    return;
  }
  const budget = values.budget ? Number(values.budget) : DEFAULT_BUDGET;
  const dataDir = path.join(os.tmpdir(), 'avropsbot-fit-index');
  mkdirSync(dataDir, { recursive: true });
  const started = performance.now();
  const { examples, hash } = await readExamples(root, dataDir);
  console.log(`Read ${examples.length} questions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const result = fitModel(examples, hash, budget);
  writeFileSync(MODEL_PATH, modelText(result.model));
  writeFileSync(path.join(root, 'bench', 'answer-model.md'), report(result));
  const all = result.model.heldOut.all;
  console.log(
    `Held out: right answers ${pct(all.rightAnswers, all.answerable)}, correct abstention ${pct(all.rightAbstentions, all.unanswerable)}, wrong ${pct(all.wrongAnswers, all.questions)}`,
  );
  console.log(`Wrote ${path.relative(root, MODEL_PATH)} and bench/answer-model.md`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
