/**
 * Swedish question forms the analyzer must read like the documents' wording:
 * irregular definite forms, particle verbs, greetings and signatures around a
 * question, English loanwords inside Swedish questions, and everyday synonyms.
 */
import { describe, expect, it } from 'vitest';
import { SwedishAnalyzer, withoutGreetings } from '../../src/retrieval/analyzer.js';
import { stemSwedish } from '../../src/retrieval/stemmer.js';

const analyzer = new SwedishAnalyzer();
const groups = (q: string) => analyzer.contentTermGroups(q);
const primaries = (q: string) => groups(q).map((g) => g[0]);

describe('stemming of forms Snowball gets wrong', () => {
  it('meets "nummer" in its definite forms, also inside compounds', () => {
    expect(stemSwedish('diarienumret')).toBe(stemSwedish('diarienummer'));
    expect(stemSwedish('telefonnumret')).toBe(stemSwedish('telefonnummer'));
    expect(stemSwedish('numren')).toBe(stemSwedish('nummer'));
  });

  it('meets nouns in "-el" in their definite form', () => {
    expect(stemSwedish('formeln')).toBe(stemSwedish('formel'));
    expect(stemSwedish('regeln')).toBe(stemSwedish('regel'));
  });

  it('keeps "-nad" nouns whole, as their definite and plural forms are', () => {
    expect(stemSwedish('kostnad')).toBe(stemSwedish('kostnaden'));
    expect(stemSwedish('kostnad')).toBe(stemSwedish('kostnader'));
    expect(stemSwedish('månad')).toBe(stemSwedish('månaden'));
  });

  it('does not read "tidigast" as "tid"', () => {
    expect(stemSwedish('tidigast')).not.toBe(stemSwedish('tid'));
    expect(stemSwedish('tidigaste')).toBe(stemSwedish('tidigast'));
  });
});

describe('the frame around a question', () => {
  it('drops a greeting and a sign-off with its name', () => {
    expect(withoutGreetings('Hej! Hur många timmar får konsulten debitera? Mvh Erik')).toBe(
      'Hur många timmar får konsulten debitera?',
    );
    expect(withoutGreetings('Hej Anna, när öppnas anbuden? Med vänliga hälsningar Lisa, Konsult AB').trim()).toBe(
      'när öppnas anbuden?',
    );
    expect(withoutGreetings('Tack för info. Vem betalar? /Lisa').trim()).toBe('Vem betalar?');
  });

  it('leaves a question without a frame, and document text, as it is', () => {
    expect(withoutGreetings('Vem är kontaktperson?')).toBe('Vem är kontaktperson?');
    expect(withoutGreetings('Hej')).toBe('Hej');
    const text = 'Anbud ska lämnas via TendSign. Frågor ställs senast 2026-01-29.';
    expect(withoutGreetings(text)).toBe(text);
  });

  it('never lets a signature name become a content word', () => {
    expect(primaries('Vilket ramavtal gäller? Mvh Erik Svensson')).not.toContain('erik');
  });
});

describe('particle verbs, loanwords and synonyms', () => {
  it('reads "skriva under" as signing, also with a subject or object in between', () => {
    expect(groups('Hur skrivs kontraktet under?')[0]).toContain(stemSwedish('signera'));
    expect(groups('Hur skriver vi under avtalet?')[0]).toContain(stemSwedish('underteckna'));
    // Chat shorthand reads as the word it stands for.
    expect(groups('mejl elr tendsign?').flat()).not.toContain('elr');
    // The perfect passive of the documents ("efter avtalet skrivits under").
    expect(groups('Konsulten börjar när avtalet skrivits under.').flat()).toContain(stemSwedish('underteckna'));
    // "skrivas på svenska" is about language, not signing.
    expect(groups('Kan anbudet skrivas på engelska?').flat()).not.toContain(stemSwedish('underteckna'));
  });

  it('reads "säga upp" as termination', () => {
    expect(groups('Kan avtalet sägas upp i förtid?').flat()).toContain('uppsägning');
  });

  it('lets a loanword in a Swedish question be covered by its Swedish words', () => {
    const remote = groups('Kan man jobba remote?').find((g) => g[0] === stemSwedish('remote'));
    expect(remote).toContain(stemSwedish('distans'));
  });

  it('reads "X eller Y" as one concept either word covers, unless Y only widens X', () => {
    const language = groups('Ska anbudet vara på svenska eller engelska?');
    expect(language).toHaveLength(2);
    expect(language[1]).toEqual(expect.arrayContaining([stemSwedish('svenska'), stemSwedish('engelska')]));
    expect(groups('Krävs F-skatt eller motsvarande?').length).toBeGreaterThan(2);
  });

  it('knows everyday words for the formal ones', () => {
    expect(groups('Kan man jobba på distans?')[0]).toContain(stemSwedish('arbeta'));
    expect(groups('Blir det något uppehåll?').flat()).toContain(stemSwedish('avbrott'));
    expect(groups('Vem står för kostnaden?').flat()).toContain(stemSwedish('bekosta'));
  });
});
