/**
 * The publication poster on a real SQLite register: a post that cannot be
 * made stays queued and is tried again once its claim's lease has run out
 * (not before, by this or any instance), is removed once made, and is given
 * up a day after the publication. Driven with explicit times, no timers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { InFlight } from '../../src/channels/shared/inFlight.js';
import type { PublicationPostStore } from '../../src/channels/shared/publicationStore.js';
import {
  PUBLICATION_POST_MAX_AGE_MS,
  type PublicationApp,
  PublicationPoster,
} from '../../src/channels/shared/publications.js';
import type { QuestionRegister } from '../../src/core/ports.js';
import type { CallOff } from '../../src/core/types.js';
import { openRegisterDatabase } from '../../src/register/index.js';
import { OWED_REPLY_LEASE_MS } from '../../src/register/owedReplies.js';
import { capturingLogger, question } from '../register/harness.js';

const CALL_OFF: CallOff = {
  id: 'avrop-a',
  reference: 'Af-2026/0001',
  title: 'Avrop av testkonsulter',
  buyer: 'Testmyndigheten',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2026-03-01',
  slackChannels: ['CALL'],
  dir: '/tmp/avrop-a',
};
const T0 = new Date('2026-01-26T09:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

let dataDir: string;
let register: QuestionRegister;
let posts: PublicationPostStore;
let clock: Date;
const logger = capturingLogger();

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-publication-retry-'));
  const db = await openRegisterDatabase({
    dataDir,
    logger,
    owedReplies: { claimant: 'host-a:1001:aaaa', isRunning: () => true },
    announceTo: (id) => (id === CALL_OFF.id ? CALL_OFF : undefined),
  });
  register = db.register;
  posts = db.publicationPosts;
  clock = T0;
  const { entry } = await register.receive(question({ receivedAt: T0.toISOString() }));
  await register.update('avrop-a', entry.id, { type: 'answer', answer: 'Högst fem.' }, 'buyer:cli', T0.toISOString());
  await register.update('avrop-a', entry.id, { type: 'publish' }, 'buyer:cli', T0.toISOString());
});
afterEach(async () => {
  await register.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function poster(): PublicationPoster {
  const app: PublicationApp = { callOffs: [CALL_OFF], clock: { now: () => clock }, logger, publicationPosts: posts };
  return new PublicationPoster(app, new InFlight());
}

it('a post that fails stays queued, is retried only after its lease, and is removed once made', async () => {
  const p = poster();
  const made: [unknown, string][] = [];
  let down = true;
  p.route('slack', async (post, text) => {
    if (down) throw new Error('slack: 503');
    made.push([post.target, text]);
  });
  expect(await p.drain(later(1_000))).toBe(0);
  down = false;
  // Still claimed by the failed try: neither this poster nor another takes it during the lease.
  expect(await p.drain(later(2_000))).toBe(0);
  expect(await poster().drain(later(2_000))).toBe(0);
  expect(await p.drain(later(1_000 + OWED_REPLY_LEASE_MS + 1))).toBe(1);
  expect(made).toEqual([
    [
      'CALL',
      'Testmyndigheten har publicerat ett svar på en fråga om avropet Af-2026/0001 (Avrop av testkonsulter). ' +
        'Svaret gäller alla leverantörer.\n\nFråga 1: Hur många CV får en leverantör lämna?\n\nSvar: Högst fem.',
    ],
  ]);
  // Removed: nothing is posted again, ever.
  expect(await p.drain(later(10 * OWED_REPLY_LEASE_MS))).toBe(0);
  expect(made).toHaveLength(1);
  expect(logger.lines.some((l) => l.includes('publication could not be posted') && l.includes('slack: 503'))).toBe(
    true,
  );
});

it('a post still failing a day after the publication is given up, with an error in the log', async () => {
  const p = poster();
  let tries = 0;
  p.route('slack', async () => {
    tries += 1;
    throw new Error('channel_not_found');
  });
  expect(await p.drain(later(1_000))).toBe(0);
  clock = later(PUBLICATION_POST_MAX_AGE_MS + 1);
  expect(await p.drain(later(1_000 + OWED_REPLY_LEASE_MS + 1))).toBe(0);
  expect(tries).toBe(1);
  expect(logger.lines.some((l) => l.includes('publication post given up'))).toBe(true);
  expect(await p.drain(later(10 * OWED_REPLY_LEASE_MS))).toBe(0);
  expect(tries).toBe(1);
});
