/** The heading chain rules on their own: which number may follow which, and what the chain keeps. */
import { describe, expect, it } from 'vitest';
import { bestChain, type Candidate, findHeadings, transitionCost } from '../../src/ingest/headings.js';
import type { SourceLine } from '../../src/ingest/lines.js';
import { seededRandom as random } from '../support/random.js';

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

describe('bestChain', () => {
  /** The plain dynamic programme over every earlier candidate (quadratic): what the indexed one must equal. */
  function exhaustiveChain(cands: Candidate[]): Candidate[] {
    const best = cands.map(() => Number.NEGATIVE_INFINITY);
    const from = cands.map(() => -1);
    cands.forEach((c, i) => {
      const start = transitionCost(null, c.parts);
      if (start !== null) best[i] = c.weight - start;
      for (let j = 0; j < i; j++) {
        const p = cands[j]!;
        if (p.lastLine >= c.line || !Number.isFinite(best[j]!)) continue;
        const cost = transitionCost(p.parts, c.parts);
        if (cost === null) continue;
        const score = best[j]! + c.weight - cost;
        if (score > best[i]!) {
          best[i] = score;
          from[i] = j;
        }
      }
    });
    let end = -1;
    best.forEach((b, i) => {
      if (b > 0 && (end < 0 || b > best[end]!)) end = i;
    });
    const chain: Candidate[] = [];
    for (let i = end; i >= 0; i = from[i]!) chain.unshift(cands[i]!);
    return chain;
  }

  /** Numbers that mostly go on sensibly, with lists, repeats, gaps and jumps mixed in. */
  function randomCandidates(rnd: () => number, count: number, overlap = false): Candidate[] {
    const weights = [-1.3, -0.2, 0.3, 0.7, 1, 1.3, 1.6, 2.5, 3.8];
    const cands: Candidate[] = [];
    let parts = [1];
    let line = 0;
    let after = 0;
    for (let k = 0; k < count; k++) {
      const r = rnd();
      if (r < 0.3) parts = [...parts, 1 + Math.floor(rnd() * 3)];
      else if (r < 0.6) parts = [...parts.slice(0, -1), parts[parts.length - 1]! + 1 + Math.floor(rnd() * 2)];
      else if (r < 0.75 && parts.length > 1) parts = [...parts.slice(0, -2), parts[parts.length - 2]! + 1];
      else parts = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => 1 + Math.floor(rnd() * 6));
      line = after + 1 + Math.floor(rnd() * 3);
      // Now and then a heading wrapped onto the next line, or (loaders never do it, still handled) past the next candidate.
      const lastLine = line + (rnd() < 0.2 ? 1 : 0) + (overlap && rnd() < 0.05 ? 4 : 0);
      // The next candidate starts after this one's last line (unless overlapping on purpose).
      after = overlap ? line : lastLine;
      const weight = weights[Math.floor(rnd() * weights.length)]!;
      cands.push({ line, lastLine, parts, heading: `Rubrik ${k}`, weight, trailingPage: false });
    }
    return cands;
  }

  it('finds the same chain as comparing every pair of candidates (seeded random documents)', () => {
    const rnd = random(20261206);
    let headings = 0;
    for (let round = 0; round < 300; round++) {
      const cands = randomCandidates(rnd, 5 + Math.floor(rnd() * 120));
      const expected = exhaustiveChain(cands);
      expect(bestChain(cands).map((c) => c.line)).toEqual(expected.map((c) => c.line));
      headings += expected.length;
    }
    // The documents are not trivial: chains of many headings were compared.
    expect(headings).toBeGreaterThan(2000);
  });

  it("finds the same chain when a heading's last line lies past the next candidate", () => {
    const rnd = random(7);
    for (let round = 0; round < 30; round++) {
      const cands = randomCandidates(rnd, 5 + Math.floor(rnd() * 60), true);
      expect(bestChain(cands).map((c) => c.line)).toEqual(exhaustiveChain(cands).map((c) => c.line));
    }
  });
});
