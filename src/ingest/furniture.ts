/**
 * Page furniture: what a printed page repeats that is not the call-off's
 * content (running headers and footers, "Sida 4/5", "Publicerad ...", the
 * call-off reference and title, TendSign's symbol legend). It is removed line
 * by line wherever it lands, also in the middle of a section or a sentence.
 */
import type { SourceLine } from './lines.js';

export interface FurnitureHints {
  reference?: string;
  title?: string;
}

/** "1. Kravspecifikation", "4.2 Krav": a numbered heading, not a page number or a date. */
const NUMBERED_HEADING = /^(\d{1,2}(\.\d{1,2})*\.?|(?:[Kk]apitel|KAPITEL) \d{1,2}\.?)\s+\p{Lu}/u;
const PAGE_NUMBER = [
  /^(sida|page|sid|s\.)\s*\d{1,4}(\s*(\/|av|of)\s*\d{1,4})?$/i,
  /^\d{1,4}\s*(\/|av|of)\s*\d{1,4}$/i,
  /^[-–]\s*\d{1,4}\s*[-–]$/,
];
const PUBLISHED = /publicerad:?\s*\d{4}-\d{2}-\d{2}(?:[ T]?(?:kl\.?\s*)?\d{1,2}[:.]\d{2})?/gi;
const PAGE_TOKEN = /\b(sida|page)\s*\d{1,4}\s*(\/|av|of)\s*\d{1,4}\b/gi;
/** TendSign's legend of the symbols printed next to each text ("Texten ingår i annonsen ..."). */
const LEGEND_HEAD = /^symbolförklaring$/i;
const LEGEND_LINE = /^(texten|frågan)(?!\p{L}).*(?<!\p{L})(ingår|kommer|innehåller|är|ställs|besvaras)(?!\p{L})/iu;

/** Lower case, spaces folded, surrounding punctuation dropped: for comparing lines. */
function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–—|•·:,.]+|[\s\-–—|•·:,.]+$/g, '');
}

/** Digits folded so "Sida 2/15" and "Sida 3/15" count as the same running line. */
function shapeKey(s: string): string {
  return norm(s).replace(/\d+/g, '#');
}

/** "3 (12)", "Sida 3 (12)": the Swedish document standard's page mark, page not past the count. */
const PAGE_OF_TOTAL = /^(?:(?:sida|sid|s\.)\s*)?(\d{1,4})\s*\(\s*(\d{1,4})\s*\)$/i;

function isPageNumberLine(text: string): boolean {
  const m = PAGE_OF_TOTAL.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2])) return true;
  return PAGE_NUMBER.some((re) => re.test(text));
}

/**
 * How a line relates to the call-off's reference and title. "strong": a
 * running header or footer line (the reference together with title words,
 * or "Publicerad ..." / "Sida n/m" with nothing but those); "weak": the
 * reference or the full title alone, which is furniture only next to a strong
 * line or at a page edge (a form may well say "Diarienummer: TF2023/336").
 */
function headerKind(text: string, hints: FurnitureHints): 'strong' | 'weak' | null {
  const ref = hints.reference ? norm(hints.reference) : '';
  const title = hints.title ? norm(hints.title) : '';
  const line = norm(text);
  if (!line) return null;
  if ((title && title.length >= 8 && line === title) || (ref && ref.length >= 4 && line === ref)) return 'weak';
  let rest = line;
  let hasRef = false;
  if (ref && ref.length >= 4 && rest.includes(ref)) {
    rest = rest.split(ref).join(' ');
    hasRef = true;
  }
  const beforeMarks = rest;
  rest = norm(rest.replace(PUBLISHED, ' ').replace(PAGE_TOKEN, ' '));
  const hasMarks = rest !== norm(beforeMarks);
  if (!hasRef && !hasMarks) return null;
  if (!rest) return 'strong';
  return title.length > 0 && rest.length >= 3 && title.includes(rest) ? 'strong' : null;
}

function isTitleFragment(text: string, hints: FurnitureHints): boolean {
  const title = hints.title ? norm(hints.title) : '';
  const line = norm(text);
  return title.length > 0 && line.length >= 6 && title.includes(line);
}

/** Indexes of the first and last `k` non-blank lines of each page. */
function edgeIndexes(lines: SourceLine[], k: number): Map<number, number[]> {
  const byPage = new Map<number, number[]>();
  lines.forEach((line, i) => {
    if (line.page === null || !line.text) return;
    const list = byPage.get(line.page) ?? [];
    list.push(i);
    byPage.set(line.page, list);
  });
  const edges = new Map<number, number[]>();
  for (const [page, idx] of byPage) {
    const set = new Set([...idx.slice(0, k), ...idx.slice(-k)]);
    edges.set(
      page,
      [...set].sort((a, b) => a - b),
    );
  }
  return edges;
}

/**
 * Running headers and footers: lines (digits folded) that sit at the top or
 * bottom of at least half of the pages, and on at least three of them. A
 * two-page document has only two prints to go by: there the line must be the
 * same, digits and all, at the same edge of both pages, and be no mere word.
 * Sentences and form labels are never taken for furniture.
 */
function repeatedEdgeLines(lines: SourceLine[]): Set<number> {
  const drop = new Set<number>();
  const edges = edgeIndexes(lines, 3);
  const pages = edges.size;
  if (pages < 2) return drop;
  const seen = new Map<string, { pages: Set<number>; idx: number[] }>();
  for (const [page, idx] of edges) {
    idx.forEach((i, pos) => {
      const text = lines[i]!.text;
      if (/[.?:]$/.test(text)) return;
      const side = pos < Math.min(3, idx.length / 2) ? 'top' : 'bottom';
      const key = pages === 2 ? `${side} ${norm(text)}` : shapeKey(text);
      if (key.length < 2 || (pages === 2 && (norm(text).length < 8 || !/\s/.test(norm(text))))) return;
      const entry = seen.get(key) ?? { pages: new Set<number>(), idx: [] };
      entry.pages.add(page);
      entry.idx.push(i);
      seen.set(key, entry);
    });
  }
  const needed = pages === 2 ? 2 : Math.max(3, Math.ceil(pages * 0.5));
  for (const entry of seen.values()) {
    if (entry.pages.size < needed) continue;
    // A running header that names a numbered chapter: its first print is the heading itself.
    const first = Math.min(...entry.idx);
    const keepFirst = NUMBERED_HEADING.test(lines[first]!.text);
    for (const i of entry.idx) if (!(keepFirst && i === first)) drop.add(i);
  }
  return drop;
}

/** Bare page numbers at a page edge: "4" as the last line of page 4. */
function edgePageNumbers(lines: SourceLine[]): Set<number> {
  const drop = new Set<number>();
  for (const [page, idx] of edgeIndexes(lines, 1)) {
    for (const i of idx) {
      if (lines[i]!.text === String(page)) drop.add(i);
    }
  }
  return drop;
}

export interface FurnitureResult {
  lines: SourceLine[];
  removed: number;
}

/** Removes furniture lines; blank lines are kept (they still separate paragraphs). */
export function removeFurniture(lines: SourceLine[], hints: FurnitureHints = {}): FurnitureResult {
  const drop = new Set<number>([...repeatedEdgeLines(lines), ...edgePageNumbers(lines)]);
  const paged = new Set(lines.map((l) => l.page).filter((p) => p !== null)).size >= 2;
  const pageEdges = new Set(paged ? [...edgeIndexes(lines, 2).values()].flat() : []);
  let inLegend = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (!text) continue;
    if (LEGEND_HEAD.test(text)) {
      drop.add(i);
      inLegend = true;
      continue;
    }
    if (inLegend && LEGEND_LINE.test(text)) {
      drop.add(i);
      continue;
    }
    inLegend = false;
    if (isPageNumberLine(text)) {
      drop.add(i);
      continue;
    }
    if (new RegExp(`^${PUBLISHED.source}$`, 'i').test(text)) {
      drop.add(i);
      continue;
    }
    const kind = headerKind(text, hints);
    if (kind === 'strong') {
      drop.add(i);
      // The title often wraps onto the next line(s), or comes just before the reference.
      const belongs = (t: string) => isTitleFragment(t, hints) || headerKind(t, hints) !== null;
      for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
        const t = lines[j]!.text;
        if (!t) continue;
        if (belongs(t)) drop.add(j);
        else break;
      }
      for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
        const t = lines[j]!.text;
        if (!t) continue;
        if (belongs(t)) drop.add(j);
        else break;
      }
    } else if (kind === 'weak' && pageEdges.has(i)) {
      drop.add(i);
    }
  }
  const removed = drop.size;
  // The white space around furniture is the page break's, not a paragraph's: a paragraph
  // cut by a page break must join up again.
  for (const i of [...drop]) {
    for (let j = i - 1; j >= 0 && !lines[j]!.text; j--) drop.add(j);
    for (let j = i + 1; j < lines.length && !lines[j]!.text; j++) drop.add(j);
  }
  return { lines: lines.filter((_, i) => !drop.has(i)), removed };
}
