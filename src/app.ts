/**
 * Composition root: the only place that picks implementations. The CLI and
 * `serve` both build an App; channels and the admin page receive one.
 * LangChain is imported only when an OpenAI-compatible endpoint is configured,
 * so the offline path (and `ask`'s start-up) never loads it.
 */
import path from 'node:path';
import type { RevocationStore } from './admin/revocationStore.js';
import { ruleBasedAnonymiser } from './anonymise/index.js';
import type { LlmWordingProposer } from './anonymise/llmWording.js';
import { ChunkAnalysisStore } from './answering/analysisStore.js';
import { ExtractiveComposer } from './answering/extractive.js';
import { replyTexts } from './answering/messages.js';
import type { ConversationStore } from './channels/shared/conversationStore.js';
import { answerPendingAnswer } from './channels/shared/messages.js';
import type { OwedReplyStore } from './channels/shared/owedReplyStore.js';
import type { PublicationPostStore } from './channels/shared/publicationStore.js';
import { discoverCallOffs, pickCallOff } from './config/callOff.js';
import type { EnvConfig } from './config/env.js';
import { type AskQuestion, createAskQuestion, createQuestionUseCases, type QuestionUseCases } from './core/ask.js';
import { type BuyerWorkflow, createBuyerWorkflow } from './core/buyer.js';
import { CodedError } from './core/errors.js';
import type { Clock, Composer, Embedder, Logger, QuestionRegister } from './core/ports.js';
import { parseIsoInZone } from './core/time.js';
import type { CallOff } from './core/types.js';
import { openRegisterDatabase } from './register/index.js';
import { KnowledgeBase } from './retrieval/knowledgeBase.js';

export interface AppOptions {
  env: EnvConfig;
  knowledgeDir: string;
  dataDir: string;
  logger: Logger;
  /** Overrides the clock (tests); otherwise AVROPSBOT_NOW or the real clock. */
  clock?: Clock;
  /** Wraps the composer (tests and benchmarks, e.g. an artificially slow answer step). */
  wrapComposer?: (c: Composer) => Composer;
  /** A separate SQLite register folder (eval runs must not touch the authority's register). */
  registerDir?: string;
  /** Pauses between tries to record a bot answer (tests: none). */
  recordRetryDelaysMs?: readonly number[];
}

export interface App {
  callOffs: readonly CallOff[];
  env: EnvConfig;
  logger: Logger;
  clock: Clock;
  dataDir: string;
  knowledge: KnowledgeBase;
  register: QuestionRegister;
  /** Chat conversation state (choices of call-off, held questions), in the register's database. */
  conversations: ConversationStore;
  /** The buyer's page's signed-out sessions, in the register's database (every instance refuses them). */
  revocations: RevocationStore;
  ask: AskQuestion;
  /** The chat channels' two steps: register before the platform is acked, answer after. */
  receive: QuestionUseCases['receive'];
  answerRegistered: QuestionUseCases['answerRegistered'];
  /** Replies owed to chat questions, in the register's database. */
  owedReplies: OwedReplyStore;
  /** Publications still to be posted in chat (the outbox `serve` drains), in the register's database. */
  publicationPosts: PublicationPostStore;
  buyer: BuyerWorkflow;
  /** `--call-off ID`, or the only one. */
  resolveCallOff(id?: string): CallOff;
  close(): Promise<void>;
}

export function fixedOrRealClock(now: string | undefined, timeZone: string): Clock {
  if (!now) return { now: () => new Date() };
  let fixed: Date;
  try {
    fixed = parseIsoInZone(now, timeZone);
  } catch {
    // The bare "Ogiltig tidpunkt" would not say where the time came from.
    throw new CodedError(
      'config_invalid',
      `Miljövariabeln AVROPSBOT_NOW är ogiltig: "${now}" är ingen tidpunkt i ISO 8601 (t.ex. 2026-01-26T10:00).`,
    );
  }
  return { now: () => new Date(fixed) };
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { env, logger } = opts;
  const dataDir = path.resolve(opts.dataDir);
  const callOffs = discoverCallOffs(path.resolve(opts.knowledgeDir));
  const clock = opts.clock ?? fixedOrRealClock(env.now, callOffs[0]?.timezone ?? 'Europe/Stockholm');

  const anonymiser = ruleBasedAnonymiser;
  const extractive = new ExtractiveComposer({ analysisStore: new ChunkAnalysisStore(path.join(dataDir, 'analysis')) });
  let composer: Composer = extractive;
  let embedder: Embedder | undefined;
  // Proposes a smoother public wording; its output is masked again by the buyer workflow.
  let wording: LlmWordingProposer | undefined;
  if (env.openai) {
    // Loaded only here, only when configured: keeps LangChain off the offline path.
    const llm = await import('./answering/llm/llmComposer.js');
    const { loadPrompts } = await import('./answering/prompts.js');
    const { createOpenAiEmbedder } = await import('./retrieval/openai/openAiEmbedder.js');
    const { createCachedEmbedder, ensureDimensions } = await import('./retrieval/openai/cachedEmbedder.js');
    // The breakers keep their open state in the data dir, so consecutive CLI
    // commands against a dead endpoint do not each wait for the timeout.
    const settings = { ...env.openai, stateDir: dataDir };
    const prompts = loadPrompts(path.resolve(import.meta.dirname, '..', 'prompts'));
    composer = llm.createLlmComposer({ settings, fallback: extractive, prompts, logger });
    const { createLlmWordingProposer } = await import('./anonymise/llmWording.js');
    wording = createLlmWordingProposer({ settings, prompts, anonymiser, logger });
    embedder = createCachedEmbedder(createOpenAiEmbedder(settings), path.join(dataDir, 'embeddings'));
    // A model of unknown size is probed once, so the index key does not change after the first call.
    await ensureDimensions(embedder, logger);
  }
  if (opts.wrapComposer) composer = opts.wrapComposer(composer);

  const knowledge = new KnowledgeBase({
    dataDir,
    logger,
    ...(embedder ? { embedder } : {}),
    ...(env.indexCache ? { maxLoaded: env.indexCache } : {}),
  });
  // Every publication is queued for the chat channels its call-off.json lists.
  const announceTo = (id: string) => callOffs.find((c) => c.id === id);
  const { register, conversations, revocations, owedReplies, publicationPosts } = opts.registerDir
    ? await openRegisterDatabase({ dataDir: path.resolve(opts.registerDir), logger, announceTo })
    : await openRegisterDatabase({ dataDir, databaseUrl: env.databaseUrl, logger, announceTo });
  const buyer = createBuyerWorkflow({ callOffs, register, anonymiser, clock, logger });
  const askDeps = {
    callOffs,
    register,
    retriever: knowledge,
    composer,
    anonymiser,
    texts: { ...replyTexts, answerPendingAnswer },
    logger,
    clock,
    ...(opts.recordRetryDelaysMs ? { recordRetryDelaysMs: opts.recordRetryDelaysMs } : {}),
  };
  const askQuestion = createAskQuestion(askDeps);
  const useCases = createQuestionUseCases(askDeps);
  const background = new Set<Promise<void>>();

  /**
   * With an LLM, a smoother public wording is proposed after the supplier has
   * had the answer (never on the write-ahead path, never delaying the reply). It
   * goes through the buyer workflow, so the rule-based masking runs on it and it
   * shows in the history as the system's proposal; the buyer still decides.
   */
  function proposeWording(callOffId: string, receipt: string): void {
    if (!wording) return;
    const proposer = wording;
    const task = (async () => {
      const entry = await register.get(callOffId, receipt);
      if (entry?.status !== 'received') return;
      // The model sees only the rule-based wording, never the supplier's own text: who is
      // asking must not reach an outside endpoint (OSL 19:3), as on the answering path.
      // The asker's name and organisation stay local, for masking the model's output.
      const proposed = (await proposer.propose(entry.publicQuestion, entry.publicQuestion, entry.asker)).trim();
      if (proposed && proposed !== entry.publicQuestion) {
        await buyer.editPublicQuestion(callOffId, receipt, proposed, 'system:llm');
      }
    })()
      .catch((err: unknown) => logger.warn('wording proposal failed', { receipt, error: (err as Error).message }))
      .finally(() => background.delete(task));
    background.add(task);
  }

  return {
    callOffs,
    env,
    logger,
    clock,
    dataDir,
    knowledge,
    register,
    conversations,
    revocations,
    ask: async (q) => {
      const reply = await askQuestion(q);
      if (reply.question && !reply.duplicate) proposeWording(reply.callOff, reply.question.id);
      return reply;
    },
    receive: useCases.receive,
    answerRegistered: async (callOff, entry) => {
      const answered = await useCases.answerRegistered(callOff, entry);
      if (answered.recorded) proposeWording(callOff.id, entry.id);
      return answered;
    },
    owedReplies,
    publicationPosts,
    buyer,
    resolveCallOff: (id) => pickCallOff(callOffs, id),
    async close() {
      await Promise.allSettled([...background]);
      await register.close();
    },
  };
}
