// With an LLM configured, the app proposes a smoother public wording after the
// supplier has had the answer: masked again by the rules, recorded in the history
// as the system's proposal, and never delaying or breaking the reply.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Reply } from '../../src/core/types.js';
import { testApp } from '../helpers/app.js';
import { type FakeOpenAi, startFakeOpenAi } from '../llm/fakeOpenAi.js';

let fake: FakeOpenAi;
let app: App | undefined;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await app?.close();
  await fake.close();
});

const question =
  'Hej! Jag heter Johan Andersson och arbetar på Konsultbolaget Nord AB. Får konsulten arbeta på distans enligt avsnitt 1.8? Mvh Johan';
const asker = { channel: 'slack' as const, name: 'Johan Andersson', org: 'Konsultbolaget Nord AB' };

async function waitForEvent(callOff: string, id: string, type: string) {
  for (let i = 0; i < 100; i++) {
    const { entry, events } = await app!.buyer.show(callOff, id);
    if (events.some((e) => e.type === type)) return { entry, events };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${type} event`);
}

/** What the offline composer gives: an answer from section 1.8, or the question sent on to the buyer. */
function expectExtractiveFallback(reply: Reply): void {
  expect(reply.question?.id).toMatch(/^F-\d{4}$/);
  expect(['answered', 'not_in_documents']).toContain(reply.status);
  if (reply.status === 'answered') expect(reply.citations.map((c) => c.section)).toContain('1.8');
  else expect(reply.answer).toMatch(/registrerad/);
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-wording-'));
});

async function start() {
  app = await testApp({
    dataDir,
    env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: fake.url, OPENAI_TIMEOUT_MS: '2000', OPENAI_MAX_RETRIES: '0' },
  });
  return app;
}

it('records the proposed wording, masked, as the system proposal', async () => {
  fake.setChat((req) =>
    JSON.stringify(req.body).includes('<forslag>')
      ? { kind: 'text', content: 'Konsultbolaget Nord AB undrar: får konsulten arbeta på distans enligt avsnitt 1.8?' }
      : { kind: 'status', status: 500 },
  );
  const a = await start();
  const reply = await a.ask({ callOffId: 'af-2025-0108-8097', text: question, asker, receivedAt: a.clock.now() });
  // The endpoint failed for the answer: the supplier still got the grounded extractive one (or the buyer's
  // queue, when the answer model does not answer): never an error, always a receipt.
  expectExtractiveFallback(reply);

  const { entry, events } = await waitForEvent('af-2025-0108-8097', reply.question!.id, 'public_question_edited');
  expect(events.find((e) => e.type === 'public_question_edited')?.actor).toBe('system:llm');
  expect(entry.publicQuestion).toMatch(/får konsulten arbeta på distans enligt avsnitt 1\.8\?/);
  expect(entry.publicQuestion).not.toMatch(/Konsultbolaget|Johan/);
});

it('keeps the rule-based wording when the endpoint is down', async () => {
  fake.setChat(() => ({ kind: 'status', status: 500 }));
  const a = await start();
  const reply = await a.ask({ callOffId: 'af-2025-0108-8097', text: question, asker, receivedAt: a.clock.now() });
  expectExtractiveFallback(reply);
  await a.close(); // waits for the proposal in the background
  app = await start();
  const { entry, events } = await app.buyer.show('af-2025-0108-8097', reply.question!.id);
  expect(events.map((e) => e.type)).toEqual(['received', 'bot_answered']);
  expect(entry.publicQuestion).toBe('Får konsulten arbeta på distans enligt avsnitt 1.8?');
});
