/**
 * Swedish stemming: Snowball Swedish plus two fixes it lacks for call-off text:
 * the definite neuter "-et" (avtalet, anbudet, kravet stay unstemmed by Snowball)
 * and the nominal "-ning"/"-ing" (förlängning vs förlängas, öppning vs öppnas),
 * for which extra variant terms are produced.
 */
/** Snowball's Swedish vowels (a character outside them, é or a digit, counts as a consonant). */
const VOWELS = new Set('aeiouyäåö');
/** Letters before which a final "-s" is a suffix ("s_ending"). */
const S_ENDING = new Set('bcdfghjklmnoprtvy');
/** The main suffixes, longest first: the longest one within R1 goes ("s" only after an S_ENDING letter). */
const MAIN_SUFFIXES = [
  ...['heterna', 'hetens'],
  ...['anden', 'andes', 'andet', 'arens', 'arnas', 'ernas', 'heten', 'heter', 'ornas'],
  ...['ades', 'ande', 'arna', 'arne', 'aren', 'aste', 'erna', 'erns', 'orna'],
  ...['ade', 'are', 'ast', 'ens', 'ern', 'het'],
  ...['ad', 'ar', 'as', 'at', 'en', 'er', 'es', 'or'],
  ...['a', 'e', 's'],
];
const CONSONANT_PAIRS = new Set(['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt']);
/** The last step's suffixes, longest first, and what each becomes. */
const OTHER_SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['fullt', 'full'],
  ['löst', 'lös'],
  ['lig', ''],
  ['els', ''],
  ['ig', ''],
];

/**
 * R1: after the first non-vowel that follows a vowel, but at least 3
 * characters in. The whole word length when there is none.
 */
function regionStart(word: string): number {
  if (word.length < 3) return word.length;
  let i = 0;
  while (i < word.length && !VOWELS.has(word[i]!)) i++;
  while (i < word.length && VOWELS.has(word[i]!)) i++;
  if (i >= word.length) return word.length;
  return Math.max(i + 1, 3);
}

/**
 * The Snowball Swedish stemmer (snowballstem.org/algorithms/swedish), the
 * only language this product needs, in place of a package that loads every
 * language at start-up. Three steps, each only within R1: the main suffix,
 * a final double consonant, then -lig/-ig/-els/-löst/-fullt. Words are
 * expected in lower case, as Snowball's are.
 */
function snowball(word: string): string {
  const r1 = regionStart(word);
  let w = word;
  for (const suffix of MAIN_SUFFIXES) {
    if (w.length - suffix.length < r1 || !w.endsWith(suffix)) continue;
    // The letter before an "-s" may lie before R1.
    if (suffix !== 's' || S_ENDING.has(w[w.length - 2] ?? '')) w = w.slice(0, -suffix.length);
    break;
  }
  if (w.length - 2 >= r1 && CONSONANT_PAIRS.has(w.slice(-2))) w = w.slice(0, -1);
  for (const [suffix, replacement] of OTHER_SUFFIXES) {
    if (w.length - suffix.length < r1 || !w.endsWith(suffix)) continue;
    w = w.slice(0, -suffix.length) + replacement;
    break;
  }
  return w;
}

/** Words whose own stem ends in "-et" (not a definite suffix). */
const NOT_DEFINITE = new Set([
  'budget',
  'internet',
  'paket',
  'ticket',
  'tablet',
  'market',
  'planet',
  'toalet',
  'bidet',
]);

const YEAR_FORMS: ReadonlySet<string> = new Set(['års', 'åren', 'årens', 'året', 'årets']);

const cache = new Map<string, string>();

/** Snowball Swedish with the definite "-et" removed ("avtalet" -> "avtal"). */
export function stemSwedish(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  // Snowball reads "tidigast" as "tid" + suffixes: the superlative of an "-ig" adjective keeps its word.
  // It also reads the "-nad" of "kostnad", "månad" as a suffix, though "kostnaden" keeps it: the word stays whole.
  let stem =
    word.length >= 7 && /igaste?$/.test(word)
      ? word.replace(/e$/, '')
      : word.length >= 5 && word.endsWith('nad')
        ? word
        : snowball(definiteToBase(word));
  // Only where the word itself ends in "-et"/"-ets" ("arbeta" stems to "arbet", which is not definite);
  // re-stem so "kontraktet" meets "kontrakt" (Snowball undoubles "kt" -> "k").
  if (
    stem.length >= 5 &&
    stem.endsWith('et') &&
    /ets?$/.test(word) &&
    !/(?:het|itet)$/.test(stem) &&
    !NOT_DEFINITE.has(stem)
  ) {
    stem = snowball(stem.slice(0, -2));
  }
  // Adjectives in the neuter keep their -t ("alternativt", "digitalt", "formellt") while the -a
  // of "alternativa", "digitala", "formella" goes: drop the -t so the forms meet.
  if (stem.length >= 6 && /(?:iv|al|ell)t$/.test(stem) && stem === word) stem = stem.slice(0, -1);
  if (cache.size > 50_000) cache.clear();
  cache.set(word, stem);
  return stem;
}

/**
 * Definite forms Snowball cannot undo because the base word changes shape:
 * "-eln" of nouns in "-el" (formeln, regeln, artikeln) and "numret"/"numren"
 * of "nummer" (diarienumret, telefonnumret, organisationsnumret).
 */
function definiteToBase(word: string): string {
  // "års", "åren", "årens" are too short for Snowball's suffix rules: "fem års erfarenhet" is about år.
  if (YEAR_FORMS.has(word)) return 'år';
  // The genitive of a plural ("30 dagars", "två veckors", "tre månaders"): the plural, which Snowball knows.
  if (word.length >= 6 && /(?:ar|or|er)s$/.test(word)) return word.slice(0, -1);
  if (word.length >= 6 && /numr(?:et|en)s?$/.test(word)) return word.replace(/numr(?:et|en)s?$/, 'nummer');
  if (word.length >= 6 && /[^aeiouyåäö]eln$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Plain Snowball Swedish (for word fragments such as the "arbet" of "arbetsförmedling"). */
export function snowballSwedish(word: string): string {
  // Memoized: the compound splitter asks for the stems of every substring of every long word it sees.
  const hit = snowballCache.get(word);
  if (hit !== undefined) return hit;
  const stem = snowball(word);
  if (snowballCache.size > 100_000) snowballCache.clear();
  snowballCache.set(word, stem);
  return stem;
}

const snowballCache = new Map<string, string>();

/** Extra terms for a stem that a verb form of the same word would stem to. */
export function stemVariants(stem: string): string[] {
  const out: string[] = [];
  if (stem.endsWith('ning') && stem.length >= 7) {
    out.push(stem.slice(0, -4), stem.slice(0, -3));
  } else if (stem.endsWith('ing') && stem.length >= 6) {
    out.push(stem.slice(0, -3));
  }
  return out;
}
