/**
 * Lexical evidence for the extractive composer: which of the question's
 * content-term groups a piece of text covers, and how much each group is
 * worth. Weights are relative to the retrieved passages (an inverse document
 * frequency over their sentences), so the same rule works for a 5-page and a
 * 55-page call-off: a word in every sentence proves little, a rare one much.
 * The word lists below are general Swedish and procurement vocabulary (question
 * words, light verbs, the parties of any call-off), never tuned to one document.
 */
import { looksEnglish, type SwedishAnalyzer } from '../retrieval/analyzer.js';
import { DEADLINE_HEADS, DEADLINE_TAILS, ENGLISH_TO_SWEDISH } from '../retrieval/glossary.js';
import { stemSwedish } from '../retrieval/stemmer.js';
import { foldLetters, tokenize } from '../retrieval/tokenizer.js';
import { questionStart } from './intent.js';

/** Abbreviations written in call-offs, read as their full words for matching only (quotes stay verbatim). */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\borg\.?\s?nr\.?/gi, ' organisationsnummer '],
  [/\borgnr\b/gi, ' organisationsnummer '],
  [/\btel\.(?=\s|\d)/gi, ' telefon '],
  [/\bmobil\b/gi, ' telefon mobil '],
  [/\be-?mail\b/gi, ' e-post '],
  [/\bmejl\b/gi, ' e-post '],
  [/\bt\.o\.m\.?/gi, ' till och med '],
  [/\bfr\.o\.m\.?/gi, ' från och med '],
  [/\bmoms\b/gi, ' moms mervärdesskatt '],
  [/\bexkl\.?/gi, ' exklusive '],
  [/\binkl\.?/gi, ' inklusive '],
  [/\bkl\.?(?=\s*\d)/gi, ' klockan '],
  [/\bst\.(?=\s)/gi, ' stycket '],
  [/\bdnr\.?/gi, ' diarienummer '],
];

export function expandAbbreviations(text: string): string {
  let out = text;
  for (const [re, full] of ABBREVIATIONS) out = out.replace(re, (m) => `${m} ${full}`);
  return out;
}

/**
 * Verbs and words so general that a question using them does not become
 * unanswerable when the documents happen not to use the same word: they weigh
 * little, and when the documents never use them, less than the question's real words.
 */
const LIGHT_STEMS = new Set([
  'utför',
  'utförs',
  'sker',
  'ske',
  'använd',
  'vänd',
  'innebär',
  'ingår',
  'ingå',
  'gäll',
  'hanter',
  'fung',
  'funger',
  'menas',
  'bety',
  'betyd',
  'kräv',
  'krav',
  'tillåt',
  'möj',
  'ges',
  'hitt',
  'skick',
  'sätt',
  'händ',
  'läng',
  // "avser", "ger", "pågår": verbs that frame the question ("Vilket ramavtal avser avropet?").
  'avs',
  'ger',
  // "Vad innehåller bilaga 2?": what it contains is the answer, not a word it must repeat.
  'innehåll',
  // "innan vi tar in ...": a conjunction of time, the clause after it is the topic.
  'innan',
  'tar',
  'tog',
  // "sin egen verksamhet": a possessive, not the topic.
  'egen',
  'eget',
  'egn',
  // "Vilken roll söks?", "Vad efterfrågas?": the buyer asking for something is the frame, not the topic.
  'sök',
  'efterfråg',
  'pågå',
  'pågår',
  'pågåt',
  'problem',
  // "om TendSign strular": an everyday word for a problem.
  'strul',
  'ställ',
  'tänk',
  'planer',
  'behöv',
  'önsk',
  'rätt',
  'del',
  'typ',
  'slag',
  'vilk',
  'info',
  'uppgift',
  'värd',
  'värt',
  'het',
  'står',
  'stå',
  'ligg',
  'säg',
  'säger',
  'få',
  'ta',
  'ge',
  'gå',
  'se',
  'ha',
  'in',
  'ut',
]);

/** Question words the analyzer keeps but that say nothing about the topic ("hur många", "per år"). */
const QUESTION_STEMS = new Set([
  'mång',
  'många',
  'mycket',
  'per',
  'annan',
  'andr',
  'olik',
  'exempel',
  'exempelvis',
  // Verb particles ("lämna in", "skicka ut"): part of the verb, never the topic.
  'in',
  'ut',
  'upp',
  'fram',
  'bort',
  'iväg',
  'tillbak',
  'emot',
  'via',
  // Words that point into the documents ("i avsnitt 1.8", "under punkt 3"), not at a topic.
  'avsnit',
  'avsnitt',
  'punkt',
  'kapitl',
  'kapitel',
  'styck',
  'sid',
  'sidan',
  'inn',
  'inne',
  'ute',
  // Function words as typed without å, ä and ö ("Nar ar ...", "for", "pa").
  'ar',
  'nar',
  'for',
  'pa',
  'fran',
  'over',
  'nagon',
  'nagot',
  'nagr',
  'mang',
  'far',
  'mast',
  'bad',
  'sa',
  'da',
  'ocksa',
  'aven',
  'sadan',
  // Quantifiers and counting words: the question's form, not its topic.
  'fler',
  'flera',
  // "Vilka delar av anbudet ...": which parts is the form of a list question, not its topic.
  'del',
  'delar',
  // How often or how much, not what: "ibland", "alltid".
  'ibland',
  'alltid',
  'ofta',
  'någr',
  'samtlig',
  'gång',
  'andel',
  'antal',
]);

/**
 * Words every call-off uses throughout (the parties, the bid, the assignment):
 * they locate little, so they weigh half, whatever their frequency among the
 * few passages retrieved.
 */
const DOMAIN_GENERIC = new Set([
  'anbud',
  'avrop',
  'avropsförfrågan',
  'avropssv',
  'leverantör',
  'ramavtalsleverantör',
  'anbudsgiv',
  'konsult',
  'uppdrag',
  'upphandling',
  'mynd',
  'myndig',
  'beställ',
  'köpar',
  // General nouns of time and manner: in any document, in any section.
  'tid',
  'dag',
  'år',
  'månad',
  'veck',
  'del',
  'sätt',
  'fall',
  'person',
  'form',
]);

export function isLightTerm(term: string): boolean {
  return LIGHT_STEMS.has(term);
}

export function isQuestionWord(term: string): boolean {
  return QUESTION_STEMS.has(term);
}

const MODALS = new Set(['ska', 'skall', 'kan', 'får', 'måste', 'bör', 'behöver', 'kommer', 'att', 'vill', 'kunna']);
/** Openers followed by the verb ("Hur lämnar ...", "När sker ..."); "vilken" and "vad" are followed by nouns. */
const ADVERB_OPENERS = new Set(['hur', 'när', 'var', 'vart', 'varför']);
const QUESTION_OPENERS = new Set(['hur', 'när', 'var', 'vart', 'vad', 'vem', 'vilken', 'vilket', 'vilka', 'varför']);

/**
 * Stems of the question's verbs, by form and position: a question's verb
 * ("skrivas", "utföras", "sker") is phrased freely and seldom repeated by the
 * documents, so missing it is weak evidence; missing its nouns is strong.
 */
export function verbStems(question: string): Set<string> {
  const words = tokenize(question.normalize('NFC'))
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
  const out = new Set<string>();
  words.forEach((w, i) => {
    const prev = words[i - 1];
    const prev2 = words[i - 2];
    const passive =
      w.length >= 5 && (/as$/.test(w) || (/[^aeiouyåäö]s$/.test(w) && !/(?:ens|ets|ns|ts|ars|ors|ers|ss)$/.test(w)));
    // "ska konsulten arbeta", "får konsulten max debitera": the infinitive a few words after the modal.
    const prev3 = words[i - 3];
    const afterModal =
      /(?:a|as)$/.test(w) &&
      ((prev && MODALS.has(prev)) || (prev2 && MODALS.has(prev2)) || (prev3 && MODALS.has(prev3)));
    // "Hur lämnar ...", "När sker ...", "Hur länge pågår ...": the verb right after the opener.
    const opener = prev !== undefined && (ADVERB_OPENERS.has(prev) || (SIZE_ADVERBS.has(prev) && prev2 === 'hur'));
    const afterOpener = (i === 1 || i === 2) && opener && /(?:ar|er|r)$/.test(w);
    // A yes/no question opens with its verb: "Tar ni emot ...", "Finns det ...", "Accepteras ...".
    const opening = i === 0 && !QUESTION_OPENERS.has(w) && /(?:r|s)$/.test(w);
    if (passive || afterModal || afterOpener || opening) out.add(stemSwedish(w));
  });
  if (looksEnglish(tokenize(question))) {
    // An English word the glossary does not know cannot be found in Swedish text: its absence proves nothing.
    for (const w of words) if (!(w in ENGLISH_TO_SWEDISH)) out.add(stemSwedish(w));
  }
  return out;
}

/** Term -> strength of its presence (1 for a whole word, less for a compound part or a variant). */
export type TermSet = Map<string, number>;

/** One content word of the question: the alternatives that count for it, with their credit. */
export interface QuestionGroup {
  primary: string;
  alts: ReadonlyArray<{ term: string; credit: number }>;
}

/**
 * The question's content groups, from the analyzer's, made fit for judging one sentence:
 * question words dropped, a translation's compound parts worth less than the
 * whole word, hyphenated words also matched in their joined form ("e-post" / "epost").
 */
export function questionGroups(analyzer: SwedishAnalyzer, question: string): QuestionGroup[] {
  const after = afterHur(question);
  const out: QuestionGroup[] = [];
  const byPrimary = new Map<string, QuestionGroup>();
  for (const group of analyzer.contentTermGroups(question)) {
    const primary = group[0]!;
    if (isQuestionWord(primary) || after.has(primary)) continue;
    const alts: Array<{ term: string; credit: number }> = [];
    const add = (term: string, credit: number) => {
      const known = alts.find((a) => a.term === term);
      if (known) known.credit = Math.max(known.credit, credit);
      else alts.push({ term, credit });
    };
    // "sista dag" is one concept (a deadline): "senast" proves it, a mere "10 dagar" does not.
    const deadline = DEADLINE_STEMS.has(primary);
    group.forEach((term, i) => {
      // A part of another alternative ("prövning" of "säkerhetsprövning") proves little on its own.
      const isPart = i > 0 && group.some((o) => o !== term && o.length > term.length && o.includes(term));
      const credit = i === 0 ? 1 : deadline && DEADLINE_TAIL_STEMS.has(term) ? 0.3 : isPart ? 0.45 : 0.85;
      add(term, credit);
      if (term.includes('-')) add(stemSwedish(term.replace(/-/g, '')), credit);
      // A yes/no question is often answered by the opposite word ("inklusive moms?" - "exklusive").
      for (const opposite of OPPOSITES.get(term) ?? []) add(opposite, 0.85);
    });
    const made = { primary, alts };
    // Two words the analyzer made of one ("moms" -> moms, mervärdesskatt) are one thing asked about.
    const twin = [...byPrimary.values()].find((g) => SAME_THING.get(g.primary) === primary);
    if (twin) {
      for (const a of alts) if (!twin.alts.some((t) => t.term === a.term)) (twin.alts as typeof alts).push(a);
      continue;
    }
    byPrimary.set(primary, made);
    out.push(made);
  }
  return out;
}

/** Stems of the deadline concept's head ("sista", "senaste") and of the words it joins ("dag", "datum"). */
const DEADLINE_STEMS = new Set([...DEADLINE_HEADS].map(stemSwedish));
const DEADLINE_TAIL_STEMS = new Set([...DEADLINE_TAILS].flatMap((w) => [stemSwedish(w), w]));

/**
 * Stems of words that answer each other's questions: opposites for yes/no
 * questions ("inklusive moms?" - "exklusive"), and everyday words for the
 * documents' formal ones ("heter" - "benämning", "börja" - "start").
 */
const OPPOSITES = new Map<string, string[]>([
  ['inklusiv', ['exklusiv']],
  ['exklusiv', ['inklusiv']],
  ['het', ['benämning', 'namn']],
  ['namn', ['benämning']],
  ['börj', ['start', 'påbörj']],
  ['start', ['påbörj']],
  ['slut', ['avslut']],
  ['uppskat', ['beräkn']],
  ['beräkn', ['uppskat']],
  ['anlit', ['använd']],
  ['lov', ['garant', 'garanti']],
  // "Hur skickas fakturor?" - "Inera tar emot ...".
  ['skick', ['mottag', 'emot']],
  // "max 2000 timmar?" - "får ej överstiga 2000 timmar".
  ['max', ['högst', 'maximal', 'maximalt', 'överst', 'överstig']],
  ['maximal', ['max', 'maximalt', 'högst', 'överst', 'överstig']],
  ['högst', ['max', 'maximal', 'maximalt', 'överst', 'överstig']],
  // "Vilken lägsta nivå?" - "minst kompetensnivå 4"; "närvaro i Enköping" - "på plats i Enköping".
  ['lägst', ['minst']],
  ['närvaro', ['plats', 'medverk']],
  // "Prisjustering?" - "Angivna priser ska vara fasta under hela kontraktsperioden".
  ['prisjuster', ['fast']],
]);

/** Stems the analyzer produces together from one written word (an abbreviation and its expansion). */
const SAME_THING = new Map<string, string>([['mom', 'mervärdesskat']]);

/** "Hur länge pågår ...": after these the verb follows; after "hur stora" a noun does. */
const SIZE_ADVERBS = new Set(['länge', 'ofta', 'snabbt', 'tidigt', 'långt']);

/** Words that only make "hur" a question of size or frequency ("hur stor", "hur ofta"). */
const SIZE_WORDS = new Set([
  'stor',
  'stora',
  'stort',
  'lång',
  'långa',
  'långt',
  'länge',
  'ofta',
  'hög',
  'höga',
  'högt',
  'mycket',
  'snabbt',
  'tidigt',
  'gammal',
  'gamla',
  'gammalt',
  'dyr',
  'dyrt',
]);

function afterHur(question: string): Set<string> {
  const words = tokenize(question.normalize('NFC'))
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
  const out = new Set<string>();
  words.forEach((w, i) => {
    if (i > 0 && words[i - 1] === 'hur' && SIZE_WORDS.has(w)) out.add(stemSwedish(w));
  });
  return out;
}

const MIN_PREFIX = 5;

/** How well a group is present in a text's terms, 0..1. */
export function groupPresence(group: QuestionGroup, terms: TermSet): number {
  return groupMatch(group, terms).value;
}

/**
 * How well a group is present, and the text's word behind a weak match (a shared beginning or
 * head), if that is all there is. One such word proves at most one group: "säkerhetstekniska"
 * does not stand for "säkerhetsprövad", "säkerhetsklass" and "säkerhetsskyddslagen" at once.
 */
export function groupMatch(group: QuestionGroup, terms: TermSet): { value: number; weak?: string } {
  let best = 0;
  for (const { term, credit } of group.alts) {
    const strength = terms.get(term);
    if (strength === undefined) continue;
    // A whole word or a compound part both prove the word is there.
    const value = credit * (strength >= 1 ? 1 : 0.9);
    if (value > best) best = value;
  }
  if (best > 0 || group.primary.length < MIN_PREFIX || !/^\p{L}+$/u.test(group.primary)) return { value: best };
  // A compound the splitter did not know: a shared long beginning is weak evidence, and so is
  // the question's word as the compound's last part, its head ("samverkansmodell" - "modell").
  for (const term of terms.keys()) if (prefixRelated(group.primary, term)) return { value: 0.5, weak: term };
  return { value: 0 };
}

function prefixRelated(primary: string, term: string): boolean {
  return (
    term.length >= MIN_PREFIX &&
    (term.startsWith(primary) ||
      // The text's word as the beginning of the question's longer compound: only when it is most of
      // it ("kontrakt" of "kontraktstid"), not a first part of a long one ("ärende" of "ärendehanteringssystem").
      (primary.startsWith(term) && term.length * 2 >= primary.length) ||
      (term.length >= primary.length + 3 && term.endsWith(primary)))
  );
}

/** The same question groups with their alternatives spelled without å, ä and ö. */
export function foldGroups(groups: readonly QuestionGroup[]): QuestionGroup[] {
  return groups.map((g) => ({
    primary: foldLetters(g.primary),
    alts: g.alts.map((a) => ({ term: foldLetters(a.term), credit: a.credit })),
  }));
}

export class EvidenceModel {
  private readonly cache = new Map<string, TermSet>();

  /** With `folded`, terms are spelled without å, ä and ö, to meet a question typed without them. */
  constructor(
    private readonly analyzer: SwedishAnalyzer,
    private readonly folded = false,
  ) {}

  /** The terms of a text as the analyzer indexes them (parts, variants, synonyms), with their strength. */
  terms(text: string): TermSet {
    const hit = this.cache.get(text);
    if (hit) return hit;
    const set: TermSet = new Map();
    for (const { term, weight } of this.analyzer.analyzeWeighted(expandAbbreviations(text), { mode: 'query' })) {
      const key = this.folded ? foldLetters(term) : term;
      set.set(key, Math.max(set.get(key) ?? 0, weight));
    }
    this.cache.set(text, set);
    return set;
  }
}

/**
 * Weights of the question's groups: inverse document frequency over the
 * sentences given. A group found nowhere is taken as specific (the highest
 * weight), unless it is a light word.
 */
export function groupWeights(
  groups: readonly QuestionGroup[],
  docs: readonly TermSet[],
  light: ReadonlySet<string> = new Set(),
): number[] {
  const n = Math.max(docs.length, 1);
  const maxIdf = Math.log(1 + n);
  const isLight = groups.map((g) => isLightTerm(g.primary) || light.has(g.primary));
  const absent = groups.map(() => false);
  const weights = groups.map((group, i) => {
    let df = 0;
    for (const d of docs) if (groupPresence(group, d) > 0) df++;
    absent[i] = df === 0;
    let idf = df === 0 ? maxIdf : Math.log(1 + n / df);
    if (isLight[i]) idf = Math.min(idf, 0.35 * maxIdf);
    else if (DOMAIN_GENERIC.has(group.primary)) idf *= 0.5;
    // Squared: the rare words decide; a common one missing from the sentence matters little.
    return idf * idf;
  });
  // A light word the documents never use does not outweigh the question's real words, however common those are.
  const heavy = weights.filter((_, i) => !isLight[i]);
  if (heavy.length > 0) {
    const cap = (0.5 * heavy.reduce((a, b) => a + b, 0)) / heavy.length;
    weights.forEach((w, i) => {
      if (isLight[i] && absent[i]) weights[i] = Math.min(w, cap);
    });
  }
  return weights;
}

/** Words that only name the kind of answer expected ("i procent", "vilket datum", "vilken plats"). */
const KIND_WORDS: Readonly<Record<string, readonly string[]>> = {
  date: ['datum', 'dag', 'tid', 'tidpunkt', 'klockslag', 'dat'],
  duration: ['tid', 'längd', 'lång', 'läng', 'lang'],
  number: ['procent', 'antal', 'andel', 'sift', 'siffr'],
  amount: ['belopp', 'summ'],
  place: ['plats', 'plat', 'ort', 'arbetsplats', 'arbetsplat', 'lokal', 'placering', 'placeringsort', 'adress'],
  address: ['numm', 'nummer', 'adress'],
};

/**
 * The terms that only come from the buyer's name in the question ("Arbetsförmedlingens"
 * gives arbetsförmedling, arbet, förmedling), less any that another word of the question gives too.
 */
export function nameTerms(analyzer: SwedishAnalyzer, question: string, buyer: string): Set<string> {
  const out = new Set<string>();
  if (!buyer.trim()) return out;
  const nameStems = new Set(
    tokenize(buyer)
      .filter((t) => t.kind === 'word' && t.text.length >= 3)
      .map((t) => stemSwedish(t.text)),
  );
  const others = new Set<string>();
  for (const t of tokenize(question.normalize('NFC'))) {
    if (t.kind !== 'word') continue;
    const stem = stemSwedish(t.text);
    const terms = [stem, ...(analyzer.splitter.split(t.text) ?? [])];
    const isName = [...nameStems].some((n) => stem === n || stem.startsWith(n));
    for (const term of terms) (isName ? out : others).add(term);
  }
  for (const term of others) out.delete(term);
  return out;
}

/** Drops the groups that only name the buyer ("Arbetsförmedlingens"), unless nothing else is left. */
export function withoutNames(groups: QuestionGroup[], nameTerms: ReadonlySet<string>): QuestionGroup[] {
  if (nameTerms.size === 0) return groups;
  const kept = groups.filter((g) => !nameTerms.has(g.primary));
  return kept.length > 0 ? kept : groups;
}

/** Drops the groups the expected answer kind already stands for. */
export function withoutKindWords(groups: QuestionGroup[], kinds: readonly string[], question: string): QuestionGroup[] {
  // "på plats" in a question about hours is not a where-question: only "Var ..." makes place a kind word.
  const asksWhere = /^\s*(?:var|vart|where)\b/i.test(question);
  const words = new Set(kinds.filter((k) => k !== 'place' || asksWhere).flatMap((k) => KIND_WORDS[k] ?? []));
  if (words.size === 0) return groups;
  const kept = groups.filter((g) => !words.has(g.primary));
  return kept.length > 0 ? kept : groups;
}

/**
 * The groups that only the message's context gives ("Göteborg", "senior", "uppsägningstid"
 * before "När är uppdraget tänkt att starta?"): the words the question proper does not use.
 */
export function contextOnlyGroups(
  analyzer: SwedishAnalyzer,
  question: string,
  groups: readonly QuestionGroup[],
): boolean[] {
  const text = question.normalize('NFC');
  const start = questionStart(text);
  if (start === 0) return groups.map(() => false);
  const asked = new Set(analyzer.contentTermGroups(text.slice(start)).flat());
  return groups.map((g) => !g.alts.some((a) => asked.has(a.term)) && !asked.has(g.primary));
}
