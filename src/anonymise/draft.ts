/**
 * The text being anonymised, with each character's origin in the input kept
 * alongside, so that everything the structural stage drops can be reported
 * in input offsets (the benchmark scores masking against annotated input).
 */
import type { Candidate } from './contacts.js';
import { markerFor } from './markers.js';

export type Range = [start: number, end: number];

export class Draft {
  text: string;
  /** Input offset where character i of `text` starts / ends. */
  private from: number[];
  private to: number[];
  /** Input ranges removed by the structural stage. */
  readonly dropped: Range[] = [];

  /** `masks` must not overlap; each becomes one marker character. */
  constructor(input: string, masks: readonly Candidate[]) {
    const sorted = [...masks].sort((a, b) => a.start - b.start);
    let text = '';
    const from: number[] = [];
    const to: number[] = [];
    let i = 0;
    for (const m of sorted) {
      for (; i < m.start; i++) {
        text += input[i];
        from.push(i);
        to.push(i + 1);
      }
      text += markerFor(m);
      from.push(m.start);
      to.push(m.end);
      i = m.end;
    }
    for (; i < input.length; i++) {
      text += input[i];
      from.push(i);
      to.push(i + 1);
    }
    this.text = text;
    this.from = from;
    this.to = to;
  }

  /**
   * Removes text[a, b). When the removal leaves a sentence start behind, the
   * next letter is capitalised ("Hej, vi undrar" -> "Vi undrar").
   */
  remove(a: number, b: number): void {
    if (b <= a) return;
    this.dropped.push([this.from[a]!, this.to[b - 1]!]);
    this.text = this.text.slice(0, a) + this.text.slice(b);
    this.from.splice(a, b - a);
    this.to.splice(a, b - a);
    const before = this.text.slice(0, a).replace(/[ \t]+$/u, '');
    if (before === '' || /[.!?\n]$/u.test(before)) {
      const rest = /^[ \t]*/u.exec(this.text.slice(a));
      const at = a + (rest ? rest[0].length : 0);
      const ch = this.text[at];
      if (ch && /\p{Ll}/u.test(ch) && ch.toUpperCase().length === 1) {
        this.text = this.text.slice(0, at) + ch.toUpperCase() + this.text.slice(at + 1);
      }
    }
  }
}
