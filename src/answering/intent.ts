/**
 * What kind of question this is, from its wording alone:
 * - questions that belong to the buyer whatever the documents say (change
 *   requests, proposals, questions about other suppliers, the evaluation
 *   outcome, or the buyer's judgement of one's own bid);
 * - the kind of answer expected (a date, a number, a person, a place), which
 *   helps choose between sentences that cover the same words.
 * Patterns describe Swedish (and English) question forms in general, never one question.
 */
import { normalize } from '../retrieval/analyzer.js';

export type AnswerKind =
  | 'date'
  | 'duration'
  | 'number'
  | 'amount'
  | 'contact'
  | 'address'
  | 'place'
  | 'list'
  | 'manner'
  | 'none';

export interface QuestionIntent {
  /** Set when the question is for the buyer to decide: why, in English (for logs and tests). */
  buyerDecision: string | null;
  kinds: AnswerKind[];
  /** "Hur många leverantörer ...": the word counted, which the number in the answer must count. */
  counted: string | null;
  /** "Vad är X?", "Vad betyder X?": asks what something is. */
  definition: boolean;
}

/**
 * Word boundaries that know å, ä and ö (JavaScript's \b only knows ASCII letters).
 * Latin letters and digits, not \p{L}: questions are normalised Swedish text, and
 * \p{L} in some forty lookarounds cost ~70 ms of regex compilation per process.
 */
const W = '0-9A-Za-zÀ-ÖØ-öø-ÿ';
const B = `(?:(?<![${W}])(?=[${W}])|(?<=[${W}])(?![${W}]))`;
function u(pattern: RegExp | string): RegExp {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  return new RegExp(source.replace(/\\b/g, B), 'u');
}

const YOU = '(?:ni|myndigheten|beställaren|köparen|ni inte|du|you)';
const CHANGE_VERBS =
  '(?:ändra|ändras|justera|justeras|ta bort|tas bort|stryka|strykas|lägga till|läggas till|sänka|sänkas|höja|höjas|' +
  'tillåta|tillåtas|godta|godtas|acceptera|överväga|byta|korrigera|revidera|omformulera|mildra|utöka|minska|' +
  'skjuta upp|flytta|förlänga|senarelägga|tidigarelägga|ompröva|göra undantag|frångå|ställa om|change|amend|modify|remove|delete|' +
  'accept|consider|allow|lower|raise|reduce|increase|relax|postpone|extend the deadline|waive)';

const BUYER_DECISION: Array<[string, RegExp]> = [
  // "Kan ni ändra avsnitt 8.5.1 så att ...", "Skulle ni kunna acceptera ...", "Är det möjligt för er att ändra ..."
  [
    'change request',
    u(
      `\\b(?:kan|kunde|skulle|vill|vore|går det för|är det möjligt för|could|can|would|will) ${YOU}\\b.{0,60}?\\b${CHANGE_VERBS}\\b`,
    ),
  ],
  ['change request', u(`\\b(?:möjligt|möjlighet) (?:för (?:er|myndigheten)|att få) (?:att )?${CHANGE_VERBS}\\b`)],
  [
    'change request',
    u(
      /\b(?:begär|begära|yrkar|önskar|önskemål om|vill be er|ber er|ber om) (?:att|en|ett|om)?\s?(?:ni|myndigheten|avsnitt|kravet|tiden|ändring|justering|förlängning|rättelse)\b/,
    ),
  ],
  // "... när vi begär sekretess": a clause saying when, not a request.
  [
    'proposal',
    u(
      /(?<!\b(?:när|om|då|ifall|innan|sedan|att) )\b(?:vi|jag) (?:föreslår|vill föreslå|rekommenderar|anser att|menar att|tycker att|yrkar)\b/,
    ),
  ],
  [
    'proposal',
    u(
      /(?<!\b(?:när|om|då|ifall|innan|sedan|att) )\b(?:vi|jag) (?:önskar att|önskar en|önskar ett|ber er|ber om|begär|hemställer|vill att ni|skulle vilja att ni|vill be er)\b(?! (?:(?:ett|en|er|att ni|att få|om ett|om en) )?(?:förtydlig|klargör|precisera|förklar|bekräft|besked|svar|besvara|information|upplysning))/,
    ),
  ],
  // "Är det möjligt att ändra kravet ...": the object is the documents themselves.
  [
    'change request',
    u(
      /\b(?:är det möjligt|går det|finns det möjlighet|kan man få) att (?:ändra|justera|ta bort|stryka|sänka|höja|flytta|förlänga|skjuta upp|mildra|frångå|byta) (?:på )?(?:kravet|kraven|krav|datumet|tiden|anbudstiden|avsnitt|villkoret|villkoren|formuleringen|utvärderingsmodellen|viktningen|takpriset|sista)\b/,
    ),
  ],
  ['proposal', u(/\b(?:vårt|mitt) (?:förslag|önskemål)\b|\bförslag(?:et)? (?:är|till ändring)\b|\bändringsförslag\b/)],
  ['proposal', u(/\b(?:är|vore) ni (?:villiga|beredda|öppna) att\b/)],
  [
    'proposal',
    u(/\bwe (?:propose|suggest|request|ask that|would like you to)\b|\b(?:is|are) you (?:willing|open) to\b/),
  ],
  // Other suppliers and the outcome of the evaluation.
  [
    'other suppliers',
    u(
      /\b(?:andra|övriga|konkurrerande|vilka|hur många) (?:leverantörer|anbudsgivare|ramavtalsleverantörer|företag)\b.{0,40}\b(?:lämnat|lämnar|har lämnat|svarat|deltar|ställt|frågat|anbud in)\b/,
    ),
  ],
  [
    'other suppliers',
    u(/\bhur många (?:anbud|avropssvar)\b.{0,30}\b(?:inkommit|kommit in|lämnats|har ni fått|fått in)\b/),
  ],
  ['other suppliers', u(/\b(?:other|competing) (?:suppliers|bidders|tenderers|vendors)\b/)],
  [
    'evaluation outcome',
    u(
      /\b(?:vem|vilken leverantör|vilka|vilket företag) (?:vann|vinner|har vunnit|fick kontraktet|tilldelades|har tilldelats)\b|\b(?:resultatet|utfallet) av (?:utvärderingen|avropet|upphandlingen)\b|\bhur (?:gick|har det gått)\b|\b(?:poäng|placering) (?:fick|har) (?:vi|vårt)\b|\bhar vi (?:vunnit|fått kontraktet|tilldelats)\b|\bwho (?:won|was awarded)\b/,
    ),
  ],
  // The buyer's judgement of a particular bid, consultant or CV.
  [
    'judgement',
    u(
      /\b(?:vårt|vår|våra|mitt|min|mina|our|my) (?:anbud|konsult|konsulter|kandidat|cv|cv:n|erbjudande|referens|referenser|referensuppdrag|bolag|företag|offert)\b.{0,60}\b(?:uppfyller|uppfylla|räcker|räcka|godkänd|godkänn|godkänns|kvalificerad|duger|vinna|accepteras|bedöms|bedömas|meets|qualifies|accepted)\b/,
    ),
  ],
  [
    'judgement',
    u(
      /^(?:uppfyller|uppfylls|räcker|duger|godkänns|accepteras|kvalificerar|does|do|would|will) (?:vår|vårt|våra|min|mitt|mina|our|my)\b/,
    ),
  ],
  ['judgement', u(/\b(?:bedömer|anser|tycker) (?:ni|myndigheten)\b|\bvad tycker ni\b|\bi er bedömning\b/)],
];

const KIND_PATTERNS: Array<[AnswerKind, RegExp]> = [
  [
    'date',
    u(
      /\b(?:när|datum|vilken dag|vilket datum|(?<!inom )vilken tid|vilket klockslag|klockan|hur dags|senast|sista dag|sista dagen|tidpunkt|till och med|deadline|when|date|what time|due|until)\b/,
    ),
  ],
  [
    'duration',
    u(
      /\b(?:hur länge|hur lång|hur långa|hur långt|hur gammal|hur gamla|hur gammalt|tidsfrist|inom vilken tid|how long|how old|within what time)\b/,
    ),
  ],
  ['number', u(/\b(?:hur många|hur mycket|antal|antalet|hur stor|hur hög|procent|how many|how much)\b/)],
  // "Vad är takpriset?", "Hur mycket är budgeten?": a sum of money, not just any number.
  [
    'amount',
    u(
      /\b(?:vad är|vad blir|vilket|vilken|vilka|hur mycket|hur hög|hur höga|högsta|lägsta|maximala|what is|what are|how much)\b.{0,40}\b(?:tak|tim|total|fast|kontrakts|uppdrags|avtals|anbuds|avrops|års|månads)?(?:pris|kostnad|belopp|budget|ersättning|arvode|lön|avgift|värde|price|cost|rate|fee|salary|value)/,
    ),
  ],
  // Asking for the number or the address itself: a sentence without one does not answer.
  [
    'address',
    u(/\b(?:telefonnummer|e-postadress|mejladress|epostadress|mailadress|phone number|e-mail address|email address)\b/),
  ],
  [
    'contact',
    u(
      /\b(?:vem|vilka personer|kontaktperson|kontakt|vänder (?:jag|vi|man) (?:mig|oss|sig)|telefonnummer|e-postadress|mejladress|epostadress|who|contact|phone|e-mail address|email address)\b/,
    ),
  ],
  [
    'place',
    u(/^(?:var|vart)\b|\b(?:var (?:ska|sker|kommer|finns|ligger|utförs)|vilken ort|vilken plats|på plats|where)\b/),
  ],
  ['list', u(/^(?:vilka|which|what are)\b|\b(?:lista|vilka (?:bilagor|dokument|krav|handlingar|delar))\b/)],
  [
    'manner',
    u(/^(?:hur|how)\b(?! (?:många|mycket|stor|stora|länge|lång|långt|ofta|gammal|gamla|many|much|long|often|old)\b)/),
  ],
];

/** Question words typed without å, ä and ö ("nar", "ar", "far") read as written with them. */
const UNFOLDED: Record<string, string> = {
  nar: 'när',
  ar: 'är',
  far: 'får',
  pa: 'på',
  for: 'för',
  manga: 'många',
  maste: 'måste',
  langa: 'långa',
  lange: 'länge',
  vart: 'vart',
};

function unfoldFunctionWords(q: string): string {
  if (/[åäö]/.test(q)) return q;
  return q.replace(/[a-z]+/g, (w) => UNFOLDED[w] ?? w);
}

/** A clause that already asks: it opens with a question word, after at most a greeting ("Hej, hur ..."). */
const OPENS_ASKING =
  /^\s*(?:\p{L}+[,!]?\s+)?(?:men\s+)?(?:hur|vad|vilken|vilket|vilka|när|var|vem|varför|how|what|which|when|where|who)(?![\p{L}])/iu;

/** Abbreviations whose full stop does not end a sentence ("t.ex. GIS", "inkl. option"). */
const ABBREVIATION_END =
  /(?:\.[a-zåäö]{1,2}|(?:^|[\s(])(?:inkl|exkl|resp|etc|ev|enl|tex|dvs|osv|mfl|pga|jfr|kr|st|ca|nr|ex|bl|obs|Inkl|Exkl|Obs))\.$/u;

/**
 * Where the question proper starts in a message that first gives its context ("Vi är ett
 * litet bolag i Göteborg. Hur mycket får konsulten arbeta på distans?"): the start of the
 * last sentence that asks (ends in "?"), moved past a lead-in that ends in ":" ("en snabb
 * fråga från oss: får man ..."). 0 when there is no context before it.
 */
export function questionStart(question: string): number {
  const ends: number[] = [0];
  // A sentence's end, a lead-in's colon, a dash before the question ("Vår VD sitter utomlands - kan ...?"),
  // and a comma before a question word that opens the asking clause ("vi är osäkra på nivån, vilken ...?").
  const boundary =
    /[.!?:]\s+|\s[-–]\s+|,\s+(?=(?:men\s+)?(?:hur|vad|vilken|vilket|vilka|när|var|vem|varför|how|what|which|when|where|who)\s)/giu;
  for (let m = boundary.exec(question); m; m = boundary.exec(question)) {
    const before = question.slice(0, m.index + 1);
    if (m[0]![0] === '.' && ABBREVIATION_END.test(before)) continue;
    // The comma rule only when the words before it ask nothing themselves ("hur meddelas X, kommer det ...?").
    if (m[0]![0] === ',' && OPENS_ASKING.test(question.slice(ends[ends.length - 1], m.index))) continue;
    ends.push(m.index + m[0]!.length);
  }
  const asks = question.lastIndexOf('?');
  if (asks < 0) return 0;
  let start = 0;
  for (const e of ends) if (e <= asks) start = e;
  return start;
}

/** The question's intent, read from its wording (the kind asked for from the question proper, not its context). */
export function questionIntent(question: string): QuestionIntent {
  const q = unfoldFunctionWords(normalize(question));
  let buyerDecision: string | null = null;
  for (const [why, re] of BUYER_DECISION) {
    if (re.test(q)) {
      buyerDecision = why;
      break;
    }
  }
  // "när vi laddar upp filerna" in a context sentence does not make "Vem kontaktar man ...?" ask for a date.
  const asked = unfoldFunctionWords(normalize(question.slice(questionStart(question))));
  let kinds = KIND_PATTERNS.filter(([, re]) => re.test(asked)).map(([k]) => k);
  // Asking for the number or address of a contact: a name alone does not answer.
  if (kinds.includes('address')) kinds = kinds.filter((k) => k !== 'contact');
  const counted = u('\\bhur många (\\p{L}+)').exec(asked)?.[1] ?? null;
  const definition = u(
    /^(?:vad är|vad betyder|vad menas med|vad innebär|vad står det i|vad står i|vad säger|what is|what are|what does)\b/,
  ).test(asked);
  return { buyerDecision, kinds: kinds.length > 0 ? kinds : ['none'], counted, definition };
}
