/** The register check: the hash chain recomputed and replayed against the entries. */
import { CHAIN_HEAD_LABEL, formatChainHead } from '../../core/chainHead.js';
import type { VerifyReport } from '../../core/ports.js';
import { html } from '../html.js';
import { type PageContext, page } from '../layout.js';

export function renderVerify(ctx: PageContext, report: VerifyReport): string {
  return page(ctx, {
    title: 'Kontroll av frågeregistret',
    crumbs: [{ label: 'Alla frågor', href: `${ctx.base}/` }, { label: 'Kontroll av registret' }],
    body: html`<p>Varje händelse i registret bär kontrollsumman av händelsen före. Kontrollen räknar om hela kedjan och jämför den med frågorna.</p>
${
  report.ok
    ? html`<div class="notice notice-ok" role="status"><p>Registret är oförändrat: hashkedjan är obruten.</p></div>`
    : html`<div class="notice notice-error" role="alert"><p>Registret har ändrats utanför avropsbot.</p><ul>${report.problems.map((p) => html`<li>${p}</li>`)}</ul></div>`
}
<dl class="facts"><dt>Händelser</dt><dd>${report.events}</dd><dt>Frågor</dt><dd>${report.entries}</dd><dt>${CHAIN_HEAD_LABEL}</dt><dd><code class="register-head">${formatChainHead(report.head)}</code></dd></dl>
<p>Spara kontrollsumman utanför systemet, till exempel i diariet. Med den kan registret senare visas oförändrat: <code>avropsbot verify --expect-head NUMMER:HASH</code>.</p>`,
  });
}
