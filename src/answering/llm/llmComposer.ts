/**
 * The LLM composer: asks an OpenAI-compatible model (through LangChain) for a
 * structured answer over the retrieved passages, maps its passage ids back to
 * citations, and lets the answer through only when the grounding check passes.
 * Any failure (endpoint down, slow, rate limited, unusable or ungrounded
 * output) gives the extractive answer instead, and is logged with its reason.
 * Imported only when an endpoint is configured (LangChain stays off the offline path).
 */
import type { BaseMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { anonymise } from '../../anonymise/index.js';
import { locateFolded } from '../../core/grounding.js';
import type { ComposeInput, Composer, Logger } from '../../core/ports.js';
import type { BotAnswer, Citation, Passage } from '../../core/types.js';
import { checkGrounding } from '../grounding.js';
import { notInDocumentsAnswer } from '../messages.js';
import type { Prompts } from '../prompts.js';
import { createChatModel } from './chatModel.js';
import { CircuitBreaker } from './circuitBreaker.js';
import { buildPromptInput } from './promptInput.js';
import { callResiliently, LlmCallError } from './resilientCall.js';
import { breakerOptions, LLM_DEFAULTS, type LlmSettings, type StructuredOutputMethod } from './settings.js';

export type { LlmSettings } from './settings.js';

/** What the model must return. Descriptions are Swedish: they reach the model as the schema. */
export const LlmAnswerSchema = z.object({
  status: z
    .enum(['answered', 'not_in_documents'])
    .describe('"answered" om underlaget besvarar frågan, annars "not_in_documents".'),
  answer: z.string().describe('Kort svar på svenska som återger de avgörande uppgifterna ordagrant.'),
  citations: z
    .array(
      z.object({
        passageId: z.string().describe('Id för avsnittet eller det publicerade svaret, till exempel P1.'),
        quote: z.string().describe('Exakt, oförändrad text ur det avsnittet.'),
      }),
    )
    .describe('Ordagranna citat som stöder svaret; tom lista när underlaget inte besvarar frågan.'),
});
export type LlmAnswer = z.infer<typeof LlmAnswerSchema>;

export interface LlmComposerOptions {
  settings: LlmSettings;
  /** The extractive composer: what the supplier gets whenever the LLM answer cannot be used. */
  fallback: Composer;
  prompts: Prompts;
  logger: Logger;
  /** Tests and benchmarks: a clock for the breaker. */
  now?: () => number;
  /**
   * What of the question leaves the process. Default: the rule-based anonymiser
   * without asker details (e-mail, phone, personal and organisation numbers,
   * company names, self-introductions, signatures masked or dropped): the
   * endpoint is often a third party, and the question is answerable without them.
   */
  redactQuestion?: (question: string) => string;
}

const defaultRedaction = (question: string): string => anonymise(question, {}).text;

/** The LLM composer with its circuit breaker exposed (for `serve`'s health view and tests). */
export interface LlmComposer extends Composer {
  readonly breaker: CircuitBreaker;
}

export function createLlmComposer(opts: LlmComposerOptions): LlmComposer {
  const { settings, fallback, prompts, logger } = opts;
  const redact = opts.redactQuestion ?? defaultRedaction;
  const breaker = new CircuitBreaker({ ...breakerOptions(settings, 'chat'), ...(opts.now ? { now: opts.now } : {}) });
  const model = createChatModel(settings);
  const structured = structuredModel(model, settings.structuredOutput ?? LLM_DEFAULTS.structuredOutput);

  async function useFallback(input: ComposeInput, event: string, fields: Record<string, unknown>): Promise<BotAnswer> {
    logger.warn(event, { callOff: input.callOff.id, passages: input.passages.length, ...fields });
    return fallback.compose(input);
  }

  return {
    breaker,
    async compose(input: ComposeInput): Promise<BotAnswer> {
      // Nothing retrieved: nothing to ground an answer in; the extractive composer says so.
      if (input.passages.length === 0) return fallback.compose(input);
      if (!breaker.tryAcquire()) {
        return useFallback(input, 'llm skipped: circuit open', { reason: 'circuit_open' });
      }
      const started = Date.now();
      const prompt = buildPromptInput(prompts, input.callOff, redact(input.question), input.passages);
      let result: { raw: BaseMessage; parsed: LlmAnswer | null };
      try {
        result = await callResiliently(
          (signal) =>
            structured.invoke(
              [
                ['system', prompt.system],
                ['human', prompt.user],
              ],
              { signal },
            ),
          {
            timeoutMs: settings.timeoutMs,
            maxRetries: settings.maxRetries,
            retryAfterBudgetMs: settings.retryAfterBudgetMs ?? LLM_DEFAULTS.retryAfterBudgetMs,
          },
        );
      } catch (err) {
        const failure =
          err instanceof LlmCallError ? err : new LlmCallError('output', String((err as Error)?.message ?? err), 1);
        if (failure.endpointFailure) breaker.failure({ immediate: failure.kind === 'timeout' });
        else breaker.success();
        return useFallback(input, 'llm failed: extractive fallback', {
          reason: failure.kind,
          detail: failure.message,
          status: failure.status,
          attempts: failure.attempts,
          ms: Date.now() - started,
          breaker: breaker.state(),
        });
      }
      breaker.success();
      const parsed = result.parsed ?? lenientParse(result.raw);
      if (!parsed) {
        return useFallback(input, 'llm answer rejected: extractive fallback', { reason: 'unparseable output' });
      }
      const mapped = toBotAnswer(parsed, prompt.ids);
      if (!mapped.ok) {
        return useFallback(input, 'llm answer rejected: extractive fallback', { reason: mapped.reason });
      }
      const grounding = checkGrounding(mapped.answer, input.passages, {
        allowedText: `${input.callOff.reference}\n${input.callOff.title}`,
      });
      if (!grounding.ok) {
        return useFallback(input, 'llm answer rejected: extractive fallback', { reason: grounding.reason });
      }
      logger.info('llm answered', {
        callOff: input.callOff.id,
        status: mapped.answer.status,
        citations: mapped.answer.citations.length,
        ms: Date.now() - started,
      });
      return mapped.answer;
    },
  };
}

/**
 * The model with structured output. LangChain refuses json_schema for model
 * names it believes too old ("gpt-4", "gpt-3.5-*", also as Azure deployment
 * names): those get function calling, which every such model supports.
 */
function structuredModel(model: ReturnType<typeof createChatModel>, method: StructuredOutputMethod) {
  const build = (m: StructuredOutputMethod) =>
    model.withStructuredOutput(LlmAnswerSchema, { name: 'svar', method: m, includeRaw: true });
  try {
    return build(method);
  } catch {
    return build('functionCalling');
  }
}

/**
 * Maps the model's passage ids and quotes back to citations. A quote found in
 * its passage (white space folded) is replaced by the exact source text, so the
 * citation is verbatim; a quote not found is kept for the grounding check to reject.
 */
export function toBotAnswer(
  parsed: LlmAnswer,
  ids: Map<string, Passage>,
): { ok: true; answer: BotAnswer } | { ok: false; reason: string } {
  if (parsed.status === 'not_in_documents') {
    // Our own wording: the model's text might promise or invent something.
    return { ok: true, answer: { status: 'not_in_documents', answer: notInDocumentsAnswer(), citations: [] } };
  }
  const citations: Citation[] = [];
  for (const c of parsed.citations) {
    const passage = resolvePassage(c.passageId, ids);
    if (!passage) return { ok: false, reason: `citation names unknown passage "${c.passageId.slice(0, 20)}"` };
    const { chunk } = passage;
    const span = locateFolded(chunk.text, c.quote);
    const quote = span ? chunk.text.slice(span.start, span.end) : c.quote;
    if (citations.some((x) => x.document === chunk.document && x.section === chunk.section && x.quote === quote)) {
      continue;
    }
    citations.push({
      document: chunk.document,
      section: chunk.section,
      heading: chunk.heading,
      quote,
      page: chunk.page,
    });
  }
  const answer = stripPassageIds(parsed.answer).trim();
  if (answer.length === 0) return { ok: false, reason: 'empty answer text' };
  return { ok: true, answer: { status: 'answered', answer, citations } };
}

/** "P2", "p2", "[P2]", "2"; or, when the model used it, a section number retrieved exactly once. */
function resolvePassage(id: string, ids: Map<string, Passage>): Passage | undefined {
  const cleaned = id.trim().replace(/^[[(]|[\])]$/g, '');
  const m = /^[Pp]?\s*(\d+)$/.exec(cleaned);
  if (m) return ids.get(`P${m[1]}`);
  const bySection = [...ids.values()].filter((p) => p.chunk.section === cleaned);
  return bySection.length === 1 ? bySection[0] : undefined;
}

/** The ids are ours, not the supplier's: "(P2)", "[P1, P3]" are removed from the text. */
function stripPassageIds(text: string): string {
  return text
    .replace(/\s*[[(]\s*P\d+(?:\s*[,;]\s*P\d+)*\s*[\])]/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([.,;:])/g, '$1');
}

/** A model that wrote its JSON as text (or in a code fence) instead of the requested form. */
function lenientParse(raw: BaseMessage | undefined): LlmAnswer | null {
  if (!raw) return null;
  const candidates: unknown[] = [];
  const toolCalls = (raw as { tool_calls?: { args?: unknown }[] }).tool_calls;
  for (const call of toolCalls ?? []) candidates.push(call.args);
  const content = typeof raw.content === 'string' ? raw.content : '';
  const json = /\{[\s\S]*\}/.exec(content.replace(/```(?:json)?/g, ''));
  if (json) {
    try {
      candidates.push(JSON.parse(json[0]));
    } catch {
      // not JSON after all
    }
  }
  for (const candidate of candidates) {
    const ok = LlmAnswerSchema.safeParse(candidate);
    if (ok.success) return ok.data;
  }
  return null;
}
