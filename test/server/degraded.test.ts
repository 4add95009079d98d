/**
 * `serve` degrades instead of dying: Slack unreachable at start-up leaves
 * Teams and /admin running, /readyz names Slack as down, and the connection
 * is retried until Slack answers again; a port in use is a Swedish
 * configuration error (exit 2) naming the port; `GET /` leads to /admin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from '../channels/support/fakeSlackApi.js';
import { type Harness, mentionEvent, postSlack, SEED_DIR, startHarness, until } from '../channels/support/harness.js';
import { runCli } from '../helpers/cli.js';

let h: Harness | null = null;
let api: FakeSlackApi | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
  await api?.close();
  api = null;
});

interface Ready {
  status: string;
  reasons: string[];
  building: string[];
  channels: Record<string, string>;
}

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as Ready };
};

describe('Slack unreachable at start-up', () => {
  it('starts anyway: Teams and /admin answer, /readyz says Slack is down, and Slack is retried until it answers', async () => {
    api = await startFakeSlackApi({ U123: 'Anna Svensson' });
    api.down = true;
    h = await startHarness({
      slackApi: api,
      env: { TEAMS_ALLOW_UNAUTHENTICATED: '1' },
      server: { slackRetry: { initialDelayMs: 50, maxDelayMs: 200 } },
    });

    // Up and serving the other channels.
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.url}/admin`)).status).not.toBe(404);
    const teams = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message",',
    });
    // Reached the Teams route (a malformed body is the caller's fault), not a dead server.
    expect(teams.status).toBe(400);

    const down = await readyz(h.url);
    expect(down.status).toBe(503);
    expect(down.body.channels).toMatchObject({ slack: 'down', teams: 'up' });
    expect(down.body.reasons.join(' ')).toContain('Slack kan inte nås');
    // Until Slack is connected, its deliveries are refused so that Slack sends them again later.
    const early = await postSlack(h.url, JSON.stringify(mentionEvent({ eventId: 'EvEarly', text: 'Hej?' })));
    expect(early.status).toBe(503);

    // Retried with backoff: several auth.test calls while down.
    await until(() => api!.calls.filter((c) => c.method === 'auth.test').length >= 6, 20_000, 'retries');
    const log = h.logLines.map((l) => JSON.parse(l) as { msg: string; level: string });
    expect(log.some((l) => l.level === 'error' && l.msg.includes('slack unreachable'))).toBe(true);

    api.down = false;
    await until(async () => (await readyz(h!.url)).body.channels.slack === 'up', 20_000, 'slack up');
    await until(async () => (await readyz(h!.url)).status === 200, 60_000, 'ready');

    const ack = await postSlack(
      h.url,
      JSON.stringify(mentionEvent({ eventId: 'EvAfter', text: 'När är sista dag för frågor?' })),
    );
    expect(ack.status).toBe(200);
    const [post] = await api.waitFor('chat.postMessage', 1, 30_000);
    expect(String(post?.args.text)).toContain('kvittonummer F-0001');
  }, 120_000);

  it('a Slack that does not answer at all does not hold up start-up, and is connected once it answers', async () => {
    api = await startFakeSlackApi({ U123: 'Anna Svensson' });
    api.hang = true;
    h = await startHarness({
      slackApi: api,
      server: { slackRetry: { initialDelayMs: 50, maxDelayMs: 200, firstAttemptMs: 200 } },
    });
    // Listening although auth.test has had no answer.
    expect(api.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const waiting = await readyz(h.url);
    expect(waiting.body.channels.slack).toBe('down');
    expect(waiting.body.reasons.join(' ')).toContain('Slack svarar inte än');

    api.hang = false;
    await until(async () => (await readyz(h!.url)).body.channels.slack === 'up', 30_000, 'slack up');
    const ack = await postSlack(h.url, JSON.stringify(mentionEvent({ eventId: 'EvLate', text: 'Hej?' })));
    expect(ack.status).toBe(200);
  }, 120_000);

  it('a token Slack refuses is still a start-up error', async () => {
    api = await startFakeSlackApi();
    const real = api;
    // A Web API that answers every call ok:false: Slack was reached and refused, not unreachable.
    const refusing = { ...real, url: `${real.url.replace(/\/api\/$/, '')}/refuse/` };
    await expect(startHarness({ slackApi: refusing })).rejects.toThrow(/SLACK_BOT_TOKEN kunde inte verifieras/);
  });
});

describe('routes and ports', () => {
  it('GET / sends a browser to /admin', async () => {
    h = await startHarness({ slack: false });
    const res = await fetch(`${h.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin');
  });

  it('a port in use: serve exits 2 with a Swedish message naming the port', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    const port = (holder.address() as { port: number }).port;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-port-'));
    try {
      const result = await runCli(['--knowledge', SEED_DIR, '--data-dir', dataDir, 'serve', '--port', String(port)], {
        env: { LOG_LEVEL: 'error' },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Port ${port} används redan`);
      expect(result.stderr).not.toMatch(/Internt fel|EADDRINUSE/);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
