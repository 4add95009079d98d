// `eval` on a question set that mixes call-offs, through the real CLI in child
// processes: each line runs against its own call-off without --call-off, the
// totals and a row per call-off carry the wrong answers as a figure of their own,
// and a line whose call-off cannot be told is a usage error before anything runs.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';

const SEED = 'af-2025-0108-8097';
const evalDir = path.join(repoRoot, 'test', 'fixtures', 'eval');
const firstLines = (file: string, n: number) =>
  readFileSync(path.join(evalDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .slice(0, n);

let dir: string;
let args: string[];
let mixed: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-eval-calloffs-'));
  const knowledge = path.join(dir, 'knowledge');
  cpSync(path.join(repoRoot, 'knowledge', SEED), path.join(knowledge, SEED), { recursive: true });
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'callOffs', 'vaxholm'), path.join(knowledge, 'vaxholm'), {
    recursive: true,
  });
  args = ['--knowledge', knowledge, '--data-dir', path.join(dir, 'data')];
  // A trap: a question the seed documents answer, labelled as one they do not. Answering it is a wrong answer.
  const trap = JSON.stringify({
    id: 'trap',
    callOff: SEED,
    question: 'När är sista dag att lämna anbud?',
    at: '2026-01-26T10:00:00+01:00',
    expect: { status: 'not_in_documents', sections: [], facts: [] },
  });
  mixed = path.join(dir, 'mixed.jsonl');
  writeFileSync(mixed, [...firstLines('dev.jsonl', 3), ...firstLines('vaxholm.jsonl', 2), trap].join('\n'));
  // Both indexes built once, so the eval runs below time only the answering.
  const ingest = await runCli([...args, 'ingest']);
  expect(ingest.code).toBe(0);
}, 180_000);

describe('eval with callOff lines', () => {
  it('--json: runs each line against its own call-off, totals plus one row per call-off, wrong answers counted', async () => {
    const r = await runCli([...args, 'eval', '--json', '--questions', mixed]);
    expect(r.code).toBe(0);
    const scores = JSON.parse(r.stdout);
    expect(scores.cases).toBe(6);
    expect(scores.callOffs.map((c: { callOff: string; cases: number }) => [c.callOff, c.cases])).toEqual([
      [SEED, 4],
      ['vaxholm', 2],
    ]);
    // The trap was answered: a wrong answer, in the totals and in the seed's row, and not in vaxholm's.
    const trap = scores.failures.find((f: { id: string }) => f.id === 'trap');
    expect(trap.reasons).toContain('felaktigt svar');
    const wrongIds = scores.failures
      .filter((f: { reasons: string[] }) => f.reasons.includes('felaktigt svar'))
      .map((f: { id: string }) => f.id);
    expect(scores.wrongAnswers).toMatchObject({ hits: wrongIds.length, total: 6 });
    const [seed, vaxholm] = scores.callOffs;
    expect(seed.wrongAnswers.hits + vaxholm.wrongAnswers.hits).toBe(wrongIds.length);
    expect(seed.wrongAnswers.hits).toBe(wrongIds.filter((id: string) => id === 'trap' || id.startsWith('d')).length);
    expect(seed.wrongAnswers.total).toBe(4);
    // Vaxholm's contact person and phone number are only in vaxholm's documents: found means run against them.
    expect(vaxholm.factRate.hits).toBeGreaterThan(0);
    expect(seed.failures).toBeUndefined();
  });

  it('text: the wrong answers line and a per-call-off table', async () => {
    const r = await runCli([...args, 'eval', '--questions', mixed]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Felaktiga svar \(alla frågor\)\s+\d+\.\d %\s+\(\d+\/6\)/);
    const table = r.stdout.slice(r.stdout.indexOf('Per avrop:'));
    const lines = table.split('\n');
    expect(lines[1]).toMatch(/^Avrop\s+Frågor\s+Rätt status\s+Rätt avsnitt\s+Korrekt avstått\s+Felaktiga svar$/);
    expect(lines[2]).toMatch(new RegExp(`^${SEED}\\s+4\\s`));
    expect(lines[2]).toMatch(/\(\d\/4\)$/);
    expect(lines[3]).toMatch(/^vaxholm\s+2\s/);
  });

  it('a line without callOff, with several call-offs and no --call-off, is a usage error naming the case', async () => {
    const file = path.join(dir, 'bare.jsonl');
    const [line] = firstLines('dev.jsonl', 1);
    const { callOff: _, ...bare } = JSON.parse(line!);
    writeFileSync(file, `${line}\n${JSON.stringify({ ...bare, id: 'utan' })}\n`);
    const r = await runCli([...args, 'eval', '--questions', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Testfallet "utan" anger inget avrop');
    expect(r.stderr).toContain('--call-off');
    expect(r.stdout).toBe('');

    // With --call-off, that line runs against the one named; the other keeps its own.
    const ok = await runCli([...args, '--call-off', 'vaxholm', 'eval', '--json', '--questions', file]);
    expect(ok.code).toBe(0);
    const scores = JSON.parse(ok.stdout);
    expect(scores.callOffs.map((c: { callOff: string }) => c.callOff)).toEqual([SEED, 'vaxholm']);
  });

  it('a line naming a call-off that is not in the knowledge folder is a usage error', async () => {
    const file = path.join(dir, 'unknown.jsonl');
    const [line] = firstLines('dev.jsonl', 1);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(line!), callOff: 'finns-inte' }));
    const r = await runCli([...args, 'eval', '--questions', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"finns-inte", som inte finns i kunskapsmappen');
    expect(r.stderr).toContain(`${SEED}, vaxholm`);
  });

  it('one call-off: the JSON is the totals alone, as before', async () => {
    const file = path.join(dir, 'seed.jsonl');
    writeFileSync(file, firstLines('dev.jsonl', 2).join('\n'));
    const r = await runCli([...args, 'eval', '--json', '--questions', file]);
    expect(r.code).toBe(0);
    const scores = JSON.parse(r.stdout);
    expect(scores.cases).toBe(2);
    expect(scores.callOffs).toBeUndefined();
    expect(scores.wrongAnswers.total).toBe(2);
  });
});
