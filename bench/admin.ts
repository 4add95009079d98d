/**
 * The buyer's page: server-side render latency and page size of the queue,
 * one question, the FAQ preview and a PDF download, for registers of
 * different sizes, against the real App (SQLite register) over HTTP on
 * 127.0.0.1; the cost of the signed session cookie; and memory under a
 * sign-in-form flood.
 * Run: node --import tsx bench/admin.ts   Env: BENCH_SIZES (default "100,1000"), BENCH_REPS (default 40).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { createAdminRouter } from '../src/admin/router.js';
import { SessionStore } from '../src/admin/sessions.js';
import { createApp } from '../src/app.js';
import { readEnv } from '../src/config/env.js';
import { parseIsoInZone } from '../src/core/time.js';
import { createLogger } from '../src/logger.js';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 40);
const TOKEN = 'bench-admin-token-0123456789';
const KNOWLEDGE = path.resolve(import.meta.dirname, '..', 'knowledge');
const auth = { authorization: `Bearer ${TOKEN}` };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function timed(url: string, reps: number): Promise<{ p50: number; p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < reps; i += 1) {
    const t = performance.now();
    const res = await fetch(url, { headers: auth });
    const body = await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    bytes = body.byteLength;
  }
  return { p50: pct(times, 50), p95: pct(times, 95), bytes };
}

async function runSize(n: number): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-admin-'));
  const now = parseIsoInZone('2026-01-26T10:00', 'Europe/Stockholm');
  const app = await createApp({
    env: readEnv({ ADMIN_TOKEN: TOKEN }),
    knowledgeDir: KNOWLEDGE,
    dataDir,
    logger: createLogger('silent'),
    clock: { now: () => now },
  });
  const callOff = app.callOffs[0]!.id;
  // Seeded straight into the register: this measures the page, not answering.
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1) {
    const at = new Date(now.getTime() - (n - i) * 60_000).toISOString();
    const { entry } = await app.register.receive({
      callOff,
      asker: { channel: i % 2 ? 'slack' : 'teams', name: `Person ${i}`, org: `Bolag ${i} AB` },
      question: `Fråga ${i}: gäller kravet på säkerhetsprövning även underkonsulter? Mvh Person ${i}`,
      publicQuestion: `Fråga ${i}: gäller kravet på säkerhetsprövning även underkonsulter?`,
      receivedAt: at,
      deliveryId: `bench-${i}`,
    });
    await app.register.recordBotAnswer(
      callOff,
      entry.id,
      { status: 'not_in_documents', answer: 'Svaret framgår inte av dokumenten.', citations: [] },
      at,
    );
  }
  const published = Math.min(100, Math.floor(n / 2));
  for (let i = 1; i <= published; i += 1) {
    const id = `F-${String(i).padStart(4, '0')}`;
    await app.buyer.answer(callOff, id, { answer: `Svar ${i}: ja, kravet gäller även underkonsulter.` }, 'buyer:bench');
    await app.buyer.publish(callOff, [id], 'buyer:bench');
  }
  const seedMs = performance.now() - t0;

  const web = express();
  web.use('/admin', createAdminRouter(app));
  const server = web.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pages: [string, string][] = [
    ['queue, all', '/admin/'],
    ['queue, received only', `/admin/${callOff}?status=received`],
    ['one question', `/admin/${callOff}/fragor/F-${String(n).padStart(4, '0')}`],
    [`FAQ preview (${published} items)`, `/admin/${callOff}/faq`],
    [`FAQ PDF (${published} items)`, `/admin/${callOff}/faq.pdf`],
  ];
  // Warm-up: module loading and JIT are start-up costs, not page costs.
  for (const [, url] of pages) await timed(origin + url, 2);
  console.log(
    `\n### register with ${n} questions (${published} published; seeded in ${(seedMs / 1000).toFixed(1)} s)\n`,
  );
  console.log('| page | p50 ms | p95 ms | size KiB |');
  console.log('|---|---:|---:|---:|');
  for (const [label, url] of pages) {
    const r = await timed(origin + url, label.startsWith('FAQ PDF') ? Math.ceil(REPS / 4) : REPS);
    console.log(`| ${label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${(r.bytes / 1024).toFixed(1)} |`);
  }
  server.closeAllConnections();
  server.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Every sign-in form load makes an anonymous session: nothing may pile up on the server. */
async function sessionFlood(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-admin-'));
  const app = await createApp({
    env: readEnv({ ADMIN_TOKEN: TOKEN }),
    knowledgeDir: KNOWLEDGE,
    dataDir,
    logger: createLogger('silent'),
  });
  const web = express();
  web.use('/admin', createAdminRouter(app));
  const server = web.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const loads = 10_000;
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  for (let i = 0; i < loads; i += 1) await (await fetch(`${origin}/admin/logga-in`)).arrayBuffer();
  const secs = (performance.now() - t) / 1000;
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  console.log(`\n### sign-in form flood\n`);
  console.log(
    `${loads} sign-in form loads (each issues an anonymous session cookie): ${(loads / secs).toFixed(0)} per s; ` +
      `heap growth ${((after - before) / 1024 / 1024).toFixed(1)} MiB` +
      `${global.gc ? '' : ' (run with --expose-gc for a steadier number)'}.`,
  );
  server.closeAllConnections();
  server.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Signing and checking the session cookie happens on every signed-in request. */
function sessionCookieCost(): void {
  const store = new SessionStore(() => TOKEN);
  const n = 50_000;
  const session = store.create(true);
  let t = performance.now();
  let cookie = '';
  for (let i = 0; i < n; i += 1) cookie = store.encode(session);
  const encodeUs = ((performance.now() - t) * 1000) / n;
  t = performance.now();
  for (let i = 0; i < n; i += 1) store.decode(cookie);
  const decodeUs = ((performance.now() - t) * 1000) / n;
  console.log(`\n### session cookie\n`);
  console.log(
    `sign ${encodeUs.toFixed(1)} µs, verify ${decodeUs.toFixed(1)} µs per cookie (${cookie.length} characters).`,
  );
}

console.log(`node ${process.version}, ${os.cpus().length} CPU(s), ${REPS} requests per page, sequential.`);
for (const n of SIZES) await runSize(n);
sessionCookieCost();
await sessionFlood();
