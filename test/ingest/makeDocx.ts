/**
 * Builds real DOCX files with the `docx` package (which writes numbering.xml
 * and heading styles the way Word does) for the DOCX loader tests.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';

const headingLevels = [
  { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
  { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.START },
  { level: 2, format: LevelFormat.DECIMAL, text: '%1.%2.%3', alignment: AlignmentType.START },
];

function heading(text: string, level: 0 | 1 | 2): Paragraph {
  const styles = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
  return new Paragraph({ text, heading: styles[level], numbering: { reference: 'rubriker', level } });
}

function para(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun(text)] });
}

function step(text: string): Paragraph {
  return new Paragraph({ text, numbering: { reference: 'steg', level: 0 } });
}

function bullet(text: string): Paragraph {
  return new Paragraph({ text, bullet: { level: 0 } });
}

/** A call-off whose section numbers exist only in numbering.xml, with a numbered list and a table. */
export async function autoNumberedCallOff(): Promise<Buffer> {
  const doc = new Document({
    numbering: {
      config: [
        { reference: 'rubriker', levels: headingLevels },
        {
          reference: 'steg',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children: [
          para('Avropsförfrågan Testkonsult'),
          heading('Allmänt om avropet', 0),
          para('Detta avrop gäller en testkonsult.'),
          heading('Avropande myndighet', 1),
          para('Avropande myndighet är Testverket, org.nr 202100-0000.'),
          heading('Kontaktperson', 1),
          para('Kontaktperson är Anna Andersson.'),
          heading('Frågor', 2),
          para('Frågor ska vara Testverket tillhanda senast: 2026-03-10.'),
          heading('Krav', 0),
          para('Utvärderingen sker i följande steg:'),
          step('I det första steget prövas kraven.'),
          step('I det andra steget utvärderas priset.'),
          step('I det tredje steget tilldelas kontrakt.'),
          heading('Krav på konsulten', 1),
          bullet('Minst fem års erfarenhet'),
          bullet('Goda kunskaper i svenska'),
          new Table({
            rows: [
              new TableRow({
                children: [new TableCell({ children: [para('Roll')] }), new TableCell({ children: [para('Takpris')] })],
              }),
              new TableRow({
                children: [
                  new TableCell({ children: [para('Utvecklare')] }),
                  new TableCell({ children: [para('SEK 1 100')] }),
                ],
              }),
            ],
          }),
          heading('Kontraktsvillkor', 0),
          para('Kontraktet löper i ett år.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Headings styled but not numbered at all: numbers are made from the outline. */
export async function unnumberedHeadings(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Avropsförfrågan utan numrering', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'Bakgrund', heading: HeadingLevel.HEADING_1 }),
          para('Vi behöver en konsult.'),
          new Paragraph({ text: 'Omfattning', heading: HeadingLevel.HEADING_2 }),
          para('Heltid i sex månader.'),
          new Paragraph({ text: 'Villkor', heading: HeadingLevel.HEADING_1 }),
          para('Ramavtalets villkor gäller.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
