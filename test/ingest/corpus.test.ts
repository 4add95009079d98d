/**
 * Real call-off exports (test/fixtures/callOffs/): two TendSign-style PDFs and a
 * Word document with automatic heading numbers. Asserts a good sample of the
 * recovered sections, sane numbering, no table-of-contents duplicates, no
 * page furniture in section text, and pages for the PDFs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Section } from '../../src/core/types.js';
import { transitionCost } from '../../src/ingest/headings.js';
import {
  chunkSections,
  findStatedQuestionDeadline,
  type IngestedDocument,
  loadDocument,
  PREAMBLE_HEADING,
} from '../../src/ingest/index.js';
import { corpusDocument } from '../support/callOffs.js';
import { FURNITURE } from './helpers.js';

const parts = (n: string) => n.split('.').map(Number);
const heads = (doc: IngestedDocument) => doc.sections.map((s) => `${s.number} ${s.heading}`.trim());
const find = (doc: IngestedDocument, n: string) => doc.sections.find((s) => s.number === n)!;

/** Every recovered heading follows the one before it sensibly: never back, never a repeat. */
function expectSaneNumbering(sections: Section[]): void {
  const numbered = sections.filter((s) => s.number);
  expect(new Set(numbered.map((s) => s.number)).size).toBe(numbered.length);
  numbered.forEach((s, i) => {
    const prev = i === 0 ? null : parts(numbered[i - 1]!.number);
    expect(transitionCost(prev, parts(s.number)), `${numbered[i - 1]?.number} -> ${s.number}`).not.toBeNull();
  });
  for (const s of sections) {
    for (const re of FURNITURE) expect(s.text, `${s.number} has furniture`).not.toMatch(re);
    expect(s.text).not.toMatch(/ {2,}|^\s|\s$/);
  }
  for (const c of chunkSections(sections)) {
    expect(sections.find((s) => s.number === c.section)!.text).toContain(c.text);
  }
}

describe('Enköping PDF (TendSign-style template)', () => {
  let doc: IngestedDocument;
  beforeAll(async () => {
    const file = 'enkoping-fku-fjarravlasta-vattenmatare-tf2023-336.pdf';
    doc = await loadDocument(corpusDocument(file), file, {
      reference: 'TF2023/336',
      title: 'Förstudie fjärravlästa vattenmätare',
    });
  });

  it('loads all pages, with a page on every section', () => {
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toBe(7);
    expect(doc.warnings).toEqual([]);
    expect(doc.sections.every((s) => typeof s.page === 'number' && s.page >= 1 && s.page <= 7)).toBe(true);
  });

  it('recovers the numbered sections, including run-in numbers and a skipped number', () => {
    const h = heads(doc);
    expect(h.slice(0, 6)).toEqual([
      '1 Inledning',
      '2 Avropande myndighet',
      '3 Avropsförfrågans omfattning',
      '3.1 Bakgrund till avropet',
      '3.2 Typ av uppdrag', // printed "3.2Typ av uppdrag"
      '3.3 Ort för utförandet',
    ]);
    expect(h).toContain('4.3 Frågor och svar');
    expect(h).toContain('5.4 Krav på konsulten');
    expect(h).toContain('7.1 Frivillig avtalsspärr');
    expect(h.slice(-3)).toEqual(['8 Pris', '10 Ramavtalsleverantör', '11 Bilagor till avropsförfrågan']);
    expect(doc.sections).toHaveLength(29);
    expectSaneNumbering(doc.sections);
  });

  it('keeps the reference and title where the form states them (not furniture there)', () => {
    const lines = find(doc, '2').text.split('\n');
    expect(lines).toContain('Avropets benämning: Förstudie fjärravlästa vattenmätare');
    expect(lines).toContain('Diarienummer/referensnummer: TF2023/336');
    expect(lines).toContain('Telefonnummer: 0171-625000');
  });

  it('keeps numbered lists inside their section', () => {
    expect(find(doc, '5.4').text).toContain('1. Har du som referent verkat som ansvarig beställare');
    expect(find(doc, '6.1').text).toMatch(
      /^Prövning och utvärdering kommer att genomföras i följande steg:\n1\. I det/,
    );
    expect(doc.sections.some((s) => /^(Har du|I det)/.test(s.heading))).toBe(false);
  });

  it('sets the page where each section starts', () => {
    expect(find(doc, '3.3').page).toBe(2);
    expect(find(doc, '4.6').page).toBe(3);
    expect(find(doc, '7').page).toBe(6);
    expect(find(doc, '11').page).toBe(7);
  });

  it('joins a paragraph across a hyphenated line break', () => {
    expect(find(doc, '5.1').text).toContain('samt VA-verksamheten, med särskild fokus');
  });
});

describe('Inera PDF (TendSign export with running footer)', () => {
  let doc: IngestedDocument;
  beforeAll(async () => {
    const file = 'inera-avrop-sakerhetsstrateg-2023110007.pdf';
    doc = await loadDocument(corpusDocument(file), file, {
      reference: '2023110007',
      title: 'Avrop Säkerhetsstrateg',
    });
  });

  it('keeps the cover page as a preamble without the symbol legend', () => {
    const pre = doc.sections[0]!;
    expect(pre.number).toBe('');
    expect(pre.heading).toBe(PREAMBLE_HEADING);
    expect(pre.page).toBe(1);
    expect(pre.text).toContain('Sista anbudsdag: 2023-11-23 23:59');
    expect(pre.text).not.toMatch(/Texten ingår|Frågan är|Symbolförklaring|Publicerad/);
  });

  it('recovers four levels of numbering and a heading wrapped over two lines', () => {
    const h = heads(doc);
    expect(h.slice(1, 5)).toEqual([
      '1 Avropsförfrågan',
      '1.1 Avropsförfrågan säkerhetsstrateg',
      '1.1.1 Upphandlande myndighet',
      '1.1.2 Om Inera AB',
    ]);
    expect(h).toContain('1.11 Förtydligande, kompletteringar eller frågor om upphandlingsdokumentet');
    expect(h).toContain('1.21.1.1 Ska- Krav på offererad konsult');
    expect(h).toContain('3.2.2 Bedömningsgrunder och kvalitetskriterier intervju');
    expect(h[h.length - 1]).toBe('4.21 Avropskontraktet undertecknande');
    expect(doc.sections.filter((s) => s.number)).toHaveLength(68);
    expectSaneNumbering(doc.sections);
  });

  it('drops the running footer, also where it splits a section across pages', () => {
    for (const s of doc.sections) expect(s.text).not.toContain('2023110007 Avrop Säkerhetsstrateg');
    expect(find(doc, '1.16').page).toBe(3);
    expect(find(doc, '1.16').text).toMatch(/^Anbuden kommer samtidigt och så snart som möjligt/);
    // 1.3 continues from page 1 onto page 2 mid-sentence.
    expect(find(doc, '1.3').text).toContain('för rollen som Säkerhetsstrateg/Säkerhetsanalytiker med djup kunskap');
  });

  it('keeps form fields that recur on many pages ("Fritext", "Bifogad fil") in the body', () => {
    expect(
      find(doc, '1.24')
        .text.split('\n')
        .filter((l) => l === 'Fritext'),
    ).toHaveLength(2);
    expect(find(doc, '1.21.2').text.split('\n')).toContain('Bifogad fil');
  });

  it('does not take the scoring scale "3 Konsulten visar ..." for headings', () => {
    const numbers = doc.sections.map((s) => s.number);
    expect(numbers.indexOf('4')).toBe(numbers.indexOf('3.2.2') + 1);
    expect(find(doc, '3.2.2').text).toContain('\n3 Konsulten visar på intervjun');
  });

  it('makes items whose bullet is printed after them list lines, the bullet left where it is', () => {
    const lines = find(doc, '2.1.1').text.split('\n');
    expect(lines).toContain('Leda arbetet med att ta fram en strategi för Ineras framtida IdP/ IdP:er.•');
    expect(lines).toContain(
      'Ta hänsyn till Ineras beställarförmåga i en komplex multisourcad utvecklingsmiljö, förvaltning och drift. •',
    );
  });

  it('finds the stated question deadline', () => {
    expect(findStatedQuestionDeadline([doc])).toEqual({
      date: '2023-11-16',
      document: 'inera-avrop-sakerhetsstrateg-2023110007.pdf',
      section: '1.11',
    });
  });

  it('finds the same structure without hints (footer found by repetition)', async () => {
    const file = 'inera-avrop-sakerhetsstrateg-2023110007.pdf';
    const bare = await loadDocument(corpusDocument(file), file);
    expect(heads(bare).slice(1)).toEqual(heads(doc).slice(1));
    for (const s of bare.sections) expect(s.text).not.toContain('Publicerad 2023-11-09');
  });
});

describe('Vaxholm DOCX (automatic heading numbers)', () => {
  let doc: IngestedDocument;
  beforeAll(async () => {
    const file = 'vaxholm-avropsforfragan-resursuppdrag.docx';
    doc = await loadDocument(corpusDocument(file), file);
  });

  it('rebuilds the heading numbers that live in numbering.xml', () => {
    expect(doc.format).toBe('docx');
    expect(doc.pages).toBeNull();
    expect(doc.sections.map((s) => s.number)).toEqual([
      '1',
      '2',
      '3',
      '3.1',
      '3.2',
      '3.3',
      '4',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
      '4.6',
      '4.7',
      '4.8',
      '5',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
      '6',
      '6.1',
      '6.2',
      '6.3',
      '6.4',
      '7',
      '7.1',
      '8',
      '9',
      '10',
      '11',
    ]);
    const h = heads(doc);
    expect(h).toContain('1 Inledning'); // auto-numbered Heading 1
    expect(h).toContain('4.3 Frågor och svar'); // auto-numbered "4.%1" Heading 2
    expect(h).toContain('3.2 Typ av uppdrag'); // typed "3.2Typ av uppdrag"
    expect(h).toContain('10 Ramavtalsleverantör'); // typed "10.Ramavtalsleverantör"
    expect(doc.sections.every((s) => s.page === null)).toBe(true);
    expectSaneNumbering(doc.sections);
  });

  it('numbers list paragraphs without taking them for headings', () => {
    expect(find(doc, '6.1').text).toContain('\n1. I det första steget prövas om anbuden uppfyller');
    expect(find(doc, '6.1').text).toContain('\n2. I det andra steget utvärderas');
    expect(find(doc, '5.4').text).toContain('• Beskrivning av referensuppdrag');
  });

  it('reads table rows as lines and framed boxes as paragraphs', () => {
    expect(find(doc, '6.4').text).toContain('Genomfört utbildning med intyg inom PM3/objektledning | SEK 100');
    expect(find(doc, '5.1').text.split('\n')[0]).toBe('Beskrivning av uppdraget:');
    expect(find(doc, '2').text).toContain('Diarienummer/referensnummer: KS 2024/217.055');
  });

  it('has no stated question deadline (it points to the procurement tool)', () => {
    expect(findStatedQuestionDeadline([doc])).toBeNull();
  });
});
