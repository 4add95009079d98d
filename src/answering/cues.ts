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
 * "när", "många" are what most cues are) and its stems; a candidate's cues are
 * its analysed terms and the kinds of fact it states (a date, a time, a
 * contact, a quantity). All are folded (å, ä, ö as a, a, o), so a question
 * typed without them finds the same associations.
 */

import { analyze } from '../retrieval/analyzer.js';
import { ANSWER_CONTACT, ANSWER_DATE, ANSWER_QUANTITY, ANSWER_TIME } from '../retrieval/answerTypes.js';
import { foldLetters, tokenize } from '../retrieval/tokenizer.js';

/** The features the associations give a candidate, appended to src/answering/features.ts FEATURE_NAMES. */
export const CUE_FEATURES = {
  /** Mean over the question's cues of the strongest positive association with a cue of the candidate. */
  cue_support: 0,
  /** The strongest association of any question cue with the candidate. */
  cue_best: 1,
  /** Mean over the question's cues of the strongest association, negative ones included. */
  cue_balance: 2,
} as const;
export const CUE_FEATURE_NAMES = Object.keys(CUE_FEATURES) as Array<keyof typeof CUE_FEATURES>;

/** Kinds of fact as cues (the bits of src/retrieval/answerTypes.ts). */
const TYPE_CUES: ReadonlyArray<[number, string]> = [
  [ANSWER_DATE, '#datum'],
  [ANSWER_TIME, '#tid'],
  [ANSWER_CONTACT, '#kontakt'],
  [ANSWER_QUANTITY, '#antal'],
];

/** The question's cues: each word as written (prefixed "w:") and each stem, folded, once each. */
export function questionCues(question: string): string[] {
  const words = tokenize(question)
    .filter((t) => t.kind === 'word')
    .map((t) => `w:${t.text}`);
  return [...new Set([...words, ...analyze(question)].map(foldLetters))];
}

/** A candidate's cues: its analysed terms and the kinds of fact it states (`types`, answer-type bits), folded. */
export function candidateCues(terms: Iterable<string>, types: number): string[] {
  const out = new Set<string>();
  for (const t of terms) out.add(foldLetters(t));
  for (const [bit, cue] of TYPE_CUES) if (types & bit) out.add(cue);
  return [...out];
}

/**
 * The cue features of one candidate from the strongest association each
 * question cue has with it (undefined: none known), over `questionCues` cues
 * in all. The fit (from its own counts) and the product (from the shipped
 * weights) both aggregate through this one function.
 */
export function cueFeatures(strongest: Iterable<number>, questionCues: number): number[] {
  let support = 0;
  let balance = 0;
  let best: number | undefined;
  for (const w of strongest) {
    support += Math.max(0, w);
    balance += w;
    if (best === undefined || w > best) best = w;
  }
  const n = Math.max(1, questionCues);
  return [support / n, best ?? 0, balance / n];
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

/** The stored associations, ready to look up: question cue -> candidate cue -> weight, decoded on first use. */
export class CueTable {
  private readonly decoded = new Map<string, ReadonlyMap<string, number> | null>();

  constructor(private readonly json: CueTableJson) {}

  /** The associations of one question cue, or null when it has none. */
  row(cue: string): ReadonlyMap<string, number> | null {
    let row = this.decoded.get(cue);
    if (row === undefined) {
      const text = Object.hasOwn(this.json.rows, cue) ? this.json.rows[cue] : undefined;
      row = text === undefined ? null : decodeRow(text, this.json.cues);
      this.decoded.set(cue, row);
    }
    return row;
  }

  /** The cue features of a candidate for a question (both as cues). */
  features(question: readonly string[], candidate: readonly string[]): number[] {
    const strongest: number[] = [];
    for (const q of question) {
      const row = this.row(q);
      if (!row) continue;
      let top: number | undefined;
      for (const a of candidate) {
        const w = row.get(a);
        if (w !== undefined && (top === undefined || w > top)) top = w;
      }
      if (top !== undefined) strongest.push(top);
    }
    return cueFeatures(strongest, question.length);
  }
}

/** One stored row as a map; throws on a malformed row (a damaged model file must not answer). */
export function decodeRow(text: string, cues: readonly string[]): Map<string, number> {
  const parts = text.split(' ');
  const row = new Map<string, number>();
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const cue = cues[Number(parts[i])];
    const weight = Number(parts[i + 1]);
    if (cue === undefined || !Number.isFinite(weight)) break;
    row.set(cue, weight);
  }
  if (row.size * 2 !== parts.length) throw new Error(`malformed association row: ${text.slice(0, 40)}`);
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
