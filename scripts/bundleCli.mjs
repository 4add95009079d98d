// The second half of `npm run build`, after `tsc`: bundles the compiled CLI (dist/cli.js and
// every module it reaches, dynamic imports included) into dist/cli.bundle.cjs and puts the
// launcher (scripts/cliLauncher.js) in its place as dist/cli.js. tsc's own cli.js stays as
// dist/cli.module.js, and every other compiled module stays where tsc put it: the build
// worker, `node --import tsx` runs and the tests do not use the bundle.
//
// Packages stay outside the bundle (node_modules, required as they are), but for
// better-sqlite3's JavaScript, which every `ask` loads. `import.meta.url`
// and `import.meta.dirname` are rewritten to the module's own place in dist/, so paths
// found from them (models/, prompts/, the build worker) are the same as unbundled.
// Without esbuild (an installation without devDependencies) dist/cli.js stays tsc's.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// BUNDLE_DIST: another build folder (the bundling test makes a small one of its own).
const dist = path.resolve(process.env.BUNDLE_DIST ?? path.join(root, 'dist'));
const entry = path.join(dist, 'cli.js');
const moduleEntry = path.join(dist, 'cli.module.js');
const bundle = path.join(dist, 'cli.bundle.cjs');
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const LAUNCHER_MARK = '// dist/cli.js, written by scripts/bundleCli.mjs';

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  process.stderr.write('bundleCli: esbuild saknas; dist/cli.js körs utan bunt (långsammare start).\n');
  process.exit(0);
}

const launcherSource = readFileSync(path.join(root, 'scripts/cliLauncher.js'), 'utf8');
if (readFileSync(entry, 'utf8').startsWith(LAUNCHER_MARK)) {
  throw new Error('dist/cli.js is already the launcher: run tsc first (npm run build)');
}
renameSync(entry, moduleEntry);
if (existsSync(`${entry}.map`)) {
  renameSync(`${entry}.map`, `${moduleEntry}.map`);
  const compiled = readFileSync(moduleEntry, 'utf8');
  writeFileSync(
    moduleEntry,
    compiled.replace('//# sourceMappingURL=cli.js.map', '//# sourceMappingURL=cli.module.js.map'),
  );
}

/** Each module's import.meta, as it would be at its own path in dist/ (the bundle sits in dist/). */
const importMetaInDist = {
  name: 'import-meta-in-dist',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      const rel = JSON.stringify(path.relative(dist, args.path).split(path.sep).join('/'));
      const contents = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', `__moduleUrl(${rel})`)
        .replaceAll('import.meta.dirname', `__moduleDir(${rel})`);
      return { contents, loader: 'js' };
    });
  },
};

/**
 * better-sqlite3's JavaScript goes into the bundle too (every `ask` opens the register, and its
 * 17 small files otherwise cost a resolve, a package.json read and a compile each); its addon
 * is required by path (src/register/sqlite/nativeBinding.ts), never through `bindings`.
 */
const bundledPackages = {
  name: 'bundled-packages',
  setup(build) {
    build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: requireFromRoot.resolve('better-sqlite3') }));
  },
};

await esbuild.build({
  entryPoints: [moduleEntry],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  plugins: [bundledPackages, importMetaInDist],
  banner: {
    js: [
      '"use strict";',
      "const __modulePath = (rel) => require('node:path').join(__dirname, rel);",
      "const __moduleUrl = (rel) => require('node:url').pathToFileURL(__modulePath(rel)).href;",
      "const __moduleDir = (rel) => require('node:path').dirname(__modulePath(rel));",
    ].join('\n'),
  },
});

const hash = createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 16);
writeFileSync(entry, launcherSource.replace('@BUNDLE_HASH@', hash));
// Caches made from an earlier bundle are never valid again.
rmSync(path.join(dist, '.v8-cache'), { recursive: true, force: true });
