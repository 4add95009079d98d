// What the core sends for answering: the retrieval query and the LLM prompt
// are built from ComposeInput.question. A real App (SQLite register, real
// index, the extractive composer) with a composer wrapper that records that
// question: none of the masking cases of issue 11 may reach it, nor the
// register's proposed public wording.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Composer } from '../../src/core/ports.js';
import { testApp } from '../helpers/app.js';
import { startFakeOpenAi } from '../llm/fakeOpenAi.js';

interface CorpusItem {
  id: string;
  text: string;
  asker: { name: string | null; org: string | null };
  mustDisappear: string[];
  mustStay: string[];
}

const issue11 = readFileSync(fileURLToPath(new URL('../fixtures/anonymise/corpus.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as CorpusItem)
  .filter(
    (c) =>
      (c.id.startsWith('a') && Number(c.id.slice(1)) >= 74) || (c.id.startsWith('h') && Number(c.id.slice(1)) >= 42),
  );

const plain = (s: string) => s.normalize('NFKC').replace(/\p{Cf}/gu, '');
function visible(output: string, needle: string): boolean {
  const esc = plain(needle).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'iu').test(plain(output));
}

let app: App;
const sent = new Map<string, string>();
let current = '';

beforeAll(async () => {
  app = await testApp({
    wrapComposer: (inner: Composer): Composer => ({
      compose: async (input) => {
        sent.set(current, input.question);
        return inner.compose(input);
      },
    }),
  });
});
afterAll(async () => {
  await app?.close();
});

async function ask(id: string, text: string, asker: CorpusItem['asker']) {
  current = id;
  return app.ask({
    callOffId: app.callOffs[0]!.id,
    text,
    asker: { channel: 'cli', name: asker.name, org: asker.org },
    receivedAt: app.clock.now(),
  });
}

describe('the question sent for answering', () => {
  it('holds none of the identifying strings of the issue 11 cases, and neither does the public wording', async () => {
    expect(issue11.length).toBeGreaterThanOrEqual(50);
    const leaks: string[] = [];
    for (const item of issue11) {
      const reply = await ask(item.id, item.text, item.asker);
      expect(reply.question, item.id).not.toBeNull();
      const question = sent.get(item.id);
      expect(question, `${item.id} was not answered`).toBeDefined();
      const entry = await app.register.get(reply.callOff, reply.question!.id);
      for (const s of item.mustDisappear) {
        if (visible(question!, s)) leaks.push(`${item.id} to answering: ${s}`);
        if (visible(entry!.publicQuestion, s)) leaks.push(`${item.id} in public wording: ${s}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('a message of nothing but contact details sends no contact detail for answering', async () => {
    for (const [id, text] of [
      ['only-email', 'anna.ek@foretaget.se'],
      ['only-phone', '０７０－１２３ ４５ ６７'],
    ]) {
      const reply = await ask(id!, text!, { name: 'Anna Ek', org: null });
      expect(reply.question).not.toBeNull();
      const question = sent.get(id!) ?? '';
      expect(visible(question, 'anna.ek@foretaget.se')).toBe(false);
      expect(visible(question, '070-123 45 67')).toBe(false);
    }
  });
});

/** Every string in a request body: the chat messages, the embedding inputs. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

describe('with an LLM endpoint configured', () => {
  it('no identifying string of the issue 11 cases is in any request to the endpoint (chat or embeddings)', async () => {
    const fake = await startFakeOpenAi();
    const documents = readFileSync(
      fileURLToPath(new URL('../../knowledge/af-2025-0108-8097/avropsforfragan.txt', import.meta.url)),
      'utf8',
    );
    const llmApp = await testApp({
      env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: fake.url, OPENAI_TIMEOUT_MS: '5000', OPENAI_MAX_RETRIES: '0' },
    });
    try {
      for (const item of issue11) {
        await llmApp.ask({
          callOffId: llmApp.callOffs[0]!.id,
          text: item.text,
          asker: { channel: 'cli', name: item.asker.name, org: item.asker.org },
          receivedAt: llmApp.clock.now(),
        });
      }
      await llmApp.close();
      // The prompt path was really taken: a chat request per question at least.
      expect(fake.chatRequests().length).toBeGreaterThanOrEqual(issue11.length);
      const sentText = fake.requests.flatMap((r) => stringsOf(r.body));
      const leaks: string[] = [];
      for (const item of issue11) {
        // The question itself did reach the endpoint: its content is there.
        expect(
          item.mustStay.some((s) => sentText.some((t) => t.includes(s))),
          `${item.id}: question not sent`,
        ).toBe(true);
        for (const s of item.mustDisappear) {
          // A string the call-off documents themselves contain may be in the passages.
          if (visible(documents, s)) continue;
          if (sentText.some((t) => visible(t, s))) leaks.push(`${item.id}: ${s}`);
        }
      }
      expect(leaks).toEqual([]);
    } finally {
      await llmApp.close();
      await fake.close();
    }
  });
});
