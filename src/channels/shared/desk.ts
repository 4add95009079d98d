/**
 * The channel-independent part of taking a chat question: which call-off the
 * conversation is about (mapping, remembered choice, or ask the supplier),
 * the per-asker rate limit, then the core's askQuestion. Slack and Teams turn
 * their events into a DeskQuestion and render the Outcome; nothing here knows
 * either platform. `Target` is where a platform would post a late answer.
 */
import type { App } from '../../app.js';
import type { Asker, CallOff, Reply } from '../../core/types.js';
import type { ChoiceStore } from './choiceStore.js';
import type { Intake } from './intake.js';
import { failureText, rateLimitedText } from './messages.js';
import type { RateLimiter } from './rateLimit.js';

export interface Conversation {
  /** Stable key of the conversation, e.g. "slack:T1:C1" or "teams:19:abc@thread.tacv2". */
  key: string;
  /** Ids a call-off may list (slackChannels / teamsConversations) to own this conversation. */
  mappedIds: readonly string[];
  /** The platform field that lists those ids in call-off.json. */
  mappingField: 'slackChannels' | 'teamsConversations';
}

export interface DeskQuestion<Target> {
  conversation: Conversation;
  asker: Asker & { userId: string };
  text: string;
  deliveryId: string;
  receivedAt: Date;
  /** Where to post the answer if it has to wait for the supplier's choice of call-off. */
  target: Target;
}

export type Outcome =
  /** Render the core's reply (answered, not in documents, refused, invalid). */
  | { kind: 'reply'; reply: Reply; callOff: CallOff }
  /** A retry of a delivery already handled (or already told to slow down): say nothing. */
  | { kind: 'silent'; reason: 'duplicate' | 'limited_again' | 'pending_again' }
  | { kind: 'rate_limited'; text: string }
  /** Several call-offs and none chosen here: show the choice; the question waits. */
  | { kind: 'choose'; callOffs: readonly CallOff[] }
  /** The question could not be taken (e.g. the register is down). */
  | { kind: 'failed'; text: string };

export type DeskApp = Pick<App, 'callOffs' | 'ask' | 'logger'>;

interface Pending<Target> {
  question: DeskQuestion<Target>;
  at: number;
}

const PENDING_TTL_MS = 60 * 60_000;
const PENDING_PER_CONVERSATION = 20;

export class QuestionDesk<Target> {
  /** Questions waiting for a choice of call-off; in memory (lost on restart, nothing registered yet). */
  private readonly pending = new Map<string, Pending<Target>[]>();

  constructor(
    private readonly app: DeskApp,
    private readonly choices: ChoiceStore,
    private readonly limiter: RateLimiter,
    private readonly perMinute: number,
    /** Paces the start of answers so acks of other deliveries are not held up. */
    private readonly intake?: Intake,
  ) {}

  /** The call-off this conversation is about, or undefined when the supplier must choose. */
  callOffFor(conversation: Conversation): CallOff | undefined {
    const { callOffs } = this.app;
    if (callOffs.length === 1) return callOffs[0];
    const mapped = callOffs.find((c) =>
      (c[conversation.mappingField] ?? []).some((id) => conversation.mappedIds.includes(id)),
    );
    if (mapped) return mapped;
    const chosen = this.choices.get(conversation.key);
    return callOffs.find((c) => c.id === chosen);
  }

  async take(q: DeskQuestion<Target>): Promise<Outcome> {
    const admission = this.limiter.admit(`${q.asker.channel}:${q.asker.userId}`, q.deliveryId);
    if (admission === 'limited_again') return { kind: 'silent', reason: 'limited_again' };
    if (admission === 'limited') {
      this.app.logger.info('channels: asker rate limited', { channel: q.asker.channel });
      return { kind: 'rate_limited', text: rateLimitedText(this.perMinute) };
    }
    const callOff = this.callOffFor(q.conversation);
    if (!callOff) return this.hold(q);
    return this.ask(q, callOff);
  }

  /**
   * The supplier chose a call-off for the conversation: remember it and hand
   * back the questions that were waiting for it, each with its own reply.
   */
  async choose(
    conversation: Conversation,
    callOffId: string,
  ): Promise<{ callOff: CallOff; answered: { question: DeskQuestion<Target>; outcome: Outcome }[] } | null> {
    const callOff = this.app.callOffs.find((c) => c.id === callOffId);
    if (!callOff) return null;
    this.choices.set(conversation.key, callOff.id);
    const waiting = this.pending.get(conversation.key) ?? [];
    this.pending.delete(conversation.key);
    const answered = [];
    for (const { question } of waiting) {
      answered.push({ question, outcome: await this.ask(question, callOff) });
    }
    return { callOff, answered };
  }

  private hold(q: DeskQuestion<Target>): Outcome {
    const now = Date.now();
    const list = (this.pending.get(q.conversation.key) ?? []).filter((p) => now - p.at < PENDING_TTL_MS);
    if (list.some((p) => p.question.deliveryId === q.deliveryId)) return { kind: 'silent', reason: 'pending_again' };
    list.push({ question: q, at: now });
    this.pending.set(q.conversation.key, list.slice(-PENDING_PER_CONVERSATION));
    return { kind: 'choose', callOffs: this.app.callOffs };
  }

  private async ask(q: DeskQuestion<Target>, callOff: CallOff): Promise<Outcome> {
    await this.intake?.turn();
    try {
      const reply = await this.app.ask({
        callOffId: callOff.id,
        text: q.text,
        asker: q.asker,
        receivedAt: q.receivedAt,
        deliveryId: q.deliveryId,
      });
      if (reply.duplicate) return { kind: 'silent', reason: 'duplicate' };
      return { kind: 'reply', reply, callOff };
    } catch (err) {
      this.app.logger.error('channels: question could not be taken', {
        channel: q.asker.channel,
        callOff: callOff.id,
        error: (err as Error).message,
      });
      return { kind: 'failed', text: failureText() };
    }
  }
}
