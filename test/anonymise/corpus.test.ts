// The annotated corpus: in every question, each identifying string must be
// gone from the public wording and each content string must survive.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anonymise } from '../../src/anonymise/index.js';

interface CorpusItem {
  id: string;
  style: string;
  text: string;
  asker: { name: string | null; org: string | null };
  mustDisappear: string[];
  mustStay: string[];
}

const corpus: CorpusItem[] = readFileSync(
  fileURLToPath(new URL('../fixtures/anonymise/corpus.jsonl', import.meta.url)),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as CorpusItem);

/** Whole-word and case-insensitive: "Johan" must not survive as "johan" either. */
function visible(output: string, needle: string): boolean {
  const esc = needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'iu').test(output);
}

describe('anonymisation corpus', () => {
  it('has at least 60 varied questions', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
    expect(new Set(corpus.map((c) => c.style)).size).toBeGreaterThan(40);
    for (const c of corpus) for (const s of [...c.mustDisappear, ...c.mustStay]) expect(c.text).toContain(s);
  });

  for (const item of corpus) {
    it(`${item.id} (${item.style})`, () => {
      const out = anonymise(item.text, item.asker);
      for (const s of item.mustDisappear) expect(visible(out.text, s), `"${s}" still in: ${out.text}`).toBe(false);
      for (const s of item.mustStay) expect(out.text, `lost "${s}"`).toContain(s);
      for (const span of out.spans) expect(out.text.slice(span.start, span.end)).toMatch(/^\[[a-zåäö-]+\]$/u);
    });
  }
});
