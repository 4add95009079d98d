/**
 * Dense embeddings from an OpenAI-compatible endpoint through LangChain's
 * OpenAIEmbeddings. The encoding is explicit and both answers are decoded: the
 * OpenAI SDK asks for base64 by default, and a server that answers floats then
 * yields empty vectors without any error. Batches are sent one by one, each
 * within the timeout (retries of 5xx/429 bounded), behind a circuit breaker so a
 * dead endpoint fails fast for every later question (the caller falls back to
 * lexical retrieval). Imported only when an endpoint is configured.
 */
import { AzureOpenAIEmbeddings, OpenAIEmbeddings } from '@langchain/openai';
import { CircuitBreaker } from '../../answering/llm/circuitBreaker.js';
import { callResiliently, LlmCallError } from '../../answering/llm/resilientCall.js';
import {
  azureFields,
  breakerOptions,
  clientConfiguration,
  LLM_DEFAULTS,
  type LlmSettings,
} from '../../answering/llm/settings.js';
import { CodedError } from '../../core/errors.js';
import type { Embedder } from '../../core/ports.js';

/** Native sizes of well-known models, so `dimensions` is right before the first call. */
const KNOWN_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

export interface OpenAiEmbedder extends Embedder {
  readonly breaker: CircuitBreaker;
}

export function createOpenAiEmbedder(settings: LlmSettings): OpenAiEmbedder {
  const model = settings.embeddingModel;
  const requested = settings.embeddingDimensions;
  const encoding = settings.embeddingEncoding ?? LLM_DEFAULTS.embeddingEncoding;
  const batchSize = Math.max(1, settings.embeddingBatchSize ?? LLM_DEFAULTS.embeddingBatchSize);
  const common = {
    model,
    encodingFormat: encoding,
    ...(requested ? { dimensions: requested } : {}),
    batchSize,
    timeout: settings.timeoutMs,
    maxRetries: 0,
  };
  const client = settings.azure
    ? new AzureOpenAIEmbeddings({ ...common, ...azureFields({ ...settings, azure: settings.azure }, model) })
    : new OpenAIEmbeddings({ ...common, apiKey: settings.apiKey, configuration: clientConfiguration(settings) });
  const breaker = new CircuitBreaker(breakerOptions(settings, 'embeddings'));
  let dimensions = requested ?? KNOWN_DIMENSIONS[model] ?? 0;

  async function embedBatch(batch: string[]): Promise<number[][]> {
    if (!breaker.tryAcquire()) {
      throw new CodedError('llm_unavailable', 'Inbäddningstjänsten svarar inte just nu (kretsbrytaren är öppen).');
    }
    let raw: unknown[];
    try {
      raw = await callResiliently((signal) => raceAbort(client.embedDocuments(batch), signal), {
        timeoutMs: settings.timeoutMs,
        maxRetries: settings.maxRetries,
        retryAfterBudgetMs: settings.retryAfterBudgetMs ?? LLM_DEFAULTS.retryAfterBudgetMs,
      });
    } catch (err) {
      const failure = err instanceof LlmCallError ? err : undefined;
      if (!failure || failure.endpointFailure) breaker.failure({ immediate: failure?.kind === 'timeout' });
      else breaker.success();
      throw new CodedError('llm_unavailable', `Inbäddningstjänsten kunde inte användas (${failure?.kind ?? 'fel'}).`, {
        cause: err,
      });
    }
    breaker.success();
    if (raw.length !== batch.length) {
      throw new CodedError(
        'llm_unavailable',
        `Inbäddningstjänsten gav ${raw.length} vektorer för ${batch.length} texter.`,
      );
    }
    return raw.map(decodeEmbedding);
  }

  return {
    breaker,
    get id() {
      return `openai:${model}${requested ? `:${requested}` : ''}`;
    },
    get dimensions() {
      return dimensions;
    },
    async embed(texts: string[]): Promise<number[][]> {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        out.push(...(await embedBatch(texts.slice(i, i + batchSize))));
      }
      for (const v of out) {
        if (v.length === 0) throw new CodedError('llm_unavailable', 'Inbäddningstjänsten gav en tom vektor.');
        if (dimensions === 0) dimensions = v.length;
        if (v.length !== dimensions) {
          throw new CodedError(
            'llm_unavailable',
            `Inbäddningstjänsten gav vektorer med ${v.length} dimensioner, väntade ${dimensions}.`,
          );
        }
      }
      return out;
    },
  };
}

/** A float array as is, or a base64 string of little-endian float32 (OpenAI's compact form). */
export function decodeEmbedding(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  if (value instanceof Float32Array) return Array.from(value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length % 4 !== 0) throw new CodedError('llm_unavailable', 'Inbäddningen i base64 har fel längd.');
    const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    return Array.from(floats);
  }
  throw new CodedError('llm_unavailable', 'Inbäddningstjänsten gav ett okänt vektorformat.');
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('timeout'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
