/**
 * Section text normalisation: the exact text citations will quote. Wrapped
 * lines of a paragraph are joined with one space ("IT-\nkonsulttjänster"
 * keeps its hyphen and joins without a space), list items stay on their own
 * lines, paragraphs are separated by "\n", spaces are folded.
 */
import type { WrapMode } from './lines.js';

const BULLET_START = /^[·•▪◦●○■□►▶✓✔\-–*]\s+\S/;
const ENUM_START = /^(\(?[a-zåäö]\)|[a-zåäö]\.|\(?\d{1,2}\)|\d{1,2}\.|[ivx]{1,4}\.|[ivx]{1,4}\))\s+\S/i;
/** PDF exports often print the bullet glyph after the item, or alone after a wrapped item. */
const BULLET_ONLY = /^[·•▪◦●]$/;
const BULLET_END = /\s*[·•▪◦●]$/;
const SENTENCE_END = /[.!?:;]$/;
/** A wrapped line cannot end here: the text goes on ("... Referensarkitektur för"). */
const OPEN_END =
  /(,|(?<!\p{L})(och|eller|samt|om|för|med|av|till|i|på|vid|inom|under|från|mot|per|enligt|som|att|de|det|en|ett))$/iu;
/** "3 Konsulten visar ...": a numbered row of a table or scale, not a continuation. */
const NUMBER_ROW = /^\d{1,2} [A-ZÅÄÖ]/;
const LOWER_START = /^[a-zåäöéüæø(]/;
/** Words that follow a suspended compound ("DevOps- och MLOps-miljöer"), never the rest of a broken word. */
const SUSPENDED = /^(och|eller|samt|respektive|resp\.|till|som|and|or)(?!\p{L})/iu;

/** "(1) ", "2. ", "3) ": a numbered list marker with its number and its form. */
const NUMBER_MARK = /^(\(?)(\d{1,2})([.)])\s+\S/;
/**
 * "K3 Bör-krav ...", "SK12 ...", "Krav 4 ...": a line that starts with a
 * requirement id; the letters are the id's series.
 */
const REQUIREMENT_ID = /^(\p{Lu}{1,3}|Krav )(\d{1,3})(?:\.\d{1,2})*(?=\s+\S)/u;
/** Two lines start at the same indent (PDF x positions, in points); unknown positions agree. */
function sameIndent(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined || Math.abs(a - b) <= 3;
}

/**
 * A line that starts like a numbered item but carries on the sentence of the
 * line before, which the layout wrapped at a number ("minst ett" + "(1)
 * uppdrag", "enligt bilaga" + "2. Anbudsgivaren"). An item "n" (n > 1) of a
 * real list has its "n-1" before it at the same indent; a first item "1"
 * cannot follow a line that stops mid-phrase ("... ett", "... för").
 */
function wrappedNumber(lines: string[], xs: Array<number | undefined>, i: number, last: string): boolean {
  const m = NUMBER_MARK.exec(lines[i]!);
  if (!m || SENTENCE_END.test(last)) return false;
  const n = Number(m[2]);
  if (n <= 1) return OPEN_END.test(last);
  for (let j = i - 1; j >= 0; j--) {
    const o = NUMBER_MARK.exec(lines[j]!);
    if (o && o[1] === m[1] && o[3] === m[3] && Number(o[2]) === n - 1 && sameIndent(xs[j], xs[i])) return false;
  }
  return true;
}

/**
 * A line that starts with a requirement id of a series that other lines of
 * the same text also start with, at the same indent: a new item of a
 * requirement list, even when the item before filled its last line.
 */
function startsRequirement(lines: string[], xs: Array<number | undefined>, i: number): boolean {
  const m = REQUIREMENT_ID.exec(lines[i]!);
  if (!m) return false;
  return lines.some((other, j) => {
    if (j === i) return false;
    const o = REQUIREMENT_ID.exec(other);
    return !!o && o[1] === m[1] && o[2] !== m[2] && sameIndent(xs[j], xs[i]);
  });
}

/** "Telefonnummer:" + "0171-625000": a short label and its short value belong on one line. */
function isLabelValue(label: string, value: string): boolean {
  return (
    label.length <= 80 && value.length <= 60 && !/:$/.test(value) && !isListStart(value) && !NUMBER_ROW.test(value)
  );
}

function isListStart(line: string): boolean {
  return BULLET_START.test(line) || ENUM_START.test(line);
}

/**
 * "Allmänt om avropet1." / "Generella krav2." ...: a numbered list whose
 * numbers the export moved to the end of each line. Only runs of at least two
 * consecutive numbers are taken for that, so "se punkt 5." stays as it is.
 */
function fixTrailingNumbers(lines: string[]): string[] {
  const out = [...lines];
  const re = /^(.*[\p{L})\].])(\d{1,2})\.$/u;
  let i = 0;
  while (i < out.length) {
    let j = i;
    let expected = -1;
    while (j < out.length) {
      const m = re.exec(out[j]!);
      if (!m) break;
      const n = Number(m[2]);
      if (expected >= 0 && n !== expected) break;
      expected = n + 1;
      j++;
    }
    if (j - i >= 2) {
      for (let k = i; k < j; k++) {
        const m = re.exec(out[k]!)!;
        out[k] = `${m[2]}. ${m[1]!.trim()}`;
      }
      i = j;
    } else {
      i++;
    }
  }
  return out;
}

interface Block {
  /** The lines as the joining decisions see them: a bullet glyph printed after the item left out. */
  lines: string[];
  /**
   * The same lines as extracted, glyphs included, where the document has them:
   * this is what the section text is made of, so every quote stays a verbatim
   * substring of the extracted text.
   */
  verbatim: string[];
  list: boolean;
}

/**
 * A line ending in a lower-case word part and a hyphen ("leve-" + "rantör"):
 * the word was hyphenated at the line end, and the hyphen is not part of it.
 * One letter ("e-" + "post") or capitals and digits ("IT-" + "konsult",
 * "SLA-" + "nivå") make a real hyphenated compound, and keep the hyphen.
 */
const HYPHENATED = /(?<![\p{L}\d-])\p{Ll}{2,}-$/u;

/** Joins the lines of one paragraph: hyphen after a letter joins tight, otherwise one space. */
function joinLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (!out) out = line;
    else if (out.endsWith('\u00ad')) out = out.slice(0, -1) + line;
    // "Offentlighets-" + "och sekretesslagen" is a suspended compound: keep the space.
    else if (HYPHENATED.test(out) && /^\p{Ll}/u.test(line) && !SUSPENDED.test(line)) out = out.slice(0, -1) + line;
    else if (/\p{L}-$/u.test(out) && /^\p{L}/u.test(line) && !SUSPENDED.test(line)) out += line;
    else out += ` ${line}`;
  }
  return out;
}

/** Typical full line length of wrapped text, for telling a wrap from a paragraph end. */
export function typicalWidth(lines: string[]): number {
  const lengths = lines
    .map((l) => l.length)
    .filter((n) => n >= 20)
    .sort((a, b) => a - b);
  if (lengths.length < 3) return 80;
  return Math.max(40, lengths[Math.floor(lengths.length * 0.9)]!);
}

/**
 * Normalises the body lines of one section. `width` is the document's
 * typical line length (for 'visual' mode); blank strings are paragraph breaks.
 */
export function normaliseBody(
  rawLines: string[],
  mode: WrapMode,
  width = 80,
  xs: Array<number | undefined> = [],
): string {
  const lines = fixTrailingNumbers(rawLines.map((l) => l.replace(/\s+/g, ' ').trim()));
  const blocks: Block[] = [];
  let cur: Block | null = null;
  let closeAfterNext = 0;
  const close = () => {
    if (cur?.verbatim.length) blocks.push(cur);
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) {
      close();
      continue;
    }
    if (BULLET_ONLY.test(line)) {
      // The glyph after a wrapped item: what came since the last break was that item.
      // The glyph stays at the item's end, where the extracted text has it.
      const item: Block | undefined = cur ?? blocks[blocks.length - 1];
      if (item) {
        item.list = true;
        item.verbatim.push(line);
      } else {
        cur = { lines: [], verbatim: [line], list: false };
      }
      close();
      continue;
    }
    let text = line;
    let endsItem = false;
    if (BULLET_END.test(line) && !BULLET_START.test(line)) {
      // Decided on without the glyph; written with it (see Block.verbatim).
      text = line.replace(BULLET_END, '');
      // An item cut by a page break carries its glyph on its first part: the next line still belongs to it.
      if (OPEN_END.test(text)) closeAfterNext = 2;
      else endsItem = true;
    }
    const prev: Block | null = cur;
    const wrapped =
      mode === 'visual' &&
      !!prev &&
      isListStart(text) &&
      wrappedNumber(lines, xs, i, prev.lines[prev.lines.length - 1]!);
    if (mode === 'paragraphs' || (isListStart(text) && !wrapped)) {
      close();
    } else if (prev) {
      const last = prev.lines[prev.lines.length - 1]!;
      let join: boolean;
      if (mode === 'markdown' || wrapped) join = true;
      // A table row ("a | b | c", cells found by the loader) is a line of its own.
      else if (text.includes(' | ') || last.includes(' | ')) join = false;
      else if (/\p{L}-$/u.test(last) || last.endsWith('\u00ad')) join = true;
      // A colon at the end of a full line is where the layout wrapped a sentence that goes on
      // in lower case over a long line; an unmarked list after a colon has short items.
      else if (/:$/.test(last))
        join =
          text === line &&
          (isLabelValue(last, text) ||
            (/^\p{Ll}/u.test(text) && last.length >= width * 0.85 && text.length >= width * 0.6));
      else if (NUMBER_ROW.test(text)) join = false;
      else if (mode === 'visual' && startsRequirement(lines, xs, i)) join = false;
      else if (prev.list) join = LOWER_START.test(text) || OPEN_END.test(last);
      else if (last.length >= width * 0.7) join = true;
      else join = LOWER_START.test(text) && !SENTENCE_END.test(last);
      if (!join) close();
    }
    if (!cur) cur = { lines: [], verbatim: [], list: isListStart(text) };
    (cur as Block).lines.push(text);
    (cur as Block).verbatim.push(line);
    if (closeAfterNext > 0 && --closeAfterNext === 0) endsItem = true;
    if (endsItem) {
      (cur as Block).list = true;
      close();
    }
  }
  close();
  // No bullet is added or moved: an item whose glyph the export printed after
  // it keeps the glyph there, and stays a line of its own.
  return blocks
    .map((b) => joinLines(b.verbatim).replace(/\u00ad/g, ''))
    .filter((t) => t.length > 0)
    .join('\n');
}
