/**
 * A call-off folder around documents that came without a call-off.json (the
 * shared corpus of real call-offs), for evaluation runs, tests and benchmarks.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCallOff } from '../config/callOff.js';
import type { CallOff } from '../core/types.js';

export function callOffFolder(
  knowledgeRoot: string,
  id: string,
  documents: readonly string[],
  questionDeadline = '2030-01-01',
): CallOff {
  const dir = path.join(knowledgeRoot, id);
  mkdirSync(dir, { recursive: true });
  for (const doc of documents) copyFileSync(doc, path.join(dir, path.basename(doc)));
  const config = { id, reference: id, title: id, buyer: id, timezone: 'Europe/Stockholm', questionDeadline };
  writeFileSync(path.join(dir, 'call-off.json'), JSON.stringify(config));
  return loadCallOff(dir);
}
