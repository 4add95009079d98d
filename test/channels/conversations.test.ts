/**
 * Several instances behind a load balancer, end to end through Slack: a
 * question held for the supplier's choice of call-off on one instance is
 * answered when the click lands on another (the first one restarted or gone),
 * registered once, with its original time of receipt even if the question
 * deadline passed in between. On SQLite (a shared data dir) and on PostgreSQL
 * (the test run's server, a fresh schema), the two supported ways to share a
 * register.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openRegister } from '../../src/register/index.js';
import { testDatabaseUrl } from '../support/postgres.js';
import { type FakeSlackApi, startFakeSlackApi } from './support/fakeSlackApi.js';
import {
  dmEvent,
  type Harness,
  postSlack,
  SEED_ID,
  startHarness,
  twoCallOffKnowledge,
  until,
} from './support/harness.js';

const QUESTION = 'När är sista anbudsdag?';

type Block = {
  type: string;
  text?: { text: string };
  elements?: { text?: string; action_id?: string; value?: string }[];
};
const blockText = (post: Record<string, unknown>) =>
  (post.blocks as Block[])
    .map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')].join('\n'))
    .join('\n');

interface Backend {
  name: string;
  setup(): Promise<{ dataDir: string; env: Record<string, string>; dispose(): Promise<void> }>;
}

const sqlite: Backend = {
  name: 'SQLite',
  async setup() {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-conv-'));
    return { dataDir, env: {}, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

const postgres: Backend = {
  name: 'PostgreSQL',
  async setup() {
    const schema = `conv_e2e_${randomBytes(6).toString('hex')}`;
    const baseUrl = await testDatabaseUrl();
    const url = new URL(baseUrl);
    url.searchParams.set('schema', schema);
    // A data dir per instance: only the database is shared, as on two machines.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-conv-pg-'));
    return {
      dataDir,
      env: { DATABASE_URL: url.toString() },
      async dispose() {
        const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

function clickPayload(api: FakeSlackApi, value: string, actionId: string, n: number) {
  return new URLSearchParams({
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: 'T1', domain: 'x' },
      user: { id: 'U123', name: 'anna' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: `trig.click.${n}`,
      channel: { id: 'D900', name: 'directmessage' },
      container: { type: 'message', message_ts: '1.2', channel_id: 'D900' },
      response_url: `${api.url.replace(/api\/$/, '')}respond/choose${n}`,
      actions: [{ type: 'button', action_id: actionId, block_id: 'avropsbot_choose_0', value, action_ts: '1.3' }],
    }),
  }).toString();
}

function slashCommand(api: FakeSlackApi, trigger: string): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    channel_id: 'D900',
    channel_name: 'directmessage',
    user_id: 'U123',
    user_name: 'anna',
    command: '/avropsfraga',
    text: QUESTION,
    response_url: `${api.url.replace(/api\/$/, '')}respond/${trigger}`,
    trigger_id: trigger,
    api_app_id: 'A1',
  }).toString();
}

for (const backend of [sqlite, postgres]) {
  describe(`Slack on several instances sharing the register (${backend.name})`, () => {
    it('a question held on one instance is answered once, through another, with its original time of receipt', async () => {
      const shared = await backend.setup();
      const api = await startFakeSlackApi({ U123: 'Anna Svensson' });
      const knowledgeDir = twoCallOffKnowledge(['CMAPPED']);
      const started: Harness[] = [];
      const instance = async (dataDir?: string) => {
        const h = await startHarness({
          knowledgeDir,
          slackApi: api,
          env: shared.env,
          // SQLite is shared through the data dir; PostgreSQL instances each get their own.
          dataDir: dataDir ?? (backend === sqlite ? shared.dataDir : undefined),
          now: '2026-01-26T10:00',
        });
        started.push(h);
        return h;
      };
      try {
        const a = await instance();
        const b = await instance();

        // On A, before the deadline: a DM and a slash command, both held for the choice.
        await postSlack(a.url, JSON.stringify(dmEvent({ eventId: 'EvHeld', text: QUESTION, channel: 'D900' })));
        const [choose] = (await api.waitFor('chat.postMessage', 1)).map((c) => c.args);
        await postSlack(a.url, slashCommand(api, 'trig.held'), { contentType: 'application/x-www-form-urlencoded' });
        await api.waitFor('respond', 1);
        // Slack retries the DM event; the balancer sends it to B: still held, nothing said twice.
        await postSlack(b.url, JSON.stringify(dmEvent({ eventId: 'EvHeld', text: QUESTION, channel: 'D900' })), {
          retryNum: 1,
        });
        await until(() => b.logLines.some((l) => l.includes('"reason":"pending_again"')), 10_000, 'the retry on B');
        expect(api.posts()).toHaveLength(1);

        // A goes away (restart, scale-in); its memory goes with it.
        await a.server.close();

        // The supplier clicks after the question deadline; B and a fresh instance C both get the click.
        const c = await instance();
        b.clock.set('2026-01-30T09:00');
        c.clock.set('2026-01-30T09:00');
        const button = (choose!.blocks as Block[])
          .find((bl) => bl.type === 'actions')
          ?.elements?.find((e) => e.value === SEED_ID);
        expect(button?.action_id).toBeDefined();
        const clicks = await Promise.all(
          [b, c].map((h, i) =>
            postSlack(h.url, clickPayload(api, SEED_ID, button!.action_id!, i), {
              contentType: 'application/x-www-form-urlencoded',
            }),
          ),
        );
        expect(clicks.map((r) => r.status)).toEqual([200, 200]);
        // Both confirm the choice; only one answers the two held questions.
        await api.waitFor('chat.postMessage', 2);
        await b.server.close();
        await c.server.close();

        const answers = api.posts().slice(1);
        expect(answers).toHaveLength(1);
        expect(answers[0]?.channel).toBe('D900');
        expect(blockText(answers[0]!)).toContain('1.12.4');
        // The slash command's answer went to its response URL, rebuilt from the stored question.
        const heldResponds = api.calls.filter(
          (call) => call.method === 'respond' && call.args.response_type === 'ephemeral',
        );
        const answeredThroughUrl = heldResponds.filter((call) => blockText(call.args).includes('1.12.4'));
        expect(answeredThroughUrl).toHaveLength(1);

        const register = await openRegister({
          dataDir: shared.dataDir,
          ...(shared.env.DATABASE_URL ? { databaseUrl: shared.env.DATABASE_URL } : {}),
          logger: silentLogger,
        });
        try {
          const entries = await register.list();
          expect(entries.map((e) => [e.deliveryId, e.callOff, e.receivedAt]).sort()).toEqual([
            ['slack:EvHeld', SEED_ID, '2026-01-26T09:00:00.000Z'],
            ['slack:command:trig.held', SEED_ID, '2026-01-26T09:00:00.000Z'],
          ]);
          expect(entries.every((e) => e.botAnswer?.status === 'answered')).toBe(true);
          expect(await register.verify()).toMatchObject({ ok: true, entries: 2, events: 4 });
        } finally {
          await register.close();
        }
      } finally {
        for (const h of started) await h.close();
        await api.close();
        rmSync(knowledgeDir, { recursive: true, force: true });
        await shared.dispose();
      }
    }, 60_000);
  });
}
