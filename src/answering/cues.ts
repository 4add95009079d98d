/**
 * Cue associations: which words of a question go with which words of the
 * sentence that answers it, learnt from labelled questions instead of listed
 * by hand. Suppliers rarely use the documents' words: "Hur stora filer kan
 * man ladda upp?" is answered by "filer >= 50MB", "Hur lång tid beräknas
 * uppdraget ta?" by "uppskattas till ca 2 månader". Counted over the labelled
 * questions, "stora" goes with an amount, "lång tid" with "månad", "när" with
 * a date, far more often than chance; that lift is the association's weight
 * (fitted by src/eval/cueFit.ts, stored in models/answer-model.json).
 *
 * A question's cues are its words as written (question words such as "hur",
 * "när", "många" are what most cues are) and its stems, folded (å, ä, ö as
 * a, a, o), so that a question typed without them finds the same
 * associations; a candidate's cues are its analysed terms and the kinds of
 * fact it states (a date, a time, a contact, a quantity, and the quantity's
 * kind: a count, a duration, a sum of money, a share).
 */

import { CodedError } from '../core/errors.js';
import { analyze } from '../retrieval/analyzer.js';
import { ANSWER_CONTACT, ANSWER_DATE, ANSWER_QUANTITY, ANSWER_TIME } from '../retrieval/answerTypes.js';
import { QUANTITY_COUNT, QUANTITY_DURATION, QUANTITY_MONEY, QUANTITY_SHARE } from '../retrieval/quantities.js';
import { foldLetters, type Token, tokenize } from '../retrieval/tokenizer.js';

/**
 * The features the associations give a candidate, appended to
 * src/answering/features.ts FEATURE_NAMES (computed by cueFeatures below):
 * - cue_support: mean over the question's cues of the strongest positive
 *   association with a cue of the candidate;
 * - cue_best: the strongest association of any question cue with the candidate;
 * - cue_balance: mean over the question's cues of the strongest association,
 *   negative ones included.
 */
export const CUE_FEATURE_NAMES = ['cue_support', 'cue_best', 'cue_balance'] as const;

/** Kinds of fact as cues: the bits of src/retrieval/answerTypes.ts, kinds of quantity included. */
const TYPE_CUES: ReadonlyArray<[number, string]> = [
  [ANSWER_DATE, '#datum'],
  [ANSWER_TIME, '#tid'],
  [ANSWER_CONTACT, '#kontakt'],
  [ANSWER_QUANTITY, '#antal'],
  [QUANTITY_COUNT, '#styck'],
  [QUANTITY_DURATION, '#varaktighet'],
  [QUANTITY_MONEY, '#belopp'],
  [QUANTITY_SHARE, '#andel'],
];

/**
 * The question's cues: each word as written (prefixed "w:") and each stem,
 * folded, once each. Of the whole message, its context sentences included:
 * cues of the question proper alone (src/answering/features.ts askedPart)
 * gave, held out by buyer, nested, right answers of 1,149 at 2 / 3 / 4 %
 * wrong 553 / 620 / 668 against 526 / 634 / 675 with the bagged decision, and
 * 533 / 624 / 676 against 539 / 626 / 678 with the deterministic one
 * (2026-12-07): no better at the product's 3 %.
 */
export function questionCues(question: string, tokens: readonly Token[] = tokenize(question)): string[] {
  const words = tokens.filter((t) => t.kind === 'word').map((t) => `w:${t.text}`);
  return [...new Set([...words, ...analyze(question)].map(foldLetters))];
}

/**
 * A candidate's cues: its analysed terms as the document has them (documents
 * are written with å, ä and ö; only questions need folding) and the kinds of
 * fact it states (`kinds`: its answer types, src/retrieval/answerTypes.ts).
 */
export function candidateCues(terms: Iterable<string>, kinds: number): string[] {
  const out = new Set(terms);
  for (const [bit, cue] of TYPE_CUES) if (kinds & bit) out.add(cue);
  return [...out];
}

/**
 * The cue features of one candidate from the strongest association each
 * question cue has with it (-Infinity: none known), over `questionCues` cues
 * in all. The fit (from its own counts) and the product (from the shipped
 * weights) both aggregate through this one function.
 */
export function cueFeatures(strongest: ArrayLike<number>, questionCues: number): number[] {
  let support = 0;
  let balance = 0;
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < strongest.length; i++) {
    const w = strongest[i]!;
    if (w === Number.NEGATIVE_INFINITY) continue;
    support += Math.max(0, w);
    balance += w;
    if (w > best) best = w;
  }
  const n = Math.max(1, questionCues);
  return [support / n, best === Number.NEGATIVE_INFINITY ? 0 : best, balance / n];
}

/**
 * The associations as stored in the model file: the candidate cues, and per
 * question cue its associations as one string, "index weight index weight
 * ...". A string per row keeps the file quick to parse (an `ask` decodes only
 * the rows of its own question's cues).
 */
export interface CueTableJson {
  cues: string[];
  rows: Record<string, string>;
}

/** One question cue's associations as stored: candidate cue indexes and their weights. */
interface PackedRow {
  cues: Int32Array;
  weights: Float64Array;
}

/**
 * The stored associations, ready to look up: question cue -> candidate cue ->
 * weight, each row decoded on first use into typed arrays (a question reads
 * some 5,000 associations; kept as numbers, turning them around makes no
 * garbage for the collector to pause on).
 */
export class CueTable {
  private readonly decoded = new Map<string, PackedRow | null>();
  private indexOfCue?: Map<string, number>;

  constructor(private readonly json: CueTableJson) {}

  /** One question cue's associations, or null when it has none ("constructor" and the like included). */
  private packed(cue: string): PackedRow | null {
    let row = this.decoded.get(cue);
    if (row === undefined) {
      const text = Object.hasOwn(this.json.rows, cue) ? this.json.rows[cue] : undefined;
      row = text === undefined ? null : unpackRow(text, this.json.cues.length);
      this.decoded.set(cue, row);
    }
    return row;
  }

  /**
   * The associations of one question's cues, turned around once per question
   * (per candidate cue, its [question cue's position, weight] entries, laid out
   * contiguously), so that each of its candidates costs one look-up per term.
   */
  forQuestion(question: readonly string[]): QuestionAssociations {
    this.indexOfCue ??= new Map(this.json.cues.map((c, i) => [c, i]));
    const rows = question.map((q) => this.packed(q));
    // Counting sort by candidate cue: start[c] .. start[c + 1] are candidate cue c's entries.
    const start = new Int32Array(this.json.cues.length + 1);
    for (const row of rows) if (row) for (const c of row.cues) start[c + 1]!++;
    for (let c = 1; c < start.length; c++) start[c]! += start[c - 1]!;
    const next = start.slice(0, -1);
    const positions = new Int32Array(start[start.length - 1]!);
    const weights = new Float64Array(positions.length);
    rows.forEach((row, j) => {
      if (!row) return;
      for (let i = 0; i < row.cues.length; i++) {
        const at = next[row.cues[i]!]!++;
        positions[at] = j;
        weights[at] = row.weights[i]!;
      }
    });
    return new QuestionAssociations(this.indexOfCue, start, positions, weights, question.length);
  }
}

/** One question's associations: the cue features of each of its candidates. */
export class QuestionAssociations {
  /** Per question cue, its strongest association with the candidate at hand (reused: one question, many candidates). */
  private readonly strongest: Float64Array;

  constructor(
    private readonly indexOfCue: ReadonlyMap<string, number>,
    /** Per candidate cue index, where its entries start in `positions` and `weights` (and the next one's, where they end). */
    private readonly start: Int32Array,
    /** The question cue's position of each entry, and the weight. */
    private readonly positions: Int32Array,
    private readonly weights: Float64Array,
    private readonly questionCues: number,
  ) {
    this.strongest = new Float64Array(questionCues);
  }

  /** The cue features of a candidate with these terms and kinds of fact (answer types; its cues, see candidateCues). */
  features(terms: Iterable<string>, kinds: number): number[] {
    const strongest = this.strongest.fill(Number.NEGATIVE_INFINITY);
    if (this.positions.length > 0) {
      for (const t of terms) this.take(t, strongest);
      for (const [bit, cue] of TYPE_CUES) if (kinds & bit) this.take(cue, strongest);
    }
    return cueFeatures(strongest, this.questionCues);
  }

  private take(cue: string, strongest: Float64Array): void {
    const c = this.indexOfCue.get(cue);
    if (c === undefined) return;
    for (let e = this.start[c]!, end = this.start[c + 1]!; e < end; e++) {
      const j = this.positions[e]!;
      if (this.weights[e]! > strongest[j]!) strongest[j] = this.weights[e]!;
    }
  }
}

/** One stored row as a map; throws on a malformed row (a damaged model file must not answer). */
export function decodeRow(text: string, cues: readonly string[]): Map<string, number> {
  const row = unpackRow(text, cues.length);
  return new Map(Array.from(row.cues, (c, i) => [cues[c]!, row.weights[i]!]));
}

/** One stored row, "index weight index weight ...", as typed arrays; throws on a malformed row. */
function unpackRow(text: string, cueCount: number): PackedRow {
  const parts = text.split(' ');
  const n = parts.length >> 1;
  const row: PackedRow = { cues: new Int32Array(n), weights: new Float64Array(n) };
  let valid = parts.length === 2 * n && n > 0;
  for (let i = 0; valid && i < n; i++) {
    const cue = Number(parts[2 * i]);
    const weight = Number(parts[2 * i + 1]);
    valid = Number.isInteger(cue) && cue >= 0 && cue < cueCount && Number.isFinite(weight);
    row.cues[i] = cue;
    row.weights[i] = weight;
  }
  if (!valid) {
    // Rows are checked as they are read (checking all 65,000 at every start would slow each `ask`).
    throw new CodedError(
      'config_invalid',
      'Svarsmodellen är skadad (en rad av ordsambanden går inte att läsa). Installera om avropsbot, eller kör `npm run fit` i en utvecklingsmiljö.',
    );
  }
  return row;
}

/** The stored table's shape (the rows themselves are checked as they are decoded, see decodeRow). */
export function isCueTable(json: unknown): json is CueTableJson {
  if (typeof json !== 'object' || json === null) return false;
  const { cues, rows } = json as Partial<CueTableJson>;
  if (!Array.isArray(cues) || !cues.every((c) => typeof c === 'string')) return false;
  return (
    typeof rows === 'object' &&
    rows !== null &&
    !Array.isArray(rows) &&
    Object.values(rows).every((r) => typeof r === 'string')
  );
}

/** Encodes rows for the model file: question cue -> [candidate cue, weight] pairs. */
export function encodeTable(rows: ReadonlyMap<string, ReadonlyArray<[string, number]>>): CueTableJson {
  const cues = [...new Set([...rows.values()].flatMap((r) => r.map(([c]) => c)))].sort();
  const index = new Map(cues.map((c, i) => [c, i]));
  const out: Record<string, string> = {};
  for (const q of [...rows.keys()].sort()) {
    const pairs = [...rows.get(q)!].sort((x, y) => index.get(x[0])! - index.get(y[0])!);
    out[q] = pairs.map(([c, w]) => `${index.get(c)} ${w}`).join(' ');
  }
  return { cues, rows: out };
}
