// BM25F scoring and the fusion of lexical and vector rankings.
import { describe, expect, it } from 'vitest';
import { getDefaultAnalyzer } from '../../src/retrieval/analyzer.js';
import {
  attainableScore,
  Bm25Index,
  combinedStats,
  type FieldTerms,
  idf,
  type QueryTerm,
} from '../../src/retrieval/bm25.js';
import { type FusionInput, fuse as fuseWith } from '../../src/retrieval/fusion.js';
import { loadRetrievalWeights } from '../../src/retrieval/weights.js';

const a = getDefaultAnalyzer();
const doc = (heading: string, body: string, context = ''): FieldTerms => ({
  heading: a.analyzeForIndexWeighted(heading),
  body: a.analyzeForIndexWeighted(body),
  context: a.analyzeForIndexWeighted(context),
});
const q = (text: string): QueryTerm[] => {
  const seen = new Map<string, QueryTerm>();
  for (const t of a.analyzeWeighted(text)) if (!seen.has(t.term)) seen.set(t.term, t);
  return [...seen.values()];
};

/** Scoring and fusion with the weights the product ships. */
const params = loadRetrievalWeights().bm25;
const fuse = (input: FusionInput) => fuseWith(input, loadRetrievalWeights().fusion);

const docs = [
  doc('Sista anbudsdag', 'Anbud ska vara myndigheten tillhanda senast 2026-02-02 23:59.'),
  doc('Anbudets giltighet', 'Anbud ska vara giltigt till och med 2026-03-23. Anbudet förlängs vid överprövning.'),
  doc('Kontaktperson', 'Kontaktperson under avropet är Åsa Gustafsson. Anbud kan inte lämnas per telefon.'),
  doc('Anbudsöppning', 'Öppning av anbud sker hos myndigheten.'),
];

describe('Bm25Index', () => {
  const index = Bm25Index.build(docs);

  it('ranks the document whose heading names the topic first', () => {
    expect(index.search(q('Vem är kontaktperson?'), 3, params)[0]!.doc).toBe(2);
    expect(index.search(q('När är sista anbudsdag?'), 3, params)[0]!.doc).toBe(0);
    expect(index.search(q('Hur länge är anbudet giltigt?'), 3, params)[0]!.doc).toBe(1);
  });

  it('weights the heading field above the body', () => {
    const twoDocs = Bm25Index.build([doc('Pris', 'Text om annat.'), doc('Annat', 'Pris anges i kronor.')]);
    const [first, second] = twoDocs.search(q('pris'), 2, params);
    expect(first!.doc).toBe(0);
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('counts the best of a group of alternatives once, not each alternative', () => {
    const alternatives: QueryTerm[] = [
      { term: a.analyze('sista')[0]!, weight: 1, group: 0 },
      { term: a.analyze('senast')[0]!, weight: 1, group: 0 },
    ];
    const separate: QueryTerm[] = alternatives.map((t, i) => ({ ...t, group: i }));
    const grouped = index.score(alternatives, params).get(0)!;
    const summed = index.score(separate, params).get(0)!;
    expect(grouped).toBeLessThan(summed);
    expect(grouped).toBeGreaterThan(0);
  });

  it('returns only documents with a query term, best first, at most k', () => {
    const hits = index.search(q('Åsa Gustafsson'), 10, params);
    expect(hits.map((h) => h.doc)).toEqual([2]);
    const all = index.search(q('anbud'), 2, params);
    expect(all).toHaveLength(2);
    expect(all[0]!.score).toBeGreaterThanOrEqual(all[1]!.score);
    expect(index.search(q('parkering'), 5, params)).toEqual([]);
  });

  it('round-trips through JSON with identical scores', () => {
    const copy = Bm25Index.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    const query = q('När sker öppningen av anbuden?');
    expect(copy.search(query, 4, params)).toEqual(index.search(query, 4, params));
  });

  it('stores no scoring parameters: the same index scores with whichever it is given', () => {
    const json = index.toJSON();
    expect(Object.keys(json).sort()).toEqual(['docCount', 'lengths', 'postings']);
    const query = q('När är sista anbudsdag?');
    const flatHeading = { ...params, fields: { ...params.fields, heading: { weight: 1, b: 0.3 } } };
    const [shipped] = index.search(query, 1, params);
    const [flat] = index.search(query, 1, flatHeading);
    expect(flat!.doc).toBe(shipped!.doc);
    expect(flat!.score).toBeLessThan(shipped!.score);
  });

  it('scores a small extra index on the main index scale', () => {
    const extra = Bm25Index.build([doc('Finns det parkering?', 'Nej, det finns ingen parkering.')]);
    const stats = combinedStats(index, extra);
    expect(stats.docCount).toBe(5);
    expect(stats.docFreq(a.analyze('anbud')[0]!)).toBe(index.docFreq(a.analyze('anbud')[0]!));
    expect(extra.search(q('parkering'), 1, params, stats)[0]!.score).toBeGreaterThan(0);
  });

  it('attainable score: each concept once at its best alternative, an absent word at the largest idf', () => {
    const stats = {
      docCount: 10,
      avgLength: { heading: 1, body: 1, context: 1 },
      docFreq: (t: string) => (t === 'vanlig' ? 10 : t === 'sällsynt' ? 1 : 0),
    };
    const term = (t: string, group: number, weight = 1): QueryTerm => ({ term: t, group, weight });
    expect(attainableScore([term('vanlig', 0)], stats)).toBeCloseTo(idf(10, 10));
    // Alternatives of one concept count once, at the best.
    expect(attainableScore([term('vanlig', 0), term('sällsynt', 0, 0.5)], stats)).toBeCloseTo(
      Math.max(idf(10, 10), 0.5 * idf(10, 1)),
    );
    expect(attainableScore([term('vanlig', 0), term('okänd', 1)], stats)).toBeCloseTo(idf(10, 10) + idf(10, 0));
    expect(attainableScore([], stats)).toBe(0);
  });

  it('no document scores above the attainable score of the query', () => {
    const query = q('När sker öppningen av anbuden?');
    const top = index.search(query, 1, params)[0]!;
    expect(top.score).toBeGreaterThan(0);
    expect(top.score).toBeLessThan(attainableScore(query, index));
  });

  it('has a positive idf that falls as a term gets common', () => {
    expect(idf(100, 1)).toBeGreaterThan(idf(100, 50));
    expect(idf(100, 100)).toBeGreaterThan(0);
  });
});

describe('fuse', () => {
  it('keeps a clear lexical leader first even when the vector signal prefers another', () => {
    const lexical = new Map([
      [0, 10],
      [1, 2],
    ]);
    const vector = new Map([
      [1, 0.5],
      [0, 0.45],
      [2, 0.1],
    ]);
    expect(fuse({ lexical, vector })[0]!.doc).toBe(0);
  });

  it('lets the vector signal decide between near lexical ties', () => {
    const lexical = new Map([
      [0, 5],
      [1, 4.9],
    ]);
    const vector = new Map([
      [1, 0.6],
      [0, 0.2],
      [2, 0.1],
    ]);
    expect(fuse({ lexical, vector })[0]!.doc).toBe(1);
  });

  it('uses the vector ranking alone when no query term is in the corpus', () => {
    const ranked = fuse({
      lexical: new Map(),
      vector: new Map([
        [3, 0.2],
        [4, 0.7],
      ]),
    });
    expect(ranked.map((r) => r.doc)).toEqual([4, 3]);
  });

  it('returns nothing for nothing', () => {
    expect(fuse({ lexical: new Map(), vector: new Map() })).toEqual([]);
  });
});
