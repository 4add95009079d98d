// A real App (SQLite register, real index, real composer) on a temp data dir, with a fixed clock.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, type AppOptions, createApp } from '../../src/app.js';
import { readEnv } from '../../src/config/env.js';
import type { Clock } from '../../src/core/ports.js';
import { parseIsoInZone } from '../../src/core/time.js';
import { silentLogger } from '../../src/logger.js';
import { repoRoot } from './cli.js';

/** A clock the test can move: `clock.set('2026-01-27T10:00')` (Stockholm time). */
export function settableClock(start: string): Clock & { set(iso: string): void } {
  let now = parseIsoInZone(start, 'Europe/Stockholm');
  return {
    now: () => new Date(now),
    set(iso: string) {
      now = parseIsoInZone(iso, 'Europe/Stockholm');
    },
  };
}

export async function testApp(
  options: Omit<Partial<AppOptions>, 'env'> & { env?: Record<string, string> } = {},
): Promise<App> {
  const { env, ...rest } = options;
  return createApp({
    env: readEnv(env ?? {}),
    knowledgeDir: path.join(repoRoot, 'knowledge'),
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'avropsbot-app-')),
    logger: silentLogger,
    clock: settableClock('2026-01-26T10:00'),
    ...rest,
  });
}
