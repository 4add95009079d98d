/**
 * Word lists and regex building blocks shared by the anonymiser's stages.
 * Kept in one place so the precision/recall trade-offs are visible and
 * tunable without touching the matching logic.
 */

/** Escapes a literal for use inside a RegExp source. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Case-insensitive source for a literal phrase without the `i` flag.
 * (With /iu, `\p{Lu}` also matches lower-case letters, which would break the
 * capitalisation tests the name rules depend on.) Spaces become `\s+`.
 */
export function ci(phrase: string): string {
  let out = '';
  for (const ch of phrase) {
    if (ch === ' ') {
      out += '\\s+';
      continue;
    }
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    out += lower !== upper && upper.length === 1 ? `[${lower}${upper}]` : escapeRegex(ch);
  }
  return out;
}

/** Alternation of phrases, longest first so the regex prefers the fullest form. */
export function ciAny(phrases: readonly string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map(ci)
    .join('|');
}

/** Not preceded / followed by a letter or digit (JS `\b` is ASCII-only). */
export const WB_START = '(?<![\\p{L}\\p{N}])';
export const WB_END = '(?![\\p{L}\\p{N}])';

/**
 * Capitalised words that start sentences or address the buyer: never part of
 * a person's or a company's name. Lower-case for lookup.
 */
export const NOT_A_NAME = new Set(
  [
    'vi',
    'jag',
    'ni',
    'du',
    'han',
    'hon',
    'de',
    'om',
    'hur',
    'när',
    'kan',
    'får',
    'är',
    'finns',
    'enligt',
    'gäller',
    'för',
    'då',
    'eftersom',
    'och',
    'eller',
    'men',
    'hej',
    'med',
    'till',
    'från',
    'hos',
    'på',
    'att',
    'ska',
    'skall',
    'som',
    'vår',
    'vårt',
    'våra',
    'min',
    'mitt',
    'mina',
    'det',
    'den',
    'detta',
    'denna',
    'dessa',
    'er',
    'ert',
    'era',
    'i',
    'vad',
    'vilken',
    'vilket',
    'vilka',
    'var',
    'varför',
    'vem',
    'tack',
    'mvh',
    'undrar',
    'angående',
    'gällande',
    'avseende',
    'fråga',
    'frågor',
    'svar',
    'bilaga',
    'avsnitt',
    'punkt',
    'kapitel',
    'krav',
    'nivå',
    'senior',
    'junior',
    'delområde',
    'kategori',
    'roll',
    'ramavtal',
    'ramavtalet',
    'avropet',
    'avropsförfrågan',
    'anbud',
    'anbudet',
    'uppdraget',
    'the',
    'we',
    'our',
    'my',
    'at',
    'from',
    'a',
    'an',
    'in',
    'is',
    'this',
    'and',
    'of',
    'for',
    'to',
    'hi',
    'hello',
    'dear',
    'regards',
    'thanks',
    'also',
    'se',
    'ps',
  ].map((w) => w.toLowerCase()),
);

/** Words that are also given names or surnames; as a name part they must be capitalised to match. */
export const COMMON_WORD_NAMES = new Set([
  'per',
  'bo',
  'mats',
  'dag',
  'sten',
  'ek',
  'björk',
  'lind',
  'berg',
  'holm',
  'bok',
  'rut',
  'siv',
  'vera',
  'maj',
  'stig',
  'sol',
  'hans',
  'ask',
  'alm',
  'gran',
  'strand',
  'lund',
  'ström',
  'viking',
  'rask',
  'frisk',
  'glad',
  'mark',
  'will',
  'may',
  'bill',
  'frank',
  'hope',
  'eva',
  'nord',
  'syd',
]);

/** Legal-form suffixes that make a capitalised phrase a company name (case-sensitive). */
export const COMPANY_SUFFIXES = [
  'AB',
  'Aktiebolag',
  'aktiebolag',
  'HB',
  'Handelsbolag',
  'handelsbolag',
  'KB',
  'Kommanditbolag',
  'kommanditbolag',
  'Ek\\. ?för\\.?',
  'ekonomisk förening',
  'Ltd',
  'Limited',
  'Oyj',
  'Oy',
  'ASA',
  'AS',
  'A/S',
  'ApS',
  'GmbH',
  'Inc',
  'LLC',
  'AG',
  'BV',
  'B\\.V\\.',
  'Corp',
  'PLC',
  'plc',
];

/** Words in a signature block that label contact details or a role ("Tel:", "Account Manager"). */
export const SIGNATURE_WORDS = new Set([
  'tel',
  'tfn',
  'telefon',
  'mobil',
  'mob',
  'mobile',
  'phone',
  'cell',
  'direkt',
  'växel',
  'e-post',
  'epost',
  'e-mail',
  'email',
  'mail',
  'mejl',
  'webb',
  'web',
  'hemsida',
  'www',
  'org.nr',
  'orgnr',
  'org',
  'nr',
  'organisationsnummer',
  'adress',
  'besöksadress',
  'postadress',
  'säljare',
  'säljchef',
  'konsultchef',
  'vd',
  'ceo',
  'cto',
  'coo',
  'cfo',
  'account',
  'manager',
  'key',
  'bid',
  'sales',
  'director',
  'head',
  'of',
  'affärsansvarig',
  'kundansvarig',
  'affärsområdeschef',
  'ansvarig',
  'chef',
  'konsult',
  'senior',
  'partner',
  'grundare',
  'founder',
  'ägare',
  'delägare',
  'rekryterare',
  'anbudsansvarig',
  'anbudsskrivare',
  'upphandlingsansvarig',
  'projektledare',
  'business',
  'developer',
  'utvecklare',
  'och',
  'and',
  '&',
]);
