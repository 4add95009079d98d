/**
 * The grounding check on its own: verbatim quotes with white space folded,
 * citations of passages that were not retrieved, and numbers (dates, times,
 * amounts, section numbers) that the cited passages do not support.
 */
import { describe, expect, it } from 'vitest';
import { checkGrounding, unsupportedNumbers } from '../../src/answering/grounding.js';
import { locateFolded } from '../../src/core/grounding.js';
import type { BotAnswer, Citation, Passage } from '../../src/core/types.js';
import { deadlinePassage, passages, publishedPassage, remotePassage, validityPassage } from './fixtures.js';

function cite(p: Passage, quote: string): Citation {
  return { document: p.chunk.document, section: p.chunk.section, heading: p.chunk.heading, quote, page: p.chunk.page };
}

function answered(answer: string, citations: Citation[]): BotAnswer {
  return { status: 'answered', answer, citations };
}

describe('checkGrounding', () => {
  it('accepts a verbatim quote, with white space differences folded', () => {
    const result = checkGrounding(
      answered('Distansarbete upp till 49% av arbetstiden kan accepteras (avsnitt 1.8).', [
        cite(remotePassage, 'Distansarbete upp till   49% av arbetstiden\nräknat över ett år'),
      ]),
      passages,
    );
    expect(result).toEqual({ ok: true });
  });

  it('rejects a quote that is not in the passage', () => {
    const result = checkGrounding(
      answered('Distans är tillåtet.', [cite(remotePassage, 'Distansarbete är alltid tillåtet')]),
      passages,
    );
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/not verbatim in 1\.8/) });
  });

  it('rejects a quote with a changed character, even a typographic one', () => {
    const result = checkGrounding(
      answered('Se avsnitt 1.12.4.', [
        cite(deadlinePassage, 'Anbud ska vara Arbetsförmedlingen tillhanda senast; 2026-02-02'),
      ]),
      passages,
    );
    expect(result.ok).toBe(false);
  });

  it('rejects a citation of a section that was not retrieved', () => {
    const foreign = { ...cite(deadlinePassage, 'Anbud ska vara Arbetsförmedlingen tillhanda'), section: '9.9' };
    const result = checkGrounding(answered('Se avsnitt 9.9.', [foreign]), passages);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/not retrieved/) });
  });

  it('rejects an answered reply without citations, and trivial quotes', () => {
    expect(checkGrounding(answered('Ja.', []), passages).ok).toBe(false);
    expect(checkGrounding(answered('Ja.', [cite(deadlinePassage, 'ska')]), passages).ok).toBe(false);
  });

  it('rejects dates, times, amounts and section numbers the cited passages do not support', () => {
    const quote = cite(deadlinePassage, 'Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59');
    const check = (text: string) => checkGrounding(answered(text, [quote]), passages);
    expect(check('Senast 2026-02-02 23:59 enligt avsnitt 1.12.4.').ok).toBe(true);
    expect(check('Senast 2026-02-03 23:59.')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('2026-02-03'),
    });
    expect(check('Senast 2026-02-02 kl. 17:00.')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('17:00'),
    });
    expect(check('Senast 2026-02-02 23:59, enligt avsnitt 1.12.5.')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('1.12.5'),
    });
    expect(check('Senast 2026-02-02 23:59; takpriset är 1 100 kr.')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('1100'),
    });
    // Numbers from a passage that was retrieved but not cited do not count.
    expect(check('Senast 2026-02-02 23:59 och giltigt t.o.m. 2026-03-23.').ok).toBe(false);
  });

  it('accepts the same fact in another spelling: 23.59, a month name, thousands with a space', () => {
    const quote = cite(deadlinePassage, 'Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59');
    expect(checkGrounding(answered('Senast den 2 februari 2026 kl. 23.59.', [quote]), passages).ok).toBe(true);
    expect(checkGrounding(answered('Senast den 2:a feb. 2026 kl. 23.59.', [quote]), passages).ok).toBe(true);
    expect(checkGrounding(answered('Senast den 3 februari 2026 kl. 23.59.', [quote]), passages).ok).toBe(false);
    const hours: Passage = {
      chunk: {
        ...validityPassage.chunk,
        section: '1.7',
        text: 'Antalet timmar får ej överstiga 2000 timmar per helår.',
      },
      score: 1,
    };
    const hoursQuote = cite(hours, 'Antalet timmar får ej överstiga 2000 timmar');
    expect(checkGrounding(answered('Högst 2 000 timmar per helår.', [hoursQuote]), [hours]).ok).toBe(true);
  });

  it('accepts numbers from the allowed text (the call-off reference), and only those', () => {
    const quote = cite(deadlinePassage, 'Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59');
    const text = 'I avropet Af-2025/0108 8097 ska anbud vara inne senast 2026-02-02 23:59.';
    expect(checkGrounding(answered(text, [quote]), passages).ok).toBe(false);
    expect(checkGrounding(answered(text, [quote]), passages, { allowedText: 'Af-2025/0108 8097' }).ok).toBe(true);
    expect(
      checkGrounding(answered(`${text} Priset är 900 kr.`, [quote]), passages, { allowedText: 'Af-2025/0108 8097' }).ok,
    ).toBe(false);
  });

  it('accepts a published answer cited by its number', () => {
    const result = checkGrounding(
      answered('Enligt publicerat svar nr 1 ska anbudet avse en (1) konsult.', [
        cite(publishedPassage, 'Nej, anbudet ska avse en (1) konsult.'),
      ]),
      [publishedPassage],
    );
    expect(result).toEqual({ ok: true });
  });

  it('leaves statuses it does not judge alone', () => {
    expect(
      checkGrounding({ status: 'deadline_passed', answer: 'Tiden gick ut 2026-01-29.', citations: [] }, []),
    ).toEqual({
      ok: true,
    });
  });
});

describe('locateFolded', () => {
  it('maps a re-spaced quote back to the exact source span', () => {
    const source = 'Distansarbete upp till 49% av arbetstiden\n  räknat över ett år kan accepteras.';
    const span = locateFolded(source, 'arbetstiden räknat över');
    expect(span).not.toBeNull();
    expect(source.slice(span!.start, span!.end)).toBe('arbetstiden\n  räknat över');
    expect(locateFolded(source, 'finns inte')).toBeNull();
    expect(locateFolded(source, '   ')).toBeNull();
  });
});

describe('unsupportedNumbers', () => {
  it('ignores sentence punctuation and keeps digit boundaries', () => {
    expect(unsupportedNumbers('Upp till 49%.', [remotePassage])).toEqual([]);
    expect(unsupportedNumbers('Upp till 4 %.', [remotePassage])).toEqual(['4']);
    expect(unsupportedNumbers('Upp till 9 %.', [remotePassage])).toEqual(['9']);
  });
});
