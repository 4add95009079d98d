/**
 * The Swedish Snowball stemmer in src/retrieval/stemmer.ts against the stems
 * the snowball-stemmers package gave (before it was dropped) for every word of
 * the corpus text (the real call-offs, the seed, the fixtures' questions), for
 * fragments of long words as the compound splitter asks for them, and for a
 * few odd inputs (capitals, digits, letters outside Swedish).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snowballSwedish } from '../../src/retrieval/stemmer.js';

const expected = readFileSync(
  path.join(import.meta.dirname, '../fixtures/retrieval/snowball-swedish-stems.tsv'),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((line) => line.split('\t') as [string, string]);

describe('snowballSwedish', () => {
  it('gives the stems of the reference Snowball implementation for the whole word list', () => {
    expect(expected.length).toBeGreaterThan(8000);
    const wrong = expected.filter(([word, stem]) => snowballSwedish(word) !== stem);
    expect(wrong).toEqual([]);
    // The list exercises every step: most words lose a suffix, and so on.
    expect(expected.filter(([word, stem]) => word !== stem).length).toBeGreaterThan(3000);
  });

  it('applies each step of the algorithm', () => {
    expect(snowballSwedish('anbuden')).toBe('anbud'); // main suffix
    expect(snowballSwedish('kontraktet')).toBe('kontraktet'); // "-et" is not a Snowball suffix
    expect(snowballSwedish('ramavtals')).toBe('ramavtal'); // "-s" after an s-ending letter
    expect(snowballSwedish('ryss')).toBe('ryss'); // but not after another "s"
    expect(snowballSwedish('grupperna')).toBe('grupp'); // longest main suffix in R1
    expect(snowballSwedish('kvinnlig')).toBe('kvinn'); // other suffix "-lig"
    expect(snowballSwedish('hopplöst')).toBe('hopplös'); // "-löst" -> "-lös"
    expect(snowballSwedish('kraftt')).toBe('kraft'); // a final double consonant
    expect(snowballSwedish('ås')).toBe('ås'); // too short for R1
  });
});
