// Runs a question set through the real pipeline (ingest -> knowledge base ->
// extractive composer, with the core's guards) and checks every citation is
// verbatim. Used by the labelled-set suite and others that need a knowledge base.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { ExtractiveComposer } from '../../src/answering/extractive.js';
import type { CallOff } from '../../src/core/types.js';
import { runCases } from '../../src/eval/harness.js';
import {
  type EvalCase,
  type EvalOutcome,
  type EvalScores,
  formatEvalReport,
  parseEvalFile,
  scoreEval,
} from '../../src/eval/runEval.js';
import { silentLogger } from '../../src/logger.js';
import { KnowledgeBase } from '../../src/retrieval/knowledgeBase.js';
import { evalFixturesDir } from '../support/callOffs.js';

export { repoRoot } from '../support/callOffs.js';
export const fixtures = evalFixturesDir;

/** Call at the top of a test file: one temp knowledge base for the file's suites. */
export function useSetRunner(prefix: string) {
  let tmp = '';
  let kb: KnowledgeBase;
  const composer = new ExtractiveComposer();
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
    kb = new KnowledgeBase({ dataDir: path.join(tmp, 'data'), logger: silentLogger });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  return {
    async run(callOff: CallOff, questionsFile: string): Promise<{ scores: EvalScores; outcomes: EvalOutcome[] }> {
      const cases = parseEvalFile(readFileSync(questionsFile, 'utf8'));
      return this.runCases(callOff, cases, path.basename(questionsFile));
    },

    async runCases(
      callOff: CallOff,
      cases: EvalCase[],
      label = callOff.id,
    ): Promise<{ scores: EvalScores; outcomes: EvalOutcome[] }> {
      await kb.ensureIndex(callOff);
      const outcomes = await runCases(cases, { callOff, retriever: kb, composer });
      const scores = scoreEval(outcomes);
      // Printed so a failing floor shows which questions went wrong.
      console.info(`${label}\n${formatEvalReport(scores)}`);
      return { scores, outcomes };
    },

    /** Every answered reply cites, and every quote stands verbatim in its section and in the answer. */
    expectVerbatim(callOff: CallOff, outcomes: EvalOutcome[]): number {
      let checked = 0;
      for (const o of outcomes) {
        if (o.status !== 'answered') {
          expect(o.citations, o.case.id).toEqual([]);
          continue;
        }
        expect(o.citations.length, o.case.id).toBeGreaterThan(0);
        for (const c of o.citations) {
          const text = kb.sectionText(callOff.id, c.document, c.section);
          expect(text, `${o.case.id}: section ${c.section}`).toBeDefined();
          expect(text, `${o.case.id}: quote in ${c.section}`).toContain(c.quote);
          expect(o.answer, o.case.id).toContain(c.quote);
          checked++;
        }
      }
      return checked;
    },

    /** The knowledge base and composer themselves, for suites that go beyond a question file. */
    get kb(): KnowledgeBase {
      return kb;
    },
    composer,
  };
}
