/**
 * Ingestion: a call-off folder's documents (.txt, .md, .pdf, .docx) ->
 * sections (numbered headings, page furniture removed, text normalised) ->
 * chunks with stable ids. This is the module's public API.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CALL_OFF_FILE } from '../config/callOff.js';
import { CodedError } from '../core/errors.js';
import type { Section } from '../core/types.js';
import type { SourceLine, WrapMode } from './lines.js';
import { decodeText, loadMarkdown, loadPlainText } from './loaders/text.js';
import { buildSections } from './sections.js';
import { findStatedQuestionDeadlineIn, type StatedDeadline } from './statedDeadline.js';

export { type ChunkOptions, chunkSections } from './chunk.js';
export { PREAMBLE_HEADING, WHOLE_DOCUMENT_HEADING } from './sections.js';
export type { StatedDeadline } from './statedDeadline.js';

export type DocumentFormat = 'txt' | 'md' | 'pdf' | 'docx';

export interface IngestedDocument {
  /** Path relative to the call-off folder, '/' separators. */
  document: string;
  format: DocumentFormat;
  pages: number | null;
  sections: Section[];
  /** sha256 (hex) of the file bytes. */
  contentHash: string;
  /** Swedish, for the person running ingest: e.g. a scanned PDF without text. Empty when all is well. */
  warnings: string[];
}

/** From call-off.json: lines that repeat them are page furniture. */
export interface IngestHints {
  reference?: string;
  title?: string;
}

const FORMATS: Record<string, DocumentFormat> = { '.txt': 'txt', '.md': 'md', '.pdf': 'pdf', '.docx': 'docx' };

export function formatOf(fileName: string): DocumentFormat | null {
  return FORMATS[path.extname(fileName).toLowerCase()] ?? null;
}

async function readBytes(filePath: string, relName: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(filePath));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'filen finns inte' : code === 'EACCES' ? 'behörighet saknas' : 'filen kunde inte läsas';
    throw new CodedError('index_unavailable', `${relName}: ${why}.`, { cause: err });
  }
}

export async function loadDocument(
  filePath: string,
  relName: string,
  hints: IngestHints = {},
): Promise<IngestedDocument> {
  const format = formatOf(relName) ?? formatOf(filePath);
  if (!format) {
    throw new CodedError('config_invalid', `${relName}: filtypen stöds inte (endast .txt, .md, .pdf och .docx).`);
  }
  const bytes = await readBytes(filePath, relName);
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const warnings: string[] = [];
  let lines: SourceLine[];
  let pages: number | null = null;
  let mode: WrapMode;
  if (bytes.length === 0) {
    warnings.push(`${relName}: filen är tom och har inte indexerats.`);
    return { document: relName, format, pages: null, sections: [], contentHash, warnings };
  }
  if (format === 'pdf') {
    // PDF and DOCX readers load on demand: asking a question must not pay for them.
    const { loadPdf } = await import('./loaders/pdf.js');
    const pdf = await loadPdf(bytes, relName);
    lines = pdf.lines;
    pages = pdf.pages;
    warnings.push(...pdf.warnings);
    mode = 'visual';
  } else if (format === 'docx') {
    const { loadDocx } = await import('./loaders/docx.js');
    lines = (await loadDocx(bytes, relName)).lines;
    mode = 'paragraphs';
  } else {
    const text = decodeText(bytes, relName);
    const loaded = format === 'md' ? loadMarkdown(text) : loadPlainText(text);
    lines = loaded.lines;
    pages = loaded.pages;
    mode = format === 'md' ? 'markdown' : 'visual';
  }
  const hasText = lines.some((l) => /\p{L}/u.test(l.text));
  if (!hasText) {
    warnings.push(
      format === 'pdf'
        ? `${relName}: PDF-filen saknar sökbar text (troligen inskannad) och har inte indexerats. Lägg till en textversion eller kör OCR.`
        : `${relName}: filen innehåller ingen text och har inte indexerats.`,
    );
    return { document: relName, format, pages, sections: [], contentHash, warnings };
  }
  const { sections, outlineNumbered } = buildSections(relName, lines, mode, hints);
  if (outlineNumbered) {
    warnings.push(
      `${relName}: rubrikerna saknar nummer i dokumentet; avsnitten har numrerats i ordning (1, 1.1, 2 ...) för hänvisningarnas skull.`,
    );
  }
  if (sections.length === 0) warnings.push(`${relName}: inga avsnitt kunde utläsas ur filen.`);
  else if (!sections.some((s) => s.number)) {
    warnings.push(`${relName}: inga numrerade rubriker hittades; hela texten har indexerats som ett avsnitt.`);
  }
  return { document: relName, format, pages, sections, contentHash, warnings };
}

/** Every supported file below the folder, as '/'-separated relative paths, sorted. */
export async function listCallOffFiles(callOffDir: string): Promise<string[]> {
  const out: string[] = [];
  const visited = new Set<string>();
  const walk = async (dir: string, rel: string) => {
    // Symbolic links are followed (documents are often linked in), but never round in a circle.
    const real = await realpath(dir).catch(() => dir);
    if (visited.has(real)) return;
    visited.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      throw new CodedError('index_unavailable', `${rel || callOffDir}: mappen kunde inte läsas.`, { cause: err });
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.startsWith('~$')) continue; // hidden files, Word lock files
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const target = await stat(full).catch(() => null); // a dangling link is skipped
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir) await walk(full, relPath);
      else if (isFile && relPath !== CALL_OFF_FILE && formatOf(e.name)) out.push(relPath);
    }
  };
  await walk(callOffDir, '');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every .txt/.md/.pdf/.docx anywhere below the folder (not call-off.json, not hidden files), sorted by path. */
export async function loadCallOffDocuments(
  callOffDir: string,
  hints: IngestHints = {},
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<IngestedDocument[]> {
  const files = await listCallOffFiles(callOffDir);
  const docs: IngestedDocument[] = [];
  for (const [i, rel] of files.entries()) {
    docs.push(await loadDocument(path.join(callOffDir, ...rel.split('/')), rel, hints));
    onProgress?.(i + 1, files.length, rel);
  }
  return docs;
}

/** Where the documents state the question deadline, for ingest's warning. */
export function findStatedQuestionDeadline(docs: IngestedDocument[]): StatedDeadline | null {
  return findStatedQuestionDeadlineIn(docs.flatMap((d) => d.sections));
}
