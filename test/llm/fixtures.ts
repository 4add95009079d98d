/**
 * Shared test material for the LLM suites: passages taken verbatim from the
 * seed call-off, a call-off record, a recording logger and a stub fallback
 * composer that says it was used.
 */
import path from 'node:path';
import type { ComposeInput, Composer, LogFields, Logger } from '../../src/core/ports.js';
import type { BotAnswer, CallOff, Chunk, Passage } from '../../src/core/types.js';

export const PROMPTS_DIR = path.resolve(import.meta.dirname, '..', '..', 'prompts');

export const callOff: CallOff = {
  id: 'af-2025-0108-8097',
  reference: 'Af-2025/0108 8097',
  title: 'Avropsförfrågan AI-utvecklare med fokus på tillämpad AI, DevOps och MLOps',
  buyer: 'Arbetsförmedlingen',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2026-01-29',
  dir: '/nonexistent',
};

function chunk(id: string, section: string, heading: string, text: string, page: number | null = 3): Chunk {
  return { id, kind: 'document', document: 'avropsforfragan.txt', section, heading, text, page };
}

export const deadlinePassage: Passage = {
  chunk: chunk(
    'c-1.12.4',
    '1.12.4',
    'Sista anbudsdag',
    'Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59',
  ),
  score: 1,
};
export const remotePassage: Passage = {
  chunk: chunk(
    'c-1.8',
    '1.8',
    'Placeringsort',
    'Arbetet sker i Arbetsförmedlingens lokaler i Solna.\nDistansarbete upp till 49% av arbetstiden räknat över ett år kan accepteras efter överenskommelse med ansvarig chef.',
  ),
  score: 0.8,
};
export const validityPassage: Passage = {
  chunk: chunk(
    'c-1.12.5',
    '1.12.5',
    'Anbudets giltighet',
    'Anbudets giltighetstid anges nedan. Om avropet blir föremål för överprövning förlängs anbudets giltighetstid fram till dess att kontrakt kan tecknas, dock högst fyra månader efter angiven giltighetstid.\nAnbud ska minst vara giltigt t.o.m: 2026-03-23',
  ),
  score: 0.5,
};
export const publishedPassage: Passage = {
  chunk: {
    id: 'faq-1',
    kind: 'published_answer',
    document: 'publicerade-svar',
    section: 'Publicerat svar nr 1',
    heading: 'Går det att lämna anbud på fler än en konsult?',
    text: 'Nej, anbudet ska avse en (1) konsult.',
    page: null,
    faqNumber: 1,
  },
  score: 0.4,
};

export const passages: Passage[] = [deadlinePassage, remotePassage, validityPassage];

export const EXTRACTIVE_MARK = 'EXTRAKTIVT SVAR';

/** Stands in for the extractive composer: a recognisable, grounded answer. */
export function stubFallback(): Composer & { calls: ComposeInput[] } {
  const calls: ComposeInput[] = [];
  return {
    calls,
    async compose(input: ComposeInput): Promise<BotAnswer> {
      calls.push(input);
      const first = input.passages[0];
      if (!first) return { status: 'not_in_documents', answer: EXTRACTIVE_MARK, citations: [] };
      return {
        status: 'answered',
        answer: `${EXTRACTIVE_MARK}: ”${first.chunk.text}”`,
        citations: [
          {
            document: first.chunk.document,
            section: first.chunk.section,
            heading: first.chunk.heading,
            quote: first.chunk.text,
            page: first.chunk.page,
          },
        ],
      };
    },
  };
}

export interface LogLine {
  level: string;
  msg: string;
  fields: LogFields;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (msg: string, fields: LogFields = {}) => {
      lines.push({ level, msg, fields });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
