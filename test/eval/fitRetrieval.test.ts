/**
 * The retrieval fitting machinery on objectives whose best point is known, and
 * the shipped retrieval weights against the labelled data they were fitted on.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/core/types.js';
import {
  chooseShipped,
  coordinateDescent,
  figuresOf,
  firstRightRank,
  fitWeights,
  KNOBS,
  type Knob,
} from '../../src/eval/fitRetrieval.js';
import { loadLabelledData } from '../../src/eval/labelledData.js';
import {
  HAND_SET_WEIGHTS,
  loadRetrievalWeightsFile,
  type RetrievalWeights,
  validWeights,
} from '../../src/retrieval/weights.js';
import { seededRandom as random } from '../support/random.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

const passage = (section: string): Passage =>
  ({ chunk: { section }, score: 1, signals: { lexical: 1, vector: 1 } }) as unknown as Passage;

describe('retrieval figures', () => {
  it('ranks the first passage in an expected section, 0 when none is', () => {
    const ps = ['2.1', '3', '1.4', '3'].map(passage);
    expect(firstRightRank(ps, new Set(['3']))).toBe(2);
    expect(firstRightRank(ps, new Set(['1.4', '2.1']))).toBe(1);
    expect(firstRightRank(ps, new Set(['9']))).toBe(0);
  });

  it('gives MRR and recall over the selected questions only', () => {
    const ranks = [1, 2, 0, 4, 9];
    const all = figuresOf(ranks);
    expect(all.questions).toBe(5);
    expect(all.mrr).toBeCloseTo((1 + 0.5 + 0 + 0.25 + 1 / 9) / 5, 12);
    expect(all.recallAt1).toBeCloseTo(0.2, 12);
    expect(all.recallAt3).toBeCloseTo(0.4, 12);
    expect(all.recallAt8).toBeCloseTo(0.6, 12);
    const some = figuresOf(ranks, [1, 2]);
    expect(some).toEqual({ questions: 2, mrr: 0.25, recallAt1: 0, recallAt3: 0.5, recallAt8: 0.5 });
  });
});

describe('coordinate descent', () => {
  type P = { x: number; y: number };
  const knob = (name: 'x' | 'y', values: number[]): Knob<P> => ({
    name,
    get: (p) => p[name],
    set: (p, v) => ({ ...p, [name]: v }),
    values,
  });
  const grid = [0, 1, 2, 3, 4, 5];

  it('finds the maximum of a separable objective on the grid', () => {
    const f = (p: P) => -((p.x - 3) ** 2) - (p.y - 1) ** 2;
    const r = coordinateDescent({ x: 0, y: 5 }, [knob('x', grid), knob('y', grid)], f, { minGain: 0 });
    expect(r.weights).toEqual({ x: 3, y: 1 });
    expect(r.objective).toBeCloseTo(0, 12);
    expect(r.steps.map((s) => s.knob)).toEqual(['x', 'y']);
  });

  it('follows a coupled objective over several passes', () => {
    // Best at x = y = 4; with y still 0 the best x is 3, so it takes a second pass.
    const f = (p: P) => -((p.x - 4) ** 2) - (p.y - 4) ** 2 - 0.5 * (p.x - p.y) ** 2;
    const r = coordinateDescent({ x: 0, y: 0 }, [knob('x', grid), knob('y', grid)], f, { minGain: 0, maxPasses: 10 });
    expect(r.steps.map((s) => `${s.knob}:${s.to}`)).toEqual(['x:3', 'y:4', 'x:4']);
    expect(r.weights).toEqual({ x: 4, y: 4 });
  });

  it('keeps the current value unless a move gains at least minGain (noise does not move it)', () => {
    const rnd = random(3);
    const noise = new Map(grid.map((v) => [v, rnd() * 0.0005]));
    const f = (p: P) => noise.get(p.x)!;
    const r = coordinateDescent({ x: 2, y: 0 }, [knob('x', grid)], f, { minGain: 0.001 });
    expect(r.weights.x).toBe(2);
    expect(r.steps).toEqual([]);
  });

  it('with retrieval runs (fitWeights): evaluates each setting before scoring it, and descends as the one loop does', async () => {
    // Ranks of four questions that k1 = 1.6 and fusion k = 30 improve, and k1 = 2.2 spoils.
    const ranksOf = (w: RetrievalWeights) =>
      Int8Array.from([
        w.bm25.k1 === 1.6 ? 1 : w.bm25.k1 === 2.2 ? 0 : 3,
        w.fusion.k === 30 ? 1 : 2,
        0,
        w.bm25.k1 === 1.6 && w.fusion.k === 30 ? 1 : 4,
      ]);
    const evaluated = new Map<string, Int8Array>();
    const order: string[] = [];
    const evaluator = {
      ranks: async (w: RetrievalWeights) => {
        const key = JSON.stringify(w);
        if (!evaluated.has(key)) order.push(key);
        evaluated.set(key, ranksOf(w));
        return evaluated.get(key)!;
      },
      // Undefined for a setting not evaluated first: scoring it would throw.
      cached: (w: RetrievalWeights) => evaluated.get(JSON.stringify(w)),
    };
    const knobs = KNOBS.filter((k) => k.name === 'bm25.k1' || k.name === 'fusion.k');
    const train = [0, 1, 3];
    const fitted = await fitWeights(evaluator, train, knobs);
    expect(fitted).toEqual(coordinateDescent(HAND_SET_WEIGHTS, knobs, (w) => figuresOf(ranksOf(w), train).mrr));
    expect(fitted.weights.bm25.k1).toBe(1.6);
    expect(fitted.weights.fusion.k).toBe(30);
    expect(fitted.steps.map((s) => s.knob)).toEqual(['fusion.k', 'bm25.k1']);
    expect(fitted.objective).toBe(1);
    expect(order[0]).toBe(JSON.stringify(HAND_SET_WEIGHTS));
  });

  it('searches a grid holding each hand-set value, so the start is always a candidate', () => {
    for (const k of KNOBS) expect(k.values, k.name).toContain(k.get(HAND_SET_WEIGHTS));
  });
});

describe('which weights ship', () => {
  it('the fitted ones only when end to end they answer no fewer right at the same number of wrong answers', () => {
    expect(chooseShipped({ handSet: 30, fitted: 30 })).toBe('fitted');
    expect(chooseShipped({ handSet: 30, fitted: 32 })).toBe('fitted');
    expect(chooseShipped({ handSet: 30, fitted: 29 })).toBe('hand-set');
  });
});

describe('the shipped retrieval weights', () => {
  it('are complete and readable', () => {
    const file = loadRetrievalWeightsFile();
    expect(validWeights(file.weights)).toBe(true);
    expect(validWeights({ ...file.weights, candidates: 0 })).toBe(false);
    expect(validWeights({ ...file.weights, fusion: { ...file.weights.fusion, k: Number.NaN } })).toBe(false);
    const { expansion, ...withoutExpansion } = file.weights;
    expect(expansion).toBeDefined();
    expect(validWeights(withoutExpansion)).toBe(false);
    expect(validWeights(file.fitted)).toBe(true);
  });

  it('are the fitted ones or the hand-set ones, as the end-to-end comparison decided', () => {
    const { weights, fitted, endToEnd } = loadRetrievalWeightsFile();
    expect(endToEnd.shipped).toBe(chooseShipped(endToEnd.equalWrong));
    expect(endToEnd.equalWrong.wrongAnswers).toBe(
      Math.min(endToEnd.handSet.wrongAnswers, endToEnd.fitted.wrongAnswers),
    );
    expect(weights).toEqual(endToEnd.shipped === 'fitted' ? fitted : HAND_SET_WEIGHTS);
  });

  it('are not older than the labelled data (else: npm run fit:retrieval)', () => {
    const { hash } = loadLabelledData(repoRoot);
    expect(
      loadRetrievalWeightsFile().fittedOn.dataHash,
      'the labelled data changed since the weights were fitted',
    ).toBe(hash);
  });

  it('carry held-out figures, by buyer, for the hand-set and the fitted weights', () => {
    const { heldOut, fittedOn } = loadRetrievalWeightsFile();
    expect(fittedOn.buyers).toBeGreaterThan(5);
    expect(Object.keys(heldOut.byBuyer)).toHaveLength(fittedOn.buyers);
    expect(heldOut.fitted.questions).toBe(fittedOn.questions);
    expect(heldOut.handSet.questions).toBe(fittedOn.questions);
    expect(heldOut.allKnobs.questions).toBe(fittedOn.questions);
    expect(heldOut.better + heldOut.worse).toBeLessThanOrEqual(fittedOn.questions);
    const perBuyer = Object.values(heldOut.byBuyer).reduce((n, b) => n + b.fitted.questions, 0);
    expect(perBuyer).toBe(fittedOn.questions);
  });
});
