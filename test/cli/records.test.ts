// The register for the authority's diary and its backup, through the real CLI:
// `questions export --format csv|pdf [--with-personal-data]` read back (CSV
// parsed, PDF text extracted), and `backup --out FILE` taken while another
// connection keeps writing, restored into a fresh data dir and verified.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRegister } from '../../src/core/ports.js';
import { silentLogger } from '../../src/logger.js';
import { openRegister } from '../../src/register/index.js';
import { SQLITE_FILE } from '../../src/register/sqlite/sqliteStore.js';
import { parseCsv } from '../faq/csvParse.js';
import { runCli } from '../helpers/cli.js';

const CALL_OFF = 'af-2025-0108-8097';
const NAME = 'Åsa Öberg';
const ORG = 'Konsultbolaget Nord AB';
const OWN_WORDS = 'Hej, jag heter Åsa Öberg på Konsultbolaget Nord AB. Hur många CV får vi lämna?';
let dataDir: string;
let env: Record<string, string>;

const asker = { channel: 'slack' as const, userId: 'U123', name: NAME, org: ORG };

async function seed(reg: QuestionRegister): Promise<void> {
  const first = await reg.receive({
    callOff: CALL_OFF,
    asker,
    question: OWN_WORDS,
    publicQuestion: 'Hur många CV får en leverantör lämna?',
    receivedAt: '2026-01-26T09:00:00.000Z',
    deliveryId: 'Ev-1',
  });
  const id = first.entry.id;
  await reg.update(CALL_OFF, id, { type: 'answer', answer: 'Två CV.' }, 'buyer:cli', '2026-01-26T10:00:00.000Z');
  await reg.update(CALL_OFF, id, { type: 'publish' }, 'buyer:cli', '2026-01-26T10:05:00.000Z');
  await reg.update(CALL_OFF, id, { type: 'answer', answer: 'Högst två CV.' }, 'buyer:web', '2026-01-27T08:30:00.000Z');
  // A public wording that Excel would run as a formula.
  await reg.receive({
    callOff: CALL_OFF,
    asker: { channel: 'teams', userId: null, name: 'Bo Ek', org: 'Ek AB' },
    question: '=HYPERLINK("http://example.invalid","klicka")',
    publicQuestion: '=HYPERLINK("http://example.invalid","klicka")',
    receivedAt: '2026-01-26T11:00:00.000Z',
    deliveryId: 'Ev-2',
  });
}

async function pdfText(file: string): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-records-'));
  env = { AVROPSBOT_DATA_DIR: dataDir, AVROPSBOT_NOW: '2026-01-28T09:00' };
  const reg = await openRegister({ dataDir, logger: silentLogger });
  await seed(reg);
  await reg.close();
});

describe('questions export', () => {
  it('CSV: every entry with receipt, times, channel, status, publication, officers and the chain head; no personal data', async () => {
    const r = await runCli(['questions', 'export', '--format', 'csv'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(r.stdout.slice(1), ';');
    const header = rows[0] ?? [];
    expect(header).toEqual([
      'kvittonummer',
      'mottagen (UTC)',
      'mottagen (svensk tid)',
      'kanal',
      'status',
      'publik formulering',
      'officiellt svar',
      'publicerad (UTC)',
      'publicerad (svensk tid)',
      'nummer i frågor och svar',
      'publicerat svar ändrat (svensk tid)',
      'handläggare',
    ]);
    const byColumn = (row: string[] | undefined) => Object.fromEntries(header.map((h, i) => [h, row?.[i]]));
    expect(byColumn(rows[1])).toEqual({
      kvittonummer: 'F-0001',
      'mottagen (UTC)': '2026-01-26T09:00:00.000Z',
      'mottagen (svensk tid)': '2026-01-26 10:00:00',
      kanal: 'Slack',
      status: 'Publicerad',
      'publik formulering': 'Hur många CV får en leverantör lämna?',
      'officiellt svar': 'Högst två CV.',
      'publicerad (UTC)': '2026-01-26T10:05:00.000Z',
      'publicerad (svensk tid)': '2026-01-26 11:05:00',
      'nummer i frågor och svar': '1',
      'publicerat svar ändrat (svensk tid)': '2026-01-27 09:30:00',
      handläggare: 'Upphandlande myndighet (Kommandorad), Upphandlande myndighet (Webb)',
    });
    expect(byColumn(rows[2])).toMatchObject({ kvittonummer: 'F-0002', kanal: 'Teams', status: 'Ny', handläggare: '' });
    // Formula injection: the cell is text, not a formula.
    expect(rows[2]?.[5]).toBe(`'=HYPERLINK("http://example.invalid","klicka")`);
    expect(r.stdout).not.toContain(NAME);
    expect(r.stdout).not.toContain(ORG);
    expect(r.stdout).not.toContain('U123');

    const verified = JSON.parse((await runCli(['verify', '--json'], { env })).stdout);
    expect(rows.at(-1)?.slice(0, 3)).toEqual([
      '',
      'Registrets kontrollsumma',
      `${verified.head.seq}:${verified.head.hash}`,
    ]);
    expect(rows).toHaveLength(4);
  });

  it('CSV with --with-personal-data adds who asked and the supplier’s own words', async () => {
    const r = await runCli(['questions', 'export', '--format', 'csv', '--with-personal-data'], { env });
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout.slice(1), ';');
    expect(rows[0]?.slice(-4)).toEqual(['frågeställare', 'organisation', 'användar-id', 'leverantörens fråga']);
    expect(rows[1]?.slice(-4)).toEqual([NAME, ORG, 'U123', OWN_WORDS]);
    expect(rows[2]?.at(-1)).toBe(`'=HYPERLINK("http://example.invalid","klicka")`);
  });

  it('PDF: the same content as text, personal data only with the flag', async () => {
    const plain = path.join(dataDir, 'register.pdf');
    const r = await runCli(['questions', 'export', '--format', 'pdf', '--out', plain], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 frågor i af-2025-0108-8097 exporterade');
    expect(r.stderr).toContain('utan personuppgifter');
    const text = await pdfText(plain);
    for (const expected of [
      'Frågeregister – Af-2025/0108 8097',
      'Utan personuppgifter.',
      'F-0001',
      'Mottagen (UTC): 2026-01-26T09:00:00.000Z',
      'Mottagen (svensk tid): 2026-01-26 10:00:00',
      'Status: Publicerad',
      'Nummer i frågor och svar: 1',
      'Publicerat svar ändrat (svensk tid): 2026-01-27 09:30:00',
      'Handläggare: Upphandlande myndighet (Kommandorad), Upphandlande myndighet (Webb)',
      'F-0002',
      'Registrets kontrollsumma:',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(ORG);

    const personal = path.join(dataDir, 'register-personal.pdf');
    const p = await runCli(['questions', 'export', '--format', 'pdf', '--with-personal-data', '--out', personal], {
      env,
    });
    expect(p.code).toBe(0);
    const personalText = await pdfText(personal);
    expect(personalText).toContain(`Frågeställare: ${NAME}`);
    expect(personalText).toContain(`Organisation: ${ORG}`);
    expect(personalText).toContain('Leverantörens fråga: Hej, jag heter Åsa Öberg');
  });

  it('questions answer on a published entry corrects it and says so', async () => {
    const r = await runCli(['questions', 'answer', 'F-0001', '--text', 'Högst två CV per konsult.'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('F-0001 är publicerad som nr 1 och det publicerade svaret är nu ändrat.');
    const shown = JSON.parse((await runCli(['questions', 'show', 'F-0001', '--json'], { env })).stdout);
    expect(shown).toMatchObject({ status: 'published', faqNumber: 1, answer: 'Högst två CV per konsult.' });
    expect(shown.events.at(-1)).toMatchObject({
      type: 'published_edited',
      actor: 'buyer:cli',
      data: { previousAnswer: 'Högst två CV.', answer: 'Högst två CV per konsult.' },
    });
  });

  it('refuses another format with exit 2', async () => {
    const r = await runCli(['questions', 'export', '--format', 'docx'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Ange --format csv eller --format pdf.');
  });
});

describe('backup', () => {
  it('copies the register consistently while another connection writes; the restored copy verifies', async () => {
    const target = path.join(dataDir, 'backup.sqlite');
    const reg = await openRegister({ dataDir, logger: silentLogger });
    let stop = false;
    let written = 0;
    const writer = (async () => {
      while (!stop) {
        await reg.receive({
          callOff: CALL_OFF,
          asker,
          question: `Fråga under säkerhetskopieringen ${written}?`,
          publicQuestion: `Fråga ${written}?`,
          receivedAt: '2026-01-27T12:00:00.000Z',
          deliveryId: `backup-${written}`,
        });
        written += 1;
        // Let the child process's exit be noticed between writes.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    let r: Awaited<ReturnType<typeof runCli>>;
    try {
      r = await runCli(['backup', '--out', target], { env });
    } finally {
      stop = true;
      await writer;
      await reg.close();
    }
    expect(r.code).toBe(0);
    expect(written).toBeGreaterThan(0);
    const copied = Number(/(\d+) frågor, kontrollerad och hel/.exec(r.stdout)?.[1]);
    expect(copied).toBeGreaterThanOrEqual(2);
    expect(copied).toBeLessThanOrEqual(2 + written);
    const head = /Registrets kontrollsumma: (\d+:[0-9a-f]{64})/.exec(r.stdout)?.[1];
    expect(head).toBeDefined();

    const restored = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-restored-'));
    mkdirSync(restored, { recursive: true });
    copyFileSync(target, path.join(restored, SQLITE_FILE));
    const restoredEnv = { AVROPSBOT_DATA_DIR: restored };
    const verified = await runCli(['verify', '--json', '--expect-head', head ?? ''], { env: restoredEnv });
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout);
    expect(report).toMatchObject({ ok: true, entries: copied, expectedHead: { held: true } });
    expect(`${report.head.seq}:${report.head.hash}`).toBe(head);

    const again = await runCli(['backup', '--out', target], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('finns redan');
  });

  it('says to use pg_dump when the register is in PostgreSQL', async () => {
    const r = await runCli(['backup', '--out', path.join(dataDir, 'x.sqlite')], {
      env: { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pg_dump');
    expect(r.stderr).toContain('PostgreSQL');
  });
});
