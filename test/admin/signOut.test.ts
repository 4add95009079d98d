/**
 * Sign-out holds on every instance: two apps over one register database
 * (SQLite in a shared data dir, and PostgreSQL in a fresh schema at
 * TEST_DATABASE_URL), each with its own admin router and so its own memory,
 * as two instances behind a load balancer have. A restart is a third app on
 * the same database with empty memory.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminQuery, BASE_URL, startRelay, withSchema } from '../register/pgServer.js';
import { ADMIN_TOKEN, type AdminHarness, type AdminHarnessOptions, startAdminHarness } from './fixture.js';
import { csrfOf, FormClient, visibleText } from './httpClient.js';

interface SharedDatabase {
  /** Options for one more instance on this database. */
  instance(): AdminHarnessOptions;
  /** An instance whose way to the database can be broken. */
  breakable(): Promise<{ h: AdminHarness; breakDatabase(): Promise<void> }>;
  dispose(): Promise<void>;
}

/** What a script (no Accept: text/html) gets for the queue with just this cookie. */
async function statusWith(h: AdminHarness, cookie: string | null): Promise<number> {
  const res = await fetch(`${h.origin}/admin/`, { headers: { cookie: cookie ?? '' }, redirect: 'manual' });
  await res.text();
  return res.status;
}

async function signedIn(h: AdminHarness): Promise<FormClient> {
  const browser = new FormClient(h.origin);
  expect((await browser.signIn(ADMIN_TOKEN)).res.status).toBe(303);
  return browser;
}

function signOutContract(name: string, makeDatabase: () => Promise<SharedDatabase>): void {
  describe(`admin sign-out across instances: ${name}`, () => {
    let db: SharedDatabase;
    const running = new Set<AdminHarness>();
    const start = async (opts: AdminHarnessOptions) => {
      const h = await startAdminHarness(opts);
      running.add(h);
      return h;
    };
    const stop = async (h: AdminHarness) => {
      running.delete(h);
      await h.close();
    };

    beforeEach(async () => {
      db = await makeDatabase();
    });
    afterEach(async () => {
      for (const h of [...running]) await stop(h);
      await db.dispose();
    });

    it('a cookie signed out on A is refused by B and by A after a restart; other sessions keep working', async () => {
      const a = await start(db.instance());
      const b = await start(db.instance());
      const leaving = await signedIn(a);
      const staying = await signedIn(a);
      const onB = await signedIn(b);
      // The copy left behind: another tab, another browser, or a copied cookie.
      const copy = leaving.cookie;
      expect(await statusWith(b, copy)).toBe(200);

      const csrf = csrfOf((await leaving.get('/admin/')).text);
      const out = await leaving.post('/admin/logga-ut', { _csrf: csrf });
      expect(out.res.status).toBe(303);
      expect(out.res.headers.get('location')).toBe('/admin/logga-in?utloggad=1');
      expect(leaving.cookie).toBeNull();

      expect(await statusWith(a, copy)).toBe(401);
      expect(await statusWith(b, copy)).toBe(401);
      // A browser on B is sent to sign in, and the sign-in page shows its form (no redirect loop).
      const browserOnB = new FormClient(b.origin);
      browserOnB.cookie = copy;
      const page = await browserOnB.get('/admin/');
      expect(page.res.status).toBe(303);
      expect(page.res.headers.get('location')).toMatch(/^\/admin\/logga-in\?next=/);
      const form = await browserOnB.get('/admin/logga-in');
      expect(form.res.status).toBe(200);
      expect(form.text).toContain('<label for="token">');

      await stop(a);
      const restarted = await start(db.instance());
      expect(await statusWith(restarted, copy)).toBe(401);
      expect(await statusWith(restarted, staying.cookie)).toBe(200);
      expect(await statusWith(b, staying.cookie)).toBe(200);
      expect(await statusWith(restarted, onB.cookie)).toBe(200);
      expect((await onB.get('/admin/')).res.status).toBe(200);
    });

    it('an unreachable database: a Swedish 503 and no page for a signed-in cookie; sign-out still clears it', async () => {
      const { h, breakDatabase } = await db.breakable();
      const browser = await signedIn(h);
      const queue = await browser.get('/admin/');
      expect(queue.res.status).toBe(200);
      const title = h.app.callOffs[0]!.title;
      expect(visibleText(queue.text)).toContain(title);
      const csrf = csrfOf(queue.text);
      // A page that reads nothing from the register: only the sign-out check needs the database.
      expect((await browser.get('/admin/finns-inte')).res.status).toBe(404);

      await breakDatabase();
      const refused = await browser.get('/admin/');
      expect(refused.res.status).toBe(503);
      expect(refused.res.headers.get('retry-after')).toBe('30');
      expect(visibleText(refused.text)).toContain('kan inte nås just nu');
      expect(visibleText(refused.text)).not.toContain(title);
      expect(refused.text).not.toContain('name="_csrf"');
      const unknown = await browser.get('/admin/finns-inte');
      expect(unknown.res.status).toBe(503);
      expect(visibleText(unknown.text)).toContain('kan inte nås just nu');
      const script = await fetch(`${h.origin}/admin/`, { headers: { cookie: browser.cookie ?? '' } });
      expect(script.status).toBe(503);
      expect(await script.text()).toContain('kan inte nås just nu');

      // Signing out needs no read: the cookie goes, and the buyer is told it holds in this browser only.
      const out = await browser.post('/admin/logga-ut', { _csrf: csrf });
      expect(out.res.status).toBe(503);
      expect(browser.lastSetCookie[0]).toMatch(/Max-Age=0/);
      expect(browser.cookie).toBeNull();
      expect(visibleText(out.text)).toContain('Du är utloggad i den här webbläsaren');
      expect(visibleText(out.text)).toContain('utloggningen är inte sparad');
    });
  });
}

signOutContract('SQLite', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-signout-'));
  const cleanup: (() => Promise<void>)[] = [];
  return {
    instance: () => ({ dataDir }),
    async breakable() {
      const h = await startAdminHarness({ dataDir });
      cleanup.push(() => h.close());
      // The connection is gone under the running app; closing it again on shutdown is a no-op.
      return { h, breakDatabase: () => h.app.register.close() };
    },
    async dispose() {
      for (const c of cleanup) await c();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

signOutContract('PostgreSQL', async () => {
  const schema = `signout_test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withSchema(BASE_URL, schema);
  const cleanup: (() => Promise<void>)[] = [];
  return {
    instance: () => ({ databaseUrl }),
    async breakable() {
      const relay = await startRelay();
      const u = new URL(databaseUrl);
      u.hostname = '127.0.0.1';
      u.port = String(relay.port);
      const h = await startAdminHarness({ databaseUrl: u.toString() });
      cleanup.push(async () => {
        await h.close();
        await relay.cut().catch(() => undefined);
      });
      return { h, breakDatabase: () => relay.cut() };
    },
    async dispose() {
      for (const c of cleanup) await c();
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
});
