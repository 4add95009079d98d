/**
 * The words of quantities, as data: units of time, words of money and of
 * shares, and the openers of a question after a quantity. General Swedish and
 * English, never the words of one document or question; src/retrieval/quantities.ts
 * reads them, and what they count for is fitted like everything else.
 */

/**
 * Units of time, as written after a number ("24 månader", "fyra (4) veckor",
 * "45 min"): a number before one is a duration. Spelt as Swedish spells them;
 * src/retrieval/quantities.ts folds them for a question typed without å, ä, ö
 * (and only then: folded, "år" is "är").
 */
export const TIME_UNITS: ReadonlySet<string> = new Set([
  'år',
  'års',
  'åren',
  'årens',
  'månad',
  'månader',
  'månaders',
  'månaden',
  'månads',
  'mån',
  'vecka',
  'veckor',
  'veckors',
  'veckan',
  'veckas',
  'dag',
  'dagar',
  'dagars',
  'dagen',
  'dags',
  'arbetsdag',
  'arbetsdagar',
  'arbetsdagars',
  'kalenderdagar',
  'bankdagar',
  'timme',
  'timmar',
  'timmars',
  'timmen',
  'tim',
  'h',
  'minut',
  'minuter',
  'minuters',
  'min',
  'year',
  'years',
  'month',
  'months',
  'week',
  'weeks',
  'day',
  'days',
  'hour',
  'hours',
  'minutes',
]);

/** Words that, asked about ("Vilket timpris ...?", "Hur stort avdrag ...?"), want a sum of money. */
export const MONEY_WORDS: ReadonlySet<string> = new Set([
  'pris',
  'priset',
  'timpris',
  'timpriset',
  'takpris',
  'takpriset',
  'maxpris',
  'maxpriset',
  'kostnad',
  'kostnaden',
  'kostar',
  'belopp',
  'beloppet',
  'arvode',
  'arvodet',
  'avdrag',
  'avdraget',
  'avdragen',
  'vite',
  'vitet',
  'vitesbelopp',
  'ersättning',
  'ersättningen',
  'kronor',
  'kr',
  'sek',
  'price',
  'cost',
  'costs',
  'rate',
  'fee',
  'amount',
]);

/** Words that want a share ("Hur stor andel ...?", "Hur många procent ...?"). */
export const SHARE_WORDS: ReadonlySet<string> = new Set([
  'andel',
  'andelen',
  'procent',
  'procentsats',
  'omfattning',
  'omfattningen',
  'sysselsättningsgrad',
  'percentage',
  'percent',
  'share',
]);

/** Openers after which a unit of time makes a duration ("hur många veckor"), anything else a count. */
export const COUNT_ASKS: ReadonlySet<string> = new Set(['hur många', 'antal', 'antalet', 'how many']);
/** Openers that ask for a duration whatever follows. */
export const DURATION_ASKS: ReadonlySet<string> = new Set(['hur lång', 'hur långt', 'hur länge', 'how long']);
/** Openers whose verb of cost may come at the end ("How much does the training cost?"). */
export const AMOUNT_ASKS: ReadonlySet<string> = new Set(['hur mycket', 'how much']);
/** Openers that, with no word of a kind after them, ask for a quantity of any kind ("Hur mycket erfarenhet ...?"). */
export const SIZE_ASKS: ReadonlySet<string> = new Set([
  'hur mycket',
  'hur stor',
  'hur stort',
  'hur stora',
  'hur hög',
  'hur högt',
  'hur höga',
  'how much',
]);
/** Openers that ask for a quantity only with a word of money or share after them ("Vilket takpris ...?"). */
const KIND_WORD_ASKS: readonly string[] = ['vilket', 'vilken', 'vilka', 'vad', 'what', 'which'];

/** Every opener of a question after a quantity, each a word sequence: the ones above, once each. */
export const QUANTITY_ASKS: readonly string[] = [
  ...new Set([...COUNT_ASKS, ...DURATION_ASKS, ...AMOUNT_ASKS, ...SIZE_ASKS, ...KIND_WORD_ASKS]),
];
/** Number words that, before a unit of time, make a duration ("tre dagar i veckan"). */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  'en',
  'ett',
  'två',
  'tre',
  'fyra',
  'fem',
  'sex',
  'sju',
  'åtta',
  'nio',
  'tio',
  'tolv',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
]);
