/**
 * A message's context sentences ("Vi är ett litet bolag i Göteborg.") are not what the
 * question asks: where the question proper starts, and which words only the context gives.
 */
import { describe, expect, it } from 'vitest';
import { contextOnlyGroups, questionGroups, withoutKindWords } from '../../src/answering/evidence.js';
import { questionIntent, questionStart } from '../../src/answering/intent.js';
import { SwedishAnalyzer } from '../../src/retrieval/analyzer.js';

const analyzer = new SwedishAnalyzer();

describe('questionStart', () => {
  it('is the start of the last asking sentence', () => {
    const q = 'Vi är ett litet bolag i Göteborg. Hur mycket får konsulten arbeta på distans?';
    expect(q.slice(questionStart(q))).toBe('Hur mycket får konsulten arbeta på distans?');
  });

  it('moves past a lead-in ending in a colon', () => {
    const q = 'Hej igen, en snabb fråga från oss: får man lämna två anbud?';
    expect(q.slice(questionStart(q))).toBe('får man lämna två anbud?');
  });

  it('moves past a dash or a comma before the asking clause', () => {
    const dash = 'Vår VD sitter utomlands just nu - kan avtalet signeras digitalt?';
    expect(dash.slice(questionStart(dash))).toBe('kan avtalet signeras digitalt?');
    const comma = 'Hej, vi är osäkra på vilken nivå ni vill ha, vilken kompetensnivå gäller?';
    expect(comma.slice(questionStart(comma))).toBe('vilken kompetensnivå gäller?');
  });

  it('keeps a clause that opens with a question word', () => {
    const q = 'Hej, hur meddelas beslutet, vilken kanal används?';
    expect(q.slice(questionStart(q))).toBe('hur meddelas beslutet, vilken kanal används?');
  });

  it('ends a sentence at a short word, not only at long ones', () => {
    const q = 'Vi har jobbat med detta i ett par år. Får vi lämna anbud?';
    expect(q.slice(questionStart(q))).toBe('Får vi lämna anbud?');
  });

  it('does not split at an abbreviation', () => {
    const q = 'Vilka system används idag, t.ex. GIS eller ärendehantering?';
    expect(questionStart(q)).toBe(0);
  });

  it('is 0 for a single sentence or a message without a question mark', () => {
    expect(questionStart('När är sista anbudsdag?')).toBe(0);
    expect(questionStart('Vi undrar över sista anbudsdag. Tack.')).toBe(0);
  });
});

describe('contextOnlyGroups', () => {
  it('marks the words only the context gives', () => {
    const q = 'Vår konsult bor i Tallinn. Måste konsulten vara placerad inom EU?';
    const groups = questionGroups(analyzer, q);
    const only = contextOnlyGroups(analyzer, q, groups);
    const marked = groups.filter((_, i) => only[i]).map((g) => g.primary);
    expect(marked).toContain('tallin');
    expect(marked).not.toContain('konsult');
    expect(marked).not.toContain('eu');
  });

  it('marks nothing in a question without context', () => {
    const q = 'Måste konsulten vara placerad inom EU?';
    const groups = questionGroups(analyzer, q);
    expect(contextOnlyGroups(analyzer, q, groups).every((x) => !x)).toBe(true);
  });
});

describe('questionIntent reads the kind from the question proper', () => {
  it('ignores a "när" in a context sentence', () => {
    const q = 'Vi har kört fast när vi laddar upp filerna. Vem kontaktar man för tekniska frågor?';
    expect(questionIntent(q).kinds).not.toContain('date');
    expect(questionIntent(q).kinds).toContain('contact');
  });
});

describe('kind words', () => {
  it('"how long" only names the kind of answer (a duration)', () => {
    const q = 'How long is the standstill period?';
    const primaries = withoutKindWords(questionGroups(analyzer, q), ['duration'], q).map((g) => g.primary);
    expect(primaries).not.toContain('lang');
    expect(primaries).toContain('period');
  });
});
