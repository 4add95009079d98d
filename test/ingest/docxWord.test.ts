/** DOCX structures as Word writes them, built by hand (see makeRawDocx.ts). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/ingest/index.js';
import { outlineNumbering, p, rawDocx, swedishStyles } from './makeRawDocx.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'avropsbot-docx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const numbered = (ilvl: number, numId: number) =>
  `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;

describe('Word heading numbering linked to styles', () => {
  it('numbers headings from styles.xml and numbering.xml, skipping the TOC, fields and deletions', async () => {
    const body = [
      p('Innehåll', 'Innehllsfrteckningsrubrik'),
      p('1 Allmänt\t3', 'Innehll1'),
      p('2 Krav\t4', 'Innehll1'),
      p('Allmänt', 'Rubrik1'),
      p(
        'Intro',
        undefined,
        '',
        '<w:r><w:t>Avropet gäller </w:t></w:r><w:r><w:delText>inte </w:delText></w:r><w:del><w:r><w:t>borttagen </w:t></w:r></w:del><w:r><w:t>förvaltning.</w:t></w:r>',
      ),
      p('Bakgrund', 'Rubrik2'),
      p(
        'fält',
        undefined,
        '',
        '<w:r><w:t xml:space="preserve">Se </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>avsnitt 2.1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r>',
      ),
      p('Omfattning', 'Rubrik2'),
      p(
        'Kolumn',
        undefined,
        '',
        '<w:r><w:t>Timmar:</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>800</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>Ort: Solna</w:t></w:r>',
      ),
      p('Krav', 'Rubrik1'),
      p('Konsulten ska ha:'),
      p('fem års erfarenhet', 'Liststycke', numbered(0, 2)),
      p('goda kunskaper i svenska', 'Liststycke', numbered(0, 2)),
      p('Referenser', 'Rubrik2'),
      p('Ange referenser:'),
      p('namn', 'Liststycke', numbered(0, 3)),
      p('telefon', 'Liststycke', numbered(0, 3)),
      p('Detaljer', 'Rubrik3'),
      p('Tredje nivån ärver numreringen genom pStyle-länken.'),
    ].join('');
    const file = path.join(dir, 'word.docx');
    await writeFile(file, await rawDocx(body, swedishStyles, outlineNumbering));
    const doc = await loadDocument(file, 'word.docx');
    expect(doc.sections.map((s) => `${s.number} ${s.heading}`)).toEqual([
      '1 Allmänt',
      '1.1 Bakgrund',
      '1.2 Omfattning',
      '2 Krav',
      '2.1 Referenser',
      '2.1.1 Detaljer',
    ]);
    const text = (n: string) => doc.sections.find((s) => s.number === n)!.text;
    expect(text('1')).toBe('Avropet gäller förvaltning.');
    expect(text('1.1')).toBe('Se avsnitt 2.1.');
    expect(text('1.2')).toBe('Timmar: 800\nOrt: Solna');
    expect(text('2')).toBe('Konsulten ska ha:\na) fem års erfarenhet\nb) goda kunskaper i svenska');
    // numId 3 restarts the lettered list.
    expect(text('2.1')).toBe('Ange referenser:\na) namn\nb) telefon');
    expect(text('2.1.1')).toBe('Tredje nivån ärver numreringen genom pStyle-länken.');
  });
});

describe('custom heading styles without outline levels', () => {
  it('takes "AF Rubrik N" styles for headings and numbers them from their list', async () => {
    const styles = `
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="AFRubrik1"><w:name w:val="AF Rubrik 1"/>
  <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="AFRubrik2"><w:name w:val="AF Rubrik 2"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`;
    const numbering = `
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>`;
    const body = [
      p('Inledning', 'AFRubrik1'),
      p('Avropet gäller en systemförvaltare.'),
      p('Bakgrund', 'AFRubrik2'),
      p('Förvaltningen har vuxit.'),
      p('Omfattning', 'AFRubrik2'),
      p('Heltid.'),
      p('Villkor', 'AFRubrik1'),
      p('Ramavtalets villkor gäller.'),
    ].join('');
    const file = path.join(dir, 'egen-stil.docx');
    await writeFile(file, await rawDocx(body, styles, numbering));
    const doc = await loadDocument(file, 'egen-stil.docx');
    expect(doc.sections.map((s) => `${s.number} ${s.heading}`)).toEqual([
      '1 Inledning',
      '1.1 Bakgrund',
      '1.2 Omfattning',
      '2 Villkor',
    ]);
    expect(doc.sections[2]!.text).toBe('Heltid.');
  });
});
