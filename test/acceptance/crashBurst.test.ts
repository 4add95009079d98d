// Issue acceptance: the register survives `kill -9` during a burst of `ask`
// processes writing concurrently: no lost entry, no duplicate receipt number,
// and the hash chain verifies.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openRegister } from '../../src/register/index.js';
import { repoRoot, runCli } from '../helpers/cli.js';

interface Run {
  question: string;
  killed: boolean;
  stdout: string;
}

function askProcess(dataDir: string, question: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), 'ask', '--json', '--at', '2026-01-26T10:00', question],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', AVROPSBOT_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let stdout = '';
    let killed = false;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    const timer =
      killAfterMs === null
        ? null
        : setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('close', () => {
      if (timer) clearTimeout(timer);
      resolve({ question, killed, stdout });
    });
  });
}

it('keeps every acknowledged question, unique receipts and an intact chain after kill -9', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-crash-'));
  // Build the index first, so the burst is about register writes.
  expect((await runCli(['ingest'], { env: { AVROPSBOT_DATA_DIR: dataDir } })).code).toBe(0);

  const topics = ['sista anbudsdag', 'kontaktperson', 'anbudets giltighet', 'distansarbete', 'ramavtalet', 'signering'];
  const runs = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      askProcess(
        dataDir,
        `Fråga ${i}: vad gäller för ${topics[i % topics.length]}?`,
        i % 2 === 0 ? null : 400 + i * 150,
      ),
    ),
  );

  const completed = runs.filter((r) => r.stdout.trim().startsWith('{') && !r.killed);
  expect(completed.length).toBeGreaterThanOrEqual(6);
  // The burst really was interrupted: some writers died without answering.
  expect(runs.filter((r) => r.killed && r.stdout === '').length).toBeGreaterThan(0);

  const register = await openRegister({ dataDir, logger: silentLogger });
  try {
    const report = await register.verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);

    const entries = await register.list({ callOff: 'af-2025-0108-8097' });
    const receiptIds = entries.map((e) => e.id);
    expect(new Set(receiptIds).size).toBe(receiptIds.length);
    // No gaps: F-0001 .. F-000n.
    expect(receiptIds).toEqual(receiptIds.map((_, i) => `F-${String(i + 1).padStart(4, '0')}`));

    // No lost entry: every receipt a process printed is there, with its question.
    for (const run of completed) {
      const reply = JSON.parse(run.stdout);
      const entry = entries.find((e) => e.id === reply.question.id);
      expect(entry?.question).toBe(run.question);
    }
  } finally {
    await register.close();
  }
}, 120_000);
