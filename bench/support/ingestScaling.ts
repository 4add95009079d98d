/**
 * Ingest time against section count: generated call-offs of 640, 1,280,
 * 2,560 and 5,120 sections (syntheticCallOff.ts) through loadDocument (read,
 * furniture, table of contents, heading chain, normalisation), to show that
 * structure recovery grows linearly: doubling the sections should about
 * double the time. Part of bench/ingest.ts; alone:
 * node --import tsx bench/support/ingestScaling.ts [rounds]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDocument } from '../../src/ingest/index.js';
import { syntheticCallOff } from './syntheticCallOff.js';

const sizes = [640, 1280, 2560, 5120];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Prints the table: the median of `rounds` runs per size after one warm-up. */
export async function printIngestScaling(rounds: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bench-scaling-'));
  console.log(`\nIngest time against section count, median of ${rounds} rounds per size after one warm-up\n`);
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
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await printIngestScaling(Number(process.argv[2] ?? 5));
