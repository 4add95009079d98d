/**
 * Builds the data the answer prompt carries: the retrieved passages and
 * published answers as tagged blocks with short ids (P1, P2, ...), and the
 * supplier's question in its own block. Tags inside the data are neutralised
 * so a document or a question cannot close its block and pose as instructions.
 * Only what the retriever returned goes in: never unpublished register content.
 */
import type { CallOff, Passage } from '../../core/types.js';
import type { Prompts } from '../prompts.js';

/** Bounds on what one prompt carries (the retriever usually returns fewer). */
export const MAX_PROMPT_PASSAGES = 8;
export const MAX_PROMPT_PASSAGE_CHARS = 4_000;

export interface PromptInput {
  system: string;
  user: string;
  /** "P1" -> the passage it stands for. */
  ids: Map<string, Passage>;
}

const DATA_TAGS = /<(\/?)\s*(underlag|avsnitt|publicerat_svar|leverantorens_fraga|fraga|forslag)\b/gi;

/** Turns "<avsnitt" / "</underlag" inside data into harmless look-alikes. */
export function neutraliseTags(text: string): string {
  return text.replace(DATA_TAGS, (_m, slash: string, tag: string) => `‹${slash}${tag}`);
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function formatPassages(passages: Passage[]): { block: string; ids: Map<string, Passage> } {
  const ids = new Map<string, Passage>();
  const blocks: string[] = [];
  for (const [i, passage] of passages.slice(0, MAX_PROMPT_PASSAGES).entries()) {
    const id = `P${i + 1}`;
    ids.set(id, passage);
    const { chunk } = passage;
    const text = neutraliseTags(chunk.text.slice(0, MAX_PROMPT_PASSAGE_CHARS));
    if (chunk.kind === 'published_answer') {
      const number = chunk.faqNumber ?? '';
      blocks.push(
        `<publicerat_svar id="${id}" nummer="${attr(String(number))}" fraga="${attr(chunk.heading)}">\n${text}\n</publicerat_svar>`,
      );
    } else {
      const page = chunk.page === null ? '' : ` sida="${chunk.page}"`;
      blocks.push(
        `<avsnitt id="${id}" dokument="${attr(chunk.document)}" nummer="${attr(chunk.section)}" rubrik="${attr(chunk.heading)}"${page}>\n${text}\n</avsnitt>`,
      );
    }
  }
  return { block: blocks.join('\n\n'), ids };
}

export function buildPromptInput(
  prompts: Prompts,
  callOff: CallOff,
  question: string,
  passages: Passage[],
): PromptInput {
  const { block, ids } = formatPassages(passages);
  const system = prompts.system.render({ buyer: callOff.buyer, reference: callOff.reference, title: callOff.title });
  const user = prompts.answer.render({ passages: block, question: neutraliseTags(question.trim()) });
  return { system, user, ids };
}
