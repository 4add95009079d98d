/**
 * Swedish stemming: Snowball Swedish plus two fixes it lacks for call-off text:
 * the definite neuter "-et" (avtalet, anbudet, kravet stay unstemmed by Snowball)
 * and the nominal "-ning"/"-ing" (förlängning vs förlängas, öppning vs öppnas),
 * for which extra variant terms are produced.
 */
import { createRequire } from 'node:module';

interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballModule {
  newStemmer(language: string): SnowballStemmer;
}

// snowball-stemmers is CommonJS without type declarations.
const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballModule;
const swedish = snowball.newStemmer('swedish');

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
        : swedish.stem(definiteToBase(word));
  // Only where the word itself ends in "-et"/"-ets" ("arbeta" stems to "arbet", which is not definite);
  // re-stem so "kontraktet" meets "kontrakt" (Snowball undoubles "kt" -> "k").
  if (
    stem.length >= 5 &&
    stem.endsWith('et') &&
    /ets?$/.test(word) &&
    !/(?:het|itet)$/.test(stem) &&
    !NOT_DEFINITE.has(stem)
  ) {
    stem = swedish.stem(stem.slice(0, -2));
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
  const stem = swedish.stem(word);
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
