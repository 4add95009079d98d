import { describe, expect, it } from 'vitest';
import { CodedError } from '../../src/core/errors.js';
import { type IngestedDocument, loadDocument } from '../../src/ingest/index.js';
import { useScratchDir } from './helpers.js';
import { ownerPasswordOnly, styledCallOff } from './makePdf.js';
import { p, rawDocx, W } from './makeRawDocx.js';

const write = useScratchDir('avropsbot-shapes-');

async function load(name: string, bytes: Uint8Array | string): Promise<IngestedDocument> {
  return loadDocument(await write(name, bytes), name);
}

const heads = (doc: IngestedDocument) => doc.sections.map((s) => `${s.number} ${s.heading}`.trim());
const find = (doc: IngestedDocument, n: string) => {
  const s = doc.sections.find((x) => x.number === n);
  if (!s) throw new Error(`no section ${n} in ${heads(doc).join(' / ')}`);
  return s;
};

/** English Word: built-in "Heading 1..3" styles, numbered through numId 1 in the styles themselves. */
const englishStyles = `
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Heading1"/>
  <w:pPr><w:numPr><w:ilvl w:val="2"/></w:numPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/></w:style>`;

const outline = (level0 = '%1') => `
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="${level0}"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading3"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>`;

const numPr = (ilvl: number, numId: number) =>
  `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const cell = (content: string, tcPr = '') =>
  `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${content || '<w:p/>'}</w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const table = (...rows: string[]) => `<w:tbl><w:tblPr/>${rows.join('')}</w:tbl>`;

describe('Word heading numbering', () => {
  it('follows a restarted heading list and a skipped heading level', async () => {
    const body = [
      p('Avropsförfrågan Systemförvaltning', 'Title'),
      // This volume's chapters start at 3: a list instance that overrides the start.
      p('Allmänt', 'Heading1', numPr(0, 2)),
      p('Avropet gäller förvaltning av ett ärendesystem.'),
      p('Bakgrund', 'Heading2', numPr(1, 2)),
      p('Systemet infördes 2019.'),
      p('Krav', 'Heading1', numPr(0, 2)),
      p('Kraven gäller hela avtalstiden.'),
      // Heading 3 straight after Heading 1: level 2 has no heading of its own.
      p('Detaljkrav', 'Heading3', numPr(2, 2)),
      p('Leverantören ska ha en kundtjänst.'),
    ].join('');
    const doc = await load('omstart.docx', await rawDocx(body, englishStyles, outline()));
    const h = heads(doc);
    expect(h.slice(0, 3)).toEqual(['3 Allmänt', '3.1 Bakgrund', '4 Krav']);
    expect(h).toHaveLength(4);
    const deep = doc.sections.find((s) => s.heading === 'Detaljkrav');
    expect(deep?.number).toMatch(/^4\.\d\.1$/);
    expect(deep?.text).toBe('Leverantören ska ha en kundtjänst.');
  });

  it('takes a chapter label from the list definition ("Kapitel %1") as the number', async () => {
    const body = [
      p('Inledning', 'Heading1'),
      p('Kommunen avser att avropa en konsult.'),
      p('Omfattning', 'Heading2'),
      p('Uppdraget omfattar 800 timmar.'),
      p('Villkor', 'Heading1'),
      p('Ramavtalets villkor gäller.'),
    ].join('');
    const doc = await load('kapitel.docx', await rawDocx(body, englishStyles, outline('Kapitel %1')));
    expect(heads(doc)).toEqual(['1 Kapitel 1 Inledning', '1.1 Omfattning', '2 Kapitel 2 Villkor']);
    expect(find(doc, '1.1').text).toBe('Uppdraget omfattar 800 timmar.');
  });

  it('numbers styled but unnumbered headings from the outline, like Markdown, even across a skipped level', async () => {
    const plain = englishStyles.replace(/<w:numPr>.*?<\/w:numPr>/g, '');
    const body = [
      p('Avropsförfrågan Testkonsult', 'Title'),
      p('Bakgrund', 'Heading1'),
      p('Vi behöver en konsult.'),
      p('Detaljer', 'Heading3'),
      p('Heltid i sex månader.'),
      p('Villkor', 'Heading1'),
      p('Ramavtalets villkor gäller.'),
    ].join('');
    const doc = await load('onumrerad.docx', await rawDocx(body, plain, ''));
    expect(heads(doc)).toEqual(['1 Bakgrund', '1.1 Detaljer', '2 Villkor']);
    expect(doc.warnings.join(' ')).toMatch(/onumrerad\.docx: rubrikerna saknar nummer/);
  });
});

describe('Word tables', () => {
  it('puts requirement, price and key-value tables in their section, one row per line', async () => {
    const body = [
      p('Krav', 'Heading1'),
      p('Kraven framgår av tabellen.'),
      table(
        row(cell(p('Nr')), cell(p('Krav')), cell(p('Ska/Bör')), cell(p('Svar'))),
        row(cell(p('K1')), cell(p('Leverantören ska ha ISO 27001.')), cell(p('Ska')), cell('')),
        // A requirement over two paragraphs, an answer cell left empty.
        row(
          cell(p('K2')),
          cell(p('Konsulten bör ha erfarenhet av e-arkiv.') + p('Ange antal år.')),
          cell(p('Bör')),
          cell('<w:p/>'),
        ),
      ),
      p('Pris', 'Heading1'),
      table(
        // A header cell spanning two columns and a vertically merged cell.
        row(cell(p('Roll och nivå'), '<w:gridSpan w:val="2"/>'), cell(p('Takpris (SEK/h)'))),
        row(cell(p('Utvecklare'), '<w:vMerge w:val="restart"/>'), cell(p('Senior')), cell(p('1 100'))),
        row(cell('<w:p/>', '<w:vMerge/>'), cell(p('Junior')), cell(p('800'))),
      ),
      p('Tidplan', 'Heading1'),
      table(
        row(cell(p('Sista anbudsdag')), cell(p('2026-03-01'))),
        row(cell(p('Sista dag för frågor')), cell(p('2026-02-20'))),
      ),
    ].join('');
    const doc = await load('tabeller.docx', await rawDocx(body, englishStyles, outline()));
    expect(heads(doc)).toEqual(['1 Krav', '2 Pris', '3 Tidplan']);
    expect(find(doc, '1').text.split('\n')).toEqual([
      'Kraven framgår av tabellen.',
      'Nr | Krav | Ska/Bör | Svar',
      'K1 | Leverantören ska ha ISO 27001. | Ska',
      'K2 | Konsulten bör ha erfarenhet av e-arkiv. Ange antal år. | Bör',
    ]);
    expect(find(doc, '2').text.split('\n')).toEqual([
      'Roll och nivå | Takpris (SEK/h)',
      'Utvecklare | Senior | 1 100',
      'Junior | 800',
    ]);
    expect(find(doc, '3').text.split('\n')).toEqual([
      'Sista anbudsdag | 2026-03-01',
      'Sista dag för frågor | 2026-02-20',
    ]);
  });

  it('keeps the rows of a nested table apart', async () => {
    const inner = table(row(cell(p('Roll')), cell(p('Takpris'))), row(cell(p('Testare')), cell(p('900 kr'))));
    const body = [p('Ersättning', 'Heading1'), table(row(cell(p('Pris')), cell(p('Enligt tabell:') + inner)))].join('');
    const doc = await load('nastlad.docx', await rawDocx(body, englishStyles, outline()));
    expect(find(doc, '1').text).toBe('Pris | Enligt tabell: Roll | Takpris; Testare | 900 kr');
  });
});

describe('Word text outside the main flow', () => {
  it('keeps footnotes and endnotes after their paragraph, without breaking the sentence', async () => {
    const notes = (kind: 'footnote' | 'endnote', items: string[]) =>
      `<?xml version="1.0" encoding="UTF-8"?><w:${kind}s ${W}>` +
      `<w:${kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:${kind}>` +
      `<w:${kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:${kind}>` +
      items
        .map(
          (t, i) =>
            `<w:${kind} w:id="${i + 1}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:${kind}Ref/></w:r>${run(` ${t}`)}</w:p></w:${kind}>`,
        )
        .join('') +
      `</w:${kind}s>`;
    const body = [
      p('Krav', 'Heading1'),
      p(
        '',
        undefined,
        '',
        `${run('Leverantören ska vara certifierad enligt ISO 27001')}<w:r><w:footnoteReference w:id="1"/></w:r>${run(
          ' eller likvärdigt.',
        )}`,
      ),
      p('', undefined, '', `${run('Priset anges i SEK')}<w:r><w:endnoteReference w:id="1"/></w:r>${run('.')}`),
    ].join('');
    const doc = await load(
      'fotnoter.docx',
      await rawDocx(body, englishStyles, outline(), {
        'word/footnotes.xml': notes('footnote', ['Eller motsvarande standard för informationssäkerhet.']),
        'word/endnotes.xml': notes('endnote', ['Exklusive mervärdesskatt.']),
      }),
    );
    expect(find(doc, '1').text.split('\n')).toEqual([
      'Leverantören ska vara certifierad enligt ISO 27001 eller likvärdigt.',
      'Fotnot 1: Eller motsvarande standard för informationssäkerhet.',
      'Priset anges i SEK.',
      'Slutnot 1: Exklusive mervärdesskatt.',
    ]);
  });

  it('reads text boxes once, keeps inserted and moved-in text, drops deleted and moved-away text', async () => {
    const textBox =
      '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>' +
      p('Observera att anbudet ska lämnas på svenska.') +
      '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>' +
      p('Observera att anbudet ska lämnas på svenska.') +
      '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>';
    const body = [
      p('Anbudet', 'Heading1'),
      p('', undefined, '', `${textBox}${run('Anbudet lämnas elektroniskt.')}`),
      p(
        '',
        undefined,
        '',
        `${run('Anbudet ska vara giltigt i ')}<w:del w:id="1"><w:r><w:delText>60</w:delText></w:r></w:del><w:ins w:id="2">${run(
          '90',
        )}</w:ins>${run(' dagar.')}`,
      ),
      p(
        '',
        undefined,
        '',
        `<w:moveFrom w:id="3">${run('Flyttad mening. ')}</w:moveFrom>${run('Anbudet undertecknas av behörig firmatecknare.')}<w:moveTo w:id="4">${run(' Flyttad mening.')}</w:moveTo>`,
      ),
    ].join('');
    const doc = await load('ruta.docx', await rawDocx(body, englishStyles, outline()));
    expect(find(doc, '1').text.split('\n')).toEqual([
      'Observera att anbudet ska lämnas på svenska.',
      'Anbudet lämnas elektroniskt.',
      'Anbudet ska vara giltigt i 90 dagar.',
      'Anbudet undertecknas av behörig firmatecknare. Flyttad mening.',
    ]);
  });

  it('makes no sections of a TOC field, keeps a PAGE field result, and cleans special characters', async () => {
    const tocEntry = (n: string, text: string, page: number) =>
      p(
        '',
        undefined,
        '',
        `<w:hyperlink w:anchor="_Toc${page}">${run(n)}<w:r><w:tab/></w:r>${run(text)}<w:r><w:tab/></w:r>` +
          `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc${page} \\h </w:instrText></w:r>` +
          `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(String(page))}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>`,
      );
    const body = [
      p('Innehåll'),
      // A TOC field whose entries are in the normal style (no TOC styles to go by).
      p(
        '',
        undefined,
        '',
        `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`,
      ),
      tocEntry('1', 'Allmänt', 2),
      tocEntry('2', 'Krav', 3),
      tocEntry('3', 'Pris', 4),
      p('', undefined, '', '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
      p('Allmänt', 'Heading1'),
      p(
        '',
        undefined,
        '',
        `${run('E-post\u00a0skickas till upphandling@test.se, tel.\u00a0010')}<w:r><w:noBreakHyphen/></w:r>${run(
          '123 45 67. Leverantörs\u00adansvaret gäller.',
        )}`,
      ),
      p('Krav', 'Heading1'),
      p(
        '',
        undefined,
        '',
        `${run('Timpris:')}<w:r><w:tab/></w:r>${run('anges i SEK. Se sidan ')}<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>${run('.')}`,
      ),
      p('Pris', 'Heading1'),
      p('Fast pris per timme.'),
    ].join('');
    const doc = await load('falt.docx', await rawDocx(body, englishStyles, outline()));
    expect(heads(doc)).toEqual(['1 Allmänt', '2 Krav', '3 Pris']);
    for (const s of doc.sections) expect(s.text).not.toMatch(/Innehåll|PAGEREF|TOC/);
    expect(find(doc, '1').text).toBe(
      'E-post skickas till upphandling@test.se, tel. 010-123 45 67. Leverantörsansvaret gäller.',
    );
    expect(find(doc, '2').text).toBe('Timpris: anges i SEK. Se sidan 3.');
  });
});

/** Pages joined by form feeds: what a PDF text extraction gives, page by page. */
const pages = (...ps: string[][]) => ps.map((lines) => lines.join('\n')).join('\f');
const filler = 'Leverantören ska under hela avtalstiden ansvara för att tjänsten levereras enligt avtalad servicenivå.';

describe('text as extracted from PDF', () => {
  it('reads headings with and without a dot after the number', async () => {
    const text = [
      '1. Allmänt',
      filler,
      '1.1. Bakgrund',
      filler,
      '1.1.1 Nuvarande system',
      filler,
      '1.1.2. Framtida system',
      filler,
      '2 Krav',
      filler,
    ].join('\n');
    const doc = await load('punkt.txt', text);
    expect(heads(doc)).toEqual([
      '1 Allmänt',
      '1.1 Bakgrund',
      '1.1.1 Nuvarande system',
      '1.1.2 Framtida system',
      '2 Krav',
    ]);
  });

  it('takes "Kapitel 4" for chapter 4, and leaves an appendix title in the text', async () => {
    const text = [
      'Kapitel 1 Allmänt',
      filler,
      '1.1 Bakgrund',
      filler,
      'Kapitel 2',
      'Krav',
      filler,
      '2.1 Skallkrav',
      filler,
      'Bilaga 2 Kravspecifikation',
      'Kravspecifikationen finns i en separat fil.',
    ].join('\n');
    const doc = await load('kapitel.txt', text);
    expect(heads(doc)).toEqual(['1 Kapitel 1 Allmänt', '1.1 Bakgrund', '2 Kapitel 2 Krav', '2.1 Skallkrav']);
    expect(find(doc, '2.1').text).toContain('Bilaga 2 Kravspecifikation');
  });

  it('joins a word hyphenated at the line end, and keeps real hyphens', async () => {
    const text = [
      '1. Villkor',
      'Avropet riktar sig till den leve-',
      'rantör som har tecknat ramavtal för IT-',
      'konsulttjänster, och som kan tillhandahålla e-',
      'post och support under kontorstid samt kvälls-',
      'och helgtid enligt bilaga 3 till detta avrop.',
    ].join('\n');
    const doc = await load('avstavning.txt', text);
    expect(find(doc, '1').text).toBe(
      'Avropet riktar sig till den leverantör som har tecknat ramavtal för IT-konsulttjänster, och som kan ' +
        'tillhandahålla e-post och support under kontorstid samt kvälls- och helgtid enligt bilaga 3 till detta avrop.',
    );
  });

  it('drops running headers with the authority and a date, and page numbers in every Swedish form', async () => {
    const header = 'Testkommunen 2026-02-01';
    const text = pages(
      [header, 'Avropsförfrågan', '1. Allmänt', filler, 'Sida 1 av 4'],
      ['2 (4)', header, 'Avropsförfrågan', '1.1 Bakgrund', filler],
      [header, 'Avropsförfrågan', '2. Krav', filler, '- 3 -'],
      [header, 'Avropsförfrågan', '2.1 Skallkrav', filler, 'Sida 4 (4)'],
    );
    const doc = await load('sidhuvud.txt', text);
    expect(heads(doc)).toEqual(['1 Allmänt', '1.1 Bakgrund', '2 Krav', '2.1 Skallkrav']);
    for (const s of doc.sections) expect(s.text).toBe(filler);
  });

  it('drops a running header from a two-page document, and keeps a line printed twice by chance', async () => {
    const header = ['Testkommunen 2026-02-01', 'Avropsförfrågan Systemförvaltning'];
    const text = pages(
      [...header, '1. Allmänt', filler, 'Avtalet gäller i två år', 'Sida 1 av 2'],
      // The same words at the other edge of page 2 are text, not a running line.
      [...header, 'Avtalet gäller i två år', 'från avtalets start.', '2. Krav', filler, filler, filler, 'Sida 2 av 2'],
    );
    const doc = await load('tva-sidor.txt', text);
    expect(heads(doc)).toEqual(['1 Allmänt', '2 Krav']);
    expect(find(doc, '1').text).toBe(`${filler} Avtalet gäller i två år\nAvtalet gäller i två år från avtalets start.`);
    for (const s of doc.sections) expect(s.text).not.toMatch(/Testkommunen|Systemförvaltning/);
  });

  it('drops a TendSign symbol legend printed in two columns', async () => {
    const text = pages(
      [
        'Symbolförklaring',
        'Texten ingår i annonsen Frågan är ett krav',
        'Texten kommer att visas för anbudsgivaren Frågan besvaras med ja eller nej',
        '1. Allmänt',
        filler,
      ],
      ['1.1 Bakgrund', filler],
    );
    const doc = await load('legend.txt', text);
    expect(heads(doc)).toEqual(['1 Allmänt', '1.1 Bakgrund']);
    expect(find(doc, '1').text).toBe(filler);
  });

  it('keeps a numbered list in its section, also where its numbers could pass for the next headings', async () => {
    const text = [
      '1. Allmänt',
      filler,
      '2. Krav',
      'Leverantören ska uppfylla följande krav:',
      '1. Leverantören ska ha kollektivavtal.',
      '2. Leverantören ska ha ansvarsförsäkring.',
      '3. Leverantören ska ha F-skatt.',
      '4. Leverantören ska ha en miljöpolicy.',
      '3. Pris',
      filler,
      '4. Avtalstid',
      filler,
    ].join('\n');
    const doc = await load('lista.txt', text);
    expect(heads(doc)).toEqual(['1 Allmänt', '2 Krav', '3 Pris', '4 Avtalstid']);
    expect(find(doc, '2').text.split('\n')).toHaveLength(5);
  });

  it('takes short ALL CAPS lines for headings when nothing is numbered', async () => {
    const text = [
      'Avropsförfrågan gällande konsulttjänster inom systemförvaltning för Testkommunen under 2026.',
      '',
      'ALLMÄNT OM AVROPET',
      filler,
      '',
      'KRAV PÅ KONSULTEN',
      'Konsulten ska ha minst fem års erfarenhet av systemförvaltning enligt PM3.',
      '',
      'PRIS OCH ERSÄTTNING',
      'Ersättning utgår per timme enligt ramavtalets takpriser (SEK, exklusive moms).',
    ].join('\n');
    const doc = await load('versaler.txt', text);
    expect(heads(doc)).toEqual([
      'Försättsblad',
      '1 ALLMÄNT OM AVROPET',
      '2 KRAV PÅ KONSULTEN',
      '3 PRIS OCH ERSÄTTNING',
    ]);
    expect(find(doc, '2').text).toBe('Konsulten ska ha minst fem års erfarenhet av systemförvaltning enligt PM3.');
    expect(doc.warnings.join(' ')).toMatch(/rubrikerna saknar nummer/);
  });
  it('leaves a lone line in capitals, and capitals inside a sentence, in the text', async () => {
    const text = [
      'Kommunen behöver en konsult som kan leda införandet av ett nytt ärendesystem.',
      '',
      'OBSERVERA ATT ANBUD LÄMNAS ELEKTRONISKT',
      'Anbud som lämnas på annat sätt prövas inte. Svaren ska avse',
      'SAMTLIGA KRAV I BILAGAN',
      'och lämnas på svenska.',
    ].join('\n');
    const doc = await load('skrik.txt', text);
    expect(heads(doc)).toEqual(['Hela dokumentet']);
  });
});

describe('PDF headings without numbers', () => {
  it('takes bold lines at body size between paragraphs for headings, not bold words inside a paragraph', async () => {
    const pdf = await styledCallOff([
      { bold: 'Bakgrund' },
      'Kommunen byter ärendesystem under 2026 och behöver stöd i upphandlingen av ett nytt system.',
      { bold: 'Uppdraget' },
      'Konsulten ska leda kravarbetet och skriva kravspecifikationen tillsammans med verksamheten.',
      { bold: 'Sista dag för frågor' },
      'Frågor ska vara kommunen tillhanda senast 2026-06-01. Svar publiceras i',
      { bold: 'Kommers Annons' },
      'senast sex dagar före sista anbudsdag.',
    ]);
    const doc = await load('fetstil.pdf', pdf);
    expect(heads(doc)).toEqual(['1 Bakgrund', '2 Uppdraget', '3 Sista dag för frågor']);
    expect(find(doc, '3').text).toContain('Kommers Annons');
    expect(doc.warnings.join(' ')).toMatch(/rubrikerna saknar nummer/);
  });
});

describe('encrypted PDF', () => {
  it('reads a PDF encrypted with an owner password only (restrictions, no password to open)', async () => {
    const doc = await load('begransad.pdf', await ownerPasswordOnly());
    expect(heads(doc)).toEqual(['1 Allmänt']);
    expect(find(doc, '1').text).toBe('Avropet gäller förvaltning av kommunens ärendehanteringssystem under två år.');
  });
});

describe('unreadable Word files', () => {
  it('says that a password-protected Word file is encrypted, not an old .doc', async () => {
    // An encrypted .docx is an OLE compound file holding an "EncryptedPackage" stream.
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
    const err = await load('krypterad.docx', bytes).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CodedError);
    expect((err as CodedError).message).toMatch(/^krypterad\.docx: .*lösenordsskyddad/);
  });

  it('warns about a valid Word file without text, and refuses a zip that is not a Word file', async () => {
    const empty = await load('tomt.docx', await rawDocx('<w:p/><w:p><w:r><w:t/></w:r></w:p>', englishStyles, ''));
    expect(empty.sections).toEqual([]);
    expect(empty.warnings).toEqual(['tomt.docx: filen innehåller ingen text och har inte indexerats.']);
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    const err = await load('kalkyl.docx', await zip.generateAsync({ type: 'nodebuffer' })).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as CodedError).message).toMatch(/^kalkyl\.docx: /);
  });
});
