/**
 * Possibly relevant sections (Reply.related) in Slack and Teams: end to end
 * through the real Bolt receiver and botbuilder adapter against the local
 * fakes (real createApp, real SQLite register, a composer that answers "not in
 * the documents, but this section may be relevant" from what retrieval really
 * returned), and the renderers alone for the labelling and escaping.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyMessage } from '../../src/channels/slack/blocks.js';
import { replyActivity } from '../../src/channels/teams/card.js';
import type { CallOff, Reply } from '../../src/core/types.js';
import { relatedComposer } from '../helpers/relatedComposer.js';
import { type FakeConnector, startFakeConnector } from './support/fakeConnector.js';
import { type Harness, mentionEvent, postSlack, startHarness } from './support/harness.js';

const QUESTION = 'När är sista anbudsdag?';
const HEADING = 'Kan vara relevant (inte ett svar)';

type Block = { type: string; text?: { text: string }; elements?: { text?: string }[] };
const textOf = (b: Block) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')].join('\n');

type Card = { body: Record<string, unknown>[]; fallbackText?: string };
const cardOf = (a: Record<string, unknown>) =>
  ((a.attachments as { contentType: string; content: Card }[] | undefined) ?? []).find(
    (x) => x.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content;

let h: Harness | null = null;
let connector: FakeConnector | null = null;
beforeEach(async () => {
  connector = await startFakeConnector();
});
afterEach(async () => {
  await h?.close();
  h = null;
  await connector?.close();
  connector = null;
});

describe('Slack', () => {
  it('posts the related section under its own heading, after the answer, and registers it with the bot answer', async () => {
    h = await startHarness({ now: '2026-01-26T10:00', wrapComposer: relatedComposer() });
    await postSlack(h.url, JSON.stringify(mentionEvent({ eventId: 'EvRel1', text: QUESTION, channel: 'C100' })));
    const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
    const blocks = post!.blocks as Block[];
    const texts = blocks.map(textOf);
    const heading = texts.findIndex((t) => t.includes(HEADING));
    expect(heading).toBeGreaterThan(0);
    expect(blocks[heading]?.type).toBe('context');
    expect(blocks[heading - 1]?.type).toBe('divider');
    // Not shown as a citation: the reply has none, so no "Citat ur avropsdokumenten" heading.
    expect(texts.join('\n')).not.toContain('Citat ur avropsdokumenten');
    const after = texts.slice(heading + 1).join('\n');
    expect(after).toContain('Avsnitt 1.12.4 Sista anbudsdag');
    expect(after).toContain('Anbud ska vara Arbetsförmedlingen tillhanda senast');
    expect(texts.at(-1)).toContain('F-0001');
    // The fallback text names the section once: the answer already quotes it.
    expect(String(post?.text)).toContain('kan vara relevant');
    expect(String(post?.text).match(/1\.12\.4/g)).toHaveLength(1);

    const [entry] = await h.closeAndReadRegister();
    expect(entry?.botAnswer?.status).toBe('not_in_documents');
    expect(entry?.botAnswer?.related?.map((c) => c.section)).toEqual(['1.12.4']);
  });
});

describe('Teams', () => {
  it('shows the related section in the card under its own heading, and in the fallback text', async () => {
    h = await startHarness({
      slack: false,
      env: { TEAMS_ALLOW_UNAUTHENTICATED: '1' },
      wrapComposer: relatedComposer(),
    });
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'act-rel-1',
        timestamp: new Date().toISOString(),
        channelId: 'msteams',
        serviceUrl: connector!.url,
        from: { id: '29:user-1', name: 'Anna Svensson', aadObjectId: 'aad-anna' },
        conversation: { id: 'a:personal-1', conversationType: 'personal' },
        recipient: { id: '28:avropsbot', name: 'avropsbot' },
        text: QUESTION,
        locale: 'sv-SE',
      }),
    });
    expect(res.status).toBe(200);
    const [message] = await connector!.waitForMessages(1);
    const card = cardOf(message!)!;
    const body = card.body.map((e) => JSON.stringify(e));
    const heading = body.findIndex((e) => e.includes(HEADING));
    expect(heading).toBeGreaterThan(0);
    expect(card.body[heading]).toMatchObject({ type: 'TextBlock', weight: 'Bolder', separator: true });
    expect(body[heading + 1]).toContain('Avsnitt 1.12.4 Sista anbudsdag');
    expect(body[heading + 1]).toContain('Anbud ska vara Arbetsförmedlingen tillhanda senast');
    expect(body.join('\n')).not.toContain('Citat ur avropsdokumenten');
    expect(card.fallbackText).toContain(`${HEADING}:`);
    expect(card.fallbackText).toContain('Avsnitt 1.12.4 Sista anbudsdag');

    const [entry] = await h.closeAndReadRegister();
    expect(entry?.botAnswer?.related?.map((c) => c.section)).toEqual(['1.12.4']);
  });
});

describe('renderers', () => {
  const callOff: CallOff = {
    id: 'af-1',
    reference: 'AF 1/2026',
    title: 'Testavrop',
    buyer: 'Testmyndigheten',
    timezone: 'Europe/Stockholm',
    questionDeadline: '2026-01-29',
    dir: '/tmp/af-1',
  };
  const reply: Reply = {
    callOff: 'af-1',
    status: 'not_in_documents',
    answer: 'Upphandlingsdokumenten besvarar inte din fråga tydligt.',
    citations: [],
    related: [
      { document: 'a.pdf', section: '5.4', heading: 'Krav <@U999>', quote: 'Minst 3 år & <!channel>.', page: 4 },
    ],
    question: { id: 'F-0007', receivedAt: '2026-01-26T09:00:00.000Z' },
  };

  it('Slack: a related section the answer does not quote goes in the fallback too, escaped like everything else', () => {
    const m = replyMessage(reply, callOff);
    const all = [m.text, ...m.blocks.map((b) => textOf(b as Block))].join('\n');
    expect(m.text).toContain(`${HEADING}:`);
    expect(m.text).toContain(
      'Avsnitt 5.4 Krav &lt;@U999&gt; (a.pdf, s. 4) kan vara relevant: ”Minst 3 år &amp; &lt;!channel&gt;.”',
    );
    expect(all).not.toMatch(/<[@!]/);
    expect(m.blocks.map((b) => textOf(b as Block)).join('\n')).toContain('”Minst 3 år &amp; &lt;!channel&gt;.”');
  });

  it('Slack and Teams: no related heading when there is nothing related', () => {
    const plain = { ...reply, related: [] };
    expect(JSON.stringify(replyMessage(plain, callOff))).not.toContain(HEADING);
    expect(JSON.stringify(replyActivity(plain, callOff))).not.toContain(HEADING);
  });

  it('Teams: the related quote is a TextRun (not Markdown) under the related heading', () => {
    const a = replyActivity({ ...reply, related: [{ ...reply.related![0]!, quote: 'Krav _ska_ uppfyllas' }] }, callOff);
    const json = JSON.stringify(a.attachments?.[0]?.content);
    expect(json.indexOf(HEADING)).toBeGreaterThan(0);
    expect(json.indexOf('{"type":"TextRun","text":"”Krav _ska_ uppfyllas”","isSubtle":true}')).toBeGreaterThan(
      json.indexOf(HEADING),
    );
  });
});
