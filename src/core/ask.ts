/**
 * The one path every supplier question takes, whatever the channel, in two steps:
 * `receive`: validate -> deadline policy -> register (write-ahead, idempotent on
 * the delivery id, with the reply owed to a chat) - fast, before a platform is acked;
 * `answer`: retrieve -> compose -> ground-guard -> record the bot's answer - after.
 * `askQuestion` (the CLI) runs both.
 */
import { describeQuestionDeadline, isQuestionLate } from './deadline.js';
import { CodedError } from './errors.js';
import { foldWhitespace, sourceOfQuote } from './grounding.js';
import type {
  AnonymisedText,
  Anonymiser,
  Clock,
  Composer,
  Logger,
  QuestionRegister,
  ReplyTexts,
  Retriever,
} from './ports.js';
import type { BotAnswer, CallOff, IncomingQuestion, Passage, RegisterEntry, Reply } from './types.js';
import { MAX_QUESTION_CHARS, validateQuestion } from './validation.js';

export interface AskDeps {
  callOffs: readonly CallOff[];
  register: QuestionRegister;
  retriever: Retriever;
  composer: Composer;
  anonymiser: Anonymiser;
  texts: ReplyTexts;
  logger: Logger;
  /** Stamps the bot's answer (the receipt time comes with the question). */
  clock: Clock;
  /**
   * Pauses before each new try to record the bot's answer when recording fails
   * (the question is registered by then); bounded by its length. Default 0.2 s, 1 s, 3 s.
   */
  recordRetryDelaysMs?: readonly number[];
}

export type AskQuestion = (q: IncomingQuestion) => Promise<Reply>;

/** What receiving a question led to. */
export type Reception =
  /** Nothing more to do: rejected, refused as late, or a repeat whose answer is on record. */
  | { kind: 'done'; reply: Reply }
  /** On record and still to be answered (`created` false: a repeated delivery of an unanswered entry). */
  | { kind: 'registered'; callOff: CallOff; entry: RegisterEntry; created: boolean };

export interface AnsweredQuestion {
  reply: Reply;
  /**
   * False when the bot's answer could not be recorded even after retries: the
   * reply then only confirms the receipt, and the answer is owed still.
   */
  recorded: boolean;
}

export interface QuestionUseCases {
  receive(q: IncomingQuestion): Promise<Reception>;
  /** Answers a registered entry; one that has its bot answer on record already gets that answer. */
  answerRegistered(callOff: CallOff, entry: RegisterEntry): Promise<AnsweredQuestion>;
}

const DEFAULT_RECORD_RETRY_DELAYS_MS = [200, 1000, 3000];

export function findCallOff(callOffs: readonly CallOff[], id: string): CallOff {
  const callOff = callOffs.find((c) => c.id === id);
  if (!callOff) throw new CodedError('call_off_unknown', `Okänt avrop "${id}".`);
  return callOff;
}

/** receive + answerRegistered in one go: the CLI, which has no platform to ack. */
export function createAskQuestion(deps: AskDeps): AskQuestion {
  const useCases = createQuestionUseCases(deps);
  return async function askQuestion(q: IncomingQuestion): Promise<Reply> {
    const reception = await useCases.receive(q);
    if (reception.kind === 'done') return reception.reply;
    const { callOff, entry } = reception;
    if (!reception.created) {
      // A repeated delivery while the first is still being answered: the same receipt, no second answer.
      deps.logger.info('duplicate delivery', { callOff: callOff.id, receipt: entry.id });
      return {
        callOff: callOff.id,
        status: 'not_in_documents',
        answer: deps.texts.notInDocumentsAnswer(),
        citations: [],
        question: { id: entry.id, receivedAt: entry.receivedAt },
        duplicate: true,
      };
    }
    return (await useCases.answerRegistered(callOff, entry)).reply;
  };
}

export function createQuestionUseCases(deps: AskDeps): QuestionUseCases {
  const { register, retriever, composer, anonymiser, texts, logger, clock } = deps;
  const retryDelays = deps.recordRetryDelaysMs ?? DEFAULT_RECORD_RETRY_DELAYS_MS;

  async function receive(q: IncomingQuestion): Promise<Reception> {
    const callOff = findCallOff(deps.callOffs, q.callOffId);
    const done = (status: Reply['status'], answer: string, extra: Partial<Reply> = {}): Reception => ({
      kind: 'done',
      reply: { callOff: callOff.id, status, answer, citations: [], question: null, ...extra },
    });

    const valid = validateQuestion(q.text);
    if (!valid.ok) {
      logger.info('question rejected', { callOff: callOff.id, reason: valid.reason, channel: q.asker.channel });
      return done('invalid_question', texts.invalidQuestionAnswer(valid.reason, MAX_QUESTION_CHARS));
    }
    const receivedAt = q.receivedAt.toISOString();
    const deliveryId = q.deliveryId ?? null;

    if (isQuestionLate(callOff, q.receivedAt)) {
      // Not registered for answering, but the refusal is kept in the audit trail.
      const { created } = await register.recordRefusal({
        callOff: callOff.id,
        asker: q.asker,
        question: valid.text,
        receivedAt,
        deliveryId,
        reason: 'deadline_passed',
      });
      logger.info('question refused: deadline passed', { callOff: callOff.id, receivedAt, duplicate: !created });
      return done(
        'deadline_passed',
        texts.deadlinePassedAnswer(describeQuestionDeadline(callOff), callOff.reference),
        created ? {} : { duplicate: true },
      );
    }

    // Write-ahead: the question (and the reply owed to a chat) is on record before any slow or fallible work.
    const { entry, created } = await register.receive({
      callOff: callOff.id,
      asker: q.asker,
      question: valid.text,
      publicQuestion: anonymiser.anonymise(valid.text, q.asker).text,
      receivedAt,
      deliveryId,
      replyTo: q.replyTo ?? null,
    });
    if (!created && entry.botAnswer) {
      // A retried delivery that was answered: the same receipt, and the channel must not reply twice.
      logger.info('duplicate delivery', { callOff: callOff.id, receipt: entry.id });
      return {
        kind: 'done',
        reply: { callOff: callOff.id, ...entry.botAnswer, question: receiptOf(entry), duplicate: true },
      };
    }
    return { kind: 'registered', callOff, entry, created };
  }

  async function answerRegistered(callOff: CallOff, entry: RegisterEntry): Promise<AnsweredQuestion> {
    const receipt = receiptOf(entry);
    if (entry.botAnswer)
      return { reply: { callOff: callOff.id, ...entry.botAnswer, question: receipt }, recorded: true };
    // Answered from the anonymised wording: greetings and signatures do not steer
    // retrieval, and no supplier's name or number reaches an embedding or LLM endpoint.
    const anonymised = anonymiser.anonymise(entry.question, entry.asker);
    // A message of nothing but contact details leaves only placeholders: those are sent, never the raw text.
    const composed = await answer(callOff, withoutMaskedParts(anonymised) || anonymised.text, entry.id);
    const recorded = await record(callOff, entry.id, composed);
    if (!recorded) {
      // Never an answer the register does not hold: the register is the record of what the bot said.
      const pending = texts.answerPendingAnswer?.(entry.id) ?? texts.unavailableAnswer();
      return {
        reply: { callOff: callOff.id, status: 'not_in_documents', answer: pending, citations: [], question: receipt },
        recorded: false,
      };
    }
    logger.info('question answered', { callOff: callOff.id, receipt: entry.id, status: recorded.status });
    return { reply: { callOff: callOff.id, ...recorded, question: receipt }, recorded: true };
  }

  /** Records the bot's answer, retried a bounded number of times; the answer on record, or null. */
  async function record(callOff: CallOff, id: string, botAnswer: BotAnswer): Promise<BotAnswer | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        await register.recordBotAnswer(callOff.id, id, botAnswer, clock.now().toISOString());
        return botAnswer;
      } catch (err) {
        logger.error('bot answer could not be recorded', {
          callOff: callOff.id,
          receipt: id,
          attempt: attempt + 1,
          error: (err as Error).message,
        });
      }
      // A write whose connection broke may have committed all the same: never record it twice.
      const onRecord = await register.get(callOff.id, id).catch(() => null);
      if (onRecord?.botAnswer) return onRecord.botAnswer;
      const delay = retryDelays[attempt];
      if (delay === undefined) return null;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  async function answer(callOff: CallOff, question: string, receipt: string): Promise<BotAnswer> {
    try {
      // Only published Q&A joins the documents: the unpublished register is never searchable.
      const published = await register.published(callOff.id);
      // Retrieval and composing are CPU work: yielding before each lets a server
      // ack other deliveries in between (Slack retries anything not acked in 3 s).
      await yieldToEventLoop();
      const passages = await retriever.retrieve(callOff, question, published);
      await yieldToEventLoop();
      const composed = await composer.compose({ callOff, question, passages });
      const problem = ungroundedCitation(composed, passages);
      if (problem) {
        logger.warn('answer rejected by grounding guard', { callOff: callOff.id, receipt, reason: problem });
        return { status: 'not_in_documents', answer: texts.notInDocumentsAnswer(), citations: [] };
      }
      const { answer: grounded, dropped } = withGroundedRelated(composed, passages, texts.notInDocumentsAnswer());
      if (dropped > 0)
        logger.warn('related sections dropped by grounding guard', { callOff: callOff.id, receipt, dropped });
      return grounded;
    } catch (err) {
      if (err instanceof CodedError && err.code === 'index_building') {
        // Registered already; the documents are still being indexed: asking again in a minute works.
        logger.warn('answering postponed: index still building', { callOff: callOff.id, receipt });
        return { status: 'not_in_documents', answer: err.message, citations: [] };
      }
      // The question is already registered: the supplier is told so, and the buyer answers.
      logger.error('answering failed', { callOff: callOff.id, receipt, error: (err as Error).message });
      return { status: 'not_in_documents', answer: texts.unavailableAnswer(), citations: [] };
    }
  }

  return { receive, answerRegistered };
}

const receiptOf = (entry: RegisterEntry) => ({ id: entry.id, receivedAt: entry.receivedAt });

/** The anonymised question without its placeholders, which are not words of the question. */
export function withoutMaskedParts(a: AnonymisedText): string {
  let text = '';
  let pos = 0;
  for (const span of [...a.spans].sort((x, y) => x.start - y.start)) {
    text += `${a.text.slice(pos, span.start)} `;
    pos = Math.max(pos, span.end);
  }
  return (text + a.text.slice(pos)).replace(/\s+/g, ' ').trim();
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Grounded or silent: an answered reply needs a citation, and every quote must
 * stand verbatim (white space folded) in a retrieved passage of the cited section.
 * Returns the problem, or null when the answer is grounded.
 */
export function ungroundedCitation(answer: BotAnswer, passages: readonly Passage[]): string | null {
  if (answer.status !== 'answered') return answer.citations.length > 0 ? 'citations on an unanswered reply' : null;
  if (answer.citations.length === 0) return 'answered without a citation';
  for (const c of answer.citations) {
    if (!sourceOfQuote(c, passages)) return `quote not found in retrieved section ${c.section}`;
  }
  return null;
}

/**
 * Possibly relevant sections are held to the citations' standard, but a bad one
 * does not sink the reply: it is dropped, and so is any on a reply that is not
 * `not_in_documents`. The answer text names the related sections with their
 * quotes, so when it quotes a dropped one it gives way to `fallbackAnswer`:
 * no ungrounded quote reaches the supplier, and the grounded ones still show.
 */
export function withGroundedRelated(
  answer: BotAnswer,
  passages: readonly Passage[],
  fallbackAnswer: string,
): { answer: BotAnswer; dropped: number } {
  const { related, ...rest } = answer;
  if (!related || related.length === 0) return { answer: rest, dropped: 0 };
  const kept =
    answer.status === 'not_in_documents' ? related.filter((c) => sourceOfQuote(c, passages) !== undefined) : [];
  const dropped = related.filter((c) => !kept.includes(c));
  const text = foldWhitespace(answer.answer);
  const quotesDropped = dropped.some((c) => foldWhitespace(c.quote) !== '' && text.includes(foldWhitespace(c.quote)));
  return {
    answer: {
      ...rest,
      ...(quotesDropped ? { answer: fallbackAnswer } : {}),
      ...(kept.length > 0 ? { related: kept } : {}),
    },
    dropped: dropped.length,
  };
}
