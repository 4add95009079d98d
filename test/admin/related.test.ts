/**
 * The buyer's page of one question shows the sections the bot pointed the
 * supplier to as possibly relevant, labelled as not an answer: asked through
 * the real App (real retrieval, real SQLite register) with a composer that
 * answers "not in the documents, but this section may be relevant".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relatedComposer } from '../helpers/relatedComposer.js';
import { ADMIN_TOKEN, type AdminHarness, startAdminHarness } from './fixture.js';
import { visibleText } from './httpClient.js';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('question page: related sections', () => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await startAdminHarness({ wrapComposer: relatedComposer() });
    const reply = await h.ask('När är sista anbudsdag?', { channel: 'slack', userId: 'U1', name: 'Eva Ek', org: null });
    expect(reply.related?.map((c) => c.section)).toEqual(['1.12.4']);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('lists them under "Kan vara relevant (inte ett svar)" with document, section and quote', async () => {
    const res = await fetch(`${h.origin}/admin/${h.callOffId}/fragor/F-0001`, { headers: bearer });
    expect(res.status).toBe(200);
    const page = await res.text();
    const text = visibleText(page);
    const bot = text.slice(
      text.indexOf('Botens svar till leverantören'),
      text.indexOf('Officiellt svar och publicering'),
    );
    expect(bot).toContain('Kan vara relevant (inte ett svar)');
    expect(bot).toContain('avsnitt 1.12.4 Sista anbudsdag');
    expect(bot).toContain('Anbud ska vara Arbetsförmedlingen tillhanda senast');
    expect(bot).toContain('utan att besvara frågan');
    // An h3 of its own, after the (empty) citations: not presented as the bot's quotes.
    expect(page).toMatch(/<h3>Kan vara relevant \(inte ett svar\)<\/h3>/);
    expect(bot.indexOf('Svaret har inga citat.')).toBeLessThan(bot.indexOf('Kan vara relevant'));
  });

  it('the official answer is not prefilled from a reply that only points to sections', async () => {
    const page = await (await fetch(`${h.origin}/admin/${h.callOffId}/fragor/F-0001`, { headers: bearer })).text();
    expect(page).toMatch(/<textarea id="answer" name="answer"[^>]*><\/textarea>/);
  });
});
