/**
 * The FAQ page: the published Q&A as the export presents it (same items,
 * same order, same wording, "Ändrad" after a correction, and that the tender
 * period has ended once it has), and download links for every export format.
 * The LOU timing warning belongs to a publication, not to this page.
 */
import type { FaqContent } from '../../core/buyer.js';
import { formatLocal } from '../../core/time.js';
import type { CallOff } from '../../core/types.js';
import { html, raw, type SafeHtml } from '../html.js';
import { type PageContext, page } from '../layout.js';
import { callOffPath, faqDownloadPath } from '../paths.js';

export const FORMAT_LABELS: Record<string, string> = {
  md: 'Markdown',
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  csv: 'CSV (Excel)',
  json: 'JSON',
};

/**
 * The body of the HTML export (its <main>), headings moved two levels down to
 * sit under this page's "Förhandsvisning" (h2). The exporter escapes every text itself; the
 * export's own <style> is left behind (the CSP allows no inline style).
 * Null when the export no longer has the expected shape.
 */
export function exportedBody(exportedHtml: string): SafeHtml | null {
  const main = /<main>([\s\S]*)<\/main>/.exec(exportedHtml)?.[1];
  // Text in the export is escaped, so any "<" starts a real tag: refuse script, style and handlers in tags.
  if (main === undefined || /<(script|style|iframe|object|embed)\b|<[^>]*\s(on\w+|style)\s*=/i.test(main)) return null;
  return raw(main.replace(/<(\/?)h([1-4])\b/g, (_m, slash: string, level: string) => `<${slash}h${Number(level) + 2}`));
}

/** The same items rendered here, for when the export cannot be embedded. */
function preview(doc: FaqContent): SafeHtml {
  const tz = doc.callOff.timezone;
  return html`<p><strong>${doc.callOff.buyer}</strong><br>${doc.callOff.reference} – ${doc.callOff.title}</p>
<p class="muted">Exporterad ${formatLocal(new Date(doc.exportedAt), tz)}</p>
${doc.tenderPeriodNote ? html`<p><strong>${doc.tenderPeriodNote}</strong></p>` : ''}
${
  doc.items.length === 0
    ? html`<p>Inga frågor har publicerats ännu.</p>`
    : doc.items.map(
        (item) => html`<article class="faq-item" aria-labelledby="faq-${item.number}">
<h3 id="faq-${item.number}">Fråga ${item.number}</h3>
<p class="faq-text">${item.question}</p>
<p class="faq-label">Svar</p>
<p class="faq-text">${item.answer}</p>
<p class="muted">Publicerad ${formatLocal(new Date(item.publishedAt), tz)}${
          item.amendedAt ? ` – Ändrad ${formatLocal(new Date(item.amendedAt), tz)}` : ''
        }</p>
</article>`,
      )
}`;
}

export function renderFaqPage(
  ctx: PageContext,
  opts: {
    callOff: CallOff;
    doc: FaqContent;
    /** The HTML export of `doc`, shown as the preview: exactly what the buyer downloads. */
    exportedHtml: string;
    formats: readonly string[];
  },
): string {
  const { callOff, doc } = opts;
  return page(ctx, {
    title: `Frågor och svar – ${callOff.reference}`,
    crumbs: [
      { label: 'Alla frågor', href: `${ctx.base}/` },
      { label: callOff.reference, href: callOffPath(ctx.base, callOff.id) },
      { label: 'Frågor och svar' },
    ],
    body: html`<p>${doc.items.length === 1 ? '1 publicerad fråga' : `${doc.items.length} publicerade frågor`}, numrerade i publiceringsordning.</p>
<section aria-labelledby="ladda-ner">
<h2 id="ladda-ner">Ladda ner</h2>
<ul class="downloads">
${opts.formats.map(
  (f) =>
    html`<li><a class="button secondary" href="${faqDownloadPath(ctx.base, callOff.id, f)}" download>${FORMAT_LABELS[f] ?? f.toUpperCase()}</a></li>`,
)}
</ul>
</section>
<section aria-labelledby="forhandsvisning">
<h2 id="forhandsvisning">Förhandsvisning</h2>
<p class="hint">Så här ser exporten ut (samma innehåll i alla format).</p>
<div class="faq-preview">${exportedBody(opts.exportedHtml) ?? preview(doc)}</div>
</section>`,
  });
}
