/**
 * Input checks shared by both backends: what may be stored as text, and
 * which instants are accepted. (How a typed receipt id is read lives in
 * core/registerRules.ts, next to how it is written.)
 */
import { CodedError } from '../core/errors.js';

// Lone UTF-16 surrogates cannot be stored as UTF-8: both databases would
// silently replace them, and the stored text would no longer match its hash.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as it will be stored: lone surrogates become U+FFFD (what any UTF-8
 * store would make of them anyway), a NUL character is refused because
 * PostgreSQL cannot store it in text.
 */
export function storableText(value: string, field: string): string {
  if (typeof value !== 'string') throw new CodedError('usage', `Fältet ${field} måste vara text.`);
  if (value.includes('\u0000')) {
    throw new CodedError('usage', `Fältet ${field} innehåller ett otillåtet tecken (NUL).`);
  }
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

export function storableOptional(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : storableText(value, field);
}

export function requireNonEmpty(value: string, field: string): string {
  const text = storableText(value, field);
  if (text.trim() === '') throw new CodedError('usage', `Fältet ${field} får inte vara tomt.`);
  return text;
}

/**
 * An ISO 8601 instant with an explicit zone (Z or an offset), stored as UTC
 * with milliseconds ("2026-01-26T09:00:00.000Z"): a local time without a zone
 * would make the authority's record of when a question arrived ambiguous.
 */
export function requireInstant(value: string, field: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!/^\d{4}-\d{2}-\d{2}T[^Z+]*?(?:\d(?:Z|[+-]\d{2}(?::?\d{2})?))$/i.test(String(value)) || Number.isNaN(ms)) {
    throw new CodedError(
      'usage',
      `Fältet ${field} måste vara en tidpunkt i ISO 8601 med tidszon (t.ex. 2026-01-26T09:00:00.000Z).`,
    );
  }
  return new Date(ms).toISOString();
}
