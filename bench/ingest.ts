/**
 * Ingestion throughput on the real corpus: pages per second for the PDFs,
 * documents per second for the DOCX and the seed text, and chunking speed;
 * then ingest time against section count on generated call-offs.
 * Run: node --import tsx bench/ingest.ts [rounds]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkSections, loadDocument } from '../src/ingest/index.js';
import { loadPdf } from '../src/ingest/loaders/pdf.js';
import { buildSections } from '../src/ingest/sections.js';
import { CORPUS_CALL_OFF_IDS, callOffFixturesDir, corpusDocument } from '../test/support/callOffs.js';
import { printIngestScaling } from './support/ingestScaling.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seed = path.join(repoRoot, 'knowledge', 'af-2025-0108-8097', 'avropsforfragan.txt');
const rounds = Number(process.argv[2] ?? 20);

interface Row {
  file: string;
  pages: number | null;
  sections: number;
  chunks: number;
  msPerDoc: number;
  p95: number;
  pagesPerSec: number | null;
  docsPerSec: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function measure(file: string, rel: string): Promise<Row> {
  // Warm-up: JIT, pdf.js worker set-up, font tables.
  const first = await loadDocument(file, rel);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await loadDocument(file, rel);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    file: rel,
    pages: first.pages,
    sections: first.sections.length,
    chunks: chunkSections(first.sections).length,
    msPerDoc: mean,
    p95: percentile(times, 0.95),
    pagesPerSec: first.pages ? (first.pages * 1000) / mean : null,
    docsPerSec: 1000 / mean,
  };
}

const files = CORPUS_CALL_OFF_IDS.map((id) => path.join(callOffFixturesDir, id))
  .flatMap((dir) => readdirSync(dir).filter((f) => /\.(pdf|docx)$/i.test(f)))
  .sort();
const rows: Row[] = [];
for (const f of files) rows.push(await measure(corpusDocument(f), f));
rows.push(await measure(seed, 'seed: avropsforfragan.txt'));

const rssBefore = process.memoryUsage().rss;
const seedDoc = await loadDocument(seed, 'avropsforfragan.txt');
const many = Array.from({ length: 200 }, (_, i) =>
  seedDoc.sections.map((s) => ({ ...s, document: `kopia-${i}.txt` })),
).flat();
const t0 = performance.now();
const chunks = chunkSections(many);
const chunkMs = performance.now() - t0;

console.log(`node ${process.version}, ${rounds} rounds per file after one warm-up\n`);
console.log('| file | pages | sections | chunks | ms/doc (mean) | ms/doc (p95) | pages/s | docs/s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.file} | ${r.pages ?? '-'} | ${r.sections} | ${r.chunks} | ${r.msPerDoc.toFixed(1)} | ${r.p95.toFixed(1)} | ${
      r.pagesPerSec ? r.pagesPerSec.toFixed(0) : '-'
    } | ${r.docsPerSec.toFixed(1)} |`,
  );
}
const pdfRows = rows.filter((r) => r.pages && r.file.endsWith('.pdf'));
const totalPages = pdfRows.reduce((a, r) => a + r.pages!, 0);
const totalMs = pdfRows.reduce((a, r) => a + r.msPerDoc, 0);
console.log(
  `\nPDF overall: ${totalPages} pages in ${totalMs.toFixed(1)} ms = ${((totalPages * 1000) / totalMs).toFixed(0)} pages/s`,
);
console.log(
  `chunkSections: ${many.length} sections -> ${chunks.length} chunks in ${chunkMs.toFixed(1)} ms (${((many.length * 1000) / chunkMs).toFixed(0)} sections/s)`,
);
// Where PDF time goes: pdf.js text extraction versus our structure recovery.
for (const r of rows.filter((x) => x.file.endsWith('.pdf'))) {
  const bytes = new Uint8Array(readFileSync(corpusDocument(r.file)));
  let extract = 0;
  let structure = 0;
  for (let i = 0; i < rounds; i++) {
    const t1 = performance.now();
    const { lines } = await loadPdf(bytes, r.file);
    const t2 = performance.now();
    buildSections(r.file, lines, 'visual');
    structure += performance.now() - t2;
    extract += t2 - t1;
  }
  console.log(
    `${r.file}: text extraction ${(extract / rounds).toFixed(1)} ms, structure recovery ${(structure / rounds).toFixed(1)} ms per document`,
  );
}
console.log(
  `RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (before chunking ${(rssBefore / 2 ** 20).toFixed(0)} MiB)`,
);
// Linear structure recovery: 640 to 5,120 generated sections (fewer rounds: the large ones take a while).
await printIngestScaling(Math.max(3, Math.ceil(rounds / 4)));
