// `ask` must not load Slack, Teams, LangChain or zod: walk the static import graph of
// the CLI (dynamic `await import()` is how the heavy parts are loaded on demand), then
// run `--help` and `ask` and look at what the processes really loaded.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const HEAVY =
  /^(@slack\/|botbuilder|botframework|langchain|@langchain\/|openai$|express$|pdfkit$|docx$|playwright|jszip$|pg$|unpdf$|zod(\/|$))/;

function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm))
    specs.push(m[1]!);
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  return specs;
}

it('the CLI start-up graph has no Slack, Teams, LangChain, Express, PostgreSQL, zod or document readers/writers', () => {
  const seen = new Set<string>();
  const heavy: string[] = [];
  // app.ts is imported (dynamically) by every command, so it is part of start-up too.
  const queue = [path.join(root, 'src/cli.ts'), path.join(root, 'src/app.ts')];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
        if (existsSync(target)) queue.push(target);
      } else if (HEAVY.test(spec)) {
        heavy.push(`${path.relative(root, file)} -> ${spec}`);
      }
    }
  }
  expect(seen.size).toBeGreaterThan(3);
  expect(heavy).toEqual([]);
});

/** What the start of `ask` and `--help` must not load: zod's schemas, the chat SDKs, LangChain, every Snowball language, and the identity-number checkers for a question without numbers. */
const NOT_AT_START =
  /\/node_modules\/(zod|@slack\/[^/]+|botbuilder[^/]*|botframework[^/]*|langchain|@langchain\/[^/]+|openai|snowball-stemmers|personnummer|organisationsnummer)\//;

/** The packages a CLI run loaded, by name. */
function packagesLoaded(
  args: string[],
  opts: { warmUp?: boolean } = {},
): { status: number | null; packages: string[]; stderr: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-imports-'));
  const knowledge = path.join(dir, 'knowledge');
  cpSync(path.join(root, 'knowledge'), knowledge, { recursive: true });
  const record = path.join(dir, 'loaded.txt');
  const run = () =>
    spawnSync(
      process.execPath,
      [
        '--import',
        path.join(root, 'test/cli/support/recordImports.mjs'),
        '--import',
        'tsx',
        path.join(root, 'src/cli.ts'),
        ...args,
      ],
      {
        // From the repository, where `--import tsx` resolves; everything the run writes goes to dir.
        cwd: root,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dir,
          RECORD_IMPORTS: record,
          AVROPSBOT_KNOWLEDGE_DIR: knowledge,
          AVROPSBOT_DATA_DIR: path.join(dir, 'data'),
          LOG_LEVEL: 'silent',
        },
      },
    );
  // The first run builds the index (and loads what a build needs); the second is an everyday one.
  if (opts.warmUp) run();
  rmSync(record, { force: true });
  const r = run();
  const urls = existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
  const packages = new Set<string>();
  for (const url of urls) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m && !url.includes('/node_modules/tsx/') && !url.includes('/node_modules/esbuild/')) packages.add(m[1]!);
  }
  expect(
    urls.some((u) => u.endsWith('/src/cli.ts')),
    r.stderr,
  ).toBe(true);
  return { status: r.status, packages: [...packages].sort(), stderr: r.stderr };
}

it('--help loads no package at all', () => {
  const run = packagesLoaded(['--help']);
  expect(run.status).toBe(0);
  expect(run.packages).toEqual([]);
});

it('ask loads the register, and neither hnswlib, zod, Slack, Teams nor LangChain', () => {
  const run = packagesLoaded(['ask', '--json', '--at', '2026-01-26T10:00', 'När är sista anbudsdag?'], {
    warmUp: true,
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.packages).toContain('better-sqlite3');
  // A built index's vectors are read without hnswlib (flatVectors.ts): only building one needs it.
  expect(run.packages).not.toContain('hnswlib-node');
  expect(run.packages.filter((p) => NOT_AT_START.test(`/node_modules/${p}/`))).toEqual([]);
}, 120_000);
