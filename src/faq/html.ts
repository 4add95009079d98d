/**
 * FAQ as a standalone HTML file (lang="sv", UTF-8, styles in one <style>
 * block since the file travels alone). Every text is escaped; headings give
 * screen-reader users the structure (h1 document, h2 per question).
 */
import {
  exportedLine,
  type FaqDocument,
  LABELS,
  localTime,
  orderedItems,
  paragraphs,
  registerHeadLine,
} from './document.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function block(text: string): string {
  return paragraphs(text)
    .map((lines) => `<p>${lines.map(escapeHtml).join('<br>\n')}</p>`)
    .join('\n');
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #1a1a1a; background: #fff;
  line-height: 1.5; margin: 0; }
main { max-width: 48rem; margin: 0 auto; padding: 2rem 1.25rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
.meta { color: #4a4a4a; margin: 0 0 2rem; }
article { border-top: 1px solid #c8c8c8; padding: 1rem 0; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.published { color: #4a4a4a; font-size: .875rem; }
footer { border-top: 1px solid #c8c8c8; padding-top: 1rem; color: #4a4a4a; font-size: .8rem; overflow-wrap: anywhere; }
@media print { main { max-width: none; padding: 0; } article { break-inside: avoid; } }
`;

export function renderHtml(doc: FaqDocument): Buffer {
  const { callOff } = doc;
  const items = orderedItems(doc);
  const body = items.length
    ? items
        .map(
          (item) => `<article id="fraga-${item.number}" aria-labelledby="fraga-${item.number}-rubrik">
<h2 id="fraga-${item.number}-rubrik">${LABELS.question(item.number)}</h2>
<div class="question">
${block(item.question)}
</div>
<h3>${LABELS.answer}</h3>
<div class="answer">
${block(item.answer)}
</div>
<p class="published">${LABELS.published} <time datetime="${escapeHtml(item.publishedAt)}">${escapeHtml(localTime(item.publishedAt, callOff.timezone))}</time>${
            item.amendedAt
              ? ` – ${LABELS.amended} <time datetime="${escapeHtml(item.amendedAt)}">${escapeHtml(localTime(item.amendedAt, callOff.timezone))}</time>`
              : ''
          }</p>
</article>`,
        )
        .join('\n')
    : `<p>${LABELS.empty}</p>`;
  const head = registerHeadLine(doc);
  const footer = head ? `\n<footer><p class="register-head">${escapeHtml(head)}</p></footer>` : '';
  const html = `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${LABELS.heading} – ${escapeHtml(callOff.reference)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${LABELS.heading}</h1>
<p class="meta"><strong>${escapeHtml(callOff.title)}</strong><br>
${LABELS.buyer}: ${escapeHtml(callOff.buyer)}<br>
${LABELS.reference}: ${escapeHtml(callOff.reference)}<br>
<time datetime="${escapeHtml(doc.exportedAt)}">${escapeHtml(exportedLine(doc))}</time></p>${
    doc.tenderPeriodNote ? `\n<p class="tender-note"><strong>${escapeHtml(doc.tenderPeriodNote)}</strong></p>` : ''
  }
</header>
${body}${footer}
</main>
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}
