/**
 * The labelled questions the answer model is fitted and validated on: every
 * question set in test/fixtures/eval/*.jsonl whose lines name their call-off,
 * with the call-off folders they are about (knowledge/ and
 * test/fixtures/callOffs/). The data hash covers every file that can change a
 * fitted weight, so a test can tell when the shipped model is older than its data.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadCallOff } from '../config/callOff.js';
import type { CallOff } from '../core/types.js';
import { type EvalCase, parseEvalFile } from './runEval.js';

export interface LabelledCallOff {
  callOff: CallOff;
  cases: EvalCase[];
}

export interface LabelledData {
  callOffs: LabelledCallOff[];
  /** sha256 over the question sets and the documents of the call-offs they use. */
  hash: string;
  /** Lines that name no call-off, or one that has no folder (not used). */
  skipped: number;
}

export const EVAL_DIR = ['test', 'fixtures', 'eval'];
const CALL_OFF_ROOTS = [['knowledge'], ['test', 'fixtures', 'callOffs']];

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** Call-off folders (those with a call-off.json) by id. */
export function callOffFolders(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const parts of CALL_OFF_ROOTS) {
    const base = path.join(root, ...parts);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      const dir = path.join(base, name);
      if (!existsSync(path.join(dir, 'call-off.json'))) continue;
      const id = (JSON.parse(readFileSync(path.join(dir, 'call-off.json'), 'utf8')) as { id?: unknown }).id;
      if (typeof id === 'string') out.set(id, dir);
    }
  }
  return out;
}

/** Every labelled question of the repository, grouped by call-off (in a stable order). */
export function loadLabelledData(root: string): LabelledData {
  const evalDir = path.join(root, ...EVAL_DIR);
  const folders = callOffFolders(root);
  const byCallOff = new Map<string, EvalCase[]>();
  const hash = createHash('sha256');
  let skipped = 0;
  const sets = readdirSync(evalDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  for (const file of sets) {
    const text = readFileSync(path.join(evalDir, file), 'utf8');
    hash.update(`set\u0000${file}\u0000${text}\u0000`);
    for (const c of parseEvalFile(text)) {
      if (!c.callOff || !folders.has(c.callOff)) {
        skipped++;
        continue;
      }
      const list = byCallOff.get(c.callOff) ?? [];
      list.push(c);
      byCallOff.set(c.callOff, list);
    }
  }
  const callOffs: LabelledCallOff[] = [];
  for (const id of [...byCallOff.keys()].sort()) {
    const dir = folders.get(id)!;
    for (const file of listFiles(dir)) {
      hash.update(`doc\u0000${id}\u0000${path.relative(dir, file)}\u0000`);
      hash.update(readFileSync(file));
    }
    callOffs.push({ callOff: loadCallOff(dir), cases: byCallOff.get(id)! });
  }
  return { callOffs, hash: hash.digest('hex'), skipped };
}
