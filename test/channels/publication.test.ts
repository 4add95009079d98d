/**
 * Publication to every supplier at once, end to end through the real Bolt
 * WebClient and the real botbuilder CloudAdapter against the Slack and Bot
 * Framework fakes, on two `serve` instances sharing one PostgreSQL register
 * (a fresh schema of the test run's server). Each publication is posted once
 * to every Slack channel and Teams conversation its call-off.json lists, and
 * the supplier who asked is told in their own thread or chat; both instances
 * drain the outbox every 50 ms, so a post made twice would show.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/postgres.js';
import { type FakeConnector, startFakeConnector } from './support/fakeConnector.js';
import { type FakeSlackApi, startFakeSlackApi } from './support/fakeSlackApi.js';
import { type Harness, mentionEvent, postSlack, SEED_DIR, SEED_ID, startHarness, until } from './support/harness.js';

const ANNOUNCE_SLACK = ['CANNOUNCE1', 'CANNOUNCE2'];
const ANNOUNCE_TEAMS = '19:announce@thread.tacv2';
const SLACK_QUESTION = 'När är sista anbudsdag?';
const TEAMS_QUESTION = 'Hur lång är avtalsperioden?';
const UNPUBLISHED_QUESTION = 'Får vi lämna fler än ett CV per roll?';

type Block = { text?: { text: string } };
const textOf = (m: Record<string, unknown>) =>
  typeof m.blocks === 'object' ? (m.blocks as Block[]).map((b) => b.text?.text ?? '').join('\n') : String(m.text ?? '');

/** The seed call-off with channels to announce to. */
function announcingKnowledge(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-publication-'));
  cpSync(path.join(SEED_DIR, SEED_ID), path.join(dir, SEED_ID), { recursive: true });
  const file = path.join(dir, SEED_ID, 'call-off.json');
  const callOff = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    file,
    JSON.stringify({ ...callOff, slackChannels: ANNOUNCE_SLACK, teamsConversations: [ANNOUNCE_TEAMS] }, null, 2),
  );
  return dir;
}

function teamsActivity(connector: FakeConnector, id: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:user-2', name: 'Bo Ek', aadObjectId: 'aad-bo' },
    conversation: { id: 'a:personal-bo', conversationType: 'personal' },
    recipient: { id: '28:avropsbot', name: 'avropsbot' },
    text,
    locale: 'sv-SE',
    ...extra,
  };
}

async function postTeams(url: string, body: unknown) {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

describe('Publication to every supplier at once (two instances, one PostgreSQL)', () => {
  let baseUrl: string;
  let schema: string;
  let knowledgeDir: string;
  let slackApi: FakeSlackApi;
  let connector: FakeConnector;
  const instances: Harness[] = [];
  const dirs: string[] = [];

  const outboxRows = async () => {
    const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.publication_posts`)).rows[0]
        ?.n;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    baseUrl = await testDatabaseUrl();
    schema = `publication_${randomBytes(6).toString('hex')}`;
    const url = new URL(baseUrl);
    url.searchParams.set('schema', schema);
    knowledgeDir = announcingKnowledge();
    slackApi = await startFakeSlackApi({ U123: 'Anna Svensson' });
    connector = await startFakeConnector();
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-publication-pg-'));
      dirs.push(dataDir);
      instances.push(
        await startHarness({
          knowledgeDir,
          dataDir,
          slackApi,
          // The listed Teams conversation is reached through the configured connector (the fake).
          env: { DATABASE_URL: url.toString(), TEAMS_ALLOW_UNAUTHENTICATED: '1', TEAMS_SERVICE_URL: connector.url },
          server: { publicationIntervalMs: 50 },
        }),
      );
    }
  });

  afterAll(async () => {
    for (const h of instances) await h.close();
    await slackApi?.close();
    await connector?.close();
    const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    for (const d of [...dirs, knowledgeDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('posts each publication once to every listed channel and conversation, and tells each asker in their thread or chat', async () => {
    const [a, b] = instances as [Harness, Harness];
    // A supplier asks in a Slack channel thread on instance A, another in a Teams chat on instance B.
    expect(
      (await postSlack(a.url, JSON.stringify(mentionEvent({ eventId: 'EvPub1', text: SLACK_QUESTION })))).status,
    ).toBe(200);
    const [answer] = (await slackApi.waitFor('chat.postMessage', 1)).map((c) => c.args);
    const askedThread = answer?.thread_ts;
    expect(answer?.channel).toBe('C100');
    expect(askedThread).toEqual(expect.any(String));
    expect((await postTeams(b.url, teamsActivity(connector, 'act-pub-1', TEAMS_QUESTION))).status).toBe(200);
    await connector.waitForMessages(1);
    // A third question is answered but never published: it must reach nobody.
    expect((await postTeams(b.url, teamsActivity(connector, 'act-pub-2', UNPUBLISHED_QUESTION))).status).toBe(200);
    await connector.waitForMessages(2);

    const entries = await a.app.register.list({ callOff: SEED_ID });
    const bySlack = entries.find((e) => e.asker.channel === 'slack');
    const byTeams = entries.filter((e) => e.asker.channel === 'teams');
    expect(bySlack).toBeDefined();
    expect(byTeams).toHaveLength(2);
    const [teamsAsked, unpublished] = byTeams as [(typeof byTeams)[0], (typeof byTeams)[0]];
    const officer = 'buyer:test';
    await a.app.buyer.answer(SEED_ID, bySlack!.id, { answer: 'Sista anbudsdag är den 2 februari 2026.' }, officer);
    await a.app.buyer.answer(SEED_ID, teamsAsked.id, { answer: 'Avtalet gäller i två år.' }, officer);
    await a.app.buyer.answer(SEED_ID, unpublished.id, { answer: 'Hemligt svar som inte är publicerat.' }, officer);
    const slackBefore = slackApi.calls.length;
    const teamsBefore = connector.messages().length;
    // One action publishes both (the page's bulk publication); instance A's register, either instance posts.
    await a.app.buyer.publish(SEED_ID, [bySlack!.id, teamsAsked.id], officer);

    // 2 listed Slack channels x 2 items + the Slack asker's notice; 1 Teams conversation x 2 items + the Teams asker's.
    await until(async () => (await outboxRows()) === 0, 15_000, 'the outbox to be drained');
    const slackPosts = () =>
      slackApi.calls.slice(slackBefore).filter((c) => ['chat.postMessage', 'chat.postEphemeral'].includes(c.method));
    const teamsPosts = () =>
      connector.calls
        .slice(0)
        .filter((c) => c.activity.type === 'message')
        .slice(teamsBefore);
    // Each post is logged once made; once all 8 are logged and the outbox is empty, a claim can win nothing more
    // (a claim is a compare-and-set on a row that is gone), so the counts below are final.
    const postedLines = () =>
      [...a.logLines, ...b.logLines].filter((l) => l.includes('"msg":"channels: publication posted"')).length;
    await until(() => postedLines() >= 8, 10_000, 'every post');
    expect(await outboxRows()).toBe(0);
    expect(postedLines()).toBe(8);
    expect(slackPosts()).toHaveLength(5);
    expect(teamsPosts()).toHaveLength(3);
    const slack = slackPosts().map((c) => c.args);
    for (const channel of ANNOUNCE_SLACK) {
      const here = slack.filter((m) => m.channel === channel);
      expect(here).toHaveLength(2);
      expect(here.every((m) => m.thread_ts === undefined)).toBe(true);
      const texts = here.map(textOf).join('\n');
      expect(texts).toContain('Fråga 1: När är sista anbudsdag?');
      expect(texts).toContain('Svar: Sista anbudsdag är den 2 februari 2026.');
      expect(texts).toContain('Svar: Avtalet gäller i två år.');
      expect(texts).toContain('Arbetsförmedlingen har publicerat');
    }
    const notice = slack.filter((m) => m.channel === 'C100');
    expect(notice).toHaveLength(1);
    expect(notice[0]?.thread_ts).toBe(askedThread);
    expect(textOf(notice[0]!)).toMatch(/Din fråga om avropet Af-2025\/0108 8097 har nu fått ett officiellt svar/);
    expect(textOf(notice[0]!)).toContain('Svar: Sista anbudsdag är den 2 februari 2026.');

    const teams = teamsPosts();
    const announced = teams.filter((c) =>
      c.path.startsWith(`/v3/conversations/${encodeURIComponent(ANNOUNCE_TEAMS)}/`),
    );
    expect(announced).toHaveLength(2);
    expect(announced.map((c) => String(c.activity.text)).join('\n')).toContain('Svar: Avtalet gäller i två år.');
    const told = teams.filter((c) => c.path.startsWith('/v3/conversations/a%3Apersonal-bo/'));
    expect(told).toHaveLength(1);
    expect(String(told[0]?.activity.text)).toContain('Din fråga om avropet');
    expect(String(told[0]?.activity.text)).toContain('Svar: Avtalet gäller i två år.');
    // Only the asker of the Slack question is told in Slack, only the Teams asker in Teams; the unpublished reaches nobody.
    const everything = [...slack.map(textOf), ...teams.map((c) => String(c.activity.text))].join('\n');
    expect(everything).not.toContain('Hemligt svar');
    expect(everything).not.toContain(UNPUBLISHED_QUESTION);
  });

  it('lists the published questions and answers on request in Slack and Teams, never anything unpublished', async () => {
    const [a, b] = instances as [Harness, Harness];
    const command = new URLSearchParams({
      token: 'legacy',
      team_id: 'T1',
      channel_id: 'C100',
      channel_name: 'upphandling',
      user_id: 'U123',
      user_name: 'anna',
      command: '/avropsfraga',
      text: 'publicerade',
      response_url: `${slackApi.url.replace(/api\/$/, '')}respond/list`,
      trigger_id: 'trig.list.1',
      api_app_id: 'A1',
    }).toString();
    const res = await postSlack(b.url, command, { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    const listed = JSON.parse(res.body) as Record<string, unknown>;
    expect(listed.response_type).toBe('ephemeral');
    const slackList = textOf(listed);
    expect(slackList).toContain('Publicerade frågor och svar i avropet Af-2025/0108 8097');
    expect(slackList).toContain('Fråga 1: När är sista anbudsdag?');
    expect(slackList).toContain('Fråga 2:');
    expect(slackList).not.toContain('Hemligt svar');

    const before = (await a.app.register.list()).length;
    const reply = await postTeams(
      a.url,
      teamsActivity(connector, 'act-list-1', 'Publicerade frågor', { deliveryMode: 'expectReplies' }),
    );
    expect(reply.status).toBe(200);
    const activities = (JSON.parse(reply.body) as { activities: { text?: string }[] }).activities;
    const teamsList = activities.map((x) => x.text ?? '').join('\n');
    expect(teamsList).toContain('Fråga 2: Hur lång är avtalsperioden?');
    expect(teamsList).toContain('Svar: Avtalet gäller i två år.');
    expect(teamsList).not.toContain('Hemligt svar');
    // Asking for the list is not a question: nothing new in the register.
    expect((await a.app.register.list()).length).toBe(before);
  });
});
