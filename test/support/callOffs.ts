/**
 * The call-offs and question sets that tests and benches run on. All of them
 * live in this repository, so a fresh clone tests the same thing as a
 * developer's machine: the seed under knowledge/, the others as ready call-off
 * folders (documents plus call-off.json) under test/fixtures/callOffs/.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCallOff } from '../../src/config/callOff.js';
import type { CallOff } from '../../src/core/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED_CALL_OFF_ID = 'af-2025-0108-8097';
export const seedCallOffDir = path.join(repoRoot, 'knowledge', SEED_CALL_OFF_ID);
export const callOffFixturesDir = path.join(repoRoot, 'test', 'fixtures', 'callOffs');
export const evalFixturesDir = path.join(repoRoot, 'test', 'fixtures', 'eval');
/** The development question set about the seed call-off. */
export const devSetFile = path.join(evalFixturesDir, 'dev.jsonl');

/** Three real, public call-offs (two TendSign-style PDFs and a Word document), one document each. */
export const CORPUS_CALL_OFF_IDS = ['enkoping', 'vaxholm', 'inera'] as const;

/** The folder of a call-off by id: the seed's under knowledge/, every other one under the fixtures. */
export function callOffFolderOf(id: string): string {
  return id === SEED_CALL_OFF_ID ? seedCallOffDir : path.join(callOffFixturesDir, id);
}

/** Loads a call-off folder of the repository as the product does (call-off.json validated). */
export function loadFixtureCallOff(id: string): CallOff {
  return loadCallOff(callOffFolderOf(id));
}

/** The path of a corpus document by file name, in whichever corpus call-off folder holds it. */
export function corpusDocument(file: string): string {
  for (const id of CORPUS_CALL_OFF_IDS) {
    if (readdirSync(path.join(callOffFixturesDir, id)).includes(file)) return path.join(callOffFixturesDir, id, file);
  }
  throw new Error(
    `${file} is in none of the corpus call-offs (${CORPUS_CALL_OFF_IDS.join(', ')}) under ${callOffFixturesDir}`,
  );
}

/** The corpus call-off whose folder holds a document (questions name the document they are about). */
export function corpusCallOffHolding(file: string): CallOff {
  return loadCallOff(path.dirname(corpusDocument(file)));
}
