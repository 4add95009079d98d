/**
 * Answer types, as in classic question answering: "När ...?" wants a date or a
 * time, "Vem ...?" a person to contact (an e-mail address or phone number),
 * "Hur många ...?" a quantity (of which kind: quantities.ts, whose bits the
 * same bit set holds). A passage that contains something of the wanted type
 * gets a small bonus among the candidates, which settles cases where two
 * sections use the same words but only one holds the answer (the contact
 * person of the call-off vs. the contact person of a reference assignment).
 * Retrieval and the answer model read this one scheme.
 */
import { type RecognisedKind, recognise } from '../text/recognisers.js';
import { QUANTITY_ANY, QUANTITY_DURATION, quantitiesOf, wantedQuantities } from './quantities.js';
import { type Token, tokenize } from './tokenizer.js';

export const ANSWER_DATE = 1;
export const ANSWER_TIME = 2;
export const ANSWER_CONTACT = 4;
/**
 * Of a question: a quantity of some kind is asked for. Of a passage: it holds
 * a number (a list number or a year too); the kinds above it
 * (QUANTITY_COUNT ...) only the quantities quantities.ts counts.
 */
export const ANSWER_QUANTITY = 8;

const TYPE_OF_KIND: Record<RecognisedKind, number> = {
  date: ANSWER_DATE,
  time: ANSWER_TIME,
  phone: ANSWER_CONTACT,
  email: ANSWER_CONTACT,
  amount: ANSWER_QUANTITY,
  url: 0,
};

/**
 * Bit set of the answer types a passage can supply, with its kinds of
 * quantity (`tokens`: the text's, when the caller has them).
 */
export function answerTypesOf(text: string, tokens: readonly Token[] = tokenize(text)): number {
  let types = 0;
  for (const t of tokens) {
    if (t.kind === 'date') types |= ANSWER_DATE;
    else if (t.kind === 'time') types |= ANSWER_TIME;
    else if (t.kind === 'email') types |= ANSWER_CONTACT;
    else if (t.kind === 'number' || t.kind === 'amount') types |= ANSWER_QUANTITY;
  }
  // A phone number and a date with the month by name run over several
  // tokens: the recognisers find them in the text (unless the tokens told already).
  const more: RecognisedKind[] = [];
  if (!(types & ANSWER_CONTACT)) more.push('phone');
  if (!(types & ANSWER_DATE)) more.push('date');
  for (const r of recognise(text, more)) types |= TYPE_OF_KIND[r.kind];
  return types | quantitiesOf(text, tokens);
}

const WANTS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^\s*(?:när|vilket datum|vilken dag|senast när|when|by when|what date)\b/iu, ANSWER_DATE | ANSWER_TIME],
  [/\b(?:datum|deadline|sista dag(?:en)?|senast(?:e)? datum|due date)\b/iu, ANSWER_DATE],
  [/\b(?:klockan|vilken tid|tidpunkt|what time)\b/iu, ANSWER_TIME],
  [
    /^\s*(?:vem|vilka personer|till vem|who|whom)\b|\b(?:kontaktperson\p{L}*|kontaktuppgift\p{L}*|telefonnummer|e-postadress|mejladress|contact person|phone number|e-mail address|email address)\b/iu,
    ANSWER_CONTACT,
  ],
];

/**
 * Bit set of the answer types a question asks for, with the kinds of quantity
 * (0: none in particular). A quantity is wanted when the question asks for
 * one of some kind (quantities.ts).
 */
export function expectedAnswerTypes(question: string): number {
  const quantities = wantedQuantities(question);
  let types = quantities !== 0 ? ANSWER_QUANTITY | quantities : 0;
  for (const [pattern, type] of WANTS) if (pattern.test(question)) types |= type;
  return types;
}

/**
 * The answer types asked for (`wanted`, of expectedAnswerTypes) that a text
 * holds (`held`, of answerTypesOf). A quantity counts only of a kind asked
 * for: "Hur många timmar ...?" is not answered by "SEK 100". A date tells
 * how long too: "Hur länge ska anbudet vara giltigt?" is answered by
 * "giltigt t.o.m. 2024-12-31".
 */
export function answeredTypes(wanted: number, held: number): number {
  const kinds = wanted & (held | (held & ANSWER_DATE ? QUANTITY_DURATION : 0)) & QUANTITY_ANY;
  return (wanted & held & (ANSWER_DATE | ANSWER_TIME | ANSWER_CONTACT)) | (kinds !== 0 ? ANSWER_QUANTITY | kinds : 0);
}
