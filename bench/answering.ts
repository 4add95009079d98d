/**
 * Benchmark of the extractive composer: time per compose() on real passages
 * (retrieved once, composed many times), time of retrieve + compose together,
 * and heap growth over a long run (the composer keeps nothing between calls).
 *
 *   node --import tsx bench/answering.ts [--rounds N]
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ExtractiveComposer } from '../src/answering/extractive.js';
import { loadCallOff } from '../src/config/callOff.js';
import type { CallOff, Passage } from '../src/core/types.js';
import { parseEvalFile } from '../src/eval/runEval.js';
import { silentLogger } from '../src/logger.js';
import { KnowledgeBase } from '../src/retrieval/knowledgeBase.js';
import { devSetFile, loadFixtureCallOff } from '../test/support/callOffs.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '30' } } });
const rounds = Number(values.rounds);
const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bench-answering-'));

function questions(file: string): string[] {
  return parseEvalFile(readFileSync(file, 'utf8')).map((c) => c.question);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (n: number) => n.toFixed(2).padStart(7);

interface Row {
  set: string;
  questions: number;
  calls: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  endToEndP50: number;
  endToEndP99: number;
}

async function measure(set: string, callOff: CallOff, qs: string[], kb: KnowledgeBase): Promise<Row> {
  await kb.ensureIndex(callOff);
  const composer = new ExtractiveComposer();
  const retrieved: Array<{ question: string; passages: Passage[] }> = [];
  const endToEnd: number[] = [];
  for (const question of qs) {
    const t0 = performance.now();
    const passages = await kb.retrieve(callOff, question, []);
    await composer.compose({ callOff, question, passages });
    endToEnd.push(performance.now() - t0);
    retrieved.push({ question, passages });
  }
  // Warm-up done above; now time compose alone, every question `rounds` times.
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const { question, passages } of retrieved) {
      const t0 = performance.now();
      await composer.compose({ callOff, question, passages });
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  endToEnd.sort((a, b) => a - b);
  return {
    set,
    questions: qs.length,
    calls: times.length,
    p50: pct(times, 50),
    p90: pct(times, 90),
    p99: pct(times, 99),
    max: times[times.length - 1]!,
    endToEndP50: pct(endToEnd, 50),
    endToEndP99: pct(endToEnd, 99),
  };
}

try {
  const kb = new KnowledgeBase({ dataDir: path.join(tmp, 'data'), logger: silentLogger });
  const seed = loadCallOff(path.join(root, 'knowledge', 'af-2025-0108-8097'));
  const inera = loadFixtureCallOff('inera');
  const enkoping = loadFixtureCallOff('enkoping');
  const fixtures = path.join(root, 'test', 'fixtures', 'eval');
  const seedQs = [...questions(devSetFile), ...questions(path.join(fixtures, 'seed-extra.jsonl'))];

  const heapBefore = process.memoryUsage().heapUsed;
  const rows = [
    await measure('seed (5 pages)', seed, seedQs, kb),
    await measure('enkoping (7 pages)', enkoping, questions(path.join(fixtures, 'enkoping.jsonl')), kb),
    await measure('inera (15 pages)', inera, questions(path.join(fixtures, 'inera.jsonl')), kb),
  ];
  globalThis.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  console.log(`Extractive composer, ${rounds} rounds per question (compose only, passages retrieved once)`);
  console.log('| set | questions | calls | p50 ms | p90 ms | p99 ms | max ms | retrieve+compose p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.set} | ${r.questions} | ${r.calls} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.endToEndP50)} | ${fmt(r.endToEndP99)} |`,
    );
  }
  const calls = rows.reduce((a, r) => a + r.calls, 0);
  console.log(
    `\nHeap after ${calls} compose calls: ${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB above the start (indexes of three call-offs included); rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
