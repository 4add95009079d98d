/**
 * The answer model's per-chunk analysis kept on disk (src/answering/analysisStore.ts):
 * a process that reads it decides exactly as one that analyses the chunks
 * itself, and a damaged, foreign or stale file is ignored and written again,
 * never used. Each "process" is a fresh set of modules (vi.resetModules), so
 * nothing is carried over in memory.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Passage } from '../../src/core/types.js';
import { COMMON_SECTIONS, passageMaker } from './samplePassages.js';

const passage = passageMaker(1);

const passages: Passage[] = [
  ...COMMON_SECTIONS.map(([section, heading, text]) => passage(section, heading, text)),
  passage(
    '1.12.5',
    'Anbudets giltighet',
    'Om avropet blir föremål för överprövning förlängs anbudets giltighetstid, dock högst fyra månader.\n• Anbud ska minst vara giltigt t.o.m: 2026-03-23',
  ),
];
const questions = ['När är sista anbudsdag?', 'Får man arbeta på distans?', 'Hur länge ska anbudet vara giltigt?'];

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-analysis-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh process's modules: no analysis held in memory. */
async function freshProcess() {
  vi.resetModules();
  const { ExtractiveComposer } = await import('../../src/answering/extractive.js');
  const { ChunkAnalysisStore } = await import('../../src/answering/analysisStore.js');
  const terms = await import('../../src/answering/terms.js');
  return { ExtractiveComposer, ChunkAnalysisStore, terms };
}

/** Everything a decision rests on: each candidate's features and logit, the confidence, the choice. */
async function decisions(withStore: boolean) {
  const { ExtractiveComposer, ChunkAnalysisStore } = await freshProcess();
  const composer = new ExtractiveComposer(withStore ? { analysisStore: new ChunkAnalysisStore(dir) } : {});
  return questions.map((q) => {
    const d = composer.decide(q, passages);
    return {
      confidence: d.confidence,
      chosen: d.chosen?.candidate.text ?? null,
      scored: d.scored.map((s) => [
        s.candidate.passage.chunk.id,
        s.candidate.start,
        s.candidate.end,
        s.logit,
        s.features,
      ]),
    };
  });
}

function storedFiles(): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, f));
}

describe('the stored per-chunk analysis', () => {
  it('a process that reads it decides exactly as one that analyses the chunks itself', async () => {
    const plain = await decisions(false);
    expect(storedFiles()).toEqual([]);
    const writing = await decisions(true);
    expect(writing).toEqual(plain);
    expect(storedFiles()).toHaveLength(passages.length);
    const before = storedFiles().map((f) => readFileSync(f, 'utf8'));
    const reading = await decisions(true);
    expect(reading).toEqual(plain);
    // Read, not recomputed: nothing new to write, the files are as they were.
    expect(storedFiles().map((f) => readFileSync(f, 'utf8'))).toEqual(before);
  });

  it('adopts a stored analysis: the chunk is held before the composer reads it', async () => {
    await decisions(true);
    const { ChunkAnalysisStore, terms } = await freshProcess();
    const chunks = passages.map((p) => p.chunk);
    expect(chunks.some((c) => terms.holdsChunkAnalysis(c))).toBe(false);
    new ChunkAnalysisStore(dir).adopt(chunks);
    expect(chunks.every((c) => terms.holdsChunkAnalysis(c))).toBe(true);
  });

  it('ignores damaged files and writes them again', async () => {
    const plain = await decisions(false);
    await decisions(true);
    const files = storedFiles();
    writeFileSync(files[0]!, '{"version": "');
    writeFileSync(files[1]!, JSON.stringify({ version: 1, text: 2, analysis: null }));
    const stored = JSON.parse(readFileSync(files[2]!, 'utf8'));
    stored.analysis.facts[0][1].words = 'not a list';
    writeFileSync(files[2]!, JSON.stringify(stored));
    writeFileSync(files[3]!, '');
    expect(await decisions(true)).toEqual(plain);
    for (const f of files) expect(() => JSON.parse(readFileSync(f, 'utf8'))).not.toThrow();
    expect(await decisions(true)).toEqual(plain);
  });

  it('never uses an analysis of another text or another version', async () => {
    const plain = await decisions(false);
    await decisions(true);
    const files = storedFiles();
    const contents = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
    // Each file holds another chunk's analysis (a well-formed file in the wrong place) ...
    for (const [i, f] of files.entries()) writeFileSync(f, JSON.stringify(contents[(i + 1) % files.length]));
    expect(await decisions(true)).toEqual(plain);
    // ... or an analysis of this text by another version, with every term altered.
    for (const [i, f] of files.entries()) {
      const c = contents[i];
      c.version = `${c.version}-old`;
      c.analysis.terms = c.analysis.terms.map(([t]: [string]) => [t, [['annat', 1]]]);
      writeFileSync(f, JSON.stringify(c));
    }
    expect(await decisions(true)).toEqual(plain);
  });

  it("never reads another release's files: an upgrade analyses afresh", async () => {
    const plain = await decisions(true);
    const before = storedFiles();
    expect(before).toHaveLength(passages.length);
    // The next release, as the store reads package.json.
    vi.doMock('node:fs', async (importOriginal) => {
      const fs = await importOriginal<typeof import('node:fs')>();
      const readFileSync = ((file: Parameters<typeof fs.readFileSync>[0], ...rest: unknown[]) =>
        String(file).endsWith('/package.json')
          ? '{"version":"99.0.0"}'
          : (fs.readFileSync as (...a: unknown[]) => unknown)(file, ...rest)) as typeof fs.readFileSync;
      return { ...fs, default: { ...fs, readFileSync }, readFileSync };
    });
    try {
      expect(await decisions(true)).toEqual(plain);
    } finally {
      vi.doUnmock('node:fs');
    }
    // Written again under the new release's version, beside the old ones (left unread).
    expect(storedFiles()).toHaveLength(2 * passages.length);
    expect(storedFiles()).toEqual(expect.arrayContaining(before));
  });

  it('leaves no temporary file behind when a file cannot be put in place', async () => {
    const plain = await decisions(false);
    await decisions(true);
    // A directory where a chunk's file goes: its temporary file is written, the rename fails.
    const blocked = storedFiles()[0]!;
    rmSync(blocked);
    mkdirSync(path.join(blocked, 'in-the-way'), { recursive: true });
    expect(await decisions(true)).toEqual(plain);
    expect(readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('answers as before when the store cannot be written', async () => {
    const plain = await decisions(false);
    const file = path.join(dir, 'not-a-dir');
    writeFileSync(file, '');
    const { ExtractiveComposer, ChunkAnalysisStore } = await freshProcess();
    const composer = new ExtractiveComposer({ analysisStore: new ChunkAnalysisStore(file) });
    const d = composer.decide(questions[0]!, passages);
    expect(d.confidence).toBe(plain[0]!.confidence);
    expect(d.chosen?.candidate.text ?? null).toBe(plain[0]!.chosen);
  });
});
