/**
 * FAQ as PDF (A4) via pdfkit. The standard Helvetica fonts are WinAnsi-encoded,
 * which covers Swedish (å ä ö é), ”citattecken” and – dashes; only when a text
 * holds a character outside WinAnsi is a Unicode TrueType font from the
 * machine's Debian fonts embedded instead (and, lacking one, such a character
 * is shown as "?" rather than as garbage). Page footers carry "Sida n av m".
 * The PDF is tagged (headings, paragraphs; rules and footers as artifacts) with
 * Swedish as its language, so screen readers can follow it (EN 301 549).
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import {
  exportedLine,
  type FaqDocument,
  LABELS,
  orderedItems,
  paragraphs,
  publishedLine,
  registerHeadLine,
} from './document.js';

// The 0x80-0x9F block of Windows-1252 (the rest of WinAnsi is Latin-1).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function isWinAnsi(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x0a || c === 0x09) continue;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff)) continue;
    if (WIN_ANSI_EXTRA.has(ch)) continue;
    return false;
  }
  return true;
}

/** Unicode fonts that Debian's fonts-dejavu-core / fonts-liberation install. */
const UNICODE_FONTS = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  [
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  ],
] as const;

export interface Fonts {
  regular: string;
  bold: string;
  /** Applied to every text when neither font can show all characters. */
  clean: (s: string) => string;
}

export function chooseFonts(allText: string): Fonts {
  if (isWinAnsi(allText)) return { regular: 'Helvetica', bold: 'Helvetica-Bold', clean: (s) => s };
  for (const [regular, bold] of UNICODE_FONTS) {
    if (existsSync(regular) && existsSync(bold)) return { regular, bold, clean: (s) => s };
  }
  const clean = (s: string) => [...s].map((ch) => (isWinAnsi(ch) ? ch : '?')).join('');
  return { regular: 'Helvetica', bold: 'Helvetica-Bold', clean };
}

/** A tagged, Swedish A4 document being written, with what every writer of one needs. */
export interface TaggedPdf {
  pdf: PDFKit.PDFDocument;
  /** The finished file, once `pdf.end()` has been called. */
  done: Promise<Buffer>;
  fonts: Fonts;
  width: number;
  root: PDFKit.PDFStructureElement;
  /** One tagged block: H1/H2/H3 for headings, P for everything else. */
  write: (text: string, font: string, size: number, tag: string, opts?: PDFKit.Mixins.TextOptions) => void;
}

/**
 * Opens a tagged PDF/UA-style document (language, title, structure tree) for
 * an export of one call-off; `allText` chooses fonts that can draw every character.
 */
export function openTaggedPdf(o: {
  title: string;
  callOff: { reference: string; buyer: string; title: string };
  exportedAt: string;
  allText: string;
  margin: number;
  bufferPages?: boolean;
}): TaggedPdf {
  const fonts = chooseFonts(o.allText);
  const t = fonts.clean;
  const created = new Date(o.exportedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: o.margin, bottom: o.margin, left: o.margin, right: o.margin },
    bufferPages: o.bufferPages ?? false,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'sv-SE',
    displayTitle: true,
    info: {
      Title: `${o.title} – ${t(o.callOff.reference)}`,
      Author: t(o.callOff.buyer),
      Subject: t(o.callOff.title),
      ...(Number.isNaN(created.getTime()) ? {} : { CreationDate: created, ModDate: created }),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * o.margin;
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const write: TaggedPdf['write'] = (text, font, size, tag, opts = {}) => {
    pdf
      .font(font)
      .fontSize(size)
      .text(t(text), { width, structParent: root, structType: tag, ...opts });
  };
  return { pdf, done, fonts, width, root, write };
}

const MARGIN = 56;
const GREY = '#4a4a4a';

export function renderPdf(doc: FaqDocument): Promise<Buffer> {
  const { callOff } = doc;
  const items = orderedItems(doc);
  const allText = [
    callOff.title,
    callOff.buyer,
    callOff.reference,
    doc.tenderPeriodNote ?? '',
    ...items.flatMap((i) => [i.question, i.answer]),
  ].join('\n');
  const { pdf, done, fonts, width, root, write } = openTaggedPdf({
    title: LABELS.heading,
    callOff,
    exportedAt: doc.exportedAt,
    allText,
    margin: MARGIN,
    bufferPages: true,
  });
  const t = fonts.clean;
  const bottom = () => pdf.page.height - MARGIN;
  const writeBlock = (text: string) => {
    for (const lines of paragraphs(text)) {
      write(lines.join('\n'), fonts.regular, 11, 'P', { paragraphGap: 6, lineGap: 2 });
    }
  };

  write(LABELS.heading, fonts.bold, 22, 'H1', { paragraphGap: 6 });
  write(callOff.title, fonts.bold, 12, 'P', { paragraphGap: 4 });
  pdf.fillColor(GREY);
  write(`${LABELS.buyer}: ${callOff.buyer}`, fonts.regular, 10, 'P');
  write(`${LABELS.reference}: ${callOff.reference}`, fonts.regular, 10, 'P');
  write(exportedLine(doc), fonts.regular, 10, 'P');
  pdf.fillColor('black');
  if (doc.tenderPeriodNote) write(doc.tenderPeriodNote, fonts.bold, 11, 'P', { paragraphGap: 4 });
  pdf.moveDown(1.5);

  if (items.length === 0) write(LABELS.empty, fonts.regular, 11, 'P');
  for (const item of items) {
    // Keep a question's heading with at least the start of its text.
    if (pdf.y > bottom() - 90) pdf.addPage();
    pdf.markContent('Artifact', { type: 'Layout' });
    pdf
      .moveTo(MARGIN, pdf.y)
      .lineTo(MARGIN + width, pdf.y)
      .lineWidth(0.5)
      .strokeColor('#c8c8c8')
      .stroke();
    pdf.endMarkedContent();
    pdf.moveDown(0.5);
    write(LABELS.question(item.number), fonts.bold, 13, 'H2', { paragraphGap: 4 });
    writeBlock(item.question);
    write(LABELS.answer, fonts.bold, 11, 'H3', { paragraphGap: 3 });
    writeBlock(item.answer);
    pdf.fillColor(GREY);
    write(publishedLine(item, callOff.timezone), fonts.regular, 9, 'P');
    pdf.fillColor('black').moveDown(1);
  }
  const head = registerHeadLine(doc);
  if (head) {
    pdf.fillColor(GREY);
    write(head, fonts.regular, 8, 'P');
    pdf.fillColor('black');
  }
  root.end();

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift it for the footer.
    const keep = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf
      .font(fonts.regular)
      .fontSize(9)
      .fillColor(GREY)
      .text(
        t(`${LABELS.heading} – ${callOff.reference} – ${LABELS.page(i - range.start + 1, range.count)}`),
        MARGIN,
        pdf.page.height - MARGIN / 2 - 9,
        { width, align: 'center', lineBreak: false },
      );
    pdf.endMarkedContent();
    pdf.page.margins.bottom = keep;
  }
  pdf.end();
  return done;
}
