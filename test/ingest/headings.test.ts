/** The heading chain rules on their own: which number may follow which, and what the chain keeps. */
import { describe, expect, it } from 'vitest';
import { findHeadings, transitionCost } from '../../src/ingest/headings.js';
import type { SourceLine } from '../../src/ingest/lines.js';

const n = (s: string) => s.split('.').map(Number);
const lines = (...texts: string[]): SourceLine[] => texts.map((text) => ({ text, page: null }));

describe('transitionCost', () => {
  it.each([
    ['1', '1.1', 0],
    ['1.1', '1.2', 0],
    ['1.12.5', '1.13', 0],
    ['1.11.1.1', '1.12', 0],
    ['1.15', '2', 0],
    ['8', '10', 0.7], // one number skipped
    ['1', '1.1.1', 0.8], // a level without its own heading
    ['1.15', '2.1', 0.8], // "2" itself lost
  ])('%s -> %s costs %s', (a, b, cost) => {
    expect(transitionCost(n(a), n(b))).toBeCloseTo(cost);
  });

  it.each([
    ['1.2', '1.2'],
    ['1.2', '1.1'],
    ['1.2', '1'],
    ['3', '2'],
    ['1', '6'], // a gap of four is a list or a table, not a heading
    ['1', '1.5'],
  ])('%s -> %s is impossible', (a, b) => {
    expect(transitionCost(n(a), n(b))).toBeNull();
  });

  it('starts a document at 1 for free and later numbers at a cost', () => {
    expect(transitionCost(null, [1])).toBe(0);
    expect(transitionCost(null, [3])).toBe(1);
    expect(transitionCost(null, [1, 3])).toBeNull();
  });
});

describe('findHeadings', () => {
  it('prefers the heading over a list item that could take its number', () => {
    const { headings } = findHeadings(
      lines(
        '1. Krav',
        'Följande gäller:',
        '1. Leverantören ska ha kollektivavtal.',
        '2. Leverantören ska ha ansvarsförsäkring.',
        '2. Pris',
        'Fast pris per timme.',
      ),
      'visual',
    );
    expect(headings.map((h) => [h.number, h.heading, h.line])).toEqual([
      ['1', 'Krav', 0],
      ['2', 'Pris', 4],
    ]);
  });

  it('does not take dates, amounts or sentences for headings', () => {
    const { headings } = findHeadings(
      lines(
        '1. Avtalstid',
        '2026-02-23 - 2027-03-22',
        '2 700 000 SEK',
        '2. Om leverantören inte kan leverera ska den meddela beställaren skriftligen inom fem dagar?',
        '2. Ersättning',
      ),
      'visual',
    );
    expect(headings.map((h) => h.number + ' ' + h.heading)).toEqual(['1 Avtalstid', '2 Ersättning']);
  });

  it('returns the lines of a dotted table of contents to leave out', () => {
    const { headings, dropped } = findHeadings(
      lines(
        '1 Inledning ........ 2',
        '2 Krav ........ 3',
        '3 Pris ........ 4',
        '1 Inledning',
        'Text.',
        '2 Krav',
        'Text.',
        '3 Pris',
        'Text.',
      ),
      'visual',
    );
    expect(headings.map((h) => h.line)).toEqual([3, 5, 7]);
    expect([...dropped].sort()).toEqual([0, 1, 2]);
  });
});
