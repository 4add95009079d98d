/**
 * The extractive composer: reads the retrieved passages with the fitted
 * answer model and quotes the candidate (a sentence, a list item, a table row
 * or two adjacent units) that most probably answers the question, verbatim,
 * with its section. When no candidate reaches the model's threshold it says
 * the documents do not answer, and names the one or two sections that came
 * closest as possibly relevant. No network: this is the offline answer and
 * the LLM composer's fallback. Every number it acts on comes from
 * models/answer-model.json (fitted by `npm run fit`).
 */
import type { ComposeInput, Composer } from '../core/ports.js';
import type { BotAnswer, Citation, Passage } from '../core/types.js';
import type { ChunkAnalysisStore } from './analysisStore.js';
import { type AnswerModel, cueTableOf, loadAnswerModel, logit, sigmoid } from './answerModel.js';
import { type Candidate, candidatesOf } from './candidates.js';
import {
  analyseQuestion,
  type CandidateView,
  describeCandidate,
  describePassages,
  featureVector,
  type QuestionView,
  questionAnalyzer,
  questionVector,
} from './features.js';
import {
  buyerDecisionAnswer,
  extractiveAnswer,
  notInDocumentsAnswer,
  publishedAnswerHeading,
  type QuoteSource,
  quoteLine,
  relatedAnswer,
} from './messages.js';
import { treesLogit } from './trees.js';

export interface ExtractiveOptions {
  /** Passages read, best first. Default 8 (all that retrieval gives). */
  maxPassages?: number;
  /** The model to use (tests, fitting); default the shipped one. */
  model?: AnswerModel;
  /** Keeps the passages' analysis between processes (the CLI's data dir); default none. */
  analysisStore?: ChunkAnalysisStore;
}

/** A candidate with its features and the candidate model's log-odds. */
export interface Scored {
  candidate: Candidate;
  features: number[];
  logit: number;
}

export interface Decision {
  answered: boolean;
  question: QuestionView | null;
  /**
   * The probability that the best candidate is the answer: the published decision's when it took a
   * published answer, else the question model's for the documents' best candidate.
   */
  confidence: number;
  /** Every candidate, most probable first. */
  scored: Scored[];
  /** The quoted candidate when answered. */
  chosen: Scored | null;
  /** The possibly relevant section's best candidate, when not answered. */
  related: Scored[];
}

/** The candidates best first; ties in reading order, so the same input always gives the same quote. */
export function rankCandidates<T extends { logit: number; candidate: Pick<Candidate, 'rank' | 'start' | 'end'> }>(
  scored: T[],
): T[] {
  return scored.sort(
    (a, b) =>
      b.logit - a.logit ||
      a.candidate.rank - b.candidate.rank ||
      a.candidate.start - b.candidate.start ||
      a.candidate.end - b.candidate.end,
  );
}

export const sectionOf = (c: Candidate) => `${c.passage.chunk.document}\u0000${c.passage.chunk.section}`;

/**
 * Reads every candidate of the passages: features, in a stable order. Split
 * from the decision so that `fit` scores the same vectors the product does.
 */
export function readCandidates(
  question: string,
  passages: readonly Passage[],
  maxPassages = 8,
): { question: QuestionView; views: CandidateView[]; features: number[][] } {
  const top = passages.slice(0, maxPassages);
  const q = analyseQuestion(question, questionAnalyzer(top));
  const views = candidatesOf(top, maxPassages).map((c) => describeCandidate(q, c));
  const p = describePassages(q, views);
  return { question: q, views, features: views.map((c) => featureVector({ q, p, c })) };
}

export class ExtractiveComposer implements Composer {
  private readonly maxPassages: number;
  private readonly explicitModel: AnswerModel | undefined;
  private readonly analysisStore: ChunkAnalysisStore | undefined;

  constructor(opts: ExtractiveOptions = {}) {
    this.maxPassages = opts.maxPassages ?? 8;
    this.explicitModel = opts.model;
    this.analysisStore = opts.analysisStore;
  }

  private get model(): AnswerModel {
    return this.explicitModel ?? loadAnswerModel();
  }

  async compose(input: ComposeInput): Promise<BotAnswer> {
    const decision = this.decide(input.question, input.passages);
    // With several documents, "avsnitt 1.2" is ambiguous: the reply names the document too.
    const documents = new Set(input.passages.filter((p) => p.chunk.kind === 'document').map((p) => p.chunk.document));
    const nameDocument = documents.size > 1;
    if (decision.chosen) {
      const c = decision.chosen.candidate;
      return {
        status: 'answered',
        answer: extractiveAnswer([quoteLine(sourceOf(c, nameDocument), c.text)]),
        citations: [citationOf(c)],
      };
    }
    // A change request is the buyer's to decide, whatever a section says.
    if (decision.question?.changeRequest) {
      return { status: 'not_in_documents', answer: buyerDecisionAnswer(), citations: [] };
    }
    if (decision.related.length === 0) {
      return { status: 'not_in_documents', answer: notInDocumentsAnswer(), citations: [] };
    }
    const related = decision.related.map((s) => s.candidate);
    return {
      status: 'not_in_documents',
      answer: relatedAnswer(related.map((c) => ({ source: sourceOf(c, nameDocument), quote: c.text }))),
      citations: [],
      related: related.map(citationOf),
    };
  }

  /** The whole decision, exposed for the eval harness, `fit` and tests. */
  decide(question: string, passages: readonly Passage[]): Decision {
    const none: Decision = { answered: false, question: null, confidence: 0, scored: [], chosen: null, related: [] };
    if (passages.length === 0) return none;
    const model = this.model;
    // A stored analysis of a passage spares a cold process re-reading it; it changes no feature.
    const chunks = passages.slice(0, this.maxPassages).map((p) => p.chunk);
    this.analysisStore?.adopt(chunks);
    const read = readCandidates(question, passages, this.maxPassages);
    this.analysisStore?.keep(chunks);
    const cues = cueTableOf(model).forQuestion(read.question.cues);
    const scored = rankCandidates(
      read.views.map((v, i) => {
        const features = [...read.features[i]!, ...cues.features(v.terms.keys(), v.types)];
        return { candidate: v.candidate, features, logit: logit(model.candidate, features) };
      }),
    );
    const first = scored[0];
    if (!first) return { ...none, question: read.question };
    const vector = (ranked: readonly Scored[]) =>
      questionVector(ranked.map((s) => ({ ...s, section: sectionOf(s.candidate) })));
    if (isPublished(first)) {
      // The question model never saw a published answer; the published decision judges one that ranks first.
      const confidence = sigmoid(logit(model.published, vector(scored)));
      if (confidence >= model.publishedThreshold) {
        return { question: read.question, confidence, scored, answered: true, chosen: first, related: [] };
      }
    }
    // The documents decide as if nothing were published (as the question model was fitted).
    const documents = scored.filter((s) => !isPublished(s));
    const best = documents[0];
    if (!best) return { ...none, question: read.question, scored };
    const confidence = sigmoid(treesLogit(model.question, vector(documents)));
    const decided = { question: read.question, confidence, scored };
    if (confidence >= model.threshold) return { ...decided, answered: true, chosen: best, related: [] };
    const related = confidence >= model.relatedThreshold ? [best] : [];
    return { ...decided, answered: false, chosen: null, related };
  }
}

const isPublished = (s: Scored) => s.candidate.passage.chunk.kind === 'published_answer';

function sourceOf(c: Candidate, nameDocument: boolean): QuoteSource {
  const chunk = c.passage.chunk;
  if (chunk.kind === 'published_answer') return { kind: 'published_answer', faqNumber: chunk.faqNumber ?? null };
  return {
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
    quote: c.text,
    page: chunk.page,
  };
}
