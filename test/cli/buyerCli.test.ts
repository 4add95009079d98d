// The buyer's commands and the other CLI entry points, through the real CLI in
// child processes: questions list/show/answer/publish/unpublish, faq export,
// chat, eval on the shared dev set, and verify on a tampered register.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';

let env: Record<string, string>;
let dataDir: string;
const at = ['--at', '2026-01-26T10:00'];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-buyer-cli-'));
  env = { AVROPSBOT_DATA_DIR: dataDir, AVROPSBOT_NOW: '2026-01-27T09:00' };
  const asked = await runCli(
    [
      'ask',
      ...at,
      '--as',
      'Johan Andersson',
      '--org',
      'Konsultbolaget Nord AB',
      'Hej! Jag heter Johan Andersson på Konsultbolaget Nord AB. Måste konsulten kunna Kubernetes? Ring 070-123 45 67.',
    ],
    { env },
  );
  expect(asked.code).toBe(0);
});

describe('questions', () => {
  it('list --json shows the entry with masked public wording', async () => {
    const r = await runCli(['questions', 'list', '--json'], { env });
    expect(r.code).toBe(0);
    const [entry] = JSON.parse(r.stdout);
    expect(entry).toMatchObject({
      id: 'F-0001',
      status: 'received',
      asker: { channel: 'cli', name: 'Johan Andersson' },
    });
    expect(entry.publicQuestion).toContain('Kubernetes');
    expect(entry.publicQuestion).not.toMatch(/Johan|Nord|070/);
  });

  it('list refuses an unknown status with exit 2', async () => {
    const r = await runCli(['questions', 'list', '--status', 'klar'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Okänd status/);
  });

  it('answer, publish, show, export and unpublish', async () => {
    const answered = await runCli(
      [
        'questions',
        'answer',
        'f-1',
        '--text',
        'Nej, det är inget krav.',
        '--public-question',
        'Måste konsulten kunna Kubernetes?',
      ],
      { env },
    );
    expect(answered.code).toBe(0);
    expect(answered.stdout).toMatch(/F-0001 är besvarad/);

    const published = await runCli(['questions', 'publish', 'F-0001'], { env });
    expect(published.stdout).toMatch(/F-0001 publicerad som svar nr 1/);

    const shown = JSON.parse((await runCli(['questions', 'show', 'F-0001', '--json'], { env })).stdout);
    expect(shown).toMatchObject({ status: 'published', faqNumber: 1, answer: 'Nej, det är inget krav.' });
    expect(shown.events.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'bot_answered',
      'answered',
      'published',
    ]);

    const out = path.join(dataDir, 'faq.json');
    const exported = await runCli(['faq', 'export', '--format', 'json', '--out', out], { env });
    expect(exported.code).toBe(0);
    const faq = JSON.parse(readFileSync(out, 'utf8'));
    expect(faq).toMatchObject({ callOff: 'af-2025-0108-8097', reference: 'Af-2025/0108 8097' });
    expect(faq.items).toEqual([
      expect.objectContaining({
        number: 1,
        question: 'Måste konsulten kunna Kubernetes?',
        answer: 'Nej, det är inget krav.',
      }),
    ]);

    const md = await runCli(['faq', 'export', '--format', 'md'], { env });
    expect(md.stdout).toMatch(/Frågor och svar/);
    expect(md.stdout).toContain('Kubernetes');

    const unpublished = await runCli(['questions', 'unpublish', 'F-0001'], { env });
    expect(unpublished.stdout).toMatch(/inte längre publicerad/);
    const again = JSON.parse((await runCli(['faq', 'export', '--format', 'json'], { env })).stdout);
    expect(again.items).toEqual([]);
  });

  it('refuses to publish an unanswered question, with a Swedish message and exit 2', async () => {
    await runCli(['ask', ...at, 'Hur många timmar omfattar uppdraget?'], { env });
    const r = await runCli(['questions', 'publish', 'F-0002'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inget officiellt svar/);
  });

  it('faq export refuses an unknown format', async () => {
    const r = await runCli(['faq', 'export', '--format', 'odt'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format/);
  });
});

describe('chat', () => {
  it('answers each line from stdin and ends at EOF', async () => {
    const r = await runCli(['chat', ...at], { env, input: 'När är sista anbudsdag?\n\nVem är kontaktperson?\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2026-02-02 23:59');
    expect(r.stdout).toContain('Åsa Gustafsson');
    expect(r.stdout.match(/Kvittonummer: F-\d{4}/g)).toHaveLength(2);
  });
});

describe('eval', () => {
  const devSet = path.join(repoRoot, 'test', 'fixtures', 'eval', 'dev.jsonl');

  it('scores every question of the dev set through the CLI, without touching the register', async () => {
    const before = JSON.parse((await runCli(['questions', 'list', '--json'], { env })).stdout).length;
    const r = await runCli(['eval', '--json', '--questions', devSet], {
      env,
    });
    expect(r.code).toBe(0);
    const scores = JSON.parse(r.stdout);
    // The floors of the figures are test/eval/labelledSets.test.ts's (the same pipeline, in process);
    // here: every line read and scored, and no wrong answer reaches the CLI's figures.
    const lines = readFileSync(devSet, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '').length;
    expect(scores.cases).toBe(lines);
    expect(scores.statusAccuracy.total).toBe(lines);
    expect(scores.wrongAnswers.hits).toBe(0);
    expect(scores.deadlineAccuracy.rate).toBe(1);
    const after = JSON.parse((await runCli(['questions', 'list', '--json'], { env })).stdout).length;
    expect(after).toBe(before);
  });

  it('names the line of a broken question file', async () => {
    const file = path.join(dataDir, 'broken.jsonl');
    (await import('node:fs')).writeFileSync(
      file,
      '{"id":"a","question":"x","at":"2026-01-26T10:00","expect":{"status":"answered","sections":[],"facts":[]}}\n{trasig\n',
    );
    const r = await runCli(['eval', '--questions', file], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rad 2/);
  });
});

describe('purge', () => {
  it('asks for confirmation, then erases personal data and keeps the chain verifiable', async () => {
    const env2 = { ...env, AVROPSBOT_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'avropsbot-purge-')) };
    await runCli(
      ['ask', ...at, '--as', 'Lisa Ek', '--org', 'Ek Data AB', 'Hej, jag heter Lisa Ek. Vem är kontaktperson?'],
      {
        env: env2,
      },
    );
    const refused = await runCli(['questions', 'purge'], { env: env2 });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);

    // A Teams 1:1 chat that chose this call-off, and one that chose another: the purge forgets the first.
    const dbFile = path.join(env2.AVROPSBOT_DATA_DIR, 'register.sqlite');
    const writer = new Database(dbFile);
    const choose = writer.prepare(
      'INSERT INTO conversation_choices (conversation_key, call_off, chosen_at) VALUES (?, ?, ?)',
    );
    choose.run('a:1on1-lisa', 'af-2025-0108-8097', '2026-01-26T09:00:00.000Z');
    choose.run('a:other', 'annat-avrop', '2026-01-26T09:00:00.000Z');
    writer.close();

    const purged = await runCli(['questions', 'purge', '--yes'], { env: env2 });
    expect(purged.code).toBe(0);
    expect(purged.stdout).toMatch(/och 1 sparade konversationsval/);
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare('SELECT conversation_key, call_off FROM conversation_choices').all()).toEqual([
      { conversation_key: 'a:other', call_off: 'annat-avrop' },
    ]);
    db.close();
    const shown = JSON.parse((await runCli(['questions', 'show', 'F-0001', '--json'], { env: env2 })).stdout);
    expect(JSON.stringify(shown)).not.toMatch(/Lisa|Ek Data/);
    expect(shown.question).toBe('[raderad]');
    expect(shown.publicQuestion).toBe('Vem är kontaktperson?');
    expect((await runCli(['verify'], { env: env2 })).code).toBe(0);
  });
});

describe('verify', () => {
  it('exits 3 and says what changed when a register row is edited behind its back', async () => {
    const ok = await runCli(['verify'], { env });
    expect(ok.code).toBe(0);
    const db = new Database(path.join(dataDir, 'register.sqlite'));
    db.exec('DROP TRIGGER IF EXISTS entries_no_update');
    db.prepare("UPDATE entries SET answer = 'Ja, det är ett krav.' WHERE id = 'F-0001'").run();
    db.close();
    const r = await runCli(['verify'], { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/REGISTRET ÄR ÄNDRAT/);
    expect(r.stdout).toContain('F-0001');
  });
});
