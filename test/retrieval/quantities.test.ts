import { describe, expect, it } from 'vitest';
import {
  QUANTITY_ANY,
  QUANTITY_COUNT,
  QUANTITY_DURATION,
  QUANTITY_MONEY,
  QUANTITY_SHARE,
  quantitiesOf,
  wantedQuantities,
} from '../../src/retrieval/quantities.js';

describe('wantedQuantities', () => {
  it('reads a count, or a duration when a unit of time follows "hur många"', () => {
    expect(wantedQuantities('Hur många konsulter kommer ni att kalla till intervju?')).toBe(QUANTITY_COUNT);
    expect(wantedQuantities('Hur många veckor är sommaruppehållet?')).toBe(QUANTITY_DURATION);
    expect(wantedQuantities('Hur många års erfarenhet krävs?')).toBe(QUANTITY_DURATION);
    expect(wantedQuantities('Antal timmar i uppdraget?')).toBe(QUANTITY_DURATION);
  });

  it('reads "hur länge" and "hur lång tid" as a duration, with or without å, ä, ö', () => {
    expect(wantedQuantities('Hur lång tid beräknas uppdraget ta?')).toBe(QUANTITY_DURATION);
    expect(wantedQuantities('hur lange galler avtalet?')).toBe(QUANTITY_DURATION);
    expect(wantedQuantities('How long is the contract?')).toBe(QUANTITY_DURATION);
  });

  it('reads a sum of money when a word of price or cost follows the asking words', () => {
    expect(wantedQuantities('Vilket takpris per timme gäller?')).toBe(QUANTITY_MONEY);
    expect(wantedQuantities('Hur stort avdrag ger certifieringen?')).toBe(QUANTITY_MONEY);
    expect(wantedQuantities('Vad kostar utbildningen?')).toBe(QUANTITY_MONEY);
    expect(wantedQuantities('How much does the training cost?')).toBe(QUANTITY_MONEY);
  });

  it('reads a share', () => {
    expect(wantedQuantities('Hur stor andel får utföras på distans?')).toBe(QUANTITY_SHARE);
    expect(wantedQuantities('Hur många procent av en heltid?')).toBe(QUANTITY_SHARE);
  });

  it('wants a quantity of any kind after "hur mycket", "hur stor" with no word of a kind', () => {
    expect(wantedQuantities('Hur mycket erfarenhet krävs av konsulten?')).toBe(QUANTITY_ANY);
    expect(wantedQuantities('Hur stort är uppdraget?')).toBe(QUANTITY_ANY);
    expect(wantedQuantities('Hur högt ska vitet vara?')).toBe(QUANTITY_MONEY);
  });

  it('wants no kind in particular of a question that asks for none', () => {
    expect(wantedQuantities('Vilken kompetensnivå avser avropet?')).toBe(0);
    expect(wantedQuantities('Får konsulten arbeta på distans?')).toBe(0);
    expect(wantedQuantities('')).toBe(0);
  });

  it('reads "är" as "är", not as "år", unless the question is typed without å, ä and ö', () => {
    expect(wantedQuantities('Hur många är ni i projektet?')).toBe(QUANTITY_COUNT);
    expect(wantedQuantities('Hur manga ar erfarenhet kravs?')).toBe(QUANTITY_DURATION);
  });

  it('adds the kinds of a two-part question', () => {
    expect(wantedQuantities('Hur länge gäller avtalet och vad är takpriset?')).toBe(QUANTITY_DURATION | QUANTITY_MONEY);
  });
});

describe('quantitiesOf', () => {
  it('tells durations, sums, shares and counts apart', () => {
    expect(quantitiesOf('Avtalet gäller ett (1) år med option på 24 månader.')).toBe(QUANTITY_DURATION);
    expect(quantitiesOf('Konsulten arbetar tre dagar på plats.')).toBe(QUANTITY_DURATION);
    expect(quantitiesOf('Intervjun pågår i 45 minuter.')).toBe(QUANTITY_DURATION);
    expect(quantitiesOf('Mervärdesavdrag SEK 100')).toBe(QUANTITY_MONEY);
    expect(quantitiesOf('Takpriset är 1 250 kronor.')).toBe(QUANTITY_MONEY);
    expect(quantitiesOf('Omfattningen är 50 % av en heltid.')).toBe(QUANTITY_SHARE);
    expect(quantitiesOf('Staden gör max 3 försök att nå referenten.')).toBe(QUANTITY_COUNT);
  });

  it('reads a range of numbers as a number', () => {
    expect(quantitiesOf('Cirka 150–250 timmar.')).toBe(QUANTITY_DURATION);
    expect(quantitiesOf('Intervjun pågår i ca 30-60 minuter.')).toBe(QUANTITY_DURATION);
    expect(quantitiesOf('Projektet avgränsas till 3-4 dokumentflöden.')).toBe(QUANTITY_COUNT);
  });

  it('holds every kind the text has', () => {
    expect(quantitiesOf('Erfarenhet av 2 liknande uppdrag | SEK 100')).toBe(QUANTITY_COUNT | QUANTITY_MONEY);
  });

  it('counts neither a list number nor a year on its own', () => {
    expect(quantitiesOf('6. Styrgrupp: hantera rapporteringen till styrgruppen')).toBe(0);
    expect(quantitiesOf('Systemet infördes under 2023.')).toBe(0);
    expect(quantitiesOf('Inga siffror alls här.')).toBe(0);
    expect(quantitiesOf('')).toBe(0);
  });
});
