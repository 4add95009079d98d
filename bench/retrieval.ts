/**
 * Retrieval benchmark: quality (recall@1, recall@3, MRR) and per-question latency
 * of the knowledge base (fused, lexical only, vector only) against a plain BM25
 * baseline without Swedish analysis (minisearch defaults), on the dev questions,
 * further seed questions and the corpus call-offs; in-process p50/p99 on the seed
 * and on a synthetic knowledge base of 5,000 chunks; build and load times and the
 * memory of the 5,000-chunk index.
 * Run: node --import tsx bench/retrieval.ts   (re-runs itself with --expose-gc)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { loadCallOff } from '../src/config/callOff.js';
import type { CallOff, Chunk, Section } from '../src/core/types.js';
import { chunkSections, loadCallOffDocuments } from '../src/ingest/index.js';
import { type ContentLoader, KnowledgeBase } from '../src/retrieval/knowledgeBase.js';
import { loadRetrievalWeights, type RetrievalWeights } from '../src/retrieval/weights.js';
import {
  corpusCallOffHolding,
  corpusQuestionsFile,
  devSetFile,
  englishSeedFile,
  holdoutQuestionsFile,
  type LabelledQuestion,
  measure,
  quietLogger,
  readQuestions,
  sectionsOf,
  seedDir,
  seedExtraFile,
  tempDir,
} from '../test/retrieval/quality.js';
import { seededRandom as rng } from '../test/support/random.js';

if (typeof globalThis.gc !== 'function') {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
const gc = globalThis.gc as () => void;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const ms = (x: number) => (Number.isNaN(x) ? '' : x.toFixed(3));

interface Suite {
  name: string;
  questions: LabelledQuestion[];
  callOffOf: (q: LabelledQuestion) => CallOff;
}

async function suites(): Promise<Suite[]> {
  const seed = loadCallOff(seedDir);
  const corpusCallOffs = new Map<string, CallOff>();
  const corpusCallOff = (file: string) => {
    let c = corpusCallOffs.get(file);
    if (!c) {
      c = corpusCallOffHolding(file);
      corpusCallOffs.set(file, c);
    }
    return c;
  };
  const out: Suite[] = [
    { name: 'dev (seed)', questions: readQuestions(devSetFile), callOffOf: () => seed },
    { name: 'dev in English', questions: readQuestions(englishSeedFile), callOffOf: () => seed },
    { name: 'seed-extra', questions: readQuestions(seedExtraFile), callOffOf: () => seed },
  ];
  const corpus = readQuestions(corpusQuestionsFile);
  for (const file of [...new Set(corpus.map((q) => q.file!))]) {
    out.push({
      name: file.split('-').slice(0, 2).join('-'),
      questions: corpus.filter((q) => q.file === file),
      callOffOf: (q) => corpusCallOff(q.file!),
    });
  }
  out.push({
    name: 'holdout (3 call-offs)',
    questions: readQuestions(holdoutQuestionsFile),
    callOffOf: (q) => corpusCallOff(q.file!),
  });
  return out.filter((s) => s.questions.length > 0);
}

/** The baseline: minisearch with its defaults over heading + text, no Swedish analysis. */
async function baseline(callOff: CallOff) {
  const docs = await loadCallOffDocuments(callOff.dir, { reference: callOff.reference, title: callOff.title });
  const chunks = chunkSections(docs.flatMap((d) => d.sections));
  const mini = new MiniSearch<Chunk>({ fields: ['heading', 'text'], storeFields: ['section'] });
  mini.addAll(chunks);
  return (question: string) => mini.search(question).map((r) => ({ section: String(r['section']) }));
}

interface QualityRow {
  suite: string;
  system: string;
  n: number;
  r1: number;
  r3: number;
  mrr: number;
  p50: number;
  p99: number;
  cpu99: number;
}

const SYSTEMS = ['minisearch defaults', 'ours: BM25F only', 'ours: vectors only', 'ours: fused'] as const;

async function qualityRows(): Promise<QualityRow[]> {
  const rows: QualityRow[] = [];
  const kb = new KnowledgeBase({ dataDir: tempDir('bench-ret-'), logger: quietLogger });
  const shipped = loadRetrievalWeights();
  const noBonus = { ...shipped.answerType, contact: 0, date: 0, time: 0, quantity: 0 };
  const weightsOf: Record<(typeof SYSTEMS)[number], RetrievalWeights> = {
    'minisearch defaults': shipped,
    // Components alone (no answer-type bonus), then the whole.
    'ours: BM25F only': {
      ...shipped,
      fusion: { ...shipped.fusion, lexical: 1, vector: 0, agreement: 0 },
      answerType: noBonus,
    },
    'ours: vectors only': {
      ...shipped,
      fusion: { ...shipped.fusion, lexical: 0, vector: 1, agreement: 0 },
      answerType: noBonus,
    },
    'ours: fused': shipped,
  };
  const baselines = new Map<string, (q: string) => Array<{ section: string }>>();
  for (const suite of await suites()) {
    for (const q of suite.questions) {
      const c = suite.callOffOf(q);
      await kb.ensureIndex(c);
      if (!baselines.has(c.id)) baselines.set(c.id, await baseline(c));
    }
    for (const system of SYSTEMS) {
      const weights = weightsOf[system];
      const search = async (q: LabelledQuestion) => {
        const c = suite.callOffOf(q);
        if (system === 'minisearch defaults') return baselines.get(c.id)!(q.question);
        return sectionsOf(await kb.retrieve(c, q.question, [], { weights }));
      };
      // Warm-up, then time each question over a few rounds.
      for (const q of suite.questions) await search(q);
      const times: number[] = [];
      const cpu: number[] = [];
      for (let round = 0; round < 20; round++) {
        for (const q of suite.questions) {
          const c = process.cpuUsage();
          const t = performance.now();
          await search(q);
          times.push(performance.now() - t);
          const used = process.cpuUsage(c);
          cpu.push((used.user + used.system) / 1000);
        }
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      const r = await measure(suite.questions, search);
      rows.push({
        suite: suite.name,
        system,
        n: r.questions,
        r1: r.recallAt1,
        r3: r.recallAt3,
        mrr: r.mrr,
        p50: percentile(times, 0.5),
        p99: percentile(times, 0.99),
        cpu99: percentile(cpu, 0.99),
      });
    }
  }
  // All sets together, per system (weighted by questions).
  for (const system of SYSTEMS) {
    const mine = rows.filter((r) => r.system === system);
    const n = mine.reduce((s, r) => s + r.n, 0);
    const avg = (f: (r: QualityRow) => number) => mine.reduce((s, r) => s + f(r) * r.n, 0) / n;
    rows.push({
      suite: '**all**',
      system,
      n,
      r1: avg((r) => r.r1),
      r3: avg((r) => r.r3),
      mrr: avg((r) => r.mrr),
      p50: Number.NaN,
      p99: Number.NaN,
      cpu99: Number.NaN,
    });
  }
  return rows;
}

// ---------------------------------------------------------------- synthetic 5,000 chunks

/** 5,000 chunks of real call-off sentences, recombined, under numbered headings taken from real sections. */
async function syntheticLoader(count: number): Promise<ContentLoader> {
  const real: Section[] = [];
  const dirs = new Set<string>();
  for (const s of await suites()) for (const q of s.questions) dirs.add(s.callOffOf(q).dir);
  for (const dir of dirs) {
    const docs = await loadCallOffDocuments(dir, {});
    real.push(...docs.flatMap((d) => d.sections).filter((x) => x.text.length > 40));
  }
  const sentences = real.flatMap((s) => s.text.split(/(?<=[.!?])\s+|\n/)).filter((x) => x.length > 20);
  const random = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const sections: Section[] = [];
  for (let i = 0; i < count; i++) {
    const doc = `dokument-${Math.floor(i / 250) + 1}.pdf`;
    const number = `${Math.floor((i % 250) / 25) + 1}.${(i % 25) + 1}`;
    const n = 3 + Math.floor(random() * 6);
    const text = Array.from({ length: n }, () => pick(sentences)).join(' ');
    sections.push({ document: doc, number, heading: pick(real).heading, text, page: 1 + (i % 40) });
  }
  const chunks = chunkSections(sections).slice(0, count);
  const documents = [...new Set(sections.map((s) => s.document))];
  return async () => ({ documents, sections, chunks, warnings: [] });
}

function syntheticCallOff(): CallOff {
  const root = tempDir('bench-syn-');
  const dir = path.join(root, 'syntetisk-5000');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'call-off.json'),
    JSON.stringify({
      id: 'syntetisk-5000',
      reference: 'SYN-5000',
      title: 'Syntetisk kunskapsbas',
      buyer: 'Bench',
      timezone: 'Europe/Stockholm',
      questionDeadline: '2030-01-01',
    }),
  );
  return loadCallOff(dir);
}

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(full) : statSync(full).size;
  }
  return total;
}

async function latency(kb: KnowledgeBase, callOff: CallOff, questions: string[], rounds: number) {
  for (const q of questions) await kb.retrieve(callOff, q, []);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const c = process.cpuUsage();
      const t = performance.now();
      await kb.retrieve(callOff, q, []);
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    n: times.length,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times[times.length - 1]!,
    cpu50: percentile(cpu, 0.5),
    cpu99: percentile(cpu, 0.99),
  };
}

async function main() {
  console.log('### Quality and per-question latency (same questions, one run)\n');
  console.log('| set | system | n | recall@1 | recall@3 | MRR | p50 ms | p99 ms | CPU p99 ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of await qualityRows()) {
    console.log(
      `| ${r.suite} | ${r.system} | ${r.n} | ${r.r1.toFixed(3)} | ${r.r3.toFixed(3)} | ${r.mrr.toFixed(3)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.cpu99)} |`,
    );
  }

  const allQuestions = [
    ...readQuestions(devSetFile),
    ...readQuestions(englishSeedFile),
    ...readQuestions(seedExtraFile),
    ...readQuestions(corpusQuestionsFile),
    ...readQuestions(holdoutQuestionsFile),
  ].map((q) => q.question);

  console.log('\n### In-process retrieval latency (KnowledgeBase.retrieve, warm)\n');
  console.log('| knowledge base | chunks | questions timed | p50 ms | p99 ms | max ms | CPU p50 ms | CPU p99 ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  const seed = loadCallOff(seedDir);
  const seedKb = new KnowledgeBase({ dataDir: tempDir('bench-ret-'), logger: quietLogger });
  const seedSummary = await seedKb.ensureIndex(seed);
  const s = await latency(seedKb, seed, allQuestions, 20);
  console.log(
    `| seed | ${seedSummary.chunks} | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.cpu50)} | ${ms(s.cpu99)} |`,
  );

  const synthetic = syntheticCallOff();
  const dataDir = tempDir('bench-syn-data-');
  const loader = await syntheticLoader(5000);
  const builder = new KnowledgeBase({ dataDir, logger: quietLogger, loadContent: loader });
  const t0 = performance.now();
  const built = await builder.ensureIndex(synthetic);
  const buildSeconds = (performance.now() - t0) / 1000;

  gc();
  const heapBefore = process.memoryUsage();
  const fresh = new KnowledgeBase({ dataDir, logger: quietLogger, loadContent: loader });
  const t1 = performance.now();
  const loaded = await fresh.ensureIndex(synthetic);
  const loadMs = performance.now() - t1;
  gc();
  const heapAfter = process.memoryUsage();
  const syn = await latency(fresh, synthetic, allQuestions, 10);
  console.log(
    `| synthetic | ${loaded.chunks} | ${syn.n} | ${ms(syn.p50)} | ${ms(syn.p99)} | ${ms(syn.max)} | ${ms(syn.cpu50)} | ${ms(syn.cpu99)} |`,
  );

  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  console.log('\n### The 5,000-chunk index\n');
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| chunks / rebuilt on first call | ${built.chunks} / ${built.rebuilt} |`);
  console.log(`| build (analysis, BM25, embeddings, hnswlib, write) | ${buildSeconds.toFixed(2)} s |`);
  console.log(`| load from disk in a fresh instance (rebuilt=${loaded.rebuilt}) | ${loadMs.toFixed(0)} ms |`);
  const indexRoot = path.join(dataDir, 'index', synthetic.id);
  const generation = readdirSync(indexRoot).find((n) => n.startsWith('gen-'))!;
  console.log(`| on disk, all | ${mb(dirSize(indexRoot))} MB |`);
  console.log(
    `| on disk, hnswlib graph (= its native memory, outside the V8 heap) | ${mb(statSync(path.join(indexRoot, generation, 'vectors.hnsw')).size)} MB |`,
  );
  console.log(`| heap after load - before (V8) | ${mb(heapAfter.heapUsed - heapBefore.heapUsed)} MB |`);
  console.log(`| external + array buffers (incl. typed arrays) | ${mb(heapAfter.external - heapBefore.external)} MB |`);
}

await main();
