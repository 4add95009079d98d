// The annotated corpus: in every question, each identifying string must be
// gone from the public wording AND from what the core sends for answering
// (the wording without its placeholders: the retrieval query and the LLM
// prompt are built from it), and each content string must survive.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anonymise } from '../../src/anonymise/index.js';
import { withoutMaskedParts } from '../../src/core/ask.js';

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

/** As a reader sees it: "０７０" is "070", a zero-width space is nothing. */
const plain = (s: string) => s.normalize('NFKC').replace(/\p{Cf}/gu, '');

/** Whole-word and case-insensitive: "Johan" must not survive as "johan", nor "０７０-..." as "070-...". */
function visible(output: string, needle: string): boolean {
  const esc = plain(needle).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'iu').test(plain(output));
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
      const forAnswering = withoutMaskedParts(out);
      for (const s of item.mustDisappear) {
        expect(visible(out.text, s), `"${s}" still in: ${out.text}`).toBe(false);
        expect(visible(forAnswering, s), `"${s}" sent for answering: ${forAnswering}`).toBe(false);
      }
      for (const s of item.mustStay) expect(out.text, `lost "${s}"`).toContain(s);
      for (const span of out.spans) expect(out.text.slice(span.start, span.end)).toMatch(/^\[[a-zåäö-]+\]$/u);
    });
  }
});
