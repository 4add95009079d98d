// Possibly relevant sections (BotAnswer.related) through the core: the grounding
// guard keeps the verbatim ones and drops the rest without sinking the reply, and
// what is kept reaches the reply and the register (the buyer sees it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { withGroundedRelated } from '../../src/core/ask.js';
import type { BotAnswer, Citation, Passage, Reply } from '../../src/core/types.js';
import { testApp } from '../helpers/app.js';
import { INVENTED_QUOTE, relatedComposer } from '../helpers/relatedComposer.js';

const passage: Passage = {
  score: 1,
  chunk: {
    id: 'c1',
    kind: 'document',
    document: 'a.txt',
    section: '5.4',
    heading: 'Kompetenskrav',
    text: 'Konsulten ska ha minst 3 års erfarenhet\nav systemutveckling.',
    page: null,
  },
};
const cite = (quote: string, section = '5.4'): Citation => ({
  document: 'a.txt',
  section,
  heading: 'Kompetenskrav',
  quote,
});
const FALLBACK = 'Frågan finns inte besvarad i dokumenten.';

describe('withGroundedRelated', () => {
  it('keeps a verbatim quote (white space folded) and the answer text as it is', () => {
    const answer: BotAnswer = {
      status: 'not_in_documents',
      answer: 'Avsnitt 5.4 kan vara relevant: ”minst 3 års erfarenhet av systemutveckling”',
      citations: [],
      related: [cite('minst 3 års erfarenhet av systemutveckling')],
    };
    const { answer: out, dropped } = withGroundedRelated(answer, [passage], FALLBACK);
    expect(dropped).toBe(0);
    expect(out).toEqual(answer);
  });

  it('drops an invented quote and a wrong section; the text quoting them gives way, the grounded one stays', () => {
    const good = cite('minst 3 års erfarenhet');
    const answer: BotAnswer = {
      status: 'not_in_documents',
      answer: `Avsnitt 5.4: ”minst 3 års erfarenhet” Avsnitt 9.9: ”${INVENTED_QUOTE}”`,
      citations: [],
      related: [good, cite(INVENTED_QUOTE), cite('minst 3 års erfarenhet', '9.9')],
    };
    const { answer: out, dropped } = withGroundedRelated(answer, [passage], FALLBACK);
    expect(dropped).toBe(2);
    expect(out).toEqual({ status: 'not_in_documents', answer: FALLBACK, citations: [], related: [good] });
  });

  it('leaves no related key when none is grounded, and never keeps related on an answered reply', () => {
    const none = withGroundedRelated(
      { status: 'not_in_documents', answer: 'Inget svar.', citations: [], related: [cite('')] },
      [passage],
      FALLBACK,
    );
    expect(none.answer).toEqual({ status: 'not_in_documents', answer: 'Inget svar.', citations: [] });
    expect('related' in none.answer).toBe(false);

    const answered: BotAnswer = {
      status: 'answered',
      answer: 'Enligt avsnitt 5.4: ”minst 3 års erfarenhet”',
      citations: [cite('minst 3 års erfarenhet')],
      related: [cite('av systemutveckling')],
    };
    const out = withGroundedRelated(answered, [passage], FALLBACK);
    expect(out.dropped).toBe(1);
    expect(out.answer).toEqual({ status: 'answered', answer: answered.answer, citations: answered.citations });
  });

  it('an empty related list is the same as none', () => {
    const out = withGroundedRelated({ status: 'not_in_documents', answer: 'x', citations: [], related: [] }, [], 'y');
    expect(out).toEqual({ answer: { status: 'not_in_documents', answer: 'x', citations: [] }, dropped: 0 });
  });
});

describe('related through the ask use case (real App, SQLite register)', () => {
  let app: App;
  let reply: Reply;
  beforeAll(async () => {
    app = await testApp({ wrapComposer: relatedComposer({ invent: true }) });
    await app.knowledge.ensureIndex(app.callOffs[0]!);
    reply = await app.ask({
      callOffId: app.callOffs[0]!.id,
      text: 'När är sista anbudsdag?',
      asker: { channel: 'cli', name: null, org: null },
      receivedAt: new Date('2026-01-26T09:00:00Z'),
      deliveryId: null,
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('the reply carries only the grounded related section, and stays not_in_documents', () => {
    expect(reply.status).toBe('not_in_documents');
    expect(reply.citations).toEqual([]);
    expect(reply.related).toHaveLength(1);
    expect(reply.related![0]!.section).toBe('1.12.4');
    expect(reply.related![0]!.quote).not.toBe(INVENTED_QUOTE);
    // The invented quote was named in the text: the text gave way, nothing ungrounded reaches the supplier.
    expect(reply.answer).not.toContain(INVENTED_QUOTE);
    expect(reply.question?.id).toBe('F-0001');
  });

  it('the register holds the related section with the bot answer, for the buyer', async () => {
    const entry = await app.register.get(app.callOffs[0]!.id, 'F-0001');
    expect(entry?.botAnswer?.status).toBe('not_in_documents');
    expect(entry?.botAnswer?.related).toEqual(reply.related);
    const events = await app.register.events(app.callOffs[0]!.id, 'F-0001');
    const answered = events.find((e) => e.type === 'bot_answered');
    expect((answered?.data.botAnswer as BotAnswer | undefined)?.related).toEqual(reply.related);
  });
});
