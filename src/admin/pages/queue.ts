/**
 * The queue: every call-off with its question deadline (and a countdown while
 * the period is open), counts per status, and its questions newest first.
 */
import { describeQuestionDeadline, questionCutoff } from '../../core/deadline.js';
import { formatLocal } from '../../core/time.js';
import type { CallOff, EntryStatus, RegisterEntry } from '../../core/types.js';
import { timeLeft } from '../countdown.js';
import { html, type SafeHtml } from '../html.js';
import { CHANNEL_LABELS, STATUS_LABELS, STATUS_ORDER } from '../labels.js';
import { type Crumb, type PageContext, page } from '../layout.js';
import { callOffPath, faqPath, questionPath } from '../paths.js';

export interface CallOffQueue {
  callOff: CallOff;
  counts: Record<EntryStatus, number>;
  /** Already filtered by status. */
  entries: RegisterEntry[];
}

const FILTER_LABELS: Record<EntryStatus, string> = {
  received: 'Nya',
  answered: 'Svar sparat',
  published: 'Publicerade',
};

export function statusBadge(status: EntryStatus): SafeHtml {
  return html`<span class="badge badge-${status}">${STATUS_LABELS[status]}</span>`;
}

/** The first line of the supplier's question, shortened for the table. */
export function firstLine(text: string, max = 140): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const t = line.trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

function newestFirst(entries: RegisterEntry[]): RegisterEntry[] {
  return [...entries].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id));
}

function deadlineFacts(callOff: CallOff, now: Date): SafeHtml {
  const left = timeLeft(now, questionCutoff(callOff));
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(callOff.questionDeadline.trim());
  return html`<dl class="facts">
<dt>Upphandlande myndighet</dt><dd>${callOff.buyer}</dd>
<dt>Sista dag för frågor</dt><dd>${describeQuestionDeadline(callOff)}${dateOnly ? ' (hela dagen)' : ''}</dd>
<dt>Frågetiden</dt><dd>${
    left
      ? html`<span class="countdown">${left}</span>`
      : html`<span class="closed">Frågetiden har gått ut. Nya frågor avvisas.</span>`
  }</dd>
${callOff.tenderDeadline ? html`<dt>Sista anbudsdag</dt><dd>${callOff.tenderDeadline.replace('T', ' ')}</dd>` : ''}
</dl>`;
}

function filters(ctx: PageContext, q: CallOffQueue, status: EntryStatus | null): SafeHtml {
  const total = STATUS_ORDER.reduce((n, s) => n + q.counts[s], 0);
  const href = (s: EntryStatus | null) => `${callOffPath(ctx.base, q.callOff.id)}${s ? `?status=${s}` : ''}`;
  const current = (s: EntryStatus | null) => (s === status ? 'true' : 'false');
  return html`<nav aria-label="Filtrera frågor i ${q.callOff.reference} efter status"><ul class="filters">
<li><a href="${href(null)}" aria-current="${current(null)}">Alla (${total})</a></li>
${STATUS_ORDER.map(
  (s) => html`<li><a href="${href(s)}" aria-current="${current(s)}">${FILTER_LABELS[s]} (${q.counts[s]})</a></li>`,
)}
</ul></nav>`;
}

function questionTable(ctx: PageContext, q: CallOffQueue, status: EntryStatus | null): SafeHtml {
  const which = status ? FILTER_LABELS[status].toLowerCase() : 'alla';
  if (q.entries.length === 0) {
    return html`<p class="muted">${status ? `Inga ${which} frågor.` : 'Inga frågor har kommit in ännu.'}</p>`;
  }
  const tz = q.callOff.timezone;
  return html`<table>
<caption>Frågor i ${q.callOff.reference} (${which}), nyast först</caption>
<thead><tr><th scope="col">Kvittonummer</th><th scope="col">Mottagen</th><th scope="col">Kanal</th><th scope="col">Status</th><th scope="col">Fråga (första raden)</th></tr></thead>
<tbody>
${newestFirst(q.entries).map(
  (e) => html`<tr>
<th scope="row"><a href="${questionPath(ctx.base, e.callOff, e.id)}">${e.id}</a></th>
<td>${formatLocal(new Date(e.receivedAt), tz)}</td>
<td>${CHANNEL_LABELS[e.asker.channel] ?? e.asker.channel}</td>
<td>${statusBadge(e.status)}${e.faqNumber !== null && e.status === 'published' ? html` nr ${e.faqNumber}` : ''}</td>
<td class="first-line">${firstLine(e.question)}</td>
</tr>`,
)}
</tbody>
</table>`;
}

function callOffSection(
  ctx: PageContext,
  q: CallOffQueue,
  now: Date,
  status: EntryStatus | null,
  single: boolean,
): SafeHtml {
  const headingId = `avrop-${q.callOff.id}`;
  return html`<section class="call-off" aria-labelledby="${headingId}">
<h2 id="${headingId}">${single ? 'Frågor' : html`<a href="${callOffPath(ctx.base, q.callOff.id)}">${q.callOff.reference}</a> – ${q.callOff.title}`}</h2>
${deadlineFacts(q.callOff, now)}
<p><a href="${faqPath(ctx.base, q.callOff.id)}">Publicerade frågor och svar (förhandsvisning och nedladdning)</a></p>
${filters(ctx, q, status)}
${questionTable(ctx, q, status)}
</section>`;
}

export function renderQueue(
  ctx: PageContext,
  opts: { now: Date; queues: CallOffQueue[]; status: EntryStatus | null; single: CallOff | null },
): string {
  const { single } = opts;
  const crumbs: Crumb[] = single ? [{ label: 'Alla frågor', href: `${ctx.base}/` }, { label: single.reference }] : [];
  return page(ctx, {
    title: single ? `${single.reference} – frågor` : 'Frågor från leverantörer',
    heading: single ? html`${single.reference} – ${single.title}` : 'Frågor från leverantörer',
    crumbs,
    body: html`${
      opts.queues.length === 0
        ? html`<p>Inga avrop är konfigurerade. Lägg till en mapp under <code>knowledge/</code>.</p>`
        : ''
    }${opts.queues.map((q) => callOffSection(ctx, q, opts.now, opts.status, single !== null))}`,
  });
}
