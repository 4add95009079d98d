/**
 * Azure OpenAI through the same settings, against the fake server: the v1
 * endpoint (https://<resource>.openai.azure.com/openai/v1) is plain OpenAI with
 * the deployment name as the model; the deployment-style URLs (api-version set)
 * go through LangChain's Azure classes with the api-key header.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlmComposer } from '../../src/answering/llm/llmComposer.js';
import type { LlmSettings } from '../../src/answering/llm/settings.js';
import { loadPrompts } from '../../src/answering/prompts.js';
import { createOpenAiEmbedder } from '../../src/retrieval/openai/openAiEmbedder.js';
import { type FakeOpenAi, fakeEmbedding, startFakeOpenAi } from './fakeOpenAi.js';
import { callOff, EXTRACTIVE_MARK, PROMPTS_DIR, passages, recordingLogger, stubFallback } from './fixtures.js';

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
  fake.setChat(() => ({
    kind: 'structured',
    value: {
      status: 'answered',
      answer: 'Senast 2026-02-02 23:59 enligt avsnitt 1.12.4.',
      citations: [{ passageId: 'P1', quote: 'tillhanda senast: 2026-02-02 23:59' }],
    },
  }));
});
afterEach(async () => {
  await fake.close();
});

async function roundTrip(settings: LlmSettings) {
  const fallback = stubFallback();
  const composer = createLlmComposer({
    settings,
    fallback,
    prompts: loadPrompts(PROMPTS_DIR),
    logger: recordingLogger(),
  });
  const answer = await composer.compose({ callOff, question: 'Sista anbudsdag?', passages });
  const vectors = await createOpenAiEmbedder(settings).embed(['a', 'b']);
  return { answer, vectors, fallback };
}

const base = {
  apiKey: 'azure-key',
  chatModel: 'min-gpt',
  embeddingModel: 'min-embed',
  timeoutMs: 2_000,
  maxRetries: 0,
};

describe('Azure OpenAI', () => {
  it('v1 endpoint: plain OpenAI client, deployment names as models, bearer key', async () => {
    const { answer, vectors, fallback } = await roundTrip({ ...base, baseUrl: `${fake.origin}/openai/v1` });
    expect(fallback.calls).toHaveLength(0);
    expect(answer.status).toBe('answered');
    expect(vectors).toEqual([fakeEmbedding('a', 64), fakeEmbedding('b', 64)]);
    const [chat] = fake.chatRequests();
    expect(chat?.path).toBe('/openai/v1/chat/completions');
    expect(chat?.body['model']).toBe('min-gpt');
    expect(chat?.headers['authorization']).toBe('Bearer azure-key');
    expect(fake.embeddingRequests()[0]?.path).toBe('/openai/v1/embeddings');
  });

  it('deployment-style URLs with an api-version: api-key header, one deployment per model', async () => {
    const { answer, vectors, fallback } = await roundTrip({
      ...base,
      baseUrl: fake.origin,
      azure: { apiVersion: '2024-10-21' },
    });
    expect(fallback.calls).toHaveLength(0);
    expect(answer.answer).not.toContain(EXTRACTIVE_MARK);
    expect(answer.citations[0]?.quote).toBe('tillhanda senast: 2026-02-02 23:59');
    expect(vectors).toEqual([fakeEmbedding('a', 64), fakeEmbedding('b', 64)]);
    const [chat] = fake.chatRequests();
    expect(chat?.url).toBe('/openai/deployments/min-gpt/chat/completions?api-version=2024-10-21');
    expect(chat?.headers['api-key']).toBe('azure-key');
    expect(chat?.headers['authorization']).toBeUndefined();
    expect(fake.embeddingRequests()[0]?.url).toBe('/openai/deployments/min-embed/embeddings?api-version=2024-10-21');
  });
});
