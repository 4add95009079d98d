/**
 * PDF loader (pdf.js through unpdf), page by page. Lines are assembled from
 * the text layer the same way unpdf's extractText does (item text, a break
 * at each end-of-line mark), and keep what the layout says: a font size
 * larger than the body text marks a heading, a vertical gap larger than the
 * line spacing marks a paragraph break (emitted as a blank line). A PDF with
 * no text layer (scanned) loads with zero lines; a broken one is a clear error.
 */
import { getDocumentProxy } from 'unpdf';
import { CodedError } from '../../core/errors.js';
import { cleanLine, type SourceLine } from '../lines.js';

export interface PdfLoad {
  lines: SourceLine[];
  pages: number;
  /** Swedish: pages whose text could not be read (the rest still loads). */
  warnings: string[];
}

interface TextItem {
  str: string;
  transform: number[];
  width?: number;
  hasEOL: boolean;
  fontName: string;
}

interface RawLine {
  text: string;
  page: number;
  y: number;
  size: number;
  font: string;
  /** Left edge of the line's first visible item. */
  x: number;
  /**
   * The line cut at its wide horizontal gaps (two or more parts), where the
   * text items are far apart: possibly table cells drawn at column positions.
   */
  cells?: Cell[];
}

interface Cell {
  x: number;
  text: string;
}

/** A gap between two text items this wide (in ems of the font size) is far more than a word space. */
const COLUMN_GAP_EM = 1.5;
/** Column positions of two lines agree within this many points. */
const COLUMN_TOLERANCE = 2;

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

function isTextItem(item: unknown): item is TextItem {
  return typeof (item as TextItem).str === 'string' && Array.isArray((item as TextItem).transform);
}

async function pageLines(pdf: PdfDocument, pageNumber: number): Promise<RawLine[]> {
  const page = await pdf.getPage(pageNumber);
  const content = await page.getTextContent();
  const out: RawLine[] = [];
  let text = '';
  let y = Number.NaN;
  let x0 = Number.NaN;
  let size = 0;
  /** Where the previous item on this line ended (x), to see a tab or column gap. */
  let endX = Number.NaN;
  const fontChars = new Map<string, number>();
  /** Every gap between two visible items of the line: where in `text` the next one starts, its x, the width. */
  let gaps: Array<{ at: number; x: number; width: number }> = [];
  const flush = () => {
    const clean = cleanLine(text);
    let font = '';
    let most = 0;
    for (const [f, n] of fontChars) if (n > most) [font, most] = [f, n];
    // Empty end-of-line items are not blank lines: paragraph breaks come from the vertical gaps.
    if (clean) {
      const line: RawLine = { text: clean, page: pageNumber, y, size, font, x: x0 };
      const cells = splitAtWideGaps(text, gaps, size);
      if (cells) line.cells = cells;
      out.push(line);
    }
    text = '';
    y = Number.NaN;
    x0 = Number.NaN;
    size = 0;
    endX = Number.NaN;
    gaps = [];
    fontChars.clear();
  };
  for (const item of content.items) {
    if (!isTextItem(item)) continue;
    if (item.str.trim()) {
      // Some producers never mark line ends: a clear move to another baseline starts a new line.
      const [, , c = 0, d = 0, , f = 0] = item.transform;
      const itemSize = Math.hypot(c, d);
      if (text.trim() && !Number.isNaN(y) && Math.abs(f - y) > 0.6 * Math.max(size, itemSize)) flush();
    }
    if (item.str.trim()) {
      // Text items separated by a visible gap (a tab stop, a table column) but no space character.
      const [, , c = 0, d = 0, x = 0] = item.transform;
      const gap = x - endX;
      if (gap > 0.25 * Math.max(size, Math.hypot(c, d)) && text && !/\s$/.test(text) && !/^\s/.test(item.str)) {
        text += ' ';
      }
      if (text.trim() && gap > 0) gaps.push({ at: text.length, x, width: gap });
      if (item.width !== undefined) endX = x + item.width;
    }
    text += item.str;
    if (item.str.trim()) {
      const [, , c = 0, d = 0, , f = 0] = item.transform;
      if (Number.isNaN(y)) y = f;
      if (Number.isNaN(x0)) x0 = item.transform[4] ?? 0;
      size = Math.max(size, Math.hypot(c, d));
      fontChars.set(item.fontName, (fontChars.get(item.fontName) ?? 0) + item.str.trim().length);
    }
    if (item.hasEOL) flush();
  }
  flush();
  page.cleanup();
  return out;
}

/**
 * The parts of a line between gaps wider than COLUMN_GAP_EM, or undefined
 * when there are none. Justified text spreads its words evenly: a line with
 * three or more gaps all about as wide is body text however wide they are.
 */
function splitAtWideGaps(text: string, gaps: Array<{ at: number; x: number; width: number }>, size: number) {
  if (size <= 0 || gaps.length === 0) return undefined;
  const widths = gaps.map((g) => g.width);
  if (gaps.length >= 3 && Math.max(...widths) <= Math.min(...widths) * 1.25) return undefined;
  const wide = gaps.filter((g) => g.width >= COLUMN_GAP_EM * size);
  if (wide.length === 0) return undefined;
  const cells: Cell[] = [];
  let from = 0;
  let x = Number.NaN;
  for (const g of [...wide, { at: text.length, x: Number.NaN, width: 0 }]) {
    const part = cleanLine(text.slice(from, g.at));
    if (part) cells.push({ x, text: part });
    from = g.at;
    x = g.x;
  }
  return cells.length >= 2 ? cells : undefined;
}

/** A first cell that numbers what follows (a heading at a tab, a list item), not a table column. */
const NUMBER_CELL = /^(\(?\d{1,2}(\.\d{1,2})*[.)]?|\(?[a-zåäö]\)|[·•▪◦●○■□►▶✓✔\-–*])$/i;

/**
 * Table rows drawn as text at column positions: the cells of a line become
 * "a | b | c" (as the DOCX loader writes table rows) when the line has two or
 * more wide gaps, or when the line above or below, at the spacing of
 * consecutive rows, has a cell starting at the same x. A wide gap on a line
 * of its own ("Ort och datum      Underskrift") stays a space.
 */
function markTableRows(raw: RawLine[], isBody: (l: RawLine) => boolean, lineSpacing: number): void {
  const candidate = (l: RawLine | undefined) => !!l?.cells && isBody(l) && !NUMBER_CELL.test(l.cells[0]!.text);
  const sharesColumn = (a: RawLine, b: RawLine | undefined) => {
    if (!candidate(b) || a.page !== b!.page) return false;
    const dy = Math.abs(a.y - b!.y);
    if (lineSpacing > 0 && dy > lineSpacing * 1.6) return false;
    const xs = b!.cells!.slice(1).map((c) => c.x);
    return a.cells!.slice(1).some((c) => xs.some((x) => Math.abs(x - c.x) <= COLUMN_TOLERANCE));
  };
  const rows = raw.map(
    (l, i) => candidate(l) && (l.cells!.length >= 3 || sharesColumn(l, raw[i - 1]) || sharesColumn(l, raw[i + 1])),
  );
  raw.forEach((l, i) => {
    if (rows[i]) l.text = l.cells!.map((c) => c.text).join(' | ');
  });
}

/** Most frequent value, weighted. */
function mode<K>(pairs: Array<[K, number]>): K | undefined {
  const counts = new Map<K, number>();
  for (const [k, w] of pairs) counts.set(k, (counts.get(k) ?? 0) + w);
  let best: K | undefined;
  let most = -1;
  for (const [k, n] of counts) if (n > most) [best, most] = [k, n];
  return best;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

/** Turns layout into hints: relative font size, body/other font, paragraph gaps as blank lines. */
export function layoutLines(raw: RawLine[]): SourceLine[] {
  const texts = raw.filter((l) => l.text && l.size > 0);
  const bodySize = mode(texts.map((l) => [Math.round(l.size * 2) / 2, l.text.length] as [number, number])) ?? 0;
  const isBody = (l: RawLine) => bodySize > 0 && Math.abs(l.size - bodySize) <= bodySize * 0.05;
  const bodyFont = mode(texts.filter(isBody).map((l) => [l.font, l.text.length] as [string, number]));
  const gaps: number[] = [];
  for (let i = 1; i < texts.length; i++) {
    const a = texts[i - 1]!;
    const b = texts[i]!;
    const dy = a.y - b.y;
    if (a.page === b.page && isBody(a) && isBody(b) && dy > 0 && dy < bodySize * 3) gaps.push(dy);
  }
  const lineSpacing = median(gaps);
  markTableRows(raw, (l) => l.size > 0 && Math.abs(l.size - (bodySize || l.size)) <= l.size * 0.1, lineSpacing);
  const out: SourceLine[] = [];
  let prev: RawLine | null = null;
  // The lowest baseline reached on the page: a bullet glyph printed after its
  // item sits higher up, and must not make the next line look far away.
  let lowest = Number.POSITIVE_INFINITY;
  for (const l of raw) {
    if (prev && prev.page !== l.page) lowest = Number.POSITIVE_INFINITY;
    if (prev && lineSpacing > 0 && prev.page === l.page && Number.isFinite(lowest)) {
      const dy = lowest - l.y;
      // A gap clearly wider than the line spacing ends a paragraph, unless the
      // text plainly goes on (lower case after an unfinished sentence).
      const expected = lineSpacing * (Math.max(prev.size, l.size) / (bodySize || 1));
      const goesOn = /^[a-zåäöé]/.test(l.text) && !/[.!?:;]$/.test(prev.text);
      if (dy > expected * 1.45 && !goesOn) out.push({ text: '', page: l.page });
    }
    lowest = Math.min(lowest, l.y);
    const line: SourceLine = { text: l.text, page: l.page };
    if (Number.isFinite(l.x)) line.x = Math.round(l.x * 10) / 10;
    if (bodySize > 0 && l.size > 0) {
      line.fontScale = Math.round((l.size / bodySize) * 100) / 100;
      if (bodyFont !== undefined && l.font !== bodyFont && isBody(l)) line.fontVariant = true;
    }
    out.push(line);
    prev = l;
  }
  return out;
}

export async function loadPdf(bytes: Uint8Array, relName: string): Promise<PdfLoad> {
  if (!isPdfHeader(bytes)) {
    throw new CodedError('config_invalid', `${relName}: filen är inte en PDF (saknar PDF-huvud) eller är skadad.`);
  }
  let pdf: PdfDocument;
  try {
    // pdf.js may transfer the buffer to its worker: give it a copy, keep ours intact.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (err) {
    const name = (err as { name?: string }).name ?? '';
    if (name === 'PasswordException') {
      throw new CodedError('config_invalid', `${relName}: PDF-filen är lösenordsskyddad och kan inte läsas.`, {
        cause: err,
      });
    }
    throw new CodedError('config_invalid', `${relName}: PDF-filen är skadad och kunde inte läsas.`, { cause: err });
  }
  try {
    const raw: RawLine[] = [];
    const failed: number[] = [];
    let lastError: unknown;
    for (let p = 1; p <= pdf.numPages; p++) {
      try {
        raw.push(...(await pageLines(pdf, p)));
      } catch (err) {
        // One damaged page should not cost the whole document.
        failed.push(p);
        lastError = err;
      }
    }
    if (failed.length === pdf.numPages) {
      throw new CodedError('config_invalid', `${relName}: texten i PDF-filen kunde inte läsas.`, { cause: lastError });
    }
    const which = failed.length === 1 ? `sidan ${failed[0]}` : `sidorna ${failed.join(', ')}`;
    const warnings = failed.length ? [`${relName}: ${which} kunde inte läsas och saknas i indexet.`] : [];
    return { lines: layoutLines(raw), pages: pdf.numPages, warnings };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

function isPdfHeader(bytes: Uint8Array): boolean {
  // The header may be preceded by a little junk (allowed by readers); look in the first KiB.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}
