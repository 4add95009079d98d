/**
 * Marks what the anonymiser replaced in its proposal, so the buyer sees at a
 * glance what was masked. Spans are offsets in the anonymised text; they are
 * sorted and clipped so a faulty span can never break the page.
 */
import type { MaskedSpan } from '../core/ports.js';
import { html, type SafeHtml } from './html.js';

export const MASK_KIND_LABELS: Record<MaskedSpan['kind'], string> = {
  name: 'namn',
  org: 'organisation',
  email: 'e-postadress',
  phone: 'telefonnummer',
  personnummer: 'personnummer',
  orgnr: 'organisationsnummer',
  url: 'webbadress',
  address: 'adress',
  birthdate: 'födelsedatum',
  self_reference: 'uppgift om leverantören',
};

export function highlightMasked(text: string, spans: readonly MaskedSpan[]): SafeHtml {
  const sorted = [...spans]
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(text.length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue; // overlaps the previous mark
    const label = MASK_KIND_LABELS[s.kind] ?? 'maskerat';
    parts.push(
      html`${text.slice(at, s.start)}<mark title="Maskerat: ${label}">${text.slice(s.start, s.end)}</mark><span class="visually-hidden"> (maskerat: ${label})</span>`,
    );
    at = s.end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}
