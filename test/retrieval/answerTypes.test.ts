// Answer types: what a question asks for, and what a passage can supply.
import { describe, expect, it } from 'vitest';
import {
  ANSWER_CONTACT,
  ANSWER_DATE,
  ANSWER_QUANTITY,
  ANSWER_TIME,
  answerTypesOf,
  expectedAnswerTypes,
} from '../../src/retrieval/answerTypes.js';

describe('expectedAnswerTypes', () => {
  it('reads the question word and the asked-for thing, in Swedish and English', () => {
    expect(expectedAnswerTypes('När är sista anbudsdag?') & ANSWER_DATE).toBeTruthy();
    expect(expectedAnswerTypes('When is the deadline?') & ANSWER_DATE).toBeTruthy();
    expect(expectedAnswerTypes('Vem är kontaktperson?') & ANSWER_CONTACT).toBeTruthy();
    expect(expectedAnswerTypes('Vilket telefonnummer har Åsa?') & ANSWER_CONTACT).toBeTruthy();
    expect(expectedAnswerTypes('Hur många timmar omfattar uppdraget?') & ANSWER_QUANTITY).toBeTruthy();
    expect(expectedAnswerTypes('Vid vilken tidpunkt öppnas anbuden?') & ANSWER_TIME).toBeTruthy();
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
  });
  it('finds no contact details in a text that only talks about them', () => {
    expect(answerTypesOf('Telefonnummer till kontaktperson och e-postadress ska anges.') & ANSWER_CONTACT).toBe(0);
    expect(answerTypesOf('Anbud lämnas via TendSign.')).toBe(0);
  });
});
