/**
 * Approximate nearest neighbours over chunk vectors with hnswlib-node.
 * Vectors are L2-normalised, so inner product is cosine similarity.
 */
import { createRequire } from 'node:module';
import type * as hnswlibTypes from 'hnswlib-node';

type Hnswlib = typeof hnswlibTypes;
let hnswlibModule: Hnswlib | undefined;

/**
 * The native addon, loaded on first use: a stored index is read without it (flatVectors.ts),
 * so `ask` on a built index never pays its ~10 ms of loading. Synchronous, as its callers are.
 */
function hnswlib(): Hnswlib {
  hnswlibModule ??= createRequire(import.meta.url)('hnswlib-node') as Hnswlib;
  return hnswlibModule;
}

export interface VectorHit {
  doc: number;
  /** Cosine similarity. */
  similarity: number;
}

const M = 16;
const EF_CONSTRUCTION = 200;
const EF_SEARCH = 128;

export class VectorIndex {
  private constructor(
    private readonly index: hnswlibTypes.HierarchicalNSW,
    readonly dimensions: number,
    readonly size: number,
  ) {}

  static build(vectors: number[][], dimensions: number): VectorIndex {
    const index = new (hnswlib().HierarchicalNSW)('ip', dimensions);
    index.initIndex({
      maxElements: Math.max(1, vectors.length),
      m: M,
      efConstruction: EF_CONSTRUCTION,
      randomSeed: 42,
    });
    vectors.forEach((v, i) => {
      if (v.length !== dimensions) throw new Error(`vector ${i} has ${v.length} dimensions, expected ${dimensions}`);
      index.addPoint(v, i);
    });
    index.setEf(EF_SEARCH);
    return new VectorIndex(index, dimensions, vectors.length);
  }

  static read(file: string, dimensions: number): VectorIndex {
    const index = new (hnswlib().HierarchicalNSW)('ip', dimensions);
    index.readIndexSync(file);
    index.setEf(EF_SEARCH);
    return new VectorIndex(index, dimensions, index.getCurrentCount());
  }

  write(file: string): void {
    this.index.writeIndexSync(file);
  }

  search(query: number[], k: number): VectorHit[] {
    const n = Math.min(k, this.size);
    if (n === 0) return [];
    const { neighbors, distances } = this.index.searchKnn(query, n);
    // hnswlib's "ip" distance is 1 - inner product.
    return neighbors.map((doc, i) => ({ doc, similarity: 1 - distances[i]! }));
  }
}

/** Exact cosine for a handful of vectors (published answers), where a graph is not worth building. */
export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
