/**
 * DOCX loader. Word numbers headings automatically: "4.3" lives in
 * word/numbering.xml and the paragraph's style, not in the text, so a plain
 * text extraction loses it. This reads document.xml, styles.xml and
 * numbering.xml with jszip, replays Word's list counters to rebuild each
 * paragraph's label, and marks heading-styled paragraphs with their outline
 * level. Table rows become one line each, cells separated by " | ".
 */
import JSZip from 'jszip';
import { CodedError } from '../../core/errors.js';
import { cleanLine, type SourceLine } from '../lines.js';
import { attr, child, children, parseTree, tokenize, type XmlElement } from './xml.js';

interface StyleInfo {
  id: string;
  name: string;
  basedOn?: string;
  outlineLevel?: number;
  numId?: string;
  ilvl?: number;
}

interface LevelDef {
  start: number;
  format: string;
  text: string;
  isLgl: boolean;
  pStyle?: string;
}

interface NumberingModel {
  abstracts: Map<string, Map<number, LevelDef>>;
  /** numId -> abstractNumId, level overrides. */
  nums: Map<string, { abstractId: string; starts: Map<number, number>; levels: Map<number, LevelDef> }>;
  /** Paragraph style id -> level, from lvl/pStyle links. */
  styleLevels: Map<string, { abstractId: string; ilvl: number }>;
}

function readStyles(xml: string | null): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (!xml) return styles;
  for (const s of children(parseTree(xml).children[0], 'w:style')) {
    const id = s.attrs['w:styleId'];
    if (!id) continue;
    const pPr = child(s, 'w:pPr');
    const numPr = child(pPr, 'w:numPr');
    const outline = attr(child(pPr, 'w:outlineLvl'));
    const ilvl = attr(child(numPr, 'w:ilvl'));
    const info: StyleInfo = { id, name: attr(child(s, 'w:name')) ?? id };
    const basedOn = attr(child(s, 'w:basedOn'));
    if (basedOn) info.basedOn = basedOn;
    if (outline !== undefined) info.outlineLevel = Number(outline);
    const numId = attr(child(numPr, 'w:numId'));
    if (numId !== undefined) info.numId = numId;
    if (ilvl !== undefined) info.ilvl = Number(ilvl);
    styles.set(id, info);
  }
  return styles;
}

function readLevel(lvl: XmlElement): LevelDef {
  const def: LevelDef = {
    start: Number(attr(child(lvl, 'w:start')) ?? 1),
    format: attr(child(lvl, 'w:numFmt')) ?? 'decimal',
    text: attr(child(lvl, 'w:lvlText')) ?? '',
    isLgl: child(lvl, 'w:isLgl') !== undefined,
  };
  const pStyle = attr(child(lvl, 'w:pStyle'));
  if (pStyle) def.pStyle = pStyle;
  return def;
}

function readNumbering(xml: string | null, styles: Map<string, StyleInfo>): NumberingModel {
  const model: NumberingModel = { abstracts: new Map(), nums: new Map(), styleLevels: new Map() };
  if (!xml) return model;
  const root = parseTree(xml).children[0];
  const links = new Map<string, string>();
  for (const a of children(root, 'w:abstractNum')) {
    const id = a.attrs['w:abstractNumId'];
    if (id === undefined) continue;
    const levels = new Map<number, LevelDef>();
    for (const lvl of children(a, 'w:lvl')) {
      const def = readLevel(lvl);
      const ilvl = Number(lvl.attrs['w:ilvl'] ?? 0);
      levels.set(ilvl, def);
      if (def.pStyle) model.styleLevels.set(def.pStyle, { abstractId: id, ilvl });
    }
    model.abstracts.set(id, levels);
    const link = attr(child(a, 'w:numStyleLink'));
    if (link) links.set(id, link);
  }
  for (const n of children(root, 'w:num')) {
    const id = n.attrs['w:numId'];
    const abstractId = attr(child(n, 'w:abstractNumId'));
    if (id === undefined || abstractId === undefined) continue;
    const starts = new Map<number, number>();
    const levels = new Map<number, LevelDef>();
    for (const o of children(n, 'w:lvlOverride')) {
      const ilvl = Number(o.attrs['w:ilvl'] ?? 0);
      const start = attr(child(o, 'w:startOverride'));
      if (start !== undefined) starts.set(ilvl, Number(start));
      const lvl = child(o, 'w:lvl');
      if (lvl) levels.set(ilvl, readLevel(lvl));
    }
    model.nums.set(id, { abstractId, starts, levels });
  }
  // An abstract numbering that only links to a numbering style takes that style's definition.
  for (const [id, styleId] of links) {
    const numId = styles.get(styleId)?.numId;
    const target = numId ? model.nums.get(numId)?.abstractId : undefined;
    const levels = target ? model.abstracts.get(target) : undefined;
    if (levels && target !== id) model.abstracts.set(id, levels);
  }
  return model;
}

/** Built-in and custom heading styles: "heading 2", "Rubrik 2", "AF Rubrik 2", "Överskrift 2". */
const HEADING_NAME = /(?:^|[\s_-])(heading|rubrik|överskrift|overskrift|überschrift|titre)\s*(\d)$/i;
/** Styles for list paragraphs: a number there is an item, not a section. */
const LIST_STYLE = /list|lista|punkt|bullet|numrering/i;
const TOC_STYLE =
  /^(toc|innehåll|innehållsförteckning|table of contents)\s*\d*$|^(toc|innehll)\d+$|^toc\s*heading$|^innehållsförteckningsrubrik$|^tocheading$|^innehllsfrteckningsrubrik$/i;

/** Outline level of a style (following basedOn), or undefined for body text. */
function styleOutline(styles: Map<string, StyleInfo>, id: string | undefined): number | undefined {
  for (let s = id ? styles.get(id) : undefined, depth = 0; s && depth < 20; s = styles.get(s.basedOn ?? ''), depth++) {
    if (s.outlineLevel !== undefined) return s.outlineLevel <= 8 ? s.outlineLevel : undefined;
    const m = HEADING_NAME.exec(s.name) ?? HEADING_NAME.exec(s.id);
    if (m) return Number(m[2]) - 1;
  }
  return undefined;
}

function styleNumPr(styles: Map<string, StyleInfo>, id: string | undefined): { numId?: string; ilvl?: number } {
  for (let s = id ? styles.get(id) : undefined, depth = 0; s && depth < 20; s = styles.get(s.basedOn ?? ''), depth++) {
    if (s.numId !== undefined) return { numId: s.numId, ...(s.ilvl !== undefined ? { ilvl: s.ilvl } : {}) };
  }
  return {};
}

function isListStyle(styles: Map<string, StyleInfo>, id: string | undefined): boolean {
  for (let s = id ? styles.get(id) : undefined, depth = 0; s && depth < 20; s = styles.get(s.basedOn ?? ''), depth++) {
    if (LIST_STYLE.test(s.name) || LIST_STYLE.test(s.id)) return true;
  }
  return false;
}

function isTocStyle(styles: Map<string, StyleInfo>, id: string | undefined): boolean {
  const s = id ? styles.get(id) : undefined;
  return !!s && (TOC_STYLE.test(s.name) || TOC_STYLE.test(s.id));
}

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

function letters(n: number): string {
  // Word repeats the letter past z: aa, bb, ...
  const k = Math.max(1, n);
  return String.fromCharCode(97 + ((k - 1) % 26)).repeat(Math.floor((k - 1) / 26) + 1);
}

function formatCounter(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Replays Word's list counters: one counter set per list instance. */
class ListCounters {
  private counters = new Map<string, Array<number | undefined>>();
  constructor(private readonly model: NumberingModel) {}

  /** The label ("4.3", "a.", "•") for a numbered paragraph, or null. */
  next(numId: string, ilvl: number): { label: string; bullet: boolean } | null {
    const num = this.model.nums.get(numId);
    if (!num) return null;
    const abstract = this.model.abstracts.get(num.abstractId);
    const levelOf = (l: number) => num.levels.get(l) ?? abstract?.get(l);
    const def = levelOf(ilvl);
    if (!def) return null;
    // Word continues a list across w:num instances of one abstract list unless an instance restarts it.
    const key = num.starts.size > 0 ? `num:${numId}` : `abs:${num.abstractId}`;
    const counters = this.counters.get(key) ?? [];
    this.counters.set(key, counters);
    const startOf = (l: number) => num.starts.get(l) ?? levelOf(l)?.start ?? 1;
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl]! + 1;
    for (let l = ilvl + 1; l < 9; l++) counters[l] = undefined;
    if (def.format === 'bullet') return { label: '•', bullet: true };
    if (def.format === 'none' && !/%\d/.test(def.text)) return def.text ? { label: def.text, bullet: false } : null;
    const label = def.text.replace(/%(\d)/g, (_, d: string) => {
      const l = Number(d) - 1;
      const value = counters[l] ?? startOf(l);
      return formatCounter(value, def.isLgl ? 'decimal' : (levelOf(l)?.format ?? 'decimal'));
    });
    return label.trim() ? { label: label.trim(), bullet: false } : null;
  }
}

interface ParagraphState {
  text: string;
  style?: string;
  numId?: string;
  ilvl?: number;
  outline?: number;
  /** Footnote and endnote lines referenced from this paragraph, in order. */
  notes?: string[];
}

/** Footnotes or endnotes by id: each note's text, its paragraphs joined. */
export type Notes = Map<string, string>;

/** Reads word/footnotes.xml or word/endnotes.xml; separators and deleted text are left out. */
export function readNotes(xml: string | null, kind: 'footnote' | 'endnote'): Notes {
  const notes: Notes = new Map();
  if (!xml) return notes;
  const textOf = (el: XmlElement): string => {
    if (el.name === 'w:del' || el.name === 'w:moveFrom' || el.name === 'w:instrText') return '';
    if (el.name === 'w:t') return el.text;
    if (el.name === 'w:tab') return ' ';
    const inner = el.children.map(textOf).join('');
    return el.name === 'w:p' ? `${inner} ` : inner;
  };
  for (const note of children(parseTree(xml).children[0], `w:${kind}`)) {
    const id = note.attrs['w:id'];
    const type = note.attrs['w:type'];
    if (id === undefined || (type && type !== 'normal')) continue;
    const text = cleanLine(textOf(note));
    if (text) notes.set(id, text);
  }
  return notes;
}

/** Swedish labels for the note lines: they read as the document prints them, "Fotnot 1: ...". */
const NOTE_LABEL = { footnote: 'Fotnot', endnote: 'Slutnot' } as const;

function firstNumOf(model: NumberingModel, abstractId: string): string | undefined {
  for (const [id, n] of model.nums) if (n.abstractId === abstractId) return id;
  return undefined;
}

/** Text of one run-level element stream: w:t, tabs and breaks; field codes and deleted text skipped. */
/**
 * Notes are kept as lines of their own after the paragraph (or table row)
 * that refers to them: the reference mark is left out of the sentence, so a
 * quote reads on, and the note's text is still indexed.
 */
function readBody(
  xml: string,
  styles: Map<string, StyleInfo>,
  numbering: NumberingModel,
  notes: { footnote: Notes; endnote: Notes } = { footnote: new Map(), endnote: new Map() },
): SourceLine[] {
  const lines: SourceLine[] = [];
  const noteCount = { footnote: 0, endnote: 0 };
  /** Note lines from inside a table, emitted after the outermost row. */
  let rowNotes: string[] = [];
  const counters = new ListCounters(numbering);
  const paragraphs: ParagraphState[] = [];
  let inText = false;
  let skipDepth = 0; // inside mc:Fallback, w:instrText, w:delText ...
  let skipName = '';
  // Tables: each row becomes one line; cells collect their paragraphs' text.
  const rows: string[][][] = [];
  const cells: string[][] = [];
  /** Row lines of each open table (used for tables nested in a cell). */
  const tables: string[][] = [];

  const emit = (p: ParagraphState) => {
    if (isTocStyle(styles, p.style)) return;
    const fromStyle = styleNumPr(styles, p.style);
    const linked = p.style ? numbering.styleLevels.get(p.style) : undefined;
    const numId = p.numId ?? fromStyle.numId ?? (linked ? firstNumOf(numbering, linked.abstractId) : undefined);
    const ilvl = p.ilvl ?? fromStyle.ilvl ?? linked?.ilvl ?? 0;
    let text = p.text;
    // Word numbers an empty list paragraph too (it shows "4.3" and uses the number up).
    const counted = numId && numId !== '0' ? counters.next(numId, ilvl) : null;
    const label = text.trim() ? counted : null;
    const outline = p.outline ?? styleOutline(styles, p.style);
    const parts = text.split('\n').map(cleanLine);
    text = parts[0] ?? '';
    let listItem = false;
    if (label) {
      const alreadyNumbered = /^\d{1,2}(\.\d{1,2})*\.?(\s|$)/.test(text);
      if (label.bullet) {
        text = `• ${text}`;
        listItem = true;
      } else if (!alreadyNumbered || outline === undefined) {
        text = `${label.label} ${text}`;
        listItem = outline === undefined && isListStyle(styles, p.style);
      }
    }
    const line: SourceLine = { text, page: null };
    if (outline !== undefined && text) line.headingLevel = outline;
    if (listItem) line.listItem = true;
    if (cells.length > 0) {
      cells[cells.length - 1]!.push(...[text, ...parts.slice(1)].filter(Boolean));
      rowNotes.push(...(p.notes ?? []));
      return;
    }
    lines.push(line);
    for (const extra of parts.slice(1)) lines.push({ text: extra, page: null });
    for (const note of p.notes ?? []) lines.push({ text: note, page: null });
  };

  for (const t of tokenize(xml)) {
    if (skipDepth > 0) {
      if (t.kind === 'open' && t.name === skipName && !t.selfClosing) skipDepth++;
      else if (t.kind === 'close' && t.name === skipName) skipDepth--;
      continue;
    }
    const p = paragraphs[paragraphs.length - 1];
    if (t.kind === 'text') {
      if (inText && p) p.text += t.text;
      continue;
    }
    if (t.kind === 'open') {
      switch (t.name) {
        case 'mc:Fallback':
        case 'w:instrText':
        case 'w:delText':
        case 'w:fldData':
        case 'w:del':
        // Tracked moves: the text sits at its w:moveTo; the w:moveFrom copy is what was moved away.
        case 'w:moveFrom':
          if (!t.selfClosing) {
            skipDepth = 1;
            skipName = t.name;
          }
          break;
        case 'w:p':
          if (t.selfClosing) lines.push({ text: '', page: null });
          else paragraphs.push({ text: '' });
          break;
        case 'w:t':
          inText = !t.selfClosing;
          break;
        case 'w:tab':
        case 'w:ptab':
          // A tab stop definition (w:tabs/w:tab w:pos=...) is not a tab character.
          if (p && t.attrs['w:pos'] === undefined) p.text += ' ';
          break;
        case 'w:br':
        case 'w:cr':
          if (p && t.attrs['w:type'] !== 'page' && t.attrs['w:type'] !== 'column') p.text += '\n';
          break;
        case 'w:footnoteReference':
        case 'w:endnoteReference': {
          const kind = t.name === 'w:footnoteReference' ? 'footnote' : 'endnote';
          // Word numbers notes in the order they are referred to.
          noteCount[kind]++;
          const note = notes[kind].get(t.attrs['w:id'] ?? '');
          if (p && note) p.notes = [...(p.notes ?? []), `${NOTE_LABEL[kind]} ${noteCount[kind]}: ${note}`];
          break;
        }
        case 'w:noBreakHyphen':
          if (p) p.text += '-';
          break;
        case 'w:pStyle':
          if (p) p.style = t.attrs['w:val'];
          break;
        case 'w:numId':
          if (p && t.attrs['w:val'] !== undefined) p.numId = t.attrs['w:val'];
          break;
        case 'w:ilvl':
          if (p && t.attrs['w:val'] !== undefined) p.ilvl = Number(t.attrs['w:val']);
          break;
        case 'w:outlineLvl':
          if (p && t.attrs['w:val'] !== undefined) {
            const v = Number(t.attrs['w:val']);
            if (v <= 8) p.outline = v;
          }
          break;
        case 'w:tbl':
          tables.push([]);
          break;
        case 'w:tr':
          rows.push([]);
          break;
        case 'w:tc':
          cells.push([]);
          break;
      }
      continue;
    }
    // close
    switch (t.name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:p': {
        const done = paragraphs.pop();
        if (done) emit(done);
        break;
      }
      case 'w:tc':
        rows[rows.length - 1]?.push((cells.pop() ?? []).filter(Boolean));
        break;
      case 'w:tbl': {
        // A nested table joins the enclosing cell, its rows kept apart by "; ".
        const nested = tables.pop() ?? [];
        if (cells.length > 0 && nested.length) cells[cells.length - 1]!.push(nested.join('; '));
        break;
      }
      case 'w:tr': {
        const row = (rows.pop() ?? []).filter((c) => c.length > 0);
        if (cells.length > 0) {
          if (row.length) tables[tables.length - 1]?.push(row.map((c) => c.join(' ')).join(' | '));
          break;
        }
        if (row.length === 1) {
          // A one-cell row is a framed box of ordinary paragraphs.
          for (const para of row[0]!) lines.push({ text: cleanLine(para), page: null });
        } else if (row.length > 1) {
          lines.push({ text: cleanLine(row.map((c) => c.join(' ')).join(' | ')), page: null });
        }
        for (const note of rowNotes) lines.push({ text: note, page: null });
        rowNotes = [];
        break;
      }
    }
  }
  return lines;
}

async function readPart(zip: JSZip, name: string): Promise<string | null> {
  const file = zip.file(name);
  return file ? file.async('string') : null;
}

export async function loadDocx(bytes: Uint8Array, relName: string): Promise<{ lines: SourceLine[] }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf;
    // Word saves a password-protected .docx as an OLE container too, holding an "EncryptedPackage" stream.
    const encrypted = ole && Buffer.from(bytes).includes(Buffer.from('EncryptedPackage', 'utf16le'));
    throw new CodedError(
      'config_invalid',
      encrypted
        ? `${relName}: Word-filen är lösenordsskyddad (krypterad) och kan inte läsas. Spara en kopia utan lösenord.`
        : ole
          ? `${relName}: filen är ett äldre Word-dokument (.doc), inte .docx. Spara om den som .docx.`
          : `${relName}: DOCX-filen är skadad (inte ett giltigt Word-dokument).`,
      { cause: err },
    );
  }
  let document: string | null;
  let stylesXml: string | null;
  let numberingXml: string | null;
  let footnotesXml: string | null;
  let endnotesXml: string | null;
  try {
    document = await readPart(zip, 'word/document.xml');
    stylesXml = await readPart(zip, 'word/styles.xml');
    numberingXml = await readPart(zip, 'word/numbering.xml');
    footnotesXml = await readPart(zip, 'word/footnotes.xml');
    endnotesXml = await readPart(zip, 'word/endnotes.xml');
  } catch (err) {
    throw new CodedError('config_invalid', `${relName}: DOCX-filen är skadad och kunde inte packas upp.`, {
      cause: err,
    });
  }
  if (!document) {
    throw new CodedError('config_invalid', `${relName}: DOCX-filen saknar dokumentinnehåll (word/document.xml).`);
  }
  const styles = readStyles(stylesXml);
  const numbering = readNumbering(numberingXml, styles);
  const notes = { footnote: readNotes(footnotesXml, 'footnote'), endnote: readNotes(endnotesXml, 'endnote') };
  return { lines: readBody(document, styles, numbering, notes) };
}
