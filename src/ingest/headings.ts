/**
 * Numbered-heading recovery. A line that looks like "1.12.4 Sista anbudsdag"
 * is only a candidate: lists ("1. Har du ..."), role lines ("5.1
 * Säkerhetsstrateg"), dates and table cells look the same. The headings kept
 * are the best-scoring chain of candidates in which every number follows its
 * predecessor sensibly (first child, next sibling, or a later ancestor's
 * sibling; small gaps cost extra). Tables of contents are removed first, since
 * they would otherwise claim every number before the real headings do.
 */
import { recognise } from '../text/recognisers.js';
import type { SourceLine, WrapMode } from './lines.js';

export interface Heading {
  /** Index of the line that carries the number. */
  line: number;
  /** Index of the last line that belongs to the heading (wrapped or split headings). */
  lastLine: number;
  number: string;
  heading: string;
  page: number | null;
}

/** A numbered line that may be a heading, with how much it looks like one. */
export interface Candidate {
  line: number;
  lastLine: number;
  parts: number[];
  heading: string;
  weight: number;
  /** Ends in a page number: a table-of-contents line, unless proven otherwise. */
  trailingPage: boolean;
  /** headKey's memo. */
  key?: string;
}

const UPPER_START = /^[A-ZÅÄÖÉÜÆØ]/;
const LOWER_START = /^[a-zåäöéüæø]/;
/** "1.12.4 Text", "3.2Typ av uppdrag", "10.Ramavtalsleverantör", "2." alone. */
export const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,6})(\.?)(?:\s+(.*)|(?=[A-ZÅÄÖÉÜ])(.*))?$/;
/** "Kapitel 4", "Kapitel 4. Krav", "KAP. 4 Krav": a chapter number in words; the chapter is section 4. */
export const CHAPTER = /^(kapitel|kap\.)\s*(\d{1,2})\s*[.:–-]?(?:\s+(.*))?$/i;

/** Whether a line carries a section number of its own (digits or a chapter label). */
export function isNumberedText(text: string): boolean {
  return NUMBERED.test(text) || CHAPTER.test(text);
}
const LEADERS = /(?:\s*(?:\.\s?){3,}|\s*…+|\s*_{3,})\s*\d{1,3}$/;
/** Words a wrapped heading line ends with when it continues on the next line. */
const CONTINUES =
  /\b(och|eller|samt|om|för|med|av|till|i|på|vid|inom|under|från|mot|per|enligt|avseende|gällande|som|de|det|en|ett)$/i;

function parseNumber(raw: string): number[] | null {
  const parts = raw.split('.').map((p) => (p.length > 1 && p.startsWith('0') ? Number.NaN : Number(p)));
  if (parts.some((p) => !Number.isInteger(p) || p < 1)) return null;
  return parts;
}

/** How much a text looks like a heading rather than a sentence or a table cell. */
function shapeWeight(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  if (text.length > 160 || words > 20) return Number.NEGATIVE_INFINITY;
  let w = 1;
  if (words <= 8) w += 0.3;
  if (words > 12) w -= 0.6;
  if (/[.;,]$/.test(text) && words > 3) w -= 0.6;
  if (/\?$/.test(text)) w -= 1.2;
  if (/:$/.test(text)) w -= 0.3;
  if (/\b(ska|skall|kommer att|måste)\b/i.test(text)) w -= 0.3;
  // A line that states a date or a sum ("Sista dag: 9 augusti 2024", "| 80 kronor") is content.
  if (recognise(text, ['date', 'amount']).length > 0) w -= 0.4;
  return w;
}

function nextNonBlank(lines: SourceLine[], from: number, maxBlank = 2): number {
  let blanks = 0;
  for (let j = from; j < lines.length; j++) {
    if (lines[j]!.text) return j;
    if (++blanks > maxBlank) return -1;
  }
  return -1;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/**
 * Whether a heading's text goes on on the next line. With PDF layout, a
 * heading set in larger type continues in the same type (no gap between);
 * without it, the rest starts in lower case or the first part cannot end there.
 */
function wrapsOnto(line: SourceLine, text: string, nextLine: SourceLine): boolean {
  const next = nextLine.text;
  if (!next || isNumberedText(next) || /[.:;?!]$/.test(text)) return false;
  if (line.fontScale !== undefined && nextLine.fontScale !== undefined && line.fontScale >= 1.12) {
    return Math.abs(line.fontScale - nextLine.fontScale) < 0.05 && wordCount(next) <= 12 && !/[.:;?]$/.test(next);
  }
  if (wordCount(next) > 8 || /[.:;?]$/.test(next)) return false;
  const endsOpen = CONTINUES.test(text) || /[,\-–&]$/.test(text);
  return (LOWER_START.test(next) && (text.length >= 35 || endsOpen)) || (endsOpen && text.length >= 20);
}

/** The line that carries the heading text for a number standing alone on line i, or -1. */
function headingOnNextLine(lines: SourceLine[], i: number): number {
  const j = nextNonBlank(lines, i + 1);
  if (j < 0) return -1;
  const t = lines[j]!.text;
  return !UPPER_START.test(t) || isNumberedText(t) || wordCount(t) > 12 ? -1 : j;
}

/**
 * "Kapitel 2 Krav" (or "Kapitel 2" with "Krav" on the next line) is chapter
 * 2. The heading keeps the label as printed, so that it reads as in the
 * document. The word itself makes it a likelier heading than a bare number.
 */
function chapterCandidate(lines: SourceLine[], i: number, m: RegExpExecArray, styledDoc: boolean): Candidate | null {
  const line = lines[i]!;
  const n = Number(m[2]);
  if (n < 1) return null;
  let text = (m[3] ?? '').trim();
  let lastLine = i;
  if (!text) {
    const j = headingOnNextLine(lines, i);
    if (j >= 0) {
      text = lines[j]!.text;
      lastLine = j;
    }
  } else if (!UPPER_START.test(text)) {
    return null;
  }
  let weight = text ? shapeWeight(text) : 1;
  if (!Number.isFinite(weight)) return null;
  weight += 0.5;
  if (line.headingLevel !== undefined) weight += 2.5;
  else if (styledDoc) weight -= 0.8;
  const label = `${m[1]} ${n}`;
  return { line: i, lastLine, parts: [n], heading: text ? `${label} ${text}` : label, weight, trailingPage: false };
}

function parseCandidate(lines: SourceLine[], i: number, mode: WrapMode, styledDoc: boolean): Candidate | null {
  const line = lines[i]!;
  const chapter = CHAPTER.exec(line.text);
  if (chapter) return chapterCandidate(lines, i, chapter, styledDoc);
  const m = NUMBERED.exec(line.text);
  if (!m) return null;
  const parts = parseNumber(m[1]!);
  if (!parts) return null;
  let text = (m[3] ?? m[4] ?? '').trim();
  let lastLine = i;
  if (!text) {
    // "2." alone on its line, the heading on the next line (blank lines allowed between).
    if (parts.length === 1 && !m[2] && line.headingLevel === undefined) return null;
    const j = headingOnNextLine(lines, i);
    if (j < 0) return null;
    text = lines[j]!.text;
    lastLine = j;
  }
  // Lower case ("2.3 e-Avrop") only where the format itself says it is a heading.
  const marked = line.headingLevel !== undefined || (line.fontScale ?? 0) >= 1.12;
  if (!UPPER_START.test(text) && !(marked && LOWER_START.test(text))) return null;
  const trailingPage = LEADERS.test(text) || /\s\d{1,3}$/.test(text);
  if (LEADERS.test(text)) text = text.replace(LEADERS, '').trim();
  // A heading wrapped over two visual lines.
  if (mode === 'visual' && lastLine + 1 < lines.length && wrapsOnto(lines[lastLine]!, text, lines[lastLine + 1]!)) {
    const next = lines[lastLine + 1]!.text;
    text = /\p{L}-$/u.test(text) ? text + next : `${text} ${next}`;
    lastLine += 1;
  }
  let weight = shapeWeight(text.replace(/•$/, ''));
  if (!Number.isFinite(weight)) return null;
  if (line.headingLevel !== undefined) {
    weight += 2.5;
    if (line.headingLevel + 1 === parts.length) weight += 0.5;
  } else if (styledDoc) {
    weight -= 0.8;
  }
  if (line.listItem) weight -= 1.5;
  if (line.fontScale !== undefined) {
    // PDF layout: headings are set larger (or bold); lists and table rows in body text.
    if (line.fontScale >= 1.12) weight += 1.2;
    else if (line.fontVariant) weight += 0.4;
    else weight -= 0.5;
  }
  if (!m[2] && parts.length === 1 && line.headingLevel === undefined) weight -= 0.3; // "3 Konsulten visar ..." is rarely a heading
  return { line: i, lastLine, parts, heading: text.replace(/\s*•$/, '').trim(), weight, trailingPage };
}

/** Penalty for `next` following `prev` in a heading chain, or null when it cannot. */
export function transitionCost(prev: number[] | null, next: number[]): number | null {
  if (!prev) {
    let cost = Math.min(3, 0.5 * (next[0]! - 1));
    for (const p of next.slice(1)) {
      if (p !== 1) return null;
      cost += 0.8;
    }
    return cost;
  }
  let d = 0;
  while (d < prev.length && d < next.length && prev[d] === next[d]) d++;
  if (d === next.length) return null; // a repeat or an ancestor: never forward
  let cost = 0;
  if (d === prev.length) {
    // A child: the first one, or a near one when some were lost.
    const first = next[d]!;
    if (first > 3) return null;
    cost += 0.8 * (first - 1);
  } else {
    const gap = next[d]! - prev[d]! - 1;
    if (gap < 0 || gap > 3) return null;
    cost += 0.7 * gap;
  }
  for (const p of next.slice(d + 1)) {
    if (p > 2) return null;
    cost += 0.8 * p; // deeper levels skipped over: their own headings are missing
  }
  return cost;
}

/**
 * Table-of-contents lines: dotted leaders, or a block of three or more
 * heading-like lines with no body between them whose numbers come back later.
 */
/** Number and the start of the heading text, page number and punctuation ignored: what a TOC entry repeats. */
function headKey(c: Candidate): string {
  // Memoised: asked for every candidate several times, and the heading and number never change.
  if (c.key !== undefined) return c.key;
  const text = c.heading
    .replace(/\s+\d{1,3}$/, '')
    .toLowerCase()
    .replace(/[^\p{L}\d]+/gu, '')
    .slice(0, 24);
  c.key = `${c.parts.join('.')} ${text}`;
  return c.key;
}

/** A line between TOC entries: a page number alone, or dotted leaders with one. */
const TOC_FILLER = /^[.\s…_]*\d{1,3}$/;

function tocLines(lines: SourceLine[], cands: Candidate[]): Set<number> {
  const drop = new Set<number>();
  // A TOC entry comes back later as the same number with the same heading text: it suffices
  // to know the last line each key is printed on without a page number (one pass, not one per entry).
  const lastPlain = new Map<string, number>();
  for (const o of cands) {
    if (!o.trailingPage) lastPlain.set(headKey(o), Math.max(o.line, lastPlain.get(headKey(o)) ?? -1));
  }
  const later = (c: Candidate, from: number) => (lastPlain.get(headKey(c)) ?? -1) > from;
  const leaders = (c: Candidate) => LEADERS.test(lines[c.line]!.text) || LEADERS.test(lines[c.lastLine]!.text);
  let run: Candidate[] = [];
  const flush = () => {
    if (run.length >= 3) {
      const last = run[run.length - 1]!.lastLine;
      const repeated = run.filter((c) => later(c, last)).length;
      const dotted = run.filter(leaders).length;
      if (repeated * 2 >= run.length || dotted * 2 >= run.length) {
        for (const c of run) for (let l = c.line; l <= c.lastLine; l++) drop.add(l);
        // The wrapped second lines and the "Innehåll" title of the block go with it.
        const first = run[0]!.line;
        for (let l = first; l <= last; l++) drop.add(l);
        const before = first - 1 >= 0 ? lines[first - 1]!.text : '';
        if (/^(innehåll|innehållsförteckning|table of contents|contents)$/i.test(before)) drop.add(first - 1);
      }
    }
    run = [];
  };
  let prevEnd = -1;
  for (const c of cands) {
    let between = 0;
    let bodyBetween = false;
    for (let l = prevEnd + 1; l < c.line; l++) {
      const t = lines[l]!.text;
      if (!t) continue;
      between++;
      // A wrapped TOC entry's second line ends in a page number; anything else is body.
      if (!(LEADERS.test(t) || /\s\d{1,3}$/.test(t) || TOC_FILLER.test(t)) || between > 1) bodyBetween = true;
    }
    // A real heading right after a table of contents is not part of it.
    const prevInRun = run[run.length - 1];
    const tocSoFar = prevInRun?.trailingPage === true;
    // Numbering that starts over ("2. Krav" then "1. Allmänt") is the content after the TOC.
    const restarts = prevInRun !== undefined && transitionCost(prevInRun.parts, c.parts) === null;
    if (prevEnd >= 0 && (bodyBetween || restarts || (tocSoFar && !c.trailingPage))) flush();
    run.push(c);
    prevEnd = c.lastLine;
  }
  flush();
  // What is left: an entry that comes back later with the same text, shows a page number
  // (on its line or alone after it) and has no other body is a TOC line, whatever its block.
  // A parent heading without body of its own shows no page number and stays.
  cands.forEach((c, k) => {
    if (!later(c, c.lastLine)) return;
    const next = cands[k + 1]?.line ?? lines.length;
    const body = [];
    for (let l = c.lastLine + 1; l < next; l++) if (lines[l]!.text) body.push(l);
    const fillerOnly = body.every((l) => TOC_FILLER.test(lines[l]!.text) || LEADERS.test(lines[l]!.text));
    if (LEADERS.test(lines[c.line]!.text) || (fillerOnly && (body.length === 1 || (c.trailingPage && !body.length)))) {
      for (let l = c.line; l <= c.lastLine; l++) drop.add(l);
      for (const l of body) drop.add(l);
    }
  });
  return drop;
}

/** True when b directly continues a as the next item of one list (same depth and prefix, number + 1). */
function continuesList(lines: SourceLine[], a: Candidate, b: Candidate): boolean {
  if (a.parts.length !== b.parts.length || b.line <= a.lastLine) return false;
  for (let l = a.lastLine + 1; l < b.line; l++) if (lines[l]!.text) return false;
  const k = a.parts.length - 1;
  return a.parts.slice(0, k).join('.') === b.parts.slice(0, k).join('.') && b.parts[k] === a.parts[k]! + 1;
}

/**
 * Penalises numbered lists: candidates on adjacent lines numbered one after
 * another ("1 Skriftliga ändringar", "2 Detta kontrakt", ...) are list items,
 * the more so the longer the run. Real sibling headings have body between them.
 */
function penaliseLists(lines: SourceLine[], cands: Candidate[]): void {
  let run: Candidate[] = [];
  const flush = () => {
    if (run.length >= 2) {
      for (const c of run) {
        if (lines[c.line]!.headingLevel !== undefined) continue;
        c.weight -= run.length >= 3 ? 2 : 1;
      }
    }
    run = [];
  };
  for (const c of cands) {
    const last = run[run.length - 1];
    if (last && !continuesList(lines, last, c)) flush();
    run.push(c);
  }
  flush();
}

/**
 * The best-scoring chain of candidates (reading order) in which each number
 * follows the one before: dynamic programming over the candidates. A
 * predecessor's cost depends only on how its number relates to the
 * candidate's (transitionCost): it is the parent (the candidate's first d
 * parts) or shares the first d parts and has one of the 4 numbers just below
 * at part d + 1. So the chain ends are kept in lists by number and by number
 * prefix, and a candidate looks at most at 5 lists per level instead of at
 * every candidate before it: linear in candidates, not quadratic.
 */
export function bestChain(cands: Candidate[]): Candidate[] {
  // Each candidate ends after the next one starts? Loaders never produce that (a heading's
  // continuation lines are never numbered), but if they did, only the full scan is right.
  for (let i = 1; i < cands.length; i++) if (cands[i - 1]!.lastLine >= cands[i]!.line) return chainByScan(cands);
  const n = cands.length;
  const best = new Array<number>(n).fill(Number.NEGATIVE_INFINITY);
  const from = new Array<number>(n).fill(-1);
  // Chain ends by exact number, and by number prefix (the number itself or any deeper one below
  // it), in reading order. An end that scores no better than an earlier one in its list can never
  // be chosen from it (the earlier wins ties), so each list only ever grows in score.
  const exact = new Map<string, number[]>();
  const byPrefix = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, j: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [j]);
    else if (best[j]! > best[list[list.length - 1]!]!) list.push(j);
  };
  const preds: number[] = [];
  /** The earliest end of a list with the highest score for c (scores never fall along a list). */
  const pick = (list: number[] | undefined, c: Candidate) => {
    if (!list) return;
    const score = (j: number) => best[j]! + c.weight - transitionCost(cands[j]!.parts, c.parts)!;
    let k = list.length - 1;
    const top = score(list[k]!);
    while (k > 0 && score(list[k - 1]!) === top) k--;
    preds.push(list[k]!);
  };
  for (let i = 0; i < n; i++) {
    const j = i - 1;
    if (j >= 0 && Number.isFinite(best[j]!)) {
      const parts = cands[j]!.parts;
      add(exact, parts.join('.'), j);
      for (let e = 1; e <= parts.length; e++) add(byPrefix, parts.slice(0, e).join('.'), j);
    }
    const c = cands[i]!;
    const start = transitionCost(null, c.parts);
    if (start !== null) best[i] = c.weight - start;
    preds.length = 0;
    // Levels below d must all be 1 or 2 (transitionCost): d starts at the last larger part.
    let lowest = 0;
    for (let k = c.parts.length - 1; k > 0; k--) {
      if (c.parts[k]! > 2) {
        lowest = k;
        break;
      }
    }
    for (let d = lowest; d < c.parts.length; d++) {
      const prefix = c.parts.slice(0, d);
      const part = c.parts[d]!;
      if (d > 0 && part <= 3) pick(exact.get(prefix.join('.')), c);
      for (let v = part - 1; v >= 1 && v >= part - 4; v--) pick(byPrefix.get([...prefix, v].join('.')), c);
    }
    // In reading order, as the full scan meets them: the earliest wins a tie.
    preds.sort((a, b) => a - b);
    for (const p of preds) {
      const score = best[p]! + c.weight - transitionCost(cands[p]!.parts, c.parts)!;
      if (score > best[i]!) {
        best[i] = score;
        from[i] = p;
      }
    }
  }
  return chainFrom(best, from, cands);
}

/** The same chain by comparing every pair of candidates (quadratic): only for out-of-order input. */
function chainByScan(cands: Candidate[]): Candidate[] {
  const best = cands.map(() => Number.NEGATIVE_INFINITY);
  const from = cands.map(() => -1);
  cands.forEach((c, i) => {
    const start = transitionCost(null, c.parts);
    if (start !== null) best[i] = c.weight - start;
    for (let j = 0; j < i; j++) {
      const p = cands[j]!;
      if (p.lastLine >= c.line || !Number.isFinite(best[j]!)) continue;
      const cost = transitionCost(p.parts, c.parts);
      if (cost === null) continue;
      const score = best[j]! + c.weight - cost;
      if (score > best[i]!) {
        best[i] = score;
        from[i] = j;
      }
    }
  });
  return chainFrom(best, from, cands);
}

/** The chain ending at the best positive score (the first on a tie), in reading order. */
function chainFrom(best: number[], from: number[], cands: Candidate[]): Candidate[] {
  let end = -1;
  for (let i = 0; i < cands.length; i++) {
    if (best[i]! > 0 && (end < 0 || best[i]! > best[end]!)) end = i;
  }
  const chain: Candidate[] = [];
  for (let i = end; i >= 0; i = from[i]!) chain.push(cands[i]!);
  return chain.reverse();
}

export interface HeadingResult {
  headings: Heading[];
  /** Lines of a table of contents, to be left out of every section. */
  dropped: Set<number>;
}

/** Finds the numbered headings of a document's lines (furniture already removed). */
export function findHeadings(lines: SourceLine[], mode: WrapMode): HeadingResult {
  const styledDoc = lines.some((l) => l.headingLevel !== undefined);
  const all: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.text) continue;
    const c = parseCandidate(lines, i, mode, styledDoc);
    if (c) all.push(c);
  }
  const dropped = tocLines(lines, all);
  const cands = all.filter((c) => !dropped.has(c.line));
  penaliseLists(lines, cands);

  let chain = bestChain(cands);
  // When the layout sets (nearly) every heading larger than the body text, a
  // numbered line in body text is a list item or a table row: say so and redo.
  const sized = chain.filter((c) => (lines[c.line]!.fontScale ?? 0) >= 1.12).length;
  if (sized >= 3 && sized >= 3 * (chain.length - sized)) {
    let changed = false;
    for (const c of cands) {
      const l = lines[c.line]!;
      if (l.fontScale !== undefined && l.fontScale < 1.05 && !l.fontVariant) {
        c.weight -= 1.5;
        changed = true;
      }
    }
    if (changed) chain = bestChain(cands);
  }
  // A chosen heading printed again further on (a running header that names the chapter) is furniture.
  const chosen = new Map(chain.map((c) => [headKey(c), c.line]));
  for (const c of cands) {
    const at = chosen.get(headKey(c));
    if (at !== undefined && c.line > at) for (let l = c.line; l <= c.lastLine; l++) dropped.add(l);
  }
  const headings = chain.map((c) => ({
    line: c.line,
    lastLine: c.lastLine,
    number: c.parts.join('.'),
    heading: c.heading,
    page: lines[c.line]!.page,
  }));
  return { headings, dropped };
}
