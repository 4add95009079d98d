/**
 * Finds who is speaking: the asker's own name and organisation (known from
 * the channel or --as/--org), other company names recognisable by their legal
 * form (AB, HB, Ltd, Oy, ...), and names or employers introduced by the
 * supplier ("jag heter ...", "vi på ...", "min kollega ..."). Deliberately
 * conservative: a capitalised word alone is never enough, so the buying
 * authority and document names stay readable.
 */
import type { Candidate } from './contacts.js';
import { type Gated, gated, matchesIn } from './gate.js';
import {
  COMMON_WORD_NAMES,
  COMPANY_SUFFIXES,
  ci,
  ciAny,
  escapeRegex,
  NOT_A_NAME,
  WB_END,
  WB_START,
} from './lexicon.js';

const GENITIVE = "(?::s|['’]s|s)?";
const SUFFIX_ALT = COMPANY_SUFFIXES.join('|');
// Case-insensitive: an --org typed as "nord konsult ab" still has a distinctive part.
const SUFFIX_TAIL_RE = new RegExp(`(?:[\\s,]+(?:${SUFFIX_ALT}))+\\.?$`, 'iu');

function lettersOf(s: string): number {
  return s.replace(/[^\p{L}]/gu, '').length;
}

/** A literal as a regex source that tolerates any run of white space between words. */
function flexible(literal: string): string {
  return literal.trim().split(/\s+/).map(escapeRegex).join('\\s+');
}

/** The organisation's distinctive part: "Konsultbolaget Nord AB (publ)" -> "Konsultbolaget Nord". */
export function orgCore(org: string): string {
  let core = org.trim().replace(/\s*\(publ\)\s*$/i, '');
  core = core.replace(SUFFIX_TAIL_RE, '');
  core = core.replace(/^(?:Aktiebolaget|AB)\s+/iu, '');
  return core.trim();
}

function pushAll(out: Candidate[], re: RegExp | Gated, text: string, make: (m: RegExpExecArray) => Candidate | null) {
  for (const m of re instanceof RegExp ? text.matchAll(re) : matchesIn(re, text)) {
    const c = make(m);
    if (c && c.end > c.start) out.push(c);
  }
}

function isGenitive(matched: string, base: string): boolean {
  return matched.length > base.length && /(?::s|['’]s|s)$/u.test(matched) && !/s$/iu.test(base.trim());
}

export function findAskerOrg(text: string, org: string | null | undefined): Candidate[] {
  if (!org || lettersOf(org) < 2) return [];
  const out: Candidate[] = [];
  const core = orgCore(org);
  const forms = new Set<string>([org.trim()]);
  if (lettersOf(core) >= 2) forms.add(core);
  // "NordKonsult", "Nord-Konsult" for "Nord Konsult AB".
  if (/\s/.test(core)) {
    forms.add(core.replace(/\s+/g, ''));
    forms.add(core.replace(/\s+/g, '-'));
  }
  out.push(...findBrand(text, core));
  for (const form of forms) {
    const singleWord = !/\s/.test(form);
    const risky = singleWord && (form.length < 4 || COMMON_WORD_NAMES.has(form.toLowerCase()));
    const src = `${WB_START}${flexible(form)}(?:\\s+(?:${SUFFIX_ALT}))?(?:\\s*\\(publ\\))?${GENITIVE}${WB_END}`;
    const re = new RegExp(src, risky ? 'gu' : 'giu');
    pushAll(out, re, text, (m) => ({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'org',
      genitive: isGenitive(m[0].replace(/\s*\(publ\)/i, ''), form) && !/(?:AB|HB|KB)$/u.test(m[0]),
      priority: 6,
    }));
  }
  return out;
}

/** First words of company names that say what, not who ("Konsultbolaget", "Nordic", "Data"). */
const GENERIC_ORG_WORDS = new Set([
  'konsultbolaget',
  'bolaget',
  'företaget',
  'konsult',
  'konsulting',
  'consulting',
  'consult',
  'data',
  'tech',
  'the',
  'svenska',
  'svensk',
  'sverige',
  'sweden',
  'swedish',
  'nordic',
  'nordiska',
  'nordisk',
  'baltic',
  'digital',
  'group',
  'gruppen',
  'solutions',
  'system',
  'systems',
  'teknik',
  'management',
  'partner',
  'partners',
  'advisory',
  'rådgivning',
  'global',
  'international',
  'scandinavian',
  'skandinaviska',
  'smart',
  'cloud',
  'software',
  'första',
  'first',
  'aktiebolaget',
]);
const BRAND_PREPOSITIONS = ciAny(['på', 'hos', 'från', 'vid', 'inom', 'via', 'för', 'av', 'till', 'med']);

/**
 * The brand people use for short: "Kodfabriken" for "Kodfabriken i Norr AB".
 * Capitalised it is masked anywhere; in lower case (chat style) only where it
 * plainly names a place of work ("vi på kodfabriken", "kodfabriken här"), so a
 * brand that is also a word ("Insikt Labs") does not eat "insikt" elsewhere.
 */
function findBrand(text: string, core: string): Candidate[] {
  const words = core.split(/\s+/u);
  const brand = words[0] ?? '';
  if (words.length < 2 || lettersOf(brand) < 5) return [];
  const lower = brand.toLowerCase();
  if (GENERIC_ORG_WORDS.has(lower) || COMMON_WORD_NAMES.has(lower)) return [];
  const capital = `${escapeRegex(brand[0]!.toUpperCase())}${ci(brand.slice(1))}`;
  const res = [
    new RegExp(`${WB_START}${capital}${GENITIVE}${WB_END}`, 'gu'),
    new RegExp(`(?<=${WB_START}(?:${BRAND_PREPOSITIONS})[ \\t]+)${ci(brand)}${GENITIVE}${WB_END}`, 'gu'),
    new RegExp(`${WB_START}${ci(brand)}(?=[ \\t]+(?:här|here)${WB_END})`, 'gu'),
  ];
  const out: Candidate[] = [];
  for (const re of res) {
    pushAll(out, re, text, (m) => ({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'org',
      genitive: isGenitive(m[0], brand),
      priority: 6,
    }));
  }
  return out;
}

/** A name part as a pattern: case-insensitive, except parts that are also ordinary words ("Per", "Berg"). */
const NAME_PARTICLES = new Set([
  'von',
  'af',
  'av',
  'de',
  'van',
  'der',
  'den',
  'del',
  'da',
  'di',
  'la',
  'le',
  'du',
  'zu',
]);

function namePartSource(part: string): string {
  if (COMMON_WORD_NAMES.has(part.toLowerCase()) || part.length < 3) {
    const first = part[0] ?? '';
    return `${escapeRegex(first.toUpperCase())}${ci(part.slice(1).toLowerCase())}`;
  }
  return ci(part);
}

export function findAskerName(text: string, name: string | null | undefined): Candidate[] {
  if (!name || lettersOf(name) < 2) return [];
  const out: Candidate[] = [];
  const parts = name
    .trim()
    .split(/[\s._@,]+/)
    .filter((p) => lettersOf(p) >= 2);
  if (parts.length === 0) return [];
  const sources = new Set<string>();
  // Nobiliary particles ("von Essen", "af Klint") belong to the full name but are never masked alone.
  if (parts.length > 1) {
    const full = (ps: string[]) =>
      ps.map((p) => (NAME_PARTICLES.has(p.toLowerCase()) ? ci(p) : namePartSource(p))).join('\\s+');
    sources.add(full(parts));
    // Directories write "Andersson, Johan"; people write "Johan Andersson" (and the other way round).
    sources.add(full([...parts].reverse()));
  }
  for (const p of parts) if (!NAME_PARTICLES.has(p.toLowerCase())) sources.add(namePartSource(p));
  for (const src of sources) {
    const re = new RegExp(`${WB_START}(?:${src})${GENITIVE}${WB_END}`, 'gu');
    pushAll(out, re, text, (m) => ({ start: m.index, end: m.index + m[0].length, kind: 'name', priority: 5 }));
  }
  return out;
}

// A word of a company name: starts with a capital or digit ("3D Konsult AB", "IBM").
const CO_WORD = "[\\p{Lu}\\p{N}][\\p{L}\\p{N}'’&.-]*[\\p{L}\\p{N}]|[\\p{Lu}]";
// Lower-case "i", "&" and "of" may join the words ("Data Partner i Umeå AB"); "och" may not, or
// "Arbetsförmedlingen och Nord AB" would become one company.
const CO_WORDS = `(?:${CO_WORD})(?:[ \\t]+(?:&[ \\t]+|i[ \\t]+|of[ \\t]+)?(?:${CO_WORD})){0,5}`;
// Gates: the legal form after a blank; "AB" or "Aktiebolaget" before one.
const COMPANY_RE = gated(
  new RegExp(`[ \\t](?:${SUFFIX_ALT})`, 'u'),
  () =>
    `${WB_START}(${CO_WORDS})[ \\t]+(?:${SUFFIX_ALT})(?:[ \\t]*\\(publ\\))?(:s|s)?${WB_END}(?:\\.(?=[ \\t]+\\p{Ll}))?`,
  'gu',
);
const COMPANY_PREFIX_RE = gated(
  /(?:AB|Aktiebolaget)[ \t]/u,
  () => `${WB_START}(?:AB|Aktiebolaget)[ \\t]+(${CO_WORDS})${GENITIVE}${WB_END}`,
  'gu',
);

/** Drops leading (or trailing) words such as "Vi", "Om", "Hej" that a sentence start capitalised. */
function trimNonNameWords(text: string, start: number, end: number, fromEnd: boolean): [number, number] | null {
  let s = start;
  let e = end;
  const wordRe = /[\p{L}\p{N}'’&.-]+/gu;
  for (;;) {
    const words = [...text.slice(s, e).matchAll(wordRe)];
    if (words.length === 0) return null;
    const w = fromEnd ? words[words.length - 1]! : words[0]!;
    const bare = w[0].replace(/[.'’]+$/u, '').toLowerCase();
    const connector = bare === 'och' || bare === 'and' || bare === '&';
    if (!NOT_A_NAME.has(bare) && !connector) return [s, e];
    if (fromEnd) e = s + w.index;
    else s = s + w.index + w[0].length;
    while (s < e && /\s/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    if (s >= e) return null;
  }
}

export function findCompanies(text: string): Candidate[] {
  const out: Candidate[] = [];
  pushAll(out, COMPANY_RE, text, (m) => {
    const nameEnd = m.index + (m[1]?.length ?? 0);
    const trimmed = trimNonNameWords(text, m.index, nameEnd, false);
    // "10 KB" is a file size, not a company: the name needs a capital letter.
    if (!trimmed || !/\p{Lu}/u.test(text.slice(trimmed[0], nameEnd))) return null;
    return { start: trimmed[0], end: m.index + m[0].length, kind: 'company', genitive: Boolean(m[2]), priority: 4 };
  });
  pushAll(out, COMPANY_PREFIX_RE, text, (m) => {
    const trimmed = trimNonNameWords(text, m.index, m.index + m[0].length, true);
    if (!trimmed) return null;
    return { start: m.index, end: trimmed[1], kind: 'company', priority: 4 };
  });
  return out;
}

// A person's name: one to three capitalised words ("Anna", "Anna-Karin Lind").
const NAME_WORD = '\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?';
const NAME_WORDS = `${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,2}`;
const NAME_END = '(?![\\p{L}\\p{N}-])';

const NAME_TRIGGERS = ciAny([
  'jag heter',
  'hon heter',
  'han heter',
  'hen heter',
  'konsulten heter',
  'mitt namn är',
  'my name is',
  "I'm",
  'I am',
  'jag är',
  'namn:',
  'min kollega',
  'mina kollegor',
  'kollegan',
  'vår kollega',
  'våra kollegor',
  'min medarbetare',
  'vår medarbetare',
  'medarbetaren',
  'vår konsult',
  'konsulten',
  'vår underkonsult',
  'underkonsulten',
  'min chef',
  'vår vd',
  'vd',
  'ceo',
  'säljchef',
  'konsultchef',
  'firmatecknare',
  'firmatecknaren',
  'vår anställde',
  'vår anställda',
  'vår säljare',
  'my colleague',
  'our consultant',
  'min konsult',
  'mina konsulter',
  'vår kandidat',
  'kandidaten',
  'referensperson',
  'referenspersonen',
  'cv för',
  'cv:t för',
  'cv:n för',
]);
// Gate: the trigger and a blank.
const CONTEXT_NAME_RE = gated(
  new RegExp(`(?:${NAME_TRIGGERS})[ \\t]`, 'u'),
  () => `${WB_START}(?:${NAME_TRIGGERS})[ \\t]+(${NAME_WORDS})(${GENITIVE})${NAME_END}`,
  'dgu',
);

const ORG_WORD = "[\\p{Lu}\\p{N}][\\p{L}\\p{N}'’&-]*";
const ORG_WORDS = `${ORG_WORD}(?:[ \\t]+(?:&[ \\t]+)?${ORG_WORD}){0,4}(?:[ \\t]+(?:${SUFFIX_ALT}))?`;
const SUBJECT = `${ci('jag')}|${ci('vi')}|I|[Ww]e`;
const WORKS = ciAny(['arbetar', 'jobbar', 'är anställd', 'är anställda', 'work', 'am working', 'are working']);
const WE_AT = `(?:${ci('vi')}|${ci('oss')}|[Ww]e)[ \\t]+(?:${ciAny(['på', 'hos', 'at'])})`;
const COMES_FROM = ciAny([
  'representerar',
  'företräder',
  'kommer från',
  'ringer från',
  'skriver från',
  'hör av mig från',
  'hör av oss från',
  'mejlar från',
]);
const WE_ARE_CALLED = `(?:${ci('vi')}|We)[ \\t]+(?:${ciAny(['heter', 'are called'])})`;
// Each gated by its verb or its "vi på" (the same source and flags): most questions hold none.
const CONTEXT_ORG_RES = [
  // "jag arbetar som säljare på X", "vi jobbar hos X", "I work for X". Not Swedish "för"
  // or "inom": "vi arbetar för Skatteverket" names a client, "inom IT-branschen" a field.
  gated(
    new RegExp(`(?:${WORKS})`, 'u'),
    () =>
      `${WB_START}(?:${SUBJECT})(?:[ \\t]+\\p{Ll}+){0,2}[ \\t]+(?:${WORKS})(?:[ \\t]+(?:som|as)[ \\t]+[^.!?\\n]{1,50}?)?[ \\t]+(?:${ciAny(['på', 'hos', 'vid', 'at', 'for'])})[ \\t]+(${ORG_WORDS})`,
    'dgu',
  ),
  // "vi på X", "oss hos X"
  gated(new RegExp(WE_AT, 'u'), () => `${WB_START}${WE_AT}[ \\t]+(${ORG_WORDS})`, 'dgu'),
  // "jag representerar X", "vi kommer från X"
  gated(
    new RegExp(`(?:${COMES_FROM})`, 'u'),
    () => `${WB_START}(?:${SUBJECT})[ \\t]+(?:${COMES_FROM})[ \\t]+(${ORG_WORDS})`,
    'dgu',
  ),
  // "Vi heter X": a firm introducing itself ("jag heter" introduces a person, see CONTEXT_NAME_RE).
  gated(new RegExp(WE_ARE_CALLED, 'u'), () => `${WB_START}${WE_ARE_CALLED}[ \\t]+(${ORG_WORDS})`, 'dgu'),
];

/**
 * Public bodies are never the supplier: "vi arbetar på Arbetsförmedlingen idag"
 * names the buyer or a client, which must stay readable.
 */
const PUBLIC_BODY_RE =
  /^(?:Region|Statens|Sveriges|Riksdagens)\s|(?:verket|förmedlingen|kassan|myndigheten|styrelsen|inspektionen|kollegiet|nämnden|rådet|centralen|ämbetet|domstolen|universitet|universitetet|högskola|högskolan|kommun|kommuner|regionen|landstinget|stad)$/iu;

export function findIntroduced(text: string): Candidate[] {
  const out: Candidate[] = [];
  pushAll(out, CONTEXT_NAME_RE, text, (m) => {
    const [s, e] = m.indices?.[1] ?? [0, 0];
    const trimmed = trimNonNameWords(text, s, e, true);
    if (!trimmed) return null;
    const both = trimNonNameWords(text, trimmed[0], trimmed[1], false);
    if (!both) return null;
    const end = both[1] === e ? (m.indices?.[2]?.[1] ?? e) : both[1];
    return { start: both[0], end, kind: 'name', priority: 3 };
  });
  for (const re of CONTEXT_ORG_RES) {
    pushAll(out, re, text, (m) => {
      const [s, e] = m.indices?.[1] ?? [0, 0];
      const head = trimNonNameWords(text, s, e, false);
      if (!head) return null;
      const both = trimNonNameWords(text, head[0], head[1], true);
      if (!both || !/^\p{Lu}/u.test(text.slice(both[0]))) return null;
      const phrase = text.slice(both[0], both[1]);
      if (PUBLIC_BODY_RE.test(phrase) || phrase.split(/[\s-]+/u).some((w) => PUBLIC_BODY_RE.test(w))) return null;
      let end = both[1];
      const gen = /^(?::s|['’]s)/u.exec(text.slice(end));
      if (gen) end += gen[0].length;
      return { start: both[0], end, kind: 'org', genitive: Boolean(gen), priority: 2 };
    });
  }
  return out;
}

/** Words that end a company name after a person's or brand's name: "Svensson IT", "Ek & Partners". */
export const COMPANY_TAIL_WORDS = [
  'IT',
  'Data',
  'Konsult',
  'Konsulting',
  'Consulting',
  'Consult',
  'Group',
  'Gruppen',
  'Solutions',
  'Tech',
  'Teknik',
  'Bygg',
  'Service',
  'Services',
  'Digital',
  'Systems',
  'System',
  'Partner',
  'Partners',
  'Sverige',
  'Sweden',
  'Nordic',
  'Design',
  'Development',
  'Utveckling',
  'Media',
  'Software',
  'Labs',
  'Studio',
  'Management',
  'Advisory',
  'Analys',
  'Innovation',
  'Cloud',
  'Security',
  'Co',
  'Söner',
  'Holding',
  'Invest',
].join('|');
// "IT-konsult", "Data-tjänster": a compound whose second part also says "company" (not "IT-chef", a role).
const TAIL_COMPOUND =
  '(?:-(?:konsult|konsulter|konsulting|consulting|tjänster|partner|partners|service|gruppen|bolaget))?';
const COMPANY_TAIL_RE = new RegExp(
  `^(?:[ \\t]+(?:&[ \\t]+)?(?:${COMPANY_TAIL_WORDS})${TAIL_COMPOUND}(?![\\p{L}\\p{N}-]))+(?:[ \\t]+(?:${SUFFIX_ALT})(?![\\p{L}\\p{N}]))?`,
  'u',
);

/**
 * A masked name with a company word after it is a company: "Svensson IT"
 * must become "[företaget]", not "[namn] IT", which still points at the firm.
 */
export function withCompanyTail(text: string, masks: readonly Candidate[]): Candidate[] {
  return masks.map((m) => {
    if (m.kind !== 'name' && m.kind !== 'org' && m.kind !== 'company') return m;
    const tail = COMPANY_TAIL_RE.exec(text.slice(m.end));
    if (!tail) return m;
    return { ...m, end: m.end + tail[0].length, kind: m.kind === 'name' ? 'company' : m.kind, genitive: false };
  });
}
