/**
 * Shared by the retrieval quality test and bench/retrieval.ts: question sets,
 * the call-offs they are about, and recall/MRR scoring.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../src/core/ports.js';
import type { Passage } from '../../src/core/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const seedDir = path.join(repoRoot, 'knowledge', 'af-2025-0108-8097');
export { corpusCallOffHolding, devSetFile } from '../support/callOffs.js';
export const seedExtraFile = path.join(repoRoot, 'test', 'fixtures', 'eval', 'seed-extra.jsonl');
export const corpusQuestionsFile = path.join(repoRoot, 'test', 'retrieval', 'fixtures', 'corpus-questions.jsonl');
/** The dev questions asked in English, with the same expected sections. */
export const englishSeedFile = path.join(repoRoot, 'test', 'retrieval', 'fixtures', 'english-seed-questions.jsonl');
/** Written after the corpus questions and first measured before any change made for them. */
export const holdoutQuestionsFile = path.join(repoRoot, 'test', 'retrieval', 'fixtures', 'holdout-questions.jsonl');

export const quietLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface LabelledQuestion {
  id: string;
  question: string;
  /** Any of these sections counts as a hit. */
  sections: string[];
  /** Corpus questions: the document (file name in the corpus) they are about. */
  file?: string;
}

/** Answerable questions of an eval file (shared/eval format) or of the corpus fixture. */
export function readQuestions(file: string): LabelledQuestion[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .flatMap((q): LabelledQuestion[] => {
      const expect = q['expect'] as { status: string; sections: string[] } | undefined;
      if (expect && expect.status !== 'answered') return [];
      const sections = expect ? expect.sections : (q['sections'] as string[]);
      const file = typeof q['file'] === 'string' ? q['file'] : undefined;
      return [{ id: String(q['id']), question: String(q['question']), sections, ...(file ? { file } : {}) }];
    });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface QualityReport {
  questions: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  /** Question id and the rank of the first hit (0 = not in the list). */
  misses: Array<{ id: string; rank: number; got: string[] }>;
}

export function rankOf(passages: readonly { section: string }[], expected: readonly string[]): number {
  return passages.findIndex((p) => expected.includes(p.section)) + 1;
}

export async function measure(
  questions: readonly LabelledQuestion[],
  search: (q: LabelledQuestion) => Promise<Array<{ section: string }>>,
): Promise<QualityReport> {
  let r1 = 0;
  let r3 = 0;
  let mrr = 0;
  const misses: QualityReport['misses'] = [];
  for (const q of questions) {
    const got = await search(q);
    const rank = rankOf(got, q.sections);
    if (rank === 1) r1++;
    if (rank >= 1 && rank <= 3) r3++;
    if (rank > 0) mrr += 1 / rank;
    if (rank !== 1) misses.push({ id: q.id, rank, got: got.slice(0, 3).map((p) => p.section) });
  }
  const n = questions.length || 1;
  return { questions: questions.length, recallAt1: r1 / n, recallAt3: r3 / n, mrr: mrr / n, misses };
}

export const sectionsOf = (passages: Passage[]) => passages.map((p) => ({ section: p.chunk.section }));
