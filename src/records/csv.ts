/**
 * The register export as CSV for Excel, in the FAQ CSV's dialect (";",
 * UTF-8 BOM, CRLF, quoted line breaks) and with the same defence: a cell
 * Excel would run as a formula gets a leading apostrophe, since suppliers
 * wrote part of the text. The chain head is the last, unnumbered row.
 */
import { stringify } from 'csv-stringify/sync';
import type { RegisterRecords } from '../core/buyer.js';
import { CHAIN_HEAD_LABEL, formatChainHead } from '../core/chainHead.js';
import { CSV_DELIMITER } from '../faq/csv.js';
import { type RecordsOptions, recordColumns, recordRows } from './rows.js';

export function renderRecordsCsv(records: RegisterRecords, opts: RecordsOptions): Buffer {
  const columns = recordColumns(records.callOff.timezone, opts);
  const rows = recordRows(records, opts).map((r) => columns.map((c) => (r[c.key] ?? '').replace(/\r\n?/g, '\n')));
  const last = columns.map(() => '');
  last[1] = CHAIN_HEAD_LABEL;
  last[2] = formatChainHead(records.registerHead);
  rows.push(last);
  const text = stringify(rows, {
    bom: true,
    header: true,
    columns: columns.map((c) => c.label),
    delimiter: CSV_DELIMITER,
    record_delimiter: '\r\n',
    quoted_match: /[\r\n]/,
    escape_formulas: true,
  });
  return Buffer.from(text, 'utf8');
}
