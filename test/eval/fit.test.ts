/**
 * The fitting machinery on data whose answer is known, and the shipped model
 * against the labelled data it must have been fitted on.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnswerModel, checkModel, loadAnswerModel } from '../../src/answering/answerModel.js';
import { decodeRow } from '../../src/answering/cues.js';
import { CANDIDATE_FEATURE_NAMES, QUESTION_FEATURE_NAMES } from '../../src/answering/features.js';
import { treesLogit } from '../../src/answering/trees.js';
import { fitBoostedTrees } from '../../src/eval/boost.js';
import {
  buyerKey,
  chooseRelatedThreshold,
  chooseThreshold,
  type Example,
  figuresAt,
  modelText,
  nestedFigures,
  thresholdWithin,
} from '../../src/eval/fit.js';
import { loadLabelledData } from '../../src/eval/labelledData.js';
import { fitLogistic, predictLogistic } from '../../src/eval/logistic.js';
import { seededRandom as random } from '../support/random.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

describe('logistic regression', () => {
  it('recovers the direction of known weights', () => {
    const rnd = random(7);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const x = [rnd() * 2 - 1, rnd() * 2 - 1, rnd() * 2 - 1];
      const z = 3 * x[0]! - 2 * x[1]! + 0 * x[2]! + 0.5;
      rows.push(x);
      labels.push(rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
    }
    const fit = fitLogistic(rows, labels, { l2: 0.01 });
    // Weights are on standardised features: divide by the scale to compare.
    const raw = fit.weights.map((w, j) => w / fit.scale[j]!);
    expect(raw[0]).toBeGreaterThan(2.3);
    expect(raw[0]).toBeLessThan(3.7);
    expect(raw[1]).toBeLessThan(-1.4);
    expect(Math.abs(raw[2]!)).toBeLessThan(0.4);
    expect(predictLogistic(fit, [1, -1, 0])).toBeGreaterThan(0.95);
  });
});

/** 400 seeded points labelled by the xor of two thresholds: an interaction no linear score can learn. */
function xor(seed: number): { rows: number[][]; labels: number[] } {
  const rnd = random(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 400; i++) {
    const x = [rnd(), rnd()];
    rows.push(x);
    labels.push(x[0]! > 0.5 !== x[1]! > 0.5 ? 1 : 0);
  }
  return { rows, labels };
}

describe('boosted trees', () => {
  it('learn an interaction a linear score cannot (xor of two thresholds)', () => {
    const { rows, labels } = xor(11);
    const model = fitBoostedTrees(['a', 'b'], rows, labels, { rounds: 80, learningRate: 0.3 });
    expect(treesLogit(model, [0.2, 0.8])).toBeGreaterThan(1);
    expect(treesLogit(model, [0.8, 0.2])).toBeGreaterThan(1);
    expect(treesLogit(model, [0.2, 0.2])).toBeLessThan(-1);
    expect(treesLogit(model, [0.8, 0.8])).toBeLessThan(-1);
  });
});

describe('weighted boosted trees', () => {
  it('are the same on every run, and alike weights give the model of no weights', () => {
    const { rows, labels } = xor(13);
    const opts = { rounds: 20 };
    const plain = fitBoostedTrees(['a', 'b'], rows, labels, opts);
    expect(fitBoostedTrees(['a', 'b'], rows, labels, opts)).toEqual(plain);
    expect(
      fitBoostedTrees(
        ['a', 'b'],
        rows,
        labels,
        opts,
        rows.map(() => 3),
      ),
    ).toEqual(plain);
  });

  it('count each row as much as its weight: rows of weight 0 pull nothing', () => {
    const rnd = random(17);
    const rows: number[][] = [];
    const labels: number[] = [];
    const weights: number[] = [];
    for (let i = 0; i < 300; i++) {
      const x = rnd();
      rows.push([x]);
      labels.push(x > 0.5 ? 1 : 0);
      weights.push(1);
    }
    // Rows that contradict the rest where x > 0.8, as many as the rest there.
    for (let i = 0; i < 60; i++) {
      rows.push([0.8 + 0.2 * rnd()]);
      labels.push(0);
      weights.push(0);
    }
    const opts = { rounds: 30 };
    const weighted = fitBoostedTrees(['x'], rows, labels, opts, weights);
    const plain = fitBoostedTrees(['x'], rows, labels, opts);
    expect(treesLogit(weighted, [0.9])).toBeGreaterThan(1.5);
    expect(treesLogit(plain, [0.9])).toBeLessThan(treesLogit(weighted, [0.9]) - 1);
  });
});

describe('threshold choice', () => {
  const example = (answerable: boolean) => ({ answerable }) as unknown as Example;
  const scored = [
    { example: example(true), p: 0.95, right: true, factful: true },
    { example: example(true), p: 0.9, right: true, factful: true },
    { example: example(false), p: 0.85, right: false, factful: false },
    { example: example(true), p: 0.8, right: true, factful: true },
    { example: example(true), p: 0.3, right: true, factful: true },
    { example: example(false), p: 0.2, right: false, factful: false },
  ];

  it('answers the most questions right within the wrong-answer budget', () => {
    expect(chooseThreshold(scored, 0)).toBe(0.9);
    // 20 % of six questions allows one wrong answer: down to 0.3, where the second would come.
    expect(chooseThreshold(scored, 0.2)).toBe(0.3);
    const f = figuresAt(scored, 0.8);
    expect(f).toMatchObject({ rightAnswers: 3, wrongAnswers: 1, rightAbstentions: 1, answerable: 4, unanswerable: 2 });
  });

  it('answers the most questions right at a number of wrong answers, as the budget does for its share', () => {
    expect(thresholdWithin(scored, 0)).toBe(chooseThreshold(scored, 0));
    expect(thresholdWithin(scored, 1)).toBe(chooseThreshold(scored, 0.2));
    // A second wrong answer (at 0.2) buys no further right one: the threshold stays where the fourth right came.
    expect(thresholdWithin(scored, 2)).toBe(0.3);
  });

  it('shows a related section only where the best section is right often enough', () => {
    // Below 0.9: 0.85 wrong, 0.8 right (1 of 2), 0.3 right (2 of 3), 0.2 wrong (2 of 4): right half the time down to 0.2.
    expect(chooseRelatedThreshold(scored, 0.9)).toBe(0.2);
    const mostlyWrong = [
      { example: example(false), p: 0.7, right: false, factful: false },
      { example: example(false), p: 0.6, right: false, factful: false },
      { example: example(true), p: 0.5, right: true, factful: true },
    ];
    expect(chooseRelatedThreshold(mostlyWrong, 0.9)).toBe(0.9);
  });

  it("measures each fold at a threshold chosen on the other folds' scores only", () => {
    const at = (fold: string, answerable: boolean, p: number, right: boolean) => ({
      example: { fold, answerable } as unknown as Example,
      p,
      right,
      factful: right,
    });
    // With no wrong answer allowed, a's scores give b the threshold 0.6, and b's give a 0.95.
    const folds = [
      at('a', true, 0.8, true),
      at('a', true, 0.6, true),
      at('a', false, 0.5, false),
      at('b', true, 0.95, true),
      at('b', false, 0.85, false),
      at('b', true, 0.3, true),
    ];
    expect(chooseThreshold(folds, 0)).toBe(0.95);
    // a at b's threshold (0.95): nothing answered; b at a's (0.6): 0.95 right, 0.85 wrong.
    expect(nestedFigures(folds, 0)).toMatchObject({
      questions: 6,
      answerable: 4,
      rightAnswers: 1,
      wrongAnswers: 1,
      rightAbstentions: 1,
    });
    // Counting only b's questions: b still at a's threshold.
    expect(nestedFigures(folds, 0, (s) => s.example.fold === 'b')).toMatchObject({
      questions: 3,
      rightAnswers: 1,
      wrongAnswers: 1,
      rightAbstentions: 0,
    });
  });

  it('folds call-offs by buyer, however the buyer is written', () => {
    expect(buyerKey('Inera AB')).toBe('inera');
    expect(buyerKey('Botkyrka kommun, Kommunstyrelseförvaltningen')).toBe('botkyrka kommun');
    expect(buyerKey('AB GotlandsHem')).toBe('gotlandshem');
  });
});

describe('the shipped answer model', () => {
  it('is written as it reads, each tree of the question model on a line of its own', () => {
    const model = loadAnswerModel();
    const text = modelText(model);
    expect(JSON.parse(text)).toEqual(model);
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.trim() === '"trees": [');
    const trees = lines.slice(first + 1, first + 1 + model.question.trees.length);
    expect(trees.map((l) => JSON.parse(l.trim().replace(/,$/, '')))).toEqual(model.question.trees);
  });

  it('was fitted with the features this code computes', () => {
    const model = loadAnswerModel();
    expect(model.candidate.features).toEqual(CANDIDATE_FEATURE_NAMES);
    expect(model.question.features).toEqual(QUESTION_FEATURE_NAMES);
    expect(model.published.features).toEqual(QUESTION_FEATURE_NAMES);
    const { published: _, ...withoutPublished } = model;
    expect(() => checkModel(withoutPublished as AnswerModel)).toThrow(/npm run fit/);
    expect(() => checkModel({ ...model, publishedThreshold: Number.NaN })).toThrow(/npm run fit/);
    expect(() => checkModel({ ...model, candidate: { ...model.candidate, features: ['x'] } })).toThrow(/npm run fit/);
    expect(() => checkModel({ ...model, cues: { cues: ['w:nar'] } as unknown as AnswerModel['cues'] })).toThrow(
      /npm run fit/,
    );
    expect(Object.keys(model.cues.rows).length, 'the model carries fitted cue associations').toBeGreaterThan(100);
    // Every stored row decodes.
    for (const text of Object.values(model.cues.rows)) expect(decodeRow(text, model.cues.cues).size).toBeGreaterThan(0);
  });

  it('is not older than the labelled data (else: npm run fit)', () => {
    const { hash, callOffs } = loadLabelledData(repoRoot);
    expect(callOffs.length).toBeGreaterThanOrEqual(20);
    expect(loadAnswerModel().fittedOn.dataHash, 'the labelled data changed since the model was fitted').toBe(hash);
  });

  it('reports held-out figures, by buyer', () => {
    const { heldOut, fittedOn } = loadAnswerModel();
    expect(fittedOn.buyers).toBeGreaterThan(5);
    expect(heldOut.all.questions).toBe(fittedOn.questions);
    expect(heldOut.all.wrongAnswers).toBeLessThanOrEqual(Math.ceil(heldOut.wrongBudget * heldOut.all.questions));
    // The published decision's: questions asked again whose best candidate was a published answer.
    const published = heldOut.published;
    expect(published.unanswerable, 'unrelated published answers ranked first').toBeGreaterThan(50);
    expect(published.wrongAnswers).toBeLessThanOrEqual(Math.ceil(heldOut.wrongBudget * published.questions));
    expect(published.rightAnswers / published.answerable).toBeGreaterThan(0.5);
  });
});
