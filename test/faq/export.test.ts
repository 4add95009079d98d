// Every FAQ format, read back: PDF text extracted with unpdf, DOCX unzipped,
// CSV and JSON parsed, HTML and Markdown checked for escaping and structure.
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../src/core/errors.js';
import { FAQ_CONTENT_TYPES, FAQ_FORMATS, type FaqFormat, faqFileName, renderFaq } from '../../src/faq/export.js';
import { isWinAnsi } from '../../src/faq/pdf.js';
import { parseCsv } from './csvParse.js';
import { callOff, empty, sample } from './fixtures.js';

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const item = (n: number) => sample.items.find((i) => i.number === n)!;

async function pdfText(buf: Buffer): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text, pages: totalPages };
}

function xmlDecode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Word paragraphs as [style, text] with <w:br/> as "\n". */
async function docxParagraphs(buf: Buffer): Promise<Array<[string, string]>> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '';
    const text = [...p.matchAll(/<w:br\/>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : xmlDecode(t[1] ?? '')))
      .join('');
    return [style, text];
  });
}

describe('faq export: formats and names', () => {
  it('offers six formats, each with a content type and a file name', () => {
    expect([...FAQ_FORMATS].sort()).toEqual(['csv', 'docx', 'html', 'json', 'md', 'pdf']);
    for (const f of FAQ_FORMATS) {
      expect(FAQ_CONTENT_TYPES[f]).toMatch(/\//);
      expect(faqFileName(sample, f)).toBe(`fragor-och-svar-af-2025-0108-8097.${f}`);
    }
  });

  it('refuses an unknown format with a Swedish usage error', async () => {
    await expect(renderFaq(sample, 'xlsx' as FaqFormat)).rejects.toThrow(CodedError);
    await expect(renderFaq(sample, 'xlsx' as FaqFormat)).rejects.toThrow(/Okänt format "xlsx".*md, html, pdf/);
  });

  it('drops control characters from the documents but not from JSON', async () => {
    const dirty = { ...sample, items: [{ ...item(1), question: 'Gäller\u0001 det\u000b?\r\nJa' }] };
    for (const f of ['md', 'html', 'csv'] as const) {
      const text = (await renderFaq(dirty, f)).toString('utf8');
      expect(text).not.toMatch(/[\u0001\u000b]/);
      expect(text).toContain('Gäller det?');
    }
    const json = JSON.parse((await renderFaq(dirty, 'json')).toString('utf8'));
    expect(json.items[0].question).toBe('Gäller\u0001 det\u000b?\r\nJa');
  });

  it('keeps file names ASCII whatever the id', () => {
    const odd = { ...sample, callOff: { ...callOff, id: 'Upphandling Åre/2026' } };
    expect(faqFileName(odd, 'pdf')).toBe('fragor-och-svar-upphandling-are-2026.pdf');
  });
});

describe('faq export: JSON', () => {
  it('has exactly the contract shape, items in number order', async () => {
    const shuffled = { ...sample, items: [...sample.items].reverse() };
    const body = JSON.parse((await renderFaq(shuffled, 'json')).toString('utf8'));
    expect(Object.keys(body)).toEqual(['callOff', 'reference', 'exportedAt', 'items']);
    expect(body.callOff).toBe('af-2025-0108-8097');
    expect(body.reference).toBe('Af-2025/0108 8097');
    expect(body.exportedAt).toBe('2026-01-27T13:05:00.000Z');
    expect(body.items).toEqual(sample.items);
    expect(Object.keys(body.items[0])).toEqual(['number', 'question', 'answer', 'publishedAt']);
  });

  it('an empty FAQ is a valid document', async () => {
    const body = JSON.parse((await renderFaq(empty, 'json')).toString('utf8'));
    expect(body.items).toEqual([]);
  });
});

describe('faq export: CSV', () => {
  it('starts with a UTF-8 BOM and reads back cell for cell, incl. ; " , and line breaks', async () => {
    const buf = await renderFaq(sample, 'csv');
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(buf.toString('utf8').slice(1), ';');
    expect(rows[0]).toEqual(['nummer', 'fråga', 'svar', 'publicerad', 'ändrad']);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual(['1', item(1).question, item(1).answer, '2026-01-26 10:00', '']);
    expect(rows[3]).toEqual(['3', item(3).question, item(3).answer, '2026-07-01 12:00', '']);
  });

  it('defuses cells that Excel would run as formulas', async () => {
    const rows = parseCsv((await renderFaq(sample, 'csv')).toString('utf8').slice(1), ';');
    expect(rows[2]?.[2]).toBe(`'${item(2).answer}`);
  });

  it('an empty FAQ has the header only', async () => {
    const rows = parseCsv((await renderFaq(empty, 'csv')).toString('utf8').slice(1), ';');
    expect(rows).toEqual([['nummer', 'fråga', 'svar', 'publicerad', 'ändrad']]);
  });
});

describe('faq export: HTML', () => {
  it('is a standalone Swedish page with headings and escaped text', async () => {
    const html = (await renderFaq(sample, 'html')).toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="sv">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<h1>Frågor och svar</h1>');
    expect(html).toContain('Upphandlande myndighet: Arbetsförmedlingen');
    expect(html).toContain('Referens: Af-2025/0108 8097');
    expect(html).toContain('Exporterad 2026-01-27 14:05');
    expect(html).toMatch(/<h2 id="fraga-1-rubrik">Fråga 1<\/h2>[\s\S]*<h2 id="fraga-2-rubrik">Fråga 2<\/h2>/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; *fet* text?');
    expect(html).not.toMatch(/ style=/);
  });

  it('keeps paragraphs and line breaks of a multi-line answer', async () => {
    const html = (await renderFaq(sample, 'html')).toString('utf8');
    expect(html).toContain(
      '<p>Ja. Enligt avsnitt 1.8 får högst 49 % av tiden utföras på distans – resten på plats i Solna.</p>\n<p>Se även ”Bilaga 2 – Kravspecifikation”.<br>\nTimpriset',
    );
  });

  it('says when nothing is published', async () => {
    expect((await renderFaq(empty, 'html')).toString('utf8')).toContain('<p>Inga frågor har publicerats ännu.</p>');
  });
});

describe('faq export: Markdown', () => {
  it('has the heading, the call-off and numbered items', async () => {
    const md = (await renderFaq(sample, 'md')).toString('utf8');
    expect(md.startsWith('# Frågor och svar\n')).toBe(true);
    expect(md).toContain('Upphandlande myndighet: Arbetsförmedlingen');
    expect(md).toContain('Referens: Af-2025/0108 8097');
    expect(md).toContain('Exporterad 2026-01-27 14:05');
    expect(md.indexOf('## Fråga 1')).toBeLessThan(md.indexOf('## Fråga 2'));
    expect(md).toContain('**Svar**');
  });

  it('escapes markup in the texts', async () => {
    const md = (await renderFaq(sample, 'md')).toString('utf8');
    expect(md).toContain('\\[leverantören\\] om \\<script\\>alert("x")\\</script\\> & \\*fet\\* text?');
    expect(md).toContain('\\# Rubrik?\\\n1\\. Punkt ett\\\n\\- punkt två');
  });

  it('keeps paragraphs (blank line) and line breaks (backslash) of a multi-line answer', async () => {
    const md = (await renderFaq(sample, 'md')).toString('utf8');
    expect(md).toContain(
      'resten på plats i Solna.\n\nSe även ”Bilaga 2 – Kravspecifikation”.\\\nTimpriset anges i kronor, t.ex. 1 150,50 kr; inte i euro.',
    );
  });

  it('says when nothing is published', async () => {
    expect((await renderFaq(empty, 'md')).toString('utf8')).toContain('\nInga frågor har publicerats ännu.\n');
  });
});

describe('faq export: DOCX', () => {
  it('has real heading styles and the texts incl. Swedish typography', async () => {
    const paras = await docxParagraphs(await renderFaq(sample, 'docx'));
    const styled = (style: string) => paras.filter(([s]) => s === style).map(([, t]) => t);
    expect(styled('Title')).toEqual(['Frågor och svar']);
    expect(styled('Heading1')).toEqual(['Fråga 1', 'Fråga 2', 'Fråga 3']);
    expect(styled('Heading2')).toEqual(['Svar', 'Svar', 'Svar']);
    const texts = paras.map(([, t]) => t);
    expect(texts).toContain('Upphandlande myndighet: Arbetsförmedlingen');
    expect(texts).toContain('Referens: Af-2025/0108 8097');
    expect(texts).toContain('Exporterad 2026-01-27 14:05');
    expect(texts).toContain(item(2).question);
    expect(texts).toContain(
      'Ja. Enligt avsnitt 1.8 får högst 49 % av tiden utföras på distans – resten på plats i Solna.',
    );
    expect(texts).toContain(
      'Se även ”Bilaga 2 – Kravspecifikation”.\nTimpriset anges i kronor, t.ex. 1 150,50 kr; inte i euro.',
    );
    expect(texts).toContain('# Rubrik?\n1. Punkt ett\n- punkt två');
  });

  it('has a footer with the reference and page fields', async () => {
    const zip = await JSZip.loadAsync(await renderFaq(sample, 'docx'));
    const footerName = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n));
    expect(footerName).toBeDefined();
    const footer = await zip.file(footerName!)!.async('string');
    expect(footer).toContain('Frågor och svar – Af-2025/0108 8097 – Sida ');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });

  it('sets Swedish as the language', async () => {
    const zip = await JSZip.loadAsync(await renderFaq(sample, 'docx'));
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('w:val="sv-SE"');
  });

  it('says when nothing is published', async () => {
    const paras = await docxParagraphs(await renderFaq(empty, 'docx'));
    expect(paras.map(([, t]) => t)).toContain('Inga frågor har publicerats ännu.');
  });
});

describe('faq export: PDF', () => {
  it('reads back with Swedish letters, quotes and dashes intact (standard font)', async () => {
    const buf = await renderFaq(sample, 'pdf');
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(buf.toString('latin1')).not.toContain('DejaVu');
    const { text } = await pdfText(buf);
    const t = fold(text);
    for (const expected of [
      'Frågor och svar',
      callOff.title,
      'Upphandlande myndighet: Arbetsförmedlingen',
      'Referens: Af-2025/0108 8097',
      'Exporterad 2026-01-27 14:05',
      'Fråga 1',
      fold(item(1).question),
      'Svar',
      fold(item(1).answer),
      fold(item(2).answer),
      'Publicerad 2026-01-26 10:00',
      'Sida 1 av 1',
    ]) {
      expect(t).toContain(expected);
    }
    expect(t.indexOf('Fråga 1')).toBeLessThan(t.indexOf('Fråga 2'));
  });

  it('is a tagged PDF in Swedish: headings and paragraphs in the structure tree', async () => {
    const buf = await renderFaq(sample, 'pdf');
    const raw = buf.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toContain('/Lang (sv-SE)');
    const pdf = await getDocumentProxy(new Uint8Array(buf));
    const tree = await (await pdf.getPage(1)).getStructTree();
    const roles: string[] = [];
    const walk = (node: { role?: string; children?: unknown[] }) => {
      if (node.role) roles.push(node.role);
      for (const child of node.children ?? []) walk(child as { role?: string; children?: unknown[] });
    };
    walk(tree as unknown as { role?: string; children?: unknown[] });
    expect(roles.filter((r) => /^H\d$/.test(r))).toEqual(['H1', 'H2', 'H3', 'H2', 'H3', 'H2', 'H3']);
    expect(roles.filter((r) => r === 'P').length).toBeGreaterThan(8);
  });

  it('embeds a Unicode font only when a text needs one, and the text still reads back', async () => {
    expect(isWinAnsi('åäö ÅÄÖ é ”citat” – — €')).toBe(true);
    expect(isWinAnsi('Łódź → ok')).toBe(false);
    const doc = { ...sample, items: [{ ...item(1), answer: 'Gäller även Łódź → Kraków.' }] };
    const buf = await renderFaq(doc, 'pdf');
    expect(buf.toString('latin1')).toMatch(/DejaVuSans|LiberationSans/);
    const { text } = await pdfText(buf);
    expect(fold(text)).toContain('Gäller även Łódź → Kraków.');
  });

  it('numbers the pages of a long FAQ and keeps every item', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      number: i + 1,
      question: `Fråga om avsnitt ${i + 1}: gäller kravet även underkonsulter?`,
      answer: `Svar ${i + 1}: ja, se avsnitt ${i + 1}.\n\nAndra stycket för nummer ${i + 1}.`,
      publishedAt: '2026-01-26T09:00:00.000Z',
    }));
    const { text, pages } = await pdfText(await renderFaq({ ...sample, items }, 'pdf'));
    expect(pages).toBeGreaterThan(2);
    const t = fold(text);
    expect(t).toContain(`Sida ${pages} av ${pages}`);
    for (const i of items) expect(t).toContain(`Svar ${i.number}: ja, se avsnitt ${i.number}.`);
  });

  it('says when nothing is published', async () => {
    const { text } = await pdfText(await renderFaq(empty, 'pdf'));
    expect(fold(text)).toContain('Inga frågor har publicerats ännu.');
  });
});

describe('faq export: the register’s chain head on every format', () => {
  const head = { seq: 42, hash: `ab${'0123456789abcdef'.repeat(3)}cdef0123456789` };
  const anchored = { ...sample, registerHead: head };
  const line = `Registrets kontrollsumma: 42:${head.hash}`;

  it('prints "Registrets kontrollsumma: SEQ:HASH" at the end of md, html, pdf and docx', async () => {
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    const md = (await renderFaq(anchored, 'md')).toString('utf8');
    expect(md.trimEnd().endsWith(`*${line}*`)).toBe(true);
    const html = (await renderFaq(anchored, 'html')).toString('utf8');
    expect(html).toMatch(new RegExp(`<footer><p class="register-head">${line}</p></footer>\\s*</main>`));
    // After the last answer: the head closes the document.
    const pdf = fold((await pdfText(await renderFaq(anchored, 'pdf'))).text);
    expect(pdf.indexOf(line)).toBeGreaterThan(pdf.indexOf(fold(item(3).answer)));
    const paras = await docxParagraphs(await renderFaq(anchored, 'docx'));
    expect(paras.at(-1)?.[1]).toBe(line);
  });

  it('gives csv a last, unnumbered row and json a registerHead field', async () => {
    const rows = parseCsv((await renderFaq(anchored, 'csv')).toString('utf8').slice(1), ';');
    expect(rows).toHaveLength(5);
    expect(rows.at(-1)).toEqual(['', 'Registrets kontrollsumma', `42:${head.hash}`, '', '']);
    const json = JSON.parse((await renderFaq(anchored, 'json')).toString('utf8'));
    expect(json.registerHead).toEqual(head);
    expect(Object.keys(json)).toEqual(['callOff', 'reference', 'exportedAt', 'items', 'registerHead']);
  });

  it('prints the head on an empty FAQ too', async () => {
    const none = { ...empty, registerHead: { seq: 0, hash: '0'.repeat(64) } };
    for (const f of ['md', 'html', 'csv'] as const) {
      expect((await renderFaq(none, f)).toString('utf8')).toContain(`0:${'0'.repeat(64)}`);
    }
    expect(JSON.parse((await renderFaq(none, 'json')).toString('utf8')).registerHead).toEqual(none.registerHead);
  });
});

describe('faq export: a corrected item and an ended tender period', () => {
  const NOTE = 'Anbudstiden har gått ut (sista anbudsdag var 2026-02-02 23:59).';
  // 08:15 UTC is 09:15 in Stockholm in February (CET).
  const doc = {
    ...sample,
    items: [{ ...item(1), amendedAt: '2026-02-03T08:15:00.000Z' }, item(2)],
    tenderPeriodNote: NOTE,
  };
  const AMENDED = 'Publicerad 2026-01-26 10:00 – Ändrad 2026-02-03 09:15';

  it('every text format says "Ändrad <date>" on the corrected item only, and that the tender period has ended', async () => {
    for (const format of ['md', 'html'] as const) {
      const text = fold((await renderFaq(doc, format)).toString('utf8').replace(/<[^>]+>/g, ''));
      expect(text, format).toContain(NOTE);
      expect(text, format).toContain(AMENDED);
      expect(text.match(/Ändrad/g), format).toHaveLength(1);
    }
    const { text } = await pdfText(await renderFaq(doc, 'pdf'));
    expect(fold(text)).toContain(AMENDED);
    expect(fold(text)).toContain(NOTE);
    const zip = await JSZip.loadAsync(await renderFaq(doc, 'docx'));
    const xml = xmlDecode((await zip.file('word/document.xml')?.async('string')) ?? '');
    expect(xml).toContain(AMENDED);
    expect(xml).toContain(NOTE);
  });

  it('CSV and JSON carry the correction time and the note as data', async () => {
    const rows = parseCsv((await renderFaq(doc, 'csv')).toString('utf8').slice(1), ';');
    expect(rows[1]?.slice(3)).toEqual(['2026-01-26 10:00', '2026-02-03 09:15']);
    expect(rows[2]?.slice(3)).toEqual(['2026-01-27 09:30', '']);
    expect(rows.some((r) => r[0] === '' && r[1] === NOTE)).toBe(true);
    const json = JSON.parse((await renderFaq(doc, 'json')).toString('utf8'));
    expect(json.items[0].amendedAt).toBe('2026-02-03T08:15:00.000Z');
    expect(json.items[1]).not.toHaveProperty('amendedAt');
    expect(json.tenderPeriodNote).toBe(NOTE);
  });
});
