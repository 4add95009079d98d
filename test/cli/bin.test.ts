// The installed command (bin/avropsbot.js) runs the built dist/ and needs neither tsx nor
// TypeScript at run time: checked on a copy of the bin next to a stand-in dist/, without node_modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A package folder with the real bin, an optional stand-in dist/cli.js and src/, and no node_modules. */
function installed(opts: { dist: boolean; srcNewer?: boolean }): string {
  dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bin-'));
  mkdirSync(path.join(dir, 'bin'));
  copyFileSync(path.join(repoRoot, 'bin/avropsbot.js'), path.join(dir, 'bin/avropsbot.js'));
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src/cli.ts'), 'process.stdout.write("from sources");\n');
  if (opts.dist) {
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(
      path.join(dir, 'dist/cli.js'),
      'process.stdout.write("from dist " + process.argv.slice(2).join(" "));\n',
    );
  }
  const [older, newer] = [new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z')];
  utimesSync(path.join(dir, 'src/cli.ts'), older, opts.srcNewer ? newer : older);
  if (opts.dist) utimesSync(path.join(dir, 'dist/cli.js'), older, opts.srcNewer ? older : newer);
  return dir;
}

const run = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/avropsbot.js'), ...args], { encoding: 'utf8' });

describe('the installed avropsbot command', () => {
  it('runs the built dist/ with its arguments', () => {
    const r = run(installed({ dist: true }), 'ask', 'Fråga?');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('from dist ask Fråga?');
    expect(r.stderr).toBe('');
  });

  it('runs dist/ with a warning when the sources are newer and tsx is not installed', () => {
    const r = run(installed({ dist: true, srcNewer: true }), '--version');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('from dist --version');
    expect(r.stderr).toContain('Varning: dist/ är äldre än src/. Bygg om med "npm run build".');
  });

  it('says in Swedish how to build when dist/ is missing, with exit 2', () => {
    const r = run(installed({ dist: false }), '--version');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('avropsbot är inte byggt (dist/cli.js saknas)');
  });

  it('has tsx and TypeScript as development dependencies only', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(Object.keys(pkg.dependencies)).not.toContain('typescript');
    expect(pkg.devDependencies).toHaveProperty('tsx');
    expect(pkg.devDependencies).toHaveProperty('typescript');
    expect(pkg.bin.avropsbot).toBe('bin/avropsbot.js');
    expect(pkg.scripts.prepare).toMatch(/tsc -p tsconfig\.build\.json/);
  });
});
