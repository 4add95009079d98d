/**
 * Dense embeddings through the real OpenAIEmbeddings client against the fake
 * server: float and base64 answers (asked for or not), the persistent cache
 * that sends only changed texts on re-ingest, batching, damaged cache files,
 * and a dead endpoint that fails fast once the breaker is open.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OpenAIEmbeddings } from '@langchain/openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LlmSettings } from '../../src/answering/llm/settings.js';
import { createCachedEmbedder } from '../../src/retrieval/openai/cachedEmbedder.js';
import { createOpenAiEmbedder, decodeEmbedding } from '../../src/retrieval/openai/openAiEmbedder.js';
import { type FakeOpenAi, fakeEmbedding, startFakeOpenAi } from './fakeOpenAi.js';

let fake: FakeOpenAi | undefined;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'avropsbot-emb-'));
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function settings(url: string, extra: Partial<LlmSettings> = {}): LlmSettings {
  return {
    apiKey: 'test-key',
    baseUrl: url,
    chatModel: 'gpt-4o-mini',
    embeddingModel: 'fake-embed',
    timeoutMs: 1_000,
    maxRetries: 0,
    ...extra,
  };
}

const texts = ['Sista anbudsdag är 2026-02-02', 'Kontaktperson under avropet', 'Distansarbete upp till 49%'];
const expected = (t: string) => fakeEmbedding(t, 64);

describe('OpenAI embedder', () => {
  it('decodes float answers', async () => {
    fake = await startFakeOpenAi({ embeddingFormat: 'float' });
    const embedder = createOpenAiEmbedder(settings(fake.url, { embeddingEncoding: 'float' }));
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(3);
    vectors.forEach((v, i) => {
      expect(v).toHaveLength(64);
      expect(v).toEqual(expected(texts[i] as string));
    });
    expect(embedder.dimensions).toBe(64);
    expect(embedder.id).toBe('openai:fake-embed');
    expect(fake.embeddingRequests()[0]?.body['encoding_format']).toBe('float');
  });

  it('decodes base64 answers', async () => {
    fake = await startFakeOpenAi();
    const embedder = createOpenAiEmbedder(settings(fake.url, { embeddingEncoding: 'base64' }));
    const vectors = await embedder.embed(texts);
    expect(fake.embeddingRequests()[0]?.body['encoding_format']).toBe('base64');
    expect(vectors).toEqual(texts.map(expected));
  });

  it('decodes base64 even when it asked for floats (a server that ignores the request)', async () => {
    fake = await startFakeOpenAi({ embeddingFormat: 'base64' });
    const embedder = createOpenAiEmbedder(settings(fake.url));
    const [v] = await embedder.embed([texts[0] as string]);
    expect(v).toEqual(expected(texts[0] as string));
  });

  it('shows the pitfall it avoids: the default client expects base64 and garbles floats', async () => {
    fake = await startFakeOpenAi({ embeddingFormat: 'float' });
    const plain = new OpenAIEmbeddings({
      model: 'fake-embed',
      apiKey: 'k',
      maxRetries: 0,
      configuration: { baseURL: fake.url },
    });
    const v = await plain.embedQuery(texts[0] as string);
    expect(v).not.toEqual(expected(texts[0] as string));
  });

  it('decodeEmbedding reads both forms and refuses junk', () => {
    const v = [0.25, -0.5, 1];
    expect(decodeEmbedding(v)).toEqual(v);
    expect(decodeEmbedding(Buffer.from(new Float32Array(v).buffer).toString('base64'))).toEqual(v);
    expect(() => decodeEmbedding({})).toThrow(/okänt vektorformat/);
    expect(() => decodeEmbedding('AAA')).toThrow(/fel längd/);
  });

  it('fails fast with a clear error when the endpoint hangs, then the breaker spares the wait', async () => {
    fake = await startFakeOpenAi({ latencyMs: 5_000 });
    const embedder = createOpenAiEmbedder(settings(fake.url, { timeoutMs: 500 }));
    let started = Date.now();
    await expect(embedder.embed(['x'])).rejects.toMatchObject({ code: 'llm_unavailable' });
    expect(Date.now() - started).toBeLessThan(500 + 2_000);
    started = Date.now();
    await expect(embedder.embed(['y'])).rejects.toThrow(/kretsbrytaren/);
    expect(Date.now() - started).toBeLessThan(100);
    expect(fake.embeddingRequests()).toHaveLength(1);
  });
});

describe('cached embedder', () => {
  it('calls the endpoint only for texts it has not seen, across instances', async () => {
    fake = await startFakeOpenAi();
    const first = createCachedEmbedder(createOpenAiEmbedder(settings(fake.url)), dir);
    const v1 = await first.embed(texts);
    expect(fake.embeddingRequests()).toHaveLength(1);
    expect(first.stats).toEqual({ hits: 0, misses: 3 });

    // A new process: same cache folder, one text changed, one repeated.
    const second = createCachedEmbedder(createOpenAiEmbedder(settings(fake.url)), dir);
    const changed = [texts[0] as string, 'Anbudets giltighetstid', texts[2] as string, texts[0] as string];
    const v2 = await second.embed(changed);
    expect(fake.embeddingRequests()).toHaveLength(2);
    expect(fake.embeddingRequests()[1]?.body['input']).toEqual(['Anbudets giltighetstid']);
    expect(second.stats).toEqual({ hits: 3, misses: 1 });
    expect(v2[0]).toEqual(v1[0]);
    expect(v2[2]).toEqual(v1[2]);
    expect(v2[3]).toEqual(v1[0]);
    expect(v2[1]).toEqual(expected('Anbudets giltighetstid'));
    expect(second.dimensions).toBe(64);
  });

  it('knows the dimensions of an unknown model before the first call, from an earlier run', async () => {
    fake = await startFakeOpenAi({ dimensions: 48 });
    const first = createCachedEmbedder(createOpenAiEmbedder(settings(fake.url)), dir);
    expect(first.dimensions).toBe(0);
    await first.embed(['x']);
    expect(first.dimensions).toBe(48);
    const later = createCachedEmbedder(createOpenAiEmbedder(settings(fake.url)), dir);
    expect(later.dimensions).toBe(48);
  });

  it('keys the cache by embedder id: another model is a miss', async () => {
    fake = await startFakeOpenAi();
    await createCachedEmbedder(createOpenAiEmbedder(settings(fake.url)), dir).embed(texts);
    const other = createCachedEmbedder(createOpenAiEmbedder(settings(fake.url, { embeddingModel: 'other' })), dir);
    await other.embed(texts);
    expect(other.stats.misses).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(['openai_fake-embed', 'openai_other']);
  });

  it('sends misses in batches', async () => {
    fake = await startFakeOpenAi();
    const many = Array.from({ length: 300 }, (_, i) => `avsnitt ${i}`);
    const cached = createCachedEmbedder(createOpenAiEmbedder(settings(fake.url)), dir, { batchSize: 128 });
    const vectors = await cached.embed(many);
    expect(vectors).toHaveLength(300);
    expect(fake.embeddingRequests().map((r) => (r.body['input'] as string[]).length)).toEqual([128, 128, 44]);
    expect(vectors[299]).toEqual(expected('avsnitt 299'));
  });

  it('survives a damaged shard: whole records are kept, the rest is embedded again', async () => {
    fake = await startFakeOpenAi();
    const many = Array.from({ length: 600 }, (_, i) => `text ${i}`);
    await createCachedEmbedder(createOpenAiEmbedder(settings(fake.url)), dir).embed(many);
    const shardDir = path.join(dir, 'openai_fake-embed');
    expect(readdirSync(shardDir).some((f) => f.endsWith('.tmp'))).toBe(false); // no temp files left behind
    const files = readdirSync(shardDir).filter((f) => f.endsWith('.bin'));
    const victim = path.join(shardDir, files[0] as string);
    const size = readFileSync(victim).length;
    truncateSync(victim, size - 10);
    writeFileSync(path.join(shardDir, files[1] as string), 'not a shard');

    const again = createCachedEmbedder(createOpenAiEmbedder(settings(fake.url)), dir);
    const vectors = await again.embed(many);
    expect(again.stats.misses).toBeGreaterThan(0);
    expect(again.stats.misses).toBeLessThan(20);
    expect(vectors[5]).toEqual(expected('text 5'));
  });
});
