/**
 * FAQ as a Word document (docx) with real heading styles (Title, Heading 1
 * per question, Heading 2 "Svar"), so Word's navigation pane and screen
 * readers see the structure, Swedish set as the proofing language, and a
 * footer with the reference and "Sida n av m" (Word fields).
 */
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import {
  exportedLine,
  type FaqDocument,
  LABELS,
  orderedItems,
  paragraphs,
  publishedLine,
  registerHeadLine,
} from './document.js';

/** One Word paragraph per text paragraph; line breaks inside it stay line breaks. */
function block(text: string): Paragraph[] {
  return paragraphs(text).map(
    (lines) =>
      new Paragraph({
        children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })),
        spacing: { after: 120 },
      }),
  );
}

const GREY = '4A4A4A';

export async function renderDocx(doc: FaqDocument): Promise<Buffer> {
  const { callOff } = doc;
  const items = orderedItems(doc);
  const children: Paragraph[] = [
    new Paragraph({ text: LABELS.heading, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: callOff.title, bold: true })], spacing: { after: 120 } }),
    new Paragraph({ children: [new TextRun({ text: `${LABELS.buyer}: ${callOff.buyer}`, color: GREY })] }),
    new Paragraph({ children: [new TextRun({ text: `${LABELS.reference}: ${callOff.reference}`, color: GREY })] }),
    new Paragraph({ children: [new TextRun({ text: exportedLine(doc), color: GREY })], spacing: { after: 240 } }),
  ];
  if (doc.tenderPeriodNote) {
    children.push(
      new Paragraph({ children: [new TextRun({ text: doc.tenderPeriodNote, bold: true })], spacing: { after: 240 } }),
    );
  }
  if (items.length === 0) children.push(new Paragraph({ text: LABELS.empty }));
  for (const item of items) {
    children.push(
      new Paragraph({ text: LABELS.question(item.number), heading: HeadingLevel.HEADING_1 }),
      ...block(item.question),
      new Paragraph({ text: LABELS.answer, heading: HeadingLevel.HEADING_2 }),
      ...block(item.answer),
      new Paragraph({
        alignment: AlignmentType.LEFT,
        children: [
          new TextRun({
            text: publishedLine(item, callOff.timezone),
            color: GREY,
            size: 18,
          }),
        ],
        spacing: { after: 240 },
      }),
    );
  }
  const head = registerHeadLine(doc);
  if (head) {
    children.push(
      new Paragraph({ children: [new TextRun({ text: head, color: GREY, size: 16 })], spacing: { before: 240 } }),
    );
  }
  const document = new Document({
    title: `${LABELS.heading} – ${callOff.reference}`,
    subject: callOff.title,
    creator: callOff.buyer,
    styles: { default: { document: { run: { language: { value: 'sv-SE' } } } } },
    sections: [
      {
        children,
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [
                      `${LABELS.heading} – ${callOff.reference} – Sida `,
                      PageNumber.CURRENT,
                      ' av ',
                      PageNumber.TOTAL_PAGES,
                    ],
                    color: GREY,
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
      },
    ],
  });
  return Packer.toBuffer(document);
}
