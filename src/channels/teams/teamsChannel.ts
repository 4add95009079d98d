/**
 * Teams through Bot Framework (botbuilder's CloudAdapter): personal chats and
 * channel mentions, a typing indicator while the answer is made, the reply as
 * an Adaptive Card, and the card buttons for choosing a call-off.
 * All botbuilder code lives in this folder: Microsoft archived botbuilder
 * (successor: @microsoft/agents-hosting), so swapping it touches nothing else.
 *
 * Write before ack: a question is registered, with the conversation reference
 * as the reply owed, inside the turn; the 200 follows and the answer is sent
 * afterwards as a proactive message (an instance that dies in between leaves
 * it to the recovery of the next). With deliveryMode "expectReplies" the
 * caller wants the answer in the response body, so it is answered in the turn.
 *
 * Without MICROSOFT_APP_ID, Teams is off unless TEAMS_ALLOW_UNAUTHENTICATED=1
 * (local testing), and then only activities whose serviceUrl is on this
 * machine are taken: replies never go to an address a caller chose.
 */

import { createHash, randomUUID } from 'node:crypto';
import {
  type Activity,
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  DeliveryModes,
  type InvokeResponse,
  TurnContext,
} from 'botbuilder';
import type { Request, RequestHandler, Response } from 'express';
import type { App } from '../../app.js';
import type { Conversation, Outcome, QuestionDesk, Received } from '../shared/desk.js';
import type { InFlight } from '../shared/inFlight.js';
import { failureText, unknownCallOffChoiceText, welcomeText } from '../shared/messages.js';
import type { PublicationPoster } from '../shared/publications.js';
import { asksForPublished, publishedListFor } from '../shared/publicationTexts.js';
import type { OwedReplyRecovery } from '../shared/recovery.js';
import { chooseActivity, chosenActivity, chosenCallOffId, noticeActivity, replyActivity } from './card.js';
import { questionFromTeams } from './text.js';

export interface TeamsChannel {
  /** False with TEAMS_ALLOW_UNAUTHENTICATED: loopback callers only (local testing). */
  authEnabled: boolean;
  /** POST /api/messages; needs a JSON body parser in front. */
  handle: RequestHandler;
  /** Sends an outcome to a stored conversation reference (the recovery's owed replies); throws when it could not. */
  postOwed(target: TeamsTarget, outcome: Outcome): Promise<void>;
}

/** Where a Teams answer goes: the conversation reference of the question (plain data, stored as JSON). */
export type TeamsTarget = Partial<ConversationReference>;

export interface TeamsDeps {
  desk: QuestionDesk<TeamsTarget>;
  inFlight: InFlight;
  /** Answers questions registered but never replied to. */
  recovery?: OwedReplyRecovery;
  /** Posts publications to the listed conversations and to the askers. */
  publications?: PublicationPoster;
  /**
   * The Bot Connector a listed conversation is reached through (a conversation id alone does
   * not say; TEAMS_SERVICE_URL). Default: the service URL of the last activity this instance
   * received, else Microsoft's global TEAMS_GLOBAL_SERVICE_URL.
   */
  serviceUrl?: string;
}

/** Microsoft's global Bot Connector endpoint for Teams: proactive messages to a conversation id reach any region. */
export const TEAMS_GLOBAL_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
}

const UNAUTHORIZED = { error: 'unauthorized', message: 'Autentisering krävs.' };
const INTERNAL = { error: 'internal', message: 'Ett internt fel inträffade.' };

const BAD_REQUEST = { error: 'bad_request', message: 'Begäran kunde inte läsas.' };
const NOT_LOOPBACK = {
  error: 'forbidden',
  message: 'Utan autentisering tas bara aktiviteter emot vars serviceUrl pekar på den här datorn.',
};

/** Whether a service URL points at this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host === '[::1]') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4[1] === '127' && v4.slice(1).every((n) => Number(n) <= 255);
}

/** The reference to reply to, without the asker's display name (it is stored until the reply is posted). */
function targetOf(activity: Activity): TeamsTarget {
  const reference = TurnContext.getConversationReference(activity);
  const user = reference.user
    ? { id: reference.user.id, name: '', aadObjectId: reference.user.aadObjectId }
    : undefined;
  return JSON.parse(JSON.stringify({ ...reference, user })) as TeamsTarget;
}

/**
 * CloudAdapter with its turn processing reachable: CloudAdapter.process() is a
 * thin HTTP wrapper that console.error()s every refused token and answers with
 * botbuilder's internal error message (e.g. the address of an identity endpoint
 * it could not reach). Calling processActivity() ourselves lets the caller get
 * a plain code and Swedish message and our logger get the detail, with nothing
 * on stderr, without patching or filtering the library.
 */
class TeamsAdapter extends CloudAdapter {
  processRequest(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * The request body as an activity, as CloudAdapter.process() reads it: an
 * object with a type, the timestamps as dates with the raw strings kept.
 * Null when it is not an activity.
 */
export function activityFromBody(body: unknown): Activity | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type === '') return null;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return a as unknown as Activity;
}

/** botbuilder's authentication failures carry statusCode 401 or 403 (AuthenticationError). */
function isAuthFailure(err: unknown): boolean {
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  return code === 401 || code === 403;
}

/**
 * What makes a redelivery of this activity a duplicate in the register. Teams
 * message ids are only unique within a conversation (they are timestamps), so
 * the conversation is part of it: two suppliers writing in the same millisecond
 * must not have one question taken for a retry of the other. The conversation
 * goes in as a digest: a 1:1 chat's id points at a person, and the delivery id
 * stays in the audit trail after a purge. Without an activity id there is
 * nothing to deduplicate on: each delivery is its own.
 */
export function deliveryIdOf(activity: Activity): string {
  if (!activity.id) return `teams:noid:${randomUUID()}`;
  const conversation = createHash('sha256')
    .update(activity.conversation?.id ?? '')
    .digest('hex')
    .slice(0, 16);
  return `teams:${conversation}:${activity.id}`;
}

export function conversationOf(activity: Activity): Conversation {
  const id = activity.conversation?.id ?? '';
  // Channel threads are "19:...@thread.tacv2;messageid=..."; the choice belongs to the channel.
  const base = id.split(';')[0] ?? id;
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const mappedIds = [id, base, data.channel?.id, data.team?.id].filter((v): v is string => !!v);
  return { key: `teams:${base}`, mappedIds, mappingField: 'teamsConversations' };
}

/** Null when Teams is off: no MICROSOFT_APP_ID and no TEAMS_ALLOW_UNAUTHENTICATED. */
export function createTeamsChannel(app: App, deps: TeamsDeps): TeamsChannel | null {
  const { logger } = app;
  const { appId, appPassword, tenantId, appType, allowUnauthenticated } = app.env.teams;
  if (!appId && !allowUnauthenticated) return null;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: appPassword,
    MicrosoftAppTenantId: tenantId,
    MicrosoftAppType: appType ?? (tenantId ? 'SingleTenant' : 'MultiTenant'),
  });
  const adapter = new TeamsAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error('teams: turn failed', { error: error.message });
    try {
      await context.sendActivity(noticeActivity(failureText()));
    } catch {
      // The connector is unreachable too; the log line above is all we can do.
    }
  };

  async function render(context: TurnContext, outcome: Outcome): Promise<void> {
    switch (outcome.kind) {
      case 'silent':
        logger.debug('teams: no reply', { reason: outcome.reason });
        return;
      case 'reply':
        await context.sendActivity(replyActivity(outcome.reply, outcome.callOff));
        if (outcome.reply.question) logger.info('teams: replied', { receipt: outcome.reply.question.id });
        return;
      case 'choose':
        await context.sendActivity(chooseActivity(outcome.callOffs));
        return;
      case 'rate_limited':
      case 'failed':
        await context.sendActivity(noticeActivity(outcome.text));
        return;
    }
  }

  /** A proactive message to a stored reference (the turn that asked is over by then). */
  async function postOwed(target: TeamsTarget, outcome: Outcome): Promise<void> {
    if (!appId && !isLoopbackUrl(target.serviceUrl)) {
      throw new Error('teams: refusing to reply to a service URL that is not on this machine');
    }
    await adapter.continueConversationAsync(appId ?? '', target, async (context) => {
      // Answer the question's message, as in its own turn (a thread reply in a channel), not the continuation.
      if (target.activityId) context.activity.id = target.activityId;
      await render(context, outcome);
    });
  }

  let lastServiceUrl: string | undefined;

  /** A message to a stored reference, or to a listed conversation by its id. */
  async function postPublication(target: TeamsTarget, text: string): Promise<void> {
    if (!appId && !isLoopbackUrl(target.serviceUrl)) {
      throw new Error('teams: refusing to post to a service URL that is not on this machine');
    }
    await adapter.continueConversationAsync(appId ?? '', target, async (context) => {
      // The asker's notice answers their question's message (a thread reply in a channel).
      if (target.activityId) context.activity.id = target.activityId;
      await context.sendActivity(noticeActivity(text));
    });
  }

  deps.publications?.route('teams', (post, text) =>
    postPublication(
      post.kind === 'broadcast'
        ? {
            channelId: 'msteams',
            serviceUrl: deps.serviceUrl ?? lastServiceUrl ?? TEAMS_GLOBAL_SERVICE_URL,
            conversation: { id: String(post.target), isGroup: true, conversationType: 'channel', name: '' },
          }
        : (post.target as TeamsTarget),
      text,
    ),
  );

  /** After the turn: answer, send, mark the reply posted. */
  function answerLater(received: Received<TeamsTarget>, target: TeamsTarget): void {
    void deps.inFlight.run(async () => {
      try {
        const outcome = await deps.desk.finish(received, async (earlier) => {
          for (const a of earlier) {
            await postOwed(a.question.target, a.outcome);
            await deps.desk.delivered(a.outcome);
          }
        });
        await postOwed(target, outcome);
        await deps.desk.delivered(outcome);
      } catch (err) {
        // Registered all the same; the reply stays owed and the recovery sends it later.
        logger.error('teams: reply could not be sent', { error: (err as Error).message });
      }
    });
  }

  async function onTurn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (activity.serviceUrl) lastServiceUrl = activity.serviceUrl;
    if (activity.type === ActivityTypes.ConversationUpdate) {
      // Added to a chat or a team: say once what the bot is for.
      const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
      if (botAdded) await context.sendActivity(noticeActivity(welcomeText(app.callOffs)));
      return;
    }
    if (activity.type !== ActivityTypes.Message) return;
    // Never answer ourselves or another bot.
    if (activity.from?.role === 'bot' || (activity.recipient?.id && activity.from?.id === activity.recipient.id))
      return;
    const conversation = conversationOf(activity);

    const choice = chosenCallOffId(activity.value);
    if (choice !== null) {
      const chosen = await deps.desk.choose(conversation, choice);
      if (chosen.kind !== 'chosen') {
        const text = chosen.kind === 'failed' ? chosen.text : unknownCallOffChoiceText();
        await context.sendActivity(noticeActivity(text));
        return;
      }
      await context.sendActivity(chosenActivity(chosen.callOff, chosen.answered.length));
      for (const { outcome } of chosen.answered) {
        await render(context, outcome);
        await deps.desk.delivered(outcome);
      }
      return;
    }

    // The time of receipt is when the activity reached us, before any slow work.
    const receivedAt = app.clock.now();
    const text = questionFromTeams(activity);
    if (asksForPublished(text)) {
      // Not a question for the register: the published list, read from the register, in the turn.
      const callOff = await deps.desk.callOffFor(conversation);
      const list = await publishedListFor(app.callOffs, callOff, (id) => app.register.published(id));
      await context.sendActivity(noticeActivity(list));
      return;
    }
    const from = activity.from ?? { id: 'unknown' };
    await context.sendActivity({ type: ActivityTypes.Typing });
    const target = targetOf(activity);
    // Registered, with the reply owed to this conversation, before the turn (and so the 200) ends.
    const received = await deps.desk.receive({
      conversation,
      asker: { channel: 'teams', userId: from.aadObjectId ?? from.id, name: from.name || null, org: null },
      text,
      deliveryId: deliveryIdOf(activity),
      receivedAt,
      target,
    });
    if (activity.deliveryMode !== DeliveryModes.ExpectReplies) {
      answerLater(received, target);
      return;
    }
    // The caller reads the answer from this response: answered in the turn.
    const outcome = await deps.desk.finish(received, async (earlier) => {
      for (const { outcome: answered } of earlier) {
        await render(context, answered);
        await deps.desk.delivered(answered);
      }
    });
    await render(context, outcome);
    await deps.desk.delivered(outcome);
  }

  const handle: RequestHandler = async (req: Request, res: Response) => {
    // With auth on, a request without a token is refused at once, before any work.
    const authHeader = req.get('authorization') ?? '';
    if (appId && !authHeader) {
      res.status(401).json(UNAUTHORIZED);
      return;
    }
    const activity = activityFromBody(req.body);
    if (!activity) {
      res.status(400).json(BAD_REQUEST);
      return;
    }
    if (!appId && !isLoopbackUrl(activity.serviceUrl)) {
      logger.warn('teams: activity refused: service URL not on this machine (authentication is off)');
      res.status(403).json(NOT_LOOPBACK);
      return;
    }
    let invoke: InvokeResponse | undefined;
    try {
      invoke = await deps.inFlight.run(() => adapter.processRequest(authHeader, activity, onTurn));
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      if (isAuthFailure(err)) {
        logger.warn('teams: request refused', { status: 401, error: message.slice(0, 300) });
        res.status(401).json(UNAUTHORIZED);
      } else {
        logger.error('teams: request failed', { error: message.slice(0, 300) });
        res.status(500).json(INTERNAL);
      }
      return;
    }
    // expectReplies and invoke activities answer in the body; everything else is a bare 200.
    res.status(invoke?.status ?? 200);
    if (invoke?.body !== undefined) res.json(invoke.body);
    else res.end();
  };
  deps.recovery?.route('teams', deps.desk, postOwed);
  return { authEnabled: Boolean(appId), handle, postOwed };
}
