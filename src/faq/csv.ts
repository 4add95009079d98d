/**
 * FAQ as CSV for Excel: semicolon-separated (Swedish Excel uses the comma as
 * decimal separator and expects ";" between fields), a UTF-8 byte-order mark
 * so Excel reads å, ä, ö, CRLF between records, fields quoted when they hold
 * ";", quotes or line breaks. Cells that Excel would run as a formula
 * (=, +, -, @ first) get a leading apostrophe: the text is partly written by
 * suppliers and must not execute on the buyer's machine.
 */
import { stringify } from 'csv-stringify/sync';
import { CHAIN_HEAD_LABEL, formatChainHead } from '../core/chainHead.js';
import { type FaqDocument, localTime, orderedItems } from './document.js';

export const CSV_HEADER = ['nummer', 'fråga', 'svar', 'publicerad', 'ändrad'] as const;
export const CSV_DELIMITER = ';';

export function renderCsv(doc: FaqDocument): Buffer {
  const rows = orderedItems(doc).map((item) => [
    String(item.number),
    item.question.replace(/\r\n?/g, '\n'),
    item.answer.replace(/\r\n?/g, '\n'),
    localTime(item.publishedAt, doc.callOff.timezone),
    item.amendedAt ? localTime(item.amendedAt, doc.callOff.timezone) : '',
  ]);
  // Last, without a number, so a reader that takes the numbered rows skips them.
  if (doc.tenderPeriodNote) rows.push(['', doc.tenderPeriodNote, '', '', '']);
  if (doc.registerHead) rows.push(['', CHAIN_HEAD_LABEL, formatChainHead(doc.registerHead), '', '']);
  const text = stringify(rows, {
    bom: true,
    header: true,
    columns: [...CSV_HEADER],
    delimiter: CSV_DELIMITER,
    record_delimiter: '\r\n',
    // Records end in CRLF, so a bare LF inside an answer would not be quoted by default.
    quoted_match: /[\r\n]/,
    escape_formulas: true,
  });
  return Buffer.from(text, 'utf8');
}
