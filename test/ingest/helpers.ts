/** Shared paths, hints and a scratch folder for the ingestion tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const seedDir = path.join(repoRoot, 'knowledge', 'af-2025-0108-8097');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'ingest');
export const seedHints = {
  reference: 'Af-2025/0108 8097',
  title: 'Avropsförfrågan AI-utvecklare med fokus på tillämpad AI, DevOps och MLOps',
};

/** Lines that are page furniture in any of the documents we know. */
export const FURNITURE = [/\bSida \d+\s*\/\s*\d+/i, /Publicerad \d{4}-\d{2}-\d{2}/, /Symbolförklaring/];

/** Call at the top of a test file: write(name, bytes) puts a file in a folder removed after the file's tests. */
export function useScratchDir(prefix: string): (name: string, bytes: Uint8Array | string) => Promise<string> {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return async (name, bytes) => {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    return file;
  };
}
