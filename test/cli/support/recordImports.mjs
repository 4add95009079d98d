// Preloaded with --import: records every module the process loads (one file URL a line) in the
// file named by RECORD_IMPORTS, so a test can see what a command really imports. ES modules
// through a load hook; CommonJS modules (createRequire included), which the hook does not see,
// from the CommonJS cache when the process exits.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register(new URL('./recordImportsHooks.mjs', import.meta.url));

const record = process.env.RECORD_IMPORTS;
if (record) {
  process.on('exit', () => {
    const files = Object.keys(Module._cache).filter((f) => f.startsWith('/'));
    appendFileSync(record, files.map((f) => `${pathToFileURL(f).href}\n`).join(''));
  });
}
