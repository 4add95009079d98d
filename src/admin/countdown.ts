/**
 * How long the question period has left, in Swedish, computed on the server
 * (the page has no script): "3 dagar 4 timmar kvar", "45 minuter kvar".
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const unit = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Time left until `cutoff`, or null when it has passed. Rounded down: never promises more than there is. */
export function timeLeft(now: Date, cutoff: Date): string | null {
  const ms = cutoff.getTime() - now.getTime();
  if (ms <= 0) return null;
  if (ms < MINUTE) return 'mindre än en minut kvar';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) {
    return hours > 0
      ? `${unit(days, 'dag', 'dagar')} ${unit(hours, 'timme', 'timmar')} kvar`
      : `${unit(days, 'dag', 'dagar')} kvar`;
  }
  if (hours > 0) {
    return minutes > 0
      ? `${unit(hours, 'timme', 'timmar')} ${unit(minutes, 'minut', 'minuter')} kvar`
      : `${unit(hours, 'timme', 'timmar')} kvar`;
  }
  return `${unit(minutes, 'minut', 'minuter')} kvar`;
}
