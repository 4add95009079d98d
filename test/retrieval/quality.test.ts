// Retrieval quality, measured: the expected section must rank high on the dev set, on
// extra seed questions, and on other real call-offs with questions written for them.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCallOff } from '../../src/config/callOff.js';
import type { CallOff } from '../../src/core/types.js';
import { KnowledgeBase } from '../../src/retrieval/knowledgeBase.js';
import {
  corpusCallOffHolding,
  corpusQuestionsFile,
  devSetFile,
  englishSeedFile,
  holdoutQuestionsFile,
  measure,
  type QualityReport,
  quietLogger,
  readQuestions,
  sectionsOf,
  seedDir,
  seedExtraFile,
  tempDir,
} from './quality.js';

const report = (name: string, r: QualityReport) =>
  `${name}: n=${r.questions} recall@1=${r.recallAt1.toFixed(3)} recall@3=${r.recallAt3.toFixed(3)} MRR=${r.mrr.toFixed(3)} misses=${JSON.stringify(r.misses)}`;

describe('retrieval quality on the seed call-off', () => {
  const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-q-'), logger: quietLogger });
  let seed: CallOff;
  beforeAll(async () => {
    seed = loadCallOff(seedDir);
    await kb.ensureIndex(seed);
  });

  it('ranks the expected section first or in the top 3 on the dev set', async () => {
    const questions = readQuestions(devSetFile);
    expect(questions.length).toBeGreaterThan(15);
    const r = await measure(questions, async (q) => sectionsOf(await kb.retrieve(seed, q.question, [])));
    console.info(report('dev', r));
    expect(r.recallAt3).toBeGreaterThanOrEqual(0.95);
    expect(r.recallAt1).toBeGreaterThanOrEqual(0.85);
  });

  it('finds the same sections for the dev questions asked in English', async () => {
    const questions = readQuestions(englishSeedFile);
    expect(questions.length).toBeGreaterThan(15);
    const r = await measure(questions, async (q) => sectionsOf(await kb.retrieve(seed, q.question, [])));
    console.info(report('english', r));
    expect(r.recallAt3).toBeGreaterThanOrEqual(0.9);
    expect(r.recallAt1).toBeGreaterThanOrEqual(0.85);
  });

  it('does as well on further seed questions', async () => {
    const questions = readQuestions(seedExtraFile);
    const r = await measure(questions, async (q) => sectionsOf(await kb.retrieve(seed, q.question, [])));
    console.info(report('seed-extra', r));
    expect(r.recallAt3).toBeGreaterThanOrEqual(0.9);
    expect(r.recallAt1).toBeGreaterThanOrEqual(0.8);
  });
});

describe('retrieval quality on other real call-offs', () => {
  const all = readQuestions(corpusQuestionsFile);
  const files = [...new Set(all.map((q) => q.file!))];

  it.each(files)('finds the expected sections in %s', async (file) => {
    const questions = all.filter((q) => q.file === file);
    const callOff = corpusCallOffHolding(file);
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-q-'), logger: quietLogger });
    const summary = await kb.ensureIndex(callOff);
    expect(summary.sections).toBeGreaterThan(10);
    const r = await measure(questions, async (q) => sectionsOf(await kb.retrieve(callOff, q.question, [])));
    console.info(report(file, r));
    expect(r.recallAt3).toBeGreaterThanOrEqual(0.9);
    expect(r.recallAt1).toBeGreaterThanOrEqual(0.75);
  });

  it('holds up on held-out questions over all corpus call-offs', async () => {
    const questions = readQuestions(holdoutQuestionsFile);
    expect(questions.length).toBeGreaterThan(10);
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-q-'), logger: quietLogger });
    const callOffs = new Map<string, CallOff>();
    for (const q of questions) {
      if (!callOffs.has(q.file!)) callOffs.set(q.file!, corpusCallOffHolding(q.file!));
    }
    const r = await measure(questions, async (q) =>
      sectionsOf(await kb.retrieve(callOffs.get(q.file!)!, q.question, [])),
    );
    console.info(report('holdout', r));
    expect(r.recallAt3).toBeGreaterThanOrEqual(0.85);
    expect(r.recallAt1).toBeGreaterThanOrEqual(0.75);
  });
});
