/**
 * The register export as a PDF (A4, tagged, Swedish) for the diary: a header
 * with the call-off, the export time and whether personal data is included,
 * then one block per question with every column of the CSV, and the chain
 * head at the end, so a printed copy can be checked against the register.
 */
import type { RegisterRecords } from '../core/buyer.js';
import { chainHeadLine } from '../core/chainHead.js';
import { formatLocal, zoneLabel } from '../core/time.js';
import { openTaggedPdf } from '../faq/pdf.js';
import { RECORDS_TITLE, type RecordsOptions, recordColumns, recordRows } from './rows.js';

const MARGIN = 50;
const GREY = '#4a4a4a';

export function renderRecordsPdf(records: RegisterRecords, opts: RecordsOptions): Promise<Buffer> {
  const { callOff } = records;
  const columns = recordColumns(callOff.timezone, opts).filter((c) => c.key !== 'id');
  const rows = recordRows(records, opts);
  const allText = [callOff.title, callOff.buyer, callOff.reference, ...rows.flatMap((r) => Object.values(r))].join(
    '\n',
  );
  const { pdf, done, fonts, root, write } = openTaggedPdf({
    title: RECORDS_TITLE,
    callOff,
    exportedAt: records.exportedAt,
    allText,
    margin: MARGIN,
  });
  const created = new Date(records.exportedAt);

  write(`${RECORDS_TITLE} – ${callOff.reference}`, fonts.bold, 18, 'H1', { paragraphGap: 4 });
  write(callOff.title, fonts.bold, 11, 'P', { paragraphGap: 2 });
  pdf.fillColor(GREY);
  write(`Upphandlande myndighet: ${callOff.buyer}`, fonts.regular, 9, 'P');
  write(
    `Exporterad ${formatLocal(created, callOff.timezone, true)} (${zoneLabel(callOff.timezone)}), ${records.exportedAt} UTC`,
    fonts.regular,
    9,
    'P',
  );
  write(
    opts.withPersonalData
      ? 'Med personuppgifter (frågeställare, organisation och leverantörens egen formulering).'
      : 'Utan personuppgifter.',
    fonts.regular,
    9,
    'P',
  );
  write(`${rows.length === 1 ? '1 fråga' : `${rows.length} frågor`}.`, fonts.regular, 9, 'P');
  pdf.fillColor('black').moveDown(1);

  for (const row of rows) {
    if (pdf.y > pdf.page.height - MARGIN - 120) pdf.addPage();
    write(row.id ?? '', fonts.bold, 12, 'H2', { paragraphGap: 2 });
    for (const c of columns) {
      const value = row[c.key] ?? '';
      if (value === '') continue;
      write(`${c.label[0]?.toUpperCase()}${c.label.slice(1)}: ${value}`, fonts.regular, 9, 'P', { paragraphGap: 1 });
    }
    pdf.moveDown(0.8);
  }
  pdf.fillColor(GREY);
  write(chainHeadLine(records.registerHead), fonts.regular, 8, 'P');
  pdf.fillColor('black');
  root.end();
  pdf.end();
  return done;
}
