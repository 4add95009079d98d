/**
 * The persistent knowledge base of each call-off: sections and chunks from
 * src/ingest, a BM25F index and a vector index (hnswlib) over the chunks,
 * fused into one ranking. Published answers are searched alongside, from a
 * small index cached per list. Implements the core Retriever port.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { CodedError } from '../core/errors.js';
import type { Embedder, Logger, Retriever } from '../core/ports.js';
import type { CallOff, Chunk, Passage, PublishedAnswer, Section } from '../core/types.js';
import { ANALYZER_KEY, SwedishAnalyzer } from './analyzer.js';
import {
  ANSWER_CONTACT,
  ANSWER_DATE,
  ANSWER_QUANTITY,
  ANSWER_TIME,
  answeredTypes,
  answerTypesOf,
  expectedAnswerTypes,
} from './answerTypes.js';
import { attainableScore, Bm25Index, combinedStats, type FieldTerms, type QueryTerm } from './bm25.js';
import { FlatVectorIndex, type VectorSearch } from './flatVectors.js';
import { fuse } from './fusion.js';
import { HashedEmbedder } from './hashedEmbedder.js';
import {
  hasIndex,
  INDEX_FORMAT,
  type IndexMeta,
  indexDir,
  indexKey,
  readCurrent,
  readStored,
  type StoredIndex,
  statSignature,
  vectorsFile,
  writeGeneration,
} from './indexStore.js';
import { LruCache } from './lruCache.js';
import { type BuildResult, OffThreadBuilder } from './offThreadBuilder.js';
import { type ContentLoader, loadFromIngest, type ProgressFn } from './source.js';
import { foldLetters, isFoldedQuestion } from './tokenizer.js';
import { cosine, VectorIndex } from './vectorIndex.js';
import { type AnswerTypeBonus, loadRetrievalWeights, type RetrievalWeights } from './weights.js';

export type { CallOffContent, ContentLoader, ProgressFn } from './source.js';

export interface IndexSummary {
  callOff: string;
  documents: number;
  sections: number;
  chunks: number;
  seconds: number;
  rebuilt: boolean;
  warnings: string[];
}

export interface KnowledgeBaseOptions {
  dataDir: string;
  logger: Logger;
  /** Default: the offline hashed n-gram embedder. */
  embedder?: Embedder;
  /** Default: src/ingest (loaders, sections, chunks). Tests inject fixtures here. */
  loadContent?: ContentLoader;
  /** Passages returned per question. */
  topK?: number;
  /** How many call-offs' indexes stay in memory; the least recently used is dropped first. Default 8. */
  maxLoaded?: number;
  /** An index no question used for this long is dropped from memory. Default 30 minutes. */
  idleMs?: number;
  /** Milliseconds, for the idle rule (tests move it by hand). */
  now?: () => number;
  /**
   * The ranking's weights. Default: the shipped ones, models/retrieval-weights.json's
   * `weights` (hand-set or fitted, whichever answered better end to end).
   */
  weights?: RetrievalWeights;
}

/** Per question, for fitting and benchmarks: rank with other weights than the knowledge base's own. */
export interface RetrieveOptions {
  weights?: RetrievalWeights;
}

export const PUBLISHED_DOCUMENT = 'publicerade-svar';
/** How long an index built without vectors (embedder down) is used before embedding is tried again. */
const RETRY_EMBEDDINGS_MS = 10 * 60_000;
export const DEFAULT_MAX_LOADED = 8;
const DEFAULT_IDLE_MS = 30 * 60_000;
/** How long a question waits for its call-off's index to be built off the event loop. */
export const DEFAULT_WAIT_FOR_INDEX_MS = 20_000;

/** The reply while a question's call-off is still being indexed: it is registered, and asking again soon works. */
export const INDEX_BUILDING_MESSAGE =
  'Frågan är registrerad, men avropets dokument läses in just nu och den kunde inte besvaras automatiskt ännu. Försök igen om en minut.';

interface PublishedIndex {
  key: string;
  chunks: Chunk[];
  bm25: Bm25Index;
  vectors: number[][] | null;
  answerTypes: Uint8Array;
}

interface LoadedIndex {
  key: string;
  meta: IndexMeta;
  chunks: Chunk[];
  /** Section texts by document and number (see sectionTexts for repeated numbers). */
  sections: Map<string, string>;
  sectionCount: number;
  analyzer: SwedishAnalyzer;
  bm25: Bm25Index;
  vectors: VectorSearch | null;
  /** Per chunk: the answer types it can supply (see answerTypes.ts). */
  answerTypes: Uint8Array;
  published: PublishedIndex | null;
}

const sectionKey = (document: string, section: string) => `${document}\u0000${section}`;

/**
 * A stored index's vectors, in the JavaScript heap (see flatVectors.ts: hnswlib's
 * reader holds ~2.6 MB outside the heap per load until a rare full GC), or
 * through hnswlib should the file not be laid out as expected.
 */
function readVectors(file: string, dimensions: number): VectorSearch {
  return FlatVectorIndex.read(file, dimensions) ?? VectorIndex.read(file, dimensions);
}

let defaultHashedId: string | undefined;

/** The embedder a worker can make for itself: the offline hashed one with its default settings. */
function isDefaultHashedEmbedder(embedder: Embedder): boolean {
  defaultHashedId ??= new HashedEmbedder().id;
  return embedder instanceof HashedEmbedder && embedder.id === defaultHashedId;
}

export class KnowledgeBase implements Retriever {
  private readonly dataDir: string;
  private readonly logger: Logger;
  private readonly embedder: Embedder;
  private readonly loadContent: ContentLoader;
  private readonly topK: number;
  private readonly weights: RetrievalWeights;
  private readonly loaded: LruCache<LoadedIndex>;
  private readonly building = new Map<string, Promise<IndexSummary>>();
  private readonly keys = new Map<string, { signature: string; key: string }>();
  /** Set by buildOffThread (serve): builds run in a child process, one call-off at a time. */
  private builder: OffThreadBuilder | null = null;
  private waitForIndexMs = DEFAULT_WAIT_FOR_INDEX_MS;

  constructor(opts: KnowledgeBaseOptions) {
    this.dataDir = path.resolve(opts.dataDir);
    this.logger = opts.logger;
    this.embedder = opts.embedder ?? new HashedEmbedder();
    this.loadContent = opts.loadContent ?? loadFromIngest;
    this.topK = opts.topK ?? 8;
    this.weights = opts.weights ?? loadRetrievalWeights();
    this.loaded = new LruCache({
      max: opts.maxLoaded ?? DEFAULT_MAX_LOADED,
      idleMs: opts.idleMs ?? DEFAULT_IDLE_MS,
      ...(opts.now ? { now: opts.now } : {}),
    });
  }

  /**
   * From now on (serve), index builds run in a child process, so the event
   * loop keeps acking chat deliveries, and a question waits at most
   * `waitForIndexMs` for its call-off's index before it is told to ask again.
   * Only with the default content loader: a loader passed in (tests) cannot
   * cross into another process, so those builds stay in process. Returns whether builds
   * now run off the event loop.
   */
  buildOffThread(opts: { waitForIndexMs?: number } = {}): boolean {
    if (this.loadContent !== loadFromIngest) return false;
    this.builder ??= new OffThreadBuilder({
      dataDir: this.dataDir,
      embedder: this.embedder,
      hashed: isDefaultHashedEmbedder(this.embedder),
      logger: this.logger,
    });
    this.waitForIndexMs = opts.waitForIndexMs ?? DEFAULT_WAIT_FOR_INDEX_MS;
    return true;
  }

  /** The call-offs whose index is being built or waits to be, the one in progress first. */
  buildsPending(): string[] {
    return this.builder ? this.builder.pending() : [...this.building.keys()];
  }

  /** The call-offs whose index is in memory now, most recently used last. */
  loadedCallOffs(): string[] {
    return this.loaded.keys();
  }

  /** Ends the build worker (server shutdown); builds not finished are abandoned and redone next time. */
  async close(): Promise<void> {
    const builder = this.builder;
    this.builder = null;
    await builder?.close();
  }

  /**
   * Makes sure the call-off has a current index on disk, building it if not.
   * Off the event loop nothing is loaded into memory (the first question
   * loads it); in process it is loaded, as ensureIndex does.
   */
  prepare(callOff: CallOff): Promise<IndexSummary> {
    const builder = this.builder;
    if (!builder) return this.ensureIndex(callOff);
    const running = this.building.get(callOff.id);
    if (running) return running;
    return this.track(callOff.id, this.buildElsewhere(builder, callOff, false, false));
  }

  /**
   * For the build worker: a current index on disk (built when missing, stale,
   * damaged or when `force`), and the key it is stored under. Nothing stays loaded.
   */
  async buildOnDisk(callOff: CallOff, force: boolean): Promise<BuildResult> {
    const started = performance.now();
    const key = this.keyFor(callOff);
    const existing = force ? null : this.tryLoad(callOff.id, key);
    const summary = existing ? this.summary(existing, false, started) : await this.build(callOff);
    this.loaded.delete(callOff.id);
    const known = this.keys.get(callOff.id);
    return { summary, key: known?.key ?? key, signature: known?.signature ?? '' };
  }

  private async buildElsewhere(
    builder: OffThreadBuilder,
    callOff: CallOff,
    force: boolean,
    urgent: boolean,
  ): Promise<IndexSummary> {
    const result = await builder.build(callOff, force, urgent);
    // The worker hashed the files already: the main thread need not read them again.
    this.keys.set(callOff.id, { signature: result.signature, key: result.key });
    const stale = this.loaded.peek(callOff.id);
    if (stale && stale.key !== result.key) this.loaded.delete(callOff.id);
    return result.summary;
  }

  private track(callOffId: string, work: Promise<IndexSummary>): Promise<IndexSummary> {
    const tracked = work.finally(() => this.building.delete(callOffId));
    this.building.set(callOffId, tracked);
    return tracked;
  }

  /** Keeps an index in memory, within the bound. */
  private remember(callOffId: string, index: LoadedIndex): void {
    for (const dropped of this.loaded.set(callOffId, index)) {
      this.logger.debug('index dropped from memory (least recently used)', { callOff: dropped });
    }
  }

  /** The content key, recomputed only when a file's size or modification time changed. */
  private keyFor(callOff: CallOff): string {
    let signature: string;
    try {
      signature = statSignature(callOff.dir);
    } catch (err) {
      throw new CodedError(
        'index_unavailable',
        `Kunskapsmappen ${callOff.dir} för ${callOff.id} kunde inte läsas (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
        { cause: err },
      );
    }
    const known = this.keys.get(callOff.id);
    if (known && known.signature === signature) return known.key;
    const key = indexKey(callOff.dir, {
      analyser: ANALYZER_KEY,
      embedder: `${this.embedder.id}:${this.embedder.dimensions}`,
    });
    this.keys.set(callOff.id, { signature, key });
    return key;
  }

  /** Loads the call-off's index, building it when missing or stale. */
  async ensureIndex(callOff: CallOff, onProgress?: ProgressFn): Promise<IndexSummary> {
    return (await this.load(callOff, onProgress)).summary;
  }

  private async load(
    callOff: CallOff,
    onProgress?: ProgressFn,
    urgent = false,
  ): Promise<{ index: LoadedIndex; summary: IndexSummary }> {
    const started = performance.now();
    const key = this.keyFor(callOff);
    const cached = this.loaded.get(callOff.id);
    if (cached && cached.key === key) return { index: cached, summary: this.summary(cached, false, started) };
    const fromDisk = this.tryLoad(callOff.id, key);
    if (fromDisk) {
      this.remember(callOff.id, fromDisk);
      return { index: fromDisk, summary: this.summary(fromDisk, false, started) };
    }
    const summary = await this.ingest(callOff, onProgress, urgent);
    // In process the build left the index in memory; from a worker it is on disk.
    let built = this.loaded.peek(callOff.id) ?? this.tryLoad(callOff.id, this.keyFor(callOff));
    if (!built && this.builder) {
      // The worker could not leave it on disk (a read-only or full data dir): build here and keep it
      // in memory, as an in-process build does. It stalls this process, but questions are answered.
      this.logger.warn('index built off the event loop could not be read back; building in process', {
        callOff: callOff.id,
      });
      await this.build(callOff, onProgress);
      built = this.loaded.peek(callOff.id) ?? null;
    }
    if (!built) {
      throw new CodedError('index_unavailable', `Indexet för ${callOff.id} kunde inte läsas in efter bygget.`);
    }
    this.remember(callOff.id, built);
    return { index: built, summary };
  }

  /** Forces a rebuild. Concurrent calls for one call-off share one build. */
  ingest(callOff: CallOff, onProgress?: ProgressFn, urgent = false): Promise<IndexSummary> {
    const builder = this.builder;
    const running = this.building.get(callOff.id);
    if (running) {
      if (urgent) builder?.hurry(callOff.id);
      return running;
    }
    return this.track(
      callOff.id,
      builder ? this.buildElsewhere(builder, callOff, true, urgent) : this.build(callOff, onProgress),
    );
  }

  private summary(index: LoadedIndex, rebuilt: boolean, started: number): IndexSummary {
    return {
      callOff: index.meta.callOff,
      documents: index.meta.documents.length,
      sections: index.sectionCount,
      chunks: index.chunks.length,
      seconds: rebuilt ? index.meta.seconds : (performance.now() - started) / 1000,
      rebuilt,
      warnings: [...index.meta.warnings],
    };
  }

  private tryLoad(callOffId: string, key: string): LoadedIndex | null {
    const dir = indexDir(this.dataDir, callOffId);
    if (!hasIndex(dir)) return null;
    const current = readCurrent(dir);
    if (!current || current.key !== key) return null;
    try {
      const stored = readStored(dir, current.generation);
      const meta = stored.meta;
      if (meta.format !== INDEX_FORMAT || meta.key !== key) return null;
      if (meta.embedderId !== this.embedder.id || meta.dimensions !== this.embedder.dimensions) return null;
      if (!meta.vectors && Date.now() - Date.parse(meta.builtAt) > RETRY_EMBEDDINGS_MS) {
        // Built while the embedder was failing: try again now and then, not on every question.
        this.logger.info('index has no vectors; retrying the embedder', { callOff: callOffId });
        return null;
      }
      const vectors = meta.vectors ? readVectors(vectorsFile(dir, current.generation), meta.dimensions) : null;
      return this.materialise(stored, vectors);
    } catch (err) {
      // A damaged or foreign index is rebuilt, never fatal.
      this.logger.warn('index unreadable, rebuilding', { callOff: callOffId, error: (err as Error).message });
      return null;
    }
  }

  private materialise(stored: StoredIndex, vectors: VectorSearch | null): LoadedIndex {
    return {
      key: stored.meta.key,
      meta: stored.meta,
      chunks: stored.chunks,
      sections: sectionTexts(stored.sections),
      sectionCount: stored.sections.length,
      analyzer: SwedishAnalyzer.fromState(stored.vocabulary),
      bm25: Bm25Index.fromJSON(stored.bm25),
      vectors,
      answerTypes: Uint8Array.from(stored.answerTypes),
      published: null,
    };
  }

  private async build(callOff: CallOff, onProgress?: ProgressFn): Promise<IndexSummary> {
    const started = performance.now();
    const key = this.keyFor(callOff);
    const content = await this.loadContent(callOff, onProgress);
    const warnings = [...content.warnings];
    const vocabulary = SwedishAnalyzer.vocabularyOf([
      ...content.sections.map((s) => `${s.heading}\n${s.text}`),
      ...content.chunks.map((c) => c.heading),
    ]);
    const analyzer = new SwedishAnalyzer(vocabulary);
    const headings = new Map(content.sections.map((s) => [sectionKey(s.document, s.number), s.heading]));
    const bm25 = Bm25Index.build(content.chunks.map((c) => fieldTerms(analyzer, c, headings)));

    let vectors: VectorIndex | null = null;
    try {
      const embedded = await this.embedder.embed(content.chunks.map(embeddingText));
      vectors = VectorIndex.build(embedded, this.embedder.dimensions);
    } catch (err) {
      this.logger.warn('embedding failed; lexical retrieval only', {
        callOff: callOff.id,
        embedder: this.embedder.id,
        error: (err as Error).message,
      });
      warnings.push(
        `Vektorindexet kunde inte byggas (${this.embedder.id}); sökningen använder bara ordmatchning tills inbäddningen lyckas (nytt försök efter 10 minuter eller vid ingest).`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const stored: StoredIndex = {
      meta: {
        format: INDEX_FORMAT,
        key,
        callOff: callOff.id,
        builtAt: new Date().toISOString(),
        embedderId: this.embedder.id,
        dimensions: this.embedder.dimensions,
        vectors: vectors !== null,
        documents: content.documents,
        warnings,
        seconds,
      },
      chunks: content.chunks,
      sections: content.sections,
      vocabulary: analyzer.splitter.toState(),
      bm25: bm25.toJSON(),
      answerTypes: content.chunks.map((c) => answerTypesOf(c.text)),
    };
    const dir = indexDir(this.dataDir, callOff.id);
    try {
      writeGeneration(dir, stored, vectors ? (file) => vectors.write(file) : null);
    } catch (err) {
      // A read-only or full data dir costs a rebuild next time, not the answers now.
      this.logger.warn('index could not be saved; kept in memory', {
        callOff: callOff.id,
        error: (err as Error).message,
      });
      warnings.push(`Indexet kunde inte sparas i ${dir} (${(err as Error).message}); det byggs om vid nästa start.`);
    }
    const index: LoadedIndex = {
      key,
      meta: stored.meta,
      chunks: content.chunks,
      sections: sectionTexts(content.sections),
      sectionCount: content.sections.length,
      analyzer,
      bm25,
      vectors,
      answerTypes: Uint8Array.from(stored.answerTypes),
      published: null,
    };
    this.remember(callOff.id, index);
    this.logger.info('index built', {
      callOff: callOff.id,
      documents: content.documents.length,
      sections: content.sections.length,
      chunks: content.chunks.length,
      seconds: Number(seconds.toFixed(3)),
    });
    return this.summary(index, true, started);
  }

  /** The current index: a changed knowledge file is picked up by the next question, also in a long-running server. */
  private async indexFor(callOff: CallOff): Promise<LoadedIndex> {
    for (const dropped of this.loaded.sweep()) {
      this.logger.debug('index dropped from memory (idle)', { callOff: dropped });
    }
    const index = this.loaded.get(callOff.id);
    if (index && !this.building.has(callOff.id)) {
      let current: string;
      try {
        current = this.keyFor(callOff);
      } catch (err) {
        // The folder went away under a running server: keep answering from what was indexed.
        this.logger.warn('knowledge folder unreadable; using the loaded index', {
          callOff: callOff.id,
          error: (err as Error).message,
        });
        return index;
      }
      if (index.key === current) return index;
    }
    if (!this.builder) return (await this.load(callOff)).index;
    return this.withinWait(callOff, this.load(callOff, undefined, true));
  }

  /**
   * A question does not wait for a build without end: after waitForIndexMs it
   * gets index_building (the supplier is asked to try again in a minute) while
   * the build goes on, first in the worker's queue.
   */
  private async withinWait(callOff: CallOff, loading: Promise<{ index: LoadedIndex }>): Promise<LoadedIndex> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CodedError('index_building', INDEX_BUILDING_MESSAGE)), this.waitForIndexMs);
    });
    // Past the wait, the build's own outcome reaches no one here: the next question sees it.
    loading.catch(() => undefined);
    try {
      return (await Promise.race([loading, late])).index;
    } catch (err) {
      if (err instanceof CodedError && err.code === 'index_building') {
        this.logger.warn('question did not wait longer for its index', {
          callOff: callOff.id,
          waitedMs: this.waitForIndexMs,
        });
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async retrieve(
    callOff: CallOff,
    question: string,
    published: PublishedAnswer[],
    opts: RetrieveOptions = {},
  ): Promise<Passage[]> {
    const weights = opts.weights ?? this.weights;
    const index = await this.indexFor(callOff);
    const query = withFoldedSpellings(index, queryTerms(index.analyzer, question, weights), question);
    // Nothing to search for (empty, or only stop words such as "Hej?"): no passages rather than arbitrary ones.
    if (query.length === 0) return [];
    // Isolation: only this call-off's published answers, whatever the caller passed.
    const pub = await this.publishedIndex(
      index,
      published.filter((p) => p.callOff === callOff.id),
    );
    let queryVector: number[] | null = null;
    if (index.vectors || pub?.vectors) {
      try {
        queryVector = (await this.embedder.embed([question]))[0] ?? null;
      } catch (err) {
        this.logger.warn('query embedding failed; lexical retrieval only', { error: (err as Error).message });
      }
    }
    return this.rank(index, pub, query, queryVector, expectedAnswerTypes(question), weights);
  }

  /** The ranking proper, synchronous: split out so benchmarks can time it without the embedder's promise. */
  private rank(
    index: LoadedIndex,
    pub: PublishedIndex | null,
    query: QueryTerm[],
    queryVector: number[] | null,
    wanted: number,
    weights: RetrievalWeights,
  ): Passage[] {
    const n = index.chunks.length;
    const lexical = new Map<number, number>();
    const stats = pub ? combinedStats(index.bm25, pub.bm25) : index.bm25;
    for (const { doc, score } of index.bm25.search(query, weights.candidates, weights.bm25, stats)) {
      lexical.set(doc, score);
    }
    const vector = new Map<number, number>();
    if (queryVector && index.vectors) {
      for (const hit of index.vectors.search(queryVector, weights.candidates)) vector.set(hit.doc, hit.similarity);
    }
    if (pub) {
      for (const [doc, score] of pub.bm25.score(query, weights.bm25, stats)) lexical.set(n + doc, score);
      if (queryVector && pub.vectors) {
        pub.vectors.forEach((v, i) => {
          vector.set(n + i, cosine(queryVector, v));
        });
      }
    }
    const types = (doc: number) => (doc < n ? index.answerTypes[doc]! : pub!.answerTypes[doc - n]!);
    const lexMax = Math.max(0, ...lexical.values());
    const vecMax = Math.max(0, ...vector.values());
    // Absolute where lexical and vector are relative: the answer model weighs the best passage against how much the question asks.
    const questionWeight = attainableScore(query, stats);
    return boostAnswerTypes(fuse({ lexical, vector }, weights.fusion), wanted, types, weights.answerType)
      .slice(0, this.topK)
      .map(({ doc, score }) => ({
        chunk: doc < n ? index.chunks[doc]! : pub!.chunks[doc - n]!,
        score,
        // The answer model reads both signals (their agreement is evidence of its own).
        signals: {
          lexical: lexMax > 0 ? (lexical.get(doc) ?? 0) / lexMax : 0,
          vector: vecMax > 0 ? Math.max(0, vector.get(doc) ?? 0) / vecMax : 0,
          questionWeight,
        },
      }));
  }

  private async publishedIndex(index: LoadedIndex, published: PublishedAnswer[]): Promise<PublishedIndex | null> {
    if (published.length === 0) return null;
    const key = createHash('sha256')
      .update(JSON.stringify(published.map((p) => [p.faqNumber, p.question, p.answer])))
      .digest('hex');
    if (index.published?.key === key) return index.published;
    const chunks = published.map(publishedChunk);
    const bm25 = Bm25Index.build(
      chunks.map((c) => ({
        heading: index.analyzer.analyzeForIndexWeighted(c.heading),
        body: index.analyzer.analyzeForIndexWeighted(c.text),
        context: [],
      })),
    );
    // Embedded once per change of the list, not per question (one request with a remote embedder).
    let vectors: number[][] | null = null;
    if (index.vectors) {
      try {
        vectors = await this.embedder.embed(chunks.map(embeddingText));
      } catch (err) {
        this.logger.warn('embedding published answers failed', { error: (err as Error).message });
      }
    }
    const answerTypes = Uint8Array.from(chunks.map((c) => answerTypesOf(c.text)));
    const built: PublishedIndex = { key, chunks, bm25, vectors, answerTypes };
    index.published = built;
    return built;
  }

  /** The full normalised text of a section (citations quote substrings of this). */
  sectionText(callOffId: string, document: string, section: string): string | undefined {
    const index = this.loaded.get(callOffId) ?? this.loadCurrentFromDisk(callOffId);
    if (!index) return undefined;
    if (document === PUBLISHED_DOCUMENT) {
      return index.published?.chunks.find((c) => c.section === section)?.text;
    }
    return index.sections.get(sectionKey(document, section));
  }

  /** For sectionText before any ensureIndex in this process: the last complete index on disk, whatever its key. */
  private loadCurrentFromDisk(callOffId: string): LoadedIndex | undefined {
    const dir = indexDir(this.dataDir, callOffId);
    const current = readCurrent(dir);
    if (!current) return undefined;
    try {
      const stored = readStored(dir, current.generation);
      return this.materialise(stored, null);
    } catch {
      return undefined;
    }
  }
}

/**
 * Bonus, on the fused scale (best ≈ 1), for a candidate holding the kind of
 * answer the question asks for (a phone number or e-mail address for "Vem ...?",
 * a date for "När ...?"); the sizes are the shipped weights' (src/retrieval/weights.ts).
 */
function answerBonus(matched: number, bonus: AnswerTypeBonus): number {
  let out = 0;
  if (matched & ANSWER_CONTACT) out = Math.max(out, bonus.contact);
  if (matched & ANSWER_DATE) out = Math.max(out, bonus.date);
  if (matched & ANSWER_TIME) out = Math.max(out, bonus.time);
  if (matched & ANSWER_QUANTITY) out = Math.max(out, bonus.quantity);
  return out;
}

function boostAnswerTypes(
  ranked: Array<{ doc: number; score: number }>,
  wanted: number,
  types: (doc: number) => number,
  bonus: AnswerTypeBonus,
): Array<{ doc: number; score: number }> {
  if (wanted === 0 || ranked.length === 0) return ranked;
  // Only among candidates that are already close: a date does not make an unrelated section relevant.
  const floor = ranked[0]!.score * bonus.floor;
  const out = ranked.map((r) => ({
    doc: r.doc,
    score: r.score >= floor ? r.score + answerBonus(answeredTypes(wanted, types(r.doc)), bonus) : r.score,
  }));
  return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/**
 * Section texts by document and number. Should a document repeat a number,
 * the texts are joined, so that every chunk of either is still a verbatim
 * substring of what sectionText returns.
 */
function sectionTexts(sections: readonly Section[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sections) {
    const key = sectionKey(s.document, s.number);
    const seen = out.get(key);
    out.set(key, seen === undefined ? s.text : `${seen}\n${s.text}`);
  }
  return out;
}

/** The question's terms, each once (with the largest weight any occurrence gave it). */
export function queryTerms(analyzer: SwedishAnalyzer, question: string, weights: RetrievalWeights): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  for (const t of analyzer.analyzeWeighted(question, { mode: 'query', expansion: weights.expansion })) {
    const seen = terms.get(t.term);
    if (!seen) terms.set(t.term, { ...t });
    else if (t.weight > seen.weight) seen.weight = t.weight;
  }
  return [...terms.values()];
}

/** Per index: its terms with å, ä, ö or é, by their spelling without them ("forsakr" -> "försäkr"). */
const foldedVocabularies = new WeakMap<Bm25Index, Map<string, string[]>>();

function foldedVocabulary(bm25: Bm25Index): Map<string, string[]> {
  let out = foldedVocabularies.get(bm25);
  if (!out) {
    out = new Map();
    for (const term of bm25.terms()) {
      const folded = foldLetters(term);
      if (folded === term) continue;
      const list = out.get(folded);
      if (list) list.push(term);
      else out.set(folded, [term]);
    }
    foldedVocabularies.set(bm25, out);
  }
  return out;
}

/**
 * A question typed without å, ä and ö ("Maste leverantoren ha nagon forsakring?"): each of its
 * terms the index does not know also searches for the index's terms spelled that way, as
 * alternatives in the same group.
 */
function withFoldedSpellings(index: LoadedIndex, query: QueryTerm[], question: string): QueryTerm[] {
  if (!isFoldedQuestion(question)) return query;
  const vocabulary = foldedVocabulary(index.bm25);
  const out = [...query];
  for (const t of query) {
    if (index.bm25.docFreq(t.term) > 0) continue;
    for (const spelled of vocabulary.get(t.term) ?? []) out.push({ ...t, term: spelled });
  }
  return out;
}

/** What the vector side sees of a chunk: its heading and its text. */
function embeddingText(chunk: Chunk): string {
  return `${chunk.heading}\n${chunk.text}`;
}

/** The three BM25 fields of a chunk: heading (+ section number), body, and context (parent headings, document name). */
function fieldTerms(analyzer: SwedishAnalyzer, chunk: Chunk, headings: Map<string, string>): FieldTerms {
  const parents: string[] = [];
  const parts = chunk.section.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const parent = headings.get(sectionKey(chunk.document, parts.slice(0, i).join('.')));
    if (parent) parents.push(parent);
  }
  const docName = chunk.document.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ');
  return {
    heading: analyzer.analyzeForIndexWeighted(`${chunk.section} ${chunk.heading}`),
    body: analyzer.analyzeForIndexWeighted(chunk.text),
    context: analyzer.analyzeForIndexWeighted(`${parents.join(' ')} ${docName}`),
  };
}

export function publishedChunk(p: PublishedAnswer): Chunk {
  const id = createHash('sha256').update(`${p.faqNumber}\0${p.question}\0${p.answer}`).digest('hex').slice(0, 16);
  return {
    id: `faq-${p.faqNumber}-${id}`,
    kind: 'published_answer',
    document: PUBLISHED_DOCUMENT,
    section: `Publicerat svar nr ${p.faqNumber}`,
    heading: p.question,
    text: p.answer,
    page: null,
    faqNumber: p.faqNumber,
  };
}
