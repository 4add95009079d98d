/**
 * The LLM parts wired with the real neighbours: a KnowledgeBase over the seed
 * call-off using the cached OpenAI embedder against the fake server, and the
 * core ask use case with the real SQLite register, where the prompt may carry
 * the documents and the PUBLISHED answers but never unpublished questions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleBasedAnonymiser } from '../../src/anonymise/index.js';
import { ExtractiveComposer } from '../../src/answering/extractive.js';
import { createLlmComposer } from '../../src/answering/llm/llmComposer.js';
import type { LlmSettings } from '../../src/answering/llm/settings.js';
import { replyTexts } from '../../src/answering/messages.js';
import { loadPrompts } from '../../src/answering/prompts.js';
import { loadCallOff } from '../../src/config/callOff.js';
import { createAskQuestion } from '../../src/core/ask.js';
import { silentLogger } from '../../src/logger.js';
import { openRegister } from '../../src/register/index.js';
import { KnowledgeBase } from '../../src/retrieval/knowledgeBase.js';
import { createCachedEmbedder, ensureDimensions } from '../../src/retrieval/openai/cachedEmbedder.js';
import { createOpenAiEmbedder } from '../../src/retrieval/openai/openAiEmbedder.js';
import { type FakeOpenAi, type FakeRequest, startFakeOpenAi } from './fakeOpenAi.js';
import { PROMPTS_DIR } from './fixtures.js';

const SEED = path.resolve(import.meta.dirname, '..', '..', 'knowledge', 'af-2025-0108-8097');
const callOff = loadCallOff(SEED);

let fake: FakeOpenAi;
let dataDir: string;

beforeEach(async () => {
  fake = await startFakeOpenAi({ dimensions: 96 });
  dataDir = mkdtempSync(path.join(tmpdir(), 'avropsbot-llm-int-'));
});
afterEach(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function settings(): LlmSettings {
  return {
    apiKey: 'test-key',
    baseUrl: fake.url,
    chatModel: 'gpt-4o-mini',
    embeddingModel: 'local-embed',
    timeoutMs: 3_000,
    maxRetries: 0,
  };
}

async function knowledgeBase(): Promise<KnowledgeBase> {
  const embedder = createCachedEmbedder(createOpenAiEmbedder(settings()), path.join(dataDir, 'embeddings'));
  await ensureDimensions(embedder, silentLogger);
  return new KnowledgeBase({ dataDir, logger: silentLogger, embedder });
}

describe('KnowledgeBase with the cached OpenAI embedder', () => {
  it('builds a dense index through the endpoint, retrieves with it, and re-uses it without new calls', async () => {
    const kb = await knowledgeBase();
    const summary = await kb.ensureIndex(callOff);
    expect(summary.rebuilt).toBe(true);
    expect(summary.warnings.join(' ')).not.toMatch(/Vektorindexet/);
    const texts = fake.embeddingRequests().flatMap((r) => r.body['input'] as string[]);
    expect(texts.length).toBeGreaterThanOrEqual(summary.chunks);

    const passages = await kb.retrieve(callOff, 'När är sista dag att lämna anbud?', []);
    expect(passages.slice(0, 3).map((p) => p.chunk.section)).toContain('1.12.4');

    // Another process: same data dir. The index is loaded, not rebuilt; only the question is embedded.
    const before = fake.embeddingRequests().length;
    const again = await knowledgeBase();
    expect((await again.ensureIndex(callOff)).rebuilt).toBe(false);
    await again.retrieve(callOff, 'Vem är kontaktperson?', []);
    const after = fake.embeddingRequests().slice(before);
    expect(after.map((r) => r.body['input'])).toEqual([['Vem är kontaktperson?']]);
  });

  it('keeps answering lexically when the embedding endpoint is gone', async () => {
    const kb = await knowledgeBase();
    await kb.ensureIndex(callOff);
    await fake.close();
    const started = Date.now();
    const passages = await kb.retrieve(callOff, 'När är sista dag att lämna anbud?', []);
    expect(Date.now() - started).toBeLessThan(3_000 + 2_000);
    expect(passages.slice(0, 3).map((p) => p.chunk.section)).toContain('1.12.4');
    fake = await startFakeOpenAi(); // for afterEach
  });
});

describe('ask use case with the LLM composer and the real register', () => {
  it('puts published answers in the prompt and never unpublished questions', async () => {
    const register = await openRegister({ dataDir, logger: silentLogger });
    const kb = await knowledgeBase();
    const extractive = new ExtractiveComposer();
    const composer = createLlmComposer({
      settings: settings(),
      fallback: extractive,
      prompts: loadPrompts(PROMPTS_DIR),
      logger: silentLogger,
    });
    const ask = createAskQuestion({
      callOffs: [callOff],
      register,
      retriever: kb,
      composer,
      anonymiser: ruleBasedAnonymiser,
      texts: replyTexts,
      logger: silentLogger,
      clock: { now: () => new Date() },
    });
    // The model cites the published answer when the prompt carries one, else says it does not know.
    fake.setChat((req: FakeRequest) => {
      const user = (req.body['messages'] as { content: string }[])[1]?.content ?? '';
      const published = /<publicerat_svar id="(P\d+)"[^>]*>\n([^\n]+)/.exec(user);
      if (!published) return { kind: 'structured', value: { status: 'not_in_documents', answer: '-', citations: [] } };
      return {
        kind: 'structured',
        value: {
          status: 'answered',
          answer: `Enligt publicerat svar nr 1: ${published[2]}`,
          citations: [{ passageId: published[1], quote: published[2] }],
        },
      };
    });
    const at = new Date('2026-01-26T09:00:00Z');
    const secret = 'Vi på Hemlighetsbolaget AB undrar om konsulten får ha sin arbetsplats på Gotland?';
    await ask({
      callOffId: callOff.id,
      text: secret,
      asker: { channel: 'cli', name: 'Eva Ek', org: 'Hemlighetsbolaget AB' },
      receivedAt: at,
    });
    const other = await ask({
      callOffId: callOff.id,
      text: 'Får konsulten som offereras tala finska i uppdraget?',
      asker: { channel: 'cli' },
      receivedAt: at,
    });
    const id = other.question?.id as string;
    await register.update(
      callOff.id,
      id,
      { type: 'answer', answer: 'Ja, konsulten får tala finska i uppdraget.' },
      'buyer:cli',
      at.toISOString(),
    );
    await register.update(callOff.id, id, { type: 'publish' }, 'buyer:cli', at.toISOString());

    const before = fake.chatRequests().length;
    const reply = await ask({
      callOffId: callOff.id,
      text: 'Kan konsulten tala finska i uppdraget?',
      asker: { channel: 'cli' },
      receivedAt: at,
    });
    const sent = JSON.stringify(
      fake
        .chatRequests()
        .slice(before)
        .map((r) => r.body),
    );
    expect(sent).toContain('Ja, konsulten får tala finska i uppdraget.');
    expect(sent).not.toContain('Hemlighetsbolaget');
    expect(sent).not.toContain('Gotland');
    expect(sent).not.toContain('Eva Ek');
    expect(reply.status).toBe('answered');
    expect(reply.citations[0]?.section).toBe('Publicerat svar nr 1');
    expect(reply.answer).toContain('Ja, konsulten får tala finska i uppdraget.');
    await register.close();
  });
});
