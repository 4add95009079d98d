/**
 * Rendering for Slack and Teams: text split within Slack's block limit
 * without losing words, Block Kit and Adaptive Card content, and the Slack
 * message text cleaned into the supplier's question.
 */
import { describe, expect, it } from 'vitest';
import { citationLabel, localTime, plainText, splitText } from '../../src/channels/shared/render.js';
import { chooseMessage, MAX_BLOCK_TEXT, noticeMessage, replyMessage } from '../../src/channels/slack/blocks.js';
import { escapeSlack, questionFromSlack } from '../../src/channels/slack/text.js';
import { replyActivity } from '../../src/channels/teams/card.js';
import { cleanTeamsText } from '../../src/channels/teams/text.js';
import type { CallOff, Reply } from '../../src/core/types.js';

const callOff: CallOff = {
  id: 'x',
  reference: 'Af-1/2',
  title: 'Test',
  buyer: 'Myndigheten',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2026-01-29',
  dir: '/tmp/x',
};

const words = (n: number) => Array.from({ length: n }, (_, i) => `ord${i}`).join(' ');

function reply(answer: string, quotes: string[] = []): Reply {
  return {
    callOff: 'x',
    status: 'answered',
    answer,
    citations: quotes.map((q, i) => ({
      document: 'a.pdf',
      section: `1.${i}`,
      heading: `Rubrik ${i}`,
      quote: q,
      page: 3,
    })),
    question: { id: 'F-0042', receivedAt: '2026-07-01T08:30:05.000Z' },
  };
}

describe('splitText', () => {
  it('keeps every word, in order, in pieces no longer than the limit', () => {
    const text = `${words(800)}\n\n${words(300)}. ${'x'.repeat(5000)}`;
    const pieces = splitText(text, 3000);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    expect(pieces.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('prefers a paragraph break to a word break', () => {
    const [first] = splitText(`${'a '.repeat(600)}\n\n${'b '.repeat(600)}`, 1500);
    expect(first?.endsWith('a')).toBe(true);
    expect(first).not.toContain('b');
  });

  it('leaves short text whole', () => {
    expect(splitText('  Kort svar.  ', 3000)).toEqual(['Kort svar.']);
  });
});

describe('Slack Block Kit', () => {
  it('no text object exceeds 3,000 characters, at most 50 blocks, receipt kept', () => {
    const long = `${'<&> '.repeat(2000)}${words(2000)}`;
    const msg = replyMessage(
      reply(
        long,
        Array.from({ length: 30 }, () => long),
      ),
      callOff,
    );
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    for (const b of msg.blocks) {
      const texts =
        'text' in b ? [b.text.text] : 'elements' in b ? b.elements.map((e) => ('text' in e ? String(e.text) : '')) : [];
      for (const t of texts) expect(t.length).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
    }
    const last = JSON.stringify(msg.blocks.at(-1));
    expect(last).toContain('F-0042');
    expect(msg.text.length).toBeLessThanOrEqual(40_000);
  });

  it('shows the receipt in Swedish local time (summer time) and quotes under section and heading', () => {
    const msg = replyMessage(reply('Svaret.', ['Citatet & mer']), callOff);
    const all = JSON.stringify(msg.blocks);
    expect(all).toContain('2026-07-01 10:30:05 (svensk tid)');
    expect(all).toContain('registrerad med kvittonummer F-0042');
    expect(all).toContain('*Avsnitt 1.0 Rubrik 0* (a.pdf, s. 3)');
    expect(all).toContain('”Citatet &amp; mer”');
  });

  it('shows answer and quotes verbatim: markup characters are not formatting, & < > are escaped', () => {
    const msg = replyMessage(reply('Se *punkt* 3 & _bilaga_ <2>.', ['Krav *ska* uppfyllas']), callOff);
    const texts = msg.blocks.flatMap((b) => ('text' in b ? [b.text] : []));
    expect(texts[0]).toEqual({ type: 'plain_text', text: 'Se *punkt* 3 &amp; _bilaga_ &lt;2&gt;.', emoji: false });
    expect(texts.some((t) => t.type === 'plain_text' && t.text === '”Krav *ska* uppfyllas”')).toBe(true);
  });

  it('escapes mentions and links in every text it sends: fallback, blocks, labels, buttons, notices', () => {
    const hostile = 'Hej <!channel> och <@U123>, se <https://x.se|här> & <!subteam^S1>';
    const r = reply(hostile, [hostile]);
    r.citations[0]!.heading = '<!here> Rubrik';
    const messages = [
      replyMessage(r, callOff),
      noticeMessage(hostile),
      chooseMessage([{ ...callOff, title: hostile }]),
    ];
    for (const msg of messages) {
      const sent = JSON.stringify(msg);
      expect(sent).not.toMatch(/<[!@#]/u);
      expect(sent).not.toContain('<https');
      expect(msg.text).toContain('&lt;!channel&gt;');
      expect(msg.text).not.toMatch(/&(?!amp;|lt;|gt;)/u);
    }
    expect(JSON.stringify(messages[0]!.blocks)).toContain('*Avsnitt 1.0 &lt;!here&gt; Rubrik*');
  });

  it("an escaped text still fits Slack's limits, and no entity is cut in half", () => {
    const msg = replyMessage(reply('<'.repeat(9000), ['&'.repeat(5000)]), callOff);
    for (const b of msg.blocks) {
      const texts = 'text' in b ? [b.text.text] : 'elements' in b ? b.elements.map((e) => String(e.text)) : [];
      for (const t of texts) {
        expect(t.length).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
        expect(t.replace(/&lt;|&amp;|&gt;/g, '')).not.toMatch(/[&<>]/u);
      }
    }
    expect(msg.text.length).toBeLessThanOrEqual(40_000);
    expect(msg.text.replace(/&lt;|&amp;|&gt;/g, '')).not.toMatch(/[&<>]/u);
  });

  it('the fallback text names a section once: a quote the answer gives is not repeated under its label', () => {
    const quote = 'Anbud ska vara inne senast 2026-02-02.';
    const answer = `Enligt avsnitt 1.0 (Rubrik 0): ”${quote}”`;
    const text = replyMessage(reply(answer, [quote]), callOff).text;
    expect(text.match(/1\.0/g)).toHaveLength(1);
    expect(text.split(quote)).toHaveLength(2);
    expect(text).toContain('F-0042');
    // A quote the answer does not give is listed with its label and source.
    const other = replyMessage(reply('Se nedan.', [quote]), callOff).text;
    expect(other).toContain(`Avsnitt 1.0 Rubrik 0 (a.pdf, s. 3): ”${quote}”`);
  });

  it('a heading that carries its own number is not numbered twice', () => {
    const c = { document: 'a.pdf', quote: 'x', page: null };
    expect(citationLabel({ ...c, section: '2', heading: 'Kapitel 2 Krav' })).toBe('Kapitel 2 Krav');
    expect(citationLabel({ ...c, section: '3.1', heading: '3.1 Pris' })).toBe('Avsnitt 3.1 Pris');
    expect(citationLabel({ ...c, section: '1.12.4', heading: 'Sista anbudsdag' })).toBe(
      'Avsnitt 1.12.4 Sista anbudsdag',
    );
    expect(citationLabel({ ...c, section: '2', heading: '2025 års priser' })).toBe('Avsnitt 2 2025 års priser');
  });

  it('splits a long quote over sections and keeps the quotation marks at its ends', () => {
    const quote = words(1200);
    const msg = replyMessage(reply('Svar.', [quote]), callOff);
    const quoteTexts = msg.blocks.flatMap((b) => ('text' in b ? [b.text.text] : [])).slice(1);
    expect(quoteTexts.length).toBeGreaterThan(1);
    expect(quoteTexts[0]?.startsWith('”ord0 ')).toBe(true);
    expect(quoteTexts.at(-1)?.endsWith('ord1199”')).toBe(true);
    expect(quoteTexts.join(' ').replace(/”/g, '')).toBe(quote);
  });

  it('a refusal has no receipt', () => {
    const refused: Reply = {
      callOff: 'x',
      status: 'deadline_passed',
      answer: 'För sent.',
      citations: [],
      question: null,
    };
    expect(plainText(refused, callOff)).not.toContain('registrerad med kvittonummer');
  });
});

describe('Teams Adaptive Card', () => {
  it('carries answer, quotes with section numbers, receipt facts, and the same as plain text', () => {
    const a = replyActivity(reply('Svaret.', ['Citatet']), callOff);
    const card = JSON.stringify(a.attachments?.[0]?.content);
    expect(card).toContain('Avsnitt 1.0 Rubrik 0');
    expect(card).toContain('”Citatet”');
    expect(card).toContain('F-0042');
    expect(card).toContain(localTime('2026-07-01T08:30:05.000Z', 'Europe/Stockholm'));
    // Teams shows an activity's text under its card: the plain text is the card's fallback only.
    expect(a.text).toBeUndefined();
    expect(a.summary).toBe('Svaret.');
    const fallback = String((a.attachments?.[0]?.content as { fallbackText?: string } | undefined)?.fallbackText);
    expect(fallback).toContain('Citatet');
    expect(fallback).toContain('F-0042');
  });

  it('shows answer and quotes as TextRuns, which Teams does not read as Markdown', () => {
    const a = replyActivity(reply('Se **punkt** 3.', ['Krav _ska_ uppfyllas']), callOff);
    const body = (a.attachments?.[0]?.content as { body: Record<string, unknown>[] } | undefined)?.body ?? [];
    expect(body[0]).toEqual({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Se **punkt** 3.' }] });
    expect(JSON.stringify(body)).toContain('{"type":"TextRun","text":"”Krav _ska_ uppfyllas”","isSubtle":true}');
  });
});

describe('message text', () => {
  it('Slack: drops the bot mention, keeps others readable, decodes entities', () => {
    expect(
      questionFromSlack('<@UBOT> Gäller &lt;punkt 3&gt; för <@U9|kalle> &amp; <https://x.se/a|länken>?', 'UBOT'),
    ).toBe('Gäller <punkt 3> för @kalle & länken (https://x.se/a)?');
    expect(questionFromSlack('<mailto:a@b.se|a@b.se> <!here> hej', 'UBOT')).toBe('a@b.se hej');
    expect(questionFromSlack(undefined, 'UBOT')).toBe('');
    expect(escapeSlack('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
  });

  it('Teams: strips a leftover <at> tag of the bot and decodes entities', () => {
    expect(cleanTeamsText('<at>avropsbot</at>&nbsp;Är a &lt; b?', 'avropsbot')).toBe('Är a < b?');
    expect(cleanTeamsText('Fråga till <at>Kalle</at>', 'avropsbot')).toBe('Fråga till @Kalle');
  });
});
