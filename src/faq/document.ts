/**
 * The FAQ document model shared by every export format, and the Swedish
 * wording and date formatting they all use, so the six files say the same
 * thing in the same words.
 */
import { type ChainHead, chainHeadLine } from '../core/chainHead.js';
import { formatLocal } from '../core/time.js';

export interface FaqItem {
  number: number;
  question: string;
  answer: string;
  /** ISO 8601 UTC. */
  publishedAt: string;
  /** ISO 8601 UTC: the last correction of the published text, when it was corrected. */
  amendedAt?: string;
}

export interface FaqDocument {
  callOff: { id: string; reference: string; title: string; buyer: string; timezone: string };
  /** ISO 8601 UTC. */
  exportedAt: string;
  items: FaqItem[];
  /**
   * The register's chain head at export. Every format prints it at the end, so
   * each uploaded FAQ is a copy of the head outside the database (see README,
   * "Kontrollsumma").
   */
  registerHead?: ChainHead;
  /** Once the tender deadline has passed: a sentence saying that the tender period has ended. */
  tenderPeriodNote?: string;
}

export const LABELS = {
  heading: 'Frågor och svar',
  question: (n: number) => `Fråga ${n}`,
  answer: 'Svar',
  buyer: 'Upphandlande myndighet',
  reference: 'Referens',
  exported: 'Exporterad',
  published: 'Publicerad',
  amended: 'Ändrad',
  empty: 'Inga frågor har publicerats ännu.',
  page: (n: number, of: number) => `Sida ${n} av ${of}`,
} as const;

/** "2026-01-27 14:05" in the call-off's time zone; the raw value if it is not a valid instant. */
export function localTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return formatLocal(d, timeZone);
  } catch {
    return formatLocal(d, 'UTC');
  }
}

/** "Publicerad 2026-01-26 10:00" or, after a correction, "Publicerad 2026-01-26 10:00 – Ändrad 2026-01-28 09:15". */
export function publishedLine(item: FaqItem, timeZone: string): string {
  const published = `${LABELS.published} ${localTime(item.publishedAt, timeZone)}`;
  return item.amendedAt ? `${published} – ${LABELS.amended} ${localTime(item.amendedAt, timeZone)}` : published;
}

export function exportedLine(doc: FaqDocument): string {
  return `${LABELS.exported} ${localTime(doc.exportedAt, doc.callOff.timezone)}`;
}

/** "Registrets kontrollsumma: 12:ab…" for the end of the document, or null when the export has no head. */
export function registerHeadLine(doc: FaqDocument): string | null {
  return doc.registerHead ? chainHeadLine(doc.registerHead) : null;
}

/** Items in FAQ-number order: numbers are given at publication and never change. */
export function orderedItems(doc: FaqDocument): FaqItem[] {
  return [...doc.items].sort((a, b) => a.number - b.number);
}

/**
 * Paragraphs of a question or answer: blank lines separate paragraphs, single
 * line breaks inside one are kept as line breaks. Line endings are normalised.
 */
export function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l, i, all) => l.trim() !== '' || (i > 0 && i < all.length - 1)),
    )
    .filter((lines) => lines.some((l) => l.trim() !== ''));
}

// C0 control characters (other than tab and line feed) and DEL: invalid in XML
// and HTML text, and they only ever arrive by accident (copy-paste from PDFs).
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function printable(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_RE, '');
}

/** The same document with every text made printable: line endings normalised, control characters removed. */
export function printableDocument(doc: FaqDocument): FaqDocument {
  const c = doc.callOff;
  return {
    callOff: {
      id: c.id,
      reference: printable(c.reference),
      title: printable(c.title),
      buyer: printable(c.buyer),
      timezone: c.timezone,
    },
    exportedAt: doc.exportedAt,
    items: doc.items.map((i) => ({ ...i, question: printable(i.question), answer: printable(i.answer) })),
    ...(doc.registerHead ? { registerHead: doc.registerHead } : {}),
    ...(doc.tenderPeriodNote ? { tenderPeriodNote: printable(doc.tenderPeriodNote) } : {}),
  };
}
