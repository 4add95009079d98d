/**
 * Swedish wording that only the chat channels need (the core's replies come
 * from src/answering/messages.ts). Plain, polite and factual.
 */
import { describeQuestionDeadline } from '../../core/deadline.js';
import type { CallOff } from '../../core/types.js';
import { PUBLISHED_REQUEST } from './publicationTexts.js';

export function rateLimitedText(perMinute: number): string {
  return (
    `Du har skickat många frågor på kort tid (högst ${perMinute} i minuten). ` +
    'Vänta en stund och skicka sedan frågan igen. Den här frågan har inte registrerats.'
  );
}

export function chooseCallOffText(): string {
  return 'Vilket avrop gäller frågan? Välj avrop nedan, så besvaras frågan. Valet sparas för den här konversationen.';
}

/** After the choice; `waiting` questions are answered next, or the supplier is invited to ask. */
export function callOffChosenText(callOff: CallOff, waiting = 1): string {
  const chosen = `Frågor i den här konversationen gäller nu avropet ${callOff.reference} (${callOff.title}).`;
  return waiting > 0 ? chosen : `${chosen} Skriv din fråga, så besvaras den.`;
}

/** The first message when the bot is added to a conversation. */
export function welcomeText(callOffs: readonly CallOff[]): string {
  const about = callOffs
    .map((c) => `${c.reference} (${c.title}), frågor senast ${describeQuestionDeadline(c)}`)
    .join('; ');
  return (
    `Hej! Jag besvarar frågor om ${callOffs.length === 1 ? 'avropet' : 'avropen'} ${about}. ` +
    'Svaren citerar avropsdokumenten med avsnittsnummer. Varje fråga registreras med ett kvittonummer och den tid den togs emot. ' +
    `Skriv ”${PUBLISHED_REQUEST}” för att se de frågor och svar som myndigheten har publicerat.`
  );
}

export function unknownCallOffChoiceText(): string {
  return 'Det valda avropet finns inte längre. Välj ett av avropen i listan.';
}

/** The question could not be taken at all (e.g. the register is down): nothing was registered. */
export function failureText(): string {
  return 'Frågan kunde inte tas emot just nu på grund av ett tekniskt fel. Försök igen om en stund.';
}

/** Shown at once for the slash command, while the answer is being worked on. */
export function commandAckText(): string {
  return 'Tack, frågan är mottagen. Svaret kommer strax.';
}

export const citationsHeading = 'Citat ur avropsdokumenten';

export function receiptText(id: string, receivedLocal: string, zoneLabel: string): string {
  return `Frågan är registrerad med kvittonummer ${id}, mottagen ${receivedLocal} (${zoneLabel}).`;
}

export function callOffLine(callOff: CallOff): string {
  return `Avrop ${callOff.reference}`;
}

/** The choice of call-off could not be saved; the waiting questions were not claimed and still wait. */
export function choiceFailedText(): string {
  return 'Valet av avrop kunde inte sparas just nu på grund av ett tekniskt fel. Frågorna som väntar finns kvar. Välj avrop igen om en stund.';
}

/**
 * The question is registered, but the bot's answer could not be recorded (the
 * register failed after receiving it): the supplier keeps the receipt, and is
 * told the answer follows (it is retried) or comes from the buyer.
 */
export function answerPendingAnswer(receipt: string): string {
  return (
    `Frågan är registrerad som ${receipt}, men svaret kunde inte sparas just nu på grund av ett tekniskt fel. ` +
    'Svaret skickas här så snart det går; annars besvarar den upphandlande myndigheten frågan.'
  );
}
