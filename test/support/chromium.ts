/**
 * The Chromium the browser suites drive with playwright-core: CHROMIUM_PATH
 * when set, else Debian's /usr/bin/chromium when present, else the Chromium
 * that the npm package @sparticuz/chromium ships inside the package (unpacked
 * once per version into the temp folder; nothing is downloaded).
 * TEST_CHROMIUM=npm skips Debian's to test the npm one. A missing browser
 * fails the suite naming what to install; it never skips.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const NPM_CHROMIUM = '@sparticuz/chromium';
const INSTALL_HELP =
  "Install Debian's Chromium (`apt-get install chromium`), or run `npm install` (it installs the dev " +
  `dependency ${NPM_CHROMIUM}, which ships a Chromium), or set CHROMIUM_PATH to a Chromium binary.`;

/** Launch flags for a container without a sandbox or much shared memory, and with no network to talk to. */
const ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-gpu',
  '--no-first-run',
];

export interface ChromiumBinary {
  executablePath: string;
  /** Where it came from, for messages: "CHROMIUM_PATH", "Debian" or the npm package. */
  source: string;
  /** Extra environment (the npm build's own libraries and fonts). */
  env: Record<string, string>;
}

let located: Promise<ChromiumBinary> | undefined;

export function locateChromium(): Promise<ChromiumBinary> {
  located ??= locate();
  return located;
}

async function locate(): Promise<ChromiumBinary> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`CHROMIUM_PATH names ${configured}, which does not exist. ${INSTALL_HELP}`);
    return { executablePath: configured, source: 'CHROMIUM_PATH', env: {} };
  }
  const forceNpm = process.env.TEST_CHROMIUM === 'npm';
  if (!forceNpm && existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, source: 'Debian', env: {} };
  return npmChromium(forceNpm);
}

/** The version of an installed package whose exports do not include its package.json. */
function installedVersion(name: string): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (pkg.name === name) return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of ${name}`);
    dir = path.dirname(dir);
  }
}

/**
 * The npm package keeps Chromium brotli-packed and unpacks it into os.tmpdir()
 * under fixed names, which parallel test files would race on. So a child
 * process unpacks it into a folder of its own, which is then renamed into place
 * in one step: the first one done wins, the others use it.
 */
async function npmChromium(forced: boolean): Promise<ChromiumBinary> {
  let version: string;
  try {
    version = installedVersion(NPM_CHROMIUM);
  } catch {
    const why = forced ? 'TEST_CHROMIUM=npm is set' : `${DEBIAN_CHROMIUM} does not exist`;
    throw new Error(
      `No Chromium for the browser tests: ${why} and the npm package ${NPM_CHROMIUM} is not installed. ${INSTALL_HELP}`,
    );
  }
  const dir = path.join(os.tmpdir(), `avropsbot-chromium-${version}`);
  if (!existsSync(path.join(dir, 'chromium'))) {
    const staging = await mkdtemp(`${dir}.unpacking-`);
    try {
      // Outside AWS the package unpacks no libraries; claiming Lambda's runtime makes it
      // unpack the NSS and expat builds Chromium needs, so no system package is needed.
      await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '-e', `(await import('${NPM_CHROMIUM}')).default.executablePath()`],
        {
          cwd: path.resolve(import.meta.dirname, '..', '..'),
          env: { ...process.env, TMPDIR: staging, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' },
        },
      );
      // The package's fonts.conf names Lambda's folders (/tmp/fonts, /opt/fonts): without a font
      // Chromium aborts on its first form control. Point it at the fonts unpacked here.
      await writeFile(
        path.join(staging, 'fonts', 'fonts.conf'),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
          `  <dir>${path.join(dir, 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
      );
      await rename(staging, dir).catch((err: NodeJS.ErrnoException) => {
        if (!existsSync(path.join(dir, 'chromium'))) throw err;
      });
    } catch (err) {
      throw new Error(
        `Could not unpack the Chromium of ${NPM_CHROMIUM} ${version}: ${(err as Error).message}. ${INSTALL_HELP}`,
      );
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  const libs = path.join(dir, 'al2023', 'lib');
  return {
    executablePath: path.join(dir, 'chromium'),
    source: `${NPM_CHROMIUM} ${version}`,
    env: {
      LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: path.join(dir, 'fonts'),
    },
  };
}

export async function launchTestChromium(): Promise<Browser> {
  const binary = await locateChromium();
  try {
    return await chromium.launch({
      executablePath: binary.executablePath,
      args: ARGS,
      ...(Object.keys(binary.env).length > 0 ? { env: { ...process.env, ...binary.env } } : {}),
    });
  } catch (err) {
    throw new Error(
      `Chromium (${binary.source}, ${binary.executablePath}) did not start: ${(err as Error).message}\n${INSTALL_HELP}`,
    );
  }
}
