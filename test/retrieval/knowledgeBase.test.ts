// The persistent knowledge base: builds, reloads, rebuilds when stale, survives damage, searches published answers.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCallOff } from '../../src/config/callOff.js';
import type { Embedder, Logger } from '../../src/core/ports.js';
import type { CallOff, PublishedAnswer, Section } from '../../src/core/types.js';
import { chunkSections } from '../../src/ingest/index.js';
import { ANALYZER_KEY, ANALYZER_VERSION } from '../../src/retrieval/analyzer.js';
import { HashedEmbedder } from '../../src/retrieval/hashedEmbedder.js';
import { INDEX_FORMAT, indexDir, indexKey, readCurrent, writeGeneration } from '../../src/retrieval/indexStore.js';
import { KnowledgeBase, PUBLISHED_DOCUMENT } from '../../src/retrieval/knowledgeBase.js';
import { quietLogger, seedDir, tempDir } from './quality.js';

/** A private copy of the seed call-off, so tests may change its files. */
function seedCopy(): CallOff {
  const root = tempDir('avropsbot-kb-');
  const dir = path.join(root, path.basename(seedDir));
  cpSync(seedDir, dir, { recursive: true });
  return loadCallOff(dir);
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...quietLogger, warnings, warn: (msg: string) => warnings.push(msg) };
}

class CountingEmbedder implements Embedder {
  calls = 0;
  texts = 0;
  private readonly inner = new HashedEmbedder();
  readonly id = this.inner.id;
  readonly dimensions = this.inner.dimensions;
  async embed(texts: string[]): Promise<number[][]> {
    this.calls++;
    this.texts += texts.length;
    return this.inner.embed(texts);
  }
}

describe('KnowledgeBase', () => {
  it('builds the index once, then loads it from disk in a new instance with the same results', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    const first = new KnowledgeBase({ dataDir, logger: quietLogger });
    const built = await first.ensureIndex(callOff);
    expect(built.rebuilt).toBe(true);
    expect(built.documents).toBe(1);
    expect(built.sections).toBeGreaterThan(15);
    expect(built.chunks).toBeGreaterThanOrEqual(built.sections - 2);
    expect((await first.ensureIndex(callOff)).rebuilt).toBe(false);

    const second = new KnowledgeBase({ dataDir, logger: quietLogger });
    const loaded = await second.ensureIndex(callOff);
    expect(loaded.rebuilt).toBe(false);
    expect(loaded.chunks).toBe(built.chunks);
    const question = 'När är sista dag att lämna anbud?';
    const a = await first.retrieve(callOff, question, []);
    const b = await second.retrieve(callOff, question, []);
    expect(b.map((p) => p.chunk.id)).toEqual(a.map((p) => p.chunk.id));
    expect(b[0]!.chunk.heading).toMatch(/anbudsdag/i);
  });

  it('rebuilds when a knowledge file changes', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    const kb = new KnowledgeBase({ dataDir, logger: quietLogger });
    await kb.ensureIndex(callOff);
    const file = path.join(callOff.dir, 'avropsforfragan.txt');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}\n2. Parkering\n\n2.1 Parkering för konsulter\nParkering finns i garaget under huset, plan -2.\n`,
    );
    const again = await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff);
    expect(again.rebuilt).toBe(true);
    const hits = await kb.retrieve(callOff, 'Finns det parkering?', []);
    expect(hits[0]!.chunk.section).toBe('2.1');
  });

  it('rebuilds, without crashing, when the embedder changes', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff);
    const other = new KnowledgeBase({
      dataDir,
      logger: quietLogger,
      embedder: new HashedEmbedder({ dimensions: 128 }),
    });
    const summary = await other.ensureIndex(callOff);
    expect(summary.rebuilt).toBe(true);
    const hits = await other.retrieve(callOff, 'Vem är kontaktperson?', []);
    expect(hits[0]!.chunk.section).toBe('1.6');
  });

  it('rebuilds a damaged index instead of failing', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff);
    const dir = indexDir(dataDir, callOff.id);
    const current = readCurrent(dir)!;
    writeFileSync(path.join(dir, current.generation, 'index.json'), '{"meta": {"format": "avropsbot-in');
    const logger = recordingLogger();
    const summary = await new KnowledgeBase({ dataDir, logger }).ensureIndex(callOff);
    expect(summary.rebuilt).toBe(true);
    expect(logger.warnings.join('\n')).toMatch(/unreadable/);
  });

  it('keeps the previous complete index when a build dies half-way', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff);
    const dir = indexDir(dataDir, callOff.id);
    const before = readCurrent(dir)!;
    const stored = JSON.parse(readFileSync(path.join(dir, before.generation, 'index.json'), 'utf8'));
    expect(() =>
      writeGeneration(dir, { ...stored, meta: { ...stored.meta, key: 'other' } }, () => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    // The half-written generation exists but nothing points to it.
    expect(readdirSync(dir).filter((n) => n.startsWith('gen-')).length).toBe(2);
    expect(readCurrent(dir)).toEqual(before);
    const summary = await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff);
    expect(summary.rebuilt).toBe(false);
  });

  it('falls back to lexical retrieval, with a Swedish warning, when the embedder fails', async () => {
    const callOff = seedCopy();
    const failing: Embedder = {
      id: 'failing:8',
      dimensions: 8,
      embed: async () => {
        throw new Error('connection refused');
      },
    };
    const logger = recordingLogger();
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger, embedder: failing });
    const summary = await kb.ensureIndex(callOff);
    expect(summary.warnings.join('\n')).toMatch(/Vektorindexet kunde inte byggas/);
    const hits = await kb.retrieve(callOff, 'Vem är kontaktperson för avropet?', []);
    expect(hits[0]!.chunk.section).toBe('1.6');
  });

  it('uses an index built without vectors for a while, then tries the embedder again', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    let up = false;
    const inner = new HashedEmbedder({ dimensions: 64 });
    const flaky: Embedder = {
      id: inner.id,
      dimensions: inner.dimensions,
      embed: async (texts) => {
        if (!up) throw new Error('503');
        return inner.embed(texts);
      },
    };
    await new KnowledgeBase({ dataDir, logger: quietLogger, embedder: flaky }).ensureIndex(callOff);
    up = true;
    expect(
      (await new KnowledgeBase({ dataDir, logger: quietLogger, embedder: flaky }).ensureIndex(callOff)).rebuilt,
    ).toBe(false);
    // Eleven minutes later (the index says so), the next process retries and gets vectors.
    const dir = indexDir(dataDir, callOff.id);
    const file = path.join(dir, readCurrent(dir)!.generation, 'index.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    stored.meta.builtAt = new Date(Date.now() - 11 * 60_000).toISOString();
    writeFileSync(file, JSON.stringify(stored));
    const retried = await new KnowledgeBase({ dataDir, logger: quietLogger, embedder: flaky }).ensureIndex(callOff);
    expect(retried.rebuilt).toBe(true);
    expect(retried.warnings.join('\n')).not.toMatch(/Vektorindexet/);
  });

  it('returns section texts that contain every retrieved chunk verbatim', async () => {
    const callOff = seedCopy();
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger });
    const hits = await kb.retrieve(callOff, 'Hur lämnar man in anbudet?', []);
    expect(hits.length).toBeGreaterThan(0);
    for (const { chunk } of hits) {
      const text = kb.sectionText(callOff.id, chunk.document, chunk.section);
      expect(text).toBeDefined();
      expect(text).toContain(chunk.text);
    }
    expect(kb.sectionText(callOff.id, 'avropsforfragan.txt', '99.99')).toBeUndefined();
    expect(kb.sectionText('no-such-call-off', 'avropsforfragan.txt', '1.6')).toBeUndefined();
  });

  it('reads section texts from disk in a fresh instance', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff);
    const fresh = new KnowledgeBase({ dataDir, logger: quietLogger });
    expect(fresh.sectionText(callOff.id, 'avropsforfragan.txt', '1.12.4')).toMatch(/2026-02-02 23:59/);
  });

  it('searches published answers, and embeds a published list only when it changes', async () => {
    const callOff = seedCopy();
    const embedder = new CountingEmbedder();
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger, embedder });
    await kb.ensureIndex(callOff);
    const published: PublishedAnswer[] = [
      {
        callOff: callOff.id,
        faqNumber: 1,
        question: 'Finns det parkeringsplatser för konsulten vid kontoret?',
        answer:
          'Nej, Arbetsförmedlingen tillhandahåller ingen parkering. Närmaste infartsparkering ligger vid Solna station.',
        publishedAt: '2026-01-25T10:00:00.000Z',
      },
      {
        callOff: callOff.id,
        faqNumber: 2,
        question: 'Får konsulten ha egen dator?',
        answer: 'Konsulten får utrustning av Arbetsförmedlingen.',
        publishedAt: '2026-01-25T11:00:00.000Z',
      },
    ];
    const hits = await kb.retrieve(callOff, 'Kan man parkera vid kontoret?', published);
    const top = hits[0]!.chunk;
    expect(top.kind).toBe('published_answer');
    expect(top.document).toBe(PUBLISHED_DOCUMENT);
    expect(top.section).toBe('Publicerat svar nr 1');
    expect(top.faqNumber).toBe(1);
    expect(top.heading).toBe(published[0]!.question);
    expect(top.text).toBe(published[0]!.answer);
    expect(kb.sectionText(callOff.id, PUBLISHED_DOCUMENT, 'Publicerat svar nr 1')).toBe(published[0]!.answer);

    const textsAfterFirst = embedder.texts;
    await kb.retrieve(callOff, 'Får man ta med egen dator?', [...published]);
    expect(embedder.texts - textsAfterFirst).toBe(1); // only the question
    await kb.retrieve(callOff, 'Får man ta med egen dator?', published.slice(0, 1));
    expect(embedder.texts - textsAfterFirst).toBe(3); // question, question + the changed list of one

    // Another call-off's published answers are never used.
    const foreign = await kb.retrieve(callOff, 'Kan man parkera vid kontoret?', [
      { ...published[0]!, callOff: 'annat-avrop', faqNumber: 9 },
    ]);
    expect(foreign.every((p) => p.chunk.kind === 'document')).toBe(true);

    // Document questions still find the documents when published answers are present.
    const doc = await kb.retrieve(callOff, 'När är sista dag att lämna anbud?', published);
    expect(doc[0]!.chunk.section).toBe('1.12.4');
  });

  it('returns nothing for an empty question', async () => {
    const callOff = seedCopy();
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger });
    expect(await kb.retrieve(callOff, '   ', [])).toEqual([]);
  });

  it("gives every passage the question's absolute weight, larger for words the documents never use", async () => {
    const callOff = seedCopy();
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger });
    const plain = await kb.retrieve(callOff, 'När är sista anbudsdag?', []);
    const weights = new Set(plain.map((p) => p.signals?.questionWeight));
    expect(weights.size).toBe(1);
    const weight = [...weights][0]!;
    expect(weight).toBeGreaterThan(0);
    const odd = await kb.retrieve(callOff, 'När är sista anbudsdag för säkerhetsskyddsavtalet?', []);
    expect(odd[0]!.signals!.questionWeight!).toBeGreaterThan(weight);
  });

  it('warns, naming the section, when the documents state another question deadline', async () => {
    const callOff = seedCopy();
    const file = path.join(callOff.dir, 'call-off.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...json, questionDeadline: '2026-01-27' }));
    const changed = loadCallOff(callOff.dir);
    const summary = await new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger }).ingest(
      changed,
    );
    expect(summary.warnings.join('\n')).toMatch(/2026-01-29.*avsnitt 1\.11\.1.*2026-01-27/);
    const same = await new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger }).ingest(callOff);
    expect(summary.warnings.length).toBe(same.warnings.length + 1);
  });

  it('shares one build between concurrent callers and reports progress', async () => {
    const callOff = seedCopy();
    const embedder = new CountingEmbedder();
    const dataDir = tempDir('avropsbot-data-');
    const kb = new KnowledgeBase({ dataDir, logger: quietLogger, embedder });
    const progress: string[] = [];
    const [a, b] = await Promise.all([
      kb.ingest(callOff, (done, total, file) => progress.push(`${done}/${total} ${file}`)),
      kb.ingest(callOff),
    ]);
    expect(a).toEqual(b);
    expect(embedder.calls).toBe(1);
    expect(progress).toEqual(['1/1 avropsforfragan.txt']);
    expect(existsSync(path.join(indexDir(dataDir, callOff.id), 'current.json'))).toBe(true);
  });
});

describe('KnowledgeBase on an empty call-off folder', () => {
  it('warns in Swedish, returns no passages, and still searches published answers', async () => {
    const root = tempDir('avropsbot-empty-');
    const dir = path.join(root, 'tom');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'call-off.json'),
      JSON.stringify({
        id: 'tom',
        reference: 'Tom 1',
        title: 'Tom avropsförfrågan',
        buyer: 'Testköpare',
        timezone: 'Europe/Stockholm',
        questionDeadline: '2030-01-01',
      }),
    );
    const callOff = loadCallOff(dir);
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger });
    const summary = await kb.ensureIndex(callOff);
    expect(summary.chunks).toBe(0);
    expect(summary.warnings.join('\n')).toMatch(/Inga dokument/);
    expect(await kb.retrieve(callOff, 'När är sista anbudsdag?', [])).toEqual([]);
    const published: PublishedAnswer[] = [
      {
        callOff: 'tom',
        faqNumber: 1,
        question: 'Finns parkering?',
        answer: 'Nej.',
        publishedAt: '2026-01-01T00:00:00Z',
      },
    ];
    const hits = await kb.retrieve(callOff, 'Finns det parkering?', published);
    expect(hits.map((h) => h.chunk.section)).toEqual(['Publicerat svar nr 1']);
  });
});

describe('KnowledgeBase with injected content', () => {
  it('keeps every chunk a substring of its section text, even when a document repeats a section number', async () => {
    const root = tempDir('avropsbot-inj-');
    const dir = path.join(root, 'injicerad');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'call-off.json'),
      JSON.stringify({
        id: 'injicerad',
        reference: 'Inj 1',
        title: 'Injicerad',
        buyer: 'Testköpare',
        timezone: 'Europe/Stockholm',
        questionDeadline: '2030-01-01',
      }),
    );
    const callOff = loadCallOff(dir);
    const sections: Section[] = [
      {
        document: 'a.pdf',
        number: '5.1',
        heading: 'Säkerhetsstrateg',
        text: 'Rollen leder säkerhetsarbetet.',
        page: 3,
      },
      {
        document: 'a.pdf',
        number: '5.1',
        heading: 'Säkerhetsstrateg',
        text: 'Konsulten ska vara säkerhetsprövad.',
        page: 9,
      },
      { document: 'a.pdf', number: '6', heading: 'Pris', text: 'Timpriset får vara högst 1 200 kr.', page: 10 },
    ];
    const kb = new KnowledgeBase({
      dataDir: tempDir('avropsbot-data-'),
      logger: quietLogger,
      loadContent: async () => ({ documents: ['a.pdf'], sections, chunks: chunkSections(sections), warnings: [] }),
    });
    const summary = await kb.ensureIndex(callOff);
    expect(summary.sections).toBe(3);
    const hits = await kb.retrieve(callOff, 'Måste konsulten vara säkerhetsprövad?', []);
    expect(hits[0]!.chunk.section).toBe('5.1');
    for (const { chunk } of hits)
      expect(kb.sectionText(callOff.id, chunk.document, chunk.section)).toContain(chunk.text);
    const price = await kb.retrieve(callOff, 'Vilket är det högsta timpriset?', []);
    expect(price[0]!.chunk.section).toBe('6');
  });
});

describe('KnowledgeBase when the file system fails', () => {
  it('answers from memory, with a Swedish warning, when the index cannot be saved', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    // A file where the index directory should go: mkdir fails.
    writeFileSync(path.join(dataDir, 'index'), 'not a directory');
    const logger = recordingLogger();
    const kb = new KnowledgeBase({ dataDir, logger });
    const summary = await kb.ensureIndex(callOff);
    expect(summary.rebuilt).toBe(true);
    expect(summary.warnings.join('\n')).toMatch(/Indexet kunde inte sparas/);
    const hits = await kb.retrieve(callOff, 'Vem är kontaktperson för avropet?', []);
    expect(hits[0]!.chunk.section).toBe('1.6');
  });

  it('keeps serving the loaded index when the knowledge folder disappears, and names the folder otherwise', async () => {
    const callOff = seedCopy();
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger });
    await kb.ensureIndex(callOff);
    rmSync(callOff.dir, { recursive: true, force: true });
    const hits = await kb.retrieve(callOff, 'När är sista dag att lämna anbud?', []);
    expect(hits[0]!.chunk.section).toBe('1.12.4');
    const fresh = new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger });
    await expect(fresh.ensureIndex(callOff)).rejects.toMatchObject({
      code: 'index_unavailable',
      message: expect.stringContaining(callOff.dir),
    });
  });
});

describe('index key', () => {
  it('follows the knowledge files, the analyser, the embedder and INDEX_FORMAT, not where files or code live', () => {
    const a = seedCopy();
    const b = seedCopy();
    const parts = { analyser: 'sv-analyzer-x', embedder: 'hashed:256' };
    const key = indexKey(a.dir, parts);
    // Another folder with the same files: same key (the key names no path and no code).
    expect(indexKey(b.dir, parts)).toBe(key);
    expect(indexKey(a.dir, { ...parts, format: INDEX_FORMAT })).toBe(key);
    expect(indexKey(a.dir, { ...parts, format: INDEX_FORMAT + 1 })).not.toBe(key);
    expect(indexKey(a.dir, { ...parts, analyser: 'sv-analyzer-y' })).not.toBe(key);
    expect(indexKey(a.dir, { ...parts, embedder: 'hashed:512' })).not.toBe(key);
    writeFileSync(
      path.join(b.dir, 'avropsforfragan.txt'),
      `${readFileSync(path.join(b.dir, 'avropsforfragan.txt'))}\nTillägg.\n`,
    );
    expect(indexKey(b.dir, parts)).not.toBe(key);
  });

  it('keeps an index of the same knowledge and format, and rebuilds one an older format wrote', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    expect((await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff)).rebuilt).toBe(true);
    expect((await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff)).rebuilt).toBe(false);

    // What a release with the previous INDEX_FORMAT left behind: same files, older format in the index.
    const dir = indexDir(dataDir, callOff.id);
    const current = readCurrent(dir)!;
    const file = path.join(dir, current.generation, 'index.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...stored, meta: { ...stored.meta, format: INDEX_FORMAT - 1 } }));
    const rebuilt = await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff);
    expect(rebuilt.rebuilt).toBe(true);
    const after = readCurrent(dir)!;
    expect(after.generation).not.toBe(current.generation);
    expect(JSON.parse(readFileSync(path.join(dir, after.generation, 'index.json'), 'utf8')).meta.format).toBe(
      INDEX_FORMAT,
    );
    expect((await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff)).rebuilt).toBe(false);
  });

  it('keys and stores no BM25 parameters, and rebuilds an index of the release that did', async () => {
    const callOff = seedCopy();
    const dataDir = tempDir('avropsbot-data-');
    await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff);
    const embedder = new HashedEmbedder();
    const embedderPart = `${embedder.id}:${embedder.dimensions}`;
    const dir = indexDir(dataDir, callOff.id);
    const current = readCurrent(dir)!;
    // Scoring acts at query time (the shipped weights): the key is the analyser's alone.
    expect(current.key).toBe(indexKey(callOff.dir, { analyser: ANALYZER_KEY, embedder: embedderPart }));
    const file = path.join(dir, current.generation, 'index.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.bm25).not.toHaveProperty('params');

    // What INDEX_FORMAT 7 left behind: the parameters in the postings and in the key.
    const params = {
      k1: 1.2,
      fields: { heading: { weight: 3, b: 0.3 }, body: { weight: 1, b: 0.75 }, context: { weight: 0.5, b: 0.3 } },
    };
    const oldKey = indexKey(callOff.dir, {
      analyser: `${ANALYZER_VERSION} bm25=${JSON.stringify(params)}`,
      embedder: embedderPart,
      format: 7,
    });
    writeFileSync(
      file,
      JSON.stringify({ ...stored, meta: { ...stored.meta, format: 7, key: oldKey }, bm25: { params, ...stored.bm25 } }),
    );
    writeFileSync(path.join(dir, 'current.json'), JSON.stringify({ generation: current.generation, key: oldKey }));
    expect((await new KnowledgeBase({ dataDir, logger: quietLogger }).ensureIndex(callOff)).rebuilt).toBe(true);
    const after = readCurrent(dir)!;
    expect(after.generation).not.toBe(current.generation);
    expect(after.key).toBe(current.key);
    expect(JSON.parse(readFileSync(path.join(dir, after.generation, 'index.json'), 'utf8')).bm25).not.toHaveProperty(
      'params',
    );
  });
});
