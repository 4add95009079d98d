// The LOU 12 kap. 11 § timing warning through the real CLI, with a fixed clock
// (AVROPSBOT_NOW): on publication only, and only before the tender deadline
// (2026-02-02 23:59 for the seed call-off) and less than six days before it.
// After the deadline no such warning, and the FAQ export says the tender period has ended.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openRegister } from '../../src/register/index.js';
import { runCli } from '../helpers/cli.js';

const CALL_OFF = 'af-2025-0108-8097';
const WARNING = /mindre än 6 dagar före sista anbudsdag/;
let dataDir: string;

const at = (now: string) => ({ env: { AVROPSBOT_DATA_DIR: dataDir, AVROPSBOT_NOW: now } });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-lou-warning-'));
  // Seeded straight into the SQLite register the CLI reads: the warning does not depend on the bot's answer.
  const reg = await openRegister({ dataDir, logger: silentLogger });
  for (const n of [1, 2, 3]) {
    const { entry } = await reg.receive({
      callOff: CALL_OFF,
      asker: { channel: 'cli', name: null, org: null },
      question: `Fråga ${n}?`,
      publicQuestion: `Publik fråga ${n}?`,
      receivedAt: '2026-01-24T09:00:00.000Z',
      deliveryId: null,
    });
    await reg.update(
      CALL_OFF,
      entry.id,
      { type: 'answer', answer: `Svar ${n}.` },
      'buyer:cli',
      '2026-01-24T10:00:00.000Z',
    );
  }
  await reg.close();
});

describe('questions publish: the LOU six-day warning', () => {
  it('says nothing more than six days before the tender deadline', async () => {
    const r = await runCli(['questions', 'publish', 'F-0001'], at('2026-01-26T10:00'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('F-0001 publicerad som svar nr 1.');
    expect(r.stderr).not.toMatch(WARNING);
  });

  it('warns, and still publishes, less than six days before the tender deadline', async () => {
    const r = await runCli(['questions', 'publish', 'F-0002'], at('2026-01-30T10:00'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('F-0002 publicerad som svar nr 2.');
    expect(r.stderr).toMatch(WARNING);
    expect(r.stderr).toContain('LOU 12 kap. 11 §');
    // An export the same day is not a publication: no warning.
    const exported = await runCli(
      ['faq', 'export', '--format', 'md', '--out', path.join(dataDir, 'faq.md')],
      at('2026-01-30T10:00'),
    );
    expect(exported.code).toBe(0);
    expect(exported.stderr).not.toMatch(WARNING);
    expect(exported.stderr).not.toContain('Anbudstiden');
  });

  it('does not warn after the tender deadline, and the FAQ says the tender period has ended', async () => {
    const r = await runCli(['questions', 'publish', 'F-0003'], at('2026-02-03T10:00'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('F-0003 publicerad som svar nr 3.');
    expect(r.stderr).not.toMatch(WARNING);
    const md = await runCli(['faq', 'export', '--format', 'md'], at('2026-02-03T10:00'));
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('Anbudstiden har gått ut (sista anbudsdag var 2026-02-02 23:59).');
    expect(md.stderr).not.toMatch(WARNING);
  });
});
