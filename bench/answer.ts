/**
 * Benchmark of the in-process answer: KnowledgeBase.retrieve followed by
 * ExtractiveComposer.compose, the path every supplier question takes before
 * the register. Runs on the seed call-off and on a synthetic call-off of about
 * 5,000 chunks (a .txt of numbered sections built from real call-off sentences,
 * ingested the ordinary way), after a warm-up, many rounds of a fixed question
 * list, and reports wall-clock p50/p90/p99/max and CPU time per step, the first
 * ask of each question (cold per-chunk caches), the slowest questions and heap use.
 *
 *   node --expose-gc --import tsx bench/answer.ts [--rounds N] [--chunks N] [--only seed|synthetic]
 *
 * --fill N then asks N more different questions on the synthetic call-off (caches' memory when full).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ExtractiveComposer } from '../src/answering/extractive.js';
import { loadCallOff } from '../src/config/callOff.js';
import type { CallOff } from '../src/core/types.js';
import { parseEvalFile } from '../src/eval/runEval.js';
import { loadCallOffDocuments } from '../src/ingest/index.js';
import { silentLogger } from '../src/logger.js';
import { KnowledgeBase } from '../src/retrieval/knowledgeBase.js';
import { seededRandom as rng } from '../test/support/random.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    chunks: { type: 'string', default: '5000' },
    only: { type: 'string' },
    fill: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const targetChunks = Number(values.chunks);
const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'test', 'fixtures', 'eval');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bench-answer-'));

const questionsOf = (file: string) => parseEvalFile(readFileSync(file, 'utf8')).map((c) => c.question);

/** The fixed question list: every question set we have, plus the same questions as typed carelessly. */
function questionList(): string[] {
  const base = [
    ...questionsOf(path.join(fixtures, 'dev.jsonl')),
    ...questionsOf(path.join(fixtures, 'seed-extra.jsonl')),
    ...questionsOf(path.join(fixtures, 'enkoping.jsonl')),
    ...questionsOf(path.join(fixtures, 'inera.jsonl')),
    ...questionsOf(path.join(fixtures, 'vaxholm.jsonl')),
  ];
  const variants = base
    .filter((_, i) => i % 3 === 0)
    .map((q, i) =>
      i % 2 === 0 ? `Hej! ${q.toLowerCase()}` : q.replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/[ÅÄ]/g, 'A'),
    );
  return [...base, ...variants];
}

function writeCallOffJson(dir: string, id: string): void {
  writeFileSync(
    path.join(dir, 'call-off.json'),
    JSON.stringify({
      id,
      reference: id,
      title: 'Syntetisk avropsförfrågan',
      buyer: 'Myndigheten',
      timezone: 'Europe/Stockholm',
      questionDeadline: '2030-01-01',
    }),
  );
}

/**
 * A call-off folder with one .txt of numbered sections ("12.34 Rubrik" + 3-8
 * sentences) whose headings and sentences are taken at random from the seed and
 * the corpus call-offs: real Swedish procurement text, in new combinations.
 */
/** Questions made of the synthetic call-off's own words, to fill the caches (see fillCaches). */
const fillQuestions: string[] = [];

async function syntheticCallOff(sections: number): Promise<CallOff> {
  // The corpus call-offs in the order of their file names, as when they shared one folder.
  const sources = [
    path.join(root, 'knowledge', 'af-2025-0108-8097'),
    ...['enkoping', 'inera', 'vaxholm'].map((id) => path.join(root, 'test', 'fixtures', 'callOffs', id)),
  ];
  const real = [];
  for (const dir of sources) {
    for (const d of await loadCallOffDocuments(dir, {})) real.push(...d.sections.filter((s) => s.text.length > 40));
  }
  const sentences = real
    .flatMap((s) => s.text.split(/(?<=[.!?])\s+|\n/))
    .map((s) => s.trim())
    .filter((s) => s.length > 20 && !/^\d/.test(s));
  const headings = [...new Set(real.map((s) => s.heading.replace(/^[\d.\s]+/, '').trim()))].filter(
    (h) => h.length > 3 && h.length < 60 && !/^\d/.test(h),
  );
  const random = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const perChapter = 99;
  const lines: string[] = [];
  for (let i = 0; i < sections; i++) {
    const chapter = Math.floor(i / perChapter) + 1;
    const sub = (i % perChapter) + 1;
    if (sub === 1) lines.push(`${chapter}. ${pick(headings)}`, '');
    const n = 3 + Math.floor(random() * 6);
    lines.push(`${chapter}.${sub} ${pick(headings)}`);
    // Each sentence ends with its section's number: no two chunks share a sentence (real call-offs seldom
    // repeat one), so the composer's per-sentence cache gets no help from the recombination.
    const body = Array.from({ length: n }, () => pick(sentences).replace(/[.!?:;]*$/, ` ${chapter}.${sub}.`));
    lines.push(body.join(' '), '');
    const words = body
      .join(' ')
      .split(/\s+/)
      .filter((w) => /^\p{L}{6,}$/u.test(w));
    if (words.length >= 2) fillQuestions.push(`Vad gäller för ${pick(words)} och ${pick(words)}?`);
  }
  const dir = path.join(tmp, 'knowledge', 'syntetisk');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'avropsforfragan.txt'), lines.join('\n'));
  writeCallOffJson(dir, 'syntetisk');
  return loadCallOff(dir);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const f = (n: number) => n.toFixed(2);

interface Stats {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s[s.length - 1]! };
}

/** Wall-clock and CPU milliseconds of one step. */
interface Timing {
  wall: number;
  cpu: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, Timing]> {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(c);
  return [out, { wall, cpu: (used.user + used.system) / 1000 }];
}

function row(label: string, xs: Timing[]): string {
  const w = stats(xs.map((x) => x.wall));
  const c = stats(xs.map((x) => x.cpu));
  return `| ${label} | ${f(w.p50)} | ${f(w.p90)} | ${f(w.p99)} | ${f(w.max)} | ${f(c.p50)} | ${f(c.p99)} |`;
}

async function measure(name: string, callOff: CallOff, questions: string[]): Promise<void> {
  const kb = new KnowledgeBase({ dataDir: path.join(tmp, `data-${name}`), logger: silentLogger });
  const t0 = performance.now();
  const summary = await kb.ensureIndex(callOff);
  const buildMs = performance.now() - t0;
  const composer = new ExtractiveComposer();
  const answer = async (question: string) => {
    const [passages, retrieve] = await timed(() => kb.retrieve(callOff, question, []));
    const [, compose] = await timed(() => composer.compose({ callOff, question, passages }));
    return { retrieve, compose, total: { wall: retrieve.wall + compose.wall, cpu: retrieve.cpu + compose.cpu } };
  };
  console.log(
    `\n### ${name}: ${summary.chunks} chunks (index built in ${(buildMs / 1000).toFixed(1)} s), ` +
      `${questions.length} questions x ${rounds} rounds`,
  );
  {
    // The first pass: every question asked for the first time, on empty caches (what a new question meets).
    const first: Timing[] = [];
    for (const q of questions) first.push((await answer(q)).total);
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const retrieve: Timing[] = [];
    const compose: Timing[] = [];
    const total: Timing[] = [];
    const perQuestion = new Map<string, number[]>();
    for (let r = 0; r < rounds; r++) {
      for (const q of questions) {
        const t = await answer(q);
        retrieve.push(t.retrieve);
        compose.push(t.compose);
        total.push(t.total);
        const list = perQuestion.get(q) ?? [];
        list.push(t.total.cpu);
        perQuestion.set(q, list);
      }
    }
    globalThis.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    console.log(`\n#### ${total.length} timed answers after the first pass\n`);
    console.log('| step | p50 ms | p90 ms | p99 ms | max ms | CPU p50 ms | CPU p99 ms |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    console.log(row('retrieve', retrieve));
    console.log(row('compose', compose));
    console.log(row('retrieve + compose', total));
    console.log(row('retrieve + compose, first ask', first));
    const slowest = [...perQuestion.entries()]
      .map(([q, xs]) => ({ q, s: stats(xs) }))
      .sort((a, b) => b.s.p50 - a.s.p50)
      .slice(0, 3);
    console.log(
      `\nSlowest questions by CPU p50: ${slowest.map(({ q, s }) => `"${q.slice(0, 60)}" ${f(s.p50)} ms`).join('; ')}.`,
    );
    if (values['fill'] && fillQuestions.length > 0) await fillCaches(answer);
    const mem = process.memoryUsage();
    console.log(
      `Heap: ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MB growth over the timed rounds, ` +
        `${(mem.heapUsed / 2 ** 20).toFixed(0)} MB used, rss ${(mem.rss / 2 ** 20).toFixed(0)} MB.`,
    );
  }
}

/** Asks thousands of different questions until the caches are full: their memory at their bounds. */
async function fillCaches(answer: (q: string) => Promise<{ total: Timing }>): Promise<void> {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const times: Timing[] = [];
  for (const q of fillQuestions.slice(0, Number(values.fill))) times.push((await answer(q)).total);
  globalThis.gc?.();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `\nFilling: ${times.length} more questions of the call-off's own words (each new): ` +
      `p50 ${f(stats(times.map((t) => t.wall)).p50)} ms, p99 ${f(stats(times.map((t) => t.wall)).p99)} ms; ` +
      `heap +${((after - before) / 2 ** 20).toFixed(1)} MB.`,
  );
}

try {
  const questions = questionList();
  console.log(
    `Load when started: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (${os.cpus().length} cores)`,
  );
  if (values.only !== 'synthetic') {
    await measure('seed', loadCallOff(path.join(root, 'knowledge', 'af-2025-0108-8097')), questions);
  }
  if (values.only !== 'seed') {
    // Sections of 3-8 sentences are one chunk each, a few long ones two; the headings of the chapters none.
    await measure('synthetic', await syntheticCallOff(targetChunks), questions);
  }
  console.log(
    `\nLoad when done: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
