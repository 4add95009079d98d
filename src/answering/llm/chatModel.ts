/**
 * The one place a LangChain chat model is built from LlmSettings: explicit
 * timeout, LangChain retries off (callResiliently owns retries), the chat
 * completions API (what every OpenAI-compatible server speaks), and Azure's
 * deployment-style URLs through LangChain's Azure class when an API version is set.
 */
import { AzureChatOpenAI, ChatOpenAI } from '@langchain/openai';
import { azureFields, clientConfiguration, type LlmSettings } from './settings.js';

/** Reasoning models refuse a temperature; everything else gets 0 for repeatable answers. */
function acceptsTemperature(model: string): boolean {
  return !/^(o\d|gpt-5)/i.test(model);
}

export function createChatModel(settings: LlmSettings): ChatOpenAI {
  const common = {
    model: settings.chatModel,
    ...(acceptsTemperature(settings.chatModel) ? { temperature: 0 } : {}),
    timeout: settings.timeoutMs,
    maxRetries: 0,
    // A short answer with a few quotes; the cap also bounds latency and cost.
    maxTokens: 1_000,
    useResponsesApi: false,
  };
  if (settings.azure) {
    return new AzureChatOpenAI({
      ...common,
      ...azureFields({ ...settings, azure: settings.azure }, settings.chatModel),
    });
  }
  return new ChatOpenAI({ ...common, apiKey: settings.apiKey, configuration: clientConfiguration(settings) });
}
