// Memory that follows use: a bound on loaded indexes, idle ones dropped, and builds in a child process
// that leave the index on disk under the same key an in-process build uses.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCallOff } from '../../src/config/callOff.js';
import type { CallOff } from '../../src/core/types.js';
import { KnowledgeBase } from '../../src/retrieval/knowledgeBase.js';
import { quietLogger, seedDir, tempDir } from './quality.js';

function seedCopy(root: string): CallOff {
  const dir = path.join(root, path.basename(seedDir));
  cpSync(seedDir, dir, { recursive: true });
  return loadCallOff(dir);
}

function smallCallOff(root: string): CallOff {
  const dir = path.join(root, 'af-test-small');
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'call-off.json'),
    JSON.stringify({
      id: 'af-test-small',
      reference: 'Af-2099/0002',
      title: 'Avrop för testledare',
      buyer: 'Testmyndigheten',
      timezone: 'Europe/Stockholm',
      questionDeadline: '2099-03-01',
    }),
  );
  writeFileSync(
    path.join(dir, 'avrop.txt'),
    ['1 Inledning', 'Testmyndigheten avropar en testledare.', '2 Avtalsperiod', 'Avtalet gäller i tolv månader.'].join(
      '\n',
    ),
  );
  return loadCallOff(dir);
}

describe('loaded indexes', () => {
  it('keep at most maxLoaded in memory, the least recently used dropped; a dropped one is read back from disk', async () => {
    const root = tempDir('avropsbot-lru-');
    const seed = seedCopy(root);
    const small = smallCallOff(root);
    const kb = new KnowledgeBase({ dataDir: tempDir('avropsbot-data-'), logger: quietLogger, maxLoaded: 1 });
    const first = await kb.retrieve(seed, 'När är sista anbudsdag?', []);
    expect(first.length).toBeGreaterThan(0);
    expect(kb.loadedCallOffs()).toEqual([seed.id]);
    expect((await kb.retrieve(small, 'Hur länge gäller avtalet?', [])).length).toBeGreaterThan(0);
    expect(kb.loadedCallOffs()).toEqual([small.id]);
    // Back from disk, not rebuilt, with the same ranking.
    const again = await kb.retrieve(seed, 'När är sista anbudsdag?', []);
    expect(again.map((p) => p.chunk.id)).toEqual(first.map((p) => p.chunk.id));
    expect(kb.loadedCallOffs()).toEqual([seed.id]);
    expect((await kb.ensureIndex(seed)).rebuilt).toBe(false);
  });

  it('drops an index no question used for idleMs', async () => {
    const root = tempDir('avropsbot-idle-');
    const seed = seedCopy(root);
    const small = smallCallOff(root);
    let now = 1_000_000;
    const kb = new KnowledgeBase({
      dataDir: tempDir('avropsbot-data-'),
      logger: quietLogger,
      idleMs: 60_000,
      now: () => now,
    });
    await kb.retrieve(seed, 'När är sista anbudsdag?', []);
    now += 30_000;
    await kb.retrieve(small, 'Hur länge gäller avtalet?', []);
    expect(kb.loadedCallOffs()).toEqual([seed.id, small.id]);
    now += 45_000;
    await kb.retrieve(small, 'Hur länge gäller avtalet?', []);
    expect(kb.loadedCallOffs()).toEqual([small.id]);
  });
});

describe('builds off the event loop', () => {
  it('prepare builds in a child process and loads nothing; the first question loads it; an in-process instance finds it current', async () => {
    const root = tempDir('avropsbot-worker-');
    const seed = seedCopy(root);
    const small = smallCallOff(root);
    const dataDir = tempDir('avropsbot-data-');
    const kb = new KnowledgeBase({ dataDir, logger: quietLogger });
    expect(kb.buildOffThread()).toBe(true);
    try {
      const building = [kb.prepare(seed), kb.prepare(small)];
      // One at a time, in the order asked.
      expect(kb.buildsPending()).toEqual([seed.id, small.id]);
      const [a, b] = await Promise.all(building);
      expect(a?.rebuilt).toBe(true);
      expect(b?.rebuilt).toBe(true);
      expect(a?.sections).toBeGreaterThan(15);
      expect(kb.buildsPending()).toEqual([]);
      expect(kb.loadedCallOffs()).toEqual([]);

      const passages = await kb.retrieve(seed, 'När är sista anbudsdag?', []);
      expect(passages.length).toBeGreaterThan(0);
      expect(kb.loadedCallOffs()).toEqual([seed.id]);
      // Prepared again: current on disk, nothing rebuilt.
      expect((await kb.prepare(small)).rebuilt).toBe(false);
    } finally {
      await kb.close();
    }
    const inProcess = new KnowledgeBase({ dataDir, logger: quietLogger });
    expect((await inProcess.ensureIndex(seed)).rebuilt).toBe(false);
  }, 60_000);

  it('stays in process with a content loader passed in, which cannot cross into another process', () => {
    const kb = new KnowledgeBase({
      dataDir: tempDir('avropsbot-data-'),
      logger: quietLogger,
      loadContent: async () => ({ documents: [], sections: [], chunks: [], warnings: [] }),
    });
    expect(kb.buildOffThread()).toBe(false);
  });
});
