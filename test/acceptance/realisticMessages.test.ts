// Real supplier messages come with greetings, introductions and signatures.
// Wrapping a question in them must not change what the bot answers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { testApp } from '../helpers/app.js';

const questions = [
  'Hur länge ska anbudet vara giltigt?',
  'Får konsulten arbeta på distans?',
  'När sker anbudsöppningen?',
  'Vilket timpris är högst tillåtet?',
];
const wrappers = [
  (q: string) => `Hej!\n${q}\nMvh Erik`,
  (q: string) => `Hej Åsa, jag heter Erik Svensson och jobbar på Kodfabriken AB. ${q} Tack på förhand!`,
  (q: string) =>
    `Hej! Erik Svensson från Kodfabriken AB här. ${q}\n\nMed vänliga hälsningar\nErik Svensson\nKodfabriken AB`,
  (q: string) => `God morgon,\n\n${q}\n\nMed vänliga hälsningar\nErik Svensson\nKodfabriken AB\n070-123 45 67`,
];

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => app?.close());

it.each(questions)('answers "%s" the same with greetings and signatures', async (question) => {
  const ask = (text: string) =>
    app.ask({
      callOffId: 'af-2025-0108-8097',
      text,
      asker: { channel: 'slack', name: 'Erik Svensson', org: 'Kodfabriken AB' },
      receivedAt: app.clock.now(),
    });
  const bare = await ask(question);
  for (const wrap of wrappers) {
    const wrapped = await ask(wrap(question));
    expect(wrapped.status, wrap(question)).toBe(bare.status);
    expect(wrapped.citations.map((c) => c.section)).toEqual(bare.citations.map((c) => c.section));
    expect(wrapped.answer).not.toMatch(/Erik|Kodfabriken/);
  }
});
