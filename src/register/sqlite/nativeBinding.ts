/**
 * Where better-sqlite3's native addon is, for its `nativeBinding` option. Without it the
 * package finds the addon through the `bindings` package, which reads the call stack for the
 * package folder and tries several build paths, each a failed require: a few milliseconds of
 * every `ask`, and no package folder to find at all once the CLI is bundled into dist/.
 * Undefined, so the package searches as it always did, when the addon is not where an
 * install (prebuilt or compiled) puts it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let binding: string | undefined | null = null;

export function sqliteNativeBinding(): string | undefined {
  if (binding === null) {
    const main = createRequire(import.meta.url).resolve('better-sqlite3');
    const addon = path.join(path.dirname(main), '..', 'build', 'Release', 'better_sqlite3.node');
    binding = existsSync(addon) ? addon : undefined;
  }
  return binding;
}
