// Answer types: what a question asks for, and what a passage can supply.
import { describe, expect, it } from 'vitest';
import {
  ANSWER_CONTACT,
  ANSWER_DATE,
  ANSWER_QUANTITY,
  ANSWER_TIME,
  answeredTypes,
  answerTypesOf,
  expectedAnswerTypes,
} from '../../src/retrieval/answerTypes.js';
import { QUANTITY_DURATION, QUANTITY_MONEY, QUANTITY_SHARE } from '../../src/retrieval/quantities.js';

describe('expectedAnswerTypes', () => {
  it('reads the question word and the asked-for thing, in Swedish and English', () => {
    expect(expectedAnswerTypes('När är sista anbudsdag?') & ANSWER_DATE).toBeTruthy();
    expect(expectedAnswerTypes('When is the deadline?') & ANSWER_DATE).toBeTruthy();
    expect(expectedAnswerTypes('Vem är kontaktperson?') & ANSWER_CONTACT).toBeTruthy();
    expect(expectedAnswerTypes('Vilket telefonnummer har Åsa?') & ANSWER_CONTACT).toBeTruthy();
    expect(expectedAnswerTypes('Hur många timmar omfattar uppdraget?') & ANSWER_QUANTITY).toBeTruthy();
    expect(expectedAnswerTypes('Vid vilken tidpunkt öppnas anbuden?') & ANSWER_TIME).toBeTruthy();
  });
  it('wants a quantity exactly when the question asks for one of some kind (quantities.ts reads the openers)', () => {
    for (const q of ['Hur mycket erfarenhet krävs?', 'Vilket takpris gäller?', 'How long is the contract?']) {
      expect(expectedAnswerTypes(q) & ANSWER_QUANTITY).toBe(ANSWER_QUANTITY);
    }
    expect(expectedAnswerTypes('Vilket system används för tidrapportering?') & ANSWER_QUANTITY).toBe(0);
  });
  it('asks for nothing in particular when the question does not', () => {
    expect(expectedAnswerTypes('Accepteras alternativa anbud?')).toBe(0);
    expect(expectedAnswerTypes('Hur signeras avtalet?')).toBe(0);
  });
});

describe('answerTypesOf', () => {
  it('finds dates, times, contact details and quantities', () => {
    expect(answerTypesOf('Anbud senast 2026-02-02 23:59.')).toBe(ANSWER_DATE | ANSWER_TIME);
    expect(answerTypesOf('Period 2026-02-23 -  2027-03-22') & ANSWER_CONTACT).toBe(0);
    expect(answerTypesOf('Tel +46 8 123 456 78') & ANSWER_CONTACT).toBeTruthy();
    expect(answerTypesOf('Öppning sker den 3 februari.') & ANSWER_DATE).toBeTruthy();
    expect(answerTypesOf('Telefon: 010-486 63 05') & ANSWER_CONTACT).toBeTruthy();
    expect(answerTypesOf('Telefonnummer: 08-541 708 00') & ANSWER_CONTACT).toBeTruthy();
    expect(answerTypesOf('E-post: asa.gustafsson@arbetsformedlingen.se') & ANSWER_CONTACT).toBeTruthy();
    expect(answerTypesOf('Högst 2000 timmar, 100 % av heltid.') & ANSWER_QUANTITY).toBeTruthy();
    // ... with the kinds of quantity in the same bit set.
    expect(answerTypesOf('Högst 2000 timmar, 100 % av heltid.') & (QUANTITY_DURATION | QUANTITY_SHARE)).toBe(
      QUANTITY_DURATION | QUANTITY_SHARE,
    );
  });
  it('finds no contact details in a text that only talks about them', () => {
    expect(answerTypesOf('Telefonnummer till kontaktperson och e-postadress ska anges.') & ANSWER_CONTACT).toBe(0);
    expect(answerTypesOf('Anbud lämnas via TendSign.')).toBe(0);
  });
});

describe('answeredTypes', () => {
  const answered = (question: string, text: string) =>
    answeredTypes(expectedAnswerTypes(question), answerTypesOf(text));

  it('holds a quantity only of a kind the question asks for', () => {
    expect(answered('Hur många timmar per vecka?', 'Uppdraget omfattar 20 timmar per vecka.')).toBe(
      ANSWER_QUANTITY | QUANTITY_DURATION,
    );
    expect(answered('Hur många timmar per vecka?', 'Mervärdesavdrag SEK 100')).toBe(0);
    expect(answered('Vilket takpris gäller?', 'Takpriset är 1 250 kronor.')).toBe(ANSWER_QUANTITY | QUANTITY_MONEY);
  });

  it('reads a date as telling how long, and keeps the other types as they are', () => {
    expect(answered('Hur länge ska anbudet vara giltigt?', 'Anbudet ska vara giltigt t.o.m. 2024-12-31.')).toBe(
      ANSWER_QUANTITY | QUANTITY_DURATION,
    );
    expect(answered('När är sista anbudsdag?', 'Anbud senast 2026-02-02 23:59.')).toBe(ANSWER_DATE | ANSWER_TIME);
    expect(answered('Vem är kontaktperson?', 'Anbud senast 2026-02-02 23:59.')).toBe(0);
  });

  it('holds nothing asked for when nothing is asked for', () => {
    expect(answered('Accepteras alternativa anbud?', 'Takpriset är 1 250 kronor, senast 2026-02-02.')).toBe(0);
  });
});
