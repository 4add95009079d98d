/**
 * Where the knowledge base gets a call-off's content: src/ingest by default
 * (loaders -> sections -> chunks), plus the check that the question deadline
 * stated in the documents agrees with call-off.json.
 */
import type { CallOff, Chunk, Section } from '../core/types.js';
import type { StatedDeadline } from '../ingest/index.js';

export type ProgressFn = (done: number, total: number, file: string) => void;

export interface CallOffContent {
  /** Document names relative to the call-off folder. */
  documents: string[];
  sections: Section[];
  chunks: Chunk[];
  /** Swedish, for the person running ingest. */
  warnings: string[];
}

export type ContentLoader = (callOff: CallOff, onProgress?: ProgressFn) => Promise<CallOffContent>;

/** A Swedish warning when the documents state another question deadline than call-off.json, else null. */
export function deadlineWarning(callOff: CallOff, stated: StatedDeadline | null): string | null {
  if (!stated) return null;
  const [configuredDate, configuredTime] = callOff.questionDeadline.split('T');
  const sameDate = configuredDate === stated.date;
  const sameTime = !stated.time || !configuredTime || configuredTime.slice(0, 5) === stated.time;
  if (sameDate && sameTime) return null;
  const statedText = stated.time ? `${stated.date} ${stated.time}` : stated.date;
  const where = stated.section ? `avsnitt ${stated.section} i ${stated.document}` : stated.document;
  return (
    `Dokumenten anger sista dag för frågor till ${statedText} (${where}), men call-off.json har ` +
    `questionDeadline ${callOff.questionDeadline}. Kontrollera vilket datum som gäller och rätta call-off.json vid behov.`
  );
}

export const loadFromIngest: ContentLoader = async (callOff, onProgress) => {
  // Loaded on demand: the PDF and DOCX parsers are only needed to build an index, not to load one.
  const { chunkSections, findStatedQuestionDeadline, loadCallOffDocuments } = await import('../ingest/index.js');
  const docs = await loadCallOffDocuments(
    callOff.dir,
    { reference: callOff.reference, title: callOff.title },
    onProgress,
  );
  const sections = docs.flatMap((d) => d.sections);
  const warnings = docs.flatMap((d) => d.warnings);
  if (docs.length === 0) {
    warnings.push(
      `Inga dokument (.txt, .md, .pdf, .docx) hittades i ${callOff.dir}; frågor kan inte besvaras ur dokumenten förrän de lagts dit.`,
    );
  }
  const deadline = deadlineWarning(callOff, findStatedQuestionDeadline(docs));
  if (deadline) warnings.push(deadline);
  return { documents: docs.map((d) => d.document), sections, chunks: chunkSections(sections), warnings };
};
