/**
 * LLM path benchmark, against the local fake OpenAI-compatible server with a
 * fixed latency: (1) the in-process cost of the LLM path per question (prompt
 * build, mapping the structured answer, grounding check), (2) the whole added
 * overhead per question through the real @langchain/openai client (wall time
 * minus the fake's latency), (3) the time to fall back to the extractive answer
 * when the endpoint is down: refused connection, a hang with the breaker
 * closed, and with the breaker open.
 * Run: node --import tsx bench/llm.ts   Env: BENCH_LATENCY_MS (default 200), BENCH_TIMEOUT_MS (default 2000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { anonymise } from '../src/anonymise/index.js';
import { ExtractiveComposer } from '../src/answering/extractive.js';
import { checkGrounding } from '../src/answering/grounding.js';
import { createLlmComposer, type LlmAnswer, toBotAnswer } from '../src/answering/llm/llmComposer.js';
import { buildPromptInput } from '../src/answering/llm/promptInput.js';
import type { LlmSettings } from '../src/answering/llm/settings.js';
import { loadPrompts } from '../src/answering/prompts.js';
import { loadCallOff } from '../src/config/callOff.js';
import type { Logger } from '../src/core/ports.js';
import type { Passage } from '../src/core/types.js';
import { KnowledgeBase } from '../src/retrieval/knowledgeBase.js';
import { type FakeRequest, startFakeOpenAi } from '../test/llm/fakeOpenAi.js';

const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 200);
const TIMEOUT = Number(process.env.BENCH_TIMEOUT_MS ?? 2000);
const root = path.resolve(import.meta.dirname, '..');
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const QUESTIONS = [
  'När är sista dag att lämna anbud?',
  'Vem är kontaktperson för avropet?',
  'Hur länge ska anbudet vara giltigt?',
  'Får konsulten arbeta på distans?',
  'Vilket ramavtal avropas från?',
  'Hur lång är uppdragsperioden?',
  'Var ska arbetet utföras?',
  'Hur många leverantörer tecknas kontrakt med?',
  'När sker anbudsöppningen?',
  'What is the deadline for questions?',
];

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);

/** The fake model: quotes the first line of the first passage, citing it. */
function groundedReply(req: FakeRequest) {
  const user = (req.body['messages'] as { content: string }[])[1]?.content ?? '';
  const m = /<avsnitt id="(P\d+)"[^>]*nummer="([^"]*)"[^>]*>\n([^\n]+)/.exec(user);
  if (!m) return { kind: 'structured' as const, value: { status: 'not_in_documents', answer: '-', citations: [] } };
  return {
    kind: 'structured' as const,
    value: {
      status: 'answered',
      answer: `Enligt avsnitt ${m[2]}: ${m[3]}`,
      citations: [{ passageId: m[1], quote: m[3] }],
    },
  };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'avropsbot-bench-llm-'));
  const callOff = loadCallOff(path.join(root, 'knowledge', 'af-2025-0108-8097'));
  const kb = new KnowledgeBase({ dataDir, logger: silent });
  await kb.ensureIndex(callOff);
  const retrieved: { question: string; passages: Passage[] }[] = [];
  for (const question of QUESTIONS) retrieved.push({ question, passages: await kb.retrieve(callOff, question, []) });
  const prompts = loadPrompts(path.join(root, 'prompts'));
  const extractive = new ExtractiveComposer();
  const rows: string[][] = [];

  // (1) In-process steps of the LLM path.
  const build: number[] = [];
  const map: number[] = [];
  const ground: number[] = [];
  const redact: number[] = [];
  for (let round = 0; round < 200; round++) {
    for (const { question, passages } of retrieved) {
      let t = performance.now();
      anonymise(question, {});
      redact.push(performance.now() - t);
      t = performance.now();
      const prompt = buildPromptInput(prompts, callOff, question, passages);
      build.push(performance.now() - t);
      const first = passages[0]!;
      const quote = first.chunk.text.split('\n')[0]!;
      const parsed: LlmAnswer = {
        status: 'answered',
        answer: `Enligt avsnitt ${first.chunk.section}: ${quote}`,
        citations: [{ passageId: 'P1', quote }],
      };
      t = performance.now();
      const mapped = toBotAnswer(parsed, prompt.ids);
      map.push(performance.now() - t);
      if (!mapped.ok) throw new Error(mapped.reason);
      t = performance.now();
      const ok = checkGrounding(mapped.answer, passages);
      ground.push(performance.now() - t);
      if (!ok.ok) throw new Error(ok.reason);
    }
  }
  for (const [name, values] of [
    ['question redaction (rule-based anonymiser)', redact],
    ['prompt build', build],
    ['map answer to citations', map],
    ['grounding check', ground],
  ] as const) {
    rows.push([name, String(values.length), fmt(pct(values, 50)), fmt(pct(values, 99))]);
  }

  // (2) The whole LLM path through LangChain and HTTP, with a fixed model latency.
  const fake = await startFakeOpenAi({ chat: groundedReply, latencyMs: LATENCY });
  const settings = (extra: Partial<LlmSettings> = {}): LlmSettings => ({
    apiKey: 'bench',
    baseUrl: fake.url,
    chatModel: 'gpt-4o-mini',
    embeddingModel: 'e',
    timeoutMs: TIMEOUT,
    maxRetries: 1,
    ...extra,
  });
  const composer = createLlmComposer({ settings: settings(), fallback: extractive, prompts, logger: silent });
  const total: number[] = [];
  let answered = 0;
  for (let round = 0; round < 3; round++) {
    for (const { question, passages } of retrieved) {
      const t = performance.now();
      const a = await composer.compose({ callOff, question, passages });
      total.push(performance.now() - t);
      if (a.status === 'answered') answered++;
    }
  }
  const overhead = total.map((ms) => ms - LATENCY);
  rows.push([
    `LLM answer, wall (fake latency ${LATENCY} ms)`,
    String(total.length),
    fmt(pct(total, 50)),
    fmt(pct(total, 99)),
  ]);
  rows.push([
    '  of which added overhead (wall - latency)',
    String(total.length),
    fmt(pct(overhead, 50)),
    fmt(pct(overhead, 99)),
  ]);

  // Extractive answer alone, for comparison with the fallbacks below.
  const plain: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const input of retrieved) {
      const t = performance.now();
      await extractive.compose({ callOff, question: input.question, passages: input.passages });
      plain.push(performance.now() - t);
    }
  }
  rows.push(['extractive answer alone', String(plain.length), fmt(pct(plain, 50)), fmt(pct(plain, 99))]);

  // (3) Endpoint down.
  const refused: number[] = [];
  const closedBreaker = createLlmComposer({
    settings: settings({ baseUrl: 'http://127.0.0.1:9/v1', breaker: { failureThreshold: 1e9, cooldownMs: 1 } }),
    fallback: extractive,
    prompts,
    logger: silent,
  });
  for (const { question, passages } of retrieved) {
    const t = performance.now();
    await closedBreaker.compose({ callOff, question, passages });
    refused.push(performance.now() - t);
  }
  rows.push([
    'fallback: connection refused, breaker closed (1 retry)',
    String(refused.length),
    fmt(pct(refused, 50)),
    fmt(pct(refused, 99)),
  ]);

  fake.setChat(() => ({ kind: 'hang' }));
  fake.setLatency(0);
  const hangFirst: number[] = [];
  const hangOpen: number[] = [];
  for (let run = 0; run < 3; run++) {
    const c = createLlmComposer({ settings: settings(), fallback: extractive, prompts, logger: silent });
    for (const [i, { question, passages }] of retrieved.entries()) {
      const t = performance.now();
      await c.compose({ callOff, question, passages });
      (i === 0 ? hangFirst : hangOpen).push(performance.now() - t);
    }
  }
  rows.push([
    `fallback: hang, breaker closed (timeout ${TIMEOUT} ms)`,
    String(hangFirst.length),
    fmt(pct(hangFirst, 50)),
    fmt(pct(hangFirst, 99)),
  ]);
  rows.push([
    'fallback: hang, breaker open (later questions)',
    String(hangOpen.length),
    fmt(pct(hangOpen, 50)),
    fmt(pct(hangOpen, 99)),
  ]);
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });

  console.log(
    `LLM path on the seed call-off, ${QUESTIONS.length} questions; ${answered}/${total.length} LLM answers passed grounding.\n`,
  );
  console.log('| measure | n | p50 | p99 |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

await main();
