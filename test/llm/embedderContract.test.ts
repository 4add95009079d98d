/**
 * One contract suite, run against every Embedder implementation (the offline
 * hashed embedder, the OpenAI embedder against the fake server, and the cached
 * embedder in front of it): what the knowledge base relies on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/core/ports.js';
import { HashedEmbedder } from '../../src/retrieval/hashedEmbedder.js';
import { createCachedEmbedder } from '../../src/retrieval/openai/cachedEmbedder.js';
import { createOpenAiEmbedder } from '../../src/retrieval/openai/openAiEmbedder.js';
import { type FakeOpenAi, startFakeOpenAi } from './fakeOpenAi.js';

let fake: FakeOpenAi;
let dir: string;
beforeAll(async () => {
  fake = await startFakeOpenAi({ dimensions: 40 });
  dir = mkdtempSync(path.join(tmpdir(), 'avropsbot-contract-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const openAi = () =>
  createOpenAiEmbedder({
    apiKey: 'k',
    baseUrl: fake.url,
    chatModel: 'c',
    embeddingModel: 'contract-embed',
    timeoutMs: 2_000,
    maxRetries: 0,
    embeddingBatchSize: 3,
  });

const implementations: [string, () => Embedder][] = [
  ['HashedEmbedder', () => new HashedEmbedder()],
  ['OpenAI embedder (fake server)', openAi],
  ['cached OpenAI embedder', () => createCachedEmbedder(openAi(), dir, { batchSize: 2 })],
];

const texts = [
  'Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59',
  'Kontaktperson under avropet är Åsa Gustafsson',
  'Distansarbete upp till 49% av arbetstiden',
  'Anbudets giltighetstid',
  'Placeringsort Solna',
];

for (const [name, make] of implementations) {
  describe(`Embedder contract: ${name}`, () => {
    it('has a stable, non-empty id', () => {
      const a = make();
      expect(a.id.length).toBeGreaterThan(0);
      expect(make().id).toBe(a.id);
    });

    it('returns one finite vector per text, in order, of the stated dimension', async () => {
      const embedder = make();
      const vectors = await embedder.embed(texts);
      expect(vectors).toHaveLength(texts.length);
      expect(embedder.dimensions).toBeGreaterThan(0);
      for (const v of vectors) {
        expect(v).toHaveLength(embedder.dimensions);
        expect(v.every(Number.isFinite)).toBe(true);
        expect(v.some((x) => x !== 0)).toBe(true);
      }
    });

    it('is deterministic and independent of batching', async () => {
      const embedder = make();
      const all = await embedder.embed(texts);
      const alone = await embedder.embed([texts[3] as string]);
      const again = await make().embed([texts[3] as string]);
      for (const [x, y] of [
        [all[3], alone[0]],
        [alone[0], again[0]],
      ] as const) {
        expect(x?.length).toBe(y?.length);
        const largest = Math.max(...(x ?? []).map((value, i) => Math.abs(value - (y?.[i] as number))));
        expect(largest).toBeLessThan(1e-6);
      }
    });

    it('answers an empty list with an empty list', async () => {
      expect(await make().embed([])).toEqual([]);
    });
  });
}
