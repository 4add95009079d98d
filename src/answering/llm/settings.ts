/**
 * Settings of the OpenAI-compatible endpoint (OpenAI, Azure OpenAI, a local
 * server) and the client options they imply. Pure: no LangChain, no
 * process.env (src/config/env.ts reads that and passes the values in).
 */
import path from 'node:path';

export type StructuredOutputMethod = 'jsonSchema' | 'functionCalling' | 'jsonMode';

export interface LlmSettings {
  apiKey: string;
  /** e.g. https://api.openai.com/v1, https://<resource>.openai.azure.com/openai/v1, http://127.0.0.1:8000/v1 */
  baseUrl?: string;
  chatModel: string;
  embeddingModel: string;
  /** Whole budget of one LLM answer, retries included. */
  timeoutMs: number;
  /** Extra attempts after a 5xx, a 429 or a refused connection (never after a timeout). */
  maxRetries: number;
  /** The longest Retry-After (429) we are willing to wait; longer ones fall back at once. */
  retryAfterBudgetMs?: number;
  breaker?: { failureThreshold: number; cooldownMs: number };
  /**
   * A folder (the data dir) where the breakers keep their open state between
   * processes, so consecutive `ask` commands against a dead endpoint do not each
   * wait for the timeout. Unset: the state lives in memory only.
   */
  stateDir?: string;
  /** How withStructuredOutput asks for JSON; json_schema is the most widely supported by local servers. */
  structuredOutput?: StructuredOutputMethod;
  /** Requested embedding encoding; either answer is decoded. */
  embeddingEncoding?: 'float' | 'base64';
  /** Requested embedding size (text-embedding-3-* can shorten); unset = the model's own. */
  embeddingDimensions?: number;
  embeddingBatchSize?: number;
  /**
   * Azure OpenAI with the older deployment-style URLs: baseUrl is the resource
   * endpoint (https://<resource>.openai.azure.com) and the models are deployment
   * names. Not needed for Azure's /openai/v1 endpoint, which is plain OpenAI.
   */
  azure?: { apiVersion: string };
}

export const LLM_DEFAULTS = {
  chatModel: 'gpt-4o-mini',
  embeddingModel: 'text-embedding-3-small',
  timeoutMs: 20_000,
  maxRetries: 1,
  retryAfterBudgetMs: 5_000,
  breaker: { failureThreshold: 3, cooldownMs: 30_000 },
  structuredOutput: 'jsonSchema' as StructuredOutputMethod,
  embeddingEncoding: 'float' as const,
  embeddingBatchSize: 128,
};

/** The breaker settings of one endpoint use (chat, embeddings), with its state file when a state dir is set. */
export function breakerOptions(
  settings: LlmSettings,
  use: 'chat' | 'embeddings',
): { failureThreshold: number; cooldownMs: number; stateFile?: string } {
  return {
    ...(settings.breaker ?? LLM_DEFAULTS.breaker),
    ...(settings.stateDir ? { stateFile: path.join(settings.stateDir, `llm-breaker-${use}.json`) } : {}),
  };
}

/** Client options for the plain OpenAI client (Azure's deployment style has its own classes, see chatModel.ts). */
export function clientConfiguration(settings: LlmSettings): { baseURL?: string } {
  return settings.baseUrl ? { baseURL: settings.baseUrl } : {};
}

/**
 * Azure's deployment-style fields for LangChain's Azure classes: the resource
 * endpoint with /openai/deployments, the model name as the deployment name.
 */
export function azureFields(settings: LlmSettings & { azure: { apiVersion: string } }, deployment: string) {
  const endpoint = (settings.baseUrl ?? '').replace(/\/+$/, '').replace(/\/openai(\/.*)?$/, '');
  return {
    azureOpenAIApiKey: settings.apiKey,
    azureOpenAIApiVersion: settings.azure.apiVersion,
    azureOpenAIBasePath: `${endpoint}/openai/deployments`,
    azureOpenAIApiDeploymentName: deployment,
  };
}
