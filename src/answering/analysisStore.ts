/**
 * The answer model's per-chunk analysis kept on disk between processes. A
 * chunk's stems, its pieces' terms and facts and the whole passage's terms
 * (src/answering/terms.ts) depend on nothing but its heading and text, yet a
 * cold `ask` spent about 40 ms of CPU working them out for its 8 passages. Here each chunk's analysis is one
 * small JSON file, named by a hash of the analysis version and the chunk's
 * heading and text, read for the passages a question retrieves and written
 * for those it had to analyse. A file that is missing, unreadable, of another
 * version or of another text is ignored (the analysis is computed, and the
 * file written again): it can cost time, never change an answer.
 *
 *   <dir>/<2 hex>/<sha256>.json   {"version", "text", "analysis"}
 *
 * Files are never pruned: there is at most one per chunk text and version
 * ever asked about (10 KB on average on the labelled call-offs); a version change leaves old ones unread.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Chunk } from '../core/types.js';
import { ANALYZER_KEY } from '../retrieval/analyzer.js';
import { INDEX_FORMAT } from '../retrieval/indexStore.js';
import { CONDITIONAL_OPENERS, PLACEHOLDERS } from './lexicon.js';
import {
  adoptChunkAnalysis,
  analysedPieces,
  analysedText,
  type ChunkAnalysis,
  chunkAnalysis,
  holdsChunkAnalysis,
  type PieceFacts,
  pieceFacts,
} from './terms.js';

/**
 * Bump when terms.ts or what it calls would analyse a chunk differently and
 * nothing below notices. The release, the analyzer's key (its version and index-time weights), INDEX_FORMAT (tokenizer,
 * stemmer, compounds, answer types), the answering lexicon's lists that
 * facts read, and the fields of a piece's facts are in the version already.
 */
export const ANSWER_ANALYSIS_VERSION = 2;

/**
 * The installed release: the store lives in the data dir and outlives an
 * upgrade, whose code may analyse differently though nobody bumped the
 * version above, so a release never reads another release's files.
 */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return String(pkg.version);
  } catch {
    return 'unknown';
  }
}

let version: string | undefined;

/** The version every stored file must carry, computed once per process. */
function analysisVersion(): string {
  if (version) return version;
  // The fields a piece's facts have now: a field added to PieceFacts makes old files unread.
  const probe: Chunk = {
    id: '\u0000analysis-version-probe',
    document: '',
    section: '',
    heading: '',
    text: 'x',
    kind: 'document',
  } as Chunk;
  const fields = Object.keys(pieceFacts(probe, 'x') satisfies PieceFacts).sort();
  version = createHash('sha256')
    .update(
      JSON.stringify([
        ANSWER_ANALYSIS_VERSION,
        packageVersion(),
        ANALYZER_KEY,
        INDEX_FORMAT,
        CONDITIONAL_OPENERS,
        PLACEHOLDERS,
        fields,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  return version;
}

interface StoredFile {
  version: string;
  /** sha256 of the chunk's heading and text, as terms.ts reads them (analysedText). */
  text: string;
  analysis: ChunkAnalysis;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** How many pieces an analysis holds: a file is written again only when a process learned more. */
const pieces = (a: ChunkAnalysis) => a.terms.length + a.facts.length + a.derived.length;

/** Removes a temporary file a failed write may have left (best effort). */
function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Never written, or already gone.
  }
}

export class ChunkAnalysisStore {
  /** Chunk id -> pieces in its file as read (0 when there was none usable). */
  private readonly onDisk = new Map<string, number>();

  constructor(private readonly dir: string) {}

  private fileOf(chunk: Chunk): { file: string; textHash: string } {
    const textHash = sha256(analysedText(chunk));
    const name = sha256(`${analysisVersion()}\u0000${textHash}`);
    return { file: path.join(this.dir, name.slice(0, 2), `${name}.json`), textHash };
  }

  /** Reads the stored analyses of chunks this process does not hold yet. */
  adopt(chunks: readonly Chunk[]): void {
    for (const chunk of chunks) {
      if (holdsChunkAnalysis(chunk)) continue;
      const { file, textHash } = this.fileOf(chunk);
      const analysis = readAnalysis(file, textHash);
      this.onDisk.set(chunk.id, analysis ? pieces(analysis) : 0);
      if (analysis) adoptChunkAnalysis(chunk, analysis);
    }
  }

  /** Writes the analyses of the chunks that hold more than their files (best effort). */
  keep(chunks: readonly Chunk[]): void {
    for (const chunk of chunks) {
      const known = this.onDisk.get(chunk.id);
      // Not read here (held in memory since before): its file is already as complete as it gets.
      // Counted before serialising: `serve` passes here on every question, and most learn nothing new.
      if (known === undefined || !holdsChunkAnalysis(chunk) || analysedPieces(chunk) <= known) continue;
      const analysis = chunkAnalysis(chunk);
      const { file, textHash } = this.fileOf(chunk);
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(
          tmp,
          JSON.stringify({ version: analysisVersion(), text: textHash, analysis } satisfies StoredFile),
        );
        renameSync(tmp, file);
        this.onDisk.set(chunk.id, pieces(analysis));
      } catch {
        // A read-only or full data dir: the next process analyses the chunk again, as before;
        // a half-written temporary file is not left behind to fill the disk further.
        removeQuietly(tmp);
      }
    }
  }
}

/** The file's analysis when it is whole, of this version and of this text; otherwise null. */
function readAnalysis(file: string, textHash: string): ChunkAnalysis | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (!isStoredFile(parsed)) return null;
  if (parsed.version !== analysisVersion() || parsed.text !== textHash) return null;
  return parsed.analysis;
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

function isFacts(x: unknown): x is PieceFacts {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Record<string, unknown>;
  return (
    typeof f.types === 'number' &&
    isStrings(f.words) &&
    typeof f.conditional === 'boolean' &&
    typeof f.placeholder === 'boolean'
  );
}

/** [name, [[term, weight], ...]] pairs, as ChunkAnalysis keeps term sets. */
function isNamedTermSets(x: unknown): x is [string, [string, number][]][] {
  return (
    Array.isArray(x) &&
    x.every(
      (e: unknown) =>
        Array.isArray(e) &&
        e.length === 2 &&
        typeof e[0] === 'string' &&
        Array.isArray(e[1]) &&
        e[1].every(
          (t: unknown) => Array.isArray(t) && t.length === 2 && typeof t[0] === 'string' && Number.isFinite(t[1]),
        ),
    )
  );
}

/** A shape check of everything adopted: a damaged file is ignored, never half used. */
function isStoredFile(x: unknown): x is StoredFile {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Record<string, unknown>;
  if (typeof f.version !== 'string' || typeof f.text !== 'string') return false;
  const a = f.analysis as Record<string, unknown> | null | undefined;
  if (typeof a !== 'object' || a === null) return false;
  const state = a.state as Record<string, unknown> | null | undefined;
  if (typeof state !== 'object' || state === null || !isStrings(state.surface) || !isStrings(state.stems)) return false;
  if (!isNamedTermSets(a.terms) || !isNamedTermSets(a.derived) || !Array.isArray(a.facts)) return false;
  return a.facts.every((e: unknown) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && isFacts(e[1]));
}
