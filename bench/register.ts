/**
 * Register benchmark: write latency and throughput of receive/update, list,
 * and the cost of verify (time and memory) on both backends, plus SQLite's
 * synchronous=FULL against NORMAL. Run: node --import tsx bench/register.ts
 * Env: BENCH_N (receives per run, default 2000), TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Logger, QuestionRegister } from '../src/core/ports.js';
import { createRegister } from '../src/register/engine.js';
import { openPostgresStore } from '../src/register/postgres/postgresStore.js';
import { openSqliteStore } from '../src/register/sqlite/sqliteStore.js';

const N = Number(process.env.BENCH_N ?? 2000);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

interface Row {
  backend: string;
  op: string;
  n: number;
  perSec: number;
  p50: number;
  p95: number;
  note?: string;
}
const rows: Row[] = [];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function timed(backend: string, op: string, n: number, fn: (i: number) => Promise<unknown>, note?: string) {
  const lat: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    lat.push(performance.now() - t);
  }
  const total = performance.now() - start;
  rows.push({
    backend,
    op,
    n,
    perSec: (n * 1000) / total,
    p50: pct(lat, 50),
    p95: pct(lat, 95),
    ...(note ? { note } : {}),
  });
}

async function concurrent(backend: string, reg: QuestionRegister, n: number, parallel: number) {
  const start = performance.now();
  for (let i = 0; i < n; i += parallel) {
    await Promise.all(
      Array.from({ length: Math.min(parallel, n - i) }, (_, k) =>
        reg.receive(question('conc', `c-${backend}-${i + k}`)),
      ),
    );
  }
  const total = performance.now() - start;
  rows.push({ backend, op: `receive, ${parallel} at a time`, n, perSec: (n * 1000) / total, p50: NaN, p95: NaN });
}

function question(callOff: string, deliveryId: string | null) {
  return {
    callOff,
    asker: { channel: 'slack' as const, userId: 'U1', name: 'Åsa Öberg', org: 'Nord AB' },
    question: 'Hur många CV får vi lämna per roll, och ska de vara på svenska? '.repeat(3),
    publicQuestion: 'Hur många CV får lämnas per roll?',
    receivedAt: new Date().toISOString(),
    deliveryId,
  };
}

async function workload(backend: string, reg: QuestionRegister) {
  await timed(backend, 'receive (new question)', N, (i) => reg.receive(question('a', `d-${i}`)));
  await timed(backend, 'receive (duplicate delivery)', 500, (i) => reg.receive(question('a', `d-${i}`)));
  const at = new Date().toISOString();
  const m = Math.min(N, 500);
  await timed(backend, 'update answer', m, (i) =>
    reg.update(
      'a',
      `F-${String(i + 1).padStart(4, '0')}`,
      { type: 'answer', answer: 'Två CV per roll.' },
      'buyer:cli',
      at,
    ),
  );
  await timed(backend, 'update publish', m, (i) =>
    reg.update('a', `F-${String(i + 1).padStart(4, '0')}`, { type: 'publish' }, 'buyer:cli', at),
  );
  await concurrent(backend, reg, 1000, 10);
  await timed(backend, `list (${N} entries)`, 20, () => reg.list({ callOff: 'a' }));
  await timed(backend, 'published', 20, () => reg.published('a'));

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t = performance.now();
  const report = await reg.verify();
  const ms = performance.now() - t;
  const heapAfter = process.memoryUsage().heapUsed;
  if (!report.ok) throw new Error(`verify failed: ${report.problems.join('; ')}`);
  rows.push({
    backend,
    op: `verify (${report.events} events, ${report.entries} entries)`,
    n: 1,
    perSec: 1000 / ms,
    p50: ms,
    p95: ms,
    note: `heap +${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB (no gc between)`,
  });
}

for (const synchronous of ['FULL', 'NORMAL'] as const) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-register-'));
  const reg = createRegister(await openSqliteStore(dir, silent, { synchronous }), silent);
  await workload(`sqlite ${synchronous}`, reg);
  await reg.close();
  rmSync(dir, { recursive: true, force: true });
}

const schema = `bench_${randomBytes(4).toString('hex')}`;
let pgReachable = true;
try {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await c.connect();
  await c.end();
} catch {
  pgReachable = false;
  console.log(`PostgreSQL not reachable at TEST_DATABASE_URL: its rows are missing.`);
}
if (pgReachable) {
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  const reg = createRegister(await openPostgresStore(u.toString(), silent), silent);
  try {
    await workload('postgres', reg);
  } finally {
    await reg.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  }
}

// verify at scale: one large SQLite register (filled with NORMAL for speed; verify only reads).
{
  const entries = Number(process.env.BENCH_VERIFY_ENTRIES ?? 20000);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-register-verify-'));
  const reg = createRegister(await openSqliteStore(dir, silent, { synchronous: 'NORMAL' }), silent);
  const at = new Date().toISOString();
  for (let i = 0; i < entries; i++) {
    const { entry } = await reg.receive(question('big', `v-${i}`));
    await reg.recordBotAnswer(
      'big',
      entry.id,
      { status: 'not_in_documents', answer: 'Registrerad.', citations: [] },
      at,
    );
    await reg.update('big', entry.id, { type: 'answer', answer: 'Svar.' }, 'buyer:cli', at);
  }
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const t = performance.now();
  const report = await reg.verify();
  const ms = performance.now() - t;
  const mem = process.memoryUsage();
  if (!report.ok) throw new Error('verify failed at scale');
  rows.push({
    backend: 'sqlite',
    op: `verify at scale (${report.events} events, ${report.entries} entries)`,
    n: 1,
    perSec: 1000 / ms,
    p50: ms,
    p95: ms,
    note: `heap +${((mem.heapUsed - heapBefore) / 1e6).toFixed(0)} MB, rss +${((mem.rss - rssBefore) / 1e6).toFixed(0)} MB`,
  });
  await reg.close();
  rmSync(dir, { recursive: true, force: true });
}

const f = (x: number) => (Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(2));
console.log(`Node ${process.version}, ${new Date().toISOString()}, N=${N}\n`);
console.log('| backend | operation | n | ops/s | p50 ms | p95 ms | note |');
console.log('|---|---|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(`| ${r.backend} | ${r.op} | ${r.n} | ${f(r.perSec)} | ${f(r.p50)} | ${f(r.p95)} | ${r.note ?? ''} |`);
}
