// Hand-made passages and a bare call-off, for testing the composer's rules
// without building a knowledge base.
import { ExtractiveComposer } from '../../src/answering/extractive.js';
import type { CallOff, Chunk, Passage } from '../../src/core/types.js';

export const callOff: CallOff = {
  id: 'test',
  reference: 'T-1',
  title: 'Test',
  buyer: 'Kommunen',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2030-01-01',
  dir: '/nonexistent',
};

let n = 0;
/** A retrieved passage; earlier ones rank higher. */
export function passage(section: string, heading: string, text: string, document = 'avrop.pdf'): Passage {
  n++;
  const chunk: Chunk = { id: `c${n}`, kind: 'document', document, section, heading, text, page: null };
  return { chunk, score: 1 / n };
}

const composer = new ExtractiveComposer();
export const ask = (question: string, passages: Passage[]) => composer.compose({ callOff, question, passages });
