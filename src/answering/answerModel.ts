/**
 * The fitted answer model, in three parts over the named features of
 * src/answering/features.ts: a logistic regression scores each candidate
 * (does it answer the question?), boosted trees score the question as a
 * whole (is its best candidate the answer, or do the documents not answer?),
 * and where a published answer ranks first, a logistic regression over the
 * same question features judges it instead (the published decision), with
 * the thresholds the bot acts on. Everything here
 * is data written by `npm run fit` (src/eval/fit.ts) to
 * models/answer-model.json; nothing is set by hand.
 */
import path from 'node:path';
import { CodedError } from '../core/errors.js';
import { readShippedJson } from '../core/shippedFile.js';
import { CueTable, type CueTableJson, isCueTable } from './cues.js';
import { CANDIDATE_FEATURE_NAMES, QUESTION_FEATURE_NAMES } from './features.js';
import { type BoostedTrees, isTree } from './trees.js';

export const MODEL_FORMAT = 5;

/** One fitted logistic regression: names, standardisation (x' = (x - mean) / scale), weights. */
export interface LogisticPart {
  features: string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

/** Held-out figures of one call-off (or of all), as `fit` measured them. */
export interface HeldOutFigures {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Answerable questions answered citing an expected section. */
  rightAnswers: number;
  /** Answers to unanswerable questions, or citing none of the expected sections. */
  wrongAnswers: number;
  /** Unanswerable questions the bot did not answer. */
  rightAbstentions: number;
}

export interface AnswerModel {
  format: number;
  /** Scores a candidate: the probability that it answers the question. */
  candidate: LogisticPart;
  /** Scores the question: the probability that its best candidate is the answer. */
  question: BoostedTrees;
  /**
   * Scores the question when its best candidate is a published answer: the
   * probability that the published answer answers it (over the question
   * features). Below `publishedThreshold`, the documents' candidates are
   * decided on alone.
   */
  published: LogisticPart;
  /** The fitted associations of question cues and candidate cues (src/answering/cues.ts). */
  cues: CueTableJson;
  /** The bot answers when the question's probability reaches this. */
  threshold: number;
  /** Below `threshold`, the best candidate's section is shown as possibly relevant from this probability on. */
  relatedThreshold: number;
  /** The bot answers with a published answer that ranks first when `published` reaches this. */
  publishedThreshold: number;
  /** What the model was fitted on: a hash of the labelled sets and documents (see src/eval/labelledData.ts). */
  fittedOn: {
    dataHash: string;
    questions: number;
    /** Questions asked again with an earlier one published (see src/eval/fit.ts). */
    publishedExamples: number;
    callOffs: number;
    buyers: number;
    candidates: number;
  };
  /** Leave-one-buyer-out figures at the chosen threshold. */
  heldOut: {
    all: HeldOutFigures;
    byCallOff: Record<string, HeldOutFigures>;
    wrongBudget: number;
    /**
     * The published decision's: questions asked again with a published answer
     * that ranked first; "answerable" are those it answers (its own answer, or
     * one about the same sections), right answers those used, wrong answers
     * unrelated ones used.
     */
    published: HeldOutFigures;
  };
}

/** Where the shipped model lives: models/ at the package root (the same from src/ and dist/). */
export const MODEL_PATH = path.resolve(import.meta.dirname, '..', '..', 'models', 'answer-model.json');

/** Checks the model's shape and that it was fitted with the features this code computes. */
export function checkModel(model: AnswerModel, source = 'answer model'): AnswerModel {
  const ok =
    model.format === MODEL_FORMAT &&
    fits(model.candidate, CANDIDATE_FEATURE_NAMES) &&
    isCueTable(model.cues) &&
    treesFit(model.question, QUESTION_FEATURE_NAMES) &&
    fits(model.published, QUESTION_FEATURE_NAMES) &&
    [model.threshold, model.relatedThreshold, model.publishedThreshold].every(Number.isFinite);
  if (!ok) {
    throw new CodedError(
      'config_invalid',
      `Svarsmodellen ${source} är gjord för en annan version av avropsbot. Installera om avropsbot, eller kör \`npm run fit\` i en utvecklingsmiljö.`,
    );
  }
  return model;
}

function fits(part: LogisticPart | undefined, names: readonly string[]): boolean {
  const n = names.length;
  return (
    part !== undefined &&
    Array.isArray(part.features) &&
    part.features.length === n &&
    part.features.every((f, i) => f === names[i]) &&
    [part.mean, part.scale, part.weights].every((a) => Array.isArray(a) && a.length === n) &&
    Number.isFinite(part.bias)
  );
}

function treesFit(part: BoostedTrees | undefined, names: readonly string[]): boolean {
  return (
    part !== undefined &&
    Array.isArray(part.features) &&
    part.features.length === names.length &&
    part.features.every((f, i) => f === names[i]) &&
    Number.isFinite(part.learningRate) &&
    Array.isArray(part.trees) &&
    part.trees.every((t) => isTree(t, names.length))
  );
}

let shipped: AnswerModel | undefined;

/** The shipped model, read and checked once per process. */
export function loadAnswerModel(file = MODEL_PATH): AnswerModel {
  if (file === MODEL_PATH && shipped) return shipped;
  const model = readShippedJson(file, 'Svarsmodellen') as AnswerModel;
  checkModel(model, file);
  if (file === MODEL_PATH) shipped = model;
  return model;
}

const cueTables = new WeakMap<AnswerModel, CueTable>();

/** The model's associations, ready to look up (built once per model). */
export function cueTableOf(model: AnswerModel): CueTable {
  let table = cueTables.get(model);
  if (!table) {
    table = new CueTable(model.cues);
    cueTables.set(model, table);
  }
  return table;
}

/** The linear score (log-odds) of a feature vector. */
export function logit(part: Pick<LogisticPart, 'mean' | 'scale' | 'weights' | 'bias'>, x: readonly number[]): number {
  let z = part.bias;
  for (let i = 0; i < x.length; i++) z += (part.weights[i]! * (x[i]! - part.mean[i]!)) / part.scale[i]!;
  return z;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
