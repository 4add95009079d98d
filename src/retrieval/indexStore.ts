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
import { fileURLToPath } from 'node:url';
import type { Chunk, Section } from '../core/types.js';
import type { Bm25Json } from './bm25.js';
import type { SplitterState } from './compounds.js';

export const INDEX_FORMAT = 'avropsbot-index-4';

/** Files below a call-off folder that feed the index. */
const KNOWLEDGE_EXTENSIONS = new Set(['.txt', '.md', '.pdf', '.docx', '.json']);

export interface IndexMeta {
  format: string;
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

let codeFingerprintCache: string | undefined;

/**
 * A content hash of the code that shapes an index: src/ingest (sections,
 * chunks) and src/retrieval (analysis, scoring), or their compiled dist/
 * twins, whichever is running. A new version of either rebuilds the index,
 * so an improved heading parser is not hidden behind an old index.
 * Computed once per process (a few dozen small files).
 */
export function codeFingerprint(): string {
  if (codeFingerprintCache !== undefined) return codeFingerprintCache;
  const h = createHash('sha256');
  for (const rel of ['../ingest/', './']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    try {
      for (const file of listCode(dir)) {
        h.update(`${path.relative(dir, file)}\0`);
        h.update(readFileSync(file));
      }
    } catch {
      // Code not on disk as files (bundled): the explicit versions in the key still apply.
    }
  }
  codeFingerprintCache = h.digest('hex').slice(0, 16);
  return codeFingerprintCache;
}

function listCode(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listCode(full));
    else if (/\.(?:ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
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

/**
 * Content hash of everything an index depends on: the knowledge files (names
 * and bytes), call-off.json among them, and the versions of the analysis.
 */
export function contentKey(callOffDir: string, versions: string[]): string {
  const h = createHash('sha256');
  h.update(`${INDEX_FORMAT}\0${versions.join('\0')}\0`);
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
