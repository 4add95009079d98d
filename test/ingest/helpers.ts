/** Shared paths and hints for the ingestion tests. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const seedDir = path.join(repoRoot, 'knowledge', 'af-2025-0108-8097');
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'ingest');
export const seedHints = {
  reference: 'Af-2025/0108 8097',
  title: 'Avropsförfrågan AI-utvecklare med fokus på tillämpad AI, DevOps och MLOps',
};

/** Lines that are page furniture in any of the documents we know. */
export const FURNITURE = [/\bSida \d+\s*\/\s*\d+/i, /Publicerad \d{4}-\d{2}-\d{2}/, /Symbolförklaring/];
