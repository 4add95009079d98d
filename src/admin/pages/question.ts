/**
 * One question: what the supplier wrote and who they are (for the buyer only),
 * the proposed public wording with the masked parts marked, the bot's answer
 * with its quotes, the official answer form, and the entry's audit history.
 */
import type { AnonymisedText } from '../../core/ports.js';
import { RELATED_HEADING, relatedOf } from '../../core/related.js';
import { formatLocal, zoneLabel } from '../../core/time.js';
import type { BotAnswer, CallOff, Citation, RegisterEntry, RegisterEvent } from '../../core/types.js';
import { highlightMasked } from '../highlight.js';
import { html, type SafeHtml } from '../html.js';
import { actorLabel, CHANNEL_LABELS, EVENT_LABELS, REPLY_STATUS_LABELS } from '../labels.js';
import { csrfField, type PageContext, page } from '../layout.js';
import { callOffPath, faqPath, questionPath } from '../paths.js';
import { statusBadge } from './queue.js';

export interface QuestionView {
  callOff: CallOff;
  entry: RegisterEntry;
  events: RegisterEvent[];
  /** The anonymiser's proposal for the supplier's text, with its masked spans. */
  proposal: AnonymisedText;
  /** The wording and answer the buyer just submitted, when saving failed: nothing typed is lost. */
  draft?: { publicQuestion: string; answer: string };
}

function askerFacts(v: QuestionView): SafeHtml {
  const { entry, callOff } = v;
  const a = entry.asker;
  return html`<dl class="facts">
<dt>Mottagen</dt><dd>${formatLocal(new Date(entry.receivedAt), callOff.timezone, true)} (${zoneLabel(callOff.timezone)})</dd>
<dt>Kanal</dt><dd>${CHANNEL_LABELS[a.channel] ?? a.channel}</dd>
<dt>Namn</dt><dd>${a.name ?? html`<span class="muted">okänt</span>`}</dd>
<dt>Organisation</dt><dd>${a.org ?? html`<span class="muted">okänd</span>`}</dd>
${a.userId ? html`<dt>Användar-id</dt><dd>${a.userId}</dd>` : ''}
<dt>Status</dt><dd>${statusBadge(entry.status)}${entry.status === 'published' && entry.faqNumber !== null ? html` som fråga nr ${entry.faqNumber}` : ''}</dd>
</dl>`;
}

function quoteList(citations: readonly Citation[]): SafeHtml {
  return html`<ol class="citations">${citations.map(
    (c) =>
      html`<li><p class="citation-source">${c.document}, avsnitt ${c.section || '–'}${c.heading ? ` ${c.heading}` : ''}${
        c.page ? `, sidan ${c.page}` : ''
      }</p><blockquote>${c.quote}</blockquote></li>`,
  )}</ol>`;
}

function botAnswerSection(bot: BotAnswer | null): SafeHtml {
  if (!bot) return html`<p class="muted">Boten har inte svarat på frågan (ännu).</p>`;
  const related = relatedOf(bot);
  return html`<p><strong>Utfall:</strong> ${REPLY_STATUS_LABELS[bot.status] ?? bot.status}</p>
<div class="text-block">${bot.answer}</div>
${
  bot.citations.length > 0
    ? html`<h3>Citat ur dokumenten</h3>${quoteList(bot.citations)}`
    : html`<p class="muted">Svaret har inga citat.</p>`
}
${
  related.length > 0
    ? html`<h3>${RELATED_HEADING}</h3>
<p class="hint">Boten hänvisade leverantören till ${related.length === 1 ? 'det här avsnittet' : 'de här avsnitten'} utan att besvara frågan.</p>
${quoteList(related)}`
    : ''
}`;
}

/** The official answer to start from: the buyer's own, else the bot's when it found one in the documents. */
function initialAnswer(entry: RegisterEntry): string {
  if (entry.answer !== null) return entry.answer;
  return entry.botAnswer?.status === 'answered' ? entry.botAnswer.answer : '';
}

function answerForm(ctx: PageContext, v: QuestionView): SafeHtml {
  const { entry } = v;
  const action = questionPath(ctx.base, entry.callOff, entry.id);
  const published = entry.status === 'published';
  const publicQuestion = v.draft?.publicQuestion ?? entry.publicQuestion;
  const answer = v.draft?.answer ?? initialAnswer(entry);
  if (published) {
    // A correction keeps the item published under its number; the history keeps the old text.
    return html`<form method="post" action="${action}">
${csrfField(ctx)}
<p>Frågan är publicerad som nr ${entry.faqNumber ?? '?'}. Ni kan rätta formuleringen eller svaret utan att avpublicera: numret behålls, frågor och svar visar ”Ändrad” med datum och historiken sparar den tidigare versionen.</p>
<label for="publicQuestion">Publicerad formulering av frågan</label>
<textarea id="publicQuestion" name="publicQuestion" required>${publicQuestion}</textarea>
<label for="answer">Publicerat svar</label>
<textarea id="answer" name="answer" required>${answer}</textarea>
<div class="actions"><button type="submit" name="action" value="save">Spara ändringen</button></div>
</form>
<div class="actions"><form method="post" action="${action}/avpublicera">${csrfField(ctx)}<button type="submit" class="danger">Avpublicera</button></form></div>`;
  }
  return html`<form method="post" action="${action}">
${csrfField(ctx)}
<label for="publicQuestion">Frågan som den publiceras (anonymiserad)</label>
<p class="hint" id="publicQuestion-hint">Får inte röja vem som frågat. Namn, e-post, telefonnummer, person- och organisationsnummer och webbadresser maskeras även när ni sparar.</p>
<textarea id="publicQuestion" name="publicQuestion" aria-describedby="publicQuestion-hint" required>${publicQuestion}</textarea>
${
  // The bot's answer is only a proposal until an officer saves (confirms) or edits it.
  entry.answer === null && v.draft === undefined && answer !== ''
    ? html`<label for="answer">Officiellt svar</label>
<p class="hint" id="answer-hint"><strong class="proposal">Förslag från boten</strong> Förifyllt med botens svar. Det blir det officiella svaret först när ni granskat det och sparar eller publicerar.</p>`
    : html`<label for="answer">Officiellt svar</label>
<p class="hint" id="answer-hint">Svaret publiceras ordagrant.</p>`
}
<textarea id="answer" name="answer" aria-describedby="answer-hint">${answer}</textarea>
<div class="actions">
<button type="submit" name="action" value="save" class="secondary">Spara</button>
<button type="submit" name="action" value="publish">Spara och publicera</button>
</div>
</form>`;
}

/** Both versions of a corrected published item, as the event keeps them. */
function correction(d: Record<string, unknown>): SafeHtml {
  const part = (label: string, before: unknown, after: unknown) =>
    after === undefined
      ? ''
      : html`<p><strong>${label}, tidigare:</strong></p><div class="text-block">${String(before ?? '')}</div>
<p><strong>${label}, nu:</strong></p><div class="text-block">${String(after)}</div>`;
  return html`${part('Formulering', d.previousPublicQuestion, d.publicQuestion)}${part('Svar', d.previousAnswer, d.answer)}`;
}

function eventDetails(ev: RegisterEvent): SafeHtml | string {
  const d = ev.data;
  if (ev.type === 'published_edited') return correction(d);
  if (ev.type === 'published' && d.faqNumber !== undefined) return `Fråga nr ${String(d.faqNumber)}`;
  if (ev.type === 'bot_answered') {
    const status = (d.botAnswer as BotAnswer | undefined)?.status;
    return status ? (REPLY_STATUS_LABELS[status] ?? status) : '';
  }
  return '';
}

function history(v: QuestionView): SafeHtml {
  if (v.events.length === 0) return html`<p class="muted">Ingen historik.</p>`;
  return html`<table>
<caption>Händelser i registret, äldst först</caption>
<thead><tr><th scope="col">Tidpunkt (${zoneLabel(v.callOff.timezone)})</th><th scope="col">Händelse</th><th scope="col">Utförd av</th><th scope="col">Detaljer</th><th scope="col">Löpnummer</th></tr></thead>
<tbody>
${v.events.map(
  (ev) => html`<tr>
<td>${formatLocal(new Date(ev.at), v.callOff.timezone, true)}</td>
<td>${EVENT_LABELS[ev.type] ?? ev.type}</td>
<td>${actorLabel(ev.actor)} <span class="muted">(${ev.actor})</span></td>
<td>${eventDetails(ev)}</td>
<td>${ev.seq}</td>
</tr>`,
)}
</tbody>
</table>`;
}

export function renderQuestion(ctx: PageContext, v: QuestionView): string {
  const { entry, callOff } = v;
  const proposalDiffers = v.proposal.text !== entry.publicQuestion;
  return page(ctx, {
    title: `Fråga ${entry.id} – ${callOff.reference}`,
    heading: `Fråga ${entry.id}`,
    crumbs: [
      { label: 'Alla frågor', href: `${ctx.base}/` },
      { label: callOff.reference, href: callOffPath(ctx.base, callOff.id) },
      { label: entry.id },
    ],
    body: html`
<section aria-labelledby="leverantoren">
<h2 id="leverantoren">Leverantörens fråga</h2>
<p class="hint">Originaltexten och frågeställarens identitet visas bara för den upphandlande myndigheten och publiceras aldrig.</p>
${askerFacts(v)}
<div class="text-block">${entry.question}</div>
</section>
<section aria-labelledby="forslag">
<h2 id="forslag">Förslag till publik formulering</h2>
<p class="hint">${
      v.proposal.spans.length > 0
        ? 'Markerat är det som anonymiseringen har ersatt i leverantörens text.'
        : 'Inget i texten ersattes med en platshållare.'
    } Hälsningar, signaturer och meningar där leverantören presenterar sig tas bort.${
      proposalDiffers ? ' Den sparade formuleringen nedan skiljer sig från förslaget.' : ''
    }</p>
<div class="text-block">${highlightMasked(v.proposal.text, v.proposal.spans)}</div>
</section>
<section aria-labelledby="botsvar">
<h2 id="botsvar">Botens svar till leverantören</h2>
${botAnswerSection(entry.botAnswer)}
</section>
<section aria-labelledby="svar">
<h2 id="svar">Officiellt svar och publicering</h2>
${answerForm(ctx, v)}
<p><a href="${faqPath(ctx.base, callOff.id)}">Visa publicerade frågor och svar</a></p>
</section>
<section aria-labelledby="historik">
<h2 id="historik">Historik</h2>
${history(v)}
</section>`,
  });
}
