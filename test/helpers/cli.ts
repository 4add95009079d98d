// Runs the real CLI in a child process (through tsx, so it always runs the current sources;
// CLI_UNDER_TEST runs a build instead).
import { spawn } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * What runs: the sources through tsx, or with CLI_UNDER_TEST=dist/cli.js a build (the bundled
 * CLI that `npm run build` makes, with its code cache), so the same tests can check a build.
 */
const entry = process.env.CLI_UNDER_TEST
  ? [path.resolve(repoRoot, process.env.CLI_UNDER_TEST)]
  : ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts')];

export function runCli(
  args: string[],
  opts: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: opts.cwd ?? repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
