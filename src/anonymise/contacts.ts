/**
 * Finds contact details and identity numbers in a supplier's text: e-mail
 * addresses (also spelled out: "anna.ek at foretaget dot se"), URLs and bare
 * domains, Swedish phone numbers, personnummer and organisation numbers (their
 * check digits verified by the maintained `personnummer` and
 * `organisationsnummer` packages). Pure pattern matching on the compatibility-
 * normalised text (normalise.ts); the pipeline in index.ts resolves overlaps
 * with the other detectors. E-mail addresses, URLs and phone numbers are the
 * shared recognisers' (src/text/recognisers.ts), so what retrieval and the
 * answer step call a phone number is what is masked; the spelled-out and
 * chat-markup forms, bare domains and identity numbers are the anonymiser's own.
 */
import { createRequire } from 'node:module';
import { recognise } from '../text/recognisers.js';
import { DIGIT_RE, gated, matchesIn } from './gate.js';
import { ci } from './lexicon.js';

/** What is used of the two check-digit packages. */
interface IdChecker {
  valid(value: string, options?: object): boolean;
}
interface IdCheckers {
  Personnummer: IdChecker;
  Organisationsnummer: IdChecker;
}

/**
 * Both packages declare an ES default export, but their CommonJS build sets
 * module.exports to the class itself: take whichever is there.
 */
function interop(m: unknown): IdChecker {
  return (m as { default?: IdChecker }).default ?? (m as IdChecker);
}

const requireCommonJs = createRequire(import.meta.url);
let checkers: IdCheckers | null = null;

/**
 * The two check-digit packages, loaded on the first number shaped like an
 * identity number: most questions hold none, and importing both cost `ask`
 * a noticeable part of its start-up.
 */
function idCheckers(): IdCheckers {
  checkers ??= {
    Personnummer: interop(requireCommonJs('personnummer')),
    Organisationsnummer: interop(requireCommonJs('organisationsnummer')),
  };
  return checkers;
}

export type MarkKind =
  | 'name'
  | 'org'
  | 'company'
  | 'email'
  | 'phone'
  | 'personnummer'
  | 'orgnr'
  | 'url'
  | 'address'
  | 'birthdate';

/** A stretch of the ORIGINAL text to replace by a placeholder. */
export interface Candidate {
  start: number;
  end: number;
  kind: MarkKind;
  /** Genitive form ("Konsultbolaget Nords"): the placeholder takes the genitive too. */
  genitive?: boolean;
  /** Breaks ties between equally long overlapping candidates. */
  priority: number;
}

// Spelled-out addresses meant to dodge spam filters: "johan(at)knord.se", "johan [at] knord [dot] se".
// Gate: its bracketed "at".
const OBFUSCATED_EMAIL_RE = gated(
  /[([{]\s?(?:at|snabel-a)\s?[)\]}]/iu,
  () =>
    '[\\p{L}\\p{N}._%+-]+\\s?[([{]\\s?(?:at|snabel-a)\\s?[)\\]}]\\s?[\\p{L}\\p{N}-]+(?:(?:\\.|\\s?[([{]\\s?(?:dot|punkt)\\s?[)\\]}]\\s?)[\\p{L}\\p{N}-]+)+',
  'giu',
);

// Fully spelled out: "anna.ek at foretaget dot se", "anna punkt ek snabel-a foretaget punkt se".
// The address must end in a known top-level domain after a "dot"/"punkt" or ".".
const SPELLED_DOT = '(?:[ \\t]+(?:dot|punkt|pkt)[ \\t]+|\\.)';
// Gate: its "at" between blanks.
const SPELLED_EMAIL_RE = gated(
  /[ \t](?:at|snabel-?a|@)[ \t]/iu,
  () =>
    `(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}_%+-]+(?:${SPELLED_DOT}[\\p{L}\\p{N}_%+-]+)*[ \\t]+(?:at|snabel-?a|@)[ \\t]+[\\p{L}\\p{N}-]+(?:${SPELLED_DOT}[\\p{L}\\p{N}-]+)*${SPELLED_DOT}(?:se|com|nu|net|org|io|eu|fi|no|dk|de|info|biz)(?![\\p{L}\\p{N}])`,
  'giu',
);

// Bare domains ("konsultbolagetnord.se"): only well-known top-level domains in
// lower case, so file names such as "bilaga.pdf" or abbreviations stay.
// Gate: a dot and a top-level domain.
const DOMAIN_RE = gated(
  /\.(?:se|com|nu|net|org|io|eu|fi|no|dk|de|info|biz|co\.uk)/u,
  () =>
    '(?<![\\p{L}\\p{N}.@/-])(?:[\\p{L}\\p{N}-]+\\.)+(?:se|com|nu|net|org|io|eu|fi|no|dk|de|info|biz|co\\.uk)(?![\\p{L}\\p{N}-])(?:\\/[^\\s<>"”“\'()[\\]{}]*)?',
  'gu',
);

/** Sentence punctuation glued to the end of a URL belongs to the sentence. */
function trimUrlEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[.,;:!?)\]>»”’'"]/.test(text[e - 1] ?? '')) e--;
  return e;
}

// Personnummer and organisation numbers share the 10-digit shape
// NNNNNN-NNNN; the third and fourth digits tell them apart (an organisation
// number's "month" is 20 or more). 12-digit forms carry a century (19/20) for
// people or the prefix 16 for organisations.
const ID_NUMBER_RE = gated(
  DIGIT_RE,
  () => '(?<![\\p{L}\\p{N}-])(\\d{2})?(\\d{2})(\\d{2})(\\d{2})\\s?([-+])?\\s?(\\d{4})(?![\\p{N}]|-\\d)',
  'gu',
);
const VAT_RE = gated(DIGIT_RE, () => '(?<![\\p{L}\\p{N}])SE\\s?\\d{6}-?\\d{4}\\s?01(?![\\p{N}])', 'gu');
const ORGNR_LABEL_RE = new RegExp(
  `${ci('org')}\\.?\\s*(?:${ci('nr')}|${ci('nummer')})|${ci('organisationsnummer')}`,
  'u',
);
const PNR_LABEL_RE = new RegExp(
  `${ci('personnummer')}|${ci('pnr')}|${ci('personnr')}|${ci('samordningsnummer')}|${ci('samordningsnr')}`,
  'u',
);

function lastIndexOf(re: RegExp, text: string): number {
  let last = -1;
  for (const m of text.matchAll(new RegExp(re.source, 'gu'))) last = m.index;
  return last;
}

const PNR_OPTIONS = { allowCoordinationNumber: true, allowInterimNumber: true };

function checksOut(check: (s: string) => boolean, s: string): boolean {
  try {
    return check(s);
  } catch {
    return false;
  }
}

function classifyIdNumber(m: RegExpExecArray, before: string): MarkKind | null {
  const [, century, , mm, dd, sep] = m;
  const month = Number(mm);
  const day = Number(dd);
  const contiguous = !sep && !/\s/.test(m[0]);
  // The nearest label before the number decides ("org.nr ..., pnr ..."), whatever its check digit.
  const label = before.slice(-40);
  const orgLabel = lastIndexOf(ORGNR_LABEL_RE, label);
  const pnrLabel = lastIndexOf(PNR_LABEL_RE, label);
  if (orgLabel > pnrLabel) return 'orgnr';
  if (pnrLabel > orgLabel) return 'personnummer';
  // Ten contiguous digits starting with 0 are a phone number (070..., 08...)
  // far more often than the personnummer of someone born 2000-2009.
  if (!century && contiguous && m[0].startsWith('0')) return null;
  if (century && century !== '16' && century !== '19' && century !== '20') return null;
  const digits = m[0].replace(/\s/g, '');
  const { Personnummer, Organisationsnummer } = idCheckers();
  if (century !== '16' && checksOut((s) => Personnummer.valid(s, PNR_OPTIONS), digits)) return 'personnummer';
  if (checksOut((s) => Organisationsnummer.valid(s), digits)) return 'orgnr';
  // A wrong check digit in the written form of an identity number ("900505-1234",
  // "19900505-1234") is still someone's number with a typo: masked all the same.
  // A bare run of digits that fails the check is an amount or a reference.
  if (contiguous && !century) return null;
  if (century === '16' || month >= 20) return century === '19' || century === '20' ? null : 'orgnr';
  const validDay = (day >= 1 && day <= 31) || (day >= 61 && day <= 91);
  return month >= 1 && month <= 12 && validDay ? 'personnummer' : null;
}

/** Ties between equally long overlapping candidates: an address over a URL over a phone number. */
const CONTACT_PRIORITY = { email: 10, url: 9, phone: 7 } as const;
type ContactKind = keyof typeof CONTACT_PRIORITY;
const CONTACT_KINDS = Object.keys(CONTACT_PRIORITY) as ContactKind[];

// Chat markup: Slack writes links as <mailto:a@b.se|a@b.se>, <https://x.se|label>,
// <tel:...|...> and mentions as <@U0123ABC>; the whole token is one mask.
const SLACK_LINK_RE = /<(mailto:|tel:|https?:\/\/)[^<>|\s]+(?:\|[^<>]*)?>/giu;
const SLACK_MENTION_RE = /<@[UW][A-Z0-9]{2,}(?:\|[^<>]*)?>/gu;

export function findContacts(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(SLACK_LINK_RE)) {
    const scheme = (m[1] ?? '').toLowerCase();
    const kind = scheme === 'mailto:' ? 'email' : scheme === 'tel:' ? 'phone' : 'url';
    out.push({ start: m.index, end: m.index + m[0].length, kind, priority: 11 });
  }
  for (const m of text.matchAll(SLACK_MENTION_RE)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'name', priority: 11 });
  }
  // Addresses and phone numbers as every part of the product recognises them.
  for (const r of recognise(text, CONTACT_KINDS)) {
    const kind = r.kind as ContactKind;
    out.push({ start: r.start, end: r.end, kind, priority: CONTACT_PRIORITY[kind] });
  }
  for (const m of matchesIn(SPELLED_EMAIL_RE, text)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'email', priority: 10 });
  }
  for (const m of matchesIn(OBFUSCATED_EMAIL_RE, text)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'email', priority: 10 });
  }
  for (const m of matchesIn(DOMAIN_RE, text)) {
    const end = trimUrlEnd(text, m.index, m.index + m[0].length);
    if (end > m.index) out.push({ start: m.index, end, kind: 'url', priority: 9 });
  }
  for (const m of matchesIn(VAT_RE, text)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'orgnr', priority: 8 });
  }
  for (const m of matchesIn(ID_NUMBER_RE, text)) {
    const kind = classifyIdNumber(m, text.slice(0, m.index));
    if (kind) out.push({ start: m.index, end: m.index + m[0].length, kind, priority: 8 });
  }
  return out;
}
