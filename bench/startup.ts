// Whole-process time of `avropsbot ask` and `--help` against bare `node -e ''`, paired: each round
// runs every command once, in turn, so load on the machine hits them alike, and the ratio
// to bare Node is taken per round. Wall time, and the processes' own CPU time (user + system),
// which other processes on the machine hardly change. Then what each import on the `ask`
// path costs on its own.
// Measures the compiled CLI (what the installed bin runs; `npm run build` first: dist/cli.js
// runs the bundle from V8's code cache, dist/cli.module.js the unbundled modules), or another
// build given as DIST=path. The warm-up run also leaves the bundle's code cache for `ask`.
// Run: node --import tsx bench/startup.ts [rounds]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.resolve(process.env.DIST ?? path.join(root, 'dist'));
const rounds = Number(process.argv[2] ?? 21);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bench-startup-'));
const env = { ...process.env, AVROPSBOT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
const cli = path.join(dist, 'cli.js');
const question = ['ask', '--json', '--at', '2026-01-26T10:00', 'När är sista anbudsdag?'];
if (!existsSync(cli)) throw new Error(`${cli} saknas: kör npm run build först`);

const cpuReport = path.join(dataDir, 'cpu.txt');

/** Wall milliseconds of one plain process. */
function wall(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return performance.now() - t;
}

/**
 * CPU milliseconds of one process, reported by a small preload (a separate run: the
 * preload starts Node's ES module loader, which bare `node -e ''` would not, so wall
 * times are taken without it; every command gets the same preload here).
 */
function cpuTime(args: string[]): number {
  rmSync(cpuReport, { force: true });
  const preload = ['--import', path.join(root, 'bench/support/cpuAtExit.mjs')];
  const r = spawnSync(process.execPath, [...preload, ...args], {
    cwd: root,
    env: { ...env, CPU_REPORT: cpuReport },
    stdio: 'ignore',
  });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return Number(readFileSync(cpuReport, 'utf8'));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

// Warm-up: builds the index once, so every measured `ask` only loads it (and fills the disk cache),
// and stores the answer model's analysis of its passages (data dir analysis/), which every measured `ask` reads;
// the first `ask` and `--help` of a build also write its code cache (dist/.v8-cache).
wall([cli, ...question]);
wall([cli, '--help']);

// The build's unbundled CLI (tsc's own output, which dist/cli.js falls back to) alongside, so the
// bundle and its code cache are measured in the same rounds as everything else.
const unbundled = path.join(dist, 'cli.module.js');
const commands: Array<[string, string[]]> = [
  ["node -e ''", ['-e', '']],
  ['avropsbot ask', [cli, ...question]],
  ...(existsSync(unbundled) ? [['avropsbot ask, unbundled', [unbundled, ...question]] as [string, string[]]] : []),
  ['avropsbot --help', [cli, '--help']],
];
const times = new Map(commands.map(([name]) => [name, [] as number[]]));
const ratios = new Map(commands.map(([name]) => [name, [] as number[]]));
const cpu = new Map(commands.map(([name]) => [name, [] as number[]]));
const cpuRatios = new Map(commands.map(([name]) => [name, [] as number[]]));
for (let r = 0; r < rounds; r++) {
  const round = commands.map(([name, args]) => [name, { wall: wall(args), cpu: cpuTime(args) }] as const);
  const bare = round[0]![1];
  for (const [name, ms] of round) {
    times.get(name)!.push(ms.wall);
    ratios.get(name)!.push(ms.wall / bare.wall);
    cpu.get(name)!.push(ms.cpu);
    cpuRatios.get(name)!.push(ms.cpu / bare.cpu);
  }
}

console.log(
  `${rounds} paired rounds, node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
);
console.log(`CLI: ${path.relative(root, cli)}; each ask registers one question\n`);
console.log('| command | wall p50 ms | wall p90 ms | wall min ms | wall x bare node | CPU p50 ms | CPU x bare node |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [name] of commands) {
  const t = times.get(name)!;
  console.log(
    `| ${name} | ${median(t).toFixed(0)} | ${pct(t, 0.9).toFixed(0)} | ${Math.min(...t).toFixed(0)} | ${median(ratios.get(name)!).toFixed(2)} | ${median(cpu.get(name)!).toFixed(0)} | ${median(cpuRatios.get(name)!).toFixed(2)} |`,
  );
}
console.log("\n(x bare node: the median over rounds of each round's ratio)");

// What each import on the ask path costs alone: a fresh process per sample, the time of the
// `await import()` itself (the process start is the same for all and left out).
const imports: Array<[string, string]> = [
  ['better-sqlite3', 'better-sqlite3'],
  ['hnswlib-node (only when an index is built)', 'hnswlib-node'],
  ['zod (no longer on the ask path)', 'zod'],
  ['dist/config/env.js', pathToFileURL(path.join(dist, 'config/env.js')).href],
  ['dist/config/callOff.js', pathToFileURL(path.join(dist, 'config/callOff.js')).href],
  ['dist/retrieval/knowledgeBase.js', pathToFileURL(path.join(dist, 'retrieval/knowledgeBase.js')).href],
  ['dist/register/index.js', pathToFileURL(path.join(dist, 'register/index.js')).href],
  ['dist/anonymise/index.js', pathToFileURL(path.join(dist, 'anonymise/index.js')).href],
  ['dist/app.js (all of the above and the rest, unbundled)', pathToFileURL(path.join(dist, 'app.js')).href],
];
const samples = Math.max(5, Math.floor(rounds / 2));
console.log(`\nImport cost alone, median of ${samples} fresh processes\n`);
console.log('| import | ms |\n|---|---:|');
for (const [name, spec] of imports) {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const code = `const t = performance.now(); await import(${JSON.stringify(spec)}); process.stdout.write(String(performance.now() - t));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`import ${spec}: ${r.stderr}`);
    ms.push(Number(r.stdout));
  }
  console.log(`| ${name} | ${median(ms).toFixed(1)} |`);
}
