/**
 * The question deadline policy (LOU: the time of receipt decides).
 * A date-only deadline covers the whole of that day in the call-off's zone:
 * 23:59:59.999 local is in time, 00:00 the next day is late.
 */
import { formatLocal, type LocalParts, nextDay, parseIsoInZone, zonedToUtc } from './time.js';
import type { CallOff } from './types.js';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The first instant after a deadline: a date alone covers the whole day; a
 * time ("2026-01-29T12:00") is in time up to and including that minute.
 */
export function deadlineCutoff(deadline: string, timeZone: string): Date {
  const m = DATE_ONLY.exec(deadline.trim());
  if (m) {
    const next = nextDay(Number(m[1]), Number(m[2]), Number(m[3]));
    const midnight: LocalParts = { ...next, hour: 0, minute: 0, second: 0 };
    return zonedToUtc(midnight, timeZone);
  }
  const at = parseIsoInZone(deadline, timeZone);
  const hasSeconds = /T\d{2}:\d{2}:\d{2}/.test(deadline);
  return new Date(at.getTime() + (hasSeconds ? 1000 : 60_000));
}

/** The first instant at which a question is late. */
export function questionCutoff(callOff: Pick<CallOff, 'questionDeadline' | 'timezone'>): Date {
  return deadlineCutoff(callOff.questionDeadline, callOff.timezone);
}

export function isQuestionLate(callOff: Pick<CallOff, 'questionDeadline' | 'timezone'>, receivedAt: Date): boolean {
  return receivedAt.getTime() >= questionCutoff(callOff).getTime();
}

/** How the deadline reads in a Swedish reply: "2026-01-29" or "2026-01-29 kl. 12:00". */
export function describeQuestionDeadline(callOff: Pick<CallOff, 'questionDeadline' | 'timezone'>): string {
  const d = callOff.questionDeadline.trim();
  if (DATE_ONLY.test(d)) return d;
  const local = formatLocal(parseIsoInZone(d, callOff.timezone), callOff.timezone);
  return `${local.replace(' ', ' kl. ')}`;
}
