/**
 * Runs a question set straight through retrieval and a composer, without the
 * register: the development loop for answering quality. Everything else is
 * the core's own: the validation, the deadline policy, the anonymised wording
 * retrieval sees, and the grounding guard, so the scores are those a supplier
 * would get. The CLI's `eval` runs the real ask use case instead.
 */
import { ruleBasedAnonymiser } from '../anonymise/index.js';
import { ungroundedCitation, withoutMaskedParts } from '../core/ask.js';
import { isQuestionLate } from '../core/deadline.js';
import type { Composer, Retriever } from '../core/ports.js';
import { parseIsoInZone } from '../core/time.js';
import type { CallOff, PublishedAnswer } from '../core/types.js';
import { validateQuestion } from '../core/validation.js';
import type { EvalCase, EvalOutcome } from './runEval.js';

export interface HarnessDeps {
  callOff: CallOff;
  retriever: Retriever;
  composer: Composer;
  published?: PublishedAnswer[];
  /** The wording of a refusal; only its status is scored. */
  deadlineAnswer?: string;
}

/**
 * The words the core answers from: the anonymised wording without its
 * placeholders (greetings and signatures do not steer retrieval).
 */
export function questionAsAnswered(text: string): string {
  return withoutMaskedParts(ruleBasedAnonymiser.anonymise(text, {})) || text;
}

/** Each case in turn (timings stay comparable), as the supplier would be answered. */
export async function runCases(cases: readonly EvalCase[], deps: HarnessDeps): Promise<EvalOutcome[]> {
  const outcomes: EvalOutcome[] = [];
  for (const c of cases) {
    const started = performance.now();
    const receivedAt = parseIsoInZone(c.at, deps.callOff.timezone);
    const valid = validateQuestion(c.question);
    if (!valid.ok) {
      outcomes.push({
        case: c,
        status: 'invalid_question',
        answer: '',
        citations: [],
        ms: performance.now() - started,
      });
      continue;
    }
    if (isQuestionLate(deps.callOff, receivedAt)) {
      outcomes.push({
        case: c,
        status: 'deadline_passed',
        answer: deps.deadlineAnswer ?? '',
        citations: [],
        ms: performance.now() - started,
      });
      continue;
    }
    const question = questionAsAnswered(valid.text);
    const passages = await deps.retriever.retrieve(deps.callOff, question, deps.published ?? []);
    const answer = await deps.composer.compose({ callOff: deps.callOff, question, passages });
    // An answer the core's grounding guard would turn away scores as the supplier would see it.
    const grounded = ungroundedCitation(answer, passages) === null;
    outcomes.push({
      case: c,
      status: grounded ? answer.status : 'not_in_documents',
      answer: grounded ? answer.answer : '',
      citations: grounded ? answer.citations : [],
      ms: performance.now() - started,
    });
  }
  return outcomes;
}
