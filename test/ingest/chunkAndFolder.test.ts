/** chunkSections windows and ids; loadCallOffDocuments folder walking; the stated-deadline finder. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Section } from '../../src/core/types.js';
import {
  chunkSections,
  findStatedQuestionDeadline,
  type IngestedDocument,
  listCallOffFiles,
  loadCallOffDocuments,
} from '../../src/ingest/index.js';

const sentence = (i: number) =>
  `Mening nummer ${i} beskriver ett krav på leverantören som ska uppfyllas under hela kontraktstiden.`;
const longText = Array.from({ length: 40 }, (_, i) => sentence(i + 1)).join(' ');
const section = (text: string, number = '4.2', document = 'a.txt'): Section => ({
  document,
  number,
  heading: 'Krav på leverantören',
  text,
  page: 3,
});

describe('chunkSections', () => {
  it('keeps a short section whole', () => {
    const [c, ...rest] = chunkSections([section('Kort text.')]);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ kind: 'document', document: 'a.txt', section: '4.2', text: 'Kort text.', page: 3 });
    expect(c!.heading).toBe('Krav på leverantören');
  });

  it('splits a long section into overlapping windows cut after sentences', () => {
    const chunks = chunkSections([section(longText)], { maxChars: 500, overlapChars: 120 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(500);
      expect(longText).toContain(c.text);
      expect(c.text).toMatch(/^Mening nummer \d+/);
      expect(c.text).toMatch(/kontraktstiden\.$/);
      expect(c.section).toBe('4.2');
    }
    // Consecutive windows overlap, and together they cover the whole text.
    for (let i = 1; i < chunks.length; i++) {
      const prevEnd = longText.indexOf(chunks[i - 1]!.text) + chunks[i - 1]!.text.length;
      const start = longText.indexOf(chunks[i]!.text);
      expect(start).toBeLessThan(prevEnd);
      expect(prevEnd - start).toBeLessThanOrEqual(120);
    }
    expect(longText.startsWith(chunks[0]!.text)).toBe(true);
    expect(longText.endsWith(chunks[chunks.length - 1]!.text)).toBe(true);
  });

  it('cuts a sentence longer than the window at spaces, never inside a word', () => {
    const words = Array.from({ length: 120 }, (_, i) => `ord${i}`).join(' ');
    const chunks = chunkSections([section(words)], { maxChars: 150, overlapChars: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(150);
      expect(c.text).toMatch(/^ord\d+( ord\d+)*$/);
    }
    expect(chunks.map((c) => c.text).join(' ')).toBe(words);
  });

  it('gives ids that are stable, unique, and depend on document, section and text', () => {
    const a = chunkSections([section(longText)], { maxChars: 400 });
    const b = chunkSections([section(longText)], { maxChars: 400 });
    expect(a.map((c) => c.id)).toEqual(b.map((c) => c.id));
    expect(new Set(a.map((c) => c.id)).size).toBe(a.length);
    const other = chunkSections([section(longText, '4.3')], { maxChars: 400 });
    const otherDoc = chunkSections([section(longText, '4.2', 'b.txt')], { maxChars: 400 });
    expect(other[0]!.id).not.toBe(a[0]!.id);
    expect(otherDoc[0]!.id).not.toBe(a[0]!.id);
    // The same text twice in one section still gives distinct ids.
    const twice = chunkSections([section('Samma.'), section('Samma.')]);
    expect(twice[0]!.id).not.toBe(twice[1]!.id);
  });

  it('gives no chunk for a heading without body', () => {
    expect(chunkSections([section('')])).toEqual([]);
  });
});

describe('loadCallOffDocuments', () => {
  let dir: string;
  let outside: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'avropsbot-folder-'));
    await mkdir(path.join(dir, 'bilagor', 'äldre'), { recursive: true });
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, 'call-off.json'), '{}');
    await writeFile(
      path.join(dir, 'b-avrop.txt'),
      '1. Allmänt\nAvropet gäller drift av systemet under två år från kontraktsstart.\n',
    );
    await writeFile(path.join(dir, 'A-Frågor.MD'), '## 1. Frågor\n\nSista dag för frågor: 2026-03-01\n');
    await writeFile(path.join(dir, 'bilagor', 'krav.md'), '## 1. Krav\n\nKonsulten ska ha fem års erfarenhet.\n');
    await writeFile(path.join(dir, 'bilagor', 'äldre', 'tom.txt'), '');
    await writeFile(path.join(dir, '.dold.txt'), 'hemlig');
    await writeFile(path.join(dir, '.git', 'HEAD.txt'), 'x');
    await writeFile(path.join(dir, '~$avrop.docx'), 'lås');
    await writeFile(path.join(dir, 'priser.xlsx'), 'x');
    // A linked document, a link back up the tree (a loop) and a dangling link.
    outside = await mkdtemp(path.join(tmpdir(), 'avropsbot-linked-'));
    await writeFile(
      path.join(outside, 'extern.txt'),
      '1. Extern\nEn bilaga som ligger utanför mappen men länkas in.\n',
    );
    await symlink(path.join(outside, 'extern.txt'), path.join(dir, 'bilagor', 'länkad.txt'));
    await symlink(dir, path.join(dir, 'bilagor', 'loop'));
    await symlink(path.join(dir, 'finns-inte.txt'), path.join(dir, 'trasig-länk.txt'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('lists supported files below the folder, sorted, with / separators', async () => {
    expect(await listCallOffFiles(dir)).toEqual([
      'A-Frågor.MD',
      'b-avrop.txt',
      'bilagor/krav.md',
      'bilagor/länkad.txt',
      'bilagor/äldre/tom.txt',
    ]);
  });

  it('loads each one and reports progress', async () => {
    const progress: string[] = [];
    const docs = await loadCallOffDocuments(dir, {}, (done, total, file) => progress.push(`${done}/${total} ${file}`));
    expect(progress).toEqual([
      '1/5 A-Frågor.MD',
      '2/5 b-avrop.txt',
      '3/5 bilagor/krav.md',
      '4/5 bilagor/länkad.txt',
      '5/5 bilagor/äldre/tom.txt',
    ]);
    expect(docs.map((d) => [d.document, d.format, d.sections.length])).toEqual([
      ['A-Frågor.MD', 'md', 1],
      ['b-avrop.txt', 'txt', 1],
      ['bilagor/krav.md', 'md', 1],
      ['bilagor/länkad.txt', 'txt', 1],
      ['bilagor/äldre/tom.txt', 'txt', 0],
    ]);
    expect(docs[2]!.sections[0]!.document).toBe('bilagor/krav.md');
    expect(findStatedQuestionDeadline(docs)).toEqual({ date: '2026-03-01', document: 'A-Frågor.MD', section: '1' });
  });

  it('fails with a clear error for a folder that does not exist', async () => {
    await expect(loadCallOffDocuments(path.join(dir, 'saknas'))).rejects.toMatchObject({ code: 'index_unavailable' });
  });
});

describe('findStatedQuestionDeadline', () => {
  const doc = (text: string, number = '2.3'): IngestedDocument => ({
    document: 'avrop.txt',
    format: 'txt',
    pages: null,
    contentHash: '0',
    warnings: [],
    sections: [section(text, number, 'avrop.txt')],
  });

  it.each([
    ['Frågor ska vara Testverket tillhanda senast: 2026-01-29', { date: '2026-01-29' }],
    ['Sista dag för frågor är 2026-01-29 kl. 12:00.', { date: '2026-01-29', time: '12:00' }],
    ['Sista dagen för anbudsgivaren att ställa frågor är 2023-11-16.', { date: '2023-11-16' }],
    ['Frågor ska ställas senast den 3 mars 2026 kl 16.00 via verktyget.', { date: '2026-03-03', time: '16:00' }],
    ['Frågor om avropet ska ha inkommit 2026-02-10.', { date: '2026-02-10' }],
    ['Sista frågedag: 2026-02-11', { date: '2026-02-11' }],
    ['Frågor kan ställas fram till och med 9/2 2026.', { date: '2026-02-09' }],
    // Any date shape of the shared recognisers.
    ['Sista dag för frågor är 2/3/2026 kl 09.00.', { date: '2026-03-02', time: '09:00' }],
    ['Frågor ska ställas senast den 1 okt. 2026.', { date: '2026-10-01' }],
    [
      'Frågor och svar: frågor ska vara oss tillhanda senast 2026-01-20 kl. 10.00.',
      { date: '2026-01-20', time: '10:00' },
    ],
  ])('reads %s', (text, expected) => {
    expect(findStatedQuestionDeadline([doc(text)])).toEqual({ ...expected, document: 'avrop.txt', section: '2.3' });
  });

  it('ignores the tender deadline and deadlines without a date', () => {
    expect(
      findStatedQuestionDeadline([doc('Anbud ska vara Testverket tillhanda senast: 2026-02-02 23:59')]),
    ).toBeNull();
    expect(findStatedQuestionDeadline([doc('Frågor ska ställas senast: Se datum i TendSign')])).toBeNull();
    expect(findStatedQuestionDeadline([doc('Frågorna besvaras senast 2026-01-31 via TendSign.')])).toBeNull();
    expect(findStatedQuestionDeadline([doc('Frågor och svar publiceras senast 2026-01-31.')])).toBeNull();
    // A day and month without a year, or a month past 12, is no deadline to compare with.
    expect(findStatedQuestionDeadline([doc('Frågor ska ställas senast den 3 mars.')])).toBeNull();
    expect(findStatedQuestionDeadline([doc('Frågor ska ställas senast 2026-13-01.')])).toBeNull();
  });
});
