/**
 * A real App for the admin tests and the screenshot script: createApp with a
 * temporary data dir, the bundled knowledge/ folder and a fixed clock
 * (2026-01-26 10:00 Stockholm), questions registered through app.ask as
 * suppliers would send them, and the router served on an ephemeral port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createAdminRouter } from '../../src/admin/router.js';
import { type App, type AppOptions, createApp } from '../../src/app.js';
import { readEnv } from '../../src/config/env.js';
import type { Clock } from '../../src/core/ports.js';
import { parseIsoInZone } from '../../src/core/time.js';
import type { Asker, Reply } from '../../src/core/types.js';
import { createLogger } from '../../src/logger.js';

export const ADMIN_TOKEN = 'test-admin-token-9f3c2a7e51d4';
export const KNOWLEDGE_DIR = path.resolve(import.meta.dirname, '..', '..', 'knowledge');
export const TIME_ZONE = 'Europe/Stockholm';

/** A clock the test can move: starts 2026-01-26 10:00 Stockholm. */
export function movableClock(start = '2026-01-26T10:00'): Clock & { set(localIso: string): void } {
  let now = parseIsoInZone(start, TIME_ZONE);
  return {
    now: () => new Date(now),
    set(localIso: string) {
      now = parseIsoInZone(localIso, TIME_ZONE);
    },
  };
}

export interface AdminHarness {
  app: App;
  clock: ReturnType<typeof movableClock>;
  /** e.g. http://127.0.0.1:41234 (the router is at /admin). */
  origin: string;
  callOffId: string;
  ask(text: string, asker: Asker, localIso?: string): Promise<Reply>;
  close(): Promise<void>;
}

export interface AdminHarnessOptions {
  adminToken?: string | null;
  trustProxy?: boolean;
  /** Another instance's data dir (its SQLite register is shared); the caller removes it. */
  dataDir?: string;
  /** A PostgreSQL register (DATABASE_URL) instead of SQLite in the data dir. */
  databaseUrl?: string;
  /** Wraps the real composer (e.g. to give answers with possibly relevant sections). */
  wrapComposer?: AppOptions['wrapComposer'];
  /** More environment variables (e.g. OIDC_*). */
  env?: Record<string, string>;
}

export async function startAdminHarness(opts: AdminHarnessOptions = {}): Promise<AdminHarness> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'avropsbot-admin-'));
  const token = opts.adminToken === undefined ? ADMIN_TOKEN : opts.adminToken;
  const env = readEnv({
    ...(token ? { ADMIN_TOKEN: token } : {}),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  });
  const clock = movableClock();
  const app = await createApp({
    env,
    knowledgeDir: KNOWLEDGE_DIR,
    dataDir,
    logger: createLogger('silent'),
    clock,
    ...(opts.wrapComposer ? { wrapComposer: opts.wrapComposer } : {}),
  });
  const web = express();
  if (opts.trustProxy) web.set('trust proxy', 'loopback');
  web.use('/admin', createAdminRouter(app));
  const server: Server = await new Promise((resolve) => {
    const s = web.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const callOffId = app.callOffs[0]!.id;
  return {
    app,
    clock,
    origin: `http://127.0.0.1:${port}`,
    callOffId,
    ask: (text, asker, localIso) =>
      app.ask({
        callOffId,
        text,
        asker,
        receivedAt: localIso ? parseIsoInZone(localIso, TIME_ZONE) : clock.now(),
      }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Realistic supplier questions, in the styles suppliers write them. */
export const SAMPLE_QUESTIONS: { text: string; asker: Asker; at: string }[] = [
  {
    text: 'Hej! Jag heter Johan Andersson och arbetar på Konsultbolaget Nord AB. När ska anbudet senast vara inlämnat?\nMvh Johan, 070-123 45 67',
    asker: { channel: 'slack', userId: 'U07ABC123', name: 'Johan Andersson', org: 'Konsultbolaget Nord AB' },
    at: '2026-01-23T09:14',
  },
  {
    text: 'Hur stor del av arbetstiden får konsulten arbeta på distans?',
    asker: { channel: 'teams', userId: '29:1a2b3c', name: 'Maria Lindqvist', org: 'Dataföretaget Syd AB' },
    at: '2026-01-24T13:40',
  },
  {
    text: 'Kan ni förtydliga om konsulten måste ha säkerhetsprövning innan uppdraget startar? Kontakta mig gärna på anna.berg@exempel.se.',
    asker: { channel: 'cli', name: 'Anna Berg', org: 'Bergs Konsult AB' },
    at: '2026-01-25T16:05',
  },
  {
    text: 'Hej! Erik Svensson från Molnkraft AB här. Vi undrar hur lång uppdragsperioden är och om den kan förlängas?\n\nMed vänliga hälsningar\nErik Svensson\nMolnkraft AB\n08-123 456 78',
    asker: { channel: 'slack', userId: 'U07XYZ789', name: 'Erik Svensson', org: 'Molnkraft AB' },
    at: '2026-01-26T08:30',
  },
];

export async function seedSampleQuestions(h: AdminHarness): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (const q of SAMPLE_QUESTIONS) replies.push(await h.ask(q.text, q.asker, q.at));
  return replies;
}
