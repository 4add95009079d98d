/**
 * The recovery of replies left behind, in process: a question registered (with
 * the reply owed) by an instance that is gone is answered when `serve` starts,
 * where it was asked, once. The kill -9 tests in test/acceptance do the same
 * with real processes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openRegisterDatabase } from '../../src/register/index.js';
import { type Harness, SEED_ID, startHarness, until } from './support/harness.js';

let h: Harness | null = null;
let dataDir = '';
afterEach(async () => {
  await h?.close();
  h = null;
  rmSync(dataDir, { recursive: true, force: true });
});

it('answers at start-up a question a dead instance registered, in its channel and thread, once', async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-recovery-'));
  // An instance on this host whose process is gone registered it and died before replying.
  const gone = await openRegisterDatabase({
    dataDir,
    logger: silentLogger,
    owedReplies: { claimant: `${os.hostname()}:999999:gone`, isRunning: () => false },
  });
  const target = { kind: 'post', channel: 'C777', threadTs: '1769418000.000100' };
  await gone.register.receive({
    callOff: SEED_ID,
    asker: { channel: 'slack', userId: 'U123', name: 'Anna Svensson', org: null },
    question: 'När är sista anbudsdag?',
    publicQuestion: 'När är sista anbudsdag?',
    receivedAt: '2026-01-26T09:00:00.000Z',
    deliveryId: 'slack:EvGone',
    replyTo: gone.owedReplies.replyTo(target),
  });
  await gone.register.close();

  h = await startHarness({ dataDir });
  const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
  expect(post).toMatchObject({ channel: 'C777', thread_ts: '1769418000.000100' });
  expect(JSON.stringify(post)).toContain('F-0001');
  await until(() => h!.logLines.some((l) => l.includes('owed reply posted')), 10_000, 'marked posted');
  const entries = await h.closeAndReadRegister();
  expect(entries).toHaveLength(1);
  expect(entries[0]?.botAnswer).not.toBeNull();
  expect(h.slackApi!.posts()).toHaveLength(1);

  // Started again: nothing is owed any more, nothing is posted twice.
  const again = await startHarness({ dataDir, slackApi: h.slackApi! });
  try {
    await again.closeAndReadRegister();
    expect(h.slackApi!.posts()).toHaveLength(1);
  } finally {
    await again.close();
  }
});
