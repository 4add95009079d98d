/**
 * The queue to triage: every call-off with its question deadline (and a
 * countdown while the period is open), then its questions with the bot's
 * outcome, the asker and organisation, the workflow status; filters for status
 * and outcome, a search in the question text, the time sort in both
 * directions, and a form to publish several selected questions at once.
 * Plain GET forms and links: no script (the CSP allows none).
 */
import { describeQuestionDeadline, questionCutoff } from '../../core/deadline.js';
import { formatLocal } from '../../core/time.js';
import type { CallOff, EntryStatus, RegisterEntry } from '../../core/types.js';
import { timeLeft } from '../countdown.js';
import { html, type SafeHtml } from '../html.js';
import { CHANNEL_LABELS, STATUS_LABELS, STATUS_ORDER } from '../labels.js';
import { type Crumb, csrfField, type PageContext, page } from '../layout.js';
import { OUTCOME_LABELS, OUTCOMES, outcomeOf } from '../outcome.js';
import { callOffPath, faqPath, publishManyPath, questionPath, recordsDownloadPath } from '../paths.js';
import { type QueueFilter, queueQuery } from '../queueFilter.js';

export interface CallOffQueue {
  callOff: CallOff;
  /** Per status, after the outcome and search filters (so each count is what its filter link shows). */
  counts: Record<EntryStatus, number>;
  /** Already filtered and sorted. */
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

function statusLinks(ctx: PageContext, q: CallOffQueue, f: QueueFilter): SafeHtml {
  const total = STATUS_ORDER.reduce((n, s) => n + q.counts[s], 0);
  const href = (s: EntryStatus | null) => `${callOffPath(ctx.base, q.callOff.id)}${queueQuery({ ...f, status: s })}`;
  const current = (s: EntryStatus | null) => (s === f.status ? 'true' : 'false');
  return html`<nav aria-label="Filtrera frågor i ${q.callOff.reference} efter status"><ul class="filters">
<li><a href="${href(null)}" aria-current="${current(null)}">Alla (${total})</a></li>
${STATUS_ORDER.map(
  (s) => html`<li><a href="${href(s)}" aria-current="${current(s)}">${FILTER_LABELS[s]} (${q.counts[s]})</a></li>`,
)}
</ul></nav>`;
}

/** Status, outcome, search and order in one GET form: works with the keyboard and without script. */
function filterForm(ctx: PageContext, q: CallOffQueue, f: QueueFilter): SafeHtml {
  const id = (name: string) => `${name}-${q.callOff.id}`;
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="${callOffPath(ctx.base, q.callOff.id)}" class="triage" role="search" aria-label="Sök och filtrera frågor i ${q.callOff.reference}">
<div class="field"><label for="${id('q')}">Sök i frågetexten</label>
<input type="search" id="${id('q')}" name="q" value="${f.search}"></div>
<div class="field"><label for="${id('status')}">Status</label>
<select id="${id('status')}" name="status">${option('', 'Alla', f.status === null)}${STATUS_ORDER.map((s) =>
    option(s, STATUS_LABELS[s], f.status === s),
  )}</select></div>
<div class="field"><label for="${id('utfall')}">Botens utfall</label>
<select id="${id('utfall')}" name="utfall">${option('', 'Alla', f.outcome === null)}${OUTCOMES.map((o) =>
    option(o, OUTCOME_LABELS[o], f.outcome === o),
  )}</select></div>
<div class="field"><label for="${id('ordning')}">Ordning</label>
<select id="${id('ordning')}" name="ordning">${option('', 'Nyast först', f.sort === 'newest')}${option(
    'aldst',
    'Äldst först',
    f.sort === 'oldest',
  )}</select></div>
<div class="field"><button type="submit" class="secondary">Visa</button></div>
</form>`;
}

function describeFilter(f: QueueFilter): string {
  const parts = [
    f.status ? FILTER_LABELS[f.status].toLowerCase() : 'alla',
    ...(f.outcome ? [`botens utfall: ${OUTCOME_LABELS[f.outcome].toLowerCase()}`] : []),
    ...(f.search ? [`sökning: ”${f.search}”`] : []),
  ];
  return `${parts.join(', ')}; ${f.sort === 'newest' ? 'nyast först' : 'äldst först'}`;
}

function questionTable(ctx: PageContext, q: CallOffQueue, f: QueueFilter, selected: ReadonlySet<string>): SafeHtml {
  const filtered = f.status !== null || f.outcome !== null || f.search !== '';
  if (q.entries.length === 0) {
    return html`<p class="muted">${filtered ? 'Inga frågor matchar urvalet.' : 'Inga frågor har kommit in ännu.'}</p>`;
  }
  const tz = q.callOff.timezone;
  const flip = `${callOffPath(ctx.base, q.callOff.id)}${queueQuery({ ...f, sort: f.sort === 'newest' ? 'oldest' : 'newest' })}`;
  const formId = `publicera-${q.callOff.id}`;
  return html`<form method="post" action="${publishManyPath(ctx.base, q.callOff.id)}" id="${formId}">
${csrfField(ctx)}
<table>
<caption>Frågor i ${q.callOff.reference} (${describeFilter(f)})</caption>
<thead><tr><th scope="col"><span class="visually-hidden">Välj</span></th><th scope="col">Kvittonummer</th><th scope="col" aria-sort="${f.sort === 'newest' ? 'descending' : 'ascending'}"><a href="${flip}">Mottagen <span aria-hidden="true">${f.sort === 'newest' ? '↓' : '↑'}</span><span class="visually-hidden">(sortera ${f.sort === 'newest' ? 'äldst först' : 'nyast först'})</span></a></th><th scope="col">Kanal</th><th scope="col">Frågeställare</th><th scope="col">Organisation</th><th scope="col">Botens utfall</th><th scope="col">Status</th><th scope="col">Fråga (första raden)</th></tr></thead>
<tbody>
${q.entries.map((e) => {
  const outcome = outcomeOf(e.botAnswer);
  return html`<tr>
<td><input type="checkbox" name="id" value="${e.id}" id="valj-${q.callOff.id}-${e.id}" aria-label="Välj ${e.id}"${selected.has(e.id) ? html` checked` : ''}></td>
<th scope="row"><a href="${questionPath(ctx.base, e.callOff, e.id)}">${e.id}</a></th>
<td>${formatLocal(new Date(e.receivedAt), tz)}</td>
<td>${CHANNEL_LABELS[e.asker.channel] ?? e.asker.channel}</td>
<td>${e.asker.name ?? html`<span class="muted">okänd</span>`}</td>
<td>${e.asker.org ?? html`<span class="muted">okänd</span>`}</td>
<td><span class="outcome outcome-${outcome}">${OUTCOME_LABELS[outcome]}</span></td>
<td>${statusBadge(e.status)}${e.faqNumber !== null && e.status === 'published' ? html` nr ${e.faqNumber}` : ''}</td>
<td class="first-line">${firstLine(e.question)}</td>
</tr>`;
})}
</tbody>
</table>
<div class="actions"><button type="submit">Publicera markerade</button>
<p class="hint">Markerade frågor publiceras i ett steg, var och en med sitt nummer och sin händelse i historiken. Bara frågor med ett sparat officiellt svar kan publiceras.</p></div>
</form>`;
}

function callOffSection(
  ctx: PageContext,
  q: CallOffQueue,
  now: Date,
  f: QueueFilter,
  single: boolean,
  selected: ReadonlySet<string>,
): SafeHtml {
  const headingId = `avrop-${q.callOff.id}`;
  return html`<section class="call-off" aria-labelledby="${headingId}">
<h2 id="${headingId}">${single ? 'Frågor' : html`<a href="${callOffPath(ctx.base, q.callOff.id)}">${q.callOff.reference}</a> – ${q.callOff.title}`}</h2>
${deadlineFacts(q.callOff, now)}
<ul class="links">
<li><a href="${faqPath(ctx.base, q.callOff.id)}">Publicerade frågor och svar (förhandsvisning och nedladdning)</a></li>
<li>Frågeregistret för diariet: <a href="${recordsDownloadPath(ctx.base, q.callOff.id, 'csv')}" download>CSV</a>, <a href="${recordsDownloadPath(ctx.base, q.callOff.id, 'pdf')}" download>PDF</a> (utan personuppgifter); med personuppgifter: <a href="${recordsDownloadPath(ctx.base, q.callOff.id, 'csv', true)}" download>CSV</a>, <a href="${recordsDownloadPath(ctx.base, q.callOff.id, 'pdf', true)}" download>PDF</a></li>
</ul>
${filterForm(ctx, q, f)}
${statusLinks(ctx, q, f)}
${questionTable(ctx, q, f, selected)}
</section>`;
}

export function renderQueue(
  ctx: PageContext,
  opts: {
    now: Date;
    queues: CallOffQueue[];
    filter: QueueFilter;
    single: CallOff | null;
    /** Receipt ids to show checked again after a refused bulk publication. */
    selected?: ReadonlySet<string>;
  },
): string {
  const { single } = opts;
  const selected = opts.selected ?? new Set<string>();
  const crumbs: Crumb[] = single ? [{ label: 'Alla frågor', href: `${ctx.base}/` }, { label: single.reference }] : [];
  return page(ctx, {
    title: single ? `${single.reference} – frågor` : 'Frågor från leverantörer',
    heading: single ? html`${single.reference} – ${single.title}` : 'Frågor från leverantörer',
    crumbs,
    body: html`${
      opts.queues.length === 0
        ? html`<p>Inga avrop är konfigurerade. Lägg till en mapp under <code>knowledge/</code>.</p>`
        : ''
    }${opts.queues.map((q) => callOffSection(ctx, q, opts.now, opts.filter, single !== null, selected))}`,
  });
}
