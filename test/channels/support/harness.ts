/**
 * Test harness: the real createApp (temp data dir, the bundled knowledge
 * folder or a given one, a settable clock) behind the real startServer, with
 * a fake Slack Web API and signed-request helpers. Loopback only.
 */
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, type AppOptions, createApp } from '../../../src/app.js';
import { readEnv } from '../../../src/config/env.js';
import { parseIsoInZone } from '../../../src/core/time.js';
import type { RegisterEntry } from '../../../src/core/types.js';
import { createLogger } from '../../../src/logger.js';
import { openRegister } from '../../../src/register/index.js';
import { type RunningServer, type ServerOptions, startServer } from '../../../src/server/index.js';
import { type FakeSlackApi, startFakeSlackApi } from './fakeSlackApi.js';

export const SEED_DIR = path.resolve(import.meta.dirname, '../../../knowledge');
export const SEED_ID = 'af-2025-0108-8097';
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const ZONE = 'Europe/Stockholm';

export class SettableClock {
  at: Date;
  constructor(local: string) {
    this.at = parseIsoInZone(local, ZONE);
  }
  set(local: string): void {
    this.at = parseIsoInZone(local, ZONE);
  }
  now(): Date {
    return new Date(this.at);
  }
}

export interface HarnessOptions {
  /** Local Stockholm time the clock shows. */
  now?: string;
  slack?: boolean;
  env?: Record<string, string>;
  knowledgeDir?: string;
  users?: Record<string, string>;
  server?: Omit<ServerOptions, 'port' | 'host'>;
  wrapComposer?: AppOptions['wrapComposer'];
  /** Pauses between tries to record a bot answer (default: the app's). */
  recordRetryDelaysMs?: AppOptions['recordRetryDelaysMs'];
  /** Share a data dir (and so the SQLite register) with another harness: two instances. */
  dataDir?: string;
  /** Share the fake Slack Web API with another harness. */
  slackApi?: FakeSlackApi;
  /** Socket Mode: where the fake apps.connections.open points (set SLACK_APP_TOKEN in env too). */
  socketUrl?: string;
  /** Called with the app before the server starts (e.g. to hold an index build). */
  beforeStart?: (app: App) => void;
}

export interface Harness {
  app: App;
  server: RunningServer;
  url: string;
  clock: SettableClock;
  dataDir: string;
  slackApi: FakeSlackApi | null;
  logLines: string[];
  /** Closes the server (drains answers in flight), then reads the register from disk. */
  closeAndReadRegister(): Promise<RegisterEntry[]>;
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'avropsbot-channels-'));
  const ownApi = !opts.slackApi;
  const slackApi =
    opts.slack === false ? null : (opts.slackApi ?? (await startFakeSlackApi(opts.users ?? { U123: 'Anna Svensson' })));
  if (slackApi && opts.socketUrl) slackApi.socketUrl = opts.socketUrl;
  const env = readEnv({
    LOG_LEVEL: 'debug',
    ...(slackApi
      ? { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slackApi.url }
      : {}),
    ...opts.env,
  });
  const clock = new SettableClock(opts.now ?? '2026-01-26T10:00');
  const logLines: string[] = [];
  const logger = createLogger('debug', (line) => {
    logLines.push(line);
  });
  const app = await createApp({
    env,
    knowledgeDir: opts.knowledgeDir ?? SEED_DIR,
    dataDir,
    logger,
    clock,
    ...(opts.wrapComposer ? { wrapComposer: opts.wrapComposer } : {}),
    ...(opts.recordRetryDelaysMs ? { recordRetryDelaysMs: opts.recordRetryDelaysMs } : {}),
  });
  opts.beforeStart?.(app);
  const server = await startServer(app, { port: 0, host: '127.0.0.1', ...opts.server });
  let closed = false;
  const closeServer = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  return {
    app,
    server,
    url: server.url,
    clock,
    dataDir,
    slackApi,
    logLines,
    async closeAndReadRegister() {
      await closeServer();
      const register = await openRegister({ dataDir, logger });
      try {
        return await register.list();
      } finally {
        await register.close();
      }
    },
    async close() {
      await closeServer();
      if (ownApi) await slackApi?.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:ts:body"). */
export function slackSignature(secret: string, ts: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export interface SlackPost {
  status: number;
  body: string;
  ms: number;
}

export async function postSlack(
  url: string,
  body: string,
  opts: { contentType?: string; ts?: number; secret?: string; signature?: string; retryNum?: number } = {},
): Promise<SlackPost> {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': opts.contentType ?? 'application/json',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': opts.signature ?? slackSignature(opts.secret ?? SIGNING_SECRET, ts, body),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = performance.now();
  const res = await fetch(`${url}/slack/events`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

let seq = 0;
const nextTs = () => `${1_769_418_000 + ++seq}.${String(seq).padStart(6, '0')}`;

/** The Events API envelope around one event, as Slack posts it. */
function envelope(eventId: string, event: Record<string, unknown>) {
  return {
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event,
  };
}

export function mentionEvent(p: { eventId: string; text: string; user?: string; channel?: string; threadTs?: string }) {
  const ts = nextTs();
  return envelope(p.eventId, {
    type: 'app_mention',
    user: p.user ?? 'U123',
    text: `<@UBOT> ${p.text}`,
    ts,
    channel: p.channel ?? 'C100',
    event_ts: ts,
    ...(p.threadTs ? { thread_ts: p.threadTs } : {}),
  });
}

export function dmEvent(p: {
  eventId: string;
  text: string;
  user?: string;
  channel?: string;
  extra?: Record<string, unknown>;
}) {
  const ts = nextTs();
  return envelope(p.eventId, {
    type: 'message',
    channel_type: 'im',
    user: p.user ?? 'U123',
    text: p.text,
    ts,
    channel: p.channel ?? 'D100',
    event_ts: ts,
    ...p.extra,
  });
}

/** A knowledge dir with the seed call-off and a second one (for choosing between call-offs). */
export function twoCallOffKnowledge(secondChannels: string[] = ['CMAPPED']): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-knowledge-'));
  cpSync(path.join(SEED_DIR, SEED_ID), path.join(dir, SEED_ID), { recursive: true });
  const second = path.join(dir, 'af-test-second');
  mkdirSync(second);
  writeFileSync(
    path.join(second, 'call-off.json'),
    JSON.stringify({
      id: 'af-test-second',
      reference: 'Af-2099/0001',
      title: 'Avrop för testkonsulter',
      buyer: 'Testmyndigheten',
      timezone: ZONE,
      questionDeadline: '2026-03-01',
      slackChannels: secondChannels,
      teamsConversations: ['19:mapped@thread.tacv2'],
    }),
  );
  writeFileSync(
    path.join(second, 'avrop.txt'),
    [
      '1 Inledning',
      'Testmyndigheten avropar konsulter för test av programvara.',
      '2 Tidsplan',
      '2.1 Sista anbudsdag',
      'Anbud ska ha kommit in senast 2026-03-10.',
      '2.2 Avtalsperiod',
      'Avtalet gäller i tolv månader från tecknandet.',
    ].join('\n'),
  );
  return dir;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
