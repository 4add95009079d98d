/**
 * Guards the speed work on the in-process answer: every question of our
 * question sets, over its own call-off, must get exactly the BotAnswer it got
 * before the caches were added (status, answer text, citations, byte for byte).
 * The snapshot is generated from the code without the caches:
 *   GOLDEN_UPDATE=1 npx vitest run test/answering/goldenSpeed.test.ts
 * Regenerate it (from committed code) only when answers change on purpose.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractiveComposer } from '../../src/answering/extractive.js';
import { loadCallOff } from '../../src/config/callOff.js';
import type { BotAnswer, CallOff } from '../../src/core/types.js';
import { parseEvalFile } from '../../src/eval/runEval.js';
import { silentLogger } from '../../src/logger.js';
import { KnowledgeBase } from '../../src/retrieval/knowledgeBase.js';
import { devSetFile, loadFixtureCallOff } from '../support/callOffs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'eval');
const snapshotFile = path.join(repoRoot, 'test', 'fixtures', 'answering', 'golden-answers.json');
const update = process.env.GOLDEN_UPDATE === '1';

type Golden = Record<string, Record<string, BotAnswer>>;

let tmp: string;
let kb: KnowledgeBase;
const produced: Golden = {};

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-golden-'));
  kb = new KnowledgeBase({ dataDir: path.join(tmp, 'data'), logger: silentLogger });
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (update) writeFileSync(snapshotFile, `${JSON.stringify(produced, null, 1)}\n`);
});

const seed = () => loadCallOff(path.join(repoRoot, 'knowledge', 'af-2025-0108-8097'));
const sets: Array<{ name: string; callOff: () => CallOff; questions: string }> = [
  { name: 'dev', callOff: seed, questions: devSetFile },
  { name: 'seed-extra', callOff: seed, questions: path.join(fixtures, 'seed-extra.jsonl') },
  {
    name: 'enkoping',
    callOff: () => loadFixtureCallOff('enkoping'),
    questions: path.join(fixtures, 'enkoping.jsonl'),
  },
  {
    name: 'vaxholm',
    callOff: () => loadFixtureCallOff('vaxholm'),
    questions: path.join(fixtures, 'vaxholm.jsonl'),
  },
  {
    name: 'inera',
    callOff: () => loadFixtureCallOff('inera'),
    questions: path.join(fixtures, 'inera.jsonl'),
  },
];

describe('the in-process answer is unchanged by the speed work', () => {
  const golden: Golden = !update && existsSync(snapshotFile) ? JSON.parse(readFileSync(snapshotFile, 'utf8')) : {};

  for (const set of sets) {
    it(`answers the ${set.name} questions exactly as the snapshot`, { timeout: 120_000 }, async () => {
      const callOff = set.callOff();
      await kb.ensureIndex(callOff);
      const composer = new ExtractiveComposer();
      const answers: Record<string, BotAnswer> = {};
      const cases = parseEvalFile(readFileSync(set.questions, 'utf8'));
      // Twice, so an answer that depends on what was asked before (a stale cache) shows up too.
      for (const round of [0, 1]) {
        for (const c of cases) {
          const passages = await kb.retrieve(callOff, c.question, []);
          const answer = await composer.compose({ callOff, question: c.question, passages });
          if (round === 0) answers[c.id] = answer;
          else expect(answer, `${set.name}/${c.id} asked again`).toEqual(answers[c.id]);
        }
      }
      produced[set.name] = answers;
      if (update) return;
      const expected = golden[set.name];
      expect(expected, `snapshot has ${set.name}`).toBeDefined();
      expect(Object.keys(answers).sort()).toEqual(Object.keys(expected!).sort());
      for (const [id, answer] of Object.entries(answers)) {
        expect(JSON.stringify(answer), `${set.name}/${id}`).toBe(JSON.stringify(expected![id]));
      }
    });
  }
});
