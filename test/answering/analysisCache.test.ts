/**
 * The composer's caches change no decision: a sentence analysed under one set
 * of passages is analysed again when other passages make its compounds split
 * differently, and the whole decision (groups, weights, every candidate's score,
 * the reply) is the same with the caches on as with them off, over many
 * questions asked in a shuffled order across two real call-offs.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  analysisCacheStats,
  CachedEvidence,
  cachedUnits,
  clearAnalysisCaches,
  LruCache,
  passageAnalyzer,
  setAnalysisCaching,
} from '../../src/answering/analysisCache.js';
import { EvidenceModel } from '../../src/answering/evidence.js';
import { ExtractiveComposer } from '../../src/answering/extractive.js';
import { splitUnits } from '../../src/answering/sentences.js';
import { loadCallOff } from '../../src/config/callOff.js';
import type { CallOff, Chunk, Passage } from '../../src/core/types.js';
import { parseEvalFile } from '../../src/eval/runEval.js';
import { silentLogger } from '../../src/logger.js';
import { SwedishAnalyzer } from '../../src/retrieval/analyzer.js';
import { CompoundSplitter } from '../../src/retrieval/compounds.js';
import { KnowledgeBase } from '../../src/retrieval/knowledgeBase.js';
import { loadFixtureCallOff } from '../support/callOffs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'eval');

afterEach(() => setAnalysisCaching(true));

function chunk(id: string, heading: string, text: string): Chunk {
  return { id, document: 'a.txt', section: id, heading, text, page: null, kind: 'document' } as Chunk;
}

describe('LruCache', () => {
  it('keeps at most its bound and forgets the least recently used first', () => {
    const lru = new LruCache<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.size).toBe(2);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });
});

describe('sentence analyses', () => {
  const sentence = 'Kvarnhjulsmotor ska servas varje år.';
  const a = { key: 'a', text: `Drift\n${sentence}` };
  const b = { key: 'b', text: 'Utrustning\nEtt kvarnhjul och en motor ingår.' };
  const fresh = (texts: string[]) =>
    new EvidenceModel(new SwedishAnalyzer(SwedishAnalyzer.vocabularyOf(texts))).terms(sentence);

  it('are analysed again when other passages split a compound differently, and never go stale', () => {
    clearAnalysisCaches();
    const alone = new CachedEvidence(passageAnalyzer([a])).terms(sentence);
    const withParts = new CachedEvidence(passageAnalyzer([a, b])).terms(sentence);
    const aloneAgain = new CachedEvidence(passageAnalyzer([a])).terms(sentence);
    // The other passage knows "kvarnhjul" and "motor": the compound splits, so the terms differ.
    expect(withParts).not.toEqual(alone);
    expect(withParts.has('kvarnhjul')).toBe(true);
    expect(alone).toEqual(fresh([a.text]));
    expect(withParts).toEqual(fresh([a.text, b.text]));
    expect(aloneAgain).toEqual(fresh([a.text]));
    // The first analysis is kept beside the second: asked alone again, it is reused.
    expect(aloneAgain).toBe(alone);
    const stats = analysisCacheStats();
    expect(stats.sentenceMisses).toBe(1);
    expect(stats.sentenceInvalidated).toBe(1);
    expect(stats.sentenceHits).toBe(1);
  });

  it('are reused when the splits are the same, folded and plain kept apart', () => {
    clearAnalysisCaches();
    const first = new CachedEvidence(passageAnalyzer([a])).terms(sentence);
    const second = new CachedEvidence(passageAnalyzer([a, { key: 'c', text: 'Övrigt\nInget annat.' }])).terms(sentence);
    expect(second).toBe(first);
    const folded = new CachedEvidence(passageAnalyzer([a]), true).terms(sentence);
    expect(folded).toEqual(
      new EvidenceModel(new SwedishAnalyzer(SwedishAnalyzer.vocabularyOf([a.text])), true).terms(sentence),
    );
    expect(analysisCacheStats().sentenceHits).toBe(1);
  });

  it('build the analyzer the composer built before: same vocabulary, same splits', () => {
    const texts = [a.text, b.text];
    const cached = passageAnalyzer([a, b]).splitter.toState();
    const plain = new SwedishAnalyzer(SwedishAnalyzer.vocabularyOf(texts)).splitter.toState();
    expect(new Set(cached.surface)).toEqual(new Set(plain.surface));
    expect(new Set(cached.stems)).toEqual(new Set(plain.stems));
  });

  it('record every vocabulary question the analyzer can ask its splitter', () => {
    // The sentence cache is exact because it records split() and knows(), the splitter's only
    // vocabulary-dependent answers used from outside. A new method there must be recorded too.
    const methods = Object.getOwnPropertyNames(CompoundSplitter.prototype).sort();
    expect(methods).toEqual(
      ['addWord', 'constructor', 'known', 'knows', 'partStem', 'segment', 'split', 'toState'].sort(),
    );
  });

  it('are plain EvidenceModel analyses with caching off', () => {
    setAnalysisCaching(false);
    const evidence = new CachedEvidence(passageAnalyzer([a, b]));
    expect(evidence.terms(sentence)).toEqual(fresh([a.text, b.text]));
    expect(analysisCacheStats().sentences).toBe(0);
  });
});

describe('units', () => {
  it('are split once per chunk text and split again when the text under the same id changes', () => {
    clearAnalysisCaches();
    let splits = 0;
    const split = (c: Chunk) => {
      splits++;
      return splitUnits(c.text);
    };
    const first = cachedUnits(chunk('x', 'H', 'En mening. Två meningar.'), split);
    expect(cachedUnits(chunk('x', 'H', 'En mening. Två meningar.'), split)).toBe(first);
    const changed = cachedUnits(chunk('x', 'H', 'Ny text här.'), split);
    expect(changed.map((u) => u.text)).toEqual(['Ny text här.']);
    expect(splits).toBe(2);
  });
});

/** Deterministic PRNG (mulberry32): the same questions every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('decisions with and without the caches', () => {
  let tmp: string;
  let kb: KnowledgeBase;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-cache-eq-'));
    kb = new KnowledgeBase({ dataDir: path.join(tmp, 'data'), logger: silentLogger });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** Questions of our sets, plus ones made from every section's heading and words (not tuned to any answer). */
  async function questionsFor(callOff: CallOff, set: string, random: () => number): Promise<string[]> {
    const qs = parseEvalFile(readFileSync(set, 'utf8')).map((c) => c.question);
    const probe = await kb.retrieve(callOff, 'avrop anbud krav konsult uppdrag pris kontrakt', []);
    const chunks = new Map<string, Chunk>();
    for (const q of [...qs, 'avtal villkor', 'leverantör tid', 'utvärdering']) {
      for (const p of await kb.retrieve(callOff, q, [])) chunks.set(p.chunk.id, p.chunk);
    }
    for (const p of probe) chunks.set(p.chunk.id, p.chunk);
    for (const c of chunks.values()) {
      qs.push(`Vad gäller för ${c.heading.toLowerCase()}?`);
      const words = c.text.split(/\s+/).filter((w) => /^\p{L}{5,}$/u.test(w));
      if (words.length >= 3) {
        const pick = () => words[Math.floor(random() * words.length)]!;
        const q = `Hur fungerar ${pick()} och ${pick()} för ${pick()}?`;
        qs.push(q, q.replace(/[åä]/g, 'a').replace(/ö/g, 'o'));
      }
    }
    return qs;
  }

  function snapshot(composer: ExtractiveComposer, question: string, passages: Passage[], buyer: string) {
    const d = composer.decide(question, passages, buyer);
    return JSON.stringify({
      answered: d.answered,
      reason: d.reason,
      groups: d.groups,
      weights: d.weights,
      candidates: d.candidates.map((c) => [
        c.passage.chunk.id,
        c.unit.start,
        c.unit.end,
        c.score,
        c.coverage,
        c.ownCoverage,
      ]),
      chosen: d.chosen.map((c) => [c.passage.chunk.id, c.unit.start]),
    });
  }

  it('are identical over hundreds of questions in shuffled order', { timeout: 120_000 }, async () => {
    const random = rng(7);
    const seed = loadCallOff(path.join(repoRoot, 'knowledge', 'af-2025-0108-8097'));
    const inera = loadFixtureCallOff('inera');
    await kb.ensureIndex(seed);
    await kb.ensureIndex(inera);
    const asks: Array<{ callOff: CallOff; question: string; passages: Passage[] }> = [];
    for (const [callOff, set] of [
      [seed, path.join(fixtures, 'seed-extra.jsonl')],
      [inera, path.join(fixtures, 'inera.jsonl')],
    ] as const) {
      for (const question of await questionsFor(callOff, set, random)) {
        asks.push({ callOff, question, passages: await kb.retrieve(callOff, question, []) });
      }
    }
    const composer = new ExtractiveComposer();
    setAnalysisCaching(false);
    const expected = asks.map((a) => snapshot(composer, a.question, a.passages, a.callOff.buyer));
    const expectedReplies = await Promise.all(asks.map((a) => composer.compose(a)));
    setAnalysisCaching(true);
    // Shuffled and asked twice: each question meets caches filled by other passage sets.
    const order = [...asks.keys(), ...asks.keys()].sort(() => random() - 0.5);
    for (const i of order) {
      const a = asks[i]!;
      expect(snapshot(composer, a.question, a.passages, a.callOff.buyer), a.question).toBe(expected[i]);
      expect(await composer.compose(a), a.question).toEqual(expectedReplies[i]);
    }
    const stats = analysisCacheStats();
    expect(asks.length).toBeGreaterThan(200);
    expect(stats.sentenceHits).toBeGreaterThan(stats.sentenceMisses);
    // Real passage sets do split some sentences differently: the re-analysis path was taken too.
    expect(stats.sentenceInvalidated).toBeGreaterThan(0);
    console.info(`cache: ${JSON.stringify(stats)}`);
  });
});
