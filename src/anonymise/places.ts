/**
 * Where someone lives or works and when they were born: street and box
 * addresses with their postcode and town ("Drottninggatan 5A, Göteborg",
 * "Box 123, 581 10 Linköping"), a postcode with its town, and dates of birth
 * after a cue ("f. 1990-05-05", "född 5 maj 1990"). The buyer's own premises
 * ("hos er på Kungsgatan 5") are the subject of many questions and public in
 * the call-off: an address right after "er", "ert", "era" or the authority's
 * genitive stays.
 */
import { DATE_SOURCE, dateValue } from '../text/recognisers.js';
import type { Candidate } from './contacts.js';
import { DIGIT_RE, lazy } from './gate.js';

const CAP = '\\p{Lu}[\\p{Ll}\\p{Lu}-]*\\p{Ll}';
const STREET_ENDINGS = [
  'gatan',
  'gata',
  'vägen',
  'väg',
  'gränd',
  'gränden',
  'torget',
  'torg',
  'allén',
  'allé',
  'backen',
  'backe',
  'stigen',
  'leden',
  'kajen',
  'esplanaden',
  'promenaden',
  'stranden',
].join('|');
// "Drottninggatan", "Norra Vallgatan", "Karl Johans gata", "Gustav Adolfs torg".
const STREET_NAME = `(?:${CAP}[ \\t]+){0,2}(?:\\p{Lu}[\\p{L}-]*(?:${STREET_ENDINGS})|(?:${STREET_ENDINGS}))`;
// "5A", "12 B", "5a"; not the "i" of "12 i Örebro".
const HOUSE_NUMBER = '\\d{1,4}(?:(?:[ \\t]?[A-J]|[a-j])(?![\\p{L}\\p{N}]))?(?:-\\d{1,4})?';
const POSTCODE = '(?:SE-?)?\\d{3}[ \\u00a0]?\\d{2}';
const TOWN = `${CAP}(?:[ \\t-]${CAP})?`;
// ", 3 tr", ", lgh 1102", "c/o ...": the rest of an address line.
const FLOOR = `(?:,?[ \\t]+(?:\\d{1,2}[ \\t]?(?:tr|trappor)\\.?|lgh\\.?[ \\t]?\\d{3,4}))?`;
const TOWN_PART = `(?:,?[ \\t]+${POSTCODE}[ \\t]+${TOWN}|,[ \\t]*${TOWN})?`;

// Built on first use (below, on a text with a digit): parsing their Unicode classes costs V8 a few ms.
const STREET_RE = lazy(
  () =>
    `(?<![\\p{L}\\p{N}])${STREET_NAME}[ \\t]+${HOUSE_NUMBER}(?![\\p{N}]|[.,]\\d)${FLOOR}${TOWN_PART}(?![\\p{L}\\p{N}])`,
  'gu',
);
const BOX_RE = lazy(
  () =>
    `(?<![\\p{L}\\p{N}])(?:Box|BOX|Postbox|Postfack|Pl)[ \\t]+\\d{1,6}(?![\\p{N}])(?:,?[ \\t]+${POSTCODE}[ \\t]+${TOWN})?(?![\\p{L}\\p{N}])`,
  'gu',
);
// "581 10 Linköping" alone: three and two digits, then a capitalised town. Not "150 000 kr".
const POSTCODE_TOWN_RE = lazy(() => `(?<![\\p{L}\\p{N}.,])${POSTCODE}[ \\t]+${TOWN}(?![\\p{L}\\p{N}])`, 'gu');

/** The buyer's premises: "hos er på", "era lokaler på", "myndighetens kontor på". */
const BUYERS_PLACE_RE =
  /(?<![\p{L}])(?:er|ert|era|ni|myndighetens|beställarens|köparens|regionens|kommunens)(?![\p{L}])[^.!?\n]{0,40}$/iu;
/** Town words that start a new sentence rather than end an address. */
const NOT_A_TOWN = /^(?:Vi|Jag|Ni|Vad|Hur|Kan|Får|Ska|Gäller|Om|Det|Den|Tack|Mvh|Och|Men|Eller)$/u;

function trimTown(text: string, start: number, end: number): number {
  // ", Vi undrar": the capitalised word after the comma is a sentence, not a town.
  const m = /,[ \t]*(\p{Lu}[\p{L}-]*)(?:[ \t-][\p{L}-]+)?$/u.exec(text.slice(start, end));
  if (m && NOT_A_TOWN.test(m[1] ?? '')) return start + (m.index ?? 0);
  return end;
}

// "Besöksadress: Frösundaleden 2", "Postadress: Box 7, 171 11 Solna": what follows the label, to the end of
// the line or sentence, when it holds a number.
const ADDRESS_LABEL_RE =
  /(?<![\p{L}])(?:besöksadress|postadress|leveransadress|fakturaadress|hemadress|gatuadress|adress|address)[ \t]*:[ \t]*([^\n;]{3,80}?)(?=[ \t]*(?:\.(?:[ \t]|$)|\n|;|$))/giu;

export function findPlaces(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Every address below holds a digit (a labelled one is kept only with one): without one, nothing
  // to find, and the expressions are never compiled.
  if (!DIGIT_RE.test(text)) return out;
  for (const m of text.matchAll(ADDRESS_LABEL_RE)) {
    const value = m[1] ?? '';
    if (!/\d/u.test(value)) continue;
    const start = m.index + m[0].length - value.length;
    out.push({ start, end: start + value.length, kind: 'address', priority: 6 });
  }
  for (const m of text.matchAll(STREET_RE())) {
    if (BUYERS_PLACE_RE.test(text.slice(Math.max(0, m.index - 60), m.index))) continue;
    const end = trimTown(text, m.index, m.index + m[0].length);
    out.push({ start: m.index, end, kind: 'address', priority: 6 });
  }
  for (const re of [BOX_RE(), POSTCODE_TOWN_RE()]) {
    for (const m of text.matchAll(re)) {
      if (BUYERS_PLACE_RE.test(text.slice(Math.max(0, m.index - 60), m.index))) continue;
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'address', priority: 6 });
    }
  }
  return out;
}

// ---------------------------------------------------------------- dates of birth

const YEAR = '(?:19|20)\\d{2}';
// Any date the recognisers know, and the digit forms only a birth cue makes a
// date: 19900505, 900505 and a year alone.
const DATE_FORMS = [DATE_SOURCE, `${YEAR}\\d{2}\\d{2}`, `\\d{2}\\d{2}\\d{2}(?![-+]?\\d)`, YEAR].join('|');
// The abbreviation "f." is masked with the date ("[födelsedatum]"), the word "född" stays.
const BIRTH_RE = lazy(
  () =>
    `(?<![\\p{L}\\p{N}])(?:(f\\.)[ \\t]*|(?:född|födda|föddes|born|födelsedatum|födelsedag|födelseår|date of birth|DOB)(?:[ \\t]+(?:den|år|är|var|on|in))?[ \\t]*:?[ \\t]*)(${DATE_FORMS})(?![\\p{L}\\p{N}])`,
  'giu',
);

function plausibleBirthYear(date: string): boolean {
  const value = dateValue(date.toLowerCase());
  // A day and month without a year ("född 5 maj") gives no age to tell by.
  if (value?.startsWith('-')) return false;
  const full = value ? value.slice(0, 4) : /(?:19|20)\d{2}/u.exec(date)?.[0];
  const year = full ? Number(full) : 1900 + Number(date.slice(0, 2));
  return year >= 1920 && year <= 2015;
}

export function findBirthDates(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Every date form starts with a digit.
  if (!DIGIT_RE.test(text)) return out;
  for (const m of text.matchAll(BIRTH_RE())) {
    const date = m[2] ?? '';
    if (!plausibleBirthYear(date)) continue;
    const start = m[1] ? m.index : m.index + m[0].length - date.length;
    out.push({ start, end: m.index + m[0].length, kind: 'birthdate', priority: 8 });
  }
  return out;
}
