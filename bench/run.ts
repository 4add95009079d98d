// Runs every benchmark in bench/ in turn (`npm run bench`); each prints its own table.
// Run one alone with: node --import tsx bench/<name>.ts
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => only.length === 0 || only.includes(path.basename(f, '.ts')));

let failed = 0;
for (const file of benches) {
  console.log(`\n## ${file}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    console.error(`${file} failed (exit ${r.status})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
