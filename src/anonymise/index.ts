/**
 * Anonymises a supplier's question for the public Q&A (OSL 19:3: no supplier
 * may be identifiable): masks the asker's name and organisation, other
 * people's names, company names, e-mail, phone, personnummer, organisation
 * numbers, URLs, postal addresses and dates of birth with neutral Swedish
 * placeholders, and drops greetings, thanks, signatures and
 * self-introductions. Runs on the compatibility-normalised text (NFKC), so
 * full-width or otherwise disguised characters are masked like plain ones.
 * Rule-based and pure, so the buyer can see exactly what was masked (spans)
 * and correct the proposal before publishing. The same wording, without its
 * placeholders, is all of the question that reaches an LLM endpoint.
 */
import type { AnonymisedText, Anonymiser } from '../core/ports.js';
import { type Candidate, findContacts } from './contacts.js';
import { Draft, type Range } from './draft.js';
import { expandMarkers, PRIVATE_USE_RE } from './markers.js';
import { inputRange, normaliseCompat } from './normalise.js';
import { findAskerName, findAskerOrg, findCompanies, findIntroduced, withCompanyTail } from './parties.js';
import { echoesOf, findPeople } from './people.js';
import { findBirthDates, findPlaces } from './places.js';
import { removeFraming } from './structure.js';

export interface AskerIdentity {
  name?: string | null;
  org?: string | null;
}

/** What was done, in INPUT offsets: for the benchmark and for debugging a miss. */
export interface AnonymiseReport extends AnonymisedText {
  masked: Array<{ start: number; end: number; kind: Candidate['kind'] }>;
  dropped: Range[];
}

/**
 * Longest first, then the more specific detector; overlapping losers are
 * discarded. Two names side by side ("Johan" + "Andersson" found apart) become
 * one mask, so the text reads "[namn]", not "[namn] [namn]".
 */
function resolveOverlaps(text: string, candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority);
  const chosen: Candidate[] = [];
  for (const c of sorted) {
    if (chosen.every((o) => c.end <= o.start || c.start >= o.end)) chosen.push(c);
  }
  chosen.sort((a, b) => a.start - b.start);
  const merged: Candidate[] = [];
  for (const c of chosen) {
    const prev = merged[merged.length - 1];
    if (prev && prev.kind === 'name' && c.kind === 'name' && /^[ \t]+$/u.test(text.slice(prev.end, c.start))) {
      merged[merged.length - 1] = { ...prev, end: c.end };
    } else {
      merged.push(c);
    }
  }
  return merged;
}

/** White space and punctuation left behind by removals. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+/gu, ' ')
    .replace(/ *\n */gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .replace(/ +([,.!?;:])/gu, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/gu, '$1')
    .replace(/\(\s*\)/gu, '')
    .replace(/^[\s,.;:!–-]+/u, '')
    .replace(/[\s,;:–-]+$/u, '')
    .replace(/^\p{Ll}/u, (c) => (c.toUpperCase().length === 1 ? c.toUpperCase() : c));
}

export function anonymiseDetailed(text: string, asker: AskerIdentity): AnonymiseReport {
  const normalised = normaliseCompat(text.replace(/\r\n?/gu, '\n').replace(PRIVATE_USE_RE, ' '));
  const input = normalised.text;
  const name = asker.name?.normalize('NFKC');
  const org = asker.org?.normalize('NFKC');
  const found = resolveOverlaps(input, [
    ...findContacts(input),
    ...findPlaces(input),
    ...findBirthDates(input),
    ...findAskerOrg(input, org),
    ...findAskerName(input, name),
    ...findCompanies(input),
    ...findIntroduced(input),
    ...findPeople(input),
  ]);
  // A person found once is masked wherever a distinctive part of the name comes back.
  const people = found.filter((c) => c.kind === 'name').map((c) => input.slice(c.start, c.end));
  const masks = resolveOverlaps(input, withCompanyTail(input, [...found, ...echoesOf(input, people)]));
  const draft = new Draft(input, masks);
  removeFraming(draft);
  const { text: out, spans } = expandMarkers(tidy(draft.text));
  return {
    text: out,
    spans,
    masked: masks.map((m) => ({ ...inputRange(normalised, m.start, m.end), kind: m.kind })),
    dropped: draft.dropped.map(([s, e]): Range => {
      const r = inputRange(normalised, s, e);
      return [r.start, r.end];
    }),
  };
}

export function anonymise(text: string, asker: AskerIdentity): AnonymisedText {
  const { text: out, spans } = anonymiseDetailed(text, asker);
  return { text: out, spans };
}

export const ruleBasedAnonymiser: Anonymiser = {
  anonymise: (text, asker) => anonymise(text, asker),
};
