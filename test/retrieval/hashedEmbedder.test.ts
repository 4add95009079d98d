// The offline hashed n-gram embedder: the shared Embedder contract, plus what it is for.
import { describe, expect, it } from 'vitest';
import { HashedEmbedder } from '../../src/retrieval/hashedEmbedder.js';
import { cosine, VectorIndex } from '../../src/retrieval/vectorIndex.js';
import { describeEmbedderContract } from './embedderContract.js';

describeEmbedderContract('HashedEmbedder (384)', () => new HashedEmbedder());
describeEmbedderContract(
  'HashedEmbedder (128, 2-4-grams)',
  () => new HashedEmbedder({ dimensions: 128, minGram: 2, maxGram: 4 }),
);

describe('HashedEmbedder', () => {
  it('has an id that changes with its parameters (a different one forces a rebuild)', () => {
    expect(new HashedEmbedder().id).toBe('hashed-ngram-v2:384:3-5');
    expect(new HashedEmbedder({ dimensions: 256 }).id).not.toBe(new HashedEmbedder().id);
  });

  it('tolerates a misspelling that exact terms miss', () => {
    const e = new HashedEmbedder();
    const doc = e.embedOne('Anbudsöppning sker hos Arbetsförmedlingen.');
    const typo = e.embedOne('När är anbudsöpningen?');
    const other = e.embedOne('Vem är kontaktperson?');
    expect(cosine(typo, doc)).toBeGreaterThan(cosine(other, doc) + 0.1);
  });

  it('gives the zero vector for text without content words', () => {
    expect(new HashedEmbedder().embedOne('och det att').every((x) => x === 0)).toBe(true);
  });
});

describe('VectorIndex (hnswlib)', () => {
  it('finds the nearest vectors, persists and reloads', async () => {
    const e = new HashedEmbedder();
    const texts = [
      'Sista anbudsdag är 2026-02-02 23:59.',
      'Kontaktperson under avropet är Åsa Gustafsson.',
      'Distansarbete upp till 49 % kan accepteras.',
      'Avtalet signeras elektroniskt med Addo Sign.',
    ];
    const index = VectorIndex.build(await e.embed(texts), e.dimensions);
    const q = e.embedOne('Kan man arbeta på distans?');
    expect(index.search(q, 2)[0]!.doc).toBe(2);
    expect(index.search(q, 10)).toHaveLength(4);
    const file = `${(await import('node:os')).tmpdir()}/vectors-${process.pid}-${Date.now()}.hnsw`;
    index.write(file);
    const loaded = VectorIndex.read(file, e.dimensions);
    expect(loaded.size).toBe(4);
    const hit = loaded.search(q, 1)[0]!;
    expect(hit.doc).toBe(2);
    expect(hit.similarity).toBeCloseTo(cosine(q, e.embedOne(texts[2]!)), 4);
  });

  it('refuses vectors of the wrong dimension with a clear message', () => {
    expect(() => VectorIndex.build([[1, 0, 0]], 4)).toThrow(/3 dimensions, expected 4/);
  });
});
