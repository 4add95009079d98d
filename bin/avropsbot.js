#!/usr/bin/env node
// Entry point for `npx avropsbot`: runs the compiled CLI in dist/, which
// `npm install` builds through the "prepare" script. Production installs need
// neither TypeScript nor tsx (both are devDependencies).
//
// In a development checkout (tsx installed) whose sources are newer than dist/,
// the sources run through tsx instead, so an edit never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist', 'cli.js');
const srcDir = path.join(root, 'src');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const m = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

/** tsx is there only when devDependencies are installed. */
function tsxInstalled() {
  try {
    createRequire(import.meta.url).resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

const built = existsSync(compiled);
const stale = built && existsSync(srcDir) && statSync(compiled).mtimeMs < newestMtime(srcDir);

if ((!built || stale) && existsSync(srcDir) && tsxInstalled()) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(srcDir, 'cli.ts')).href);
} else if (built) {
  if (stale) process.stderr.write('Varning: dist/ är äldre än src/. Bygg om med "npm run build".\n');
  await import(pathToFileURL(compiled).href);
} else {
  process.stderr.write(
    'Fel: avropsbot är inte byggt (dist/cli.js saknas). Kör "npm install" eller "npm run build" i projektmappen.\n',
  );
  process.exitCode = 2;
}
