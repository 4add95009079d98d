/**
 * Anonymisation benchmark: token-level precision and recall of the masking
 * over the annotated corpus (test/fixtures/anonymise/corpus.jsonl), plus the
 * string-level checks the tests make, and throughput.
 * Run: node --import tsx bench/anonymise.ts [--verbose]
 *
 * Definitions (see bench/anonymise.md):
 * - token: a maximal run of letters/digits in the input (CRLF normalised);
 * - gold: tokens inside an occurrence of a must-disappear string;
 * - masked: tokens overlapping a span the anonymiser replaced by a placeholder;
 * - removed: masked, or dropped with framing (greeting, signature, introduction);
 * - precision = |masked ∩ gold| / |masked|, recall = |removed ∩ gold| / |gold|.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { anonymiseDetailed } from '../src/anonymise/index.js';

interface CorpusItem {
  id: string;
  style: string;
  text: string;
  asker: { name: string | null; org: string | null };
  mustDisappear: string[];
  mustStay: string[];
}

const corpusPath = fileURLToPath(new URL('../test/fixtures/anonymise/corpus.jsonl', import.meta.url));
const corpus: CorpusItem[] = readFileSync(corpusPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as CorpusItem);
const verbose = process.argv.includes('--verbose');

function tokens(text: string): Array<[number, number]> {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => [m.index, m.index + m[0].length]);
}

const overlaps = (t: [number, number], r: [number, number]) => t[0] < r[1] && r[0] < t[1];

function occurrences(text: string, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}

/** As a reader sees it: "０７０" is "070", a zero-width space is nothing. */
const plain = (s: string) => s.normalize('NFKC').replace(/\p{Cf}/gu, '');

/** Whole-word, case-insensitive presence: what a reader of the published text would see. */
export function stillVisible(output: string, needle: string): boolean {
  const esc = plain(needle).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'iu').test(plain(output));
}

interface Score {
  tp: number;
  fp: number;
  goldTotal: number;
  goldRemoved: number;
  droppedNonGold: number;
  stayTotal: number;
  stayKept: number;
  goneTotal: number;
  goneOk: number;
  misses: string[];
  falsePositives: string[];
  lostStays: string[];
}

function score(items: CorpusItem[]): Score {
  const s: Score = {
    tp: 0,
    fp: 0,
    goldTotal: 0,
    goldRemoved: 0,
    droppedNonGold: 0,
    stayTotal: 0,
    stayKept: 0,
    goneTotal: 0,
    goneOk: 0,
    misses: [],
    falsePositives: [],
    lostStays: [],
  };
  for (const item of items) {
    const input = item.text.replace(/\r\n?/g, '\n');
    const r = anonymiseDetailed(input, item.asker);
    const gold = item.mustDisappear.flatMap((x) => occurrences(input, x));
    const masked = r.masked.map((m) => [m.start, m.end] as [number, number]);
    const removed = [...masked, ...r.dropped];
    for (const t of tokens(input)) {
      const isGold = gold.some((g) => overlaps(t, g));
      const isMasked = masked.some((m) => overlaps(t, m));
      const isRemoved = removed.some((m) => overlaps(t, m));
      if (isGold) {
        s.goldTotal++;
        if (isRemoved) s.goldRemoved++;
        else s.misses.push(`${item.id}: "${input.slice(t[0], t[1])}"`);
      }
      if (isMasked) {
        if (isGold) s.tp++;
        else {
          s.fp++;
          s.falsePositives.push(`${item.id}: "${input.slice(t[0], t[1])}"`);
        }
      } else if (isRemoved && !isGold) s.droppedNonGold++;
    }
    for (const x of item.mustDisappear) {
      s.goneTotal++;
      if (!stillVisible(r.text, x)) s.goneOk++;
      else s.misses.push(`${item.id}: string still visible "${x}"`);
    }
    for (const x of item.mustStay) {
      s.stayTotal++;
      if (r.text.includes(x)) s.stayKept++;
      else s.lostStays.push(`${item.id}: "${x}"`);
    }
    if (verbose) console.log(`--- ${item.id} (${item.style})\n${r.text}`);
  }
  return s;
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);

function report(label: string, s: Score): void {
  console.log(`\n== ${label}: ${s.goldTotal} gold tokens, ${s.tp + s.fp} masked tokens`);
  console.log(`token precision (masked): ${pct(s.tp, s.tp + s.fp)}  (${s.tp}/${s.tp + s.fp})`);
  console.log(
    `token recall (masked or dropped): ${pct(s.goldRemoved, s.goldTotal)}  (${s.goldRemoved}/${s.goldTotal})`,
  );
  console.log(`must-disappear strings gone: ${pct(s.goneOk, s.goneTotal)}  (${s.goneOk}/${s.goneTotal})`);
  console.log(`must-stay strings kept: ${pct(s.stayKept, s.stayTotal)}  (${s.stayKept}/${s.stayTotal})`);
  console.log(`non-gold tokens dropped as framing (greetings, thanks, intros, sign-offs): ${s.droppedNonGold}`);
  if (s.misses.length) console.log(`misses:\n  ${s.misses.join('\n  ')}`);
  if (s.falsePositives.length) console.log(`false positives:\n  ${s.falsePositives.join('\n  ')}`);
  if (s.lostStays.length) console.log(`lost must-stay strings:\n  ${s.lostStays.join('\n  ')}`);
}

// "a.." items were written alongside the rules; "h.." items were written
// afterwards as a holdout (see bench/anonymise.md for their first-run score).
const idNumber = (c: CorpusItem) => Number(c.id.slice(1));
const sets: Array<[string, CorpusItem[]]> = [
  ['all', corpus],
  ['development items (a..)', corpus.filter((c) => c.id.startsWith('a'))],
  ['holdout items (h..)', corpus.filter((c) => c.id.startsWith('h'))],
  // Issue 11: third parties' names, addresses, dates of birth, disguised characters, spelled-out
  // addresses, company fragments. a74-a120 written with the rules; h42-h61 after the first of
  // them, h62-h75 after the last (each batch scored once before any change, see bench/anonymise.md).
  ['issue 11 development (a74..a120)', corpus.filter((c) => c.id.startsWith('a') && idNumber(c) >= 74)],
  ['issue 11 holdout (h42..h75)', corpus.filter((c) => c.id.startsWith('h') && idNumber(c) >= 42)],
  ['issue 11 holdout batch 4 (h62..h75)', corpus.filter((c) => c.id.startsWith('h') && idNumber(c) >= 62)],
];
const scores = sets.map(([label, items]) => [label, items.length, score(items)] as const);
console.log(`corpus: ${corpus.length} questions`);
for (const [label, n, s] of scores) report(`${label}, ${n} questions`, s);
const all = scores[0]![2];
const precision = all.tp / Math.max(1, all.tp + all.fp);
const recall = all.goldRemoved / Math.max(1, all.goldTotal);

// Over-masking on clean text: questions without personal data must come out
// unchanged, and the call-off document itself (written by the buyer) should
// only lose its contact details.
const devPath = fileURLToPath(new URL('../test/fixtures/eval/dev.jsonl', import.meta.url));
if (existsSync(devPath)) {
  const questions = readFileSync(devPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { question: string }).question);
  const changed = questions.filter(
    (q) => anonymiseDetailed(q, { name: 'Johan Andersson', org: 'Konsultbolaget Nord AB' }).text !== q.trim(),
  );
  console.log(`\nclean dev questions changed: ${changed.length} of ${questions.length}`);
  for (const q of changed) console.log(`  ${q}`);
}
const seedPath = fileURLToPath(new URL('../knowledge/af-2025-0108-8097/avropsforfragan.txt', import.meta.url));
if (existsSync(seedPath)) {
  const paras = readFileSync(seedPath, 'utf8')
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '');
  const kinds: string[] = [];
  for (const p of paras) for (const sp of anonymiseDetailed(p, { name: null, org: null }).spans) kinds.push(sp.kind);
  console.log(`seed call-off: ${paras.length} paragraphs, ${kinds.length} masks (${kinds.join(', ')})`);
}

// Throughput: the whole corpus, repeated.
const rounds = 200;
const start = process.hrtime.bigint();
for (let i = 0; i < rounds; i++) for (const item of corpus) anonymiseDetailed(item.text, item.asker);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const chars = corpus.reduce((n, c) => n + c.text.length, 0) * rounds;

console.log(
  `\nthroughput: ${((corpus.length * rounds) / (ms / 1000)).toFixed(0)} questions/s, ${(chars / 1024 / (ms / 1000)).toFixed(0)} KiB/s (${rounds} rounds, ${ms.toFixed(0)} ms)`,
);
if (precision < 0.9 || recall < 0.99) process.exitCode = 1;
