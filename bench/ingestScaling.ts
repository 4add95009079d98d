/**
 * Ingest time against section count: generated call-offs of 640, 1,280,
 * 2,560 and 5,120 sections (bench/support/syntheticCallOff.ts) through
 * loadDocument (read, furniture, table of contents, heading chain,
 * normalisation), to show that structure recovery grows linearly. Doubling
 * the sections should about double the time.
 * Run: node --import tsx bench/ingestScaling.ts [rounds]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocument } from '../src/ingest/index.js';
import { syntheticCallOff } from './support/syntheticCallOff.js';

const rounds = Number(process.argv[2] ?? 5);
const sizes = [640, 1280, 2560, 5120];
const dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bench-scaling-'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`node ${process.version}, median of ${rounds} rounds per size after one warm-up\n`);
console.log('| sections | lines | ms (median) | ms per 1,000 sections | time vs half the size |');
console.log('|---:|---:|---:|---:|---:|');
let previous: number | null = null;
for (const size of sizes) {
  const text = syntheticCallOff(size);
  const file = path.join(dir, `avrop-${size}.txt`);
  writeFileSync(file, text);
  const hints = { reference: 'AF-2026-0001' };
  const first = await loadDocument(file, path.basename(file), hints);
  if (first.sections.length !== size) throw new Error(`${size}: ${first.sections.length} sections recovered`);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await loadDocument(file, path.basename(file), hints);
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  const lines = text.split('\n').length;
  console.log(
    `| ${size} | ${lines} | ${ms.toFixed(0)} | ${((ms * 1000) / size).toFixed(0)} | ${previous ? `${(ms / previous).toFixed(2)}x` : '-'} |`,
  );
  previous = ms;
}
