// Whole-process time of `avropsbot ask` (compiled dist/ and through tsx) against bare `node -e ''`.
// Run: node --import tsx bench/startup.ts [runs]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 15);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bench-startup-'));
const env = { ...process.env, AVROPSBOT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
const question = ['ask', '--json', '--at', '2026-01-26T10:00', 'När är sista anbudsdag?'];

function time(cmd: string, args: string[]): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
const row = (name: string, s: number[]) =>
  `| ${name} | ${pct(s, 50).toFixed(0)} | ${pct(s, 90).toFixed(0)} | ${s[0]!.toFixed(0)} |`;

// Warm-up: builds the index once so every measured run only loads it.
spawnSync(process.execPath, [path.join(root, 'bin/avropsbot.js'), ...question], { cwd: root, env, stdio: 'ignore' });

const rows = [row("node -e ''", time(process.execPath, ['-e', '']))];
if (existsSync(path.join(root, 'dist/cli.js'))) {
  rows.push(row('avropsbot ask (dist/)', time(process.execPath, [path.join(root, 'dist/cli.js'), ...question])));
  // What `npx avropsbot` runs: the bin script checks dist/ is not older than src/.
  rows.push(row('bin/avropsbot.js ask', time(process.execPath, [path.join(root, 'bin/avropsbot.js'), ...question])));
}
rows.push(
  row(
    'avropsbot ask (tsx, src/)',
    time(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), ...question]),
  ),
);

console.log(`Whole-process wall time, ${runs} runs each, ms (each ask registers one question)\n`);
console.log('| command | p50 | p90 | min |\n|---|---|---|---|');
console.log(rows.join('\n'));
