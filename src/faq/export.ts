/**
 * The FAQ export: the published Q&A of one call-off as a document the buyer
 * can upload to the procurement platform as is, in six formats. One module
 * per format; this one picks the format, names the file and says its type.
 */
import { CodedError } from '../core/errors.js';
import { renderCsv } from './csv.js';
import { type FaqDocument, printableDocument } from './document.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf.js';

export type { FaqDocument, FaqItem } from './document.js';

export type FaqFormat = 'md' | 'html' | 'pdf' | 'docx' | 'csv' | 'json';
export const FAQ_FORMATS: readonly FaqFormat[] = ['md', 'html', 'pdf', 'docx', 'csv', 'json'];

export const FAQ_CONTENT_TYPES: Record<FaqFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function isFaqFormat(value: unknown): value is FaqFormat {
  return typeof value === 'string' && (FAQ_FORMATS as readonly string[]).includes(value);
}

function requireFormat(format: unknown): FaqFormat {
  if (isFaqFormat(format)) return format;
  throw new CodedError('usage', `Okänt format "${String(format)}". Välj ett av: ${FAQ_FORMATS.join(', ')}.`);
}

export async function renderFaq(doc: FaqDocument, format: FaqFormat): Promise<Buffer> {
  const checked = requireFormat(format);
  // JSON carries the register's text as is (it escapes anything); documents get printable text.
  if (checked === 'json') return renderJson(doc);
  const printable = printableDocument(doc);
  switch (checked) {
    case 'md':
      return renderMarkdown(printable);
    case 'html':
      return renderHtml(printable);
    case 'pdf':
      return renderPdf(printable);
    case 'docx':
      return renderDocx(printable);
    case 'csv':
      return renderCsv(printable);
  }
}

/** "fragor-och-svar-af-2025-0108-8097.pdf": ASCII only, safe in any file system and Content-Disposition. */
export function faqFileName(doc: FaqDocument, format: FaqFormat): string {
  const slug =
    doc.callOff.id
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'avrop';
  return `fragor-och-svar-${slug}.${requireFormat(format)}`;
}
