/**
 * Teams end to end through the real botbuilder CloudAdapter: activities posted
 * to /api/messages of the real server (real createApp, real SQLite register),
 * replies recorded by a fake Bot Framework connector on 127.0.0.1, or returned
 * in the HTTP body with deliveryMode "expectReplies".
 */
import type { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cardOrPlain, MAX_CARD_BYTES, replyActivity } from '../../src/channels/teams/card.js';
import { deliveryIdOf, isLoopbackUrl } from '../../src/channels/teams/teamsChannel.js';
import type { CallOff, Reply } from '../../src/core/types.js';
import { type FakeConnector, startFakeConnector } from './support/fakeConnector.js';
import { type Harness, startHarness, twoCallOffKnowledge } from './support/harness.js';

const QUESTION = 'När är sista anbudsdag?';
/** Teams without an app id, for local testing: only with the explicit switch (and loopback service URLs). */
const LOCAL_TEAMS = { slack: false, env: { TEAMS_ALLOW_UNAUTHENTICATED: '1' } } as const;

let h: Harness | null = null;
let connector: FakeConnector;
beforeEach(async () => {
  connector = await startFakeConnector();
});
afterEach(async () => {
  await h?.close();
  h = null;
  await connector.close();
});

function activity(p: {
  id: string;
  text: string;
  conversationId?: string;
  conversationType?: string;
  extra?: Record<string, unknown>;
}) {
  return {
    type: 'message',
    id: p.id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:user-1', name: 'Anna Svensson', aadObjectId: 'aad-anna' },
    conversation: { id: p.conversationId ?? 'a:personal-1', conversationType: p.conversationType ?? 'personal' },
    recipient: { id: '28:avropsbot', name: 'avropsbot' },
    text: p.text,
    locale: 'sv-SE',
    ...p.extra,
  };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text };
}

type Card = { body: Record<string, unknown>[]; fallbackText?: string };
const cardOf = (a: Record<string, unknown>) =>
  ((a.attachments as { contentType: string; content: Card }[] | undefined) ?? []).find(
    (x) => x.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content;

describe('Teams', () => {
  it('answers a personal chat with a typing indicator and an Adaptive Card quoting 1.12.4', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const res = await post(h.url, activity({ id: 'act-1', text: QUESTION }));
    expect(res.status).toBe(200);
    const [reply] = await connector.waitForMessages(1);
    const typing = connector.calls.filter((c) => c.activity.type === 'typing');
    expect(typing).toHaveLength(1);
    expect(connector.calls.indexOf(typing[0]!)).toBeLessThan(
      connector.calls.findIndex((c) => c.activity.type === 'message'),
    );
    expect(connector.calls.find((c) => c.activity.type === 'message')?.path).toMatch(
      /^\/v3\/conversations\/a%3Apersonal-1\/activities\/act-1$/,
    );
    const card = JSON.stringify(cardOf(reply!));
    expect(card).toContain('Avsnitt 1.12.4 Sista anbudsdag');
    expect(card).toContain('Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59');
    expect(card).toContain('F-0001');
    expect(card).toContain('2026-01-26 10:00:00 (svensk tid)');
    // One copy of the answer: the card, with no text body that Teams would show under it.
    expect(reply?.text).toBeUndefined();
    expect(reply?.attachments).toHaveLength(1);
    expect(String(reply?.summary).length).toBeGreaterThan(0);
    expect(String(reply?.summary)).not.toContain('\n');
    expect(cardOf(reply!)?.fallbackText).toContain('1.12.4');
    expect(cardOf(reply!)?.fallbackText).toContain('F-0001');

    const entries = await h.closeAndReadRegister();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      deliveryId: deliveryIdOf({ id: 'act-1', conversation: { id: 'a:personal-1' } } as Activity),
      question: QUESTION,
      asker: { channel: 'teams', userId: 'aad-anna', name: 'Anna Svensson' },
    });
  });

  it('returns the answer in the HTTP body with deliveryMode expectReplies', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const res = await post(h.url, activity({ id: 'act-2', text: QUESTION, extra: { deliveryMode: 'expectReplies' } }));
    expect(res.status).toBe(200);
    const { activities } = JSON.parse(res.body) as { activities: Record<string, unknown>[] };
    const message = activities.find((a) => a.type === 'message');
    expect(JSON.stringify(cardOf(message!))).toContain(
      'Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59',
    );
    expect(message?.text).toBeUndefined();
    expect(cardOf(message!)?.fallbackText).toContain('Avsnitt 1.12.4 Sista anbudsdag');
    expect(connector.messages()).toHaveLength(0);
  });

  it('strips the <at> mention in a channel and replies in the thread', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const res = await post(
      h.url,
      activity({
        id: 'act-3',
        text: `<at>avropsbot</at> ${QUESTION}`,
        conversationId: '19:chan@thread.tacv2;messageid=1700',
        conversationType: 'channel',
        extra: {
          entities: [
            { type: 'mention', text: '<at>avropsbot</at>', mentioned: { id: '28:avropsbot', name: 'avropsbot' } },
          ],
          channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:chan@thread.tacv2' } },
        },
      }),
    );
    expect(res.status).toBe(200);
    await connector.waitForMessages(1);
    expect(connector.calls.find((c) => c.activity.type === 'message')?.path).toContain(
      encodeURIComponent('19:chan@thread.tacv2;messageid=1700'),
    );
    const entries = await h.closeAndReadRegister();
    expect(entries[0]?.question).toBe(QUESTION);
  });

  it('a duplicate activity id gets no second reply and no second entry', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const body = activity({ id: 'act-dup', text: QUESTION });
    expect((await post(h.url, body)).status).toBe(200);
    expect((await post(h.url, body)).status).toBe(200);
    const entries = await h.closeAndReadRegister();
    expect(entries).toHaveLength(1);
    expect(connector.messages()).toHaveLength(1);
  });

  it('the same activity id in two conversations is two questions (Teams ids are per conversation)', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const first = activity({ id: '1767225600000', text: QUESTION, conversationId: 'a:personal-1' });
    const second = activity({ id: '1767225600000', text: QUESTION, conversationId: 'a:personal-2' });
    expect((await post(h.url, first)).status).toBe(200);
    expect((await post(h.url, second)).status).toBe(200);
    const entries = await h.closeAndReadRegister();
    expect(entries).toHaveLength(2);
    expect(new Set(entries.map((e) => e.deliveryId)).size).toBe(2);
    // The conversation goes in as a digest: a 1:1 chat's id points at a person.
    expect(entries.map((e) => e.deliveryId).join(' ')).not.toContain('personal');
    expect(connector.messages()).toHaveLength(2);
  });

  it('after the question deadline replies with the Swedish refusal', async () => {
    h = await startHarness({ ...LOCAL_TEAMS, now: '2026-01-30T08:00' });
    const res = await post(
      h.url,
      activity({ id: 'act-late', text: QUESTION, extra: { deliveryMode: 'expectReplies' } }),
    );
    const { activities } = JSON.parse(res.body) as { activities: Record<string, unknown>[] };
    const message = activities.find((a) => a.type === 'message');
    expect(message?.text).toBeUndefined();
    expect(String(message?.summary)).toContain('gick ut 2026-01-29');
    expect(cardOf(message!)?.fallbackText).toContain('gick ut 2026-01-29');
    expect(await h.closeAndReadRegister()).toHaveLength(0);
  });

  it('says once what it is for when added to a chat, and registers nothing', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const added = {
      ...activity({ id: 'upd-1', text: '' }),
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:avropsbot' }, { id: '29:user-1' }],
      deliveryMode: 'expectReplies',
    };
    const res = await post(h.url, added);
    const messages = (JSON.parse(res.body) as { activities: Record<string, unknown>[] }).activities;
    expect(messages).toHaveLength(1);
    expect(String(messages[0]?.text)).toContain('Af-2025/0108 8097');
    expect(String(messages[0]?.text)).toContain('frågor senast 2026-01-29');
    const other = { ...added, id: 'upd-2', membersAdded: [{ id: '29:user-2' }] };
    const quiet = await post(h.url, other);
    expect(JSON.parse(quiet.body).activities).toHaveLength(0);
    expect(await h.closeAndReadRegister()).toHaveLength(0);
  });

  it('ignores messages from bots', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const body = {
      ...activity({ id: 'act-bot', text: QUESTION }),
      from: { id: '28:other', name: 'annan bot', role: 'bot' },
    };
    expect((await post(h.url, body)).status).toBe(200);
    expect(await h.closeAndReadRegister()).toHaveLength(0);
    expect(connector.calls).toHaveLength(0);
  });

  it('with several call-offs asks with card buttons, then answers the waiting question', async () => {
    h = await startHarness({ ...LOCAL_TEAMS, knowledgeDir: twoCallOffKnowledge() });
    const ask = await post(h.url, activity({ id: 'act-c1', text: QUESTION, extra: { deliveryMode: 'expectReplies' } }));
    const choose = (JSON.parse(ask.body) as { activities: Record<string, unknown>[] }).activities.find(
      (a) => a.type === 'message',
    );
    expect(choose?.text).toBeUndefined();
    expect(String(choose?.summary).length).toBeGreaterThan(0);
    const actions = (cardOf(choose!) as unknown as { actions: { data: Record<string, unknown> }[] }).actions;
    const seed = actions.find((a) => a.data.callOffId === 'af-2025-0108-8097');
    expect(seed).toBeDefined();
    const click = await post(
      h.url,
      activity({ id: 'act-c2', text: '', extra: { value: seed!.data, deliveryMode: 'expectReplies' } }),
    );
    const replies = (JSON.parse(click.body) as { activities: Record<string, unknown>[] }).activities.filter(
      (a) => a.type === 'message',
    );
    expect(String(replies[0]?.text)).toContain('Af-2025/0108 8097');
    expect(JSON.stringify(cardOf(replies[1]!))).toContain('1.12.4');
    const entries = await h.closeAndReadRegister();
    expect(entries.map((e) => [e.deliveryId, e.callOff])).toEqual([
      [deliveryIdOf({ id: 'act-c1', conversation: { id: 'a:personal-1' } } as Activity), 'af-2025-0108-8097'],
    ]);
  });
});

describe('Teams with several call-offs', () => {
  it('a question held before a restart is answered when the choice reaches another instance', async () => {
    const knowledgeDir = twoCallOffKnowledge();
    h = await startHarness({ ...LOCAL_TEAMS, knowledgeDir });
    const ask = await post(h.url, activity({ id: 'act-r1', text: QUESTION, extra: { deliveryMode: 'expectReplies' } }));
    const choose = (JSON.parse(ask.body) as { activities: Record<string, unknown>[] }).activities.find(
      (a) => a.type === 'message',
    );
    const actions = (cardOf(choose!) as unknown as { actions: { data: Record<string, unknown> }[] }).actions;
    const seed = actions.find((a) => a.data.callOffId === 'af-2025-0108-8097');
    await h.server.close();

    const other = await startHarness({ ...LOCAL_TEAMS, knowledgeDir, dataDir: h.dataDir, now: '2026-01-30T09:00' });
    try {
      const click = await post(
        other.url,
        activity({ id: 'act-r2', text: '', extra: { value: seed!.data, deliveryMode: 'expectReplies' } }),
      );
      const replies = (JSON.parse(click.body) as { activities: Record<string, unknown>[] }).activities.filter(
        (a) => a.type === 'message',
      );
      expect(String(replies[0]?.text)).toContain('Af-2025/0108 8097');
      expect(JSON.stringify(cardOf(replies[1]!))).toContain('1.12.4');
      const entries = await other.closeAndReadRegister();
      expect(entries.map((e) => [e.deliveryId, e.receivedAt])).toEqual([
        [deliveryIdOf({ id: 'act-r1', conversation: { id: 'a:personal-1' } } as Activity), '2026-01-26T09:00:00.000Z'],
      ]);
    } finally {
      await other.close();
    }
  });

  it('a channel listed in teamsConversations is answered for its call-off without asking', async () => {
    h = await startHarness({ ...LOCAL_TEAMS, knowledgeDir: twoCallOffKnowledge() });
    const res = await post(
      h.url,
      activity({
        id: 'act-m1',
        text: '<at>avropsbot</at> Hur länge gäller avtalet?',
        conversationId: '19:mapped@thread.tacv2;messageid=42',
        conversationType: 'channel',
        extra: {
          deliveryMode: 'expectReplies',
          entities: [
            { type: 'mention', text: '<at>avropsbot</at>', mentioned: { id: '28:avropsbot', name: 'avropsbot' } },
          ],
          channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:mapped@thread.tacv2' } },
        },
      }),
    );
    const message = (JSON.parse(res.body) as { activities: Record<string, unknown>[] }).activities.find(
      (a) => a.type === 'message',
    );
    expect(message?.text).toBeUndefined();
    expect(cardOf(message!)?.fallbackText).toContain('Af-2099/0001');
    const entries = await h.closeAndReadRegister();
    expect(entries.map((e) => [e.deliveryId, e.callOff])).toEqual([
      [
        deliveryIdOf({ id: 'act-m1', conversation: { id: '19:mapped@thread.tacv2;messageid=42' } } as Activity),
        'af-test-second',
      ],
    ]);
  });
});

describe('Teams authentication', () => {
  it('with MICROSOFT_APP_ID set, a request without a token gets 401 and nothing is registered', async () => {
    h = await startHarness({
      slack: false,
      env: { MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'not-used-here' },
    });
    // botbuilder's own process() console.error()s every refused token; ours must print nothing.
    const consoleError = vi.spyOn(console, 'error');
    const consoleWarn = vi.spyOn(console, 'warn');
    const res = await post(h.url, activity({ id: 'act-auth', text: QUESTION }));
    expect(res.status).toBe(401);
    // A token that is not a valid JWT: refused by botbuilder, answered without its internals.
    const forged = await post(h.url, activity({ id: 'act-auth2', text: QUESTION }), {
      authorization: 'Bearer abc.def.ghi',
    });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body)).toEqual({ error: 'unauthorized', message: 'Autentisering krävs.' });
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    consoleError.mockRestore();
    consoleWarn.mockRestore();
    const refused = h.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'teams: request refused');
    expect(refused).toMatchObject({ level: 'warn', status: 401 });
    expect(h.logLines.join('')).not.toContain('Teams-autentiseringen är AVSTÄNGD');
    expect(await h.closeAndReadRegister()).toHaveLength(0);
    expect(connector.calls).toHaveLength(0);
  });

  it('a body that is not an activity gets 400 in Swedish, and nothing on the console', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const consoleWarn = vi.spyOn(console, 'warn');
    for (const body of [{ text: QUESTION }, [1, 2], { type: '' }]) {
      const res = await post(h.url, body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ error: 'bad_request', message: 'Begäran kunde inte läsas.' });
    }
    expect(consoleWarn).not.toHaveBeenCalled();
    consoleWarn.mockRestore();
    expect(await h.closeAndReadRegister()).toHaveLength(0);
  });

  it('without MICROSOFT_APP_ID and without TEAMS_ALLOW_UNAUTHENTICATED, Teams is off: 404, nothing taken', async () => {
    h = await startHarness({ slack: false });
    const res = await post(h.url, activity({ id: 'act-off', text: QUESTION }));
    expect(res.status).toBe(404);
    const channels = h.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'server: channels');
    expect(channels?.teams).toContain('off');
    expect(h.logLines.join('')).not.toContain('AVSTÄNGD');
    expect(await h.closeAndReadRegister()).toHaveLength(0);
    expect(connector.calls).toHaveLength(0);
  });

  it('without authentication, an activity whose serviceUrl is not on this machine is refused: 403, nothing taken', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    for (const serviceUrl of [
      'https://smba.trafficmanager.net/emea/',
      'http://127.0.0.1.attacker.example/',
      'http://10.0.0.7:3978/',
      'not a url',
    ]) {
      const res = await post(h.url, { ...activity({ id: `act-far-${serviceUrl}`, text: QUESTION }), serviceUrl });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).message).toContain('serviceUrl');
    }
    // The same activity from a local connector is taken.
    expect((await post(h.url, activity({ id: 'act-near', text: QUESTION }))).status).toBe(200);
    await connector.waitForMessages(1);
    const entries = await h.closeAndReadRegister();
    expect(entries.map((e) => e.question)).toEqual([QUESTION]);
  });

  it('a body-less, non-JSON or malformed request gets 400, and no error in the log', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const send = (body: string | undefined, contentType?: string) =>
      fetch(`${h!.url}/api/messages`, {
        method: 'POST',
        headers: contentType ? { 'content-type': contentType } : {},
        ...(body === undefined ? {} : { body }),
      });
    const cases = [
      await send(undefined),
      await send(undefined, 'application/json'),
      await send('', 'application/json'),
      await send('type=message&text=hej', 'application/x-www-form-urlencoded'),
      await send(JSON.stringify(activity({ id: 'act-plain', text: QUESTION })), 'text/plain'),
      await send('{"type": "message",', 'application/json'),
    ];
    for (const res of cases) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_request' });
    }
    const levels = h.logLines.map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(levels.filter((l) => l.level === 'error')).toEqual([]);
    expect(await h.closeAndReadRegister()).toHaveLength(0);
  });

  it('knows which service URLs are on this machine', () => {
    for (const url of ['http://127.0.0.1:3978/', 'http://127.8.9.10/', 'http://localhost:1/', 'http://[::1]:80/']) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of [
      undefined,
      '',
      'https://smba.trafficmanager.net/emea/',
      'http://128.0.0.1/',
      'http://127.0.0.1.example.com/',
      'http://localhost.example.com/',
      'http://[::2]/',
      'http://0.0.0.0/',
    ]) {
      expect(isLoopbackUrl(url), String(url)).toBe(false);
    }
  });

  it('without MICROSOFT_APP_ID warns loudly at start-up', async () => {
    h = await startHarness({ ...LOCAL_TEAMS });
    const warning = h.logLines.map((l) => JSON.parse(l)).find((l) => String(l.msg).includes('MICROSOFT_APP_ID'));
    expect(warning?.level).toBe('warn');
  });
});

describe('Teams reply without a card', () => {
  const callOff: CallOff = {
    id: 'x',
    reference: 'Af-1/2',
    title: 'Test',
    buyer: 'Myndigheten',
    timezone: 'Europe/Stockholm',
    questionDeadline: '2026-01-29',
    dir: '/tmp/x',
  };
  // Four-byte characters: within the card's character caps, far over Teams' byte limit.
  const wide = (n: number) => '𝔸'.repeat(n);
  const bigReply: Reply = {
    callOff: 'x',
    status: 'answered',
    answer: `Svaret. ${wide(7000)}`,
    citations: Array.from({ length: 8 }, (_, i) => ({
      document: 'a.pdf',
      section: `1.${i}`,
      heading: `Rubrik ${i}`,
      quote: wide(1400),
      page: 2,
    })),
    question: { id: 'F-0042', receivedAt: '2026-07-01T08:30:05.000Z' },
  };

  it('a card too large for Teams goes as plain text, capped, with the quotes and the receipt', () => {
    const a = replyActivity(bigReply, callOff);
    expect(a.attachments).toBeUndefined();
    expect(a.textFormat).toBe('plain');
    expect(a.text).toContain('Avsnitt 1.7 Rubrik 7');
    expect(a.text).toContain('F-0042');
    expect(Buffer.byteLength(a.text ?? '', 'utf8')).toBeLessThan(MAX_CARD_BYTES);
  });

  it('a card that cannot be built goes as the plain text', () => {
    const a = cardOrPlain(
      () => {
        throw new Error('no card');
      },
      'Svaret i klartext.',
      'Svaret',
    );
    expect(a).toEqual({ type: 'message', text: 'Svaret i klartext.', textFormat: 'plain' });
  });
});
