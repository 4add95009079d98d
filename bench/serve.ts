/**
 * `serve` with 50 call-offs, as an operator runs it: the compiled CLI (or the
 * sources through tsx with --runner tsx) in its own process, an empty data
 * folder, Slack over HTTP against the fake Slack Web API on 127.0.0.1.
 *
 * 1. While the 50 indexes are built (in the build worker, one at a time), a
 *    probe every 100 ms alternates GET /readyz and a signed Slack app_mention
 *    (a real question, to a call-off chosen round-robin): the latency of
 *    /readyz and of the Slack ack, until /readyz answers 200.
 * 2. The server's resident memory (VmRSS from /proc) once ready.
 * 3. 200 questions spread over the 50 call-offs (4 each, 10 in flight at a
 *    time), every reply awaited; the resident memory again, and its peak.
 *
 * Call-offs: the seed and the call-offs under test/fixtures/callOffs (real
 * PDFs and Word documents), repeated under new ids up to 50, each with its own
 * Slack channel and a question deadline far ahead.
 *
 * Run: node --import tsx bench/serve.ts [--runner dist|tsx] [--call-offs 50] [--questions 200]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeSlackApi } from '../test/channels/support/fakeSlackApi.js';

const { values } = parseArgs({
  options: {
    runner: { type: 'string', default: 'dist' },
    'call-offs': { type: 'string', default: '50' },
    questions: { type: 'string', default: '200' },
    /** A folder from an earlier --keep-app run (dist/cli.js inside): skips the compile. */
    app: { type: 'string' },
    'keep-app': { type: 'boolean', default: false },
    /** What probes the Slack ack while building: real questions, or url_verification (registers nothing). */
    probe: { type: 'string', default: 'question' },
    /** AVROPSBOT_INDEX_CACHE for the server: how many indexes it keeps in memory. */
    cache: { type: 'string' },
  },
});
const RUNNER = values.runner === 'tsx' ? 'tsx' : 'dist';
const CALL_OFFS = Number(values['call-offs']);
const QUESTIONS = Number(values.questions);
const SECRET = 'bench-signing-secret-0123456789abcdef';
const PROBE_EVERY_MS = 100;
const IN_FLIGHT = 10;

const repo = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bench-serve-'));

const ASKED = [
  'När är sista dag för frågor?',
  'Hur länge gäller avtalet?',
  'Vilka krav ställs på konsulten?',
  'Hur ska anbudet lämnas in?',
  'Vilket pris ska anges?',
  'Får vi lämna flera konsulter?',
  'Hur utvärderas anbuden?',
  'Krävs referensuppdrag?',
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const f = (v: number) => Number(v.toFixed(1));
  return { n: s.length, p50: f(percentile(s, 50)), p99: f(percentile(s, 99)), max: f(s.at(-1) ?? Number.NaN) };
}

/** The call-off folders to copy: the seed and every fixture call-off with a call-off.json. */
function sourceCallOffs(): string[] {
  const fixtures = path.join(repo, 'test/fixtures/callOffs');
  const dirs = readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(fixtures, d.name, 'call-off.json')))
    .map((d) => path.join(fixtures, d.name))
    .sort();
  return [path.join(repo, 'knowledge/af-2025-0108-8097'), ...dirs];
}

function makeKnowledge(): string {
  const knowledge = path.join(tmp, 'knowledge');
  mkdirSync(knowledge);
  const sources = sourceCallOffs();
  for (let i = 0; i < CALL_OFFS; i++) {
    const dir = path.join(knowledge, `bench-${String(i).padStart(2, '0')}`);
    cpSync(sources[i % sources.length]!, dir, { recursive: true });
    const config = JSON.parse(readFileSync(path.join(dir, 'call-off.json'), 'utf8'));
    writeFileSync(
      path.join(dir, 'call-off.json'),
      JSON.stringify({
        ...config,
        id: path.basename(dir),
        questionDeadline: '2099-12-31',
        slackChannels: [channelOf(i)],
      }),
    );
  }
  return knowledge;
}

const channelOf = (i: number) => `CB${String(i).padStart(2, '0')}`;

/** The compiled CLI in a scratch folder laid out like the repository (../package.json, ../models). */
function buildDist(): string {
  if (values.app) return path.join(values.app, 'dist/cli.js');
  const out = values['keep-app'] ? mkdtempSync(path.join(os.tmpdir(), 'avropsbot-bench-app-')) : path.join(tmp, 'app');
  if (values['keep-app']) console.error(`compiled app kept in ${out} (reuse with --app ${out})`);
  mkdirSync(out, { recursive: true });
  const started = performance.now();
  try {
    execFileSync(
      process.execPath,
      [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', `${out}/dist`],
      { cwd: repo, stdio: 'pipe' },
    );
  } catch (err) {
    // Type errors in work in progress elsewhere in the tree still emit JavaScript.
    if (!existsSync(path.join(out, 'dist/cli.js'))) throw err;
  }
  copyFileSync(path.join(repo, 'package.json'), path.join(out, 'package.json'));
  for (const link of ['node_modules', 'models', 'prompts']) {
    if (existsSync(path.join(repo, link))) symlinkSync(path.join(repo, link), path.join(out, link));
  }
  console.error(`compiled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return path.join(out, 'dist/cli.js');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function memory(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: Number((kb('VmRSS') / 1024).toFixed(1)), peakMiB: Number((kb('VmHWM') / 1024).toFixed(1)) };
}

/** The resident memory of the server and its children (the index build process) together. */
function treeRssMiB(pid: number): number {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {}
  let total = memory(pid).rssMiB;
  for (const child of children) {
    try {
      // A child that has just exited has no VmRSS any more.
      const rss = memory(child).rssMiB;
      if (Number.isFinite(rss)) total += rss;
    } catch {
      // Ended between the listing and the read.
    }
  }
  return total;
}

let eventSeq = 0;
function mention(channel: string, text: string): string {
  eventSeq++;
  const ts = `${1_769_418_000 + eventSeq}.${String(eventSeq).padStart(6, '0')}`;
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `EvBench${eventSeq}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event: { type: 'app_mention', user: 'U123', text: `<@UBOT> ${text}`, ts, channel, event_ts: ts },
  });
}

async function postSlack(url: string, body: string): Promise<{ status: number; ms: number }> {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  const res = await fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
    body,
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

async function timed(url: string): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  return { status: res.status, ms: performance.now() - started, body };
}

async function waitForPort(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr()}`);
    try {
      await fetch(`${url}/healthz`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error('serve did not listen within 120 s');
}

async function main(): Promise<void> {
  const knowledge = makeKnowledge();
  const cli = RUNNER === 'dist' ? buildDist() : path.join(repo, 'src/cli.ts');
  const slack = await startFakeSlackApi({ U123: 'Anna Svensson' });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    ...(RUNNER === 'tsx' ? ['--import', 'tsx'] : []),
    cli,
    '--knowledge',
    knowledge,
    '--data-dir',
    path.join(tmp, 'data'),
    'serve',
    '--port',
    String(port),
  ];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: tmp,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmp,
      LOG_LEVEL: 'warn',
      ...(values.cache ? { AVROPSBOT_INDEX_CACHE: values.cache } : {}),
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  try {
    await waitForPort(url, child, () => stderr);
    const listeningS = (performance.now() - started) / 1000;

    // 1. While building.
    const readyMs: number[] = [];
    const ackMs: number[] = [];
    const building: number[] = [];
    let probe = 0;
    let readyAt = Number.NaN;
    let asked = 0;
    const buildStart = performance.now();
    let peakTreeMiB = 0;
    while (performance.now() - buildStart < 600_000) {
      if (probe % 2 === 0) {
        peakTreeMiB = Math.max(peakTreeMiB, treeRssMiB(child.pid!));
        const r = await timed(`${url}/readyz`);
        readyMs.push(r.ms);
        if (r.status === 200) {
          readyAt = (performance.now() - started) / 1000;
          break;
        }
        building.push((JSON.parse(r.body) as { building: string[] }).building.length);
      } else {
        const r = await postSlack(
          url,
          values.probe === 'question'
            ? mention(channelOf(asked % CALL_OFFS), ASKED[asked % ASKED.length]!)
            : JSON.stringify({ token: 'legacy', type: 'url_verification', challenge: `c${probe}` }),
        );
        if (values.probe === 'question') asked++;
        if (r.status !== 200) throw new Error(`Slack ack ${r.status}`);
        ackMs.push(r.ms);
      }
      probe++;
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
    if (Number.isNaN(readyAt)) throw new Error('not ready within 10 minutes');
    await slack.waitFor('chat.postMessage', asked, 120_000);
    const tryAgain = slack.posts().filter((p) => String(p.text).includes('Försök igen om en minut')).length;
    await new Promise((r) => setTimeout(r, 2000));
    const afterStart = memory(child.pid!);

    // 3. 200 questions in rounds of 10, each round's replies awaited before the next.
    const before = asked;
    const questionAck: number[] = [];
    const roundMs: number[] = [];
    for (let i = 0; i < QUESTIONS; i += IN_FLIGHT) {
      const t0 = performance.now();
      const round = Array.from({ length: Math.min(IN_FLIGHT, QUESTIONS - i) }, (_, k) => i + k);
      const acks = await Promise.all(
        round.map((q) => postSlack(url, mention(channelOf(q % CALL_OFFS), ASKED[q % ASKED.length]!))),
      );
      for (const r of acks) {
        if (r.status !== 200) throw new Error(`Slack ack ${r.status}`);
        questionAck.push(r.ms);
      }
      asked += round.length;
      await slack.waitFor('chat.postMessage', asked, 120_000);
      roundMs.push(performance.now() - t0);
    }
    await new Promise((r) => setTimeout(r, 2000));
    const afterQuestions = memory(child.pid!);

    const result = {
      runner: RUNNER,
      callOffs: CALL_OFFS,
      listeningS: Number(listeningS.toFixed(2)),
      readyS: Number(readyAt.toFixed(1)),
      whileBuilding: {
        readyz: stats(readyMs),
        slackAck: stats(ackMs),
        questionsAsked: before,
        toldToTryAgain: tryAgain,
        buildingAtFirstProbe: building[0],
      },
      rssAfterStartMiB: afterStart.rssMiB,
      questions: QUESTIONS,
      questionAck: stats(questionAck),
      roundOf10: stats(roundMs),
      rssAfterQuestionsMiB: afterQuestions.rssMiB,
      peakRssMiB: afterQuestions.peakMiB,
      peakWithBuildProcessMiB: Number(peakTreeMiB.toFixed(1)),
    };
    console.log(JSON.stringify(result, null, 2));
    const ok =
      result.whileBuilding.readyz.p99 < 300 && result.whileBuilding.slackAck.p99 < 300 && afterQuestions.rssMiB < 200;
    if (!ok) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await slack.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
