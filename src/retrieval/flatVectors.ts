/**
 * The chunk vectors of a stored index, read straight from the hnswlib file
 * into one Float32Array and searched exactly, for loading an index into a
 * long-running server.
 *
 * Why not hnswlib's own reader: every HierarchicalNSW instance allocates
 * 65,536 label locks (about 2.6 MB) outside the JavaScript heap, whatever the
 * size of the index, and frees them only when V8 happens to collect the
 * wrapper, which a small heap rarely does. Loading and dropping call-offs'
 * indexes then grew `serve` by ~3 MB per load. A call-off has a few hundred
 * to a few thousand chunks: an exact scan is ~1-2 ms at 5,000 chunks, and
 * the graph's approximation buys nothing at that size. The bytes live in the
 * JavaScript heap, so dropping an index frees them like any other object.
 *
 * The file layout (hnswlib's HierarchicalNSW::saveIndex): a 96-byte header of
 * little-endian fields, then per element its level-0 links, its vector
 * (float32 × dimensions) and its label (uint64). Anything that does not add
 * up is refused (null), and the caller falls back to hnswlib.
 */
import { readFileSync } from 'node:fs';
import type { VectorHit } from './vectorIndex.js';

const HEADER_BYTES = 96;

export interface VectorSearch {
  readonly size: number;
  search(query: number[], k: number): VectorHit[];
}

export class FlatVectorIndex implements VectorSearch {
  private constructor(
    /** Row i holds the vector of chunk labels[i]. */
    private readonly data: Float32Array,
    private readonly labels: Uint32Array,
    readonly dimensions: number,
  ) {}

  get size(): number {
    return this.labels.length;
  }

  /** The vectors of an hnswlib index file, or null when the file is not laid out as expected. */
  static read(file: string, dimensions: number): FlatVectorIndex | null {
    const bytes = readFileSync(file);
    if (bytes.length < HEADER_BYTES) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const size = (at: number) => Number(view.getBigUint64(at, true));
    const offsetLevel0 = size(0);
    const count = size(16);
    const perElement = size(24);
    const labelOffset = size(32);
    const offsetData = size(40);
    const vectorBytes = dimensions * 4;
    if (
      offsetLevel0 !== 0 ||
      labelOffset !== offsetData + vectorBytes ||
      perElement !== labelOffset + 8 ||
      HEADER_BYTES + count * perElement > bytes.length
    ) {
      return null;
    }
    const data = new Float32Array(count * dimensions);
    const labels = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      const element = HEADER_BYTES + i * perElement;
      for (let d = 0; d < dimensions; d++)
        data[i * dimensions + d] = view.getFloat32(element + offsetData + d * 4, true);
      const label = view.getBigUint64(element + labelOffset, true);
      if (label >= BigInt(count)) return null;
      labels[i] = Number(label);
    }
    return new FlatVectorIndex(data, labels, dimensions);
  }

  /** The k most similar chunks by inner product (cosine: the vectors are L2-normalised), best first. */
  search(query: number[], k: number): VectorHit[] {
    const n = this.labels.length;
    const dims = this.dimensions;
    if (n === 0 || k <= 0) return [];
    // Same precision as hnswlib: the query as float32.
    const q = Float32Array.from(query);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let dot = 0;
      const base = i * dims;
      for (let d = 0; d < dims; d++) dot += this.data[base + d]! * q[d]!;
      scores[i] = Math.fround(dot);
    }
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => scores[b]! - scores[a]! || this.labels[a]! - this.labels[b]!);
    return order.slice(0, Math.min(k, n)).map((i) => ({ doc: this.labels[i]!, similarity: scores[i]! }));
  }
}
