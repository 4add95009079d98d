/**
 * The one path every supplier question takes, whatever the channel:
 * validate -> deadline policy -> register (write-ahead, idempotent on the
 * delivery id) -> retrieve -> compose -> ground-guard -> record the bot's answer.
 */
import { describeQuestionDeadline, isQuestionLate } from './deadline.js';
import { CodedError } from './errors.js';
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
import type { BotAnswer, CallOff, IncomingQuestion, Passage, Reply } from './types.js';
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
}

export type AskQuestion = (q: IncomingQuestion) => Promise<Reply>;

export function findCallOff(callOffs: readonly CallOff[], id: string): CallOff {
  const callOff = callOffs.find((c) => c.id === id);
  if (!callOff) throw new CodedError('call_off_unknown', `Okänt avrop "${id}".`);
  return callOff;
}

export function createAskQuestion(deps: AskDeps): AskQuestion {
  const { register, retriever, composer, anonymiser, texts, logger, clock } = deps;

  return async function askQuestion(q: IncomingQuestion): Promise<Reply> {
    const callOff = findCallOff(deps.callOffs, q.callOffId);
    const reply = (status: Reply['status'], answer: string, extra: Partial<Reply> = {}): Reply => ({
      callOff: callOff.id,
      status,
      answer,
      citations: [],
      question: null,
      ...extra,
    });

    const valid = validateQuestion(q.text);
    if (!valid.ok) {
      logger.info('question rejected', { callOff: callOff.id, reason: valid.reason, channel: q.asker.channel });
      return reply('invalid_question', texts.invalidQuestionAnswer(valid.reason, MAX_QUESTION_CHARS));
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
      return reply(
        'deadline_passed',
        texts.deadlinePassedAnswer(describeQuestionDeadline(callOff), callOff.reference),
        created ? {} : { duplicate: true },
      );
    }

    // Write-ahead: the question is on record before any slow or fallible work.
    const anonymised = anonymiser.anonymise(valid.text, q.asker);
    const publicQuestion = anonymised.text;
    const { entry, created } = await register.receive({
      callOff: callOff.id,
      asker: q.asker,
      question: valid.text,
      publicQuestion,
      receivedAt,
      deliveryId,
    });
    const receipt = { id: entry.id, receivedAt: entry.receivedAt };
    if (!created) {
      // A retried delivery: the same receipt, and the channel must not reply twice.
      logger.info('duplicate delivery', { callOff: callOff.id, receipt: entry.id });
      const previous = entry.botAnswer ?? {
        status: 'not_in_documents',
        answer: texts.notInDocumentsAnswer(),
        citations: [],
      };
      return { callOff: callOff.id, ...previous, question: receipt, duplicate: true };
    }

    // Answered from the anonymised wording: greetings and signatures do not steer
    // retrieval, and no supplier's name or number reaches an embedding or LLM endpoint.
    // A message of nothing but contact details leaves only placeholders: those are sent, never the raw text.
    const botAnswer = await answer(callOff, withoutMaskedParts(anonymised) || anonymised.text, entry.id);
    await register.recordBotAnswer(callOff.id, entry.id, botAnswer, clock.now().toISOString());
    logger.info('question answered', { callOff: callOff.id, receipt: entry.id, status: botAnswer.status });
    return { callOff: callOff.id, ...botAnswer, question: receipt };
  };

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
      return composed;
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
}

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

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Grounded or silent: an answered reply needs a citation, and every quote must
 * stand verbatim (white space folded) in a retrieved passage of the cited section.
 * Returns the problem, or null when the answer is grounded.
 */
export function ungroundedCitation(answer: BotAnswer, passages: readonly Passage[]): string | null {
  if (answer.status !== 'answered') return answer.citations.length > 0 ? 'citations on an unanswered reply' : null;
  if (answer.citations.length === 0) return 'answered without a citation';
  for (const c of answer.citations) {
    const quote = fold(c.quote);
    const found = passages.some(
      (p) => p.chunk.section === c.section && p.chunk.document === c.document && fold(p.chunk.text).includes(quote),
    );
    if (!quote || !found) return `quote not found in retrieved section ${c.section}`;
  }
  return null;
}
