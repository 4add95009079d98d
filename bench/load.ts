/**
 * Load benchmark for `serve`'s Slack path: 200 concurrent signed app_mention
 * events, half of them retried (same event_id, X-Slack-Retry-Num) while the
 * first delivery is still being answered, against the real server (real
 * createApp, SQLite register, Bolt, fake Slack Web API on 127.0.0.1) with the
 * answer step slowed to 5 s (AppOptions.wrapComposer). Checks that every
 * delivery is acked under Slack's 3 s, and that there are exactly 200 register
 * entries and 200 replies, one per thread. Loopback only; stops by itself.
 *
 * While it runs, a probe (a signed url_verification every 50 ms, which passes
 * the same receiver and signature check but registers nothing) measures how
 * long a new delivery would wait, also while the 200 answers come back.
 *
 * Run: node --import tsx bench/load.ts [--events 200] [--slow-ms 5000] [--delay-at after|before]
 *   --delay-at after (default): the 5 s wait follows the real composer, as an
 *   LLM's network wait follows retrieval; before: the real composing of all
 *   answers happens at once when the 5 s are up (a harsher reply wave).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createApp } from '../src/app.js';
import { readEnv } from '../src/config/env.js';
import type { Composer } from '../src/core/ports.js';
import { parseIsoInZone } from '../src/core/time.js';
import { createLogger } from '../src/logger.js';
import { openRegister } from '../src/register/index.js';
import { startServer } from '../src/server/index.js';
import { startFakeSlackApi } from '../test/channels/support/fakeSlackApi.js';
import { mentionEvent, SIGNING_SECRET } from '../test/channels/support/harness.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200' },
    'slow-ms': { type: 'string', default: '5000' },
    'delay-at': { type: 'string', default: 'after' },
  },
});
const EVENTS = Number(values.events);
const SLOW_MS = Number(values['slow-ms']);
const DELAY_AT = values['delay-at'] === 'before' ? 'before' : 'after';
const HARD_LIMIT_MS = 120_000;
const PROBE_EVERY_MS = 50;

const QUESTIONS = [
  'När är sista anbudsdag?',
  'Hur länge gäller avtalet?',
  'Vilka krav ställs på konsulten?',
  'Hur ska anbudet lämnas in?',
  'Vad händer om priset är för högt?',
];

interface Sent {
  status: number;
  ms: number;
  /** ms after the burst started. */
  at: number;
}

/**
 * The load generator runs in a worker thread with its own event loop, so the
 * measured ack times are the server's, not the client's own queueing. Every
 * event is sent at once; every other one is retried 0-1.5 s later. Probes run
 * until the main thread says stop.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac } = require('node:crypto');
const { url, secret, requests, probeEveryMs } = workerData;
const t0 = performance.now();
function sign(body, retry) {
  const ts = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex'),
  };
  if (retry) { headers['x-slack-retry-num'] = '1'; headers['x-slack-retry-reason'] = 'http_timeout'; }
  return headers;
}
async function send(body, retry) {
  const headers = sign(body, retry);
  const t = performance.now();
  const res = await fetch(url + '/slack/events', { method: 'POST', headers, body });
  await res.text();
  return { status: res.status, ms: performance.now() - t, at: t - t0 };
}
const probes = [];
let probing = true;
(async () => {
  let n = 0;
  while (probing) {
    const body = JSON.stringify({ type: 'url_verification', token: 't', challenge: 'p' + n++ });
    probes.push(await send(body, false));
    await new Promise((r) => setTimeout(r, probeEveryMs));
  }
})();
parentPort.on('message', () => { probing = false; setTimeout(() => parentPort.postMessage({ probes }), 200); });
Promise.all(requests.map(async (r) => {
  if (r.delayMs) await new Promise((res) => setTimeout(res, r.delayMs));
  return send(r.body, r.retry);
})).then((sent) => parentPort.postMessage({ sent }));
`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? Number.NaN;
}

const fmt = (n: number) => Number(n.toFixed(1));
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: fmt(percentile(s, 50)), p99: fmt(percentile(s, 99)), max: fmt(s.at(-1) ?? Number.NaN) };
};

async function main(): Promise<number> {
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench/load: gave up after ${HARD_LIMIT_MS / 1000} s\n`);
    process.exit(1);
  }, HARD_LIMIT_MS);
  watchdog.unref();

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-load-'));
  const users = Object.fromEntries(Array.from({ length: EVENTS }, (_, i) => [`U${i + 1000}`, `Leverantör ${i}`]));
  const api = await startFakeSlackApi(users);
  const logger = createLogger('error');
  const sleep = () => new Promise((r) => setTimeout(r, SLOW_MS));
  const app = await createApp({
    env: readEnv({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: api.url }),
    knowledgeDir: path.resolve(import.meta.dirname, '../knowledge'),
    dataDir,
    logger,
    clock: { now: () => parseIsoInZone('2026-01-26T10:00', 'Europe/Stockholm') },
    wrapComposer: (inner: Composer): Composer => ({
      compose: async (input) => {
        if (DELAY_AT === 'before') await sleep();
        const answer = await inner.compose(input);
        if (DELAY_AT === 'after') await sleep();
        return answer;
      },
    }),
  });
  await app.knowledge.ensureIndex(app.resolveCallOff());
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  const rssBefore = process.memoryUsage().rss;

  // Each event from its own supplier (the per-asker rate limit is not what is measured here).
  const bodies = Array.from({ length: EVENTS }, (_, i) =>
    JSON.stringify(
      mentionEvent({ eventId: `EvLoad${i}`, text: QUESTIONS[i % QUESTIONS.length] ?? '', user: `U${i + 1000}` }),
    ),
  );
  const requests = [
    ...bodies.map((body) => ({ body, retry: false, delayMs: 0 })),
    ...bodies.filter((_, i) => i % 2 === 0).map((body, k) => ({ body, retry: true, delayMs: (k * 15) % 1500 })),
  ];
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = performance.now();
  const worker = new Worker(CLIENT, {
    eval: true,
    workerData: { url: server.url, secret: SIGNING_SECRET, requests, probeEveryMs: PROBE_EVERY_MS },
  });
  const sent = await new Promise<Sent[]>((resolve, reject) => {
    worker.on('message', (m: { sent?: Sent[] }) => m.sent && resolve(m.sent));
    worker.once('error', reject);
  });
  const ackedAll = performance.now() - started;

  await api.waitFor('chat.postMessage', EVENTS, 60_000);
  const repliedAll = performance.now() - started;
  const rssPeak = process.memoryUsage().rss;
  loopDelay.disable();
  const probes = await new Promise<Sent[]>((resolve) => {
    worker.on('message', (m: { probes?: Sent[] }) => m.probes && resolve(m.probes));
    worker.postMessage('stop');
  });
  await worker.terminate();
  // Let any (wrong) second reply arrive, then drain and close.
  await new Promise((r) => setTimeout(r, 1000));
  await server.close();
  const register = await openRegister({ dataDir, logger });
  const entries = await register.list();
  await register.close();
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });

  const first = sent.slice(0, EVENTS);
  const retried = sent.slice(EVENTS);
  const non200 = sent.filter((r) => r.status !== 200).length + probes.filter((p) => p.status !== 200).length;
  const posts = api.posts().length;
  const distinctThreads = new Set(api.posts().map((p) => p.thread_ts)).size;
  const ackMax = Math.max(...sent.map((r) => r.ms));
  const results = {
    events: EVENTS,
    deliveries: sent.length,
    slowMs: SLOW_MS,
    delayAt: DELAY_AT,
    non200,
    ackMs: stats(sent.map((r) => r.ms)),
    ackFirstMs: stats(first.map((r) => r.ms)),
    ackRetryMs: stats(retried.map((r) => r.ms)),
    probeMs: {
      duringBurst: stats(probes.filter((p) => p.at < ackedAll).map((p) => p.ms)),
      duringReplies: stats(probes.filter((p) => p.at >= ackedAll).map((p) => p.ms)),
    },
    allAckedAfterMs: fmt(ackedAll),
    allRepliedAfterMs: fmt(repliedAll),
    eventLoopDelayMs: { p99: fmt(loopDelay.percentile(99) / 1e6), max: fmt(loopDelay.max / 1e6) },
    registerEntries: entries.length,
    replies: posts,
    distinctThreadsReplied: distinctThreads,
    rssMiB: { before: Math.round(rssBefore / 2 ** 20), afterReplies: Math.round(rssPeak / 2 ** 20) },
  };
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

  const ok =
    non200 === 0 && ackMax < 3000 && entries.length === EVENTS && posts === EVENTS && distinctThreads === EVENTS;
  process.stdout.write(ok ? 'OK\n' : 'FAILED\n');
  clearTimeout(watchdog);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`bench/load: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
