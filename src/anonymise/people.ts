/**
 * Names of people other than the asker ("Min konsult Karl Svensson", "Lisa
 * Ek tar över"): a given name from the lexicon (givenNames.ts), optionally a
 * second given name or a particle, and a capitalised surname. Case matters:
 * "karl svensson" in chat style is not caught here (too many given names are
 * also words), only after a cue (parties.ts).
 */
import type { Candidate } from './contacts.js';
import { GIVEN_NAMES } from './givenNames.js';
import { NOT_A_NAME } from './lexicon.js';

const WORD = "\\p{Lu}\\p{Ll}+(?:[-'’]\\p{Lu}?\\p{Ll}+)?";
const PARTICLE = '(?:von|af|av|de|van|der|den|da|di|du|la|le|el|al)';
// Given name, an optional second given name, optional particles, surname; optional genitive -s is part of the surname word.
const PERSON_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${WORD})(?:[ \\t]+(${WORD}))?(?:[ \\t]+${PARTICLE}){0,2}[ \\t]+(${WORD})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Capitalised words that can follow a given name without being a surname ("Per Capita" is English). */
const NOT_A_SURNAME = new Set([
  ...NOT_A_NAME,
  'bilaga',
  'avsnitt',
  'kapitel',
  'krav',
  'kompetens',
  'erfarenhet',
  'konsult',
  'konsulter',
  'roll',
  'nivå',
  'timme',
  'timmar',
  'dag',
  'dagar',
  'vecka',
  'år',
  'månad',
  'it',
  'ab',
]);

/**
 * The buyer's people are named in the call-off and answer in its name: "Kontaktperson
 * är Åsa Gustafsson", "er handläggare Karl Ek". Their names stay readable.
 */
const BUYERS_ROLE_BEFORE_RE =
  /(?<![\p{L}])(?:kontaktperson(?:en)?|handläggare(?:n)?|upphandlare(?:n)?|inköpare(?:n)?|upphandlingsansvarig[ae]?|avropsansvarig[ae]?)(?:[ \t]+(?:hos[ \t]+er|för[ \t]+avropet|under[ \t]+avropet|i[ \t]+avropet))?(?:[ \t]+(?:är|var|is))?[ \t]*:?[ \t]*$/iu;

const given = (w: string | undefined) => w !== undefined && GIVEN_NAMES.has(w.toLowerCase());
const surname = (w: string | undefined) =>
  w !== undefined && !NOT_A_SURNAME.has(w.toLowerCase()) && !NOT_A_SURNAME.has(w.toLowerCase().replace(/s$/u, ''));

// A file named after a person: "amanda_nilsson_cv.pdf", "CV-Karl-Svensson.docx".
const FILE_NAME_RE =
  /(?<![\p{L}\p{N}_.-])[\p{L}\p{N}]+(?:[_.-][\p{L}\p{N}]+)*\.(?:pdf|docx?|odt|rtf|txt|xlsx?|zip)(?![\p{L}\p{N}])/giu;
const FILE_WORDS = new Set([
  'cv',
  'resume',
  'resumé',
  'meritforteckning',
  'bilaga',
  'referens',
  'intyg',
  'betyg',
  'final',
  'v1',
  'v2',
]);

function namedFiles(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(FILE_NAME_RE)) {
    const parts = m[0].toLowerCase().split(/[_.-]/u);
    const named = parts.some(
      (p, i) =>
        GIVEN_NAMES.has(p) &&
        /^\p{L}{2,}$/u.test(parts[i + 1] ?? '') &&
        !FILE_WORDS.has(parts[i + 1]!) &&
        i + 2 < parts.length,
    );
    if (named) out.push({ start: m.index, end: m.index + m[0].length, kind: 'name', priority: 3 });
  }
  return out;
}

export function findPeople(text: string): Candidate[] {
  const out: Candidate[] = namedFiles(text);
  const re = new RegExp(PERSON_RE.source, 'dgu');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const [whole, first, second, last] = m;
    if (given(first) && BUYERS_ROLE_BEFORE_RE.test(text.slice(Math.max(0, m.index - 60), m.index))) {
      re.lastIndex = m.index + whole.length;
      continue;
    }
    if (given(first) && (second === undefined || given(second) || surname(second)) && surname(last)) {
      out.push({ start: m.index, end: m.index + whole.length, kind: 'name', priority: 3 });
      continue;
    }
    // "Anna Svensson Konsult ...": the name is the first two words.
    const secondEnd = m.indices?.[2]?.[1];
    if (given(first) && secondEnd !== undefined && surname(second)) {
      out.push({ start: m.index, end: secondEnd, kind: 'name', priority: 3 });
      re.lastIndex = secondEnd;
      continue;
    }
    // "Enligt Karl Svensson": the match began one word early; try again from the next word.
    re.lastIndex = m.index + Math.max(1, first?.length ?? 1);
  }
  return out;
}
