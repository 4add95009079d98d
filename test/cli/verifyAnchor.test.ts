// The chain head as an outside anchor, through the real CLI: publish and faq export print it,
// verify --json gives it, and verify --expect-head catches a tail cut off behind the register's back.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let env: Record<string, string>;
let dataDir: string;
const at = ['--at', '2026-01-26T10:00'];
/** Nine CLI processes in one test, on two cores shared by the whole suite. */
const LONG = 180_000;
const HEAD_LINE = /Registrets kontrollsumma: (\d+):([0-9a-f]{64})/;

function headIn(text: string): { seq: number; hash: string } {
  const m = HEAD_LINE.exec(text);
  if (!m) throw new Error(`no chain head in: ${text}`);
  return { seq: Number(m[1]), hash: m[2]! };
}

/** What a database administrator could do: drop the guards, cut the tail, rewind the head. */
function cutTailAfter(seq: number, entryId: string): void {
  const db = new Database(path.join(dataDir, 'register.sqlite'));
  try {
    db.exec('DROP TRIGGER IF EXISTS events_no_delete; DROP TRIGGER IF EXISTS events_only_erase_personal;');
    db.prepare('DELETE FROM events WHERE seq > ?').run(seq);
    db.prepare('DELETE FROM entries WHERE id = ?').run(entryId);
    db.prepare('UPDATE chain_head SET seq = ?, hash = (SELECT hash FROM events WHERE seq = ?)').run(seq, seq);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-anchor-cli-'));
  env = { AVROPSBOT_DATA_DIR: dataDir, AVROPSBOT_NOW: '2026-01-27T09:00' };
  expect((await runCli(['ask', ...at, 'Måste konsulten kunna Kubernetes?'], { env })).code).toBe(0);
  const answered = await runCli(['questions', 'answer', 'F-0001', '--text', 'Nej, det är inget krav.'], { env });
  expect(answered.code).toBe(0);
});

describe('verify against a kept chain head', () => {
  it(
    'prints the head on publication and export, gives it in verify --json, and detects a cut tail',
    async () => {
      const published = await runCli(['questions', 'publish', 'F-0001'], { env });
      expect(published.code).toBe(0);
      const atPublication = headIn(published.stdout);
      expect(atPublication.seq).toBe(4); // received, bot answer, answer, publication

      const exported = await runCli(['faq', 'export', '--format', 'md'], { env });
      expect(headIn(exported.stdout)).toEqual(atPublication);

      // Life goes on: a second question after the FAQ was uploaded.
      expect((await runCli(['ask', ...at, 'Hur många timmar omfattar uppdraget?'], { env })).code).toBe(0);
      const verified = await runCli(
        ['verify', '--json', '--expect-head', `${atPublication.seq}:${atPublication.hash}`],
        {
          env,
        },
      );
      expect(verified.code).toBe(0);
      const report = JSON.parse(verified.stdout);
      expect(report).toMatchObject({ ok: true, expectedHead: { ...atPublication, held: true } });
      expect(report.head.seq).toBeGreaterThan(atPublication.seq);
      expect(report.head.hash).toMatch(/^[0-9a-f]{64}$/);
      const latest = report.head as { seq: number; hash: string };

      cutTailAfter(atPublication.seq, 'F-0002');

      // The cut is invisible to the chain alone ...
      const alone = await runCli(['verify'], { env });
      expect(alone.code).toBe(0);
      expect(headIn(alone.stdout)).toEqual(atPublication);
      // ... and plain against the head kept from before it, pasted as the log or the diary has it.
      const anchored = await runCli(
        ['verify', '--expect-head', `Registrets kontrollsumma: ${latest.seq}:${latest.hash}`],
        {
          env,
        },
      );
      expect(anchored.code).toBe(3);
      expect(anchored.stdout).toContain('REGISTRET ÄR ÄNDRAT UTANFÖR AVROPSBOT');
      expect(anchored.stdout).toContain(
        `pekar på händelse ${latest.seq}, men kedjan slutar vid händelse ${atPublication.seq}: händelser i slutet har raderats.`,
      );
    },
    LONG,
  );

  it('refuses a malformed head with exit 2 and says what it should look like', async () => {
    const r = await runCli(['verify', '--expect-head', '12:abc'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"12:abc" är ingen kontrollsumma\. Ange den som NUMMER:HASH/);
  });
});
