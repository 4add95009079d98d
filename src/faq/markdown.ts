/**
 * FAQ as Markdown (CommonMark). Question and answer texts are escaped so that
 * a "*", "[leverantören]", "<script>" or a line starting with "1." or "#" in
 * them is shown as written, never interpreted as markup.
 */
import {
  exportedLine,
  type FaqDocument,
  LABELS,
  orderedItems,
  paragraphs,
  publishedLine,
  registerHeadLine,
} from './document.js';

/** Escapes one line of text for CommonMark. */
export function escapeMarkdown(line: string): string {
  let out = line.replace(/[\\`*_{}[\]<>|~]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // Block syntax that only means something at the start of a line.
  out = out.replace(/^(\s*)([#>+=-])/, '$1\\$2');
  out = out.replace(/^(\s*\d+)([.)])/, '$1\\$2');
  return out;
}

function block(text: string): string {
  // A backslash at the end of a line is CommonMark's hard line break.
  return paragraphs(text)
    .map((lines) => lines.map(escapeMarkdown).join('\\\n'))
    .join('\n\n');
}

export function renderMarkdown(doc: FaqDocument): Buffer {
  const { callOff } = doc;
  const out: string[] = [
    `# ${LABELS.heading}`,
    '',
    `**${escapeMarkdown(callOff.title)}**`,
    '',
    `${LABELS.buyer}: ${escapeMarkdown(callOff.buyer)}\\`,
    `${LABELS.reference}: ${escapeMarkdown(callOff.reference)}\\`,
    exportedLine(doc),
    '',
    ...(doc.tenderPeriodNote ? [`**${escapeMarkdown(doc.tenderPeriodNote)}**`, ''] : []),
  ];
  const items = orderedItems(doc);
  if (items.length === 0) out.push(LABELS.empty, '');
  for (const item of items) {
    out.push(
      `## ${LABELS.question(item.number)}`,
      '',
      block(item.question),
      '',
      `**${LABELS.answer}**`,
      '',
      block(item.answer),
      '',
      `*${escapeMarkdown(publishedLine(item, callOff.timezone))}*`,
      '',
    );
  }
  const head = registerHeadLine(doc);
  if (head) out.push('---', '', `*${escapeMarkdown(head)}*`, '');
  return Buffer.from(out.join('\n'), 'utf8');
}
