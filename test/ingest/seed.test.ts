/** The bundled seed call-off, ingested end to end from its folder. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Section } from '../../src/core/types.js';
import {
  chunkSections,
  findStatedQuestionDeadline,
  type IngestedDocument,
  loadCallOffDocuments,
} from '../../src/ingest/index.js';
import { FURNITURE, seedDir, seedHints } from './helpers.js';

let docs: IngestedDocument[];
let sections: Section[];
const byNumber = (n: string) => sections.find((s) => s.number === n)!;

beforeAll(async () => {
  docs = await loadCallOffDocuments(seedDir, seedHints);
  sections = docs.flatMap((d) => d.sections);
});

describe('seed call-off', () => {
  it('finds exactly the one text document, hashed', () => {
    expect(docs.map((d) => [d.document, d.format, d.pages])).toEqual([['avropsforfragan.txt', 'txt', null]]);
    expect(docs[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(docs[0]!.warnings).toEqual([]);
  });

  it('recovers every numbered section and heading, in order', () => {
    expect(sections.map((s) => `${s.number} ${s.heading}`)).toEqual([
      '1 Allmänt om avropet',
      '1.1 Avropande myndighet',
      '1.1.1 Arbetsförmedlingen',
      '1.2 Avropsförfarande',
      '1.3 Syfte med avropet',
      '1.4 Uppdragsbeskrivning',
      '1.5 Upphandlingsdokumentens uppbyggnad',
      '1.6 Kontaktperson',
      '1.7 Uppdragsperiod och omfattning',
      '1.8 Placeringsort',
      '1.9 Kontrakt',
      '1.10 Upphandlingssekretess',
      '1.11 Frågor gällande avropet',
      '1.11.1 Frågor och svar',
      '1.11.1.1 Frågor om TendSign',
      '1.12 Förutsättningar för anbudslämning',
      '1.12.1 Ifyllnad av anbudet',
      '1.12.2 Anbudets form, innehåll och språk',
      '1.12.3 Anbudslämnande',
      '1.12.4 Sista anbudsdag',
      '1.12.5 Anbudets giltighet',
      '1.13 Anbudsöppning',
      '1.14 Tilldelningsbeslut',
      '1.15 Elektronisk signering',
    ]);
    expect(sections.every((s) => s.document === 'avropsforfragan.txt' && s.page === null)).toBe(true);
  });

  it('drops the page header block in the middle of 1.14', () => {
    const text = byNumber('1.14').text;
    for (const re of FURNITURE) expect(text).not.toMatch(re);
    expect(text).not.toContain('Af-2025/0108');
    expect(text).not.toContain('fokus på tillämpad AI');
    expect(text.startsWith('Efter avslutad utvärdering fattas ett tilldelningsbeslut.')).toBe(true);
    for (const s of sections) for (const re of FURNITURE) expect(s.text).not.toMatch(re);
  });

  it('keeps the facts verbatim where citations will quote them', () => {
    expect(byNumber('1.12.4').text).toContain('Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59');
    expect(byNumber('1.11.1').text).toContain('Frågor ska vara Arbetsförmedlingen tillhanda senast: 2026-01-29');
  });

  it('joins wrapped lines, keeping the hyphen of a broken compound', () => {
    expect(byNumber('1.2').text).toContain('IT-konsulttjänster-Delområde 4');
    expect(byNumber('1.3').text).toContain('driftsättning av AI-tillämpningar. Konsulten ska bidra');
    expect(byNumber('1.3').text).toContain('AI-baserade lösningar.');
    for (const s of sections) {
      expect(s.text).not.toMatch(/ {2,}|[ \t]\n|\n[ \t]|^\s|\s$/);
    }
  });

  it('does not take the "Allmänt om avropet1." list in 1.5 for headings', () => {
    expect(sections.filter((s) => s.heading.startsWith('Allmänt om avropet'))).toHaveLength(1);
    expect(sections.filter((s) => s.number === '2' || s.number === '3')).toEqual([]);
    const text = byNumber('1.5').text;
    expect(text.split('\n').slice(0, 5)).toEqual([
      '1. Allmänt om avropet',
      '2. Generella krav',
      '3. Krav på tjänsten',
      '4. Anbudsutvärdering',
      '5. Kontraktsvillkor',
    ]);
  });

  it('keeps list items on their own lines', () => {
    const lines = byNumber('1.1.1').text.split('\n');
    expect(lines).toContain('· prioritera dem som befinner sig långt från arbetsmarknaden');
    expect(byNumber('1.10').text.split('\n')).toContain(
      'a. Har ni uppgifter i ert anbud som ni önskar sekretessbelägga?',
    );
  });

  it('chunks with stable ids that quote the section verbatim', () => {
    const a = chunkSections(sections);
    const b = chunkSections(sections.map((s) => ({ ...s })));
    expect(a.map((c) => c.id)).toEqual(b.map((c) => c.id));
    expect(new Set(a.map((c) => c.id)).size).toBe(a.length);
    for (const c of a) {
      const s = byNumber(c.section);
      expect(s.text).toContain(c.text);
      expect(c.heading).toBe(s.heading);
      expect(c.kind).toBe('document');
    }
    // Sections with a body each give at least one chunk.
    const withBody = new Set(sections.filter((s) => s.text).map((s) => s.number));
    expect(new Set(a.map((c) => c.section))).toEqual(withBody);
  });

  it('finds the stated question deadline and its section', () => {
    expect(findStatedQuestionDeadline(docs)).toEqual({
      date: '2026-01-29',
      document: 'avropsforfragan.txt',
      section: '1.11.1',
    });
  });

  it('reports progress per file', async () => {
    const seen: Array<[number, number, string]> = [];
    await loadCallOffDocuments(seedDir, seedHints, (done, total, file) => seen.push([done, total, file]));
    expect(seen).toEqual([[1, 1, 'avropsforfragan.txt']]);
  });
});

describe('seed without hints', () => {
  it('still finds the same headings (furniture via Sida/Publicerad alone)', async () => {
    const [doc] = await loadCallOffDocuments(seedDir);
    expect(doc!.sections.map((s) => s.number)).toEqual(sections.map((s) => s.number));
    expect(path.basename(doc!.document)).toBe('avropsforfragan.txt');
  });
});
