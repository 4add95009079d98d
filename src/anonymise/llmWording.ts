/**
 * An optional LLM pass that proposes a smoother public wording of a question
 * for the published Q&A. The rule-based anonymiser always runs on the model's
 * output, the output may not add numbers the rule-based proposal lacks (nor drop
 * section numbers and dates), and the buyer still decides: on any doubt or
 * failure the rule-based proposal is returned unchanged. Call it after the
 * question is registered (never on the write-ahead path): it is slow.
 * Imported only when an endpoint is configured (it loads LangChain).
 */
import type { AIMessage } from '@langchain/core/messages';
import { missingNumbers } from '../answering/grounding.js';
import { createChatModel } from '../answering/llm/chatModel.js';
import { CircuitBreaker } from '../answering/llm/circuitBreaker.js';
import { neutraliseTags } from '../answering/llm/promptInput.js';
import { callResiliently, LlmCallError } from '../answering/llm/resilientCall.js';
import { breakerOptions, LLM_DEFAULTS, type LlmSettings } from '../answering/llm/settings.js';
import type { Prompts } from '../answering/prompts.js';
import type { AnonymisedText, Anonymiser, Logger } from '../core/ports.js';
import type { Asker } from '../core/types.js';

export interface WordingProposal extends AnonymisedText {
  /**
   * 'llm': the model's wording after the rule-based pass (spans: what that pass masked);
   * 'rules': the rule-based proposal as it was (spans empty: the caller has its own).
   */
  source: 'llm' | 'rules';
  /** Why the model's wording was not used (English, for logs). */
  reason?: string;
}

export interface LlmWordingProposer {
  propose(question: string, anonymised: string, asker?: Pick<Asker, 'name' | 'org'>): Promise<string>;
  proposeDetailed(question: string, anonymised: string, asker?: Pick<Asker, 'name' | 'org'>): Promise<WordingProposal>;
  readonly breaker: CircuitBreaker;
}

export interface LlmWordingOptions {
  settings: LlmSettings;
  prompts: Prompts;
  /** The rule-based anonymiser (src/anonymise): it runs on the model's output. */
  anonymiser: Anonymiser;
  logger: Logger;
}

export function createLlmWordingProposer(opts: LlmWordingOptions): LlmWordingProposer {
  const { settings, prompts, anonymiser, logger } = opts;
  const model = createChatModel(settings);
  const breaker = new CircuitBreaker(breakerOptions(settings, 'chat'));

  async function proposeDetailed(
    question: string,
    anonymised: string,
    asker: Pick<Asker, 'name' | 'org'> = {},
  ): Promise<WordingProposal> {
    const keep = (reason: string): WordingProposal => {
      logger.info('llm wording not used', { reason });
      return { text: anonymised, spans: [], source: 'rules', reason };
    };
    if (!breaker.tryAcquire()) return keep('circuit_open');
    let raw: string;
    try {
      const message = await callResiliently(
        (signal) =>
          model.invoke(
            [
              [
                'human',
                prompts.anonymise.render({
                  question: neutraliseTags(question.trim()),
                  anonymised: neutraliseTags(anonymised.trim()),
                }),
              ],
            ],
            { signal },
          ),
        {
          timeoutMs: settings.timeoutMs,
          maxRetries: settings.maxRetries,
          retryAfterBudgetMs: settings.retryAfterBudgetMs ?? LLM_DEFAULTS.retryAfterBudgetMs,
        },
      );
      breaker.success();
      raw = typeof message.content === 'string' ? message.content : textOf(message);
    } catch (err) {
      const failure = err instanceof LlmCallError ? err : undefined;
      if (!failure || failure.endpointFailure) breaker.failure({ immediate: failure?.kind === 'timeout' });
      else breaker.success();
      return keep(failure?.kind ?? 'error');
    }
    const cleaned = cleanOutput(raw);
    if (cleaned.length === 0) return keep('empty output');
    if (cleaned.length > anonymised.length * 2 + 200) return keep('output much longer than the question');
    // The rule-based pass always has the last word on what is masked.
    const masked = anonymiser.anonymise(cleaned, asker);
    const added = missingNumbers(masked.text, anonymised);
    if (added.length > 0) return keep(`output adds numbers: ${added.length}`);
    const dropped = missingNumbers(anonymised, masked.text);
    if (dropped.length > 0) return keep(`output drops numbers: ${dropped.length}`);
    return { text: masked.text, spans: masked.spans, source: 'llm' };
  }

  return {
    breaker,
    proposeDetailed,
    async propose(question, anonymised, asker) {
      return (await proposeDetailed(question, anonymised, asker)).text;
    },
  };
}

function textOf(message: AIMessage): string {
  const content = message.content as unknown;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (typeof part === 'string' ? part : ((part as { text?: string }).text ?? ''))).join('');
}

/** Models like to add fences, quotes or a lead-in line; the buyer wants just the question. */
function cleanOutput(raw: string): string {
  let text = raw.replace(/```[a-z]*\n?/gi, '').trim();
  text = text.replace(/^(omskriven fråga|fråga|förslag)\s*:\s*/i, '');
  text = text.replace(/^["”“'«»]+|["”“'«»]+$/g, '').trim();
  return text;
}
