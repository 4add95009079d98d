import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodedError } from '../../src/core/errors.js';
import {
  findStatedQuestionDeadline,
  type IngestedDocument,
  loadDocument,
  WHOLE_DOCUMENT_HEADING,
} from '../../src/ingest/index.js';
import { fixturesDir, useScratchDir } from './helpers.js';
import { autoNumberedCallOff, unnumberedHeadings } from './makeDocx.js';
import { columnsOnOneLine, imageOnly, pagedCallOff, passwordProtected, styledCallOff } from './makePdf.js';

const write = useScratchDir('avropsbot-ingest-');

const heads = (doc: IngestedDocument) => doc.sections.map((s) => `${s.number} ${s.heading}`.trim());
const find = (doc: IngestedDocument, n: string) => doc.sections.find((s) => s.number === n)!;

/** Expects the promise to fail with a CodedError of this code whose message names the file. */
async function expectCoded(p: Promise<unknown>, code: string, file: string, text?: RegExp): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CodedError);
  expect((err as CodedError).code).toBe(code);
  expect((err as CodedError).message).toContain(file);
  if (text) expect((err as CodedError).message).toMatch(text);
}

describe('hard-wrapped text export', () => {
  let doc: IngestedDocument;
  beforeAll(async () => {
    doc = await loadDocument(path.join(fixturesDir, 'hard-export.txt'), 'hard-export.txt', {
      reference: 'TEST-2026/12',
      title: 'Avropsförfrågan Molntjänster för Testkommunen',
    });
  });

  it('skips the table of contents and finds each heading once', () => {
    expect(heads(doc)).toEqual([
      '1 Inledning', // "1." alone, the heading two lines later
      '1.1 Bakgrund',
      '1.2 Omfattning', // "1.2Omfattning"
      '2 Krav på tjänsten',
      '2.1 Säkerhet',
      '2.2 Krav på dokumentation och överlämning av systemdokumentation', // wrapped
      '3 Kommersiella villkor',
    ]);
    for (const s of doc.sections) expect(s.text).not.toMatch(/\.{5,}|Innehållsförteckning/);
  });

  it('uses form feeds as pages and drops headers and footers', () => {
    expect(doc.pages).toBe(4);
    expect(doc.sections.map((s) => s.page)).toEqual([2, 2, 2, 3, 3, 3, 4]);
    for (const s of doc.sections) expect(s.text).not.toMatch(/TEST-2026\/12|Sida \d|^Testkommunen$/m);
  });

  it('keeps a role line that repeats a section number in the body', () => {
    expect(find(doc, '2.2').text).toContain('2.1 Säkerhetsstrateg enligt ramavtalets bilaga 3');
    expect(find(doc, '2.2').text).toContain('Testkommunens IT-arkitekturverktyg.');
  });

  it('keeps a numbered list inside its section, even one that could continue the numbering', () => {
    const lines = find(doc, '3').text.split('\n');
    expect(lines.slice(1, 5)).toEqual([
      '1 Skriftliga ändringar och tillägg till kontraktet',
      '2 Detta kontrakt med bilagor',
      '3 Avropsförfrågan med bilagor',
      '4 Ramavtalet',
    ]);
  });

  it('finds a deadline written with a month name', () => {
    expect(findStatedQuestionDeadline([doc])).toEqual({
      date: '2026-02-12',
      document: 'hard-export.txt',
      section: '3',
    });
  });
});

describe('tables of contents and running chapter headers', () => {
  it('skips a TOC whose page numbers sit on lines of their own', async () => {
    const text = [
      'Innehåll',
      '1. Allmänt',
      '2',
      '1.1 Bakgrund',
      '2',
      '2. Krav',
      '3',
      '',
      '1. Allmänt',
      'Avropet gäller drift av kommunens e-tjänsteplattform under tre år.',
      '1.1 Bakgrund',
      'Plattformen har använts sedan 2019 och ska nu upphandlas på nytt.',
      '2. Krav',
      'Leverantören ska ha en kundtjänst som är öppen vardagar.',
    ].join('\n');
    const doc = await loadDocument(await write('toc-sidnummer.txt', text), 'toc-sidnummer.txt');
    expect(heads(doc)).toEqual(['1 Allmänt', '1.1 Bakgrund', '2 Krav']);
    expect(find(doc, '1').text).toBe('Avropet gäller drift av kommunens e-tjänsteplattform under tre år.');
  });

  it('drops a running header that repeats the chapter heading, and keeps a parent heading without body', async () => {
    const page = (n: number, lines: string[]) => [...lines, `Sida ${n}/3`].join('\n');
    const text = [
      page(1, ['1. Kravspecifikation', '1.1 Tjänsten', 'Tjänsten ska vara tillgänglig dygnet runt alla dagar.']),
      page(2, [
        '1. Kravspecifikation',
        'Avbrott ska meddelas beställaren inom en timme efter upptäckt.',
        '1.2 Support',
      ]),
      page(3, ['1. Kravspecifikation', 'Support ska ges på svenska per telefon och e-post.']),
    ].join('\f');
    const doc = await loadDocument(await write('lopande-rubrik.txt', text), 'lopande-rubrik.txt');
    expect(heads(doc)).toEqual(['1 Kravspecifikation', '1.1 Tjänsten', '1.2 Support']);
    expect(find(doc, '1').text).toBe('');
    expect(find(doc, '1.1').text).toBe(
      'Tjänsten ska vara tillgänglig dygnet runt alla dagar. Avbrott ska meddelas beställaren inom en timme efter upptäckt.',
    );
    expect(find(doc, '1.2').text).toBe('Support ska ges på svenska per telefon och e-post.');
  });
});

describe('Markdown', () => {
  it('reads numbered headings, lists, and inline markup', async () => {
    const doc = await loadDocument(path.join(fixturesDir, 'avrop.md'), 'avrop.md');
    expect(doc.format).toBe('md');
    expect(heads(doc)).toEqual(['Försättsblad', '1 Allmänt om avropet', '1.1 Bakgrund', '1.2 Frågor', '2 Krav']);
    expect(doc.warnings).toEqual([]);
    expect(find(doc, '1').text).toBe(
      'Avropet genomförs som förnyad konkurrensutsättning enligt ramavtalet för IT-konsulttjänster. Läs mer på Testregionen (https://example.se).',
    );
    expect(find(doc, '1.1').text.split('\n').slice(-3)).toEqual(['1. Kvalificering', '2. Kravuppfyllnad', '3. Pris']);
    expect(find(doc, '2').text).toBe('• Konsulten ska tala svenska.\n• Konsulten ska ha SQL-kunskaper.');
    expect(findStatedQuestionDeadline([doc])).toEqual({
      date: '2026-04-15',
      time: '12:00',
      document: 'avrop.md',
      section: '1.2',
    });
  });

  it('numbers unnumbered headings from the outline, the title left out', async () => {
    const doc = await loadDocument(path.join(fixturesDir, 'unnumbered.md'), 'unnumbered.md');
    expect(heads(doc)).toEqual(['1 Bakgrund', '2 Krav', '2.1 Språk', '3 Villkor']);
    expect(doc.warnings).toEqual([
      'unnumbered.md: rubrikerna saknar nummer i dokumentet; avsnitten har numrerats i ordning (1, 1.1, 2 ...) för hänvisningarnas skull.',
    ]);
  });
});

describe('DOCX', () => {
  it('rebuilds automatic heading numbers and keeps numbered list items in the body', async () => {
    const file = await write('auto.docx', await autoNumberedCallOff());
    const doc = await loadDocument(file, 'auto.docx');
    expect(heads(doc)).toEqual([
      '1 Allmänt om avropet',
      '1.1 Avropande myndighet',
      '1.2 Kontaktperson',
      '1.2.1 Frågor',
      '2 Krav',
      '2.1 Krav på konsulten',
      '3 Kontraktsvillkor',
    ]);
    expect(find(doc, '2').text).toBe(
      'Utvärderingen sker i följande steg:\n1. I det första steget prövas kraven.\n2. I det andra steget utvärderas priset.\n3. I det tredje steget tilldelas kontrakt.',
    );
    expect(find(doc, '2.1').text).toBe(
      '• Minst fem års erfarenhet\n• Goda kunskaper i svenska\nRoll | Takpris\nUtvecklare | SEK 1 100',
    );
    expect(findStatedQuestionDeadline([doc])).toMatchObject({ date: '2026-03-10', section: '1.2.1' });
  });

  it('numbers styled headings that carry no numbers at all', async () => {
    const file = await write('unnumbered.docx', await unnumberedHeadings());
    const doc = await loadDocument(file, 'unnumbered.docx');
    expect(heads(doc)).toEqual(['1 Bakgrund', '1.1 Omfattning', '2 Villkor']);
    expect(find(doc, '1.1').text).toBe('Heltid i sex månader.');
  });

  it('refuses a corrupted file and an old .doc with a clear message', async () => {
    const broken = await write('trasig.docx', 'PK\u0003\u0004 inte ett riktigt arkiv');
    await expectCoded(loadDocument(broken, 'trasig.docx'), 'config_invalid', 'trasig.docx', /skadad/);
    const ole = await write('gammal.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expectCoded(loadDocument(ole, 'gammal.docx'), 'config_invalid', 'gammal.docx', /\.doc/);
  });
});

describe('PDF', () => {
  const body =
    'Leverantören ska under hela kontraktstiden ansvara för att systemet är tillgängligt och att incidenter hanteras enligt avtalad servicenivå. ';

  it('reads pages, drops the running header and footer, and joins a section across pages', async () => {
    const pdf = await pagedCallOff([
      ['1. Allmänt', body.repeat(2), '1.1 Bakgrund', body.repeat(3), 'Systemet används av cirka 300 handläggare i'],
      ['kommunens tre förvaltningar.', '1.2 Omfattning', body.repeat(2)],
      ['2. Krav', '2.1 Tillgänglighet', body.repeat(4)],
      ['2.2 Frågor', 'Frågor ska vara Testkommunen tillhanda senast 2026-05-04.'],
    ]);
    const file = await write('genererad.pdf', pdf);
    const doc = await loadDocument(file, 'genererad.pdf');
    expect(doc.pages).toBe(4);
    expect(heads(doc)).toEqual([
      '1 Allmänt',
      '1.1 Bakgrund',
      '1.2 Omfattning',
      '2 Krav',
      '2.1 Tillgänglighet',
      '2.2 Frågor',
    ]);
    expect(doc.sections.map((s) => s.page)).toEqual([1, 1, 2, 3, 3, 4]);
    for (const s of doc.sections) expect(s.text).not.toMatch(/Dnr KS-2026\/99|Sida \d/);
    expect(find(doc, '1.1').text).toContain('cirka 300 handläggare i kommunens tre förvaltningar.');
    expect(findStatedQuestionDeadline([doc])).toMatchObject({ date: '2026-05-04', section: '2.2' });
  });

  it('uses the layout: larger type marks headings and their wrapped lines, a numbered line in body text is not one', async () => {
    const pdf = await styledCallOff([
      { heading: '1. Allmänt' },
      'Avropet gäller förvaltning av kommunens ärendehanteringssystem.',
      { heading: '1.1 Omfattning' },
      'Uppdraget omfattar cirka 800 timmar per år.',
      { heading: ['2. Utvärdering av anbud och krav på kvalitet, miljö', 'Informationssäkerhet'] },
      'Anbuden utvärderas i följande ordning, och det sista steget avgör:',
      '3. Pris',
      'Lägst pris vinner.',
    ]);
    const doc = await loadDocument(await write('layout.pdf', pdf), 'layout.pdf');
    // The heading continues in its own type on the next line, even where that line starts in upper case.
    expect(heads(doc)).toEqual([
      '1 Allmänt',
      '1.1 Omfattning',
      '2 Utvärdering av anbud och krav på kvalitet, miljö Informationssäkerhet',
    ]);
    expect(find(doc, '2').text).toContain('3. Pris');
  });

  it('finds unnumbered headings by their larger type when a PDF numbers nothing', async () => {
    const pdf = await styledCallOff([
      { heading: 'Bakgrund' },
      'Kommunen byter ärendesystem under 2026 och behöver stöd i upphandlingen.',
      { heading: 'Uppdraget' },
      'Konsulten ska leda kravarbetet och skriva kravspecifikationen.',
      { heading: 'Sista dag för frågor' },
      'Frågor ska vara kommunen tillhanda senast 2026-06-01.',
    ]);
    const doc = await loadDocument(await write('onumrerad.pdf', pdf), 'onumrerad.pdf');
    expect(heads(doc)).toEqual(['1 Bakgrund', '2 Uppdraget', '3 Sista dag för frågor']);
    expect(doc.warnings.join(' ')).toMatch(/rubrikerna saknar nummer/);
    expect(find(doc, '2').text).toBe('Konsulten ska leda kravarbetet och skriva kravspecifikationen.');
    expect(findStatedQuestionDeadline([doc])).toMatchObject({ date: '2026-06-01', section: '3' });
  });

  it('separates cells that share a baseline', async () => {
    const doc = await loadDocument(await write('kolumner.pdf', await columnsOnOneLine()), 'kolumner.pdf');
    expect(heads(doc)).toEqual(['1 Pris']);
    expect(find(doc, '1').text.split('\n').slice(-2)).toEqual(['Utvecklare | SEK 1 100', 'Testare | SEK 900']);
  });

  it('gives a scanned PDF zero sections and says so', async () => {
    const file = await write('inskannad.pdf', await imageOnly());
    const doc = await loadDocument(file, 'inskannad.pdf');
    expect(doc.sections).toEqual([]);
    expect(doc.pages).toBe(1);
    expect(doc.warnings.join(' ')).toMatch(/inskannad\.pdf: PDF-filen saknar sökbar text/);
  });

  it('refuses a corrupted or truncated PDF with a clear message', async () => {
    const garbage = await write('trasig.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nskräp utan slut');
    await expectCoded(loadDocument(garbage, 'trasig.pdf'), 'config_invalid', 'trasig.pdf', /PDF/);
    const locked = await write('last.pdf', await passwordProtected());
    await expectCoded(loadDocument(locked, 'last.pdf'), 'config_invalid', 'last.pdf', /lösenordsskyddad/);
    const notPdf = await write('inte.pdf', 'Det här är ingen PDF.');
    await expectCoded(loadDocument(notPdf, 'inte.pdf'), 'config_invalid', 'inte.pdf', /inte en PDF/);
  });
});

describe('empty, unreadable and unsupported files', () => {
  it('gives an empty file zero sections and a warning', async () => {
    for (const name of ['tom.txt', 'tom.pdf', 'tom.docx', 'tom.md']) {
      const file = await write(name, '');
      const doc = await loadDocument(file, name);
      expect(doc.sections).toEqual([]);
      expect(doc.warnings).toEqual([`${name}: filen är tom och har inte indexerats.`]);
    }
    const blank = await write('blank.txt', '   \n\n \t \n');
    expect((await loadDocument(blank, 'blank.txt')).warnings[0]).toMatch(/blank\.txt: filen innehåller ingen text/);
  });

  it('refuses binary data in a text file, a missing file and an unknown type', async () => {
    const bin = await write('binar.txt', new Uint8Array([0x41, 0x00, 0x42]));
    await expectCoded(loadDocument(bin, 'binar.txt'), 'config_invalid', 'binar.txt', /binära/);
    await expectCoded(
      loadDocument(path.join(tmpdir(), 'avropsbot-saknas', 'saknas.txt'), 'saknas.txt'),
      'index_unavailable',
      'saknas.txt',
    );
    const xlsx = await write('priser.xlsx', 'x');
    await expectCoded(loadDocument(xlsx, 'priser.xlsx'), 'config_invalid', 'priser.xlsx', /stöds inte/);
  });

  it('indexes a document without numbered headings as one section, and says so', async () => {
    const prose = await write(
      'prosa.txt',
      'Kommunen behöver en konsult som kan leda införandet av ett nytt ärendesystem under hösten.\n',
    );
    const doc = await loadDocument(prose, 'prosa.txt');
    expect(doc.sections).toEqual([
      {
        document: 'prosa.txt',
        number: '',
        heading: WHOLE_DOCUMENT_HEADING,
        text: 'Kommunen behöver en konsult som kan leda införandet av ett nytt ärendesystem under hösten.',
        page: null,
      },
    ]);
    expect(doc.warnings).toEqual([
      'prosa.txt: inga numrerade rubriker hittades; hela texten har indexerats som ett avsnitt.',
    ]);
  });

  it('joins a word broken at its hyphen tight, but keeps the space after a suspended compound', async () => {
    const text = [
      '1. Villkor',
      'Leverantören ska följa offentlighets- och sekretesslagen samt arbetsmiljö-',
      'lagen i alla delar av uppdraget, och ska redovisa sina rutiner för DevOps-',
      'och MLOps-miljöer när Testkommunen begär det skriftligen i förväg.',
    ].join('\n');
    const doc = await loadDocument(await write('bindestreck.txt', text), 'bindestreck.txt');
    // A lower-case word hyphenated at the line end joins without its hyphen; "DevOps-" keeps it (see shapes.test.ts).
    expect(find(doc, '1').text).toBe(
      'Leverantören ska följa offentlighets- och sekretesslagen samt arbetsmiljölagen i alla delar av uppdraget, ' +
        'och ska redovisa sina rutiner för DevOps- och MLOps-miljöer när Testkommunen begär det skriftligen i förväg.',
    );
  });

  it('reads Windows-1252 text exports', async () => {
    const latin1 = Buffer.from('1. Allmänt\nAvropet gäller förvaltning av systemet hos kommunen i två år.\n', 'latin1');
    const doc = await loadDocument(await write('latin1.txt', latin1), 'latin1.txt');
    expect(heads(doc)).toEqual(['1 Allmänt']);
    expect(doc.sections[0]!.text).toContain('förvaltning av systemet');
  });
});
