// The buyer's terminal view of an entry: Swedish words for every code, the call-off's own clock.
import { describe, expect, it } from 'vitest';
import { renderEntry, renderEntryTable } from '../../src/cli/format.js';
import type { CallOff, RegisterEntry, RegisterEvent } from '../../src/core/types.js';

const callOff: CallOff = {
  id: 'fi-1',
  reference: 'FI 1/2026',
  title: 'Testavrop',
  buyer: 'Testmyndigheten',
  timezone: 'Europe/Helsinki',
  questionDeadline: '2026-01-29',
  dir: '/tmp/fi-1',
};

const entry: RegisterEntry = {
  id: 'F-0001',
  callOff: 'fi-1',
  status: 'answered',
  receivedAt: '2026-01-26T08:00:00.000Z',
  deliveryId: null,
  asker: { channel: 'slack', userId: 'U1', name: 'Anna Berg', org: 'Berg AB' },
  question: 'Hur lång är avtalstiden?',
  publicQuestion: 'Hur lång är avtalstiden?',
  botAnswer: { status: 'not_in_documents', answer: 'Det framgår inte av dokumenten.', citations: [] },
  answer: 'Två år.',
  publishedAt: null,
  faqNumber: null,
};

const events: RegisterEvent[] = [
  {
    seq: 1,
    callOff: 'fi-1',
    entryId: 'F-0001',
    type: 'answered',
    actor: 'buyer:cli',
    at: '2026-01-27T08:00:00.000Z',
    data: {},
    prevHash: '0',
    hash: '1',
  },
];

describe('renderEntry', () => {
  const text = renderEntry(entry, events, callOff);

  it('names statuses, channel, actor and the bot status in Swedish, not as codes', () => {
    expect(text).toContain('Botens svar (Finns inte i dokumenten)');
    expect(text).toContain('(kanal: Slack)');
    expect(text).toContain('Officiellt svar sparat  (Upphandlande myndighet (Kommandorad))');
    expect(text).not.toMatch(/not_in_documents|buyer:cli/);
  });

  it("gives times on the call-off's own clock and says which", () => {
    expect(text).toContain('Mottagen:   2026-01-26 10:00:00 (lokal tid, Europe/Helsinki)');
  });
  it('shows both versions of a corrected published answer in the history', () => {
    const edited: RegisterEvent = {
      ...events[0]!,
      seq: 2,
      type: 'published_edited',
      at: '2026-01-28T08:00:00.000Z',
      data: { previousAnswer: 'Två år.', answer: 'Två år, med option på ett år till.' },
    };
    const shown = renderEntry({ ...entry, status: 'published', faqNumber: 1 }, [...events, edited], callOff);
    expect(shown).toContain('Publicerat svar ändrat  (Upphandlande myndighet (Kommandorad))');
    expect(shown).toContain(
      '    Svar, tidigare:\n      Två år.\n    Svar, nu:\n      Två år, med option på ett år till.',
    );
    expect(shown).not.toContain('Formulering, tidigare');
  });
});

describe('renderEntryTable', () => {
  it('shows the public wording and the Swedish status per row', () => {
    const table = renderEntryTable([entry], [callOff]);
    expect(table).toMatch(/F-0001\s+Svar sparat\s+2026-01-26 10:00\s+Slack\s+Hur lång är avtalstiden\?/);
  });
});
