/**
 * The extractive composer: picks the sentence(s) of the retrieved passages
 * that answer the question and quotes them verbatim with their section, or
 * decides that the documents do not answer it. No model, no network: this is
 * the offline answer and the LLM composer's fallback.
 *
 * The decision is relative, never a raw retrieval score: how much of the
 * question's content (weighted by how specific each word is among the
 * retrieved sentences) one sentence and its heading cover, whether the
 * expected kind of answer (a date, a number, a contact) is there, and whether
 * the evidence sits in one place rather than scattered over several sections.
 */
import type { ComposeInput, Composer } from '../core/ports.js';
import type { BotAnswer, Chunk, Citation, Passage } from '../core/types.js';
import { withoutGreetings } from '../retrieval/analyzer.js';
import { stemSwedish } from '../retrieval/stemmer.js';
import { foldLetters, isFoldedQuestion, tokenize } from '../retrieval/tokenizer.js';
import { CachedEvidence, cachedTokens, cachedUnits, passageAnalyzer } from './analysisCache.js';
import {
  contextOnlyGroups,
  foldGroups,
  groupMatch,
  groupPresence,
  groupWeights,
  isLightTerm,
  nameTerms,
  type QuestionGroup,
  questionGroups,
  type TermSet,
  verbStems,
  withoutKindWords,
  withoutNames,
} from './evidence.js';
import { type AnswerKind, questionIntent, questionStart } from './intent.js';
import {
  buyerDecisionAnswer,
  extractiveAnswer,
  notInDocumentsAnswer,
  publishedAnswerHeading,
  type QuoteSource,
  quoteLine,
} from './messages.js';
import { splitUnits, type Unit } from './sentences.js';

export interface ExtractiveOptions {
  /** Most quotes in one reply (lists may use all of them). Default 3. */
  maxQuotes?: number;
  /** Passages considered, best first. Default 8. */
  maxPassages?: number;
  /** Least coverage of the question for an answer, 0..1. Default 0.6. */
  minCoverage?: number;
}

/** One quotable sentence with everything the decision needs. */
export interface Candidate {
  passage: Passage;
  rank: number;
  unit: Unit;
  /** Weighted share of the question's groups found in the sentence or its heading. */
  coverage: number;
  /** Share found in the sentence itself (the heading only frames it). */
  ownCoverage: number;
  /** Covers the kind of answer the question expects. */
  kindMatch: boolean;
  /** Covers a kind without which the question is not answered (a date, a number, an address). */
  neededMatch: boolean;
  score: number;
}

export interface Decision {
  answered: boolean;
  reason: string;
  candidates: Candidate[];
  chosen: Candidate[];
  /** The question's content groups and their weights (for the harness and tests). */
  groups: string[][];
  weights: number[];
}

const DEFAULTS = { maxQuotes: 3, maxPassages: 8, minCoverage: 0.6 };

const HEADING_FACTOR = 0.8;
const HEADING_BONUS = 0.15;
/** Kinds of answer without which a sentence does not answer (unless it covers the question very well). */
const NEEDED_KINDS = new Set<AnswerKind>(['date', 'duration', 'number', 'amount', 'address']);
/** How much weaker a sentence with the expected kind may be and still be preferred. */
const KIND_SLACK = 0.2;
const CONTEXT_FACTOR = 0.5;
/**
 * A word only the message's context gives ("vi är ett litet bolag i Göteborg. Hur ...?") weighs this
 * much of its usual weight when the passages use it, and nothing when they do not: it tells who asks, not what.
 */
const CONTEXT_GROUP_FACTOR = 0.2;
const SHORT_UNIT = 60;
const EMPTY_TERMS: TermSet = new Map();
const OWN_BONUS = 0.05;
/** Empty form fields of Word templates: never an answer. */
const PLACEHOLDER =
  /klicka eller tryck här för att ange text|klicka här för att ange text|click or tap here to enter text|välj ett objekt|choose an item|\bvälj leverantör\b/i;
const RANK_BONUS = 0.06;
/**
 * A sentence that opens with a condition ("Om avropet blir föremål för överprövning förlängs ...",
 * "I det fall omfattningen minskar ...") tells what happens in that case, not the fact itself:
 * it ranks a little lower unless the question asks about a case too.
 */
const CONDITIONAL = /^\s*(?:om|i det fall|i de fall|ifall|vid|if|in case)\s/i;
// "... och om det kan förlängas", "undrar om": "om" as "whether" asks no case.
const CONDITIONAL_QUESTION =
  /(?<![a-zåäö])(?:(?<!(?:och|undrar|undra|veta|vet|fråga|frågar) )om|ifall|i fall|i det fall|vid|händer|if|when|what happens)(?![a-zåäö])/i;
const CONDITIONAL_PENALTY = 0.1;
/** Least share of the question the chosen sentence must cover itself, without its heading. */
const MIN_OWN = 0.28;
/** Extra score for the body of a short section whose heading is what the question asks about. */
const SHORT_SECTION_BONUS = 0.05;
/** A unit that is only a web address, perhaps after a label ("Läs mer: https://..."). */
const BARE_LINK = /^(?:[^:\n]{0,60}:\s*(?:\/\s*)?)?(?:https?:\/\/|www\.)\S+\s*$/i;
/** Short lines before a short line that still frame it (a form's block of labelled values). */
const BLOCK_LINES = 3;
const POSITION_BONUS = 0.03;

export class ExtractiveComposer implements Composer {
  private readonly opts: typeof DEFAULTS;

  constructor(opts: ExtractiveOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  async compose(input: ComposeInput): Promise<BotAnswer> {
    const intent = questionIntent(input.question);
    if (intent.buyerDecision) return { status: 'not_in_documents', answer: buyerDecisionAnswer(), citations: [] };
    const decision = this.decide(input.question, input.passages, input.callOff.buyer);
    if (!decision.answered) return { status: 'not_in_documents', answer: notInDocumentsAnswer(), citations: [] };
    // With several documents, "avsnitt 1.2" is ambiguous: the reply names the document too.
    const documents = new Set(input.passages.filter((p) => p.chunk.kind === 'document').map((p) => p.chunk.document));
    return render(decision.chosen, documents.size > 1);
  }

  /**
   * The whole decision, exposed for the eval harness and tests. `buyer` is the
   * buyer's name: in its own call-off it stands in every section and proves nothing.
   */
  decide(question: string, passages: readonly Passage[], buyer = ''): Decision {
    const intent = questionIntent(question);
    // The question proper, without the message's context sentences: its form (yes/no, a case, a rate) is what is asked.
    const asked = question.slice(questionStart(question));
    const top = passages.slice(0, this.opts.maxPassages);
    let groups: string[][] = [];
    let weights: number[] = [];
    const none = (reason: string, candidates: Candidate[] = []): Decision => ({
      answered: false,
      reason,
      candidates,
      chosen: [],
      groups,
      weights,
    });
    if (top.length === 0) return none('no passages');

    // An analyzer that knows the passages' own words splits their compounds best.
    // Built from per-chunk vocabularies computed once (analysisCache): the same analyzer, faster.
    const analyzer = passageAnalyzer(
      top.map((p) => ({ key: p.chunk.id, text: `${p.chunk.heading}\n${p.chunk.text}` })),
    );
    // A question typed without å, ä and ö is matched against the documents' words spelled the same way.
    const folded = isFoldedQuestion(question);
    const evidence = new CachedEvidence(analyzer, folded);
    const analysed = withoutNames(
      withoutKindWords(questionGroups(analyzer, question), intent.kinds, question),
      nameTerms(analyzer, question, buyer),
    );
    const qGroups = folded ? foldGroups(analysed) : analysed;
    groups = qGroups.map((g) => g.alts.map((a) => a.term));
    if (groups.length === 0) return none('no content words in the question');

    const units = top.map((p) => cachedUnits(p.chunk, unitsOf));
    const unitTerms = units.map((us) => us.map((u) => evidence.terms(u.text)));
    const verbs = verbStems(question);
    weights = groupWeights(qGroups, unitTerms.flat(), verbs);
    const contextOnly = contextOnlyGroups(analyzer, question, analysed);
    if (contextOnly.includes(true)) {
      const allTerms = unitTerms.flat();
      weights = weights.map((w, i) =>
        !contextOnly[i] ? w : allTerms.some((t) => groupPresence(qGroups[i]!, t) > 0) ? w * CONTEXT_GROUP_FACTOR : 0,
      );
    }
    // The expected kind of answer (a date, a number, a contact, a place) is part of what the question asks.
    const concreteKind = intent.kinds.some(
      (k) =>
        k === 'date' ||
        k === 'duration' ||
        k === 'number' ||
        k === 'amount' ||
        k === 'contact' ||
        k === 'address' ||
        k === 'place',
    );
    const kindWeight = concreteKind ? weights.reduce((a, b) => a + b, 0) / weights.length : 0;
    const total = weights.reduce((a, b) => a + b, 0) + kindWeight;

    const needed = intent.kinds.filter((k) => NEEDED_KINDS.has(k));
    const wantsAddress = intent.kinds.includes('address') || intent.kinds.includes('contact');
    const conditionalQuestion = CONDITIONAL_QUESTION.test(asked);
    const namedSections = new Set(
      tokenize(question)
        .filter((t) => t.kind === 'section')
        .map((t) => t.text),
    );
    const candidates: Candidate[] = [];
    top.forEach((passage, rank) => {
      const heading = withSectionNumber(evidence.terms(headingText(passage.chunk)), passage.chunk);
      const headingShare = cover(qGroups, weights, total, EMPTY_TERMS, heading, 1, EMPTY_TERMS).coverage;
      // A published answer's heading is the question it answers; the body of a short section whose
      // heading asks the question ("Kompetensnivå" - "4") answers it as if it said the heading.
      const shortAnswer = units[rank]!.length <= 3 && headingShare >= 0.6;
      // A question that names this section by number asks about it: its heading speaks for its sentences.
      const named = namedSections.has(passage.chunk.section);
      const headingFactor = passage.chunk.kind === 'published_answer' || shortAnswer || named ? 1 : HEADING_FACTOR;
      units[rank]!.forEach((unit, i) => {
        if (PLACEHOLDER.test(unit.text)) return;
        // A bare web address proves its words are in a link, not that the documents say anything about them.
        if (!wantsAddress && BARE_LINK.test(unit.text)) return;
        const terms = unitTerms[rank]![i]!;
        // A table's key cell ("Sista anbudsdag") has its value in the rest of the row ("2026-03-20 kl. 23:59"),
        // which the answer quotes with it (see choose): the kind asked for may be there.
        const rest = rowRest(passage.chunk.text, unit);
        const hasKind = (kinds: readonly AnswerKind[]) =>
          matchesKind(kinds, unit.text, intent.counted) || (rest !== null && matchesKind(kinds, rest, intent.counted));
        const kindMatch = hasKind(intent.kinds);
        const neededMatch = needed.length > 0 && hasKind(needed);
        // A short line (a labelled value, a list item) reads in the context of the short lines before it
        // (a form's block: "Kontaktperson: ..." / "Telefonnummer: ..." / "E-post: ...").
        // A sentence that points back ("Kostnader för detta ...") reads with the sentence before it.
        const short = unit.text.length <= SHORT_UNIT;
        const back = !short && pointsBack(units[rank]!, i);
        // A list item reads under the sentence that introduces it ("... genom att bifoga:" / "• ett registreringsbevis ...").
        const item = !short && !back && i > 0 && LEAD_IN.test(units[rank]![i - 1]!.text);
        const context = short
          ? blockContext(units[rank]!, unitTerms[rank]!, i)
          : back || item
            ? unitTerms[rank]![i - 1]!
            : EMPTY_TERMS;
        // A table cell reads under its column headers ("Möjligt prisavdrag" over "SEK 150").
        const header = tableHeader(passage.chunk.text, unit);
        const previous = header ? merged(context, evidence.terms(header)) : context;
        // What "detta" stands for is said by the sentence before: it counts as much as a heading.
        const contextFactor = back ? HEADING_FACTOR : CONTEXT_FACTOR;
        const lexical = cover(qGroups, weights, total, terms, heading, headingFactor, previous, contextFactor, back);
        const kindShare = kindMatch ? kindWeight / total : 0;
        const coverage = lexical.coverage + kindShare;
        const own = lexical.own + kindShare;
        const score =
          coverage +
          HEADING_BONUS * headingShare +
          OWN_BONUS * lexical.unitOnly +
          RANK_BONUS * (1 - rank / top.length) +
          POSITION_BONUS * (1 / (1 + i)) +
          (shortAnswer ? SHORT_SECTION_BONUS * headingShare : 0) -
          (conditionalQuestion || !CONDITIONAL.test(unit.text) ? 0 : CONDITIONAL_PENALTY);
        candidates.push({ passage, rank, unit, coverage, ownCoverage: own, kindMatch, neededMatch, score });
      });
    });
    candidates.sort((a, b) => b.score - a.score);
    // A "when" or "how many" question is not answered by a sentence without a date or a number:
    // among sentences that cover the question well enough, those with one come first.
    const needKind = needed.length > 0;
    // "Hur många X" and "vilket telefonnummer" are never answered without the number itself.
    const strictKind = intent.counted !== null || intent.kinds.includes('address');
    const threshold = this.opts.minCoverage;
    const top1 = candidates[0];
    if (!top1) return none('no sentences in the passages');
    const withKind = needKind
      ? candidates.find((c) => c.neededMatch && c.coverage >= Math.max(threshold, top1.coverage - KIND_SLACK))
      : undefined;
    let best = withKind ?? top1;
    // "Hur ofta ...": among sentences that cover the question about as well, one that states a frequency.
    if (/\b(?:hur ofta|how often)\b/i.test(asked) && !FREQUENCY.test(best.unit.text)) {
      const frequent = candidates.find(
        (c) => FREQUENCY.test(c.unit.text) && c.coverage >= Math.max(threshold, top1.coverage - KIND_SLACK),
      );
      if (frequent) best = frequent;
    }
    // "Hur många timmar per vecka ...": a total or a yearly figure does not answer a weekly one.
    const rates = rateUnits(asked);
    if (rates.length > 0) {
      // Stated as a rate ("per helår", "i månaden", "månadsvis"), not just a number of months.
      const statesRate = (c: Candidate) =>
        rates.every((re) => re.test(c.unit.text) || re.test(c.passage.chunk.heading));
      const withRate = candidates.find((c) => statesRate(c) && c.coverage >= threshold);
      if (!withRate) return none('the rate asked for ("per ...") is not stated', candidates);
      if (!statesRate(best)) best = withRate;
    }
    // "Vad är TendSign?" is not answered by any sentence that mentions TendSign: it must say what it is.
    const substantive = qGroups.filter((g) => !isLightTerm(g.primary) && !verbs.has(g.primary));
    const only = substantive.length === 1 ? substantive[0]! : null;
    if (intent.definition && only && namedSections.size === 0) {
      const defining = candidates.find(
        (c) => c.coverage >= threshold && (c.passage.chunk.kind === 'published_answer' || defines(c, only)),
      );
      if (!defining) return none('a one-word "what is" question and no sentence says what it is', candidates);
      best = defining;
    }

    // A question in two parts ("Hur länge pågår uppdraget och kan det förlängas?") that no one sentence
    // answers whole: answered when each part on its own is answered by a sentence.
    const parts = () => answeringParts(question, qGroups, weights, candidates, evidence, analyzer, folded, threshold);
    const orParts = (reason: string): Decision => {
      const answers = parts();
      if (!answers) return none(reason, candidates);
      const chosen = answers.map((a) => a[0]!).filter((c, i, all) => all.indexOf(c) === i);
      return { answered: true, reason: 'ok (two parts)', candidates, chosen: inReadingOrder(chosen), groups, weights };
    };
    if (best.coverage < threshold) return orParts(`coverage ${best.coverage.toFixed(2)} below ${threshold}`);
    if (best.ownCoverage === 0) return orParts('the sentence itself covers nothing of the question');
    // The heading may frame a sentence, not supply the question for it: a sentence that itself says
    // little of the question ("Fakturor ska innehålla ..." under "Betalningsvillkor") is not the answer.
    const framed = best.passage.chunk.kind === 'published_answer' || best.coverage === best.ownCoverage;
    if (!framed && best.ownCoverage < MIN_OWN) {
      return orParts(`the sentence itself covers ${best.ownCoverage.toFixed(2)} of the question`);
    }
    // The buyer's published answer to the same question is the answer, whatever form it takes.
    const publishedAnswer = best.passage.chunk.kind === 'published_answer';
    if (needKind && !best.neededMatch && !publishedAnswer && (strictKind || best.coverage < 0.85)) {
      return orParts('the expected kind of answer is missing');
    }
    const chosen = this.choose(best, candidates, intent.kinds, isYesNo(asked));
    // A two-part question whose quote answers one part: the other part's own sentence completes it.
    for (const answers of parts() ?? []) {
      if (chosen.length >= this.opts.maxQuotes) break;
      if (!answers.some((c) => chosen.includes(c))) chosen.push(answers[0]!);
    }
    return { answered: true, reason: 'ok', candidates, chosen: inReadingOrder(chosen), groups, weights };
  }

  /** The best sentence plus what completes it: a neighbour with the expected kind, or list items. */
  private choose(best: Candidate, candidates: Candidate[], kinds: AnswerKind[], yesNo = false): Candidate[] {
    const chosen = [best];
    const sameChunk = candidates.filter((c) => c !== best && c.passage.chunk.id === best.passage.chunk.id);
    const isList = kinds.includes('list');
    // "Hur ..." is often answered by two neighbouring sentences (what, then by what means).
    const closeness = isList ? 0.8 : kinds.includes('manner') ? 0.84 : 0.92;
    const limit = isList ? this.opts.maxQuotes : Math.min(2, this.opts.maxQuotes);
    for (const c of sameChunk) {
      if (chosen.length >= limit) break;
      if (overlaps(c.unit, chosen)) continue;
      const completesKind = !best.kindMatch && c.kindMatch && c.coverage >= best.coverage * 0.6;
      const strongToo = c.score >= best.score * closeness && c.ownCoverage > 0;
      if (completesKind || strongToo) chosen.push(c);
    }
    // A sentence that points back is quoted with the sentence it points to.
    const units = sameChunk.filter((c) => c.unit.paragraph === best.unit.paragraph && c.unit.end <= best.unit.start);
    const antecedent = units.sort((a, b) => b.unit.start - a.unit.start)[0];
    if (antecedent && chosen.length < limit && ANAPHOR.test(best.unit.text) && best.unit.text.length > SHORT_UNIT) {
      if (!overlaps(antecedent.unit, chosen) && !chosen.includes(antecedent)) chosen.push(antecedent);
    }
    // A list item is quoted with the sentence that introduces it.
    const leadIn = sameChunk
      .filter((c) => c.unit.end <= best.unit.start)
      .sort((a, b) => b.unit.start - a.unit.start)[0];
    if (
      leadIn &&
      chosen.length < limit &&
      best.unit.text.length > SHORT_UNIT &&
      LEAD_IN.test(leadIn.unit.text) &&
      !ANAPHOR.test(best.unit.text) &&
      !overlaps(leadIn.unit, chosen) &&
      !chosen.includes(leadIn)
    ) {
      chosen.push(leadIn);
    }
    // A table cell answers with the rest of its row ("Erfarenhet av 2 liknande uppdrag" | "SEK 100").
    // Not a form's "Label: value" cell, whose neighbour is another field.
    if (isTableCell(best) && !best.unit.text.includes(':') && chosen.length < limit) {
      const row = sameChunk
        .filter((c) => c.unit.paragraph === best.unit.paragraph && c.unit.start > best.unit.start)
        .filter((c) => c.unit.text.length <= TABLE_VALUE_CHARS)
        .sort((a, b) => a.unit.start - b.unit.start);
      for (const c of row) {
        if (chosen.length >= limit) break;
        if (!overlaps(c.unit, chosen) && !chosen.includes(c)) chosen.push(c);
      }
    }
    // A yes/no question answered mid-paragraph: the sentence before states the rule the answer
    // qualifies ("Anbudet ska vara på svenska. ... får vara på engelska.").
    if (yesNo && chosen.length === 1 && limit >= 2) {
      const before = sameChunk
        .filter((c) => c.unit.paragraph === best.unit.paragraph && c.unit.end <= best.unit.start)
        .sort((a, b) => b.unit.start - a.unit.start)[0];
      const statesRule = before !== undefined && before.unit.text.length >= 25 && RULE.test(before.unit.text);
      if (before && statesRule && before.ownCoverage > 0 && !overlaps(before.unit, chosen)) chosen.push(before);
    }
    return inReadingOrder(chosen);
  }
}

const WHOLE_PUBLISHED_ANSWER = 500;

/** Where a second question is joined to the first: "... och kan det förlängas?", "..., och till vem?". */
const SECOND_PART =
  /(?:,\s*|\s)(?:och|samt|men)\s+(?=(?:hur|vad|vilken|vilket|vilka|när|var|vem|till vem|om|kan|får|ska|måste|finns|går|behöver)(?![a-zåäö]))/i;

/** The two questions of a two-part question, each with at least two words; null for one question. */
export function questionParts(question: string): [string, string] | null {
  const q = withoutGreetings(question.normalize('NFC'));
  const m = SECOND_PART.exec(q);
  if (!m) return null;
  const first = q.slice(0, m.index);
  const second = q.slice(m.index + m[0].length);
  const words = (t: string) => tokenize(t).filter((x) => x.kind === 'word').length;
  return words(first) >= 2 && words(second) >= 2 ? [first, second] : null;
}

/** Reading order within a section reads better than score order. */
function inReadingOrder(chosen: Candidate[]): Candidate[] {
  return chosen.sort((a, b) => (a.rank !== b.rank ? a.rank - b.rank : a.unit.start - b.unit.start));
}

/**
 * For each part of a two-part question, the sentences that answer that part on their own, best
 * first, judged like a whole question (coverage of that part's words by the sentence itself, the
 * expected kind of answer present); null unless both parts are answered. The question's weights
 * are kept: they were measured on all passages.
 */
function answeringParts(
  question: string,
  qGroups: readonly QuestionGroup[],
  weights: readonly number[],
  candidates: readonly Candidate[],
  evidence: CachedEvidence,
  analyzer: Parameters<typeof questionGroups>[0],
  folded: boolean,
  threshold: number,
): Candidate[][] | null {
  const parts = questionParts(question);
  if (!parts) return null;
  const out: Candidate[][] = [];
  for (const part of parts) {
    const intent = questionIntent(part);
    const own = withoutKindWords(questionGroups(analyzer, part), intent.kinds, part);
    const primaries = new Set((folded ? foldGroups(own) : own).map((g) => g.primary));
    const index = qGroups.flatMap((g, i) => (primaries.has(g.primary) ? [i] : []));
    const groups = index.map((i) => qGroups[i]!);
    const partWeights = index.map((i) => weights[i]!);
    if (!groups.some((g) => !isLightTerm(g.primary))) return null;
    const needed = intent.kinds.filter((k) => NEEDED_KINDS.has(k));
    const sum = partWeights.reduce((a, b) => a + b, 0);
    const kindWeight = needed.length > 0 ? sum / partWeights.length : 0;
    const total = sum + kindWeight;
    const answering: Array<{ c: Candidate; coverage: number }> = [];
    for (const c of candidates) {
      if (c.passage.chunk.kind !== 'document') continue;
      const kindMatch = needed.length > 0 && matchesKind(needed, c.unit.text, intent.counted);
      if (needed.length > 0 && !kindMatch) continue;
      // The sentence itself must say it: a heading only frames.
      const terms = evidence.terms(c.unit.text);
      const heading = withSectionNumber(evidence.terms(headingText(c.passage.chunk)), c.passage.chunk);
      const lexical = cover(groups, partWeights, total, terms, heading, HEADING_FACTOR, EMPTY_TERMS);
      const kindShare = kindMatch ? kindWeight / total : 0;
      if (lexical.coverage + kindShare < threshold || lexical.own + kindShare < threshold * 0.75) continue;
      answering.push({ c, coverage: lexical.coverage + kindShare });
    }
    if (answering.length === 0) return null;
    // Stable sort: among equal coverage, the composer's own order (its score) decides.
    out.push(answering.sort((a, b) => b.coverage - a.coverage).map((a) => a.c));
  }
  return out;
}

/** The quotable units of a chunk; a short published answer is quoted whole, as the buyer wrote it. */
function unitsOf(chunk: Chunk): Unit[] {
  if (chunk.kind === 'published_answer') {
    const start = chunk.text.search(/\S/);
    const end = chunk.text.trimEnd().length;
    if (start >= 0 && end - start <= WHOLE_PUBLISHED_ANSWER) {
      return [{ start, end, text: chunk.text.slice(start, end), paragraph: 0 }];
    }
  }
  return splitUnits(chunk.text);
}

/** A question may name the section ("Vad gäller enligt avsnitt 1.8?"): the number counts as part of the heading. */
function withSectionNumber(heading: TermSet, chunk: Chunk): TermSet {
  if (chunk.kind !== 'document' || !/^\d+(?:\.\d+)*$/.test(chunk.section)) return heading;
  const terms = new Map(heading);
  terms.set(chunk.section, 1);
  return terms;
}

/** The first row of the table a unit sits in below it (rows are lines whose cells ingestion joined with " | "). */
function tableHeader(text: string, unit: Unit): string | null {
  if (!text.includes(' | ')) return null;
  const lines = text.split('\n');
  if (!(lines[unit.paragraph] ?? '').includes(' | ')) return null;
  let first = unit.paragraph;
  while (first > 0 && lines[first - 1]!.includes(' | ')) first--;
  return first < unit.paragraph ? lines[first]! : null;
}

function merged(a: TermSet, b: TermSet): TermSet {
  if (a.size === 0) return b;
  const out: TermSet = new Map(a);
  for (const [t, v] of b) out.set(t, Math.max(out.get(t) ?? 0, v));
  return out;
}

/** The terms of the short lines right before unit i (up to BLOCK_LINES), each at its best strength. */
function blockContext(units: readonly Unit[], terms: readonly TermSet[], i: number): TermSet {
  if (i === 0) return EMPTY_TERMS;
  if (units[i - 1]!.text.length > SHORT_UNIT) return terms[i - 1]!;
  const out: TermSet = new Map(terms[i - 1]!);
  for (let j = i - 2; j >= Math.max(0, i - BLOCK_LINES); j--) {
    if (units[j]!.text.length > SHORT_UNIT) break;
    for (const [t, v] of terms[j]!) out.set(t, Math.max(out.get(t) ?? 0, v));
  }
  return out;
}

/**
 * Words that refer to what the sentence before said: "därför", or a demonstrative standing
 * alone ("Kostnader för detta ska ...", "Detta innebär ..."), not one before its noun ("detta avrop").
 */
const ANAPHOR =
  /(?<![a-zåäö])(?:därför|(?:detta|dessa|denna|denne|sådant)(?=\s*[.,;:!?]|\s+(?:ska|skall|kan|är|får|gäller|innebär|sker|måste|bör|kommer|har|betyder|avser|medför)(?![a-zåäö])))/i;

/** A sentence that introduces a list: it ends with a colon or a semicolon. */
const LEAD_IN = /[:;]\s*$/;

/** Unit i refers back to the unit before it in the same paragraph. */
function pointsBack(units: readonly Unit[], i: number): boolean {
  const before = units[i - 1];
  return before !== undefined && before.paragraph === units[i]!.paragraph && ANAPHOR.test(units[i]!.text);
}

function headingText(chunk: Chunk): string {
  return chunk.heading;
}

/** Weighted coverage of the groups by a sentence, its heading counting somewhat less (except for published answers). */
function cover(
  groups: readonly QuestionGroup[],
  weights: readonly number[],
  total: number,
  terms: TermSet,
  heading: TermSet,
  headingFactor: number,
  previous: TermSet,
  contextFactor = CONTEXT_FACTOR,
  contextIsOwn = false,
): { coverage: number; own: number; unitOnly: number } {
  let sum = 0;
  let own = 0;
  let unitOnly = 0;
  // A word of the sentence that only weakly matches (a shared beginning) counts for one group at most.
  const weaklyUsed = new Set<string>();
  const presence = (g: QuestionGroup): number => {
    const { value, weak } = groupMatch(g, terms);
    if (weak === undefined) return value;
    if (weaklyUsed.has(weak)) return 0;
    weaklyUsed.add(weak);
    return value;
  };
  groups.forEach((g, i) => {
    const inHeading = Math.max(groupPresence(g, heading) * headingFactor, groupPresence(g, previous) * contextFactor);
    const inText = presence(g);
    // At full heading weight the heading speaks for the sentence (published answers, short sections).
    const inUnit = headingFactor >= 1 ? Math.max(inText, inHeading) : inText;
    // What a sentence refers back to ("för detta") is part of what it says itself.
    const inOwn = contextIsOwn ? Math.max(inUnit, groupPresence(g, previous) * contextFactor) : inUnit;
    sum += weights[i]! * Math.max(inUnit, inHeading);
    own += weights[i]! * inOwn;
    unitOnly += weights[i]! * inText;
  });
  if (total <= 0) return { coverage: 0, own: 0, unitOnly: 0 };
  return { coverage: sum / total, own: own / total, unitOnly: unitOnly / total };
}

const COUNT = '(?:\\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)';
const DURATION = new RegExp(
  `\\b${COUNT}(?:\\s*[-–]\\s*${COUNT})?(?:\\s*\\(\\d+\\))?\\s*(?:dagars|dagar|dag|veckors|veckor|vecka|månaders|månader|månad|års|år|timmars|timmar|timme|minuters|minuter|arbetsdagars|arbetsdagar)\\b`,
  'i',
);
const IMMEDIATELY = /(?<![a-zåäö])(?:direkt|omedelbart|omgående|med omedelbar verkan)(?![a-zåäö])/i;
// Week numbers, months and relative times also answer "when" ("vecka 47", "i mars", "efter avslutad utvärdering").
const WHEN_WORDS =
  /\b(?:(?:under|år|i|sedan|från|till) (?:19|20)\d{2}\b|dag (?:\d{1,3}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)\b|v\.\s?\d{1,2}|vecka \d{1,2}|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|kvartal|omgående|snarast|så snart|efter avslutad|i samband med)\b/i;
/** Words that state how often ("månadsvis", "varje vecka", "två gånger per år"). */
const FREQUENCY =
  /\b(?:dagligen|veckovis|månadsvis|kvartalsvis|årligen|varje (?:dag|vecka|månad|kvartal|år)|varannan|löpande|kontinuerligt|regelbundet|gång(?:er)? (?:per|i|om))\b/i;
const MONEY = /\d[\d\s]*(?:[.,]\d+)?\s*(?:kr|kronor|sek|tkr|mkr|msek|eur|euro|€|:-)(?![\p{L}])|(?:sek|kr)\s*\d/iu;
const PHONE = /(?<![\d-])(?:\+46|0)\d{1,3}[- ]?\d{2,3}[ -]?\d{2,3}(?:[ -]?\d{2,3})?(?!\d)/;
const LABELLED_NAME = /:\s*\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)+\s*$/mu;
// "en vecka efter", "två veckor innan": a time relative to an event answers "when".
const RELATIVE_TIME = new RegExp(
  `\\b${COUNT}(?:\\s*\\(\\d+\\))?\\s+(?:dagar|dag|veckor|vecka|månader|månad|år|arbetsdagar)\\s+(?:efter|innan|före)\\b`,
  'i',
);
const NAME_LINE = /(?:^|\n)\s*\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)+\s*(?:\n|$)/u;
const PLACE_WORDS =
  /\b(?:lokaler|kontor|plats|ort|kommunhus|stadshus|adress|distans|hemifrån|på plats|i \p{Lu}\p{Ll}+)\b/u;

/** A neighbouring cell short enough to be the row's value ("SEK 100", "Ja", "3 år"). */
const TABLE_VALUE_CHARS = 40;

/** A unit that is one cell of a table row (ingestion joins a row's cells with " | "). */
/**
 * The rest of a short table row after a cell ("2026-03-20 kl. 23:59" after "Sista anbudsdag"),
 * or null when the unit is not a cell, is a form's "Label: value", or the rest is long.
 */
function rowRest(text: string, unit: Unit): string | null {
  const lineEnd = text.indexOf('\n', unit.end);
  const after = text.slice(unit.end, lineEnd < 0 ? text.length : lineEnd);
  if (!after.startsWith(' | ') || unit.text.includes(':')) return null;
  const rest = after.slice(3);
  return rest.length <= TABLE_VALUE_CHARS ? rest : null;
}

function isTableCell(c: Candidate): boolean {
  const text = c.passage.chunk.text;
  const lineStart = text.lastIndexOf('\n', c.unit.start - 1) + 1;
  const lineEnd = text.indexOf('\n', c.unit.end);
  return text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).includes(' | ');
}

/** Verbs that open a yes/no question ("Får man ...?", "Krävs det ...?", "Can we ...?"). */
const YES_NO_OPENERS = new Set(
  (
    'kan får måste ska skall är finns krävs behöver går accepteras godtas godkänns tillåts gäller bör blir ' +
    'tillämpas ingår räcker kommer har is are can could must may do does will should'
  ).split(' '),
);

/** A sentence that lays down a rule ("Anbudet ska vara ...", "Konsulten måste ..."). */
const RULE = /(?<![a-zåäö])(?:ska|skall|måste|must|shall)(?![a-zåäö])/i;

function isYesNo(question: string): boolean {
  const first = tokenize(withoutGreetings(question.normalize('NFC'))).find((t) => t.kind === 'word');
  return first !== undefined && (YES_NO_OPENERS.has(first.text) || FOLDED_YES_NO_OPENERS.has(first.text));
}

/** The same openers typed without å, ä and ö ("Maste", "Far", "Gar"). */
const FOLDED_YES_NO_OPENERS: ReadonlySet<string> = new Set([...YES_NO_OPENERS].map(foldLetters));

/** "per år", "per vecka", "per hour": the time unit a figure must be stated in, as stems (compounds included). */
const L = '(?![a-zåäö])';
const RATE_UNITS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [
    /^(?:år|ar|året|aret|year|annum|helår)$/,
    new RegExp(`(?<![a-zåäö])(?:per|/|om|i)\\s*(?:hel)?år(?:et)?${L}|årlig|årsbas`, 'i'),
  ],
  [
    /^(?:månad|manad|månaden|month)$/,
    new RegExp(`(?<![a-zåäö])(?:per|/|om|i)\\s*månad(?:en)?${L}|månadsvis|månatlig|heltidsekvivalent per månad`, 'i'),
  ],
  [/^(?:vecka|veckan|week)$/, new RegExp(`(?<![a-zåäö])(?:per|/|om|i)\\s*veck(?:a|an)${L}|veckovis`, 'i')],
  [/^(?:dag|dagen|day|dygn)$/, new RegExp(`(?<![a-zåäö])(?:per|/|om|i)\\s*(?:dag|dygn)(?:en|et)?${L}|dagligen`, 'i')],
  [
    /^(?:timme|timmen|hour|h)$/,
    new RegExp(`(?<![a-zåäö])(?:per|/|i)\\s*tim(?:me|men)?${L}|timpris|timarvode|/h${L}`, 'i'),
  ],
];

/** "per vecka", "per year": how the figure asked for must be stated, as a pattern over document text. */
function rateUnits(question: string): RegExp[] {
  const words = tokenize(question.normalize('NFC'))
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
  const out: RegExp[] = [];
  words.forEach((w, i) => {
    if (i === 0 || words[i - 1] !== 'per') return;
    const unit = RATE_UNITS.find(([re]) => re.test(w));
    if (unit) out.push(unit[1]);
  });
  return out;
}

/** Does the sentence hold the kind of answer expected? */
export function matchesKind(kinds: readonly AnswerKind[], text: string, counted: string | null = null): boolean {
  const tokens = cachedTokens(text);
  for (const kind of kinds) {
    switch (kind) {
      case 'date':
        if (tokens.some((t) => t.kind === 'date' || t.kind === 'time')) return true;
        if (WHEN_WORDS.test(text) || RELATIVE_TIME.test(text)) return true;
        break;
      case 'duration':
        if (tokens.some((t) => t.kind === 'date')) return true;
        // "giltigt t.o.m. 2026-03-23": up to a stated day (not "t.o.m. nedanstående datum" with none).
        if (DURATION.test(text) || /\b(?:t\.o\.m|till och med)\b[^\n]{0,40}\d/i.test(text)) return true;
        // "Hur lång tid efter tilldelningen ...?" - "direkt efter tilldelning": no time at all is a length too.
        if (IMMEDIATELY.test(text)) return true;
        break;
      case 'number':
        if (counted !== null && !COUNT_WORDS.has(counted)) {
          if (countsWord(tokens, counted)) return true;
          break;
        }
        if (tokens.some((t) => t.kind === 'number' || t.kind === 'amount')) return true;
        if (/\b(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s*\(\d+\)/i.test(text)) return true;
        break;
      case 'amount':
        if (tokens.some((t) => t.kind === 'amount' && !t.text.endsWith('%'))) return true;
        if (MONEY.test(text)) return true;
        break;
      case 'address':
        if (tokens.some((t) => t.kind === 'email') || PHONE.test(text)) return true;
        break;
      case 'contact':
        // A real address, number or name, not the word "telefon".
        if (
          tokens.some((t) => t.kind === 'email') ||
          PHONE.test(text) ||
          NAME_LINE.test(text) ||
          LABELLED_NAME.test(text)
        )
          return true;
        break;
      case 'place':
        if (PLACE_WORDS.test(text)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

const DEFINING_VERBS = new Set(['är', 'innebär', 'betyder', 'avser', 'omfattar']);

/** The sentence says what the word is ("X är ...", "med X avses ..."), or its section is about it. */
function defines(c: Candidate, group: QuestionGroup): boolean {
  const prefix = group.primary.slice(0, Math.max(4, Math.min(group.primary.length, 6)));
  const is = (w: string) => stemSwedish(w).startsWith(prefix) || w.startsWith(prefix);
  const words = tokenize(c.unit.text)
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
  for (let i = 0; i < words.length; i++) {
    if (!is(words[i]!)) continue;
    if (DEFINING_VERBS.has(words[i + 1] ?? '')) return true;
    if (words[i - 1] === 'med' && (words[i + 1] === 'avses' || words[i + 1] === 'menas')) return true;
  }
  // "Diarienummer/referensnummer: TF2023/336": a label names what its value is.
  const label = /^([^:\n]{1,60}):\s*\S/.exec(c.unit.text)?.[1];
  if (label && tokenize(label).some((t) => t.kind === 'word' && is(t.text))) return true;
  const heading = tokenize(c.passage.chunk.heading).filter((t) => t.kind === 'word');
  return heading.length > 0 && heading.length <= 2 && heading.some((t) => is(t.text));
}

/** "Hur många gånger / procent": the counted word is the form of the question, any number answers. */
const COUNT_WORDS = new Set(['gånger', 'gång', 'procent']);
const NUMBER_WORDS = new Set([
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
  'elva',
  'tolv',
]);

const CURRENCY = new Set(['kr', 'kronor', 'sek']);

/** A number followed closely by the counted word ("två (2) referensuppdrag" counts "referensuppdrag"). */
function countsWord(tokens: ReturnType<typeof tokenize>, counted: string): boolean {
  const target = stemSwedish(counted);
  const prefix = target.slice(0, Math.max(4, Math.min(target.length, 6)));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const isNumber = t.kind === 'number' || t.kind === 'amount' || (t.kind === 'word' && NUMBER_WORDS.has(t.text));
    if (!isNumber) continue;
    // "75 kronor" is one amount token: its unit is the counted word ("hur många kronor").
    if (t.kind === 'amount') {
      const unit = t.text.replace(/^[\d.,]+/, '');
      if (unit.startsWith(prefix) || (CURRENCY.has(unit) && CURRENCY.has(counted.toLowerCase()))) return true;
    }
    for (let j = i + 1; j <= i + 4 && j < tokens.length; j++) {
      const w = tokens[j]!;
      if (w.kind !== 'word') continue;
      const stem = stemSwedish(w.text);
      if (stem.startsWith(prefix) || stem.includes(target) || w.text.includes(prefix)) return true;
    }
  }
  return false;
}

function overlaps(unit: Unit, chosen: readonly Candidate[]): boolean {
  return chosen.some((c) => unit.start < c.unit.end && c.unit.start < unit.end && c.unit !== unit);
}

function sourceOf(chunk: Chunk, nameDocument: boolean): QuoteSource {
  return chunk.kind === 'published_answer'
    ? { kind: 'published_answer', faqNumber: chunk.faqNumber ?? null }
    : {
        kind: 'section',
        section: chunk.section,
        heading: chunk.heading,
        ...(nameDocument ? { document: chunk.document } : {}),
      };
}

function citationOf(c: Candidate): Citation {
  const chunk = c.passage.chunk;
  return {
    document: chunk.document,
    section: chunk.section,
    heading: chunk.kind === 'published_answer' ? publishedAnswerHeading(chunk.faqNumber ?? null) : chunk.heading,
    quote: c.unit.text,
    page: chunk.page,
  };
}

/** The reply: one line per source, quotes verbatim. */
function render(chosen: readonly Candidate[], nameDocument: boolean): BotAnswer {
  const lines: string[] = [];
  const byChunk = new Map<string, Candidate[]>();
  for (const c of chosen) {
    const list = byChunk.get(c.passage.chunk.id) ?? [];
    list.push(c);
    byChunk.set(c.passage.chunk.id, list);
  }
  for (const group of byChunk.values()) {
    const source = sourceOf(group[0]!.passage.chunk, nameDocument);
    const [first, ...rest] = group;
    let line = quoteLine(source, first!.unit.text);
    for (const c of rest) line += ` … ”${c.unit.text}”`;
    lines.push(line);
  }
  return { status: 'answered', answer: extractiveAnswer(lines), citations: chosen.map(citationOf) };
}
