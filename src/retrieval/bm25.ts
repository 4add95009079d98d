/**
 * BM25F over chunks with three fields: the section heading (weighted high:
 * in a call-off the heading names the topic, "Sista anbudsdag"), the body,
 * and context (parent headings, document name) weighted low.
 * Postings are flat typed arrays so a query touches only its own terms; the
 * whole index serialises to plain JSON for the persistent knowledge base.
 */

export type FieldName = 'heading' | 'body' | 'context';
export const FIELDS: readonly FieldName[] = ['heading', 'body', 'context'];

/**
 * Scoring parameters, always passed at query time (the knowledge base passes
 * the shipped ones, src/retrieval/weights.ts): the postings keep raw per-field
 * frequencies and lengths, so an index holds none and fits every setting.
 */
export interface Bm25Params {
  k1: number;
  /** Per-field weight and length normalisation. */
  fields: Record<FieldName, { weight: number; b: number }>;
}

/** Analyzed terms of one document, per field: plain terms count 1, weighted ones their weight. */
export type FieldTerms = Record<FieldName, ReadonlyArray<string | { term: string; weight: number }>>;

export interface Bm25Json {
  docCount: number;
  /** Per field: length of each document. */
  lengths: Record<FieldName, number[]>;
  /** term -> flat [doc, tfHeading, tfBody, tfContext, doc, ...] */
  postings: Record<string, number[]>;
}

interface Posting {
  docs: Int32Array;
  /** tf per field, FIELDS.length values per doc. */
  tfs: Float32Array;
}

/** A query term: its weight, and its group (alternatives for one concept share a group). */
export interface QueryTerm {
  term: string;
  weight: number;
  group: number;
}

export interface ScoredDoc {
  doc: number;
  score: number;
}

export interface Bm25Stats {
  docCount: number;
  avgLength: Record<FieldName, number>;
  docFreq(term: string): number;
}

export class Bm25Index implements Bm25Stats {
  readonly docCount: number;
  readonly avgLength: Record<FieldName, number>;
  private readonly lengths: Record<FieldName, Float32Array>;
  private readonly postings: Map<string, Posting>;
  private readonly json: Bm25Json;

  private constructor(json: Bm25Json) {
    this.json = json;
    this.docCount = json.docCount;
    this.lengths = {
      heading: Float32Array.from(json.lengths.heading),
      body: Float32Array.from(json.lengths.body),
      context: Float32Array.from(json.lengths.context),
    };
    this.avgLength = {
      heading: average(json.lengths.heading),
      body: average(json.lengths.body),
      context: average(json.lengths.context),
    };
    this.postings = new Map();
    const width = FIELDS.length + 1;
    for (const [term, flat] of Object.entries(json.postings)) {
      const n = flat.length / width;
      const docs = new Int32Array(n);
      const tfs = new Float32Array(n * FIELDS.length);
      for (let i = 0; i < n; i++) {
        docs[i] = flat[i * width]!;
        for (let f = 0; f < FIELDS.length; f++) tfs[i * FIELDS.length + f] = flat[i * width + 1 + f]!;
      }
      this.postings.set(term, { docs, tfs });
    }
  }

  static build(docs: FieldTerms[]): Bm25Index {
    const lengths: Record<FieldName, number[]> = { heading: [], body: [], context: [] };
    const postings: Record<string, number[]> = {};
    docs.forEach((doc, d) => {
      const tf = new Map<string, number[]>();
      FIELDS.forEach((field, f) => {
        const terms = doc[field];
        let length = 0;
        for (const item of terms) {
          const term = typeof item === 'string' ? item : item.term;
          const weight = typeof item === 'string' ? 1 : item.weight;
          let counts = tf.get(term);
          if (!counts) {
            counts = FIELDS.map(() => 0);
            tf.set(term, counts);
          }
          counts[f]! += weight;
          length += weight;
        }
        lengths[field].push(length);
      });
      for (const [term, counts] of tf) {
        let list = postings[term];
        if (!list) {
          list = [];
          postings[term] = list;
        }
        list.push(d, ...counts);
      }
    });
    return new Bm25Index({ docCount: docs.length, lengths, postings });
  }

  static fromJSON(json: Bm25Json): Bm25Index {
    return new Bm25Index(json);
  }

  toJSON(): Bm25Json {
    return this.json;
  }

  /** Every term in the index. */
  terms(): IterableIterator<string> {
    return this.postings.keys();
  }

  docFreq(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /**
   * Scores every document that has at least one query term. Terms of one
   * group are alternatives (a word and its synonyms): a document scores the
   * best of them, once. Dense typed-array accumulators: no per-posting
   * allocation, so 5,000 chunks score in well under a millisecond.
   */
  score(query: readonly QueryTerm[], params: Bm25Params, stats: Bm25Stats = this): Map<number, number> {
    const { total, touched } = this.accumulate(query, stats, params);
    const out = new Map<number, number>();
    for (const doc of touched) out.set(doc, total[doc]!);
    return out;
  }

  private accumulate(
    query: readonly QueryTerm[],
    stats: Bm25Stats,
    params: Bm25Params,
  ): { total: Float64Array; touched: number[] } {
    const total = new Float64Array(this.docCount);
    const seen = new Uint8Array(this.docCount);
    const touched: number[] = [];
    const byGroup = new Map<number, QueryTerm[]>();
    for (const q of query) {
      const list = byGroup.get(q.group);
      if (list) list.push(q);
      else byGroup.set(q.group, [q]);
    }
    let best: Float64Array | null = null;
    for (const terms of byGroup.values()) {
      if (terms.length === 1) {
        this.scoreTerm(terms[0]!, stats, params, (doc, s) => {
          total[doc]! += s;
          if (!seen[doc]) {
            seen[doc] = 1;
            touched.push(doc);
          }
        });
        continue;
      }
      best ??= new Float64Array(this.docCount);
      const groupDocs: number[] = [];
      const b = best;
      for (const t of terms) {
        this.scoreTerm(t, stats, params, (doc, s) => {
          if (b[doc] === 0) groupDocs.push(doc);
          if (s > b[doc]!) b[doc] = s;
        });
      }
      for (const doc of groupDocs) {
        total[doc]! += b[doc]!;
        b[doc] = 0;
        if (!seen[doc]) {
          seen[doc] = 1;
          touched.push(doc);
        }
      }
    }
    return { total, touched };
  }

  private scoreTerm(
    q: QueryTerm,
    stats: Bm25Stats,
    params: Bm25Params,
    add: (doc: number, score: number) => void,
  ): void {
    const posting = this.postings.get(q.term);
    if (!posting) return;
    const { k1, fields } = params;
    const w = q.weight * idf(stats.docCount, stats.docFreq(q.term));
    if (w <= 0) return;
    const nf = FIELDS.length;
    // Per-field constants hoisted out of the posting loop.
    const weights = FIELDS.map((f) => fields[f].weight);
    const bs = FIELDS.map((f) => fields[f].b);
    const avgs = FIELDS.map((f) => stats.avgLength[f] || 1);
    const lengths = FIELDS.map((f) => this.lengths[f]);
    const { docs, tfs } = posting;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      let tf = 0;
      for (let f = 0; f < nf; f++) {
        const raw = tfs[i * nf + f]!;
        if (raw === 0) continue;
        const b = bs[f]!;
        tf += (weights[f]! * raw) / (1 - b + (b * lengths[f]![doc]!) / avgs[f]!);
      }
      add(doc, (w * tf) / (k1 + tf));
    }
  }

  /** The best `k` documents, best first. */
  search(query: readonly QueryTerm[], k: number, params: Bm25Params, stats: Bm25Stats = this): ScoredDoc[] {
    const { total, touched } = this.accumulate(query, stats, params);
    return selectTop(touched, total, k);
  }
}

/** The k best of the touched documents (bounded min-heap; ties by document order). */
function selectTop(touched: number[], total: Float64Array, k: number): ScoredDoc[] {
  if (touched.length <= k) {
    return touched.map((doc) => ({ doc, score: total[doc]! })).sort((x, y) => y.score - x.score || x.doc - y.doc);
  }
  const worse = (a: number, b: number) => total[a]! < total[b]! || (total[a] === total[b] && a > b);
  const heap: number[] = [];
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const doc of touched) {
    if (heap.length < k) {
      heap.push(doc);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (worse(heap[0]!, doc)) {
      heap[0] = doc;
      siftDown(0);
    }
  }
  return heap.map((doc) => ({ doc, score: total[doc]! })).sort((x, y) => y.score - x.score || x.doc - y.doc);
}

/** Statistics of a main index with a small extra index added (published answers scored on one scale). */
export function combinedStats(a: Bm25Index, b: Bm25Index): Bm25Stats {
  const n = a.docCount + b.docCount;
  const avg = (f: FieldName) => (a.avgLength[f] * a.docCount + b.avgLength[f] * b.docCount) / (n || 1);
  return {
    docCount: n,
    avgLength: { heading: avg('heading'), body: avg('body'), context: avg('context') },
    docFreq: (term) => a.docFreq(term) + b.docFreq(term),
  };
}

/**
 * The most a document could score for the query: each concept (group) once,
 * at its best alternative, with its term saturated (BM25's tf factor tends to
 * 1), so the sum over groups of weight × IDF. A term the documents never use
 * counts at the largest IDF. It measures the question, not a passage: how
 * much specific vocabulary it brings to this call-off (a question in the
 * documents' common words has little; one naming things the documents never
 * mention has much), in the same units as the passages' scores.
 */
export function attainableScore(query: readonly QueryTerm[], stats: Bm25Stats): number {
  const best = new Map<number, number>();
  for (const q of query) {
    const w = q.weight * idf(stats.docCount, stats.docFreq(q.term));
    if (w > (best.get(q.group) ?? 0)) best.set(q.group, w);
  }
  let sum = 0;
  for (const w of best.values()) sum += w;
  return sum;
}

export function idf(docCount: number, docFreq: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

function average(values: number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
