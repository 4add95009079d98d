/**
 * Fits the cue associations of src/answering/cues.ts: for each pair of a
 * question cue and a candidate cue, how much more often a candidate holding
 * the candidate cue answers a question holding the question cue than the
 * question's candidates do on average (the log lift, with a prior that pulls
 * rare pairs towards no lift).
 *
 * The counts are kept per validation fold (buyer), so that a fold's
 * associations can be counted without it. Features of a training question
 * are computed without its own buyer's counts too (cross-fitting): counted
 * with them, a question's own answer would vouch for its associations, and
 * the model would learn to trust them more than it should on a new buyer's
 * questions (held out, that made the model far worse, not better).
 */
import { type CueTableJson, cueFeatures, encodeTable } from '../answering/cues.js';

/** A pair counts only when seen in at least this many candidates of the training questions ... */
const MIN_CANDIDATES = 5;
/**
 * ... and in the answers of at least this many different questions (one
 * question's wording is not a pattern). Held out by buyer, nested thresholds,
 * right answers at 2 / 3 / 4 % wrong: 446 / 517 / 565 with 1 (176,599 pairs,
 * a model file four times the size), 427 / 509 / 581 with 2 (65,366 pairs),
 * 394 / 486 / 527 with 3 (33,972 pairs); without associations 394 / 466 / 529.
 * Checked again on 1,766 questions (2026-12-07): 469 / 553 / 610 with 1,
 * 478 / 571 / 620 with 2, of 1,149 answerable.
 */
const MIN_QUESTIONS = 2;
/**
 * Strength of the prior towards no lift, in candidates. Nested right answers
 * at 2 / 3 / 4 % wrong: 426 / 525 / 575 with 2, 430 / 513 / 565 with 5,
 * 410 / 509 / 559 with 10: 2 and 5 alike within the noise of one fit. On
 * 1,766 questions (2026-12-07): 480 / 563 / 621 with 2, 478 / 571 / 620 with 5.
 */
const PRIOR = 5;

/** What the fit needs of a labelled question. */
export interface CueExample {
  fold: string;
  /** What was published when the question was asked again (null: as first asked); asked again, it gets features and is not counted. */
  republished: string | null;
  labels: readonly number[];
  questionCues: readonly string[];
  candidateCues: readonly (readonly string[])[];
}

/** Per-fold counts over the qualifying pairs (dense arrays) and over question cues. */
interface FoldCounts {
  /** Candidates holding the pair (question cue in the question, candidate cue in the candidate). */
  all: Int32Array;
  /** ... of them answers. */
  answers: Int32Array;
  /** Questions with the pair in an answer. */
  questions: Int32Array;
  /** Per question cue: candidates of questions holding it, and answers among them. */
  cueAll: Float64Array;
  cueAnswers: Float64Array;
}

export class CueCounts {
  private readonly ids = new Map<string, number>();
  private readonly cueNames: string[] = [];
  private readonly folds = new Map<string, FoldCounts>();
  private readonly total: FoldCounts;
  private readonly pairQuestionCue: Int32Array;
  private readonly pairCandidateCue: Int32Array;
  /** Per example: its question cues' ids, and per candidate the flat list of [cue position, pair] it holds. */
  private readonly questionIds: Int32Array[];
  private readonly entries: Int32Array[][];

  constructor(private readonly examples: readonly CueExample[]) {
    this.questionIds = examples.map((e) => Int32Array.from(e.questionCues, (c) => this.id(c)));
    const candidateIds = examples.map((e) => e.candidateCues.map((cs) => Int32Array.from(cs, (c) => this.id(c))));
    const key = (q: number, a: number) => q * this.cueNames.length + a;

    // Pass 1: totals of every pair, to find the ones that can qualify at all.
    const all = new Map<number, number>();
    const questions = new Map<number, number>();
    examples.forEach((e, k) => {
      if (e.republished !== null) return;
      const inAnswers = new Set<number>();
      e.labels.forEach((label, i) => {
        for (const q of this.questionIds[k]!)
          for (const a of candidateIds[k]![i]!) {
            const pk = key(q, a);
            all.set(pk, (all.get(pk) ?? 0) + 1);
            if (label) inAnswers.add(pk);
          }
      });
      for (const pk of inAnswers) questions.set(pk, (questions.get(pk) ?? 0) + 1);
    });
    const index = new Map<number, number>();
    for (const [pk, n] of questions)
      if (n >= MIN_QUESTIONS && (all.get(pk) ?? 0) >= MIN_CANDIDATES) index.set(pk, index.size);
    const size = index.size;
    const cues = this.cueNames.length;
    this.pairQuestionCue = new Int32Array(size);
    this.pairCandidateCue = new Int32Array(size);
    for (const [pk, p] of index) {
      this.pairQuestionCue[p] = Math.floor(pk / cues);
      this.pairCandidateCue[p] = pk % cues;
    }
    const empty = (): FoldCounts => ({
      all: new Int32Array(size),
      answers: new Int32Array(size),
      questions: new Int32Array(size),
      cueAll: new Float64Array(cues),
      cueAnswers: new Float64Array(cues),
    });
    this.total = empty();

    // Pass 2: each candidate's qualifying pairs, and the counts per fold.
    this.entries = examples.map((e, k) => {
      const counts = e.republished !== null ? undefined : this.foldOf(e.fold, empty);
      const inAnswers = new Set<number>();
      const perCandidate = e.labels.map((label, i) => {
        const list: number[] = [];
        this.questionIds[k]!.forEach((q, j) => {
          if (counts) {
            counts.cueAll[q]!++;
            if (label) counts.cueAnswers[q]!++;
          }
          for (const a of candidateIds[k]![i]!) {
            const p = index.get(key(q, a));
            if (p === undefined) continue;
            list.push(j, p);
            if (counts) {
              counts.all[p]!++;
              if (label) {
                counts.answers[p]!++;
                inAnswers.add(p);
              }
            }
          }
        });
        return Int32Array.from(list);
      });
      if (counts) for (const p of inAnswers) counts.questions[p]!++;
      return perCandidate;
    });
    for (const f of this.folds.values())
      for (const name of ['all', 'answers', 'questions', 'cueAll', 'cueAnswers'] as const) {
        const into = this.total[name];
        f[name].forEach((v, i) => {
          into[i]! += v;
        });
      }
  }

  private id(cue: string): number {
    let id = this.ids.get(cue);
    if (id === undefined) {
      id = this.cueNames.length;
      this.ids.set(cue, id);
      this.cueNames.push(cue);
    }
    return id;
  }

  private foldOf(fold: string, empty: () => FoldCounts): FoldCounts {
    const counts = this.folds.get(fold) ?? empty();
    this.folds.set(fold, counts);
    return counts;
  }

  /** The weight of pair p counted without the given folds, or undefined when it does not qualify there. */
  private weight(p: number, without: readonly FoldCounts[]): number | undefined {
    const less = (name: keyof FoldCounts, i: number) => without.reduce((n, f) => n - f[name][i]!, this.total[name][i]!);
    const all = less('all', p);
    if (all < MIN_CANDIDATES || less('questions', p) < MIN_QUESTIONS) return undefined;
    const q = this.pairQuestionCue[p]!;
    // The question cue's base rate of answers among candidates, smoothed.
    const rate = (less('cueAnswers', q) + 0.5) / (less('cueAll', q) + 1);
    return Math.log((less('answers', p) + PRIOR * rate) / (all + PRIOR) / rate);
  }

  /**
   * The cue features of example k's candidates, counted without the given
   * folds and without the example's own (cross-fitting, see above).
   */
  columns(k: number, without: readonly string[]): number[][] {
    const excluded = [...new Set([...without, this.examples[k]!.fold])].flatMap((f) => this.folds.get(f) ?? []);
    const cues = this.questionIds[k]!.length;
    const weights = new Map<number, number | undefined>();
    return this.entries[k]!.map((list) => {
      const strongest = new Map<number, number>();
      for (let i = 0; i < list.length; i += 2) {
        const [j, p] = [list[i]!, list[i + 1]!];
        if (!weights.has(p)) weights.set(p, this.weight(p, excluded));
        const w = weights.get(p);
        if (w !== undefined && (!strongest.has(j) || w > strongest.get(j)!)) strongest.set(j, w);
      }
      return cueFeatures([...strongest.values()], cues);
    });
  }

  /** The associations to ship: every qualifying pair's weight over all the counts. */
  table(): CueTableJson {
    const rows = new Map<string, Array<[string, number]>>();
    for (let p = 0; p < this.pairQuestionCue.length; p++) {
      const w = this.weight(p, []);
      if (w === undefined) continue;
      const q = this.cueNames[this.pairQuestionCue[p]!]!;
      const row = rows.get(q) ?? [];
      rows.set(q, row);
      row.push([this.cueNames[this.pairCandidateCue[p]!]!, Number(w.toFixed(4))]);
    }
    return encodeTable(rows);
  }
}
