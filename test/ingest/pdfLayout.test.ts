/**
 * What the layout of a platform-exported PDF (TendSign, e-Avrop) says beyond
 * its words: tables drawn as text at column positions, justified body text,
 * wrapped lines that only look like list items, requirement lists. The
 * committed region call-off (pdfkit, drawn the way those platforms print) is
 * the main fixture; small pdfkit PDFs cover the cases it lacks.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestedDocument, loadDocument } from '../../src/ingest/index.js';
import { normaliseBody } from '../../src/ingest/normalise.js';
import { repoRoot } from './helpers.js';
import { render } from './makePdf.js';

const REGION = path.join(
  repoRoot,
  'test',
  'fixtures',
  'callOffs',
  'region-ehalsa',
  'avropsforfragan-rv-2026-00318.pdf',
);

let region: IngestedDocument;
let dir: string;
beforeAll(async () => {
  region = await loadDocument(REGION, path.basename(REGION));
  dir = await mkdtemp(path.join(tmpdir(), 'avropsbot-pdflayout-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = (doc: IngestedDocument, n: string) => doc.sections.find((s) => s.number === n)!.text.split('\n');

async function load(name: string, build: (doc: PDFKit.PDFDocument) => void): Promise<IngestedDocument> {
  const file = path.join(dir, name);
  await writeFile(file, await render(build));
  return loadDocument(file, name);
}

describe('tables drawn as text at column positions', () => {
  it('separates the cells of every row with " | "', () => {
    expect(lines(region, '1.4')).toContain('Aktivitet | Datum');
    expect(lines(region, '1.4')).toContain('Intervjuer | vecka 10, 2026-03-02 till 2026-03-06');
    expect(lines(region, '4.2')).toContain('Kravanalytiker | Nivå 4 | 60 % | 1 600');
    expect(lines(region, '4.2')).toContain('K7 | ISTQB Advanced Level Test Management | 60 kr');
    expect(lines(region, '4.3')).toContain('Ej godtagbar | anbudet förkastas');
  });

  it('leaves justified body text, tab-set heading numbers and requirement labels alone', () => {
    const all = region.sections.map((s) => s.text).join('\n');
    expect(region.sections.map((s) => s.heading)).not.toContainEqual(expect.stringContaining('|'));
    // Only the table rows (and the cover page's label/value rows) carry cell marks;
    // the wide word spaces of justified lines do not.
    const marked = all.split('\n').filter((l) => l.includes(' | '));
    expect(marked).toHaveLength(4 + 8 + 3 + 5 + 5);
    expect(marked).toContain('Diarienummer | RV 2026-00318');
    expect(lines(region, '3.2.1')[0]).toMatch(/^K1 Ska-krav Kravanalytikern ska ha minst fem/);
  });

  it('needs two wide gaps on a line, or a neighbour with a gap at the same column', async () => {
    const doc = await load('ensam.pdf', (d) => {
      d.addPage();
      d.font('Helvetica-Bold').fontSize(13).text('1. Pris', 60, 80);
      d.font('Helvetica').fontSize(10);
      d.text('Priserna anges nedan.', 60, 110);
      // One wide gap on a line of its own: a signature line, not a table.
      d.text('Ort och datum', 60, 150, { lineBreak: false });
      d.text('Underskrift', 300, 150, { lineBreak: false });
      d.text('Leverantören ska lämna fasta priser för hela uppdraget, per roll och nivå.', 60, 190);
      // Three cells on one line need no neighbour.
      d.text('Roll', 60, 230, { lineBreak: false });
      d.text('Nivå 4', 200, 230, { lineBreak: false });
      d.text('1 100 kr', 350, 230, { lineBreak: false });
    });
    const text = doc.sections.find((s) => s.number === '1')!.text.split('\n');
    expect(text).toContain('Ort och datum Underskrift');
    // A table row stands on its own line even after a full line of text.
    expect(text).toContain('Roll | Nivå 4 | 1 100 kr');
  });
});

describe('wrapped lines that only look like new lines', () => {
  it('joins a wrapped "(1)" or "2." that continues the sentence', () => {
    expect(lines(region, '3.2.2')[0]).toMatch(/varav minst ett \(1\) uppdrag med ansvar för acceptanstest\.$/);
    expect(lines(region, '5.2')[0]).toMatch(/sekretessförbindelse enligt bilaga 2\. Anbudsgivaren får inte lämna/);
  });

  it('joins a line ending in ":" with the lower-case line that goes on with the sentence', () => {
    expect(lines(region, '1.3')[1]).toMatch(/föranleder annat: kontraktet med bilagor, denna avropsförfrågan/);
  });

  it('starts a new item at each requirement id at the list indent', () => {
    expect(lines(region, '3.2.1').map((l) => l.slice(0, 11))).toEqual([
      'K1 Ska-krav',
      'K2 Ska-krav',
      'K3 Bör-krav',
      'K4 Bör-krav',
    ]);
    expect(lines(region, '3.2.2').map((l) => l.slice(0, 2))).toEqual(['K5', 'K6', 'K7', 'K8']);
  });

  it('keeps real lists and lists after a colon apart', () => {
    const list = normaliseBody(
      [
        'Anbudet ska innehålla följande handlingar, som ska bifogas i det format som anges i TendSign:',
        'kopia av registreringsbevis',
        'CV för offererad konsult',
        'Anbudsgivaren ska även redovisa följande uppgifter om konsulten och dess uppdrag',
        '1. namn och roll',
        '2. erfarenhet',
      ],
      'visual',
      95,
    );
    expect(list.split('\n')).toEqual([
      'Anbudet ska innehålla följande handlingar, som ska bifogas i det format som anges i TendSign:',
      'kopia av registreringsbevis',
      'CV för offererad konsult',
      'Anbudsgivaren ska även redovisa följande uppgifter om konsulten och dess uppdrag',
      '1. namn och roll',
      '2. erfarenhet',
    ]);
  });
});
