/**
 * Local time <-> UTC in an IANA zone, using only Intl (DST-safe, no tz library).
 * Call-off times without an offset are local times in the call-off's zone.
 */
import { CodedError } from './errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `timeZone` at instant `date`. */
export function localParts(date: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `timeZone` from UTC at instant `date`, in milliseconds (CET: +3600000). */
function offsetAt(date: Date, timeZone: string): number {
  const p = localParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (date.getTime() - date.getUTCMilliseconds());
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time.
 * Autumn overlap (the hour that happens twice): the first occurrence.
 * Spring gap (an hour that never happens): read with the offset before the
 * change, i.e. pushed forward, as Temporal's "compatible" does.
 */
export function zonedToUtc(p: LocalParts & { millisecond?: number }, timeZone: string): Date {
  const naive = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond ?? 0);
  const day = 86_400_000;
  const before = offsetAt(new Date(naive - day), timeZone);
  const after = offsetAt(new Date(naive + day), timeZone);
  const valid = [naive - before, naive - after].filter((t) => offsetAt(new Date(t), timeZone) === naive - t);
  return new Date(valid.length > 0 ? Math.min(...valid) : naive - before);
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses ISO 8601. With an offset (or Z) it is an instant; without one it is a
 * local time in `timeZone`. A date alone is local midnight.
 */
export function parseIsoInZone(text: string, timeZone: string): Date {
  const m = ISO_RE.exec(text.trim());
  if (!m)
    throw new CodedError(
      'usage',
      `Ogiltig tidpunkt "${text}". Ange ISO 8601, t.ex. 2026-01-26T10:00 eller 2026-01-26T10:00:00+01:00.`,
    );
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', off] = m;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Math.floor(Number(`0.${frac}`) * 1000),
  };
  if (
    parts.month < 1 ||
    parts.month > 12 ||
    parts.day < 1 ||
    parts.day > 31 ||
    parts.hour > 23 ||
    parts.minute > 59 ||
    parts.second > 59
  ) {
    throw new CodedError('usage', `Ogiltig tidpunkt "${text}".`);
  }
  if (!off) return zonedToUtc(parts, timeZone);
  const utc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    parts.millisecond,
  );
  if (off.toUpperCase() === 'Z') return new Date(utc);
  const sign = off.startsWith('-') ? -1 : 1;
  const digits = off.slice(1).replace(':', '');
  const offMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
  return new Date(utc - offMs);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-01-29 23:59" in the zone: how a Swedish buyer reads a time. */
export function formatLocal(date: Date, timeZone: string, withSeconds = false): string {
  const p = localParts(date, timeZone);
  const base = `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
  return withSeconds ? `${base}:${pad(p.second)}` : base;
}

/** How a reader is told which clock a local time is on: "svensk tid" for Swedish call-offs. */
export function zoneLabel(timeZone: string): string {
  return timeZone === 'Europe/Stockholm' ? 'svensk tid' : `lokal tid, ${timeZone}`;
}

/** Calendar date after `y-m-d` (handles month and year ends). */
export function nextDay(year: number, month: number, day: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
