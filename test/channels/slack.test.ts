/**
 * Slack end to end through the real Bolt receiver and WebClient: signed
 * requests to the real server (real createApp, real SQLite register), a fake
 * Slack Web API on 127.0.0.1 recording what the bot posts.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Composer } from '../../src/core/ports.js';
import {
  dmEvent,
  type Harness,
  mentionEvent,
  postSlack,
  startHarness,
  twoCallOffKnowledge,
} from './support/harness.js';

const QUESTION = 'När är sista anbudsdag?';

type Block = { type: string; text?: { text: string }; elements?: { text?: string }[] };
const blockText = (post: Record<string, unknown>) =>
  (post.blocks as Block[])
    .map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')].join('\n'))
    .join('\n');

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('Slack events', () => {
  it('answers the url_verification challenge', async () => {
    h = await startHarness();
    const res = await postSlack(h.url, JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: 'abc123' });
  });

  it('answers a mention in the thread, quoting 1.12.4, with receipt and Swedish time', async () => {
    h = await startHarness({ now: '2026-01-26T10:00' });
    const event = mentionEvent({ eventId: 'Ev0001', text: QUESTION, channel: 'C100' });
    const res = await postSlack(h.url, JSON.stringify(event));
    expect(res.status).toBe(200);
    const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
    expect(post?.channel).toBe('C100');
    expect(post?.thread_ts).toBe(event.event.ts);
    const blocks = blockText(post!);
    expect(blocks).toContain('Avsnitt 1.12.4 Sista anbudsdag');
    expect(blocks).toContain('Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59');
    expect(blocks).toContain('F-0001');
    expect(blocks).toContain('2026-01-26 10:00:00 (svensk tid)');
    for (const b of post!.blocks as Block[]) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    expect(String(post?.text)).toContain('1.12.4');
    expect(String(post?.text)).toContain('F-0001');
    // The answer already quotes 1.12.4: the fallback text does not print its label and quote again.
    expect(String(post?.text).match(/1\.12\.4/g)).toHaveLength(1);

    const entries = await h.closeAndReadRegister();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      deliveryId: 'slack:Ev0001',
      question: QUESTION,
      receivedAt: '2026-01-26T09:00:00.000Z',
      asker: { channel: 'slack', userId: 'U123', name: 'Anna Svensson' },
    });
    expect(entries[0]?.publicQuestion).not.toContain('Anna');
    expect(h.slackApi!.calls.filter((c) => c.method === 'users.info')).toHaveLength(1);
  });

  it('refuses a bad signature and a stale timestamp with 401, registering nothing', async () => {
    h = await startHarness();
    const body = JSON.stringify(mentionEvent({ eventId: 'EvBad', text: QUESTION }));
    const bad = await postSlack(h.url, body, { secret: 'not-the-secret' });
    expect(bad.status).toBe(401);
    const stale = await postSlack(h.url, body, { ts: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(stale.status).toBe(401);
    const unsigned = await postSlack(h.url, body, { signature: '' });
    expect(unsigned.status).toBe(401);
    expect(await h.closeAndReadRegister()).toHaveLength(0);
    expect(h.slackApi!.posts()).toHaveLength(0);
  });

  it('a retried event (X-Slack-Retry-Num) makes no second entry and no second reply', async () => {
    h = await startHarness();
    const body = JSON.stringify(mentionEvent({ eventId: 'EvRetry', text: QUESTION }));
    // A retry racing the first delivery, and one arriving after the answer was posted.
    const [first, racing] = await Promise.all([postSlack(h.url, body), postSlack(h.url, body, { retryNum: 1 })]);
    expect([first.status, racing.status]).toEqual([200, 200]);
    await h.slackApi!.waitFor('chat.postMessage', 1);
    const late = await postSlack(h.url, body, { retryNum: 2 });
    expect(late.status).toBe(200);
    const entries = await h.closeAndReadRegister();
    expect(entries).toHaveLength(1);
    expect(h.slackApi!.posts()).toHaveLength(1);
  });

  it('two instances sharing the register: a retry landing on the other instance is a duplicate', async () => {
    h = await startHarness();
    const other = await startHarness({ dataDir: h.dataDir, slackApi: h.slackApi! });
    try {
      const body = JSON.stringify(mentionEvent({ eventId: 'EvTwo', text: QUESTION }));
      const [a, b] = await Promise.all([postSlack(h.url, body), postSlack(other.url, body, { retryNum: 1 })]);
      expect([a.status, b.status]).toEqual([200, 200]);
      await h.slackApi!.waitFor('chat.postMessage', 1);
      await other.closeAndReadRegister();
      const entries = await h.closeAndReadRegister();
      expect(entries).toHaveLength(1);
      expect(h.slackApi!.posts()).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('answers a direct message in the DM, and ignores edits, bots and its own messages', async () => {
    h = await startHarness();
    const res = await postSlack(h.url, JSON.stringify(dmEvent({ eventId: 'EvDm', text: QUESTION, channel: 'D777' })));
    expect(res.status).toBe(200);
    const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
    expect(post?.channel).toBe('D777');
    expect(post?.thread_ts).toBeUndefined();
    expect(blockText(post!)).toContain('1.12.4');

    const ignored = [
      dmEvent({ eventId: 'EvEdit', text: QUESTION, extra: { subtype: 'message_changed' } }),
      dmEvent({ eventId: 'EvDel', text: '', extra: { subtype: 'message_deleted' } }),
      dmEvent({ eventId: 'EvBot', text: QUESTION, user: 'UOTHERBOT', extra: { bot_id: 'B999' } }),
      dmEvent({ eventId: 'EvSelf', text: QUESTION, user: 'UBOT', extra: { bot_id: 'BBOT' } }),
      mentionEvent({ eventId: 'EvMentionBot', text: QUESTION }),
    ];
    (ignored[4]!.event as Record<string, unknown>).bot_id = 'B999';
    for (const e of ignored) expect((await postSlack(h.url, JSON.stringify(e))).status).toBe(200);
    const entries = await h.closeAndReadRegister();
    expect(entries.map((e) => e.deliveryId)).toEqual(['slack:EvDm']);
    expect(h.slackApi!.posts()).toHaveLength(1);
  });

  it('takes the /avropsfraga slash command: acks at once, answers through the response URL', async () => {
    h = await startHarness();
    const form = new URLSearchParams({
      token: 'legacy',
      team_id: 'T1',
      channel_id: 'C200',
      channel_name: 'upphandling',
      user_id: 'U123',
      user_name: 'anna',
      command: '/avropsfraga',
      text: QUESTION,
      response_url: `${h.slackApi!.url.replace(/api\/$/, '')}respond/cmd1`,
      trigger_id: 'trig.1',
      api_app_id: 'A1',
    }).toString();
    const res = await postSlack(h.url, form, { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('mottagen'),
    });
    const [answer] = (await h.slackApi!.waitFor('respond', 1)).map((c) => c.args);
    expect(answer?.response_type).toBe('ephemeral');
    expect(blockText(answer!)).toContain('Avsnitt 1.12.4 Sista anbudsdag');
    const entries = await h.closeAndReadRegister();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.deliveryId).toBe('slack:command:trig.1');
  });

  it('after the question deadline replies with the refusal and registers no question', async () => {
    h = await startHarness({ now: '2026-01-30T09:00' });
    await postSlack(h.url, JSON.stringify(mentionEvent({ eventId: 'EvLate', text: QUESTION })));
    const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
    const text = blockText(post!);
    expect(text).toContain('2026-01-29');
    expect(text).toContain('gick ut 2026-01-29');
    expect(text).not.toContain('F-0');
    expect(await h.closeAndReadRegister()).toHaveLength(0);
  });

  it('passes an over-long message to the core, which rejects it without registering', async () => {
    h = await startHarness();
    await postSlack(h.url, JSON.stringify(dmEvent({ eventId: 'EvLong', text: 'Fråga '.repeat(2000) })));
    const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
    expect(String(post?.text)).toContain('för lång');
    expect(await h.closeAndReadRegister()).toHaveLength(0);
  });

  it('rate-limits one asker politely, and a retry of the limited event gets no second notice', async () => {
    h = await startHarness({ server: { rateLimit: { capacity: 2, perMinute: 2 } } });
    const bodies = [1, 2, 3].map((i) => JSON.stringify(dmEvent({ eventId: `EvRate${i}`, text: `${QUESTION} (${i})` })));
    for (const b of bodies) await postSlack(h.url, b);
    await h.slackApi!.waitFor('chat.postMessage', 3);
    await postSlack(h.url, bodies[2]!, { retryNum: 1 });
    const entries = await h.closeAndReadRegister();
    expect(entries).toHaveLength(2);
    const posts = h.slackApi!.posts();
    expect(posts).toHaveLength(3);
    expect(posts.filter((p) => String(p.text).includes('många frågor på kort tid'))).toHaveLength(1);
  });

  it('when the register cannot take the question, says so in Swedish and asks to try again', async () => {
    h = await startHarness();
    h.app.register.receive = async () => {
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    await postSlack(h.url, JSON.stringify(mentionEvent({ eventId: 'EvDown', text: QUESTION })));
    const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
    expect(String(post?.text)).toContain('kunde inte tas emot just nu');
    expect(String(post?.text)).not.toContain('SQLITE');
    expect(h.logLines.some((l) => l.includes('question could not be taken'))).toBe(true);
  });

  it('a reply carrying <!channel> and <@U123> arrives escaped: it pings no one, in the post or the ephemeral answer', async () => {
    // As a published answer or a document quote could carry them: the composer's answer and quote say so.
    const hostile = 'Svar till <!channel> och <@U123> & <!here>: se <https://evil.example|länken>.';
    h = await startHarness({
      wrapComposer: (inner: Composer): Composer => ({
        compose: async (input) => {
          const real = await inner.compose(input);
          return {
            ...real,
            answer: hostile,
            citations: real.citations.map((c) => ({ ...c, heading: `${c.heading} <@U999>` })),
          };
        },
      }),
    });
    await postSlack(h.url, JSON.stringify(mentionEvent({ eventId: 'EvPing', text: QUESTION })));
    const form = new URLSearchParams({
      token: 'legacy',
      team_id: 'T1',
      channel_id: 'C200',
      user_id: 'U123',
      command: '/avropsfraga',
      text: QUESTION,
      response_url: `${h.slackApi!.url.replace(/api\/$/, '')}respond/ping`,
      trigger_id: 'trig.ping',
      api_app_id: 'A1',
    }).toString();
    await postSlack(h.url, form, { contentType: 'application/x-www-form-urlencoded' });
    const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
    const [ephemeral] = (await h.slackApi!.waitFor('respond', 1)).map((c) => c.args);
    for (const sent of [post!, ephemeral!]) {
      const all = JSON.stringify(sent);
      expect(all).not.toMatch(/<[!@#]/u);
      expect(all).not.toContain('<https');
      expect(String(sent.text)).toContain('Svar till &lt;!channel&gt; och &lt;@U123&gt; &amp; &lt;!here&gt;');
      expect(blockText(sent)).toContain('Svar till &lt;!channel&gt; och &lt;@U123&gt;');
      expect(blockText(sent)).toContain('Sista anbudsdag &lt;@U999&gt;');
      // The section label is in the fallback once, with the quote.
      expect(String(sent.text).match(/Avsnitt 1\.12\.4 Sista anbudsdag/g)).toHaveLength(1);
    }
  });

  it('when the register fails after taking the question, the supplier still gets the receipt', async () => {
    h = await startHarness({ recordRetryDelaysMs: [0, 0] });
    h.app.register.recordBotAnswer = async () => {
      throw new Error('Connection terminated unexpectedly');
    };
    const res = await postSlack(h.url, JSON.stringify(mentionEvent({ eventId: 'EvHalf', text: QUESTION })));
    expect(res.status).toBe(200);
    const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
    const text = `${String(post?.text)}\n${blockText(post!)}`;
    expect(text).toContain('registrerad som F-0001');
    expect(text).toContain('kvittonummer F-0001');
    expect(text).not.toContain('kunde inte tas emot');
    expect(text).not.toContain('Connection terminated');
    const entries = await h.closeAndReadRegister();
    expect(entries).toMatchObject([{ id: 'F-0001', status: 'received', botAnswer: null, deliveryId: 'slack:EvHalf' }]);
    // The answer is still owed: a later sweep (or the next instance) sends it.
    const db = new Database(path.join(h.dataDir, 'register.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT entry_id FROM owed_replies').all()).toEqual([{ entry_id: 'F-0001' }]);
    } finally {
      db.close();
    }
  });

  it('logs no question text and no names', async () => {
    h = await startHarness();
    await postSlack(h.url, JSON.stringify(mentionEvent({ eventId: 'EvLog', text: QUESTION })));
    await h.slackApi!.waitFor('chat.postMessage', 1);
    await h.closeAndReadRegister();
    const log = h.logLines.join('');
    expect(log).toContain('F-0001');
    expect(log).not.toContain('När är sista');
    expect(log).not.toContain('Anna Svensson');
    expect(log).not.toContain('xoxb-test-token');
  });
});

describe('Slack with several call-offs', () => {
  it('a held slash command whose response URL has expired is answered to the asker in the channel', async () => {
    h = await startHarness({ knowledgeDir: twoCallOffKnowledge(['CMAPPED']) });
    const api = h.slackApi!;
    const command = (trigger: string) =>
      new URLSearchParams({
        token: 'legacy',
        team_id: 'T1',
        channel_id: 'C300',
        channel_name: 'allmant',
        user_id: 'U123',
        user_name: 'anna',
        command: '/avropsfraga',
        text: QUESTION,
        response_url: `${api.url.replace(/api\/$/, '')}respond/expired-${trigger}`,
        trigger_id: trigger,
        api_app_id: 'A1',
      }).toString();
    await postSlack(h.url, command('trig.x1'), { contentType: 'application/x-www-form-urlencoded' });
    await postSlack(h.url, command('trig.x2'), { contentType: 'application/x-www-form-urlencoded' });
    // The choice itself could not go through the URL either: it reached the asker in the channel.
    const prompts = (await api.waitFor('chat.postEphemeral', 2)).map((c) => c.args);
    expect(prompts[0]).toMatchObject({ channel: 'C300', user: 'U123' });
    const button = (prompts[0]!.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .find((b) => b.type === 'actions')
      ?.elements?.find((e) => e.value === 'af-2025-0108-8097');
    const payload = {
      type: 'block_actions',
      team: { id: 'T1', domain: 'x' },
      user: { id: 'U123', name: 'anna' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: 'trig.x3',
      channel: { id: 'C300', name: 'allmant' },
      container: { type: 'message', message_ts: '1.2', channel_id: 'C300' },
      response_url: `${api.url.replace(/api\/$/, '')}respond/choose-x`,
      actions: [
        { type: 'button', action_id: button!.action_id, block_id: 'b', value: button!.value, action_ts: '1.3' },
      ],
    };
    await postSlack(h.url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
      contentType: 'application/x-www-form-urlencoded',
    });
    const answers = (await api.waitFor('chat.postEphemeral', 4)).slice(2).map((c) => c.args);
    for (const a of answers) {
      expect(a).toMatchObject({ channel: 'C300', user: 'U123' });
      expect(blockText(a)).toContain('1.12.4');
    }
    expect(api.posts()).toHaveLength(0);
    const entries = await h.closeAndReadRegister();
    expect(entries.map((e) => e.deliveryId).sort()).toEqual(['slack:command:trig.x1', 'slack:command:trig.x2']);
    expect(h.logLines.join('\n')).toContain('response_url failed');
  });

  it('uses the channel mapping, asks in a DM with buttons, remembers the choice', async () => {
    h = await startHarness({ knowledgeDir: twoCallOffKnowledge(['CMAPPED']) });
    const api = h.slackApi!;

    // A mapped channel: answered for the second call-off without asking.
    await postSlack(
      h.url,
      JSON.stringify(mentionEvent({ eventId: 'EvMapped', text: 'Hur lång är avtalsperioden?', channel: 'CMAPPED' })),
    );
    const [mapped] = (await api.waitFor('chat.postMessage', 1)).map((c) => c.args);
    expect(blockText(mapped!)).toContain('Af-2099/0001');

    // A DM: the supplier is asked to choose; the question waits.
    await postSlack(h.url, JSON.stringify(dmEvent({ eventId: 'EvChoose', text: QUESTION, channel: 'D900' })));
    const [, choose] = (await api.waitFor('chat.postMessage', 2)).map((c) => c.args);
    const actions = (choose!.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (b) => b.type === 'actions',
    );
    const seedButton = actions?.elements?.find((e) => e.value === 'af-2025-0108-8097');
    expect(seedButton).toBeDefined();

    // The click: block_actions, form-encoded as Slack sends it.
    const payload = {
      type: 'block_actions',
      team: { id: 'T1', domain: 'x' },
      user: { id: 'U123', name: 'anna' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: 'trig.2',
      channel: { id: 'D900', name: 'directmessage' },
      container: { type: 'message', message_ts: '1.2', channel_id: 'D900' },
      response_url: `${api.url.replace(/api\/$/, '')}respond/choose1`,
      actions: [
        {
          type: 'button',
          action_id: seedButton!.action_id,
          block_id: 'avropsbot_choose_0',
          value: seedButton!.value,
          action_ts: '1.3',
        },
      ],
    };
    const click = await postSlack(h.url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(click.status).toBe(200);
    const [confirm] = (await api.waitFor('respond', 1)).map((c) => c.args);
    expect(confirm?.replace_original).toBe(true);
    expect(String(confirm?.text)).toContain('Af-2025/0108 8097');
    const posts = (await api.waitFor('chat.postMessage', 3)).map((c) => c.args);
    expect(posts[2]?.channel).toBe('D900');
    expect(blockText(posts[2]!)).toContain('1.12.4');

    // The choice is remembered: the next DM is answered at once.
    await postSlack(h.url, JSON.stringify(dmEvent({ eventId: 'EvAfter', text: QUESTION, channel: 'D900' })));
    const after = (await api.waitFor('chat.postMessage', 4)).map((c) => c.args);
    expect(blockText(after[3]!)).toContain('1.12.4');

    const entries = await h.closeAndReadRegister();
    expect(entries.map((e) => [e.deliveryId, e.callOff]).sort()).toEqual([
      ['slack:EvAfter', 'af-2025-0108-8097'],
      ['slack:EvChoose', 'af-2025-0108-8097'],
      ['slack:EvMapped', 'af-test-second'],
    ]);
  });
});
