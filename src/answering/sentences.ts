/**
 * Splits a chunk's text into quotable units (sentences and short list lines)
 * with their offsets, so every quote is an exact substring of the chunk text.
 * A bare label ("Kontaktperson under avropet är:") is joined with the short
 * lines that follow it, because the label alone answers nothing.
 */

export interface Unit {
  /** Offsets into the chunk text; text === source.slice(start, end). */
  start: number;
  end: number;
  text: string;
  /** 0-based paragraph (line) index where the unit starts. */
  paragraph: number;
}

// Abbreviations that end with a period but do not end a sentence.
const ABBREVIATIONS = new Set([
  't.ex',
  'bl.a',
  'd.v.s',
  'dvs',
  'm.m',
  'o.s.v',
  'osv',
  'inkl',
  'exkl',
  'ca',
  // "senast 2026-03-20 kl. 23:59": the time belongs to the sentence.
  'kl',
  'kap',
  'st',
  'nr',
  'org.nr',
  'resp',
  'jfr',
  'enl',
  'ang',
  'fr.o.m',
  't.o.m',
  'mån',
  'tel',
  'e.g',
  'i.e',
  'etc',
  'p',
  'pkt',
  'bil',
  's',
]);

const MAX_LABEL_FOLLOWERS = 4;
const MAX_FOLLOWER_CHARS = 120;
const MAX_LABEL_UNIT_CHARS = 400;
const SHORT_ITEM_CHARS = 40;

/** Sentence boundaries inside one paragraph (line), as [start, end) offsets relative to the line. */
function splitLine(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  const re = /[.!?]+(?=\s+["”»(]?[A-ZÅÄÖ0-9•·])/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const end = m.index + m[0].length;
    const before = line.slice(start, m.index);
    const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    if (m[0] === '.' && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord))) continue;
    // "1." or "2.3." at the start is a list number, not a sentence.
    if (/^\s*\d+(\.\d+)*$/.test(before)) continue;
    out.push([start, end]);
    start = end;
  }
  out.push([start, line.length]);
  return out;
}

/** Table cells (joined with " | " by ingestion) are units of their own, then sentences within each. */
function splitCells(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let offset = 0;
  for (const cell of line.split(' | ')) {
    for (const [s, e] of splitLine(cell)) out.push([offset + s, offset + e]);
    offset += cell.length + 3;
  }
  return out;
}

/**
 * Trims white space from a [start, end) range of `text`, and a bullet glyph
 * at its end: PDF exports print an item's glyph after the item ("... drift.•"),
 * and the section text keeps it there, but it belongs to no sentence.
 */
function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s·•▪◦●]/.test(text[end - 1]!)) end--;
  return [start, end];
}

/** True for a unit that only introduces what follows ("... är:", "Bilagor:"). */
export function isLabel(text: string): boolean {
  return /:\s*$/.test(text);
}

/** The quotable units of a chunk, in reading order. */
export function splitUnits(text: string): Unit[] {
  const raw: Unit[] = [];
  let offset = 0;
  let paragraph = 0;
  for (const line of text.split('\n')) {
    for (const [s, e] of splitCells(line)) {
      const [start, end] = trimRange(text, offset + s, offset + e);
      if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) {
        raw.push({ start, end, text: text.slice(start, end), paragraph });
      }
    }
    offset += line.length + 1;
    paragraph++;
  }
  return joinLabels(text, raw);
}

/** Joins a label with the short lines that follow it into one unit. */
function joinLabels(text: string, units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (!isLabel(unit.text)) {
      out.push(unit);
      continue;
    }
    let end = unit.end;
    let j = i + 1;
    let taken = 0;
    let closed = false;
    while (j < units.length && taken < MAX_LABEL_FOLLOWERS) {
      const next = units[j]!;
      // Each follower is a line of its own: the rest of a follower's line is not part of the list.
      if (next.paragraph === units[j - 1]!.paragraph) break;
      if (next.text.length > MAX_FOLLOWER_CHARS) break;
      if (next.end - unit.start > MAX_LABEL_UNIT_CHARS) break;
      // A new label or heading-like line ends the list that belongs to this one.
      if (taken > 0 && isLabel(next.text) && !/\S:\s*\S/.test(next.text)) break;
      // After a full sentence only short list items still belong ("IT-strateg." "Lösningsarkitekt.").
      if (closed && next.text.length > SHORT_ITEM_CHARS) break;
      end = next.end;
      j++;
      taken++;
      if (/[.!?]$/.test(next.text) && next.text.length > 60) closed = true;
    }
    out.push({ start: unit.start, end, text: text.slice(unit.start, end), paragraph: unit.paragraph });
    // Followers stay available as units of their own too: a name line may be the best quote.
    for (let k = i + 1; k < j; k++) out.push(units[k]!);
    i = j - 1;
  }
  return out;
}
