// The use case in its two steps on a real App (real SQLite register, real index and
// composer): receive registers, answerRegistered answers and records. The register
// may fail after the question is on record: the supplier keeps the receipt.
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { testApp } from '../helpers/app.js';

const QUESTION = 'När är sista anbudsdag?';
let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const asker = { channel: 'slack' as const, userId: 'U1', name: 'Anna Svensson', org: null };
const incoming = (deliveryId: string | null = null) => ({
  callOffId: 'af-2025-0108-8097',
  text: QUESTION,
  asker,
  receivedAt: new Date('2026-01-26T09:00:00.000Z'),
  deliveryId,
});

async function botAnswerEvents(a: App, id: string) {
  return (await a.register.events('af-2025-0108-8097', id)).filter((e) => e.type === 'bot_answered');
}

describe('receive, then answerRegistered', () => {
  it('a repeated delivery of an unanswered question is handed back to be answered, not dropped', async () => {
    app = await testApp({ recordRetryDelaysMs: [0, 0] });
    const first = await app.receive(incoming('slack:Ev1'));
    const again = await app.receive(incoming('slack:Ev1'));
    expect(first).toMatchObject({ kind: 'registered', created: true, entry: { id: 'F-0001' } });
    expect(again).toMatchObject({ kind: 'registered', created: false, entry: { id: 'F-0001' } });
    if (first.kind !== 'registered') throw new Error('not registered');
    const { reply } = await app.answerRegistered(first.callOff, first.entry);
    expect(reply).toMatchObject({ status: 'answered', question: { id: 'F-0001' } });
    // Answered now: a repeat is a duplicate with the answer on record, and answering again records nothing new.
    const third = await app.receive(incoming('slack:Ev1'));
    expect(third).toMatchObject({ kind: 'done', reply: { duplicate: true, status: 'answered' } });
    const entry = await app.register.get('af-2025-0108-8097', 'F-0001');
    await app.answerRegistered(first.callOff, entry!);
    expect(await botAnswerEvents(app, 'F-0001')).toHaveLength(1);
  });
});

describe('recording the bot answer fails after the question is registered', () => {
  it('the supplier gets the receipt and is told the answer follows; the entry waits, unanswered', async () => {
    app = await testApp({ recordRetryDelaysMs: [0, 0] });
    let tries = 0;
    app.register.recordBotAnswer = async () => {
      tries += 1;
      throw new Error('Connection terminated unexpectedly');
    };
    const reply = await app.ask(incoming());
    expect(reply.question?.id).toBe('F-0001');
    expect(reply.status).toBe('not_in_documents');
    expect(reply.answer).toContain('registrerad som F-0001');
    expect(reply.answer).toContain('upphandlande myndigheten');
    expect(reply.answer).not.toContain('kunde inte tas emot');
    expect(reply.citations).toEqual([]);
    // Bounded: the first try and the two retries configured.
    expect(tries).toBe(3);
    const entry = await app.register.get('af-2025-0108-8097', 'F-0001');
    expect(entry).toMatchObject({ status: 'received', botAnswer: null, question: QUESTION });
  });

  it('a failure that passes is retried: the answer is recorded once and given', async () => {
    app = await testApp({ recordRetryDelaysMs: [0, 0] });
    const record = app.register.recordBotAnswer.bind(app.register);
    let tries = 0;
    app.register.recordBotAnswer = async (...args) => {
      tries += 1;
      if (tries === 1) throw new Error('Connection terminated unexpectedly');
      return record(...args);
    };
    const reply = await app.ask(incoming());
    expect(reply).toMatchObject({ status: 'answered', question: { id: 'F-0001' } });
    expect(reply.citations.map((c) => c.section)).toContain('1.12.4');
    expect(await botAnswerEvents(app, 'F-0001')).toHaveLength(1);
  });

  it('a write that committed before its connection broke is not recorded twice', async () => {
    app = await testApp({ recordRetryDelaysMs: [0, 0] });
    const record = app.register.recordBotAnswer.bind(app.register);
    app.register.recordBotAnswer = async (...args) => {
      await record(...args);
      throw new Error('Connection terminated unexpectedly');
    };
    const reply = await app.ask(incoming());
    expect(reply).toMatchObject({ status: 'answered', question: { id: 'F-0001' } });
    expect(await botAnswerEvents(app, 'F-0001')).toHaveLength(1);
    expect((await app.register.verify()).ok).toBe(true);
  });
});
