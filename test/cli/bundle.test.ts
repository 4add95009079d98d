// The build's second step (scripts/bundleCli.mjs) on a small stand-in for tsc's output: the
// bundled CLI must behave as the modules it was made from (each module's own import.meta, a
// module loaded by dynamic import), keep its code cache per command and only after a run that
// succeeded, and fall back to the unbundled modules when the bundle is missing.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

let dir = '';
let dist = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bundle-'));
  dist = path.join(dir, 'dist');
  mkdirSync(path.join(dist, 'lib'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  // As tsc emits src/cli.ts: no top-level await, a module imported on demand.
  writeFileSync(
    path.join(dist, 'cli.js'),
    [
      "import { where } from './lib/where.js';",
      'const args = process.argv.slice(2);',
      "if (args.includes('--fail')) process.exitCode = 2;",
      "import('./lib/late.js').then(({ late }) => process.stdout.write(JSON.stringify({ ...where, late, args })));",
    ].join('\n'),
  );
  writeFileSync(
    path.join(dist, 'lib/where.js'),
    'export const where = { url: import.meta.url, dirname: import.meta.dirname };\n',
  );
  writeFileSync(path.join(dist, 'lib/late.js'), "export const late = 'loaded when asked for';\n");
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/bundleCli.mjs')], {
    env: { ...process.env, BUNDLE_DIST: dist },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(dist, 'cli.js'), ...args], { encoding: 'utf8' });
const caches = () => (existsSync(path.join(dist, '.v8-cache')) ? readdirSync(path.join(dist, '.v8-cache')) : []);

describe('the bundled CLI', () => {
  it("replaces dist/cli.js by the launcher and keeps tsc's entry beside the bundle", () => {
    expect(existsSync(path.join(dist, 'cli.bundle.cjs'))).toBe(true);
    expect(existsSync(path.join(dist, 'cli.module.js'))).toBe(true);
  });

  it('gives every module its own import.meta and loads dynamic imports', () => {
    const r = run('ask', 'Fråga?');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      url: `file://${path.join(dist, 'lib/where.js')}`,
      dirname: path.join(dist, 'lib'),
      late: 'loaded when asked for',
      args: ['ask', 'Fråga?'],
    });
  });

  it('keeps a code cache per command, made by a run that succeeded, and runs the same from it', () => {
    const first = run('--data-dir', 'ask', 'verify', 'x');
    expect(first.status).toBe(0);
    // "--data-dir" takes a value: the command is verify.
    expect(caches().filter((f) => f.endsWith('-verify.bin'))).toHaveLength(1);
    const again = run('--data-dir', 'ask', 'verify', 'x');
    expect(again.stdout).toBe(first.stdout);

    expect(run('backup', '--fail').status).toBe(2);
    expect(caches().some((f) => f.endsWith('-backup.bin'))).toBe(false);
  });

  it('runs as ever, and leaves no half-written cache, when the cache cannot be put in place', () => {
    const first = run('faq');
    expect(first.status, first.stderr).toBe(0);
    const cache = caches().find((f) => f.endsWith('-faq.bin'));
    expect(cache).toBeDefined();
    // A directory where the cache goes: no cache to read, one written and never renamed into place.
    const where = path.join(dist, '.v8-cache', cache!);
    rmSync(where);
    mkdirSync(path.join(where, 'in-the-way'), { recursive: true });
    try {
      const again = run('faq');
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toBe(first.stdout);
      expect(caches().filter((f) => /\.bin\.\d+$/.test(f))).toEqual([]);
    } finally {
      rmSync(where, { recursive: true, force: true });
    }
  });

  it("knows the CLI's valued options, so a flag's value is never taken for the command", () => {
    // The launcher cannot import src/cli.ts (that runs the CLI): its list is a copy, held here to the original.
    const strings = (source: string) => [...source.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!).sort();
    const cli = readFileSync(path.join(repoRoot, 'src/cli.ts'), 'utf8');
    const valued = [
      .../const OPTIONS = \{([\s\S]*?)\} as const;/.exec(cli)![1]!.matchAll(/'?([a-z-]+)'?: \{ type: 'string'/g),
    ]
      .map((m) => m[1]!)
      .sort();
    const launcher = readFileSync(path.join(repoRoot, 'scripts/cliLauncher.js'), 'utf8');
    expect(valued.length).toBeGreaterThan(5);
    expect(strings(/const VALUED = new Set\(\[([\s\S]*?)\]\)/.exec(launcher)![1]!)).toEqual(valued);
  });

  it('runs the unbundled modules when the bundle is missing', () => {
    const bundle = path.join(dist, 'cli.bundle.cjs');
    renameSync(bundle, `${bundle}.away`);
    try {
      const r = run('ask', 'Fråga?');
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).late).toBe('loaded when asked for');
    } finally {
      renameSync(`${bundle}.away`, bundle);
    }
  });
});
