// dist/cli.js, written by scripts/bundleCli.mjs after `tsc`: runs the CLI from one bundled
// file (dist/cli.bundle.cjs) with V8's code cache, so a one-off command such as `ask`
// neither resolves ~90 ES modules one by one nor parses and compiles their code again on
// every run (bench/startup.md). The unbundled build (dist/cli.module.js) is the fallback.
//
// The cache lives only in dist/, beside the code it was made from: code cache is compiled
// code, so it must never be read from a place another user could write (no temp folder).
// Its name carries the bundle's hash and modification time, the Node version and the command,
// because V8 checks only the source's length, and a cache holds the functions the run that
// made it compiled (a cache per command: `--help` compiles little of what `ask` needs).
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const BUNDLE_HASH = '@BUNDLE_HASH@';
const here = import.meta.dirname;
const bundle = path.join(here, 'cli.bundle.cjs');

/** Options that take a value (src/cli.ts OPTIONS): their value is not the command. */
const VALUED = new Set([
  'knowledge',
  'data-dir',
  'call-off',
  'at',
  'as',
  'org',
  'status',
  'text',
  'public-question',
  'format',
  'out',
  'port',
  'questions',
  'expect-head',
]);
const COMMANDS = new Set(['ask', 'chat', 'ingest', 'questions', 'faq', 'backup', 'serve', 'eval', 'verify']);

/** The command, as far as choosing a cache goes (src/cli.ts parses the arguments for real). */
function commandOf(args) {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return 'other';
    if (a.startsWith('--')) {
      if (!a.includes('=') && VALUED.has(a.slice(2))) i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return COMMANDS.has(a) ? a : 'other';
  }
  return 'help';
}

let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch {
  source = undefined;
}
const defaultLoader = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
// The bundle requires its packages, and openid-client (the buyer's page's sign-in) is an ES
// module only: without require(esm) (Node 20 before 20.19) it could not be loaded.
const requiresEsm = process.features.require_module === true;

if (source === undefined || defaultLoader === undefined || !requiresEsm) {
  // No bundle, or a Node 20 whose vm cannot hand `import()` to the ordinary loader or whose
  // require() cannot load an ES module.
  await import('./cli.module.js');
} else {
  const command = commandOf(process.argv.slice(2));
  const cacheDir = path.join(here, '.v8-cache');
  // The bundle's modification time too: a bundle edited by hand after the build keeps its hash.
  const edited = Math.trunc(statSync(bundle).mtimeMs);
  const cacheFile = path.join(cacheDir, `cli-${BUNDLE_HASH}-${edited}-${process.version}-${command}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: defaultLoader,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Made at exit, so it holds every function this run compiled; only after a run that
    // succeeded (a usage error compiles little). Written whole or not at all (rename).
    process.once('exit', (code) => {
      if (code !== 0) return;
      const partial = `${cacheFile}.${process.pid}`;
      try {
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // A read-only installation runs without the cache, only slower. On a full disk the
        // half-written file goes: one is left per failed run otherwise.
        try {
          unlinkSync(partial);
        } catch {
          // Never created.
        }
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, here);
}
