/**
 * Finds where the documents state the last day for questions ("Frågor ska
 * vara ... tillhanda senast: 2026-01-29", "Sista dag för frågor ...",
 * "Sista dagen för anbudsgivaren att ställa frågor är 2023-11-16"), so ingest
 * can warn when call-off.json says otherwise.
 */
import type { Section } from '../core/types.js';
import { foldForTokens } from '../text/fold.js';
import { DATE_SOURCE, dateValue } from '../text/recognisers.js';

export interface StatedDeadline {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm when stated. */
  time?: string;
  document: string;
  section: string;
}

const DATE = `(${DATE_SOURCE})`;
const TIME = `(?:[\\s,]*(?:kl\\.?|klockan)?\\s*(\\d{1,2}[:.]\\d{2}))?`;

/** Phrases that tie a date to the question deadline; the date must follow within the sentence. */
const PATTERNS = [
  // "Frågor ska vara Arbetsförmedlingen tillhanda senast: 2026-01-29", "Frågor ska ställas senast 2026-01-29"
  new RegExp(`\\bfrågor\\b[^.\\n]{0,120}?\\bsenast\\b[^\\d\\n]{0,20}${DATE}${TIME}`, 'iu'),
  // "Sista dag för frågor: ...", "Sista dagen för anbudsgivaren att ställa frågor är 2023-11-16"
  new RegExp(
    `\\bsista\\s+(?:dag|dagen|datum|tidpunkt)\\b[^.\\n]{0,60}?\\bfrågor\\b[^\\d\\n]{0,30}${DATE}${TIME}`,
    'iu',
  ),
  // "Sista frågedag: 2026-01-29"
  new RegExp(`\\bsista\\s+frågedag(?:en)?\\b[^\\d\\n]{0,30}${DATE}${TIME}`, 'iu'),
  // "Frågor ... ska ha inkommit ... 2026-01-29" (no "senast")
  new RegExp(`\\bfrågor\\b[^.\\n]{0,80}?\\b(?:inkommit|inkomma|ställas|ställts)\\b[^\\d\\n]{0,30}${DATE}${TIME}`, 'iu'),
];

/** The date with its year, as YYYY-MM-DD; null for a date without one. */
function toIsoDate(raw: string): string | null {
  const value = dateValue(raw);
  return value === null || value.startsWith('-') ? null : value;
}

function toTime(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const [h, m] = raw.split(/[:.]/);
  const hour = Number(h);
  const minute = Number(m);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The buyer's deadline for answers or for publishing them is not the suppliers' question deadline. */
const ANSWER_WORDS = /besvar|svar(?:et|en)?\b|publicer|\banbud(?!sgivare)/i;

/** Every match of a pattern, also overlapping ones (a rejected match must not hide a later start). */
function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    re.lastIndex = m.index + 1;
  }
}

export function findStatedQuestionDeadlineIn(sections: Section[]): StatedDeadline | null {
  // Folded (lower case, dashes and odd spaces plain) as the recognisers' date shapes expect.
  const texts = sections.map((s) => foldForTokens(s.text));
  for (const pattern of PATTERNS) {
    for (const [i, s] of sections.entries()) {
      for (const m of matches(pattern, texts[i]!)) {
        const span = m[0].slice(0, m[0].lastIndexOf(m[1]!));
        if (ANSWER_WORDS.test(span.replace(/^frågor och svar\b/i, ''))) continue;
        const date = toIsoDate(m[1]!);
        if (!date) continue;
        const time = toTime(m[2]);
        return { date, ...(time ? { time } : {}), document: s.document, section: s.number };
      }
    }
  }
  return null;
}
