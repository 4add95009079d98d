/**
 * The tokenizer's typed tokens (kind, text, offsets) for a fixed list of
 * strings, recorded from the tokenizer before its dates, times, amounts,
 * e-mail addresses and URLs came from src/text/recognisers.ts. A change here
 * changes every stored index (bump INDEX_FORMAT) and what the answer model was
 * fitted on: regenerate the fixture only on purpose.
 *
 * The strings: hand-written Swedish call-off and question text with the shapes
 * that are easy to get wrong, and 400 strings assembled from such fragments by
 * the seeded generator of test/support/random.ts (seed 20261206), stored with
 * their tokens so the test does not depend on how they were generated.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/retrieval/tokenizer.js';

interface Sample {
  text: string;
  tokens: string[];
}

const samples = JSON.parse(
  readFileSync(new URL('../fixtures/retrieval/token-kinds.json', import.meta.url), 'utf8'),
) as Sample[];

describe('token kinds', () => {
  it('covers every kind the tokenizer gives', () => {
    const kinds = new Set(samples.flatMap((s) => s.tokens.map((t) => t.split(' ')[0])));
    expect([...kinds].sort()).toEqual(
      ['amount', 'date', 'email', 'number', 'reference', 'section', 'time', 'url', 'word'].sort(),
    );
    expect(samples.length).toBeGreaterThan(400);
  });

  it('gives the recorded tokens for every sample', () => {
    const changed = samples.filter(
      (s) =>
        tokenize(s.text)
          .map((t) => `${t.kind} ${t.text} ${t.start}-${t.end}`)
          .join('\n') !== s.tokens.join('\n'),
    );
    expect(changed.map((s) => s.text)).toEqual([]);
  });
});
