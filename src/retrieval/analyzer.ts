/**
 * The Swedish analyzer: text -> index/query terms. Stop words removed,
 * Snowball-stemmed (with the "-et" fix), compounds split against a vocabulary
 * (whole and parts both kept), dates/amounts/references kept whole, and for
 * questions in English a procurement glossary that maps to Swedish terms.
 *
 * The module-level functions use a default analyzer that knows only the base
 * procurement lexicon; the knowledge base builds one per call-off that also
 * knows the call-off's own vocabulary (better compound splits).
 */
import { CompoundSplitter, type SplitterState } from './compounds.js';
import {
  ABBREVIATIONS,
  BASE_LEXICON,
  CHAT_WORDS,
  DEADLINE_HEADS,
  DEADLINE_TAILS,
  ENGLISH_TO_SWEDISH,
  LOANWORDS,
  SWEDISH_SYNONYMS,
} from './glossary.js';
import { stemSwedish, stemVariants } from './stemmer.js';
import { ENGLISH_STOPWORDS, QUESTION_FILLER, SWEDISH_STOPWORDS } from './stopwords.js';
import { foldLetters, normalize, type Token, tokenize } from './tokenizer.js';
import { HAND_SET_WEIGHTS, type QueryExpansion } from './weights.js';

export { normalize, type Token, type TokenKind, tokenize } from './tokenizer.js';

/** Bump when analysis changes: it is part of the index cache key. */
export const ANALYZER_VERSION = 'sv-analyzer-20';

/** The unit of an amount token, as the term its word gives (the tokenizer writes every sum in kronor as "kr"). */
const AMOUNT_UNITS: ReadonlyMap<string, string> = new Map([
  ['kr', 'kron'],
  ['%', 'procent'],
  ['procent', 'procent'],
]);

export interface WeightedTerm {
  term: string;
  /** 1 for the words as written; less for expansions (compound parts, synonyms, variants). */
  weight: number;
  /** Terms with the same group are alternatives for one concept of the text. */
  group: number;
}

interface Emit {
  mode: 'index' | 'query';
  /** The weights of expansions, relative to a word as written. */
  w: QueryExpansion;
  newGroup(): number;
  push(term: string, weight: number, group: number): void;
}

/** English stop words that are also ordinary Swedish words: never dropped from Swedish text. */
const SHARED_WORDS = new Set([
  'by',
  'is',
  'all',
  'man',
  'far',
  'bit',
  'den',
  'men',
  'hem',
  'full',
  'i',
  'at',
  'under',
  'over',
]);

/**
 * Expansion weights in index mode: the term frequency a compound part or stem
 * variant adds to an indexed text (and the hashed embedder's view of any text,
 * where an untranslated English word counts `englishOriginal`; the other
 * expansions are the query's only). They are part of every stored index (and
 * stored answer analysis), so they stay set by hand, apart from the query
 * weights (which a fit may move without a rebuild), and are in ANALYZER_KEY.
 */
export const INDEX_EXPANSION: Readonly<QueryExpansion> = Object.freeze({
  part: 0.5,
  variant: 0.6,
  synonym: 0.5,
  englishOriginal: 0.3,
  modifier: 0.3,
  loan: 0.8,
  manner: 0.3,
});

/**
 * What a stored index or a stored analysis of a chunk depends on in this
 * module: its version and the index-time weights, so that a change of either
 * rebuilds them without anyone having to remember a bump.
 */
export const ANALYZER_KEY = `${ANALYZER_VERSION} expansion=${JSON.stringify(INDEX_EXPANSION)}`;

/**
 * Query mode without weights passed in (the answer features' own reading of a
 * question): the hand-set values. The knowledge base passes the shipped ones.
 */
const DEFAULT_QUERY_EXPANSION: QueryExpansion = HAND_SET_WEIGHTS.expansion;
const MANNER_TERM = stemSwedish('sätt');
const DEGREE_WORDS: ReadonlySet<string> = new Set(
  (
    'lång långt långa länge stor stort stora många mycket ofta snabbt tidigt sent gammal gammalt gamla hög högt höga ' +
    'låg lågt låga liten litet små long many much often soon big large old high low'
  ).split(' '),
);

/** The index term of a word as written; a hyphenated pair is indexed joined ("e-post" -> "epost"). */
function termOf(word: string): string {
  return stemSwedish(normalize(word).replace(/-/g, ''));
}

function buildSynonymIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const group of SWEDISH_SYNONYMS) {
    const stems = group.map(termOf);
    for (const s of stems) {
      const others = stems.filter((o) => o !== s);
      index.set(s, [...new Set([...(index.get(s) ?? []), ...others])]);
    }
  }
  return index;
}

const SYNONYMS = buildSynonymIndex();
const GLOSSARY = new Map(Object.entries(ENGLISH_TO_SWEDISH).filter(([, v]) => v.trim() !== ''));

/** Expands abbreviations ("org.nr." -> "organisationsnummer") before tokenising. */
export function expandAbbreviations(text: string): string {
  let out = text;
  for (const [pattern, replacement] of ABBREVIATIONS) out = out.replace(pattern, replacement);
  return out;
}

/** A greeting that opens a message ("Hej!", "Hej Anna,", "Hello team,"): up to its punctuation. */
const GREETING =
  /^\s*(?:hej|hejsan|hallå|god morgon|goddag|hello|hi|dear|tack(?: för [^.!?\n]{1,30})?)\b[^.!?,:\n]{0,30}[!,.:\n]\s*/iu;
/**
 * A supplier's framing before the question ("Vi funderar på att lämna anbud men undrar hur ..."):
 * that they are thinking of bidding says nothing about what they ask.
 */
const BIDDING_FRAME =
  /^\s*(?:vi|jag)\s+(?:funderar på|överväger|planerar|tänker|har tänkt|avser|vill|ska|är intresserade av)\s+(?:att\s+)?(?:lämna|skicka in|inkomma med|svara på)\s+(?:ett\s+)?(?:anbud|avropssvar|avropet|förfrågan)\s*(?:,\s*)?(?:men|och)?\s*(?:undrar|vill veta|skulle vilja veta)\s+/iu;
/** "..., alltså företaget och inte konsulterna?": what the question excludes at its end is not asked about. */
const EXCLUDED_TAIL =
  /(?:\s+(?:och|men)|\s*,(?:\s*(?:och|men))?)\s+(?:inte|ej|snarare än|i stället för|istället för)\s+[^\s?.!,]+(?:\s+[^\s?.!,]+)?(?=\s*[?.!]?\s*$)/iu;
/** A signature written "/Lisa" or "// Lisa, Konsult AB" after the question. */
const SLASH_SIGNATURE = /\s\/{1,2}\s*[A-ZÅÄÖ][^?\n/]{0,60}$/u;
/** A sign-off after the question ("... Mvh Erik", "Med vänliga hälsningar, Anna AB"): to the end. */
const SIGN_OFF =
  /(?:^|[.!?\n]|\s)\s*(?:mvh|m\.v\.h\.?|vh|med vänlig(?:a)? hälsning(?:ar)?|vänlig(?:a)? hälsning(?:ar)?|bästa hälsningar|hälsningar|tack på förhand|tack i förväg|best regards|kind regards|regards|thanks in advance)\b[^?]{0,80}$/iu;

/**
 * The question without its greeting and sign-off: a signature's name or company
 * is not something the documents are asked about. Only a message's own frame is
 * removed (a greeting with its punctuation, a sign-off word and the short tail
 * after it), so document text passes through unchanged.
 */
export function withoutGreetings(text: string): string {
  const stripped = text
    .replace(SIGN_OFF, (m) => (/^[.!?]/.test(m) ? m[0]! : ''))
    .replace(SLASH_SIGNATURE, '')
    .replace(GREETING, '')
    .replace(BIDDING_FRAME, '')
    .replace(EXCLUDED_TAIL, '');
  return stripped.trim().length > 0 ? stripped : text;
}

/**
 * Swedish particle verbs whose meaning is not in their parts (Latin letter classes, not
 * \p{L}: case-insensitive Unicode classes cost tens of milliseconds to compile per process) ("skriva under" is to
 * sign, "säga upp" to terminate): read as the one verb the documents use.
 */
const PARTICLE_VERBS: ReadonlyArray<readonly [RegExp, string]> = [
  // Not "skriva på": "skrivas på svenska" is written in, not signed. The particle may
  // come after a subject or object ("skriver vi under", "skrivs kontraktet under").
  [
    /(?<![A-Za-zÀ-ÖØ-öø-ÿ])(?:skriv(?:a|er|s|es|it|its|as)|skrev)((?:\s+[A-Za-zÀ-ÖØ-öø-ÿ-]+){0,2}?)\s+under(?![A-Za-zÀ-ÖØ-öø-ÿ])/gi,
    'underteckna',
  ],
  [
    /(?<![A-Za-zÀ-ÖØ-öø-ÿ])(?:säg(?:a|er|s|as)|sade|sades|sagt)((?:\s+[A-Za-zÀ-ÖØ-öø-ÿ-]+){0,2}?)\s+upp(?![A-Za-zÀ-ÖØ-öø-ÿ])/gi,
    'uppsägning',
  ],
  [
    /(?<![A-Za-zÀ-ÖØ-öø-ÿ])(?:ta|tar|tas|tog|tagit)((?:\s+[A-Za-zÀ-ÖØ-öø-ÿ-]+){0,2}?)\s+över(?![A-Za-zÀ-ÖØ-öø-ÿ])/gi,
    'överta',
  ],
  [
    /(?<![A-Za-zÀ-ÖØ-öø-ÿ])(?:byta|byter|byts|bytas|bytte|bytt)((?:\s+[A-Za-zÀ-ÖØ-öø-ÿ-]+){0,2}?)\s+ut(?![A-Za-zÀ-ÖØ-öø-ÿ])/gi,
    'ersätta',
  ],
  [
    /(?<![A-Za-zÀ-ÖØ-öø-ÿ])(?:lämna|lämnar|lämnas|lämnade|lämnat)((?:\s+[A-Za-zÀ-ÖØ-öø-ÿ-]+){0,2}?)\s+över(?![A-Za-zÀ-ÖØ-öø-ÿ])/gi,
    'överlämna',
  ],
  // "ta in en underleverantör/konsult": to hire (not "ta in anbud", which is to receive).
  [
    /(?<![A-Za-zÀ-ÖØ-öø-ÿ])(?:ta|tar|tas|tog|tagit)\s+in()(?=\s+(?:en\s+|ett\s+|fler\s+|flera\s+)?(?:under|konsult|resurs|person|medarbet|extern))/gi,
    'anlita',
  ],
];

/** A message's chat shorthand ("elr", "ngn") as the words it stands for. */
function withChatWords(text: string): string {
  let out = text;
  for (const [pattern, replacement] of CHAT_WORDS) out = out.replace(pattern, replacement);
  return out;
}

function withParticleVerbs(text: string): string {
  let out = text;
  // The words between verb and particle stay: "skrivs kontraktet under" -> "underteckna kontraktet".
  for (const [pattern, verb] of PARTICLE_VERBS)
    out = out.replace(pattern, (_m, between: string) => `${verb}${between}`);
  return out;
}

/**
 * A capitalised word that does not start a sentence, line or label: a name.
 * Only words of 8+ letters matter here (shorter ones are not split anyway).
 */
function isProperNoun(source: string, token: Token): boolean {
  const first = source[token.start] ?? '';
  if (token.end - token.start < 8 || first === first.toLowerCase()) return false;
  for (let i = token.start - 1; i >= 0; i--) {
    const c = source[i]!;
    if (c === ' ' || c === '"' || c === "'" || c === '(' || c === '\u201d' || c === '\u201c') continue;
    return !/[.!?:;|\n\r\u2022•\-–]/.test(c) && !/\d/.test(c);
  }
  return false;
}

/** "... eller motsvarande": the second word widens the first, it is no alternative a sentence may cover alone. */
const VAGUE_ALTERNATIVES: ReadonlySet<string> = new Set([
  'motsvarande',
  'liknande',
  'annat',
  'annan',
  'andra',
  'dylikt',
  'sådant',
  'likvärdigt',
  'likvärdig',
  'similar',
  'equivalent',
  'other',
]);

/** Two words that say one thing: "sista dag", "senaste datum", "last day" (a deadline). */
function isConceptPair(first: string, second: string): boolean {
  return DEADLINE_HEADS.has(first) && DEADLINE_TAILS.has(second);
}

/** Rough language guess for a question: English when its function words are English. */
/** Swedish stop words with å, ä or ö, spelled without them ("for", "ar", "pa", "nar"). */
const FOLDED_SWEDISH_STOPWORDS: ReadonlySet<string> = new Set(
  [...SWEDISH_STOPWORDS].filter((w) => /[åäö]/.test(w)).map(foldLetters),
);

export function looksEnglish(tokens: Token[]): boolean {
  let en = 0;
  let sv = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    // Swedish typed without å, ä and ö: "for" is "för", "ar" is "är", "pa" is "på".
    if (FOLDED_SWEDISH_STOPWORDS.has(t.text)) {
      if (!ENGLISH_STOPWORDS.has(t.text)) sv++;
      continue;
    }
    if (ENGLISH_STOPWORDS.has(t.text) && !SWEDISH_STOPWORDS.has(t.text)) en++;
    if (SWEDISH_STOPWORDS.has(t.text) && !ENGLISH_STOPWORDS.has(t.text)) sv++;
    if (/[åäö]/.test(t.text)) sv++;
  }
  return en > sv;
}

export interface AnalyzeOptions {
  /**
   * Also translate English procurement words (default: in query mode only).
   * The hashed embedder uses index mode with translation: a symmetric view of
   * question and passage, without synonym expansion on either side.
   */
  translateEnglish?: boolean;
  /** Query mode adds synonyms and (for English) glossary translations; index mode indexes what is written. */
  mode: 'index' | 'query';
  /** Query mode only: the expansions' weights (default: the hand-set ones; see src/retrieval/weights.ts). */
  expansion?: QueryExpansion;
}

export class SwedishAnalyzer {
  readonly splitter: CompoundSplitter;

  /** The base procurement lexicon plus the given vocabulary (plain words, e.g. from vocabularyOf). */
  constructor(vocabulary: Iterable<string> | CompoundSplitter = []) {
    if (vocabulary instanceof CompoundSplitter) {
      this.splitter = vocabulary;
      return;
    }
    this.splitter = new CompoundSplitter(BASE_LEXICON);
    for (const w of vocabulary) this.splitter.addWord(w);
  }

  /** An analyzer from a vocabulary persisted with SwedishAnalyzer.splitter.toState(). */
  static fromState(state: SplitterState): SwedishAnalyzer {
    return new SwedishAnalyzer(CompoundSplitter.fromState(state));
  }

  /** A vocabulary for compound splitting: every plain word of the given texts. */
  static vocabularyOf(texts: Iterable<string>): string[] {
    const words = new Set<string>();
    for (const text of texts) {
      for (const t of tokenize(text)) {
        if (t.kind !== 'word') continue;
        for (const part of t.text.split(/[-']/)) if (part.length >= 3) words.add(part);
      }
    }
    return [...words];
  }

  /**
   * Terms with weights and groups. Index mode: expansions (compound parts,
   * variants) count as fractional term frequency, so "ramavtalsleverantören"
   * is not a full occurrence of "ramavtal". Query mode: terms of one group are alternatives
   * for one concept (a word, its variants and synonyms, or the Swedish
   * translations of an English word): scoring counts the best of a group once.
   */
  analyzeWeighted(text: string, opts: AnalyzeOptions = { mode: 'query' }): WeightedTerm[] {
    const prepared =
      opts.mode === 'query' ? withParticleVerbs(withChatWords(withoutGreetings(text.normalize('NFC')))) : text;
    const source = expandAbbreviations(prepared.normalize('NFC'));
    const tokens = tokenize(source);
    const english = (opts.translateEnglish ?? opts.mode === 'query') && looksEnglish(tokens);
    const out: WeightedTerm[] = [];
    let groups = 0;
    const ctx: Emit = {
      mode: opts.mode,
      w: opts.mode === 'query' ? (opts.expansion ?? DEFAULT_QUERY_EXPANSION) : INDEX_EXPANSION,
      newGroup: () => groups++,
      push: (term, weight, group) => {
        if (term.length >= 1) out.push({ term, weight, group });
      },
    };
    let previous = '';
    let previousGroup = -1;
    for (const token of tokens) {
      if (token.kind !== 'word') {
        this.specialTerms(token, ctx);
        previous = '';
        continue;
      }
      // "sista dag" is one concept (a deadline), as "senast" is: the second word joins the first's group.
      const join = isConceptPair(previous, token.text) && previousGroup >= 0 ? previousGroup : undefined;
      // "Hur lång/länge/stor ...": a degree word after "hur" shapes the question, it is not its topic.
      const modifier =
        opts.mode === 'query' && (previous === 'hur' || previous === 'how') && DEGREE_WORDS.has(token.text);
      const before = out.length;
      previousGroup = this.wordTerms(token.text, english, ctx, join, isProperNoun(source, token));
      if (modifier) for (let i = before; i < out.length; i++) out[i]!.weight *= ctx.w.modifier;
      // "Hur lämnar man anbud?" asks for a way: sections say "på följande sätt", "Tillåtna sätt att ...".
      if (opts.mode === 'query' && (previous === 'hur' || previous === 'how') && !DEGREE_WORDS.has(token.text)) {
        ctx.push(MANNER_TERM, ctx.w.manner, ctx.newGroup());
      }
      previous = token.text;
    }
    return out;
  }

  /** Returns the group of the word's own concept, or -1 when it adds none (a stop word). */
  private wordTerms(word: string, english: boolean, ctx: Emit, group?: number, properNoun = false): number {
    if (english) {
      const translation = GLOSSARY.get(word);
      if (translation) {
        // The translations are alternatives for one concept: one group, best one counts.
        const g = group ?? ctx.newGroup();
        for (const sv of translation.split(/\s+/)) this.swedishWord(normalize(sv), 1, ctx, g);
        return g;
      }
      if (ENGLISH_STOPWORDS.has(word)) return -1;
      return this.swedishWord(word, ctx.w.englishOriginal, ctx, group);
    }
    if (ENGLISH_STOPWORDS.has(word) && !SHARED_WORDS.has(word) && ctx.mode === 'index') return -1;
    const g = this.swedishWord(word, 1, ctx, group, properNoun);
    // An English loan in a Swedish question ("Vad är deadline för frågor?") that the documents
    // do not use: its Swedish translations join the word's concept.
    const loan = ctx.mode === 'query' && g >= 0 && LOANWORDS.has(word) ? GLOSSARY.get(word) : undefined;
    if (loan && !this.splitter.knows(word)) {
      for (const sv of loan.split(/\s+/)) this.swedishWord(normalize(sv), ctx.w.loan, ctx, g);
    }
    return g;
  }

  /**
   * One Swedish word (possibly hyphenated): the stem, its variants and synonyms
   * (one group), compound parts (a group each). Returns the word's group, or -1.
   */
  private swedishWord(word: string, weight: number, ctx: Emit, group?: number, properNoun = false): number {
    if (word.includes('-') || word.includes("'")) {
      const parts = word.split(/[-']/).filter((p) => p.length > 0);
      const joined = parts.join('');
      // "e-post" is also written "epost"; long hyphen chains are only useful as parts.
      if (parts.length === 2 && joined.length <= 16) {
        const g = group ?? ctx.newGroup();
        const stem = stemSwedish(joined);
        ctx.push(stem, weight, g);
        if (ctx.mode === 'query') for (const syn of SYNONYMS.get(stem) ?? []) ctx.push(syn, weight * ctx.w.synonym, g);
      }
      let last = group ?? -1;
      for (const p of parts) if (p.length >= 2) last = this.swedishWord(p, weight, ctx, group);
      return last;
    }
    if (word.length < 2 || SWEDISH_STOPWORDS.has(word)) return -1;
    const g = group ?? ctx.newGroup();
    const stem = stemSwedish(word);
    ctx.push(stem, weight, g);
    for (const v of stemVariants(stem)) ctx.push(v, weight * ctx.w.variant, g);
    if (ctx.mode === 'query') {
      for (const syn of SYNONYMS.get(stem) ?? []) ctx.push(syn, weight * ctx.w.synonym, g);
    }
    // A name ("Arbetsförmedlingen", mid-sentence and capitalised) is not split: its parts
    // ("arbete") would otherwise turn up in every section of that authority's documents.
    const parts = properNoun ? null : this.splitter.split(word);
    if (parts) {
      for (const p of parts) {
        const pg = ctx.newGroup();
        ctx.push(p, weight * ctx.w.part, pg);
        for (const v of stemVariants(p)) ctx.push(v, weight * ctx.w.part * ctx.w.variant, pg);
      }
    }
    return g;
  }

  private specialTerms(token: Token, ctx: Emit): void {
    const g = ctx.newGroup();
    ctx.push(token.text, 1, g);
    switch (token.kind) {
      case 'amount': {
        const n = /^\d+(?:[.,]\d+)?/.exec(token.text);
        if (n) ctx.push(n[0], ctx.w.part, g);
        // The unit is a word of its own too: "hur många kronor" asks about "75 kronor".
        const unit = AMOUNT_UNITS.get(token.text.replace(/^[\d.,]+/, ''));
        if (unit) ctx.push(unit, ctx.w.part, ctx.newGroup());
        break;
      }
      case 'email':
      case 'url':
      case 'reference': {
        const pieces = token.text
          .replace(/^https?:\/\//, '')
          .split(/[^\p{L}\p{N}]+/u)
          .filter((p) => p.length >= 2 && !['www', 'http', 'https', 'se', 'com', 'org', 'nu', 'net'].includes(p));
        for (const p of pieces) ctx.push(/^\p{L}+$/u.test(p) ? stemSwedish(p) : p, ctx.w.part, ctx.newGroup());
        break;
      }
      default:
        break;
    }
  }

  /** Query terms (with duplicates, in order). */
  analyze(text: string): string[] {
    return this.analyzeWeighted(text, { mode: 'query' }).map((t) => t.term);
  }

  /** Index terms (with duplicates, in order): what is written, parts and variants included. */
  analyzeForIndex(text: string): string[] {
    return this.analyzeWeighted(text, { mode: 'index' }).map((t) => t.term);
  }

  /** Index terms with their term-frequency weights (1 for words as written, less for expansions). */
  analyzeForIndexWeighted(text: string): WeightedTerm[] {
    return this.analyzeWeighted(text, { mode: 'index' });
  }

  /**
   * What a passage must cover to answer the question: one group per content
   * word, each group the alternatives that count (stem, variants, synonyms;
   * a compound's parts form groups of their own so "öppning av anbud" covers
   * "anbudsöppningen"). Question words and politeness are left out.
   */
  contentTermGroups(question: string): string[][] {
    const tokens = tokenize(
      expandAbbreviations(withParticleVerbs(withChatWords(withoutGreetings(question.normalize('NFC'))))),
    );
    const english = looksEnglish(tokens);
    const groups: string[][] = [];
    const seen = new Set<string>();
    const add = (group: string[]) => {
      const key = group[0];
      if (key === undefined || seen.has(key)) return;
      seen.add(key);
      groups.push([...new Set(group)]);
    };
    const swedishGroups = (word: string) => {
      if (word.includes('-')) {
        // A hyphenated word with synonyms ("e-postadress": e-post, mejl) is one concept, not its parts.
        const joined = termOf(word);
        const synonyms = SYNONYMS.get(joined);
        if (synonyms) add([joined, ...synonyms]);
        else for (const p of word.split('-')) if (p.length >= 2) swedishGroups(p);
        return;
      }
      if (word.length < 2 || SWEDISH_STOPWORDS.has(word) || QUESTION_FILLER.has(word)) return;
      const stem = stemSwedish(word);
      if (QUESTION_FILLER.has(stem)) return;
      // An English loan the documents do not use ("remote", "deadline"): its Swedish words cover it.
      const loan = LOANWORDS.has(word) && !this.splitter.knows(word) ? GLOSSARY.get(word) : undefined;
      if (loan) {
        add([stem, ...loan.split(/\s+/).map((sv) => termOf(normalize(sv)))]);
        return;
      }
      // A compound with synonyms of its own ("sekretessbelägga": sekretess) is one concept, not its parts.
      const own = SYNONYMS.get(stem);
      const parts = own ? null : this.splitter.split(word);
      if (parts) {
        for (const p of parts) add([p, ...stemVariants(p), ...(SYNONYMS.get(p) ?? [])]);
        return;
      }
      add([stem, ...stemVariants(stem), ...(own ?? [])]);
    };
    let previous = '';
    /** An English word: its Swedish translation as one group, or nothing for a stop word. False if neither. */
    const englishWord = (word: string): boolean => {
      const translation = GLOSSARY.get(word);
      if (translation) {
        // Alternatives of one English word form one group (any of them covers it).
        const alts = translation.split(/\s+/).flatMap((sv) => {
          const w = normalize(sv);
          const parts = w.includes('-') ? [] : this.splitter.split(w);
          return [termOf(w), ...(parts ?? [])];
        });
        add(alts);
        return true;
      }
      return ENGLISH_STOPWORDS.has(word) || QUESTION_FILLER.has(word);
    };
    // Groups made by the word after "eller" ("svenska eller engelska"): [first, end) indices.
    const alternatives: Array<[number, number]> = [];
    let open: number | null = null;
    for (const token of tokens) {
      if (open !== null) {
        if (groups.length > open) alternatives.push([open, groups.length]);
        open = null;
      }
      if (token.kind !== 'word') {
        add([token.text]);
        previous = '';
        continue;
      }
      const word = token.text;
      if ((previous === 'eller' || previous === 'or') && groups.length > 0 && !VAGUE_ALTERNATIVES.has(word)) {
        open = groups.length;
      }
      const pair = isConceptPair(previous, word);
      previous = word;
      if (pair && groups.length > 0) {
        // "sista dag": the day joins the deadline concept ("senast" covers both).
        const last = groups[groups.length - 1]!;
        const extra = english ? (GLOSSARY.get(word) ?? word).split(/\s+/).map(termOf) : [stemSwedish(word)];
        groups[groups.length - 1] = [...new Set([...last, ...extra])];
        continue;
      }
      if (english) {
        // "day-to-day", "on-site": an English compound the glossary does not know is its English parts.
        const parts = word.includes('-') && !GLOSSARY.has(word) ? word.split('-').filter((p) => p.length > 0) : [word];
        for (const part of parts) if (!englishWord(part)) swedishGroups(part);
        continue;
      }
      swedishGroups(word);
    }
    if (open !== null && groups.length > open) alternatives.push([open, groups.length]);
    // "Ska anbudet vara på svenska eller engelska?": either word answers, so the two are one concept.
    for (const [start, end] of alternatives.reverse()) {
      const merged = [...new Set([...groups[start - 1]!, ...groups.slice(start, end).flat()])];
      groups.splice(start - 1, end - start + 1, merged);
    }
    return groups;
  }

  /** The question's content terms: the first (primary) term of each content group. */
  contentTerms(question: string): string[] {
    return this.contentTermGroups(question).map((g) => g[0]!);
  }
}

let defaultAnalyzer: SwedishAnalyzer | undefined;

/** The analyzer that knows only the base procurement lexicon. */
export function getDefaultAnalyzer(): SwedishAnalyzer {
  defaultAnalyzer ??= new SwedishAnalyzer();
  return defaultAnalyzer;
}

/** Query terms of a text: stop words removed, stemmed, compounds split (parts added), English glossary applied. */
export function analyze(text: string): string[] {
  return getDefaultAnalyzer().analyze(text);
}

/** The question's content terms (what a passage must cover to answer it). */
export function contentTerms(text: string): string[] {
  return getDefaultAnalyzer().contentTerms(text);
}

/** Content terms as groups of alternatives (see SwedishAnalyzer.contentTermGroups). */
export function contentTermGroups(text: string): string[][] {
  return getDefaultAnalyzer().contentTermGroups(text);
}
