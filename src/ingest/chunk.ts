/**
 * Sections -> retrievable chunks. A short section is one chunk; a long one is
 * split into overlapping windows cut on sentence (or line) boundaries. Every
 * chunk's text is a verbatim substring of its section's text, and its id is a
 * hash of document, section number and text, so re-ingesting unchanged
 * documents gives the same ids.
 */
import { createHash } from 'node:crypto';
import type { Chunk, Section } from '../core/types.js';

export interface ChunkOptions {
  maxChars?: number;
  overlapChars?: number;
}

export const DEFAULT_MAX_CHARS = 1200;
export const DEFAULT_OVERLAP_CHARS = 200;

/** Offsets where a window may start or end: after a sentence end or a line break. */
function boundaries(text: string): number[] {
  const cuts = new Set<number>([0, text.length]);
  const re = /(?<=[.!?:;])\s+(?=\S)|\n+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) cuts.add(m.index + m[0].length);
  return [...cuts].sort((a, b) => a - b);
}

/** Offsets after white space, for cutting a sentence that alone exceeds the window. */
function spaceCuts(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from + 1; i < to; i++) if (/\s/.test(text[i - 1]!) && !/\s/.test(text[i]!)) out.push(i);
  return out;
}

/** [start, end) windows over text, each at most maxChars unless one word is longer. */
export function windows(text: string, maxChars: number, overlapChars: number): Array<[number, number]> {
  if (text.length <= maxChars) return [[0, text.length]];
  const cuts = boundaries(text);
  // Refine: add word cuts inside stretches longer than the window, so no window must overflow.
  const all: number[] = [];
  for (let k = 0; k < cuts.length; k++) {
    const a = cuts[k]!;
    all.push(a);
    const b = cuts[k + 1];
    if (b !== undefined && b - a > maxChars) {
      const words = spaceCuts(text, a, b);
      let last = a;
      for (const w of words) {
        if (w - last >= maxChars * 0.8) {
          all.push(w);
          last = w;
        }
      }
    }
  }
  const points = [...new Set(all)].sort((x, y) => x - y);
  const out: Array<[number, number]> = [];
  let start = 0;
  while (start < text.length) {
    let end = start;
    for (const p of points) {
      if (p <= start) continue;
      if (p - start > maxChars) break;
      end = p;
    }
    if (end === start) end = points.find((p) => p > start) ?? text.length;
    out.push([start, end]);
    if (end >= text.length) break;
    // Next window starts at the earliest cut that keeps at most overlapChars of this one.
    let next = end;
    for (const p of points) {
      if (p > start && p < end && end - p <= overlapChars) {
        next = p;
        break;
      }
    }
    start = next;
  }
  return out;
}

function trimRange(text: string, [a, b]: [number, number]): [number, number] {
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return [a, b];
}

export function chunkId(document: string, section: string, text: string): string {
  return createHash('sha256').update(`${document}\u0000${section}\u0000${text}`).digest('hex').slice(0, 24);
}

export function chunkSections(sections: Section[], opts: ChunkOptions = {}): Chunk[] {
  const maxChars = Math.max(100, opts.maxChars ?? DEFAULT_MAX_CHARS);
  const overlapChars = Math.min(Math.max(0, opts.overlapChars ?? DEFAULT_OVERLAP_CHARS), Math.floor(maxChars / 2));
  const chunks: Chunk[] = [];
  const ids = new Map<string, number>();
  for (const s of sections) {
    for (const range of windows(s.text, maxChars, overlapChars)) {
      const [a, b] = trimRange(s.text, range);
      if (a >= b) continue;
      const text = s.text.slice(a, b);
      let id = chunkId(s.document, s.number, text);
      const seen = ids.get(id) ?? 0;
      ids.set(id, seen + 1);
      if (seen > 0) id = `${id}-${seen}`;
      chunks.push({
        id,
        kind: 'document',
        document: s.document,
        section: s.number,
        heading: s.heading,
        text,
        page: s.page,
      });
    }
  }
  return chunks;
}
