/**
 * Builds real PDFs with pdfkit for the PDF loader tests: a multi-page call-off
 * with a running header and footer, and an image-only ("scanned") page.
 */
import PDFDocument from 'pdfkit';

/** A reproducible PDF (fixed creation date, A4, margin 60) drawn by `build`. */
export function render(build: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 60, autoFirstPage: false, info: { CreationDate: new Date(0) } });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}

/** Pages of [heading or body lines]; every page gets the same header and a "Sida n/m" footer. */
export function pagedCallOff(pages: string[][]): Promise<Buffer> {
  return render((doc) => {
    pages.forEach((lines, i) => {
      doc.addPage();
      doc.font('Helvetica').fontSize(9).text('Testkommunen  Avrop Systemförvaltare  Dnr KS-2026/99', 60, 30);
      doc.fontSize(11).text('', 60, 80);
      for (const line of lines) doc.text(line, { width: 470 });
      doc.fontSize(9).text(`Sida ${i + 1}/${pages.length}`, 60, 780, { lineBreak: false });
    });
  });
}

/** One page with shapes only: what a scanned document without OCR looks like to a text extractor. */
export function imageOnly(): Promise<Buffer> {
  return render((doc) => {
    doc.addPage();
    doc.rect(100, 100, 300, 200).fill('#333333');
    doc.circle(300, 500, 80).fill('#777777');
  });
}

/** Headings set larger and bold than the 10 pt body text, as TendSign and Word exports do. */
export function styledCallOff(
  blocks: Array<{ heading: string | string[] } | { bold: string } | string>,
): Promise<Buffer> {
  return render((doc) => {
    doc.addPage();
    for (const block of blocks) {
      if (typeof block === 'string') {
        doc.font('Helvetica').fontSize(10).text(block, { width: 470 });
        continue;
      }
      if ('bold' in block) {
        // Bold at the body text's size, a paragraph's space before it: Word's "Strong" used as a heading.
        doc.moveDown(0.6);
        doc.font('Helvetica-Bold').fontSize(10).text(block.bold, { width: 470 });
        continue;
      }
      // A heading given as several lines is one heading wrapped by hand.
      const lines = Array.isArray(block.heading) ? block.heading : [block.heading];
      doc.font('Helvetica-Bold').fontSize(13);
      for (const line of lines) doc.text(line, { width: 470 });
      doc.moveDown(0.3);
    }
  });
}

/** A PDF that needs a password to open. */
export function passwordProtected(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ userPassword: 'hemligt', ownerPassword: 'ägare', pdfVersion: '1.7' });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.text('1. Allmänt');
    doc.end();
  });
}

/** Encrypted with an owner password only (printing and copying restricted): opens without a password. */
export function ownerPasswordOnly(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ ownerPassword: 'ägare', pdfVersion: '1.7', permissions: { copying: false } });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.fontSize(13).text('1. Allmänt');
    doc.fontSize(10).text('Avropet gäller förvaltning av kommunens ärendehanteringssystem under två år.');
    doc.end();
  });
}

/** A heading and a two-column price row whose cells sit on one baseline with only a gap between them. */
export function columnsOnOneLine(): Promise<Buffer> {
  return render((doc) => {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(13).text('1. Pris', 60, 80);
    doc.font('Helvetica').fontSize(10);
    doc.text('Takpriser per roll gäller enligt ramavtalet och får inte överskridas.', 60, 110);
    doc.text('Utvecklare', 60, 140, { lineBreak: false });
    doc.text('SEK 1 100', 300, 140, { lineBreak: false });
    doc.text('Testare', 60, 155, { lineBreak: false });
    doc.text('SEK 900', 300, 155, { lineBreak: false });
  });
}
