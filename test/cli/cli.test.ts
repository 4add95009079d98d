// The CLI end to end, in child processes, on the bundled call-off: the README's
// first command, the JSON contract, deadlines, bad input and exit codes.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let env: Record<string, string>;
beforeAll(() => {
  env = { AVROPSBOT_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'avropsbot-cli-')) };
});

describe('ask', () => {
  it('answers the README question in Swedish with the 1.12.4 quote and a receipt', async () => {
    const r = await runCli(['ask', '--at', '2026-01-26T10:00', 'När är sista anbudsdag?'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59');
    expect(r.stdout).toContain('1.12.4');
    expect(r.stdout).toMatch(/Kvittonummer: F-\d{4}, mottagen 2026-01-26 10:00:00 \(svensk tid\)/);
  });

  it('prints exactly the contract JSON with --json', async () => {
    const r = await runCli(['ask', '--json', '--at', '2026-01-26T10:00', 'När är sista anbudsdag?'], { env });
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.stdout);
    expect(Object.keys(reply).sort()).toEqual(['answer', 'callOff', 'citations', 'question', 'status']);
    expect(reply).toMatchObject({ callOff: 'af-2025-0108-8097', status: 'answered' });
    expect(reply.question.receivedAt).toBe('2026-01-26T09:00:00.000Z');
    expect(reply.question.id).toMatch(/^F-\d{4}$/);
    const c = reply.citations.find((x: { section: string }) => x.section === '1.12.4');
    expect(c).toMatchObject({ document: 'avropsforfragan.txt', heading: 'Sista anbudsdag' });
    expect(Object.keys(c).sort()).toEqual(['document', 'heading', 'quote', 'section']);
  });

  it('refuses with the real clock: the question deadline has passed', async () => {
    const r = await runCli(['ask', '--json', 'När är sista anbudsdag?'], { env });
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.stdout);
    expect(reply.status).toBe('deadline_passed');
    expect(reply.answer).toContain('2026-01-29');
    expect(reply.question).toBeNull();
    expect(reply.citations).toEqual([]);
  });

  it('honours AVROPSBOT_NOW as the clock', async () => {
    const r = await runCli(['ask', '--json', 'När är sista anbudsdag?'], {
      env: { ...env, AVROPSBOT_NOW: '2026-01-29T23:59:59' },
    });
    expect(JSON.parse(r.stdout).status).toBe('answered');
  });

  it('answers an English question in Swedish', async () => {
    const r = await runCli(
      ['ask', '--json', '--at', '2026-01-26T10:00', 'What is the deadline for asking questions?'],
      {
        env,
      },
    );
    const reply = JSON.parse(r.stdout);
    // Answered or sent to the buyer (the fitted model decides), the reply is Swedish either way. Which
    // deadline it quotes is the model's to get right, measured on the dev set (this very question is
    // its d24: see test/eval/labelledSets.test.ts); here, that it quotes one verbatim with its section.
    expect(['answered', 'not_in_documents']).toContain(reply.status);
    expect(reply.answer).toMatch(/[åäö]/);
    expect(reply.answer).not.toMatch(/\b(?:the|is|for)\b/);
    if (reply.status === 'answered') {
      expect(reply.answer).toMatch(/tillhanda senast: 2026-0[12]-\d\d/);
      expect(reply.citations[0].section).toMatch(/^1\.1[12]\./);
    } else expect(reply.answer).toMatch(/registrerad/);
  });

  it('rejects an empty or over-long question without registering it', async () => {
    const empty = JSON.parse((await runCli(['ask', '--json', '--at', '2026-01-26T10:00', '   '], { env })).stdout);
    expect(empty).toMatchObject({ status: 'invalid_question', question: null });
    expect(empty.answer).toMatch(/tom/);
    const long = JSON.parse(
      (await runCli(['ask', '--json', '--at', '2026-01-26T10:00', 'a'.repeat(4001)], { env })).stdout,
    );
    expect(long).toMatchObject({ status: 'invalid_question', question: null });
    expect(long.answer).toMatch(/för lång/);
  });
});

describe('usage and configuration errors exit 2 with a message', () => {
  it('an unknown command', async () => {
    const r = await runCli(['fråga'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Okänt kommando/);
  });
  it('an unknown flag, or a flag without its value, in Swedish', async () => {
    const unknown = await runCli(['ask', '--snabbt', 'Hej?'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Okänd flagga --snabbt.');
    const missing = await runCli(['ask', '--at'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Flaggan --at behöver ett värde.');
    expect(unknown.stderr + missing.stderr).not.toMatch(/Unknown option|argument missing/);
  });
  it('a bad --at', async () => {
    const r = await runCli(['ask', '--at', 'igår', 'Hej?'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Ogiltig tidpunkt/);
  });
  it('an unknown call-off', async () => {
    const r = await runCli(['ask', '--call-off', 'finns-inte', 'Hej?'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Okänt avrop "finns-inte"/);
  });
  it('a missing knowledge folder', async () => {
    const r = await runCli(['ask', '--knowledge', '/nonexistent', 'Hej?'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Kunskapsmappen/);
  });
  it('an invalid AVROPSBOT_NOW names the variable', async () => {
    const r = await runCli(['ask', 'Hej?'], { env: { ...env, AVROPSBOT_NOW: 'igår' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/AVROPSBOT_NOW är ogiltig/);
  });
  it('an invalid environment variable', async () => {
    const r = await runCli(['ask', 'Hej?'], { env: { ...env, DATABASE_URL: 'mysql://x' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DATABASE_URL/);
  });
});

describe('ingest and verify', () => {
  it('ingest prints a summary per call-off', async () => {
    const r = await runCli(['ingest'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/af-2025-0108-8097: 1 dokument, \d+ avsnitt, \d+ textstycken, [\d.]+ s/);
  });
  it('verify reports an intact register', async () => {
    const r = await runCli(['verify'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Registret är intakt/);
  });
});
