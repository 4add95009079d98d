/**
 * Names of people other than the asker ("Min konsult Karl Svensson", "Lisa
 * Ek tar över"): a given name from the lexicon (givenNames.ts), optionally a
 * second given name or a particle, and a capitalised surname; the same in
 * capitals ("KARL SVENSSON", not "MAX PRIS"); in lower case only after a cue
 * ("vår konsult karl svensson"), since many given names are also words. Also
 * a surname with a company word after it ("Svensson Konsult"), a company
 * named after its owner, and file names that carry a person's name.
 */
import type { Candidate } from './contacts.js';
import { gated, matchesIn } from './gate.js';
import { GIVEN_NAMES } from './givenNames.js';
import { COMMON_WORD_NAMES, ci, escapeRegex, NOT_A_NAME, WB_END, WB_START } from './lexicon.js';
import { COMPANY_TAIL_WORDS } from './parties.js';

const WORD = "\\p{Lu}\\p{Ll}+(?:[-'’]\\p{Lu}?\\p{Ll}+)?";
const PARTICLE = '(?:von|af|av|de|van|der|den|da|di|du|la|le|el|al)';
// Given name, an optional second given name, optional particles, surname; optional genitive -s is part of the surname word.
const PERSON_SOURCE = `(?<![\\p{L}\\p{N}])(${WORD})(?:[ \\t]+(${WORD}))?(?:[ \\t]+${PARTICLE}){0,2}[ \\t]+(${WORD})(?![\\p{L}\\p{N}])`;

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

/** Given names that are also words; in capitals ("PER TIMME", "MAX PRIS") they are read as words. */
const WORD_LIKE_GIVEN = new Set(
  'per bo dag max sten stig maj rut siv vera tor love liv saga tim sam kim eva hans mats ture inge dan jan pia ella alma tina nora gun iris mira stella elis milla signe ebbe kaj sune rune ove kurt'.split(
    ' ',
  ),
);
const SURNAME_ENDING =
  /(?:s?son|berg|ström|strom|qvist|kvist|gren|dahl|lund|lind|holm|blad|ander|sten|stedt|ell|ius|bäck|fors|vall|strand|ling|man|lin|én|ek)$/u;
/** Company names made of a surname and a company word: "Svensson Konsult", "Berglund Data". */
const OWNER_ENDING = '(?:s?son|berg|ström|qvist|kvist|gren|dahl|lund|blad|ander|lin|ius)';
// Gate: a company word after a blank.
const OWNER_COMPANY_RE = gated(
  new RegExp(`[ \\t](?:${COMPANY_TAIL_WORDS})`, 'u'),
  () =>
    `(?<![\\p{L}\\p{N}])\\p{Lu}\\p{Ll}*${OWNER_ENDING}(?:[ \\t]+(?:&[ \\t]+)?(?:${COMPANY_TAIL_WORDS})(?![\\p{L}\\p{N}-]))+`,
  'gu',
);
const UPPER_WORD = '\\p{Lu}{2,}(?:-\\p{Lu}{2,})?';
let upperPersonRe: RegExp | null = null;
const UPPER_PERSON_RE = () =>
  (upperPersonRe ??= new RegExp(
    `(?<![\\p{L}\\p{N}])(${UPPER_WORD})(?:[ \\t]+(${UPPER_WORD}))?[ \\t]+(${UPPER_WORD})(?![\\p{L}\\p{N}])`,
    'gu',
  ));
const LOWER_CUE = [
  '(?:vår|min|mina|våra)[ \\t]+(?:konsult|kollega|kandidat|medarbetare|underkonsult|projektledare|anställd[ae]?|referens)',
  'konsulten',
  'kandidaten',
  'kollegan',
  'referenspersonen',
  'jag heter',
  'hon heter',
  'han heter',
  'mitt namn är',
].join('|');
let lowerPersonRe: RegExp | null = null;
const LOWER_PERSON_RE = () =>
  (lowerPersonRe ??= new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${LOWER_CUE})[ \\t]*,?[ \\t]+(\\p{Ll}+(?:-\\p{Ll}+)?)(?:[ \\t]+(\\p{Ll}+))?(?![\\p{L}\\p{N}])`,
    'dgiu',
  ));

/** "Sven-Åke", "Anna-Lena": a double given name is given when each part is. */
const given = (w: string | undefined) =>
  w !== undefined &&
  (GIVEN_NAMES.has(w.toLowerCase()) ||
    (w.includes('-') && w.split('-').every((p) => GIVEN_NAMES.has(p.toLowerCase()))));
const surname = (w: string | undefined) =>
  w !== undefined && !NOT_A_SURNAME.has(w.toLowerCase()) && !NOT_A_SURNAME.has(w.toLowerCase().replace(/s$/u, ''));

// A file named after a person: "amanda_nilsson_cv.pdf", "CV-Karl-Svensson.docx".
// Gate: the file extension.
const FILE_NAME_RE = gated(
  /\.(?:pdf|docx?|odt|rtf|txt|xlsx?|zip)/iu,
  () =>
    '(?<![\\p{L}\\p{N}_.-])[\\p{L}\\p{N}]+(?:[_.-][\\p{L}\\p{N}]+)*\\.(?:pdf|docx?|odt|rtf|txt|xlsx?|zip)(?![\\p{L}\\p{N}])',
  'giu',
);
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
  for (const m of matchesIn(FILE_NAME_RE, text)) {
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

/** Capitals that are acronyms, never a surname: "ANNA IT", "EVA HR". */
const ACRONYMS = new Set(
  'it hr ab hb kb pr ux ui ai ml bi qa vd cv eu se ok aws gcp sql api crm erp sla gdpr osl lou moms devops'.split(' '),
);
const upperSurname = (w: string) => !ACRONYMS.has(w.toLowerCase()) && surname(w);

/** Every part of a given name ("anna" and "lena" of "anna-lena"), for mayNameSomeone. */
const GIVEN_NAME_PARTS: ReadonlySet<string> = new Set([...GIVEN_NAMES].flatMap((n) => [n, ...n.split('-')]));
const LETTER_RUN_RE = /\p{L}+/gu;

/**
 * Whether a run of letters in the text is a given name or part of one. The
 * person expressions below keep a match only when its first word is a given
 * name (given()), and that word, or its part before a hyphen, is a whole run
 * of letters: a text without one cannot name anyone, and they are not run.
 */
export function mayNameSomeone(text: string): boolean {
  for (const m of text.matchAll(LETTER_RUN_RE)) if (GIVEN_NAME_PARTS.has(m[0].toLowerCase())) return true;
  return false;
}

function otherCases(text: string, named: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const m of named ? text.matchAll(UPPER_PERSON_RE()) : []) {
    const [whole, first, second, last] = m;
    if (!given(first) || WORD_LIKE_GIVEN.has(first!.toLowerCase())) continue;
    if ((second === undefined || given(second) || upperSurname(second)) && upperSurname(last!)) {
      out.push({ start: m.index, end: m.index + whole.length, kind: 'name', priority: 3 });
    } else if (second !== undefined && upperSurname(second)) {
      // "ANNA SVENSSON IT": the name is the first two words.
      out.push({ start: m.index, end: m.index + whole.indexOf(second) + second.length, kind: 'name', priority: 3 });
    }
  }
  for (const m of named ? text.matchAll(LOWER_PERSON_RE()) : []) {
    const [s, e] = m.indices?.[1] ?? [0, 0];
    const first = m[1] ?? '';
    if (!/^\p{Ll}/u.test(first) || !given(first) || WORD_LIKE_GIVEN.has(first)) continue;
    const second = m[2];
    const end = second !== undefined && SURNAME_ENDING.test(second) ? (m.indices?.[2]?.[1] ?? e) : e;
    out.push({ start: s, end, kind: 'name', priority: 3 });
  }
  for (const m of matchesIn(OWNER_COMPANY_RE, text)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'company', priority: 4 });
  }
  return out;
}

export function findPeople(text: string): Candidate[] {
  const named = mayNameSomeone(text);
  const out: Candidate[] = [...namedFiles(text), ...otherCases(text, named)];
  if (!named) return out;
  const re = new RegExp(PERSON_SOURCE, 'dgu');
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

/**
 * A person named in full is often named again by one part: "Vi offererar Karl
 * Svensson. Karl har …". Every further occurrence of a distinctive part of a
 * name found in the text is masked too (as the asker's own name is); parts
 * that are also words ("Per", "Berg") and particles are left alone.
 */
export function echoesOf(text: string, names: readonly string[]): Candidate[] {
  const parts = new Set<string>();
  for (const name of names) {
    if (!/^\p{L}[\p{L}'’ \t-]*$/u.test(name)) continue;
    for (const part of name.split(/[ \t]+/u)) {
      const bare = part.replace(/(?::s|['’]s)$/u, '');
      const lower = bare.toLowerCase();
      if (bare.length < 3 || WORD_LIKE_GIVEN.has(lower) || COMMON_WORD_NAMES.has(lower) || NOT_A_SURNAME.has(lower))
        continue;
      parts.add(bare);
    }
  }
  const out: Candidate[] = [];
  for (const part of parts) {
    // Capitalised where it was found capitalised: "Karl", not the "karl" of a URL or a word.
    const src = /^\p{Lu}/u.test(part) ? `${escapeRegex(part[0]!)}${ci(part.slice(1).toLowerCase())}` : ci(part);
    const re = new RegExp(`${WB_START}${src}(?::s|['’]s|s)?${WB_END}`, 'gu');
    for (const m of text.matchAll(re))
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'name', priority: 3 });
  }
  return out;
}
