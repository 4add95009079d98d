/**
 * Lines -> sections: furniture removed, headings found, each heading's body
 * normalised. Shared by every format; the loaders only produce lines.
 */
import type { Section } from '../core/types.js';
import { type FurnitureHints, removeFurniture } from './furniture.js';
import { findHeadings, isNumberedText } from './headings.js';
import type { SourceLine, WrapMode } from './lines.js';
import { normaliseBody, typicalWidth } from './normalise.js';

/** Heading of the text before the first numbered heading (a cover page). */
export const PREAMBLE_HEADING = 'Försättsblad';
/** Heading of the one section of a document that has no numbered headings at all. */
export const WHOLE_DOCUMENT_HEADING = 'Hela dokumentet';
/** A preamble shorter than this (in words) is a title line or a logo caption, not content. */
const PREAMBLE_MIN_WORDS = 8;

export interface StructureResult {
  sections: Section[];
  furnitureLines: number;
  /** True when the document numbers no headings and the section numbers were counted from its outline. */
  outlineNumbered: boolean;
}

export function buildSections(
  document: string,
  rawLines: SourceLine[],
  mode: WrapMode,
  hints: FurnitureHints = {},
): StructureResult {
  const numberedRaw = numberUnnumberedHeadings(rawLines);
  let outlineNumbered = numberedRaw !== rawLines;
  const cleaned = removeFurniture(numberedRaw, hints);
  let lines = cleaned.lines;
  let { headings, dropped } = findHeadings(lines, mode);
  if (headings.length === 0) {
    // No numbers anywhere: a PDF may still set its headings in larger type.
    const styled = headingsFromType(lines) ?? headingsFromCapitals(lines);
    if (styled) {
      lines = numberUnnumberedHeadings(styled);
      ({ headings, dropped } = findHeadings(lines, mode));
      outlineNumbered = headings.length > 0;
    }
  }
  const removed = cleaned.removed;
  const width = typicalWidth(lines.filter((l, i) => l.text && !dropped.has(i)).map((l) => l.text));
  const body = (from: number, to: number) => {
    const out: string[] = [];
    const xs: Array<number | undefined> = [];
    for (let i = from; i < to; i++) {
      if (dropped.has(i)) continue;
      out.push(lines[i]!.text);
      xs.push(lines[i]!.x);
    }
    return normaliseBody(out, mode, width, xs);
  };

  const sections: Section[] = [];
  const firstLine = headings[0]?.line ?? lines.length;
  const preamble = body(0, firstLine);
  if (preamble.split(/\s+/).filter(Boolean).length >= PREAMBLE_MIN_WORDS) {
    const page = lines.slice(0, firstLine).find((l) => l.text)?.page ?? null;
    const heading = headings.length ? PREAMBLE_HEADING : WHOLE_DOCUMENT_HEADING;
    sections.push({ document, number: '', heading, text: preamble, page });
  }
  headings.forEach((h, k) => {
    const next = headings[k + 1]?.line ?? lines.length;
    sections.push({
      document,
      number: h.number,
      heading: h.heading,
      text: body(h.lastLine + 1, next),
      page: h.page,
    });
  });
  return { sections, furnitureLines: removed, outlineNumbered: outlineNumbered && headings.length > 0 };
}

/**
 * Documents that mark headings by style (Markdown #, Word heading styles) but
 * number none of them get outline numbers (1, 1.1, ...) so that every section
 * can still be cited. A single top heading that titles the whole document is
 * left as text (it becomes the preamble) rather than numbered "1".
 */
export function numberUnnumberedHeadings(lines: SourceLine[]): SourceLine[] {
  const marked = lines.filter((l) => l.headingLevel !== undefined && l.text);
  if (marked.length === 0 || marked.some((l) => isNumberedText(l.text))) return lines;
  let top = Math.min(...marked.map((l) => l.headingLevel!));
  const atTop = marked.filter((l) => l.headingLevel === top);
  let title: SourceLine | null = null;
  if (atTop.length === 1 && atTop[0] === marked[0] && marked.length > 1) {
    title = atTop[0]!;
    top = Math.min(...marked.slice(1).map((l) => l.headingLevel!));
  }
  const counters: number[] = [];
  return lines.map((l) => {
    if (l === title) return { text: l.text, page: l.page };
    if (l.headingLevel === undefined || !l.text) return l;
    const depth = Math.max(0, Math.min(l.headingLevel - top, counters.length));
    counters.length = depth + 1;
    counters[depth] = (counters[depth] ?? 0) + 1;
    for (let d = 0; d < depth; d++) counters[d] ??= 1;
    return { ...l, text: `${counters.join('.')} ${l.text}` };
  });
}

/**
 * PDF headings without numbers, recognised by type: short lines set clearly
 * larger than the body text, one outline level per size (largest first, at
 * most three), or set in another font (bold) at body size when they stand on
 * their own between paragraphs, one level below the larger ones. A heading
 * wrapped over two lines is joined. Returns null when the layout shows no
 * such lines.
 */
export function headingsFromType(lines: SourceLine[]): SourceLine[] | null {
  const shaped = (l: SourceLine) =>
    /^\p{Lu}/u.test(l.text) && l.text.split(/\s+/).length <= 12 && !/[.,;]$/.test(l.text) && !isNumberedText(l.text);
  const larger = (l: SourceLine) => (l.fontScale ?? 0) >= 1.15 && shaped(l);
  // Bold at body size: only a short line after a paragraph's end, with body text after it.
  const bold = (i: number) => {
    const l = lines[i]!;
    if (!l.fontVariant || (l.fontScale ?? 0) >= 1.15 || !shaped(l) || /:$/.test(l.text)) return false;
    if (l.text.split(/\s+/).length > 8) return false;
    const before = lines[i - 1];
    const ended = !before?.text || /[.:;!?]$/.test(before.text) || !!before.fontVariant;
    // A bold heading wrapped onto a second bold line still has body text right after.
    let j = i + 1;
    if (lines[j]?.fontVariant && lines[j + 1]?.text && !lines[j + 1]!.fontVariant) j++;
    const after = lines[j];
    // Text that goes on in lower case after the bold words is one sentence with them.
    return ended && !!after?.text && !after.fontVariant && !/^\p{Ll}/u.test(after.text);
  };
  const sizes = [...new Set(lines.filter(larger).map((l) => Math.round(l.fontScale! * 20) / 20))].sort((a, b) => b - a);
  const levelOf = (l: SourceLine) =>
    larger(l) ? Math.min(2, sizes.indexOf(Math.round(l.fontScale! * 20) / 20)) : Math.min(2, sizes.length);
  const out: SourceLine[] = [];
  lines.forEach((l, i) => {
    const prev = out[out.length - 1];
    if (!larger(l) && !bold(i)) {
      out.push(l);
      return;
    }
    const level = levelOf(l);
    if (prev?.headingLevel === level && prev.fontScale === l.fontScale && prev.page === l.page) {
      out[out.length - 1] = { ...prev, text: `${prev.text} ${l.text}` };
      return;
    }
    out.push({ ...l, headingLevel: level });
  });
  return out.filter((l) => l.headingLevel !== undefined).length >= 2 ? out : null;
}

/** A short line in capitals only: "ALLMÄNT OM AVROPET", "KRAV PÅ KONSULTEN". */
const CAPITALS = /^\p{Lu}[\p{Lu}\d\s,&/()–-]*\p{Lu}\)?$/u;

/**
 * Headings without numbers or type sizes to go by (a text export, a Word file
 * in one style) are often set in capitals. A line in capitals of at least
 * two words or six letters, on its own after a paragraph end, with body text
 * after it, is taken for a top-level heading. At least two are needed, else
 * null: one line in capitals is a title or a shout, not a structure.
 */
export function headingsFromCapitals(lines: SourceLine[]): SourceLine[] | null {
  const capital = (l: SourceLine | undefined) =>
    !!l &&
    l.headingLevel === undefined &&
    CAPITALS.test(l.text) &&
    l.text.split(/\s+/).length <= 10 &&
    (l.text.includes(' ') ? (l.text.match(/\p{Lu}/gu) ?? []).length >= 4 : l.text.length >= 6);
  const picked = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!capital(l)) continue;
    const before = i > 0 ? lines[i - 1]!.text : '';
    if (before && !/[.:;!?]$/.test(before)) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j]!.text) j++;
    const after = lines[j];
    if (!after || capital(after) || isNumberedText(after.text)) continue;
    picked.add(i);
  }
  if (picked.size < 2) return null;
  return lines.map((l, i) => (picked.has(i) ? { ...l, headingLevel: 0 } : l));
}
