/**
 * PDF exports (TendSign, Inera) print a list item's bullet glyph after the
 * item's text: alone on a line after a wrapped item, or at the end of a
 * one-line item ("... till SDK•"). The section text keeps the glyph where the
 * extracted text has it, so every quote is a verbatim substring of the
 * document as extracted, and each item still becomes a quotable unit of its own.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitUnits } from '../../src/answering/sentences.js';
import { type IngestedDocument, loadDocument } from '../../src/ingest/index.js';
import { loadPdf } from '../../src/ingest/loaders/pdf.js';
import { normaliseBody } from '../../src/ingest/normalise.js';
import { repoRoot, useScratchDir } from './helpers.js';
import { render } from './makePdf.js';

/** White space folded: wrapped lines are joined with one space in the section text. */
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

async function extractedText(bytes: Uint8Array): Promise<string> {
  const { lines } = await loadPdf(bytes, 'x.pdf');
  return fold(lines.map((l) => l.text).join(' '));
}

/** Items drawn first, their glyph after them at the first line's baseline, as the exports do. */
function bulletsAfterItems(): Promise<Buffer> {
  return render((doc) => {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(13).text('1. Uppdraget', 60, 80);
    doc.font('Helvetica').fontSize(10).text('Uppdraget omfattar under hela avtalsperioden:', 60, 110, { width: 470 });
    let y = 130;
    for (const item of [
      'Leda arbetet med att ta fram en strategi för den framtida plattformen och dess drift, förvaltning och vidareutveckling i nära samarbete med kunderna.',
      'Stödja förvaltningen i komplexa frågeställningar.',
      'Samordna leverantörer',
    ]) {
      doc.text(item, 82, y, { width: 400 });
      const next = doc.y + 2;
      doc.text('•', 70, y, { lineBreak: false });
      y = next;
    }
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text('2. Krav', 60, y + 20);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text('Konsulten ska ha minst fem års erfarenhet.', 60, doc.y + 6, { width: 470 });
  });
}

describe('a hand-made PDF with bullets printed after their items', () => {
  const write = useScratchDir('avropsbot-bullets-');
  let bytes: Buffer;
  let doc: IngestedDocument;
  beforeAll(async () => {
    bytes = await bulletsAfterItems();
    doc = await loadDocument(await write('avrop.pdf', bytes), 'avrop.pdf');
  });

  it('keeps each glyph where the extracted text has it, and each item on a line of its own', async () => {
    const section = doc.sections.find((s) => s.number === '1')!;
    expect(section.text.split('\n')).toEqual([
      'Uppdraget omfattar under hela avtalsperioden:',
      'Leda arbetet med att ta fram en strategi för den framtida plattformen och dess drift, förvaltning och vidareutveckling i nära samarbete med kunderna. •',
      'Stödja förvaltningen i komplexa frågeställningar.•',
      'Samordna leverantörer•',
    ]);
    const extracted = await extractedText(bytes);
    for (const line of section.text.split('\n')) expect(extracted).toContain(fold(line));
    expect(doc.sections.map((s) => `${s.number} ${s.heading}`)).toEqual(['1 Uppdraget', '2 Krav']);
  });

  it('quotes each item as a unit of its own, verbatim, without the glyph', async () => {
    const text = doc.sections.find((s) => s.number === '1')!.text;
    const units = splitUnits(text);
    const extracted = await extractedText(bytes);
    for (const u of units) {
      expect(text.slice(u.start, u.end)).toBe(u.text);
      expect(extracted).toContain(fold(u.text));
    }
    const texts = units.map((u) => u.text);
    expect(texts).toContain('Stödja förvaltningen i komplexa frågeställningar.');
    expect(texts).toContain('Samordna leverantörer');
    expect(texts).toContain(
      'Leda arbetet med att ta fram en strategi för den framtida plattformen och dess drift, förvaltning och vidareutveckling i nära samarbete med kunderna.',
    );
    expect(texts.some((t) => /^[•·]|[•·]$/.test(t))).toBe(false);
  });
});

describe('normaliseBody', () => {
  it('adds no bullet and moves none: a glyph after an item stays after it', () => {
    const text = normaliseBody(
      [
        'Följande ska bifogas:',
        'Specifikation av det utförda arbetet•',
        'Referens som ska anges i',
        'referensfältet.',
        '•',
      ],
      'visual',
      95,
    );
    expect(text.split('\n')).toEqual([
      'Följande ska bifogas:',
      'Specifikation av det utförda arbetet•',
      'Referens som ska anges i referensfältet. •',
    ]);
  });

  it('keeps a lone glyph that opens a section instead of dropping it', () => {
    expect(normaliseBody(['•', 'Kontraktets diarienummer 2023-17'], 'visual', 95)).toBe(
      '•\nKontraktets diarienummer 2023-17',
    );
  });
});

describe('a real Inera export (real-inera-pl-sdk)', () => {
  const file = path.join(repoRoot, 'test', 'fixtures', 'callOffs', 'real-inera-pl-sdk', '1-alldocuments-12.pdf');
  let extracted: string;
  let section: string;
  beforeAll(async () => {
    extracted = await extractedText(await readFile(file));
    const doc = await loadDocument(file, path.basename(file));
    section = doc.sections.find((s) => s.number === '2.1.1')!.text;
  });

  it('keeps the section text of a bulleted list as extracted, item by item', () => {
    const lines = section.split('\n');
    expect(lines).toContain(
      'Stötta en specifik region med att projektleda införandeaktiviteter inför anslutning till SDK•',
    );
    expect(lines.some((l) => l.startsWith('•'))).toBe(false);
    for (const line of lines) expect(extracted).toContain(fold(line));
  });

  it('still makes each list item a quotable unit', () => {
    const texts = splitUnits(section).map((u) => u.text);
    expect(texts).toContain(
      'Stötta en specifik region med att projektleda införandeaktiviteter inför anslutning till SDK',
    );
    expect(texts).toContain(
      'Vidareutveckla metoder/stöd för anslutande organisationer att använda vid anskaffning av lösningar för att upprätta SDK-förmåga.',
    );
    for (const t of texts) expect(extracted).toContain(fold(t));
  });
});
