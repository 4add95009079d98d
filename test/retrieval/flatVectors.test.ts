// The stored vectors read without hnswlib: the same neighbours as hnswlib's own search, and a file
// that does not add up is refused rather than misread.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlatVectorIndex } from '../../src/retrieval/flatVectors.js';
import { VectorIndex } from '../../src/retrieval/vectorIndex.js';
import { seededRandom as random } from '../support/random.js';
import { tempDir } from './quality.js';

function unitVectors(n: number, dims: number, rnd: () => number): number[][] {
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: dims }, () => rnd() * 2 - 1);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('FlatVectorIndex', () => {
  it('finds the same nearest chunks, with the same similarities, as hnswlib on the same file', () => {
    const dims = 64;
    const rnd = random(7);
    const vectors = unitVectors(300, dims, rnd);
    const file = path.join(tempDir('avropsbot-flat-'), 'vectors.hnsw');
    const hnsw = VectorIndex.build(vectors, dims);
    hnsw.write(file);
    const flat = FlatVectorIndex.read(file, dims);
    expect(flat).not.toBeNull();
    expect(flat!.size).toBe(300);
    for (const query of unitVectors(20, dims, rnd)) {
      const expected = hnsw.search(query, 10);
      const got = flat!.search(query, 10);
      expect(got.map((h) => h.doc)).toEqual(expected.map((h) => h.doc));
      got.forEach((h, i) => {
        expect(h.similarity).toBeCloseTo(expected[i]!.similarity, 5);
      });
    }
    // A stored vector is its own nearest neighbour.
    expect(flat!.search(vectors[42]!, 1)[0]?.doc).toBe(42);
  });

  it('refuses a file whose layout does not match the dimensions, or that is cut short', () => {
    const dims = 16;
    const dir = tempDir('avropsbot-flat-');
    const file = path.join(dir, 'vectors.hnsw');
    VectorIndex.build(unitVectors(10, dims, random(3)), dims).write(file);
    expect(FlatVectorIndex.read(file, dims * 2)).toBeNull();
    const short = path.join(dir, 'short.hnsw');
    writeFileSync(short, Buffer.alloc(40));
    expect(FlatVectorIndex.read(short, dims)).toBeNull();
  });
});
