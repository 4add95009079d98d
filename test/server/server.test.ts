/**
 * The serve process: health and readiness routes, the mounted /admin router,
 * error replies that leak nothing, and a graceful close that finishes an
 * answer in flight before it closes the register. Real createApp, real server.
 */
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { CodedError } from '../../src/core/errors.js';
import type { Composer } from '../../src/core/ports.js';
import { errorHandler } from '../../src/server/index.js';
import { type Harness, mentionEvent, postSlack, startHarness, until } from '../channels/support/harness.js';
import { gate } from '../helpers/gate.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('health routes', () => {
  it('healthz is 200 at once; readyz is 503 with a reason until the index is built, then 200', async () => {
    const hold = gate();
    h = await startHarness({
      slack: false,
      beforeStart: (app) => {
        const real = app.knowledge.prepare.bind(app.knowledge);
        app.knowledge.prepare = async (...args) => {
          await hold.opened;
          return real(...args);
        };
      },
    });
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    const before = await fetch(`${h.url}/readyz`);
    expect(before.status).toBe(503);
    const body = (await before.json()) as { reasons: string[] };
    expect(body.reasons.join(' ')).toContain('af-2025-0108-8097');

    hold.open();
    let last = 0;
    await until(
      async () => {
        last = (await fetch(`${h!.url}/readyz`)).status;
        return last === 200;
      },
      10_000,
      'readyz 200',
    );
    expect(last).toBe(200);
  });

  it('readyz is 503 when the register does not answer', async () => {
    h = await startHarness({ slack: false });
    await until(async () => (await fetch(`${h!.url}/readyz`)).status === 200, 10_000, 'ready');
    h.app.register.published = async () => {
      throw new Error('connect ECONNREFUSED avropsbot:hemligt@10.1.2.3:5432/register');
    };
    const res = await fetch(`${h.url}/readyz`);
    expect(res.status).toBe(503);
    const reasons = ((await res.json()) as { reasons: string[] }).reasons.join(' ');
    expect(reasons).toContain('Frågeregistret');
    // The route is public: connection details stay in the log.
    expect(reasons).not.toMatch(/hemligt|10\.1\.2\.3|ECONNREFUSED/);
  });
});

describe('routing and errors', () => {
  it('mounts /admin, answers unknown routes with 404 and bad JSON with 400, leaking nothing', async () => {
    // Teams without an app id only with the local-testing switch.
    h = await startHarness({ slack: false, env: { TEAMS_ALLOW_UNAUTHENTICATED: '1' } });
    const admin = await fetch(`${h.url}/admin`);
    // No ADMIN_TOKEN in this environment: the admin router refuses, but it is there.
    expect([401, 503]).toContain(admin.status);
    const missing = await fetch(`${h.url}/nope`);
    expect(missing.status).toBe(404);
    const bad = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message",',
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).not.toMatch(/at .*\.js|SyntaxError|node_modules/);
  });

  it('says at start-up which channels are on and warns about a fixed clock', async () => {
    h = await startHarness({ slack: false, env: { AVROPSBOT_NOW: '2026-01-26T10:00' } });
    const lines = h.logLines.map((l) => JSON.parse(l) as { level: string; msg: string; slack?: string });
    expect(lines.find((l) => l.msg === 'server: channels')?.slack).toContain('off');
    expect(lines.find((l) => l.msg.includes('AVROPSBOT_NOW'))?.level).toBe('warn');
  });
});

describe('register outage', () => {
  const ADMIN_TOKEN = 'outage-test-token-0123456789abcdef';
  const outage = () =>
    new CodedError('register_unavailable', 'Frågeregistret kunde inte nås (PostgreSQL db). Inget har sparats.');

  it('a register whose methods throw register_unavailable gives /admin a 503 with Retry-After, in Swedish', async () => {
    h = await startHarness({ slack: false, env: { ADMIN_TOKEN } });
    const register = h.app.register as unknown as Record<string, unknown>;
    const real = { ...register };
    for (const [name, value] of Object.entries(register)) {
      if (typeof value === 'function' && name !== 'close') {
        register[name] = async () => {
          throw outage();
        };
      }
    }
    try {
      for (const route of ['/admin', '/admin/kontroll', '/admin/af-2025-0108-8097']) {
        const res = await fetch(`${h.url}${route}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        expect(res.status, route).toBe(503);
        expect(res.headers.get('retry-after')).toBe('30');
        const text = await res.text();
        expect(text).toContain('Frågeregistret kan inte nås just nu');
        expect(text).not.toContain('PostgreSQL');
      }
      const page = await fetch(`${h.url}/admin`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept: 'text/html' },
      });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('Frågeregistret är inte tillgängligt');
    } finally {
      Object.assign(register, real);
    }
  });

  it('the server-wide error handler answers register_unavailable with 503, Retry-After and no internals', async () => {
    const lines: string[] = [];
    const logger = { error: (msg: string) => lines.push(msg) } as unknown as App['logger'];
    const web = express();
    web.get('/down', () => {
      throw outage();
    });
    web.get('/bug', () => {
      throw new Error('secret detail');
    });
    web.use(errorHandler({ logger } as App));
    const server = web.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const down = await fetch(`${base}/down`);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('30');
      expect(await down.json()).toEqual({
        error: 'register_unavailable',
        message: 'Frågeregistret är inte tillgängligt just nu. Försök igen om en stund.',
      });
      const bug = await fetch(`${base}/bug`);
      expect(bug.status).toBe(500);
      expect(bug.headers.get('retry-after')).toBeNull();
      expect(await bug.text()).not.toContain('secret detail');
      expect(lines).toEqual(['server: register unavailable', 'server: request failed']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('graceful close', () => {
  it('close() while an answer is in flight finishes and posts it, then closes the register', async () => {
    const entered = gate();
    const release = gate();
    h = await startHarness({
      wrapComposer: (inner: Composer): Composer => ({
        compose: async (input) => {
          entered.open();
          await release.opened;
          return inner.compose(input);
        },
      }),
    });
    const ack = await postSlack(
      h.url,
      JSON.stringify(mentionEvent({ eventId: 'EvClose', text: 'När är sista anbudsdag?' })),
    );
    expect(ack.status).toBe(200);
    await entered.opened;

    let closed = false;
    const closing = h.server.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(false);
    // No new connections while draining.
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();

    release.open();
    await closing;
    expect(h.slackApi!.posts()).toHaveLength(1);
    const entries = await h.closeAndReadRegister();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.botAnswer?.status).toBe('answered');
    // The register was closed by close(): using it now fails.
    await expect(h.app.register.list()).rejects.toThrow();
  });
});
