/**
 * The offline embedder: hashed character n-grams (3-5) of the analyzed terms,
 * signed feature hashing into a few hundred dimensions, L2-normalised.
 * It needs no model and no network, and being built on stems and sub-word
 * n-grams it tolerates inflection, compounds and typos that exact terms miss:
 * a second, independent signal next to BM25.
 */
import type { Embedder } from '../core/ports.js';
import { getDefaultAnalyzer, type SwedishAnalyzer } from './analyzer.js';

export const HASHED_EMBEDDER_VERSION = 'hashed-ngram-v2';

export interface HashedEmbedderOptions {
  dimensions?: number;
  minGram?: number;
  maxGram?: number;
  analyzer?: SwedishAnalyzer;
}

/** FNV-1a, 32 bit. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class HashedEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly minGram: number;
  private readonly maxGram: number;
  private readonly analyzer: SwedishAnalyzer;

  constructor(opts: HashedEmbedderOptions = {}) {
    this.dimensions = opts.dimensions ?? 384;
    this.minGram = opts.minGram ?? 3;
    this.maxGram = opts.maxGram ?? 5;
    this.analyzer = opts.analyzer ?? getDefaultAnalyzer();
    this.id = `${HASHED_EMBEDDER_VERSION}:${this.dimensions}:${this.minGram}-${this.maxGram}`;
  }

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedOne(t));
  }

  /** Synchronous form, for the in-process hot path. */
  embedOne(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    // Sub-linear term frequency: a word repeated ten times is not ten times the evidence.
    const weights = new Map<string, number>();
    for (const { term, weight } of this.analyzer.analyzeWeighted(text, { mode: 'index', translateEnglish: true })) {
      weights.set(term, (weights.get(term) ?? 0) + weight);
    }
    for (const [term, tf] of weights) {
      const w = 1 + Math.log(tf);
      if (w <= 0) continue;
      this.addFeature(v, `w:${term}`, w);
      const padded = `<${term}>`;
      for (let n = this.minGram; n <= this.maxGram; n++) {
        for (let i = 0; i + n <= padded.length; i++) this.addFeature(v, padded.slice(i, i + n), w * 0.5);
      }
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    const out = new Array<number>(this.dimensions);
    for (let i = 0; i < v.length; i++) out[i] = norm > 0 ? v[i]! / norm : 0;
    return out;
  }

  private addFeature(v: Float64Array, feature: string, weight: number): void {
    const h = fnv1a(feature);
    // Sign from another bit of the hash so collisions cancel out on average.
    v[h % this.dimensions]! += h & 0x80000000 ? -weight : weight;
  }
}
