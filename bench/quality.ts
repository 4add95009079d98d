/**
 * Answer-quality benchmark: scores every question set over its call-off through the
 * real pipeline (ingest -> knowledge base -> extractive composer) and prints one
 * Markdown table (status, section, facts, abstention), for bench/quality.md.
 *
 *   node --import tsx bench/quality.ts [--only <label prefix>] [--misses]
 *
 * --only scores just the sets whose label starts with the prefix (e.g. "blind7");
 * --misses lists every wrongly handled question under the table, to study a round.
 *
 * Every call-off is a folder of this repository (test/fixtures/callOffs, question deadline far ahead).
 */

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExtractiveComposer } from '../src/answering/extractive.js';
import { loadCallOff } from '../src/config/callOff.js';
import type { CallOff } from '../src/core/types.js';
import { runCases } from '../src/eval/harness.js';
import { parseEvalFile, type Ratio, scoreEval } from '../src/eval/runEval.js';
import { silentLogger } from '../src/logger.js';
import { KnowledgeBase } from '../src/retrieval/knowledgeBase.js';
import { devSetFile, loadFixtureCallOff } from '../test/support/callOffs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'eval');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-quality-'));

const seed = () => loadCallOff(path.join(repoRoot, 'knowledge', 'af-2025-0108-8097'));
const callOffs: Record<string, () => CallOff> = {
  seed,
  enkoping: () => loadFixtureCallOff('enkoping'),
  vaxholm: () => loadFixtureCallOff('vaxholm'),
  inera: () => loadFixtureCallOff('inera'),
  // A Word call-off written blind for testing, in a shape none of the others has (test/fixtures/callOffs).
  kommun: () => loadCallOff(path.join(repoRoot, 'test', 'fixtures', 'callOffs', 'kommun-it-drift')),
  // The same for a TendSign-style PDF with running headers, footers and hyphenation.
  region: () => loadCallOff(path.join(repoRoot, 'test', 'fixtures', 'callOffs', 'region-ehalsa')),
};
const sets: Array<[string, string, string]> = [
  ['dev', 'seed', devSetFile],
  ['seed-extra (tuned)', 'seed', path.join(fixtures, 'seed-extra.jsonl')],
  ['enkoping (tuned)', 'enkoping', path.join(fixtures, 'enkoping.jsonl')],
  ['vaxholm (tuned)', 'vaxholm', path.join(fixtures, 'vaxholm.jsonl')],
  ['inera (tuned)', 'inera', path.join(fixtures, 'inera.jsonl')],
  ['newcalloff-kommun (blind, unseen document)', 'kommun', path.join(fixtures, 'newcalloff-kommun.jsonl')],
  ['newcalloff-region (blind, unseen document)', 'region', path.join(fixtures, 'newcalloff-region.jsonl')],
  ...['seed', 'enkoping', 'vaxholm', 'inera'].flatMap(
    (n): Array<[string, string, string]> => [
      [`blind-${n}`, n, path.join(fixtures, `blind-${n}.jsonl`)],
      [`blind2-${n}`, n, path.join(fixtures, `blind2-${n}.jsonl`)],
      [`blind3-${n}`, n, path.join(fixtures, `blind3-${n}.jsonl`)],
      [`blind4-${n}`, n, path.join(fixtures, `blind4-${n}.jsonl`)],
      [`blind5-${n}`, n, path.join(fixtures, `blind5-${n}.jsonl`)],
      [`blind6-${n}`, n, path.join(fixtures, `blind6-${n}.jsonl`)],
      [`blind7-${n}`, n, path.join(fixtures, `blind7-${n}.jsonl`)],
      [`blind8-${n}`, n, path.join(fixtures, `blind8-${n}.jsonl`)],
    ],
  ),
  ...['seed', 'enkoping', 'vaxholm', 'inera', 'kommun', 'region'].map((n): [string, string, string] => [
    `blind9-${n}`,
    n,
    path.join(fixtures, `blind9-${n}.jsonl`),
  ]),
];

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const showMisses = args.includes('--misses');

const pct = (r: Ratio) => (r.total === 0 ? '–' : `${(100 * r.rate).toFixed(1)} % (${r.hits}/${r.total})`);

try {
  const kb = new KnowledgeBase({ dataDir: path.join(tmp, 'data'), logger: silentLogger });
  const composer = new ExtractiveComposer();
  const built = new Map<string, CallOff>();
  console.log(
    '| set | questions | status | section | facts | abstention | answered, not in documents | answered, wrong section |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const misses: string[] = [];
  for (const [label, callOffName, file] of sets) {
    if (!existsSync(file) || (only && !label.startsWith(only))) continue;
    let callOff = built.get(callOffName);
    if (!callOff) {
      callOff = callOffs[callOffName]!();
      await kb.ensureIndex(callOff);
      built.set(callOffName, callOff);
    }
    const outcomes = await runCases(parseEvalFile(readFileSync(file, 'utf8')), { callOff, retriever: kb, composer });
    const s = scoreEval(outcomes);
    // An answer to a question the documents do not answer: the worst outcome.
    const wrong = outcomes.filter((o) => o.case.expect.status === 'not_in_documents' && o.status === 'answered').length;
    const misplaced = outcomes.filter(
      (o) =>
        o.case.expect.status === 'answered' &&
        o.status === 'answered' &&
        !o.citations.some((c) => o.case.expect.sections.includes(c.section)),
    ).length;
    for (const o of outcomes) {
      const expected = o.case.expect;
      const sectionOk =
        expected.status !== 'answered' || o.citations.some((c) => expected.sections.includes(c.section));
      if (o.status === expected.status && sectionOk) continue;
      const cited = o.citations.map((c) => c.section).join(', ') || '-';
      const want = expected.status === 'answered' ? `answered ${expected.sections.join('/')}` : expected.status;
      misses.push(`- ${o.case.id} (${label}): want ${want}, got ${o.status} [${cited}]: ${o.case.question}`);
    }
    console.log(
      `| ${label} | ${s.cases} | ${pct(s.statusAccuracy)} | ${pct(s.sectionHitRate)} | ${pct(s.factRate)} | ${pct(s.abstentionAccuracy)} | ${wrong} | ${misplaced} |`,
    );
  }
  if (showMisses && misses.length > 0) console.log(`\n${misses.join('\n')}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
