/**
 * Fusion of the lexical (BM25) and vector rankings into one list.
 *
 * Why a normalised-score combination and not plain reciprocal rank fusion:
 * RRF throws away how far ahead the leader is, and gives the weaker signal
 * (hashed n-grams are a fuzzy signal, not semantics) as much say as BM25, so on
 * call-offs it demotes the one section whose heading matches the question
 * exactly. Dividing each signal by its best score keeps that margin, is
 * independent of corpus size (BM25 grows with it, see design.md), and still
 * lets the vector signal break ties and rescue inflected or misspelled words.
 * A small rank term (RRF-style) is added so that a passage both lists agree on
 * wins over one only a single list liked. Measured on 148 labelled questions
 * over four call-offs (bench/retrieval.md): recall@1 0.932 with the hand-set
 * weights, 0.851-0.865 with plain RRF (k = 60 / 10), 0.912 with BM25 alone.
 * The weights now come from models/retrieval-weights.json (src/retrieval/weights.ts):
 * a fit is tried on every refit, and ships only if it answers better end to end
 * (bench/retrieval-fit.md); so far the hand-set weights ship.
 */

export interface FusionInput {
  /** doc -> BM25 score (any non-negative scale). */
  lexical: Map<number, number>;
  /** doc -> cosine similarity. */
  vector: Map<number, number>;
}

export interface FusionWeights {
  lexical: number;
  vector: number;
  /** Weight of the reciprocal-rank agreement term. */
  agreement: number;
  /** RRF constant. */
  k: number;
}

function ranks(scores: Map<number, number>): Map<number, number> {
  const sorted = [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return new Map(sorted.map(([doc], i) => [doc, i + 1]));
}

function maxOf(scores: Map<number, number>): number {
  let m = 0;
  for (const s of scores.values()) if (s > m) m = s;
  return m;
}

/** Fused scores in [0, 1 + agreement], best first. */
export function fuse(input: FusionInput, weights: FusionWeights): Array<{ doc: number; score: number }> {
  const lexMax = maxOf(input.lexical);
  // Cosines of unrelated texts are not 0 for hashed n-grams; measure from the weakest candidate.
  let vecMin = Number.POSITIVE_INFINITY;
  let vecMax = Number.NEGATIVE_INFINITY;
  for (const s of input.vector.values()) {
    vecMin = Math.min(vecMin, s);
    vecMax = Math.max(vecMax, s);
  }
  const vecSpan = vecMax - vecMin;
  const lexRank = ranks(input.lexical);
  const vecRank = ranks(input.vector);
  const docs = new Set([...input.lexical.keys(), ...input.vector.keys()]);
  const hasLexical = lexMax > 0;
  const out: Array<{ doc: number; score: number }> = [];
  for (const doc of docs) {
    const lex = hasLexical ? (input.lexical.get(doc) ?? 0) / lexMax : 0;
    const vs = input.vector.get(doc);
    const vec = vs === undefined ? 0 : vecSpan > 0 ? (vs - vecMin) / vecSpan : vs > 0 ? 1 : 0;
    const lr = lexRank.get(doc);
    const vr = vecRank.get(doc);
    const agreement = (lr ? 1 / (weights.k + lr) : 0) + (vr ? 1 / (weights.k + vr) : 0);
    // With no lexical evidence at all (no query term in the corpus) the vector signal decides alone.
    const score = hasLexical
      ? weights.lexical * lex + weights.vector * vec + weights.agreement * agreement * weights.k
      : vec + weights.agreement * agreement * weights.k;
    out.push({ doc, score });
  }
  out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return out;
}
