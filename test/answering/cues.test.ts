/**
 * Cue associations as the product reads them: the cues of a question and of a
 * candidate, the features, and the stored table's check.
 */
import { describe, expect, it } from 'vitest';
import {
  CUE_FEATURE_NAMES,
  CueTable,
  candidateCues,
  cueFeatures,
  decodeRow,
  encodeTable,
  isCueTable,
  questionCues,
} from '../../src/answering/cues.js';
import { ANSWER_DATE, ANSWER_QUANTITY } from '../../src/retrieval/answerTypes.js';
import { QUANTITY_COUNT, QUANTITY_DURATION, QUANTITY_MONEY } from '../../src/retrieval/quantities.js';

describe('question cues', () => {
  it('keeps the question words that stemming drops, and the stems, folded, once each', () => {
    const cues = questionCues('Hur stora filer kan man ladda upp? Hur stora?');
    expect(cues).toContain('w:hur');
    expect(cues).toContain('w:stora');
    expect(cues).toContain('fil');
    expect(new Set(cues).size).toBe(cues.length);
  });

  it('reads a question typed without å, ä and ö as the one typed with them', () => {
    const words = (q: string) => questionCues(q).filter((c) => c.startsWith('w:'));
    expect(words('Nar maste fragorna vara inne?')).toEqual(words('När måste frågorna vara inne?'));
    expect(words('När måste frågorna vara inne?')).toContain('w:nar');
  });
});

describe('candidate cues', () => {
  it('are the terms as the document has them, and a cue for each kind of fact stated', () => {
    const cues = candidateCues(['månad', 'uppskat', 'månad'], ANSWER_DATE | ANSWER_QUANTITY);
    expect(cues).toEqual(['månad', 'uppskat', '#datum', '#antal']);
    expect(candidateCues([], 0)).toEqual([]);
  });

  it('name the kind of quantity too: a duration is not a sum of money', () => {
    const duration = candidateCues(['månad'], ANSWER_QUANTITY | QUANTITY_DURATION);
    expect(duration).toEqual(['månad', '#antal', '#varaktighet']);
    const money = candidateCues(['pris'], ANSWER_QUANTITY | QUANTITY_MONEY | QUANTITY_COUNT);
    expect(money).toEqual(['pris', '#antal', '#styck', '#belopp']);
  });
});

describe('cue features', () => {
  it('are the mean positive support, the strongest and the mean balance, over all question cues', () => {
    const f = cueFeatures([2, -1], 4);
    expect(f).toHaveLength(CUE_FEATURE_NAMES.length);
    expect(f).toEqual([0.5, 2, 0.25]);
  });

  it('are zero when no association is known', () => {
    expect(cueFeatures([], 5)).toEqual([0, 0, 0]);
    expect(cueFeatures([], 0)).toEqual([0, 0, 0]);
  });

  it('from a stored table: each question cue at its strongest match, unknown cues counted as none', () => {
    const table = new CueTable(
      encodeTable(
        new Map<string, Array<[string, number]>>([
          ['w:nar', [['#datum', 1.5]]],
          [
            'w:hur',
            [
              ['manad', 0.75],
              ['tid', -0.5],
            ],
          ],
        ]),
      ),
    );
    // "w:nar" finds "#datum" (1.5); "w:hur" finds "manad" (0.75) over "tid" (-0.5); "w:okand" finds nothing.
    expect(table.forQuestion(['w:nar', 'w:hur', 'w:okand']).features(['tid', 'manad'], ANSWER_DATE)).toEqual([
      0.75, 1.5, 0.75,
    ]);
    expect(table.forQuestion(['w:hur']).features(['tid'], 0)).toEqual([0, -0.5, -0.5]);
    expect(table.forQuestion(['w:okand']).features(['tid'], ANSWER_DATE)).toEqual([0, 0, 0]);
    // The same as through the candidate's cues.
    const q = table.forQuestion(['w:nar', 'w:hur']);
    expect(q.features(candidateCues(['tid', 'manad'], ANSWER_DATE), 0)).toEqual(
      q.features(['tid', 'manad'], ANSWER_DATE),
    );
  });
});

describe('the stored table', () => {
  const json = encodeTable(
    new Map([['w:nar', [['#datum', 1.5] as [string, number], ['start', -0.25] as [string, number]]]]),
  );

  it('keeps each question cue as one row of candidate cue indexes and weights', () => {
    expect(json).toEqual({ cues: ['#datum', 'start'], rows: { 'w:nar': '0 1.5 1 -0.25' } });
    expect(decodeRow(json.rows['w:nar']!, json.cues)).toEqual(
      new Map([
        ['#datum', 1.5],
        ['start', -0.25],
      ]),
    );
  });

  it('is checked: cues are strings and each row a string; a malformed row is refused when read', () => {
    expect(isCueTable(json)).toBe(true);
    expect(isCueTable({ cues: ['a'], rows: { q: 1 } })).toBe(false);
    expect(isCueTable({ cues: [1], rows: {} })).toBe(false);
    expect(isCueTable({ cues: ['a'], rows: [] })).toBe(false);
    expect(isCueTable(undefined)).toBe(false);
    expect(() => decodeRow('0 1.5 7 0.5', ['a'])).toThrow(/Svarsmodellen är skadad/);
    expect(() => decodeRow('0 1.5 7 0.5', ['a'])).toThrow(expect.objectContaining({ code: 'config_invalid' }));
    expect(() => decodeRow('0 x', ['a'])).toThrow(/Svarsmodellen är skadad/);
    expect(() => decodeRow('0', ['a'])).toThrow(/Svarsmodellen är skadad/);
  });

  it('has no row for a name that objects have ("constructor", "__proto__")', () => {
    const table = new CueTable(json);
    expect(table.forQuestion(['constructor', '__proto__']).features(['#datum', 'start'], ANSWER_DATE)).toEqual([
      0, 0, 0,
    ]);
    expect(table.forQuestion(['constructor', 'w:nar']).features([], ANSWER_DATE)).toEqual([0.75, 1.5, 0.75]);
  });
});
