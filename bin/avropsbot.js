#!/usr/bin/env node
// Entry point for `npx avropsbot`. Runs the compiled CLI from dist/ (built by
// `npm install` through the "prepare" script) when it is up to date with src/,
// and otherwise the TypeScript sources through tsx, so an edit never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const m = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

const srcDir = path.join(root, 'src');
const fresh = existsSync(compiled) && (!existsSync(srcDir) || statSync(compiled).mtimeMs >= newestMtime(srcDir));
if (fresh) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(srcDir, 'cli.ts')).href);
}
