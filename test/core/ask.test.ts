// Helpers of the ask use case that are pure enough to test alone (the use case
// itself is tested end to end on a real App in test/acceptance).
import { describe, expect, it } from 'vitest';
import { ungroundedCitation, withoutMaskedParts } from '../../src/core/ask.js';
import type { Passage } from '../../src/core/types.js';

describe('withoutMaskedParts', () => {
  it('removes the placeholders the anonymiser reports, and nothing else', () => {
    const text = '[namn] från [leverantören] här. Hur lång är [uppdrags]perioden?';
    const spans = [
      { start: 0, end: 6, kind: 'name' as const },
      { start: 12, end: 26, kind: 'org' as const },
    ];
    expect(withoutMaskedParts({ text, spans })).toBe('från här. Hur lång är [uppdrags]perioden?');
  });
});

describe('ungroundedCitation', () => {
  const passage: Passage = {
    score: 1,
    chunk: {
      id: 'c1',
      kind: 'document',
      document: 'a.txt',
      section: '1.2',
      heading: 'Rubrik',
      text: 'Anbud ska vara inne senast:\n2026-02-02 23:59.',
      page: null,
    },
  };
  const cite = (quote: string, section = '1.2') => ({ document: 'a.txt', section, heading: 'Rubrik', quote });

  it('accepts a verbatim quote, white space folded', () => {
    const answer = { status: 'answered' as const, answer: 'x', citations: [cite('inne senast: 2026-02-02 23:59')] };
    expect(ungroundedCitation(answer, [passage])).toBeNull();
  });
  it('rejects an invented quote, a wrong section, and an answer without citations', () => {
    expect(
      ungroundedCitation({ status: 'answered', answer: 'x', citations: [cite('senast 2026-03-01')] }, [passage]),
    ).toMatch(/not found/);
    expect(
      ungroundedCitation({ status: 'answered', answer: 'x', citations: [cite('Anbud ska', '9.9')] }, [passage]),
    ).toMatch(/not found/);
    expect(ungroundedCitation({ status: 'answered', answer: 'x', citations: [] }, [passage])).toMatch(
      /without a citation/,
    );
  });
});
