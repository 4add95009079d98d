/**
 * The structural stage: drops what frames a question rather than asks it:
 * opening greetings, thanks, sign-offs with the signature block under them,
 * and self-introductions ("Jag heter [namn] och arbetar på [leverantören].").
 * Works on marker text (see markers.ts), so a name or company is one character.
 */
import type { Draft } from './draft.js';
import { gated } from './gate.js';
import { ciAny, NOT_A_NAME, SIGNATURE_WORDS } from './lexicon.js';
import { ALL_M_RE, ANY_M, ANY_M_RE, NAME_M, ORG_M } from './markers.js';

const END = '(?![\\p{L}\\p{N}])';
const NOT_NAME_AHEAD = `(?!(?:${ciAny([...NOT_A_NAME])})${END})`;
/** Who a greeting addresses: a masked name or company, or a capitalised word that is not a sentence word. */
const ADDRESSEE = `(?:${ANY_M}|${NOT_NAME_AHEAD}\\p{Lu}[\\p{L}-]*)`;

const GREETINGS = ciAny([
  'hej',
  'hejsan',
  'hej hej',
  'hallå',
  'hello',
  'hi',
  'hey',
  'god morgon',
  'god förmiddag',
  'god middag',
  'god eftermiddag',
  'god kväll',
  'goddag',
  'god dag',
  'tjena',
  'tjenare',
  'tja',
  'good morning',
  'good afternoon',
]);
const GREETING_FILLERS = ciAny(['igen', 'alla', 'allihop', 'allesammans', 'på er', 'där', 'everyone', 'all', 'there']);
// Gates (here and below): the greeting, address word, thanks or sign-off each expression starts
// from, with its flags; a question without one never compiles the expression.
const GREETING_RE = gated(
  new RegExp(`^\\s*(?:${GREETINGS})`, 'u'),
  () =>
    `^\\s*(?:${GREETINGS})${END}(?:[ \\t]+(?:${GREETING_FILLERS})${END})*(?:[ \\t]+(?:(?:på|hos|at)[ \\t]+)?${ADDRESSEE}){0,4}[ \\t]*(?:[!,.:;]+[ \\t]*|(?=\\n)|$|(?=[ \\t]+\\p{Ll}))\\s*`,
  'u',
);
const ADDRESS_WORDS = ciAny(['dear', 'bästa', 'kära', 'till']);
const ADDRESS_RE = gated(
  new RegExp(`^\\s*(?:${ADDRESS_WORDS})`, 'u'),
  () => `^\\s*(?:${ADDRESS_WORDS})(?:[ \\t]+${ADDRESSEE}){1,4}[ \\t]*(?:[,!:]+|(?=\\n))\\s*`,
  'u',
);

const THANKS_WORDS = ciAny([
  'tack på förhand',
  'på förhand tack',
  'tack i förväg',
  'tack så mycket',
  'stort tack',
  'tusen tack',
  'tack',
  'thanks in advance',
  'thank you in advance',
  'many thanks',
  'thanks',
  'thank you',
  'ha en bra dag',
  'ha en trevlig dag',
  'ha en fin dag',
  'ha en bra helg',
  'ha en trevlig helg',
  'hoppas på snabbt svar',
  'tacksam för svar',
  'tacksam för snabbt svar',
  'tacksam för ett snabbt svar',
  'vi ser fram emot ert svar',
  'ser fram emot ert svar',
  'ser fram emot svar',
  'looking forward to your reply',
]);
const THANKS_PHRASE = `(?:${THANKS_WORDS})(?:[ \\t]+(?:${ciAny(['för hjälpen', 'för svar', 'för svaret', 'för ert svar', 'för era svar', 'för snabbt svar', 'för ett snabbt svar', 'för er hjälp', 'for your help'])}))?`;
const SENTENCE_START = '(?<=^|[.!?][ \\t"”’)]*[ \\t]+|\\n[ \\t]*)';
const THANKS_GATE = new RegExp(`(?:${THANKS_WORDS})`, 'u');
const THANKS_RE = gated(
  THANKS_GATE,
  () =>
    `${SENTENCE_START}${THANKS_PHRASE}(?:[ \\t]*(?:,|och|and)?[ \\t]*${THANKS_PHRASE})*[ \\t]*(?:[!.]+[ \\t]*|,?[ \\t]*(?=\\n)|,?[ \\t]*$)`,
  'gu',
);

const SIGN_OFFS = ciAny([
  'med vänliga hälsningar',
  'med vänlig hälsning',
  'med vänliga hälsning',
  'vänliga hälsningar',
  'vänlig hälsning',
  'bästa hälsningar',
  'varma hälsningar',
  'hälsningar',
  'hälsning',
  'mvh',
  'm.v.h.',
  'm.v.h',
  'vh',
  'best regards',
  'kind regards',
  'warm regards',
  'regards',
  'best wishes',
  'yours sincerely',
  'sincerely',
  'cheers',
]);
const SIGN_OFF_RE = gated(
  new RegExp(`(?:${SIGN_OFFS}|BR|Br(?=,)|Best(?=,))`, 'u'),
  () => `${SENTENCE_START}(?:${SIGN_OFFS}|BR|Br(?=,)|Best(?=,))${END}`,
  'gu',
);
/** "Tack, Johan" / "Tack! /Johan" at the end of a line: thanks that sign the message. */
const THANKS_SIGNED_RE = gated(
  THANKS_GATE,
  () => `${SENTENCE_START}${THANKS_PHRASE}[ \\t]*[,!.]*[ \\t]*(?:[/–-]{1,2}[ \\t]*)?(?:${ADDRESSEE}[ \\t,]*)+$`,
  'mu',
);
const SLASH_SIGNATURE_RE = gated(
  /(?:\/{1,2}|--|–)/u,
  () => `[ \\t]*(?:/{1,2}|--|–)[ \\t]*(?:${ADDRESSEE}[ \\t,]*){1,4}$`,
  'u',
);

/** A line that belongs in a signature: contact details, a name, a role, a company. */
export function isSignatureLine(line: string): boolean {
  // Questions and list items are content.
  if (line.includes('?') || /^\s*(?:[-•*·–]|\d+[.)])\s/u.test(line)) return false;
  const residual = line
    .replace(ALL_M_RE, ' ')
    .replace(/[|,:;•·()/\\–—]/gu, ' ')
    .split(/\s+/u)
    .filter((w) => w.length > 0 && !SIGNATURE_WORDS.has(w.toLowerCase().replace(/[.:]+$/u, '')));
  if (residual.length === 0) return true;
  if (residual.length > 5) return false;
  const postal = /^\d{3}$|^\d{2}$|^\d{1,4}[A-Za-z]?$/u;
  return residual.every((w) => (/^\p{Lu}[\p{L}'’.-]*$/u.test(w) && !NOT_A_NAME.has(w.toLowerCase())) || postal.test(w));
}

function removeGreeting(d: Draft): void {
  for (let i = 0; i < 3; i++) {
    const m = GREETING_RE(d.text)?.exec(d.text) ?? ADDRESS_RE(d.text)?.exec(d.text);
    if (!m || m[0].length === 0 || m[0].trim().length === 0) return;
    // A greeting that is the whole message stays: there would be nothing left.
    if (d.text.slice(m[0].length).trim() === '') return;
    d.remove(m.index, m.index + m[0].length);
  }
}

function lineEnd(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n < 0 ? text.length : n;
}

/** From a sign-off to the end of its line, then every following signature line. */
function removeSignOffs(d: Draft): void {
  for (let guard = 0; guard < 10; guard++) {
    // A sign-off that opens the message ("Best regards from Stockholm, we ...") signs nothing.
    const re = SIGN_OFF_RE(d.text);
    const m = re && [...d.text.matchAll(re)].find((x) => d.text.slice(0, x.index).trim() !== '');
    if (!m) return;
    let end = lineEnd(d.text, m.index);
    while (end < d.text.length) {
      const next = lineEnd(d.text, end + 1);
      const line = d.text.slice(end + 1, next);
      if (line.trim() !== '' && !isSignatureLine(line)) break;
      end = next;
    }
    d.remove(m.index, end);
  }
}

function removeThanks(d: Draft): void {
  for (let guard = 0; guard < 10; guard++) {
    const thanks = THANKS_RE(d.text);
    if (thanks) thanks.lastIndex = 0;
    const m = THANKS_SIGNED_RE(d.text)?.exec(d.text) ?? thanks?.exec(d.text);
    if (!m || m[0].trim() === '') return;
    if (d.text.slice(0, m.index).trim() === '' && d.text.slice(m.index + m[0].length).trim() === '') return;
    d.remove(m.index, m.index + m[0].length);
  }
}

/** Trailing lines that look like a signature (name, role, company, phone) with no sign-off above them. */
function removeTrailingSignature(d: Draft): void {
  const trimmed = d.text.trimEnd();
  const slash = SLASH_SIGNATURE_RE(trimmed)?.exec(trimmed);
  if (slash && d.text.slice(0, slash.index).trim() !== '') {
    d.remove(slash.index, d.text.trimEnd().length);
  }
  const lines = d.text.split('\n');
  let first = lines.length;
  let hasMarker = false;
  for (let i = lines.length - 1; i > 0; i--) {
    const line = lines[i]!;
    if (line.trim() === '') {
      first = i;
      continue;
    }
    if (!isSignatureLine(line)) break;
    if (ANY_M_RE.test(line)) hasMarker = true;
    first = i;
  }
  if (!hasMarker || first >= lines.length) return;
  // A signature starts with who wrote it; capitalised lines above the first
  // name or company ("Kubernetes", "Terraform") belong to the question.
  while (first < lines.length && !ANY_M_RE.test(lines[first]!)) first++;
  const before = lines.slice(0, first).join('\n');
  if (before.trim() === '') return;
  d.remove(before.length, d.text.length);
}

/**
 * A signature block pasted above the question ("[namn] / VD, [företaget] /
 * [adress]", then a blank line): only lines that look like a signature, with
 * a masked name or company among them, and the question after the blank line.
 */
function removeLeadingSignature(d: Draft): void {
  const lines = d.text.split('\n');
  let i = 0;
  let hasMarker = false;
  while (i < lines.length && lines[i]!.trim() !== '' && isSignatureLine(lines[i]!)) {
    if (ANY_M_RE.test(lines[i]!)) hasMarker = true;
    i++;
  }
  if (i === 0 || !hasMarker || i >= lines.length || lines[i]!.trim() !== '') return;
  const block = lines.slice(0, i + 1).join('\n').length + 1;
  if (d.text.slice(block).trim() === '') return;
  d.remove(0, Math.min(block, d.text.length));
}

// ---------------------------------------------------------------- introductions

const SUBJECT_RE = new RegExp(
  // English "I" only before "am"/"work": in Swedish "I" is the preposition ("I avsnitt 1.8 ...").
  `${SENTENCE_START}(${ciAny(['jag', 'vi', 'mitt namn', 'my name', 'we', "I'm", 'I’m', 'detta', 'det här', 'this'])}|I(?=[ \\t]+(?:am|work)${END}))${END}[ \\t]*`,
  'gu',
);
const ROLE = '\\p{L}[\\p{L}-]*(?:[ \\t]+\\p{L}[\\p{L}-]*){0,4}?';
const AT = ciAny(['på', 'hos', 'vid', 'för', 'inom', 'at', 'for']);
// "på [leverantören]", "representerar [leverantören]"
const PLACE_RE = new RegExp(
  `(?:${ciAny(['representerar', 'företräder', 'kommer från', 'ringer från', 'skriver från', 'hör av mig från', 'hör av oss från', 'från', 'på', 'hos', 'inom', 'from', 'at'])})[ \\t]+${ORG_M}`,
  'uy',
);
const CLAUSES = [
  // "heter [namn]", "är [namn]", "is [namn]"
  new RegExp(
    `(?:${ciAny(['heter', 'är', 'is', 'am'])})[ \\t]+${NAME_M}(?:[ \\t]+(?:${ciAny(['från', 'from', 'på', 'hos', 'at'])})[ \\t]+${ORG_M})?`,
    'uy',
  ),
  // "I'm [namn] from [leverantören]": the verb is in the subject
  new RegExp(`${NAME_M}(?:[ \\t]+(?:${ciAny(['från', 'from', 'på', 'at'])})[ \\t]+${ORG_M})?`, 'uy'),
  // "Vi heter [leverantören]"
  new RegExp(`(?:${ciAny(['heter', 'are'])})[ \\t]+${ORG_M}`, 'uy'),
  // "är [leverantören] (org.nr [organisationsnummer])"
  new RegExp(`(?:${ciAny(['är', 'are'])})[ \\t]+${ORG_M}(?:[ \\t]*\\([^)\\n]{0,40}\\))?`, 'uy'),
  // "arbetar som säljare på [leverantören]", "jobbar på [leverantören]". A role alone
  // ("Jag jobbar som frilansare.") identifies no one and may matter to the question.
  new RegExp(
    `(?:${ciAny(['arbetar', 'jobbar', 'är anställd', 'är anställda', 'work', 'am working'])})(?:[ \\t]+(?:som|as)[ \\t]+${ROLE})?[ \\t]+(?:${AT})[ \\t]+${ORG_M}`,
    'uy',
  ),
  // "är säljansvarig på [leverantören]"
  new RegExp(`(?:är|am)[ \\t]+${ROLE}[ \\t]+(?:${AT})[ \\t]+${ORG_M}`, 'uy'),
  PLACE_RE,
];

/** After a comma or "och": "..., anbudsansvarig på [leverantören]". Never first, or "Vi har anställda på X." would go. */
const APPOSITIVE_RE = new RegExp(`${ROLE}[ \\t]+(?:${AT})[ \\t]+${ORG_M}`, 'uy');
const JOINER_RE = new RegExp(`[ \\t]*(?:,[ \\t]*)?(?:${ciAny(['och', 'samt', 'and'])})[ \\t]+|[ \\t]*,[ \\t]*`, 'uy');
const SENTENCE_END_RE = /[ \t]*(?:[.!]+[ \t]*|(?=\n)|$)/uy;
const NEXT_SUBJECT_RE = new RegExp(`(?:${ciAny(['jag', 'vi', 'I', 'we'])})${END}`, 'uy');
const NEXT_WORD_RE = /[ \t]*(?=\p{L})/uy;

function matchAt(re: RegExp, text: string, at: number): number | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? at + m[0].length : null;
}

/**
 * Parses "heter X och arbetar på Y" from `at`; returns where the chain ends
 * and whether it was only a place of work ("på [leverantören]"), which a verb
 * may follow directly ("Vi på [leverantören] undrar").
 */
function clauseChain(text: string, at: number): { end: number; onlyPlace: boolean } | null {
  const firstIndex = CLAUSES.findIndex((re) => matchAt(re, text, at) !== null);
  if (firstIndex < 0) return null;
  let pos = matchAt(CLAUSES[firstIndex]!, text, at)!;
  let onlyPlace = CLAUSES[firstIndex] === PLACE_RE;
  for (;;) {
    const joined = matchAt(JOINER_RE, text, pos);
    if (joined === null) break;
    // Only continue over the joiner when another clause follows it.
    const after = [...CLAUSES, APPOSITIVE_RE].map((re) => matchAt(re, text, joined)).find((e) => e !== null);
    if (after === undefined || after === null) break;
    onlyPlace = false;
    pos = after;
  }
  return { end: pos, onlyPlace };
}

/** A short remainder that ends the sentence: "… [leverantören] i Umeå." */
const SHORT_TAIL_RE = /[ \t]+[^.!?\n]{1,40}?(?:[.!]+[ \t]*|(?=\n)|$)/uy;

function removeIntroductions(d: Draft): void {
  // Every clause names a masked name or company: without a marker, there is no introduction to drop.
  if (!ANY_M_RE.test(d.text)) return;
  for (let guard = 0; guard < 20; guard++) {
    let changed = false;
    SUBJECT_RE.lastIndex = 0;
    for (const m of d.text.matchAll(SUBJECT_RE)) {
      const sentenceStart = m.index;
      const chainStart = m.index + m[0].length;
      // "Detta är [namn]" introduces someone; "Detta är [företaget]." may be the question's subject.
      if (/^(?:detta|det här|this)$/iu.test(m[1] ?? '') && !/^(?:är|is)[ \t]+\uE001/u.test(d.text.slice(chainStart))) {
        continue;
      }
      const chain = clauseChain(d.text, chainStart);
      if (!chain) continue;
      const t = d.text;
      const ended = matchAt(SENTENCE_END_RE, t, chain.end);
      if (ended !== null) {
        if (t.slice(0, sentenceStart).trim() === '' && t.slice(ended).trim() === '') continue;
        d.remove(sentenceStart, ended);
        changed = true;
        break;
      }
      const joined = matchAt(JOINER_RE, t, chain.end);
      if (joined !== null && matchAt(NEXT_SUBJECT_RE, t, joined) !== null) {
        d.remove(sentenceStart, joined);
        changed = true;
        break;
      }
      // "Jag heter [namn] och undrar" -> "Jag undrar"; "Vi på [leverantören] undrar" -> "Vi undrar".
      // Not after a bare comma, and not for "Mitt namn är ...", where no verb can follow.
      const viaAnd = joined !== null && /(?:och|samt|and)[ \t]+$/iu.test(t.slice(chain.end, joined));
      const wordAt = viaAnd ? joined : joined === null && chain.onlyPlace ? matchAt(NEXT_WORD_RE, t, chain.end) : null;
      const personal = /^(?:jag|vi|i|we)$/iu.test(m[1] ?? '');
      if (personal && wordAt !== null && /\p{Ll}/u.test(t[wordAt] ?? '')) {
        d.remove(chainStart, wordAt);
        changed = true;
        break;
      }
      // "Jag arbetar på [leverantören] i Umeå." : still only an introduction.
      const tail = joined === null ? matchAt(SHORT_TAIL_RE, t, chain.end) : null;
      if (tail !== null && !/[?]/u.test(t.slice(chain.end, tail)) && t.slice(tail).trim() !== '') {
        d.remove(sentenceStart, tail);
        changed = true;
        break;
      }
    }
    if (!changed) return;
  }
}

/**
 * Who is writing, as a chain of masks: "[namn]", "[namn] från [leverantören]",
 * "[namn], [leverantören]", "[namn] på [leverantören]". Each separator can
 * match in one way only: an ambiguous "[ \t]*,?[ \t]*" backtracks
 * exponentially on a long chain of masks.
 */
const WHO = `${ANY_M}(?:(?:[ \\t]*,[ \\t]*|[ \\t]+)?(?:(?:${ciAny(['från', 'på', 'hos', 'vid', 'from', 'at', 'of'])})[ \\t]+)?${ANY_M})*`;
const AGAIN = `(?:[ \\t]+(?:${ciAny(['igen', 'återigen', 'på nytt', 'again'])}))?`;
const WHO_SENTENCE_END = '[ \\t]*(?:[.!,:]+[ \\t]*|(?=\\n)|$)';
const IT_IS = `(?:${ciAny(['det är', 'detta är', 'här är', 'this is', "it's", 'it’s', 'it is'])})[ \\t]+`;
/** "från [leverantören] här." is what is left when a greeting took the name along ("hej erik från ..."). */
const LEAD_PLACE = `(?:(?:${ciAny(['från', 'på', 'from'])})[ \\t]+)`;
/**
 * "Datakraft här." / "Johan här!" / "[namn] från [leverantören] här igen." /
 * "Det är [namn] här.": a sentence that only says who is writing.
 */
const HERE_RE = new RegExp(
  `${SENTENCE_START}(?:${IT_IS})?${LEAD_PLACE}?${WHO}[ \\t,]*(?:${ciAny(['här', 'here'])})${AGAIN}(?:[ \\t]+(?:${ciAny(['från', 'på', 'hos', 'from', 'at'])})[ \\t]+${ORG_M})?${AGAIN}${WHO_SENTENCE_END}`,
  'gu',
);
const WRITES = ciAny([
  'skriver',
  'hör av mig',
  'hör av sig',
  'hör av oss',
  'mejlar',
  'mailar',
  'ringer',
  'frågar',
  'återkommer',
  'writing',
  'is writing',
  'asking',
]);
const WRITES_EXTRA = ciAny(['till er', 'till dig', 'med en fråga', 'med några frågor', 'with a question']);
/**
 * "Det är [namn] på [leverantören] som skriver (till er med en fråga)." and
 * "Här är [namn] från [leverantören]." Only the whole sentence, and only with
 * a verb of writing or a person's name first: "Det är [leverantören] som ska
 * leverera ..." and "Detta är [företaget]." may be what the question is about.
 */
const IT_IS_WHO_RE = new RegExp(
  `${SENTENCE_START}${IT_IS}(?:${WHO}[ \\t]+som[ \\t]+(?:${WRITES})${AGAIN}(?:[ \\t]+(?:${WRITES_EXTRA})){0,2}${AGAIN}|${NAME_M}(?:(?:[ \\t]*,[ \\t]*|[ \\t]+)(?:(?:${ciAny(['från', 'på', 'hos', 'from', 'at'])})[ \\t]+)?${ORG_M})?)[ \\t]*(?:[.!:]+[ \\t]*|(?=\\n)|$)`,
  'gu',
);

function removeWhoIsHere(d: Draft): void {
  // Both expressions need a marker (who is writing).
  if (!ANY_M_RE.test(d.text)) return;
  for (let guard = 0; guard < 5; guard++) {
    HERE_RE.lastIndex = 0;
    IT_IS_WHO_RE.lastIndex = 0;
    const m = HERE_RE.exec(d.text) ?? IT_IS_WHO_RE.exec(d.text);
    if (!m) return;
    // A sentence that is the whole message stays: there would be nothing left to publish.
    const end = m.index + m[0].length;
    if (d.text.slice(0, m.index).trim() === '' && d.text.slice(end).trim() === '') return;
    d.remove(m.index, end);
  }
}

// Mail headers pasted with the question ("Från: ... / Skickat: ... / Ämne: ..."),
// "Skickat från min iPhone" and Teams' <at>mentions</at> of the bot or a person.
const MAIL_HEADER_LINE_RE = new RegExp(
  `^[ \\t]*(?:${ciAny(['från', 'from', 'skickat', 'sent', 'till', 'to', 'kopia', 'cc', 'ämne', 'subject', 'datum', 'date'])}):[^\\n]*(?:\\n|$)`,
  'mu',
);
const SENT_FROM_RE = new RegExp(
  `^[ \\t]*(?:${ciAny(['skickat från', 'sent from', 'hämta outlook för', 'get outlook for'])})[ \\t]+[^\\n]{1,40}$`,
  'mu',
);
const TEAMS_MENTION_RE = /<at>[^<>]{0,100}<\/at>[ \t]*[,:]?[ \t]*/u;

function removeMailFurniture(d: Draft): void {
  for (let guard = 0; guard < 20; guard++) {
    const m = TEAMS_MENTION_RE.exec(d.text) ?? SENT_FROM_RE.exec(d.text);
    if (m) {
      d.remove(m.index, m.index + m[0].length);
      continue;
    }
    // Header lines only come in blocks of two or more; a lone "Till: ..." may be content.
    const h = MAIL_HEADER_LINE_RE.exec(d.text);
    if (!h) return;
    const next = MAIL_HEADER_LINE_RE.exec(d.text.slice(h.index + h[0].length));
    if (next?.index !== 0) return;
    let end = h.index + h[0].length;
    for (
      let n = MAIL_HEADER_LINE_RE.exec(d.text.slice(end));
      n && n.index === 0;
      n = MAIL_HEADER_LINE_RE.exec(d.text.slice(end))
    ) {
      end += n[0].length;
    }
    if (d.text.slice(end).trim() === '') return;
    d.remove(h.index, end);
  }
}

/** Runs the structural rules in an order where each sees the others' result. */
export function removeFraming(d: Draft): void {
  removeMailFurniture(d);
  removeGreeting(d);
  removeLeadingSignature(d);
  removeSignOffs(d);
  removeThanks(d);
  removeTrailingSignature(d);
  removeIntroductions(d);
  removeWhoIsHere(d);
  removeGreeting(d);
  removeThanks(d);
  removeTrailingSignature(d);
}
