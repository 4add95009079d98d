/**
 * The numbers retrieval ranks with: how the lexical and vector rankings are
 * fused, the BM25F field weights, the answer-type bonus, how many candidates
 * each side contributes, and how much the query's expansions (synonyms,
 * compound parts, variants, ...) count. All of them act at query time (the
 * index keeps raw per-field term frequencies and lengths), so they can be
 * fitted without rebuilding an index: `npm run fit:retrieval`
 * (src/eval/fitRetrieval.ts) writes them to models/retrieval-weights.json,
 * validated leave-one-buyer-out (bench/retrieval-fit.md). Read once per process.
 *
 * Index-time numbers (the term-frequency weight of a compound part or stem
 * variant in an indexed text, the embedder) are not here: changing them means
 * a rebuild of every index, see analyzer.ts.
 */
import path from 'node:path';
import { CodedError } from '../core/errors.js';
import { readShippedJson } from '../core/shippedFile.js';
import type { Bm25Params } from './bm25.js';
import type { FusionWeights } from './fusion.js';

/** Query-time weights of the analyzer's expansions, relative to a word as written (1). */
export interface QueryExpansion {
  /** A part of a compound ("ramavtal" of "ramavtalsleverantören"). */
  part: number;
  /** Another stem variant of the word. */
  variant: number;
  /** A synonym from the glossary. */
  synonym: number;
  /** An English word the glossary cannot translate, kept as written. */
  englishOriginal: number;
  /** A degree word after "hur" ("Hur lång ..."): it shapes the question, it is not its topic. */
  modifier: number;
  /** The Swedish words of an English loan the documents do not use ("deadline"). */
  loan: number;
  /** "sätt" added to a "Hur ...?" question (sections say "på följande sätt"). */
  manner: number;
}

export interface AnswerTypeBonus {
  /** A phone number or e-mail address, for "Vem ...?". */
  contact: number;
  date: number;
  time: number;
  quantity: number;
  /** The bonus goes only to candidates scoring at least this share of the best (a date does not make an unrelated section relevant). */
  floor: number;
}

export interface RetrievalWeights {
  fusion: FusionWeights;
  bm25: Bm25Params;
  answerType: AnswerTypeBonus;
  /** Candidates taken from each of the lexical and vector rankings before fusion. */
  candidates: number;
  expansion: QueryExpansion;
}

/** Frozen all the way down: they are the fitting's start and the analyzer's default query weights, for every caller. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The weights set by hand before any were fitted (bench/retrieval.md): kept as
 * the baseline the fitted ones are compared against, and as the fitting's start.
 */
export const HAND_SET_WEIGHTS: RetrievalWeights = deepFreeze({
  fusion: { lexical: 0.7, vector: 0.3, agreement: 0.05, k: 10 },
  bm25: {
    k1: 1.2,
    fields: {
      heading: { weight: 3, b: 0.3 },
      body: { weight: 1, b: 0.75 },
      context: { weight: 0.5, b: 0.3 },
    },
  },
  answerType: { contact: 0.3, date: 0.2, time: 0.2, quantity: 0.1, floor: 0.5 },
  candidates: 50,
  expansion: { part: 0.5, variant: 0.6, synonym: 0.5, englishOriginal: 0.3, modifier: 0.3, loan: 0.8, manner: 0.3 },
});

export const RETRIEVAL_WEIGHTS_FORMAT = 1;

/** Retrieval quality of one set of weights over some questions. */
export interface RetrievalFigures {
  questions: number;
  /** Mean reciprocal rank of the first passage in an expected section (0 when none of the passages is). */
  mrr: number;
  recallAt1: number;
  recallAt3: number;
  recallAt8: number;
}

/** The answer model's held-out figures (src/eval/fit.ts), refitted on one retrieval's passages. */
export interface EndToEndFigures {
  questions: number;
  answerable: number;
  rightAnswers: number;
  wrongAnswers: number;
}

export interface RetrievalWeightsFile {
  format: number;
  /** What retrieval ranks with: `fitted` when end to end it answers no worse than the hand-set weights, else those. */
  weights: RetrievalWeights;
  /** What the fit found (kept for the record when the hand-set weights ship). */
  fitted: RetrievalWeights;
  /**
   * The answer model refitted on each retrieval's passages and held out by buyer, at the
   * answer model's wrong-answer budget: the figure the product is judged by.
   */
  endToEnd: {
    wrongBudget: number;
    handSet: EndToEndFigures;
    fitted: EndToEndFigures;
    /**
     * Right answers of each at the same number of wrong answers: the fewer
     * of the two above (thresholds chosen for it). The comparison that decides.
     */
    equalWrong: { wrongAnswers: number; handSet: number; fitted: number };
    shipped: 'fitted' | 'hand-set';
  };
  fittedOn: { dataHash: string; questions: number; callOffs: number; buyers: number };
  /** Leave-one-buyer-out: each buyer's questions scored with weights fitted on the other buyers only. */
  heldOut: {
    handSet: RetrievalFigures;
    fitted: RetrievalFigures;
    /** The same fitting over every weight, without first keeping those whose fit carries over (for comparison). */
    allKnobs: RetrievalFigures;
    /** Questions whose first right passage ranks higher (better) or lower (worse) with the fitted weights. */
    better: number;
    worse: number;
    byBuyer: Record<string, { handSet: RetrievalFigures; fitted: RetrievalFigures; allKnobs: RetrievalFigures }>;
  };
}

/** Where the shipped weights live: models/ at the package root (the same from src/ and dist/). */
export const WEIGHTS_PATH = path.resolve(import.meta.dirname, '..', '..', 'models', 'retrieval-weights.json');

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function hasNumbers(obj: unknown, keys: readonly string[]): boolean {
  if (typeof obj !== 'object' || obj === null) return false;
  const rec = obj as Record<string, unknown>;
  return keys.every((k) => isNumber(rec[k]) && (rec[k] as number) >= 0);
}

/** Whether the weights have every number retrieval needs, each finite and not negative. */
export function validWeights(w: unknown): w is RetrievalWeights {
  if (typeof w !== 'object' || w === null) return false;
  const r = w as Partial<RetrievalWeights>;
  const fields = r.bm25?.fields as Record<string, unknown> | undefined;
  return (
    hasNumbers(r.fusion, ['lexical', 'vector', 'agreement', 'k']) &&
    hasNumbers(r.bm25, ['k1']) &&
    fields !== undefined &&
    ['heading', 'body', 'context'].every((f) => hasNumbers(fields[f], ['weight', 'b'])) &&
    hasNumbers(r.answerType, ['contact', 'date', 'time', 'quantity', 'floor']) &&
    Number.isInteger(r.candidates) &&
    (r.candidates as number) > 0 &&
    hasNumbers(r.expansion, Object.keys(HAND_SET_WEIGHTS.expansion))
  );
}

let shipped: RetrievalWeightsFile | undefined;

/** The shipped weights file, read and checked once per process. */
export function loadRetrievalWeightsFile(file = WEIGHTS_PATH): RetrievalWeightsFile {
  if (file === WEIGHTS_PATH && shipped) return shipped;
  const parsed = readShippedJson(file, 'Sökvikterna') as RetrievalWeightsFile;
  if (parsed?.format !== RETRIEVAL_WEIGHTS_FORMAT || !validWeights(parsed.weights)) {
    throw new CodedError(
      'config_invalid',
      `Sökvikterna ${file} är gjorda för en annan version av avropsbot eller är skadade. Installera om avropsbot, eller kör \`npm run fit:retrieval\` i en utvecklingsmiljö.`,
    );
  }
  if (file === WEIGHTS_PATH) shipped = parsed;
  return parsed;
}

/** The weights retrieval ranks with. */
export function loadRetrievalWeights(file = WEIGHTS_PATH): RetrievalWeights {
  return loadRetrievalWeightsFile(file).weights;
}
