/**
 * Development script: scores a question set against one call-off folder with
 * the real knowledge base and the extractive composer, offline.
 *
 *   node --import tsx src/eval/devEval.ts --call-off knowledge/af-2025-0108-8097 \
 *     --questions test/fixtures/eval/dev.jsonl [--verbose] [--json]
 *
 * The index is built in a temporary data dir (removed afterwards) unless --data-dir is given.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ExtractiveComposer } from '../answering/extractive.js';
import { loadCallOff } from '../config/callOff.js';
import { silentLogger } from '../logger.js';
import { KnowledgeBase } from '../retrieval/knowledgeBase.js';
import { runCases } from './harness.js';
import { formatEvalReport, parseEvalFile, scoreEval } from './runEval.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'call-off': { type: 'string' },
      questions: { type: 'string' },
      'data-dir': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values['call-off'] || !values.questions) {
    process.stderr.write(
      'Användning: devEval.ts --call-off MAPP --questions FIL.jsonl [--data-dir MAPP] [--verbose]\n',
    );
    process.exitCode = 2;
    return;
  }
  const callOff = loadCallOff(path.resolve(values['call-off']));
  const cases = parseEvalFile(readFileSync(values.questions, 'utf8'));
  const dataDir = values['data-dir'] ?? mkdtempSync(path.join(os.tmpdir(), 'avropsbot-eval-'));
  try {
    const kb = new KnowledgeBase({ dataDir, logger: silentLogger });
    await kb.ensureIndex(callOff);
    const composer = new ExtractiveComposer();
    const outcomes = await runCases(cases, { callOff, retriever: kb, composer });
    const scores = scoreEval(outcomes);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ scores, outcomes }, null, 2)}\n`);
      return;
    }
    if (values.verbose) {
      for (const o of outcomes) {
        process.stdout.write(`${o.case.id} [${o.status}] ${o.case.question}\n  ${o.answer.replace(/\n/g, '\n  ')}\n`);
      }
      process.stdout.write('\n');
    }
    if (values.explain) {
      // Why each failing case went as it did: the question model's confidence and the best candidates.
      for (const f of scores.failures) {
        const c = cases.find((x) => x.id === f.id)!;
        const passages = await kb.retrieve(callOff, c.question, []);
        const d = composer.decide(c.question, passages);
        process.stdout.write(
          `${c.id} ${c.question}\n  ${d.answered ? 'answered' : 'abstained'} (confidence ${d.confidence.toFixed(3)})\n`,
        );
        for (const x of d.scored.slice(0, 4)) {
          const text = x.candidate.text.slice(0, 90).replace(/\n/g, ' / ');
          process.stdout.write(
            `    ${x.candidate.passage.chunk.section.padEnd(8)} r${x.candidate.rank} ${x.candidate.shape} logit=${x.logit.toFixed(2)}  ${text}\n`,
          );
        }
      }
      process.stdout.write('\n');
    }
    process.stdout.write(`${formatEvalReport(scores)}\n`);
  } finally {
    if (!values['data-dir']) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
