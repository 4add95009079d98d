/**
 * The answer model's reading of words (src/answering/terms.ts): what a
 * question's first reading costs besides its passages' own words.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Chunk } from '../../src/core/types.js';

describe('question terms', () => {
  it('list every lexicon entry as the analyzer stems it, so that nothing is analysed to classify a word', async () => {
    const { getDefaultAnalyzer } = await import('../../src/retrieval/analyzer.js');
    const { GENERIC_STEMS, LIGHT_STEMS } = await import('../../src/answering/lexicon.js');
    const analyzer = getDefaultAnalyzer();
    for (const stems of [LIGHT_STEMS, GENERIC_STEMS]) {
      for (const entry of stems) {
        const first = analyzer.analyzeWeighted(entry, { mode: 'index' })[0];
        if (first) expect(stems.has(first.term), `"${entry}" is analysed to "${first.term}": list it too`).toBe(true);
      }
    }
  });

  it('stem no base lexicon again: the passages analyzer takes the shared default one', async () => {
    // A fresh process: nothing of terms.ts computed yet.
    vi.resetModules();
    const { getDefaultAnalyzer, SwedishAnalyzer } = await import('../../src/retrieval/analyzer.js');
    const { CompoundSplitter } = await import('../../src/retrieval/compounds.js');
    const { analyzerOfChunks, questionGroups } = await import('../../src/answering/terms.js');
    // Built before any question in every `ask` (the hashed embedder reads with it).
    getDefaultAnalyzer();
    const added = vi.spyOn(CompoundSplitter.prototype, 'addWord');
    try {
      const chunk = {
        id: 'c1',
        kind: 'document',
        document: 'avrop.txt',
        section: '4.2',
        heading: 'Kompetenskrav',
        text: 'Samtliga konsulter ska ha kompetensnivå 3.',
        page: 1,
      } as Chunk;
      const groups = questionGroups(
        analyzerOfChunks([chunk]),
        'Kan ni förtydliga vilken kompetensnivå som samtliga konsulter ska ha?',
        false,
      );
      const cls = (word: string) => groups.find((g) => word.startsWith(g.primary))?.cls;
      expect(cls('förtydliga')).toBe('light');
      expect(cls('samtliga')).toBe('light');
      expect(cls('konsulter')).toBe('generic');
      expect(cls('kompetensnivå')).toBe('topic');
      // The only words stemmed into a vocabulary are the chunk's own.
      expect(added.mock.calls.map(([word]) => word)).toEqual(
        SwedishAnalyzer.vocabularyOf([`${chunk.heading}\n${chunk.text}`]),
      );
    } finally {
      added.mockRestore();
    }
  });
});
