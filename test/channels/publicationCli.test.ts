/**
 * A publication made with the CLI (`questions publish`, a separate process)
 * is only queued; the running `serve` posts it: to the Slack channel the
 * call-off lists and to the supplier in the thread where they asked. SQLite
 * register shared through the data dir; Slack is the fake Web API.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { type Harness, mentionEvent, postSlack, SEED_DIR, SEED_ID, startHarness, until } from './support/harness.js';

type Block = { text?: { text: string } };
const textOf = (m: Record<string, unknown>) =>
  ((m.blocks as Block[] | undefined) ?? []).map((b) => b.text?.text ?? '').join('\n');

let knowledgeDir: string;
let h: Harness;

beforeAll(async () => {
  knowledgeDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-publication-cli-'));
  cpSync(path.join(SEED_DIR, SEED_ID), path.join(knowledgeDir, SEED_ID), { recursive: true });
  const file = path.join(knowledgeDir, SEED_ID, 'call-off.json');
  const callOff = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...callOff, slackChannels: ['CANNOUNCE'] }, null, 2));
  h = await startHarness({ knowledgeDir, server: { publicationIntervalMs: 50 } });
});
afterAll(async () => {
  await h?.close();
  rmSync(knowledgeDir, { recursive: true, force: true });
});

it('questions publish queues; the running serve posts to the listed channel and tells the asker in their thread', async () => {
  const api = h.slackApi!;
  expect(
    (await postSlack(h.url, JSON.stringify(mentionEvent({ eventId: 'EvCli1', text: 'När är sista anbudsdag?' }))))
      .status,
  ).toBe(200);
  const [answer] = (await api.waitFor('chat.postMessage', 1)).map((c) => c.args);
  const env = {
    AVROPSBOT_KNOWLEDGE_DIR: knowledgeDir,
    AVROPSBOT_DATA_DIR: h.dataDir,
    AVROPSBOT_NOW: '2026-01-26T10:05',
  };
  const answered = await runCli(['questions', 'answer', 'F-0001', '--text', 'Den 2 februari 2026 kl. 23.59.'], { env });
  expect(answered.code).toBe(0);
  const published = await runCli(['questions', 'publish', 'F-0001'], { env });
  expect(published.code).toBe(0);
  expect(published.stdout).toMatch(/F-0001 publicerad som svar nr 1/);
  expect(published.stdout).toContain(
    'avropsbot serve lägger ut svaret i 1 Slack-kanal som call-off.json listar, och ger den som frågade i Slack eller Teams besked där.',
  );

  const posted = () => h.logLines.filter((l) => l.includes('"msg":"channels: publication posted"')).length;
  await until(() => posted() >= 2, 10_000, 'the publication to be posted');
  const posts = api.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args);
  const announced = posts.filter((m) => m.channel === 'CANNOUNCE');
  expect(announced).toHaveLength(1);
  expect(textOf(announced[0]!)).toContain('Fråga 1: När är sista anbudsdag?\n\nSvar: Den 2 februari 2026 kl. 23.59.');
  const told = posts.filter((m) => m.channel === 'C100' && m !== answer);
  expect(told).toHaveLength(1);
  expect(told[0]?.thread_ts).toBe(answer?.thread_ts);
  expect(textOf(told[0]!)).toContain('Din fråga om avropet');
  expect(posted()).toBe(2);
});
