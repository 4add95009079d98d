/**
 * The candidate answers for a question: every sentence, list item and table
 * row of the best-ranked passages, and each pair of adjacent units of one
 * passage (the fact is often in the sentence or row after the one that names
 * the topic). Each candidate is a [start, end) range of its chunk's text, so
 * its quote is always a verbatim substring of what ingestion extracted.
 */
import type { Chunk, Passage } from '../core/types.js';
import { LruCache } from '../retrieval/lruCache.js';
import { splitUnits, type Unit } from './sentences.js';

export type CandidateShape = 'unit' | 'pair' | 'row';

export interface Candidate {
  passage: Passage;
  /** 0-based rank of the passage in the retrieval result. */
  rank: number;
  shape: CandidateShape;
  start: number;
  end: number;
  /** chunk.text.slice(start, end): the verbatim quote. */
  text: string;
  /** 0-based position of the (first) unit among the passage's units. */
  position: number;
  /** How many units the passage has. */
  units: number;
  /** The unit before this candidate in the passage, or "" (what "detta" points back to). */
  previous: string;
  /** The texts of the units the candidate is made of (one for a unit, two for a pair, the cells of a row). */
  parts: readonly string[];
}

/** A pair or a row longer than this is no longer one fact with its context. */
const MAX_COMBINED_CHARS = 400;
/** Chunks whose units are kept split (a question's passages, many questions over). */
const unitCache = new LruCache<{ text: string; units: Unit[] }>({ max: 4_000, idleMs: Number.POSITIVE_INFINITY });

/** The chunk's quotable units, split once per chunk text. */
export function unitsOf(chunk: Chunk): Unit[] {
  const hit = unitCache.get(chunk.id);
  if (hit && hit.text === chunk.text) return hit.units;
  // A published answer is quoted whole when short: it is the buyer's answer to the same question.
  const units =
    chunk.kind === 'published_answer' && chunk.text.length <= MAX_COMBINED_CHARS
      ? [{ start: 0, end: chunk.text.length, text: chunk.text, paragraph: 0 }]
      : splitUnits(chunk.text);
  unitCache.set(chunk.id, { text: chunk.text, units });
  return units;
}

/** The candidates of the first `maxPassages` passages, in passage order then reading order. */
export function candidatesOf(passages: readonly Passage[], maxPassages: number): Candidate[] {
  const out: Candidate[] = [];
  passages.slice(0, maxPassages).forEach((passage, rank) => {
    const text = passage.chunk.text;
    const units = unitsOf(passage.chunk);
    const make = (shape: CandidateShape, start: number, end: number, position: number): Candidate => ({
      passage,
      rank,
      shape,
      start,
      end,
      text: text.slice(start, end),
      position,
      units: units.length,
      previous: position > 0 ? units[position - 1]!.text : '',
      parts: units.filter((u) => u.start >= start && u.end <= end).map((u) => u.text),
    });
    units.forEach((unit, i) => {
      out.push(make('unit', unit.start, unit.end, i));
      const next = units[i + 1];
      // Adjacent, not overlapping (a label unit overlaps the lines it introduces), on neighbouring lines.
      if (
        next &&
        next.start >= unit.end &&
        next.paragraph - unit.paragraph <= 1 &&
        next.end - unit.start <= MAX_COMBINED_CHARS
      ) {
        out.push(make('pair', unit.start, next.end, i));
      }
    });
    // A table row (cells joined with " | " by ingestion) is one candidate too: a key cell and its value.
    let offset = 0;
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.includes(' | ') && trimmed.length <= MAX_COMBINED_CHARS) {
        const start = offset + line.indexOf(trimmed);
        const position = Math.max(
          0,
          units.findIndex((u) => u.start >= start),
        );
        out.push(make('row', start, start + trimmed.length, position));
      }
      offset += line.length + 1;
    }
  });
  return out;
}
