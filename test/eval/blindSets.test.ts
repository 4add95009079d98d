/**
 * Answer quality on question sets written BLIND: from reading the call-off
 * documents only, before the bot was run on them (test/fixtures/eval/blind-*.jsonl,
 * 32 questions per call-off, ~30 % that the documents do not answer), plus a second
 * held-out round written after the first fixes (blind2-*.jsonl, 14 per call-off) and a
 * third after the second fixes (blind3-*.jsonl, 13-14 per call-off), a fourth after
 * the third (blind4-*.jsonl, 10-11 per call-off) and a fifth after the fourth in another
 * style (blind5-*.jsonl, 14 per call-off: longer, two-part, section-numbered, attachment,
 * "hur lång tid" and negated questions), and a sixth after the fifth (blind6-*.jsonl, 13-14 per
 * call-off: e-mail-style questions with context sentences, hedges, typos and English), and a
 * seventh after the sixth (blind7-*.jsonl, 14 per call-off: formal clarification requests as in
 * real published Q&A registers, "Är det korrekt uppfattat att ...", "Could you please clarify ..."),
 * and an eighth after the seventh (blind8-*.jsonl, 14 per call-off: a realistic mix of all styles).
 * Real pipeline: ingest -> knowledge base -> extractive composer.
 *
 * First-run numbers, unchanged code (status / section / facts / abstention):
 *   blind  seed 87.5 / 77.3 / 72.7 / 100   Enköping 87.5 / 78.3 / 69.6 / 100
 *          Vaxholm 71.9 / 56.5 / 56.5 / 88.9   Inera 90.6 / 87.5 / 83.3 / 87.5
 *   blind2 (after the first fixes) seed 85.7 / 80.0 / 80.0 / 100   Enköping 85.7 / 77.8 / 66.7 / 100
 *          Vaxholm 85.7 / 55.6 / 44.4 / 100   Inera 92.9 / 70.0 / 60.0 / 100
 *   blind3 (after the second fixes) seed 84.6 / 77.8 / 66.7 / 100   Enköping 76.9 / 66.7 / 66.7 / 100
 *          Vaxholm 84.6 / 66.7 / 55.6 / 100   Inera 78.6 / 50.0 / 30.0 / 100
 *   blind4 (after the third fixes) seed 72.7 / 57.1 / 42.9 / 100   Enköping 80.0 / 71.4 / 71.4 / 100
 *          Vaxholm 80.0 / 71.4 / 42.9 / 66.7   Inera 80.0 / 71.4 / 71.4 / 100
 *   blind5 (after the fourth fixes) seed 42.9 / 30.0 / 27.3 / 75.0   Enköping 50.0 / 30.0 / 30.0 / 100
 *          Vaxholm 57.1 / 50.0 / 45.5 / 75.0   Inera 64.3 / 50.0 / 50.0 / 100
 *   blind6 (after the fifth fixes) seed 35.7 / 10.0 / 10.0 / 100   Enköping 53.8 / 33.3 / 33.3 / 100
 *          Vaxholm 38.5 / 11.1 / 11.1 / 100   Inera 42.9 / 20.0 / 20.0 / 100
 *   blind7 (after the sixth fixes) seed 50.0 / 30.0 / 30.0 / 100   Enköping 64.3 / 50.0 / 40.0 / 100
 *          Vaxholm 57.1 / 40.0 / 40.0 / 100   Inera 28.6 / 10.0 / 10.0 / 75.0
 *   blind8 (after the seventh fixes) seed 57.1 / 40.0 / 40.0 / 100   Enköping 64.3 / 50.0 / 50.0 / 100
 *          Vaxholm 57.1 / 50.0 / 50.0 / 75.0   Inera 71.4 / 60.0 / 50.0 / 100
 * Those first runs are the honest estimate for hidden questions; the floors below
 * sit a little under what the general fixes reach (see bench/quality.md).
 */

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCallOff } from '../../src/config/callOff.js';
import type { CallOff } from '../../src/core/types.js';
import { type EvalOutcome, type EvalScores, scoreEval } from '../../src/eval/runEval.js';
import { loadFixtureCallOff } from '../support/callOffs.js';
import { fixtures, repoRoot, useSetRunner } from './setRunner.js';

const runner = useSetRunner('avropsbot-blind-');
const { expectVerbatim } = runner;

interface Floors {
  status: number;
  section: number;
  facts: number;
  abstention: number;
}

function expectFloors(scores: EvalScores, floors: Floors): void {
  expect(scores.statusAccuracy.rate).toBeGreaterThanOrEqual(floors.status);
  expect(scores.sectionHitRate.rate).toBeGreaterThanOrEqual(floors.section);
  expect(scores.factRate.rate).toBeGreaterThanOrEqual(floors.facts);
  expect(scores.abstentionAccuracy.rate).toBeGreaterThanOrEqual(floors.abstention);
}

const callOffs: Array<{
  name: string;
  callOff: () => CallOff;
  blind: Floors;
  blind2: Floors;
  blind3: Floors;
  blind4: Floors;
  blind5: Floors;
  blind6: Floors;
  blind7: Floors;
  blind8: Floors;
}> = [
  {
    name: 'seed',
    callOff: () => loadCallOff(path.join(repoRoot, 'knowledge', 'af-2025-0108-8097')),
    blind: { status: 0.93, section: 0.9, facts: 0.9, abstention: 0.95 },
    blind2: { status: 0.9, section: 0.9, facts: 0.85, abstention: 0.95 },
    blind3: { status: 0.9, section: 0.9, facts: 0.7, abstention: 0.95 },
    blind4: { status: 0.85, section: 0.8, facts: 0.65, abstention: 0.95 },
    blind5: { status: 0.7, section: 0.65, facts: 0.7, abstention: 0.7 },
    blind6: { status: 0.7, section: 0.55, facts: 0.55, abstention: 0.95 },
    blind7: { status: 0.6, section: 0.5, facts: 0.5, abstention: 0.95 },
    blind8: { status: 0.6, section: 0.5, facts: 0.5, abstention: 0.95 },
  },
  {
    name: 'enkoping',
    callOff: () => loadFixtureCallOff('enkoping'),
    blind: { status: 0.93, section: 0.9, facts: 0.9, abstention: 0.95 },
    blind2: { status: 0.9, section: 0.9, facts: 0.85, abstention: 0.95 },
    blind3: { status: 0.9, section: 0.9, facts: 0.85, abstention: 0.95 },
    blind4: { status: 0.85, section: 0.8, facts: 0.8, abstention: 0.95 },
    blind5: { status: 0.8, section: 0.75, facts: 0.65, abstention: 0.95 },
    blind6: { status: 0.8, section: 0.75, facts: 0.75, abstention: 0.95 },
    blind7: { status: 0.8, section: 0.75, facts: 0.65, abstention: 0.95 },
    blind8: { status: 0.8, section: 0.75, facts: 0.75, abstention: 0.95 },
  },
  {
    name: 'vaxholm',
    callOff: () => loadFixtureCallOff('vaxholm'),
    blind: { status: 0.93, section: 0.9, facts: 0.9, abstention: 0.95 },
    blind2: { status: 0.9, section: 0.75, facts: 0.75, abstention: 0.95 },
    blind3: { status: 0.9, section: 0.9, facts: 0.75, abstention: 0.95 },
    blind4: { status: 0.9, section: 0.8, facts: 0.5, abstention: 0.95 },
    blind5: { status: 0.8, section: 0.75, facts: 0.6, abstention: 0.95 },
    blind6: { status: 0.8, section: 0.75, facts: 0.75, abstention: 0.95 },
    blind7: { status: 0.6, section: 0.5, facts: 0.5, abstention: 0.95 },
    blind8: { status: 0.7, section: 0.65, facts: 0.55, abstention: 0.7 },
  },
  {
    name: 'inera',
    callOff: () => loadFixtureCallOff('inera'),
    blind: { status: 0.93, section: 0.9, facts: 0.9, abstention: 0.95 },
    blind2: { status: 0.9, section: 0.85, facts: 0.75, abstention: 0.95 },
    blind3: { status: 0.85, section: 0.85, facts: 0.6, abstention: 0.95 },
    blind4: { status: 0.9, section: 0.9, facts: 0.9, abstention: 0.95 },
    blind5: { status: 0.85, section: 0.75, facts: 0.75, abstention: 0.95 },
    blind6: { status: 0.75, section: 0.65, facts: 0.65, abstention: 0.95 },
    blind7: { status: 0.75, section: 0.55, facts: 0.55, abstention: 0.95 },
    blind8: { status: 0.75, section: 0.65, facts: 0.55, abstention: 0.95 },
  },
];

describe('blind question sets (written from the documents, not from the bot)', () => {
  for (const set of callOffs) {
    it(`${set.name}: first blind round`, { timeout: 60_000 }, async () => {
      const callOff = set.callOff();
      const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, `blind-${set.name}.jsonl`));
      expectFloors(scores, set.blind);
      if (scores.deadlineAccuracy.total > 0) expect(scores.deadlineAccuracy.rate).toBe(1);
      expectVerbatim(callOff, outcomes);
    });

    it(`${set.name}: second, held-out blind round`, { timeout: 60_000 }, async () => {
      const callOff = set.callOff();
      const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, `blind2-${set.name}.jsonl`));
      expectFloors(scores, set.blind2);
      expectVerbatim(callOff, outcomes);
    });

    it(`${set.name}: third, held-out blind round`, { timeout: 60_000 }, async () => {
      const callOff = set.callOff();
      const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, `blind3-${set.name}.jsonl`));
      expectFloors(scores, set.blind3);
      expectVerbatim(callOff, outcomes);
    });

    it(`${set.name}: fourth, held-out blind round`, { timeout: 60_000 }, async () => {
      const callOff = set.callOff();
      const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, `blind4-${set.name}.jsonl`));
      expectFloors(scores, set.blind4);
      expectVerbatim(callOff, outcomes);
    });

    it(`${set.name}: fifth, held-out blind round`, { timeout: 60_000 }, async () => {
      const callOff = set.callOff();
      const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, `blind5-${set.name}.jsonl`));
      expectFloors(scores, set.blind5);
      expectVerbatim(callOff, outcomes);
    });

    it(`${set.name}: sixth, held-out blind round`, { timeout: 60_000 }, async () => {
      const callOff = set.callOff();
      const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, `blind6-${set.name}.jsonl`));
      expectFloors(scores, set.blind6);
      expectVerbatim(callOff, outcomes);
    });

    it(`${set.name}: seventh, held-out blind round`, { timeout: 60_000 }, async () => {
      const callOff = set.callOff();
      const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, `blind7-${set.name}.jsonl`));
      expectFloors(scores, set.blind7);
      expectVerbatim(callOff, outcomes);
    });

    it(`${set.name}: eighth, held-out blind round`, { timeout: 60_000 }, async () => {
      const callOff = set.callOff();
      const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, `blind8-${set.name}.jsonl`));
      expectFloors(scores, set.blind8);
      expectVerbatim(callOff, outcomes);
    });
  }

  it('ninth round over six call-offs, scored once and not tuned on: the honest estimate', {
    timeout: 120_000,
  }, async () => {
    // First (and only) run, 2026-11-24: status / section / facts / abstention per call-off:
    // seed 62.5 / 50.0 / 50.0 / 100, Enköping 62.5 / 50.0 / 50.0 / 100, Vaxholm 75.0 / 50.0 / 50.0 / 100,
    // Inera 37.5 / 16.7 / 16.7 / 100, kommun 62.5 / 50.0 / 37.5 / 100, region 87.5 / 66.7 / 66.7 / 100.
    // The floors hold the whole round, not each call-off (8 questions each is too few for a floor).
    const all: EvalOutcome[] = [];
    const sets: Array<[() => CallOff, string]> = [
      ...callOffs.map((c): [() => CallOff, string] => [c.callOff, c.name]),
      [() => loadCallOff(path.join(repoRoot, 'test', 'fixtures', 'callOffs', 'kommun-it-drift')), 'kommun'],
      [() => loadCallOff(path.join(repoRoot, 'test', 'fixtures', 'callOffs', 'region-ehalsa')), 'region'],
    ];
    for (const [load, name] of sets) {
      const callOff = load();
      const { outcomes } = await runner.run(callOff, path.join(fixtures, `blind9-${name}.jsonl`));
      expectVerbatim(callOff, outcomes);
      all.push(...outcomes);
    }
    expectFloors(scoreEval(all), { status: 0.6, section: 0.42, facts: 0.4, abstention: 0.95 });
  });

  it('a call-off nobody tuned on: a Word document of another shape, with blind questions', {
    timeout: 60_000,
  }, async () => {
    // test/fixtures/callOffs/kommun-it-drift: style-linked heading numbers, key-value and
    // requirement tables, header/footer fields, footnotes. First run 76.0 / 70.6 / 55.0 / 71.4.
    const callOff = loadCallOff(path.join(repoRoot, 'test', 'fixtures', 'callOffs', 'kommun-it-drift'));
    const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, 'newcalloff-kommun.jsonl'));
    expectFloors(scores, { status: 0.8, section: 0.7, facts: 0.6, abstention: 0.95 });
    expect(scores.deadlineAccuracy.total).toBeGreaterThan(0);
    expect(scores.deadlineAccuracy.rate).toBe(1);
    expectVerbatim(callOff, outcomes);
  });

  it('a second call-off nobody tuned on: a TendSign-style PDF with running headers and hyphenation', {
    timeout: 60_000,
  }, async () => {
    // test/fixtures/callOffs/region-ehalsa. First run 84.0 / 82.4 / 76.2 / 71.4: two answers to
    // questions it does not answer ("Får introduktionstiden faktureras?" from "Introduktion av
    // ersättaren bekostas av leverantören"), still wrong (bench/quality.md). Since its tables
    // are read as tables (" | " cells), the ISTQB question is sent to the buyer rather than
    // answered from another section: status 84.0, no answer from a wrong section.
    const callOff = loadCallOff(path.join(repoRoot, 'test', 'fixtures', 'callOffs', 'region-ehalsa'));
    const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, 'newcalloff-region.jsonl'));
    expectFloors(scores, { status: 0.8, section: 0.8, facts: 0.75, abstention: 0.7 });
    expect(scores.deadlineAccuracy.total).toBeGreaterThan(0);
    expect(scores.deadlineAccuracy.rate).toBe(1);
    expectVerbatim(callOff, outcomes);
  });
});
