// The one test of whether a quote stands in the documents (src/core/grounding.ts),
// and that the core's guard and the LLM composer's stricter check agree on it.
import { describe, expect, it } from 'vitest';
import { checkGrounding } from '../../src/answering/grounding.js';
import { ungroundedCitation } from '../../src/core/ask.js';
import { foldWhitespace, sourceOfQuote } from '../../src/core/grounding.js';
import type { BotAnswer, Citation, Passage } from '../../src/core/types.js';

const passage = (document: string, section: string, text: string): Passage => ({
  score: 1,
  chunk: { id: `${document}#${section}`, kind: 'document', document, section, heading: 'Rubrik', text, page: null },
});
const cite = (document: string, section: string, quote: string): Citation => ({
  document,
  section,
  heading: 'Rubrik',
  quote,
});

const deadline = passage('a.txt', '1.2', 'Anbud ska vara inne senast:\n2026-02-02\u00a0kl.  23:59.');
const other = passage('b.txt', '1.2', 'Frågor ställs via TendSign senast 2026-01-29.');
const passages = [deadline, other];

describe('sourceOfQuote', () => {
  it('finds the passage of the cited document and section that holds the quote, white space folded', () => {
    expect(sourceOfQuote(cite('a.txt', '1.2', 'inne senast: 2026-02-02 kl. 23:59'), passages)).toBe(deadline);
    expect(sourceOfQuote(cite('b.txt', '1.2', '  via\nTendSign  '), passages)).toBe(other);
  });

  it('finds nothing for a quote of another section or document, an altered quote or an empty one', () => {
    expect(sourceOfQuote(cite('a.txt', '1.3', 'inne senast'), passages)).toBeUndefined();
    expect(sourceOfQuote(cite('b.txt', '1.2', 'inne senast'), passages)).toBeUndefined();
    expect(sourceOfQuote(cite('a.txt', '1.2', 'inne senast 2026-02-02'), passages)).toBeUndefined();
    expect(sourceOfQuote(cite('a.txt', '1.2', ' \n '), passages)).toBeUndefined();
  });

  it('folds every kind of white space, soft hyphens included, to one space', () => {
    expect(foldWhitespace(' a\u00a0\u202f b\n\tc\u00ad d ')).toBe('a b c d');
  });
});

describe('the core guard and the LLM check agree on quotes', () => {
  const answered = (quote: Citation): BotAnswer => ({
    status: 'answered',
    answer: 'Se avsnittet.',
    citations: [quote],
  });

  it.each([
    ['verbatim', cite('a.txt', '1.2', 'Anbud ska vara inne senast'), true],
    ['re-spaced', cite('a.txt', '1.2', 'Anbud ska  vara\ninne senast'), true],
    ['altered', cite('a.txt', '1.2', 'Anbud ska vara inlämnat senast'), false],
    ['wrong section', cite('a.txt', '2.1', 'Anbud ska vara inne senast'), false],
    ['wrong document', cite('b.txt', '1.2', 'Anbud ska vara inne senast'), false],
  ])('%s quote', (_name, quote, grounded) => {
    expect(ungroundedCitation(answered(quote), passages) === null).toBe(grounded);
    expect(checkGrounding(answered(quote), passages).ok).toBe(grounded);
  });
});
