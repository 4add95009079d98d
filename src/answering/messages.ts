/**
 * The Swedish wording of every reply a supplier can get. One place, so the
 * core use case, the composers and the channels all say the same thing.
 * Every text is plain and factual: it states what happened and invents nothing.
 */
import type { ReplyTexts } from '../core/ports.js';

/** The documents (and the published Q&A) do not answer the question. */
export function notInDocumentsAnswer(): string {
  return (
    'Svaret på din fråga framgår inte av upphandlingsdokumenten eller av de publicerade frågorna och svaren. ' +
    'Frågan är registrerad och besvaras av den upphandlande myndigheten.'
  );
}

/**
 * A change request, a proposal, or a question that needs the buyer's judgement
 * (other suppliers, the evaluation outcome): quoting the documents back is no answer.
 */
export function buyerDecisionAnswer(): string {
  return (
    'Din fråga gäller en ändring, ett förslag eller en bedömning som bara den upphandlande myndigheten kan ta ställning till, ' +
    'så den besvaras inte automatiskt utifrån upphandlingsdokumenten. ' +
    'Frågan är registrerad och besvaras av den upphandlande myndigheten.'
  );
}

/** The question arrived after the question deadline. */
export function deadlinePassedAnswer(deadline: string, callOffReference: string): string {
  return (
    `Tiden för att ställa frågor i avropet ${callOffReference} gick ut ${deadline}. ` +
    'Din fråga kom in efter det och kan därför inte besvaras. ' +
    'Redan publicerade frågor och svar finns under Frågor och svar i upphandlingsverktyget där avropet är publicerat.'
  );
}

/** The input is not a question we can take: says what was wrong. */
export function invalidQuestionAnswer(reason: 'empty' | 'too_long' | 'not_text', limit?: number): string {
  switch (reason) {
    case 'empty':
      return 'Frågan är tom. Skriv din fråga om avropet och skicka den igen.';
    case 'too_long':
      return limit !== undefined
        ? `Frågan är för lång (högst ${limit} tecken). Korta ner den eller dela upp den i flera frågor.`
        : 'Frågan är för lång. Korta ner den eller dela upp den i flera frågor.';
    case 'not_text':
      return 'Frågan kunde inte läsas som text. Skriv frågan som vanlig text och skicka den igen.';
  }
}

/** Registered, but no automatic answer could be made right now (index or endpoint fault). */
export function unavailableAnswer(): string {
  return (
    'Frågan är registrerad, men den kunde inte besvaras automatiskt just nu. ' +
    'Den upphandlande myndigheten besvarar den.'
  );
}

/** Where a quote comes from, as the reply names it. */
export type QuoteSource =
  | { kind: 'section'; section: string; heading: string; document?: string }
  | { kind: 'published_answer'; faqNumber: number | null };

/** "avsnitt 1.12.4 (Sista anbudsdag)" (plus "i bilaga-2.pdf" when naming the document), or "publicerat svar nr 3". */
export function describeSource(source: QuoteSource): string {
  if (source.kind === 'published_answer') {
    return source.faqNumber !== null ? `publicerat svar nr ${source.faqNumber}` : 'ett publicerat svar';
  }
  const where = source.document ? ` i ${source.document}` : '';
  if (!source.section)
    return source.heading ? `avsnittet ”${source.heading}”${where}` : `upphandlingsdokumenten${where}`;
  return source.heading ? `avsnitt ${source.section} (${source.heading})${where}` : `avsnitt ${source.section}${where}`;
}

/** The name of a published answer as a citation heading: "Publicerat svar nr 3". */
export function publishedAnswerHeading(faqNumber: number | null): string {
  return faqNumber !== null ? `Publicerat svar nr ${faqNumber}` : 'Publicerat svar';
}

/** One quoted line: `Enligt avsnitt 1.12.4 (Sista anbudsdag): ”...”`. */
export function quoteLine(source: QuoteSource, quote: string): string {
  return `Enligt ${describeSource(source)}: ”${quote}”`;
}

/**
 * The documents do not clearly answer, but one or two sections came close:
 * they are named as possibly relevant, never as the answer, and the question
 * still goes to the buyer.
 */
export function relatedAnswer(related: ReadonlyArray<{ source: QuoteSource; quote: string }>): string {
  const lines = related.map(({ source, quote }) => {
    const where = describeSource(source);
    return `${where.charAt(0).toUpperCase()}${where.slice(1)} kan vara relevant: ”${quote}”`;
  });
  return [
    'Upphandlingsdokumenten besvarar inte din fråga tydligt. ' +
      'Frågan är registrerad och besvaras av den upphandlande myndigheten.',
    'Det här kan vara relevant, men är inte ett svar på frågan:',
    ...lines,
  ].join('\n');
}

/** The whole extractive reply: each quoted group on its own line. */
export function extractiveAnswer(lines: readonly string[]): string {
  return lines.join('\n');
}

/** All reply wordings as the core's ReplyTexts port. */
export const replyTexts: ReplyTexts = {
  notInDocumentsAnswer,
  deadlinePassedAnswer,
  invalidQuestionAnswer,
  unavailableAnswer,
};
