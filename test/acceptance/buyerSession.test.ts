// Issue acceptance, the buyer's workflow end to end on a real App: three
// suppliers ask with identifying details; the buyer answers two and publishes
// them; every export format holds exactly those two, numbered 1 and 2, with no
// identifying detail; a later question is answered from published answer nr 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { FAQ_FORMATS, renderFaq } from '../../src/faq/export.js';
import { settableClock, testApp } from '../helpers/app.js';
import { exportedText } from '../helpers/readBack.js';

const suppliers = [
  {
    asker: { channel: 'slack' as const, userId: 'U01', name: 'Johan Andersson', org: 'Konsultbolaget Nord AB' },
    text:
      'Hej! Jag heter Johan Andersson och arbetar på Konsultbolaget Nord AB (org.nr 556123-4567). ' +
      'Måste konsulten ha erfarenhet av Kubernetes? Ring mig på 070-123 45 67 eller mejla johan.andersson@nordkonsult.se.\nMvh Johan',
  },
  {
    asker: { channel: 'teams' as const, userId: 'T02', name: 'Anna Berg', org: 'Datakraft Syd AB' },
    text:
      'Vi på Datakraft Syd AB undrar om det går bra att offerera en konsult som kan börja först i mars? ' +
      'Kontakta anna.berg@datakraft.se eller 08-123 456 78. Se även https://datakraft.se/om-oss',
  },
  {
    asker: { channel: 'cli' as const, name: 'Per Nilsson', org: 'Nilsson IT HB' },
    text: 'Kan ni ändra avsnitt 1.8 så att distansarbete tillåts till 80 %? /Per Nilsson, Nilsson IT HB, +46 70 987 65 43',
  },
];
const identifying = [
  'Johan',
  'Andersson',
  'Konsultbolaget',
  '556123-4567',
  '070-123 45 67',
  'nordkonsult',
  'Anna',
  'Berg',
  'Datakraft',
  'datakraft.se',
  '08-123 456 78',
  'Per Nilsson',
  'Nilsson IT',
  '987 65 43',
];

let app: App;
const clock = settableClock('2026-01-26T10:00');
const ids: string[] = [];

beforeAll(async () => {
  app = await testApp({ clock });
  const callOff = app.resolveCallOff();
  await app.knowledge.ensureIndex(callOff);
  for (const [i, s] of suppliers.entries()) {
    const reply = await app.ask({
      callOffId: callOff.id,
      text: s.text,
      asker: s.asker,
      receivedAt: clock.now(),
      deliveryId: `test-${i}`,
    });
    expect(reply.question).not.toBeNull();
    ids.push(reply.question!.id);
  }
});
afterAll(async () => app?.close());

describe('the buyer session', () => {
  it('registers three questions with receipts F-0001..F-0003 and masked public wording', async () => {
    expect(ids).toEqual(['F-0001', 'F-0002', 'F-0003']);
    const entries = await app.buyer.list({ callOff: 'af-2025-0108-8097' });
    expect(entries.map((e) => e.status)).toEqual(['received', 'received', 'received']);
    for (const e of entries) {
      for (const s of identifying) expect(e.publicQuestion).not.toContain(s);
    }
    expect(entries[0]!.publicQuestion).toMatch(/Kubernetes/);
    expect(entries[0]!.question).toContain('Johan Andersson');
  });

  it('sends the change request to the buyer instead of quoting section 1.8 back', async () => {
    const { entry } = await app.buyer.show('af-2025-0108-8097', 'F-0003');
    expect(entry.botAnswer?.status).toBe('not_in_documents');
  });

  it('answers two, publishes them as nr 1 and 2, and exports exactly those two in every format', async () => {
    await app.buyer.answer(
      'af-2025-0108-8097',
      'F-0001',
      { answer: 'Nej, erfarenhet av Kubernetes är inget krav i avropet.' },
      'buyer:test',
    );
    // The buyer's own wording is masked too, should a name slip in.
    await app.buyer.answer(
      'af-2025-0108-8097',
      'F-0002',
      {
        answer: 'Ja, om konsulten kan börja senast den 1 mars 2026, i övrigt gäller avsnitt 1.7.',
        publicQuestion: 'Datakraft Syd AB undrar: går det att offerera en konsult som kan börja först i mars?',
      },
      'buyer:test',
    );
    clock.set('2026-01-27T09:00');
    const published = await app.buyer.publish('af-2025-0108-8097', ['F-0001', 'F-0002'], 'buyer:test');
    expect(published.entries.map((e) => e.faqNumber)).toEqual([1, 2]);
    expect(published.warnings).toEqual([]);

    const doc = await app.buyer.faq('af-2025-0108-8097');
    expect(doc.items.map((i) => i.number)).toEqual([1, 2]);
    for (const format of FAQ_FORMATS) {
      const text = await exportedText(format, await renderFaq(doc, format));
      expect(text, format).toContain('Kubernetes');
      expect(text, format).toContain('erfarenhet av Kubernetes är inget krav');
      expect(text, format).toContain('börja senast den 1 mars 2026');
      expect(text, format).not.toContain('distansarbete tillåts till 80');
      for (const s of identifying) expect(text, `${format}: ${s}`).not.toContain(s);
    }
    const json = JSON.parse((await renderFaq(doc, 'json')).toString('utf8'));
    expect(json.items.map((i: { number: number }) => i.number)).toEqual([1, 2]);
  });

  it('answers a later question from published answer nr 1, citing it', async () => {
    const reply = await app.ask({
      callOffId: 'af-2025-0108-8097',
      text: 'Krävs erfarenhet av Kubernetes för konsulten?',
      asker: { channel: 'cli' },
      receivedAt: clock.now(),
    });
    expect(reply.status).toBe('answered');
    expect(reply.citations.some((c) => c.section === 'Publicerat svar nr 1')).toBe(true);
    expect(reply.answer).toMatch(/publicerat svar nr 1/i);
    expect(reply.answer).toContain('inget krav');
  });

  it('never lets an unpublished answer reach a supplier', async () => {
    await app.buyer.unpublish('af-2025-0108-8097', ['F-0002'], 'buyer:test');
    const reply = await app.ask({
      callOffId: 'af-2025-0108-8097',
      text: 'Går det att offerera en konsult som kan börja först i mars?',
      asker: { channel: 'cli' },
      receivedAt: clock.now(),
    });
    expect(reply.citations.some((c) => c.section === 'Publicerat svar nr 2')).toBe(false);
    expect(reply.answer).not.toContain('börja senast den 1 mars 2026');
    // Re-publishing keeps its number.
    const again = await app.buyer.publish('af-2025-0108-8097', ['F-0002'], 'buyer:test');
    expect(again.entries[0]!.faqNumber).toBe(2);
  });

  it('warns (without blocking) when publishing later than 6 days before the tender deadline', async () => {
    await app.buyer.answer(
      'af-2025-0108-8097',
      'F-0003',
      { answer: 'Nej, kravet i avsnitt 1.8 står fast.' },
      'buyer:test',
    );
    clock.set('2026-01-28T10:00');
    const result = await app.buyer.publish('af-2025-0108-8097', ['F-0003'], 'buyer:test');
    expect(result.entries[0]!.faqNumber).toBe(3);
    expect(result.warnings[0]).toMatch(/LOU 12 kap\. 11 §/);
  });

  it('keeps an audit trail that verifies', async () => {
    const { events } = await app.buyer.show('af-2025-0108-8097', 'F-0001');
    expect(events.map((e) => e.type)).toEqual(['received', 'bot_answered', 'answered', 'published']);
    expect(events.at(-1)!.actor).toBe('buyer:test');
    expect((await app.buyer.verify()).ok).toBe(true);
  });
});
