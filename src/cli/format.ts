/**
 * Terminal rendering of replies and register entries, in Swedish.
 * Pure functions of the data, so they are easy to test and reuse. The words for
 * statuses, events and actors are the admin page's, so the buyer reads one vocabulary.
 */
import { actorLabel, CHANNEL_LABELS, EVENT_LABELS, REPLY_STATUS_LABELS, STATUS_LABELS } from '../admin/labels.js';
import { RELATED_HEADING, relatedOf } from '../core/related.js';
import { formatLocal, zoneLabel } from '../core/time.js';
import type { CallOff, Citation, RegisterEntry, RegisterEvent, Reply } from '../core/types.js';

export function localTime(iso: string, callOff: Pick<CallOff, 'timezone'>): string {
  return `${formatLocal(new Date(iso), callOff.timezone, true)} (${zoneLabel(callOff.timezone)})`;
}

export function citationLines(citations: readonly Citation[]): string[] {
  return citations.flatMap((c, i) => {
    const where = c.section.startsWith('Publicerat svar') ? c.section : `avsnitt ${c.section} ${c.heading}`.trim();
    const page = c.page ? `, sidan ${c.page}` : '';
    return [`  [${i + 1}] ${c.document}, ${where}${page}`, `      ”${c.quote}”`];
  });
}

export function renderReply(reply: Reply, callOff: CallOff): string {
  const lines = [reply.answer];
  if (reply.citations.length > 0) lines.push('', 'Källor:', ...citationLines(reply.citations));
  lines.push(...relatedLines(reply));
  lines.push('');
  if (reply.question) {
    lines.push(`Kvittonummer: ${reply.question.id}, mottagen ${localTime(reply.question.receivedAt, callOff)}.`);
  } else if (reply.status === 'deadline_passed') {
    lines.push('Frågan har inte registrerats för besvarande.');
  } else {
    lines.push('Frågan har inte registrerats.');
  }
  return lines.join('\n');
}

/** Possibly relevant sections under their own heading, never under "Källor": they are not the answer. */
function relatedLines(answer: Pick<Reply, 'related'>): string[] {
  const related = relatedOf(answer);
  return related.length > 0 ? ['', `${RELATED_HEADING}:`, ...citationLines(related)] : [];
}

const citationJson = (c: Citation) => ({
  document: c.document,
  section: c.section,
  heading: c.heading,
  quote: c.quote,
});

/** The contract's `ask --json` shape, and nothing else; `related` only when there is any. */
export function replyJson(reply: Reply) {
  const related = relatedOf(reply);
  return {
    callOff: reply.callOff,
    status: reply.status,
    answer: reply.answer,
    citations: reply.citations.map(citationJson),
    ...(related.length > 0 ? { related: related.map(citationJson) } : {}),
    question: reply.question ? { id: reply.question.id, receivedAt: reply.question.receivedAt } : null,
  };
}

const firstLine = (text: string, max = 70) => {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function renderEntryTable(entries: readonly RegisterEntry[], callOffs: readonly CallOff[]): string {
  if (entries.length === 0) return 'Inga frågor.';
  const zoneOf = (id: string) => callOffs.find((c) => c.id === id)?.timezone ?? 'Europe/Stockholm';
  const rows = entries.map((e) => [
    e.id,
    STATUS_LABELS[e.status] + (e.faqNumber ? ` (nr ${e.faqNumber})` : ''),
    formatLocal(new Date(e.receivedAt), zoneOf(e.callOff)),
    CHANNEL_LABELS[e.asker.channel],
    firstLine(e.publicQuestion || e.question),
  ]);
  const header = ['Kvittonummer', 'Status', 'Mottagen', 'Kanal', 'Fråga (publik formulering)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

export function renderEntry(entry: RegisterEntry, events: readonly RegisterEvent[], callOff: CallOff): string {
  const who = [entry.asker.name, entry.asker.org].filter(Boolean).join(', ') || '(okänd)';
  const out = [
    `${entry.id}  ${STATUS_LABELS[entry.status]}${entry.faqNumber ? `, publicerat svar nr ${entry.faqNumber}` : ''}`,
    `Avrop:      ${callOff.reference} (${callOff.id})`,
    `Mottagen:   ${localTime(entry.receivedAt, callOff)}  [${entry.receivedAt}]`,
    `Frågeställare (visas aldrig för leverantörer): ${who} (kanal: ${CHANNEL_LABELS[entry.asker.channel]})`,
    '',
    'Leverantörens fråga:',
    indent(entry.question),
    '',
    'Publik formulering (avidentifierad):',
    indent(entry.publicQuestion),
    '',
  ];
  if (entry.botAnswer) {
    out.push(`Botens svar (${REPLY_STATUS_LABELS[entry.botAnswer.status]}):`, indent(entry.botAnswer.answer));
    if (entry.botAnswer.citations.length > 0) out.push(...citationLines(entry.botAnswer.citations));
    out.push(...relatedLines(entry.botAnswer));
    out.push('');
  }
  out.push('Officiellt svar:', indent(entry.answer ?? '(inget ännu)'), '', 'Historik:');
  for (const ev of events) {
    out.push(
      `  ${formatLocal(new Date(ev.at), callOff.timezone, true)}  ${EVENT_LABELS[ev.type]}  (${actorLabel(ev.actor)})`,
    );
    if (ev.type === 'published_edited') out.push(...correctionLines(ev.data));
  }
  return out.join('\n');
}

/** Both versions of a corrected published item, as its event keeps them. */
function correctionLines(d: Record<string, unknown>): string[] {
  const part = (label: string, before: unknown, after: unknown) =>
    after === undefined
      ? []
      : [`    ${label}, tidigare:`, indent(String(before ?? ''), 6), `    ${label}, nu:`, indent(String(after), 6)];
  return [
    ...part('Formulering', d.previousPublicQuestion, d.publicQuestion),
    ...part('Svar', d.previousAnswer, d.answer),
  ];
}

const indent = (text: string, by = 2) =>
  text
    .split('\n')
    .map((l) => `${' '.repeat(by)}${l}`)
    .join('\n');
