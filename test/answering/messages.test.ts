/** The Swedish wording of every reply status. */
import { describe, expect, it } from 'vitest';
import {
  buyerDecisionAnswer,
  deadlinePassedAnswer,
  describeSource,
  invalidQuestionAnswer,
  notInDocumentsAnswer,
  quoteLine,
  replyTexts,
  unavailableAnswer,
} from '../../src/answering/messages.js';

describe('reply wording', () => {
  it('not in the documents: says so and that the question is registered for the buyer', () => {
    const text = notInDocumentsAnswer();
    expect(text).toMatch(/framgår inte av upphandlingsdokumenten/);
    expect(text).toMatch(/registrerad/);
    expect(text).toMatch(/upphandlande myndigheten/);
  });

  it('buyer decisions: registered for the buyer, no answer invented', () => {
    expect(buyerDecisionAnswer()).toMatch(/registrerad/);
    expect(buyerDecisionAnswer()).toMatch(/ändring, ett förslag eller en bedömning/);
  });

  it('deadline passed: names the deadline and the call-off and points to the published Q&A', () => {
    const text = deadlinePassedAnswer('2026-01-29', 'Af-2025/0108 8097');
    expect(text).toContain('2026-01-29');
    expect(text).toContain('Af-2025/0108 8097');
    expect(text).toMatch(/frågor och svar/i);
  });

  it('invalid questions: says what was wrong, with the limit when known', () => {
    expect(invalidQuestionAnswer('empty')).toMatch(/tom/);
    expect(invalidQuestionAnswer('too_long', 4000)).toContain('4000');
    expect(invalidQuestionAnswer('too_long')).toMatch(/för lång/);
    expect(invalidQuestionAnswer('not_text')).toMatch(/text/);
  });

  it('unavailable: registered, answered by the buyer', () => {
    expect(unavailableAnswer()).toMatch(/registrerad/);
  });

  it('names sections and published answers', () => {
    expect(describeSource({ kind: 'section', section: '1.12.4', heading: 'Sista anbudsdag' })).toBe(
      'avsnitt 1.12.4 (Sista anbudsdag)',
    );
    expect(describeSource({ kind: 'published_answer', faqNumber: 3 })).toBe('publicerat svar nr 3');
    expect(describeSource({ kind: 'section', section: '2.1', heading: 'Krav', document: 'bilaga-2.pdf' })).toBe(
      'avsnitt 2.1 (Krav) i bilaga-2.pdf',
    );
    expect(quoteLine({ kind: 'section', section: '1.6', heading: 'Kontaktperson' }, 'X')).toBe(
      'Enligt avsnitt 1.6 (Kontaktperson): ”X”',
    );
  });

  it('exposes every wording as the core ReplyTexts port', () => {
    expect(replyTexts.notInDocumentsAnswer()).toBe(notInDocumentsAnswer());
    expect(replyTexts.deadlinePassedAnswer('2026-01-29', 'R')).toContain('2026-01-29');
  });
});
