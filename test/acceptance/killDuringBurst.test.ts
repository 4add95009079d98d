/**
 * Issue 11, defect 1 (write before ack): a real `serve` process is killed with
 * SIGKILL during a burst of signed Slack events, and started again on the same
 * register, SQLite and PostgreSQL. Checks: every delivery that got a 200 is in
 * the register; after the restart every registered question gets exactly one
 * reply; the deliveries Slack sends again (those without a 200) are answered
 * once too, whether the dead process had registered them or not.
 *
 * Deterministic: the kill is triggered by a count of 200s, not by time, and the
 * fake Slack API holds every post before the kill unanswered, so no reply is
 * confirmed to the dead process and every reply is counted after the restart.
 * Teams: the same mechanism with Bot Framework activities and a held connector.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { RegisterEntry } from '../../src/core/types.js';
import { silentLogger } from '../../src/logger.js';
import { openRegister } from '../../src/register/index.js';
import { type FakeConnector, startFakeConnector } from '../channels/support/fakeConnector.js';
import { type FakeSlackApi, startFakeSlackApi } from '../channels/support/fakeSlackApi.js';
import { mentionEvent, SEED_DIR, SIGNING_SECRET, slackSignature, until } from '../channels/support/harness.js';
import { runCli } from '../helpers/cli.js';
import { type ServeProcess, startServe } from '../helpers/serve.js';
import { adminQuery, BASE_URL, withSchema } from '../register/pgServer.js';

const BURST = 30;
/** Killed once this many deliveries have their 200: the rest are in flight or not yet read. */
const KILL_AFTER_ACKS = 8;
const NOW = '2026-01-26T10:00';
const TOPICS = ['sista anbudsdag', 'kontaktperson', 'anbudets giltighet', 'distansarbete', 'ramavtalet', 'signering'];

interface Delivery {
  eventId: string;
  body: string;
  status: number | null;
}

async function post(url: string, body: string, retryNum?: number): Promise<number | null> {
  const ts = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body),
    ...(retryNum ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
  };
  try {
    const res = await fetch(`${url}/slack/events`, { method: 'POST', headers, body });
    await res.arrayBuffer();
    return res.status;
  } catch {
    // The process died with this request open: no answer at all.
    return null;
  }
}

/** The receipt ids a reply names (the receipt line of the blocks and the fallback text). */
const receiptsIn = (args: Record<string, unknown>) => new Set(JSON.stringify(args).match(/F-\d{4}/g) ?? []);

async function readRegister(target: { dataDir: string; databaseUrl?: string }): Promise<RegisterEntry[]> {
  const register = await openRegister({ ...target, logger: silentLogger });
  try {
    const report = await register.verify();
    expect(report.problems).toEqual([]);
    return await register.list();
  } finally {
    await register.close();
  }
}

/** Replies still owed, read behind the register's back. */
async function owedCount(target: { dataDir: string; databaseUrl?: string }): Promise<number> {
  if (!target.databaseUrl) {
    const db = new Database(path.join(target.dataDir, 'register.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM owed_replies').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const schema = new URL(target.databaseUrl).searchParams.get('schema');
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM "${schema}".owed_replies`)).rows[0].n);
  } finally {
    await client.end();
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function backend(kind: 'sqlite' | 'postgres') {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-kill-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  // The index first, so the burst is about taking questions.
  expect((await runCli(['--knowledge', SEED_DIR, '--data-dir', dataDir, 'ingest'])).code).toBe(0);
  if (kind === 'sqlite') return { dataDir, env: {} as Record<string, string> };
  const schema = `kill_test_${randomBytes(6).toString('hex')}`;
  cleanups.push(() => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  const databaseUrl = withSchema(BASE_URL, schema);
  return { dataDir, databaseUrl, env: { DATABASE_URL: databaseUrl } };
}

const local = (s: ServeProcess) => s.url.replace('localhost', '127.0.0.1');

describe.each(['sqlite', 'postgres'] as const)('serve killed with -9 during a Slack burst (%s)', (kind) => {
  it('loses no acked question and replies to every registered one exactly once after the restart', async () => {
    const store = await backend(kind);
    const api: FakeSlackApi = await startFakeSlackApi();
    cleanups.push(() => api.close());
    const env = {
      ...store.env,
      AVROPSBOT_NOW: NOW,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
    };
    const target = { dataDir: store.dataDir, ...(store.databaseUrl ? { databaseUrl: store.databaseUrl } : {}) };

    // Phase 1: posts are held, the process is killed after the first acks.
    api.holdPosts = true;
    const first = await startServe({ knowledgeDir: SEED_DIR, dataDir: store.dataDir, env });
    const deliveries: Delivery[] = Array.from({ length: BURST }, (_, i) => {
      const eventId = `EvKill${kind}${i}`;
      const event = mentionEvent({
        eventId,
        text: `Fråga ${i}: vad gäller för ${TOPICS[i % TOPICS.length]}?`,
        user: `U${1000 + i}`,
        channel: `C${1000 + i}`,
      });
      return { eventId, body: JSON.stringify(event), status: null };
    });
    let acks = 0;
    let killing: Promise<void> | null = null;
    await Promise.all(
      deliveries.map(async (d) => {
        d.status = await post(local(first), d.body);
        if (d.status === 200 && ++acks === KILL_AFTER_ACKS) killing = first.kill();
      }),
    );
    await killing;
    const acked = deliveries.filter((d) => d.status === 200);
    const unacked = deliveries.filter((d) => d.status !== 200);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    // The burst really was cut short.
    expect(unacked.length).toBeGreaterThan(0);

    // Every delivery that got a 200 is in the register.
    const atKill = await readRegister(target);
    const registered = new Set(atKill.map((e) => e.deliveryId));
    for (const d of acked) expect(registered, d.eventId).toContain(`slack:${d.eventId}`);

    // Phase 2: posts are answered; Slack sends again what got no 200, and once more one that did.
    api.holdPosts = false;
    const second = await startServe({ knowledgeDir: SEED_DIR, dataDir: store.dataDir, env });
    const resent = await Promise.all([
      ...unacked.map((d) => post(local(second), d.body, 1)),
      post(local(second), acked[0]!.body, 1),
    ]);
    expect(resent.every((s) => s === 200)).toBe(true);

    const replies = () => api.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args);
    await until(
      async () => {
        const entries = await readRegister(target);
        return entries.length === BURST && replies().length >= BURST;
      },
      120_000,
      'a reply to every question',
    );
    // A graceful stop finishes anything still in flight: nothing more may be posted after it.
    await second.stop();

    const entries = await readRegister(target);
    expect(entries.map((e) => e.deliveryId).sort()).toEqual(deliveries.map((d) => `slack:${d.eventId}`).sort());
    // Receipts without gaps or duplicates.
    expect(entries.map((e) => e.id).sort()).toEqual(entries.map((_, i) => `F-${String(i + 1).padStart(4, '0')}`));
    for (const entry of entries) {
      expect(entry.botAnswer, entry.id).not.toBeNull();
      const to = replies().filter((r) => receiptsIn(r).has(entry.id));
      expect(to, `replies naming ${entry.id}`).toHaveLength(1);
      // Where it was asked: the question's channel, in its thread.
      const asked = JSON.parse(deliveries.find((d) => `slack:${d.eventId}` === entry.deliveryId)!.body);
      expect(to[0]).toMatchObject({ channel: asked.event.channel, thread_ts: asked.event.ts });
    }
    expect(replies()).toHaveLength(BURST);
    expect(await owedCount(target)).toBe(0);
    expect(second.log.some((l) => l.includes('owed replies claimed'))).toBe(true);
  }, 300_000);
});

describe('serve killed with -9 while answering Teams', () => {
  it('answers the registered activity after the restart, exactly once, as a reply to the question', async () => {
    const store = await backend('sqlite');
    const connector: FakeConnector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const env = { AVROPSBOT_NOW: NOW, TEAMS_ALLOW_UNAUTHENTICATED: '1' };
    connector.holdMessages = true;
    const first = await startServe({ knowledgeDir: SEED_DIR, dataDir: store.dataDir, env });
    const activity = (id: string, user: string) => ({
      type: 'message',
      id,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:${user}`, name: 'Anna Svensson', aadObjectId: `aad-${user}` },
      conversation: { id: `a:personal-${user}`, conversationType: 'personal' },
      recipient: { id: '28:avropsbot', name: 'avropsbot' },
      text: 'När är sista anbudsdag?',
    });
    const send = async (url: string, body: unknown) =>
      (
        await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;
    // Acked (200) once registered; the answer is then held at the connector, and the process dies.
    expect(await send(local(first), activity('act-k1', 'u1'))).toBe(200);
    expect(await send(local(first), activity('act-k2', 'u2'))).toBe(200);
    await until(() => connector.held.length >= 2, 60_000, 'answers on their way');
    await first.kill();
    expect((await readRegister({ dataDir: store.dataDir })).map((e) => e.id)).toEqual(['F-0001', 'F-0002']);

    connector.holdMessages = false;
    const second = await startServe({ knowledgeDir: SEED_DIR, dataDir: store.dataDir, env });
    // Teams resends one of them: already being answered by the recovery or answered, so silent.
    expect(await send(local(second), activity('act-k1', 'u1'))).toBe(200);
    await connector.waitForMessages(2, 60_000);
    await second.stop();
    const messages = connector.calls.filter((c) => c.activity.type === 'message');
    expect(messages).toHaveLength(2);
    expect(messages.map((m) => m.path).sort()).toEqual([
      '/v3/conversations/a%3Apersonal-u1/activities/act-k1',
      '/v3/conversations/a%3Apersonal-u2/activities/act-k2',
    ]);
    for (const m of messages) expect(JSON.stringify(m.activity)).toContain('1.12.4');
    const entries = await readRegister({ dataDir: store.dataDir });
    expect(entries.every((e) => e.botAnswer !== null)).toBe(true);
    expect(await owedCount({ dataDir: store.dataDir })).toBe(0);
  }, 300_000);
});
