// Runs `avropsbot serve` as a real child process (through tsx, on the current sources),
// so a test can kill it with SIGKILL mid-work and start another one on the same register.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './cli.js';

export interface ServeProcess {
  url: string;
  pid: number;
  /** Log lines (JSON) printed so far. */
  log: string[];
  /** SIGKILL: no shutdown, no drain. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown (answers in flight are finished). */
  stop(): Promise<number | null>;
}

export async function startServe(opts: {
  knowledgeDir: string;
  dataDir: string;
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<ServeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'src/cli.ts'),
      '--knowledge',
      opts.knowledgeDir,
      '--data-dir',
      opts.dataDir,
      'serve',
      '--port',
      '0',
    ],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...opts.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const log: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let buffer = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not start:\n${log.join('\n')}`)),
      opts.timeoutMs ?? 60_000,
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        log.push(line);
        const m = /"msg":"server: listening".*"url":"([^"]+)"/.exec(line);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
        nl = buffer.indexOf('\n');
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening:\n${log.join('\n')}`));
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    log,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
