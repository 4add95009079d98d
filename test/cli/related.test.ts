// Possibly relevant sections in the terminal: `ask` text and `--json` (the contract's
// `related` array, only when there is any), and the buyer's `questions show`.
import { describe, expect, it } from 'vitest';
import { renderEntry, renderReply, replyJson } from '../../src/cli/format.js';
import type { CallOff, Citation, RegisterEntry, Reply } from '../../src/core/types.js';

const callOff: CallOff = {
  id: 'af-1',
  reference: 'AF 1/2026',
  title: 'Testavrop',
  buyer: 'Testmyndigheten',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2026-01-29',
  dir: '/tmp/af-1',
};

const related: Citation = {
  document: 'avropsforfragan.pdf',
  section: '5.4',
  heading: 'Kompetenskrav',
  quote: 'Konsulten ska ha minst 3 års erfarenhet.',
  page: 7,
};

const reply: Reply = {
  callOff: 'af-1',
  status: 'not_in_documents',
  answer: 'Upphandlingsdokumenten besvarar inte din fråga tydligt. Frågan är registrerad.',
  citations: [],
  related: [related],
  question: { id: 'F-0003', receivedAt: '2026-01-26T09:00:00.000Z' },
};

describe('ask --json', () => {
  it('carries related in the citations’ shape, status still not_in_documents', () => {
    const json = replyJson(reply);
    expect(json.status).toBe('not_in_documents');
    expect(json.citations).toEqual([]);
    expect(json.related).toEqual([
      {
        document: 'avropsforfragan.pdf',
        section: '5.4',
        heading: 'Kompetenskrav',
        quote: 'Konsulten ska ha minst 3 års erfarenhet.',
      },
    ]);
    // Same keys as a citation: nothing more (the page is not in the contract).
    expect(Object.keys(json.related![0]!)).toEqual(['document', 'section', 'heading', 'quote']);
  });

  it('has no related key when there is none, or an empty list', () => {
    const { related: _, ...without } = reply;
    expect('related' in replyJson(without)).toBe(false);
    expect('related' in replyJson({ ...reply, related: [] })).toBe(false);
    expect(Object.keys(replyJson(without))).toEqual(['callOff', 'status', 'answer', 'citations', 'question']);
  });
});

describe('ask text output', () => {
  it('shows related under a heading that says it is not an answer, never under Källor', () => {
    const text = renderReply(reply, callOff);
    expect(text).toContain('Kan vara relevant (inte ett svar):');
    expect(text).toContain('avsnitt 5.4 Kompetenskrav, sidan 7');
    expect(text).toContain('”Konsulten ska ha minst 3 års erfarenhet.”');
    expect(text).not.toContain('Källor');
    expect(text.indexOf('Kan vara relevant')).toBeLessThan(text.indexOf('Kvittonummer: F-0003'));
  });

  it('an answer without related has no such heading', () => {
    expect(renderReply({ ...reply, related: [] }, callOff)).not.toContain('Kan vara relevant');
  });
});

describe('questions show', () => {
  it('shows the related sections the bot pointed the supplier to, labelled', () => {
    const entry: RegisterEntry = {
      id: 'F-0003',
      callOff: 'af-1',
      status: 'received',
      receivedAt: '2026-01-26T09:00:00.000Z',
      deliveryId: null,
      asker: { channel: 'cli', name: null, org: null },
      question: 'Hur mycket erfarenhet krävs?',
      publicQuestion: 'Hur mycket erfarenhet krävs?',
      botAnswer: { status: 'not_in_documents', answer: reply.answer, citations: [], related: [related] },
      answer: null,
      publishedAt: null,
      faqNumber: null,
    };
    const text = renderEntry(entry, [], callOff);
    const bot = text.slice(text.indexOf('Botens svar'), text.indexOf('Officiellt svar'));
    expect(bot).toContain('Kan vara relevant (inte ett svar):');
    expect(bot).toContain('avsnitt 5.4 Kompetenskrav');
    expect(bot).toContain('”Konsulten ska ha minst 3 års erfarenhet.”');
  });
});
