/**
 * The register export for the authority's diary (diarium) or a court review:
 * one row per question with its receipt id, time of receipt (UTC and local),
 * channel, status, public wording, official answer, publication and FAQ number,
 * and the officers who acted, read from its audit events. Personal data (who
 * asked, the supplier's own words) only when asked for. Both formats (CSV, PDF)
 * are built from these rows, so they say the same thing.
 */
import { actorLabel, CHANNEL_LABELS, STATUS_LABELS } from '../admin/labels.js';
import { amendedAt, type RegisterRecords } from '../core/buyer.js';
import { receiptNumber } from '../core/registerRules.js';
import { formatLocal, zoneLabel } from '../core/time.js';
import type { RegisterEvent } from '../core/types.js';

export interface RecordsOptions {
  /** Names, organisations, platform user ids and the suppliers' own words. */
  withPersonalData: boolean;
}

export interface RecordColumn {
  key: string;
  /** Swedish heading, as the diary reads it. */
  label: string;
}

export type RecordRow = Record<string, string>;

/**
 * Who acted on an entry besides the supplier and the bot: the actor of every
 * other event, each once, in the order they first acted. The actor is what
 * names the officer (the web page, the CLI, or a signed-in officer).
 */
export function officersOf(events: readonly RegisterEvent[]): string[] {
  const seen: string[] = [];
  for (const ev of events) {
    if (ev.actor.startsWith('supplier') || ev.actor.startsWith('system')) continue;
    if (!seen.includes(ev.actor)) seen.push(ev.actor);
  }
  return seen;
}

export function recordColumns(timeZone: string, opts: RecordsOptions): RecordColumn[] {
  const local = zoneLabel(timeZone);
  return [
    { key: 'id', label: 'kvittonummer' },
    { key: 'receivedUtc', label: 'mottagen (UTC)' },
    { key: 'receivedLocal', label: `mottagen (${local})` },
    { key: 'channel', label: 'kanal' },
    { key: 'status', label: 'status' },
    { key: 'publicQuestion', label: 'publik formulering' },
    { key: 'answer', label: 'officiellt svar' },
    { key: 'publishedUtc', label: 'publicerad (UTC)' },
    { key: 'publishedLocal', label: `publicerad (${local})` },
    { key: 'faqNumber', label: 'nummer i frågor och svar' },
    { key: 'amendedLocal', label: `publicerat svar ändrat (${local})` },
    { key: 'officers', label: 'handläggare' },
    ...(opts.withPersonalData
      ? [
          { key: 'name', label: 'frågeställare' },
          { key: 'org', label: 'organisation' },
          { key: 'userId', label: 'användar-id' },
          { key: 'question', label: 'leverantörens fråga' },
        ]
      : []),
  ];
}

const local = (iso: string | null, timeZone: string) => (iso ? formatLocal(new Date(iso), timeZone, true) : '');

export function recordRows(records: RegisterRecords, opts: RecordsOptions): RecordRow[] {
  const tz = records.callOff.timezone;
  const byReceipt = [...records.entries].sort(
    (a, b) => (receiptNumber(a.entry.id) ?? 0) - (receiptNumber(b.entry.id) ?? 0),
  );
  return byReceipt.map(({ entry, events }) => {
    const row: RecordRow = {
      id: entry.id,
      receivedUtc: entry.receivedAt,
      receivedLocal: local(entry.receivedAt, tz),
      channel: CHANNEL_LABELS[entry.asker.channel] ?? entry.asker.channel,
      status: STATUS_LABELS[entry.status],
      publicQuestion: entry.publicQuestion,
      answer: entry.answer ?? '',
      publishedUtc: entry.publishedAt ?? '',
      publishedLocal: local(entry.publishedAt, tz),
      faqNumber: entry.status === 'published' && entry.faqNumber !== null ? String(entry.faqNumber) : '',
      amendedLocal: entry.status === 'published' ? local(amendedAt(events), tz) : '',
      officers: officersOf(events).map(actorLabel).join(', '),
    };
    if (opts.withPersonalData) {
      row.name = entry.asker.name ?? '';
      row.org = entry.asker.org ?? '';
      row.userId = entry.asker.userId ?? '';
      row.question = entry.question;
    }
    return row;
  });
}

export const RECORDS_TITLE = 'Frågeregister';

export function recordsFileName(callOffId: string, format: 'csv' | 'pdf'): string {
  const slug =
    callOffId
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'avrop';
  return `frageregister-${slug}.${format}`;
}
