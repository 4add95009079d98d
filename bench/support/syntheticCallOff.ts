import { seededRandom as random } from '../../test/support/random.js';

/**
 * A generated call-off text of a chosen size, for measuring how ingest scales
 * with the number of sections. Shaped like the real ones where it matters to
 * structure recovery: a table of contents with dotted leaders, three heading
 * levels, page headers and footers, numbered lists and dates in the body.
 * Deterministic: the same size gives the same bytes.
 */

const WORDS = [
  'leverantören',
  'ska',
  'uppdraget',
  'konsulten',
  'beställaren',
  'avropet',
  'anbudet',
  'redovisa',
  'erfarenhet',
  'krav',
  'inom',
  'enligt',
  'ramavtalet',
  'dokumentation',
  'säkerhet',
  'leverans',
  'tid',
  'pris',
  'timpris',
  'kompetens',
  'månader',
  'avtalsperiod',
  'utvärdering',
  'referenser',
  'system',
  'drift',
  'förvaltning',
  'och',
  'samt',
  'för',
  'med',
  'av',
];

const TITLES = [
  'Allmänt om avropet',
  'Uppdragets omfattning',
  'Krav på konsulten',
  'Utvärdering av anbud',
  'Pris och ersättning',
  'Avtalsvillkor',
  'Säkerhetsskydd',
  'Tidplan',
  'Referenser',
  'Dokumentation',
  'Kontaktperson',
  'Sista anbudsdag',
];

/** Section numbers in reading order: chapters of 12 subsections with 6 children each (85 sections a chapter). */
function numbering(sections: number): number[][] {
  const out: number[][] = [];
  for (let ch = 1; out.length < sections; ch++) {
    out.push([ch]);
    for (let s = 1; s <= 12 && out.length < sections; s++) {
      out.push([ch, s]);
      for (let t = 1; t <= 6 && out.length < sections; t++) out.push([ch, s, t]);
    }
  }
  return out;
}

/** A call-off text with `sections` numbered headings (at most 99 chapters: 8 415 sections). */
export function syntheticCallOff(sections: number, seed = 1): string {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 12);
    const words = Array.from({ length: n }, () => pick(WORDS));
    const s = words.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  /** Hard-wrapped at about 80 characters, as a text export of a PDF is. */
  const wrap = (text: string) => {
    const lines: string[] = [];
    let line = '';
    for (const w of text.split(' ')) {
      if (line && line.length + w.length + 1 > 80) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) lines.push(line);
    return lines;
  };

  const numbers = numbering(sections);
  const body: string[] = [];
  numbers.forEach((parts, k) => {
    const title = `${pick(TITLES)}${parts.length > 1 ? ` ${k}` : ''}`;
    body.push('', `${parts.join('.')} ${title}`, '');
    const paragraphs = 1 + Math.floor(rnd() * 2);
    for (let p = 0; p < paragraphs; p++) {
      body.push(...wrap(Array.from({ length: 2 + Math.floor(rnd() * 3) }, sentence).join(' ')), '');
    }
    const r = rnd();
    if (r < 0.15) {
      // A numbered list: lines that look like headings but are not.
      for (let i = 1; i <= 3; i++) body.push(`${i}. ${sentence()}`);
      body.push('');
    } else if (r < 0.25) {
      body.push(`Anbud ska ha kommit in senast 2026-0${1 + (k % 9)}-1${k % 10} kl. 23.59.`, '');
    }
  });

  // Table of contents: the chapters with dotted leaders and page numbers.
  const chapters = numbers.filter((p) => p.length === 1);
  const toc = ['Innehåll', ...chapters.map((p, i) => `${p[0]} Kapitel ${p[0]} ${'.'.repeat(20)} ${2 + i * 3}`)];
  const all = ['Avropsförfrågan AF-2026-0001', 'Konsulttjänster inom IT', '', ...toc, '', ...body];

  // Pages of 55 lines with a running header and a page footer (furniture).
  const pages: string[] = [];
  const perPage = 55;
  const count = Math.ceil(all.length / perPage);
  for (let p = 0; p < count; p++) {
    const lines = all.slice(p * perPage, (p + 1) * perPage);
    pages.push(['AF-2026-0001 Avropsförfrågan', '', ...lines, '', `Sida ${p + 1} av ${count}`].join('\n'));
  }
  return `${pages.join('\n\f')}\n`;
}
