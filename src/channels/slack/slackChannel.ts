/**
 * Slack through Bolt: app mentions in channels (answered in the thread),
 * direct messages, the /avropsfraga slash command, and the buttons for
 * choosing a call-off. Over HTTP (ExpressReceiver: its router is mounted in the
 * one Express server, next to Teams and /admin) or Socket Mode when
 * SLACK_APP_TOKEN is set. Write before ack: over HTTP the 200 goes out only
 * once the question is in the register with the reply owed to it
 * (processBeforeResponse); the answer is made and posted after, and an
 * instance that dies in between leaves it to the recovery of the next one.
 * The delivery id (event_id) makes a retry a duplicate in the register; a
 * retry of a question still unanswered is answered, not dropped.
 */
import { App as BoltApp, ExpressReceiver, webApi } from '@slack/bolt';
import express from 'express';
import type { App } from '../../app.js';
import { CodedError } from '../../core/errors.js';
import type { Answered, Conversation, Outcome, QuestionDesk } from '../shared/desk.js';
import type { InFlight } from '../shared/inFlight.js';
import { commandAckText, unknownCallOffChoiceText } from '../shared/messages.js';
import type { PublicationPoster } from '../shared/publications.js';
import { asksForPublished, publishedListFor } from '../shared/publicationTexts.js';
import type { OwedReplyRecovery } from '../shared/recovery.js';
import {
  CHOOSE_ACTION_ID,
  chooseMessage,
  chosenMessage,
  noticeMessage,
  replyMessage,
  type SlackMessage,
} from './blocks.js';
import { boltLogger } from './boltLogger.js';
import { questionFromSlack } from './text.js';

export const SLASH_COMMAND = '/avropsfraga';

/**
 * Where a Slack answer goes: a channel (and thread), or the slash command's
 * response URL. Plain data: a question held for a choice of call-off is
 * stored with its target and may be answered by another instance, so the
 * responder is rebuilt from the URL rather than kept as Bolt's function.
 */
export type SlackTarget =
  | { kind: 'post'; channel: string; threadTs?: string }
  | { kind: 'respond'; responseUrl: string; channel: string; user: string };

export interface SlackChannel {
  mode: 'http' | 'socket';
  /** HTTP mode: handles POST /slack/events. Mount it with no body parser in front (the signature needs the raw body). */
  router: express.Router | null;
  /** Socket Mode connects here; HTTP mode has nothing to start. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts an outcome to a stored target (the recovery's owed replies); throws when it could not. */
  postOwed(target: SlackTarget, outcome: Outcome): Promise<void>;
}

export interface SlackDeps {
  desk: QuestionDesk<SlackTarget>;
  inFlight: InFlight;
  /** Answers questions registered but never replied to; Slack's route is added once connected. */
  recovery?: OwedReplyRecovery;
  /** Posts publications to the listed channels and to the askers; Slack's route is added once connected. */
  publications?: PublicationPoster;
}

const USER_CACHE_MS = 10 * 60_000;
/** How long the ack may wait for users.info (Slack wants the ack within 3 s). */
const NAME_WAIT_MS = 1_000;

/** The Slack Web API base URL with the trailing slash the WebClient needs. */
export function slackApiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

const RESPOND_TIMEOUT_MS = 10_000;

/** What Bolt's `respond` does: a JSON POST to the response URL Slack gave with the command. */
async function respondTo(responseUrl: string, message: Record<string, unknown>): Promise<void> {
  const res = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(RESPOND_TIMEOUT_MS),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
}

/** The Socket Mode client's event, as @slack/socket-mode emits it. */
interface SocketEvent {
  body: Record<string, unknown>;
  ack: (response?: Record<string, unknown>) => Promise<void>;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * Write before ack in Socket Mode too. Bolt acks an Events API envelope before
 * its listeners run (App.processEvent), and Socket Mode has no
 * processBeforeResponse; an envelope acked and then lost in a crash is never
 * sent again. So the receiver's event handler is replaced by one that keeps
 * Bolt's ack (and its payload, e.g. a slash command's response) and sends it
 * once the listeners have returned, which is once the question is registered.
 */
function ackAfterListeners(bolt: BoltApp, logger: App['logger']): void {
  // Bolt keeps the receiver it built for socketMode private; the client on it is public API.
  const receiver = (bolt as unknown as { receiver?: { client?: NodeJS.EventEmitter } }).receiver;
  const client = receiver?.client;
  if (client === undefined || client.listenerCount('slack_event') !== 1) {
    logger.warn('slack: socket mode acks before registering (receiver not as expected)');
    return;
  }
  client.removeAllListeners('slack_event');
  client.on('slack_event', async (args: SocketEvent) => {
    let response: Record<string, unknown> | undefined;
    let acked = false;
    const event = {
      body: args.body,
      ack: async (r?: unknown) => {
        acked = true;
        if (r && typeof r === 'object') response = r as Record<string, unknown>;
      },
      retryNum: args.retry_num,
      retryReason: args.retry_reason,
      customProperties: {},
    };
    try {
      await bolt.processEvent(event as Parameters<BoltApp['processEvent']>[0]);
    } catch (err) {
      // Bolt's own errors (e.g. authorisation): acked all the same, as Bolt does, or Slack resends forever.
      logger.error('slack: socket mode event failed', { error: (err as Error).message });
      acked = true;
    }
    if (acked) await args.ack(response);
  });
}

export async function createSlackChannel(app: App, deps: SlackDeps): Promise<SlackChannel | null> {
  const config = app.env.slack;
  if (!config) return null;
  const { logger } = app;
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: slackApiUrl(config.apiUrl) } : {}),
    // The WebClient's default retries span half an hour; an answer that cannot be posted should fail visibly.
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
    timeout: 10_000,
    logger: boltLogger(logger),
  };

  // Verify the token once at start-up and hand Bolt the bot's ids, so Bolt never
  // calls auth.test per event and a wrong token is a clear start-up error.
  const probe = new webApi.WebClient(config.botToken, clientOptions);
  let identity: { botId: string; botUserId: string; teamId?: string };
  try {
    const auth = await probe.auth.test();
    identity = { botId: String(auth.bot_id ?? ''), botUserId: String(auth.user_id ?? ''), teamId: auth.team_id };
  } catch (err) {
    throw new CodedError(
      'config_invalid',
      `Slack: SLACK_BOT_TOKEN kunde inte verifieras med auth.test (${(err as Error).message}). Kontrollera token och SLACK_API_URL.`,
      { cause: err },
    );
  }

  const socket = Boolean(config.appToken);
  const router = socket ? null : express.Router();
  const receiver = router
    ? new ExpressReceiver({
        signingSecret: config.signingSecret,
        endpoints: '/slack/events',
        router,
        // A throwaway app: Bolt mounts its router there; the server mounts `router` itself, where it wants.
        app: express(),
        logger: boltLogger(logger),
        // The 200 waits for the listener, which registers the question (a few ms) and answers after.
        processBeforeResponse: true,
      })
    : undefined;
  const bolt = new BoltApp({
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    logger: boltLogger(logger),
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.appToken }),
  });
  bolt.error(async (err) => {
    logger.error('slack: listener failed', { code: (err as { code?: string }).code, error: err.message });
  });
  if (socket) ackAfterListeners(bolt, logger);

  const names = new Map<string, { name: string | null; at: number }>();
  async function askerName(client: webApi.WebClient, userId: string): Promise<string | null> {
    const cached = names.get(userId);
    if (cached && Date.now() - cached.at < USER_CACHE_MS) return cached.name;
    try {
      const info = await client.users.info({ user: userId });
      const u = info.user;
      const name = u?.profile?.real_name || u?.real_name || u?.profile?.display_name || u?.name || null;
      names.set(userId, { name, at: Date.now() });
      return name;
    } catch (err) {
      // Without the name the anonymiser has less to mask; the question is still taken.
      logger.warn('slack: users.info failed', { error: (err as Error).message });
      return null;
    }
  }

  async function deliver(client: webApi.WebClient, target: SlackTarget, message: SlackMessage): Promise<void> {
    if (target.kind === 'respond') {
      try {
        await respondTo(target.responseUrl, { response_type: 'ephemeral', text: message.text, blocks: message.blocks });
        return;
      } catch (err) {
        // A response URL lasts 30 minutes and five uses; a held question may be answered later.
        // Then the answer goes to the asker in the channel, still visible to them only.
        logger.warn('slack: response_url failed, posting in the channel', { error: (err as Error).message });
      }
      await client.chat.postEphemeral({
        channel: target.channel,
        user: target.user,
        text: message.text,
        blocks: message.blocks,
      });
      return;
    }
    await client.chat.postMessage({
      channel: target.channel,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  }

  async function render(client: webApi.WebClient, target: SlackTarget, outcome: Outcome): Promise<void> {
    switch (outcome.kind) {
      case 'silent':
        logger.debug('slack: no reply', { reason: outcome.reason });
        return;
      case 'reply':
        await deliver(client, target, replyMessage(outcome.reply, outcome.callOff));
        if (outcome.reply.question) logger.info('slack: replied', { receipt: outcome.reply.question.id });
        return;
      case 'choose':
        await deliver(client, target, chooseMessage(outcome.callOffs));
        return;
      case 'rate_limited':
      case 'failed':
        await deliver(client, target, noticeMessage(outcome.text));
        return;
    }
  }

  const conversationOf = (teamId: string | undefined, channelId: string): Conversation => ({
    key: `slack:${teamId ?? identity.teamId ?? '-'}:${channelId}`,
    mappedIds: [channelId],
    mappingField: 'slackChannels',
  });

  /** Answers to questions that waited, each where it was asked. */
  async function renderEach(client: webApi.WebClient, answered: readonly Answered<SlackTarget>[]): Promise<void> {
    for (const { question: q, outcome } of answered) {
      try {
        await render(client, q.target, outcome);
        await deps.desk.delivered(outcome);
      } catch (err) {
        // One answer that cannot be posted (it is registered all the same) must not hold back the others.
        logger.error('slack: answer to a held question could not be posted', { error: (err as Error).message });
      }
    }
  }

  async function question(input: {
    client: webApi.WebClient;
    teamId: string | undefined;
    channelId: string;
    userId: string;
    rawText: string | undefined;
    deliveryId: string;
    target: SlackTarget;
  }): Promise<void> {
    // The time of receipt is when the event reached us, before any slow work.
    const receivedAt = app.clock.now();
    const text = questionFromSlack(input.rawText, identity.botUserId);
    if (asksForPublished(text)) {
      // Not a question for the register: the published list, read from the register, posted where asked.
      const list = await publishedList(input.teamId, input.channelId);
      void deps.inFlight.run(() =>
        deliver(input.client, input.target, noticeMessage(list)).catch((err: unknown) => {
          logger.error('slack: published list could not be posted', { error: (err as Error).message });
        }),
      );
      return;
    }
    // Awaited before the ack: the question is registered, with the reply owed to the target.
    const received = await deps.inFlight.run(async () =>
      deps.desk.receive({
        conversation: conversationOf(input.teamId, input.channelId),
        asker: {
          channel: 'slack',
          userId: input.userId,
          name: await boundedName(input.client, input.userId),
          org: null,
        },
        text,
        deliveryId: input.deliveryId,
        receivedAt,
        target: input.target,
      }),
    );
    // After the ack: answer, post, and mark the reply posted. Not awaited, so the 200 goes out now.
    void deps.inFlight.run(async () => {
      try {
        const outcome = await deps.desk.finish(received, (earlier) => renderEach(input.client, earlier));
        await render(input.client, input.target, outcome);
        await deps.desk.delivered(outcome);
      } catch (err) {
        // Registered all the same; the reply stays owed and the recovery posts it later.
        logger.error('slack: reply could not be posted', { error: (err as Error).message });
      }
    });
  }

  /** The asker's name, but never holding up the ack for long: without it the question is still taken. */
  async function boundedName(client: webApi.WebClient, userId: string): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), NAME_WAIT_MS);
    });
    try {
      return await Promise.race([askerName(client, userId), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  bolt.event('app_mention', async ({ event, body, client }) => {
    // DMs arrive as message.im; answering the mention there too would answer twice.
    if (event.bot_id || event.subtype || !event.user || event.channel.startsWith('D')) return;
    await question({
      client,
      teamId: body.team_id,
      channelId: event.channel,
      userId: event.user,
      rawText: event.text,
      deliveryId: `slack:${body.event_id}`,
      target: { kind: 'post', channel: event.channel, threadTs: event.thread_ts ?? event.ts },
    });
  });

  bolt.event('message', async ({ event, body, client }) => {
    // Only direct messages; edits, deletions and other subtypes, and bots, are ignored.
    if (event.channel_type !== 'im') return;
    if (event.subtype !== undefined && event.subtype !== 'file_share') return;
    if (('bot_id' in event && event.bot_id) || !event.user || event.user === identity.botUserId) return;
    await question({
      client,
      teamId: body.team_id,
      channelId: event.channel,
      userId: event.user,
      rawText: event.text,
      deliveryId: `slack:${body.event_id}`,
      target: { kind: 'post', channel: event.channel, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) },
    });
  });

  /** The published questions and answers of the conversation's call-off (every call-off's when it has none). */
  async function publishedList(teamId: string | undefined, channelId: string): Promise<string> {
    const conversation = conversationOf(teamId, channelId);
    return publishedListFor(app.callOffs, await deps.desk.callOffFor(conversation), (id) => app.register.published(id));
  }

  bolt.command(SLASH_COMMAND, async ({ command, ack, client }) => {
    if (asksForPublished(command.text ?? '')) {
      // "/avropsfraga publicerade": the list is the command's own response, seen by the one who asked.
      await ack({
        response_type: 'ephemeral',
        ...noticeMessage(await publishedList(command.team_id, command.channel_id)),
      });
      return;
    }
    await ack({ response_type: 'ephemeral', text: noticeMessage(commandAckText()).text });
    // Slash commands are not retried by Slack; trigger_id is unique per invocation.
    await question({
      client,
      teamId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      rawText: command.text,
      deliveryId: `slack:command:${command.trigger_id}`,
      target: {
        kind: 'respond',
        responseUrl: command.response_url,
        channel: command.channel_id,
        user: command.user_id,
      },
    });
  });

  bolt.action(
    { type: 'block_actions', action_id: new RegExp(`^${CHOOSE_ACTION_ID}`) },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const channelId = body.channel?.id;
      const callOffId = 'value' in action ? action.value : undefined;
      if (!channelId || !callOffId) return;
      // The choice is answered after the ack (the held questions are in the database already).
      void deps.inFlight
        .run(async () => {
          const chosen = await deps.desk.choose(conversationOf(body.team?.id ?? undefined, channelId), callOffId);
          if (chosen.kind !== 'chosen') {
            const text = chosen.kind === 'failed' ? chosen.text : unknownCallOffChoiceText();
            await respond({ response_type: 'ephemeral', ...noticeMessage(text) });
            return;
          }
          const notice = chosenMessage(chosen.callOff, chosen.answered.length);
          await respond({ replace_original: true, text: notice.text, blocks: notice.blocks });
          await renderEach(client, chosen.answered);
        })
        .catch((err: unknown) => {
          logger.error('slack: choice could not be answered', { error: (err as Error).message });
        });
    },
  );

  deps.recovery?.route('slack', deps.desk, (target, outcome) => render(bolt.client, target, outcome));
  // A listed channel gets a message of its own; the asker gets the notice where they asked (a thread,
  // or for a slash command the response URL while it lasts, then a message only they see).
  deps.publications?.route('slack', (post, text) =>
    post.kind === 'broadcast'
      ? deliver(bolt.client, { kind: 'post', channel: String(post.target) }, noticeMessage(text))
      : deliver(bolt.client, post.target as SlackTarget, noticeMessage(text)),
  );

  return {
    mode: socket ? 'socket' : 'http',
    router,
    start: async () => {
      if (socket) await bolt.start();
    },
    stop: async () => {
      if (socket) await bolt.stop();
    },
    postOwed: (target, outcome) => render(bolt.client, target, outcome),
  };
}
