/**
 * On-disk layout of a call-off's index, written so that a crash never leaves
 * a half index: each build goes into a fresh generation directory, and only
 * when it is complete does an atomic rename of `current.json` point to it.
 *
 *   <dataDir>/index/<callOffId>/current.json      {"generation": "gen-...", "key": "..."}
 *   <dataDir>/index/<callOffId>/gen-.../index.json chunks, sections, vocabulary, BM25 postings, metadata
 *   <dataDir>/index/<callOffId>/gen-.../vectors.hnsw
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Chunk, Section } from '../core/types.js';
import type { Bm25Json } from './bm25.js';
import type { SplitterState } from './compounds.js';

/**
 * The version of what an index holds, part of its key. Bump it whenever a
 * change would make an index built from the same files differ: the on-disk
 * layout, ingest (furniture, headings, sections, chunks) or analysis
 * (tokenizer, stemmer, compounds, answer types and the words of
 * quantityWords.ts they read). The key deliberately does not hash the
 * running code, so compiled dist/ and sources through tsx share one index,
 * and an upgrade that leaves indexes alone rebuilds nothing.
 */
export const INDEX_FORMAT = 9;

/** Files below a call-off folder that feed the index. */
const KNOWLEDGE_EXTENSIONS = new Set(['.txt', '.md', '.pdf', '.docx', '.json']);

export interface IndexMeta {
  format: number;
  key: string;
  callOff: string;
  builtAt: string;
  embedderId: string;
  dimensions: number;
  /** False when the embedder failed during the build: lexical retrieval only. */
  vectors: boolean;
  documents: string[];
  warnings: string[];
  seconds: number;
}

export interface StoredIndex {
  meta: IndexMeta;
  chunks: Chunk[];
  sections: Section[];
  /** The compound splitter's vocabulary (words and stems), so loading need not stem again. */
  vocabulary: SplitterState;
  bm25: Bm25Json;
  /** Per chunk: bit set of answer types (date, time, contact, quantity) it holds. */
  answerTypes: number[];
}

interface CurrentPointer {
  generation: string;
  key: string;
}

export function indexDir(dataDir: string, callOffId: string): string {
  return path.join(dataDir, 'index', callOffId);
}

function listKnowledgeFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name.startsWith('~$')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listKnowledgeFiles(full, base));
    else if (KNOWLEDGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(path.relative(base, full));
  }
  return out.sort();
}

/**
 * A cheap fingerprint of the knowledge files (names, sizes, modification
 * times): when it is unchanged the content hash need not be recomputed.
 */
export function statSignature(callOffDir: string): string {
  const parts: string[] = [];
  for (const rel of listKnowledgeFiles(callOffDir)) {
    const st = statSync(path.join(callOffDir, rel));
    parts.push(`${rel}\0${st.size}\0${st.mtimeMs}`);
  }
  return parts.join('\n');
}

/** What besides the knowledge files makes an index: every part changes the stored terms or vectors. */
export interface IndexKeyParts {
  /** The analyser's version (it shapes the stored terms and postings; BM25 scoring acts at query time). */
  analyser: string;
  /** The embedder's id and dimensions (they shape the vectors). */
  embedder: string;
  /** Default INDEX_FORMAT; tests pass another to stand for an index of an older release. */
  format?: number;
}

/**
 * The index key: a content hash of the knowledge files (names and bytes,
 * call-off.json among them), the analyser's version, INDEX_FORMAT and the
 * embedder. Nothing about where or from what code it runs.
 */
export function indexKey(callOffDir: string, parts: IndexKeyParts): string {
  const h = createHash('sha256');
  h.update(`format=${parts.format ?? INDEX_FORMAT}\0analyser=${parts.analyser}\0embedder=${parts.embedder}\0`);
  for (const rel of listKnowledgeFiles(callOffDir)) {
    h.update(`${rel.split(path.sep).join('/')}\0`);
    h.update(readFileSync(path.join(callOffDir, rel)));
    h.update('\0');
  }
  return h.digest('hex');
}

export function readCurrent(dir: string): CurrentPointer | null {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dir, 'current.json'), 'utf8')) as Partial<CurrentPointer>;
    if (typeof parsed.generation !== 'string' || typeof parsed.key !== 'string') return null;
    if (!/^gen-[\w-]+$/.test(parsed.generation)) return null;
    return { generation: parsed.generation, key: parsed.key };
  } catch {
    return null;
  }
}

export function readStored(dir: string, generation: string): StoredIndex {
  return JSON.parse(readFileSync(path.join(dir, generation, 'index.json'), 'utf8')) as StoredIndex;
}

export function vectorsFile(dir: string, generation: string): string {
  return path.join(dir, generation, 'vectors.hnsw');
}

/** Writes a complete generation, then switches `current.json` to it atomically. */
export function writeGeneration(
  dir: string,
  stored: StoredIndex,
  writeVectors: ((file: string) => void) | null,
): string {
  mkdirSync(dir, { recursive: true });
  const generation = `gen-${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const genDir = path.join(dir, generation);
  mkdirSync(genDir);
  writeFileSync(path.join(genDir, 'index.json'), JSON.stringify(stored));
  if (writeVectors) writeVectors(vectorsFile(dir, generation));
  const tmp = path.join(dir, `current.json.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(tmp, JSON.stringify({ generation, key: stored.meta.key } satisfies CurrentPointer));
  renameSync(tmp, path.join(dir, 'current.json'));
  removeStale(dir, generation);
  return generation;
}

/**
 * Removes old generations and leftovers of crashed builds. Young ones are
 * kept: another process may be reading or still writing them.
 */
function removeStale(dir: string, keep: string): void {
  const cutoff = Date.now() - 60_000;
  for (const name of readdirSync(dir)) {
    if (name === keep || name === 'current.json') continue;
    if (!name.startsWith('gen-') && !name.endsWith('.tmp')) continue;
    const full = path.join(dir, name);
    try {
      if (statSync(full).mtimeMs < cutoff) rmSync(full, { recursive: true, force: true });
    } catch {
      // Already gone (another process cleaned up): nothing to do.
    }
  }
}

export function hasIndex(dir: string): boolean {
  return existsSync(path.join(dir, 'current.json'));
}
