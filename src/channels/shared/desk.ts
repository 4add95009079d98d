/**
 * The channel-independent part of taking a chat question: which call-off the
 * conversation is about (mapping, remembered choice, or ask the supplier),
 * the per-asker rate limit, then the core's askQuestion. Slack and Teams turn
 * their events into a DeskQuestion and render the Outcome; nothing here knows
 * either platform. `Target` is where a platform would post a late answer; a
 * held question's target is stored as JSON, so it must be plain data.
 *
 * Choices and held questions live in the register's database behind the
 * ConversationStore port: a restart between question and choice loses
 * nothing, and the click on the choice may land on any instance. A held
 * question is released (deleted) only once the core has registered it; one
 * whose claimer died or whose registration failed is taken again after the
 * claim's lease, by the next click or the next question in the conversation.
 */
import type { App } from '../../app.js';
import type { Asker, CallOff, Reply } from '../../core/types.js';
import type { ConversationStore, HeldQuestion } from './conversationStore.js';
import type { Intake } from './intake.js';
import { choiceFailedText, failureText, rateLimitedText } from './messages.js';
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

/** A question that had waited, and what asking it led to. */
export interface Answered<Target> {
  question: DeskQuestion<Target>;
  outcome: Outcome;
}

/** Posts the answers to questions taken again along with a new one (see QuestionDesk.take). */
export type EarlierAnswers<Target> = (answered: readonly Answered<Target>[]) => Promise<void>;

/** What a click on a choice of call-off led to. */
export type Choice<Target> =
  /** Remembered; the questions that were waiting, each with its own reply. */
  | { kind: 'chosen'; callOff: CallOff; answered: Answered<Target>[] }
  /** Not one of this deployment's call-offs (an old button). */
  | { kind: 'unknown_call_off' }
  /** The database could not take the choice; nothing was claimed, so a new click can still succeed. */
  | { kind: 'failed'; text: string };

export type DeskApp = Pick<App, 'callOffs' | 'ask' | 'logger'>;

export class QuestionDesk<Target> {
  constructor(
    private readonly app: DeskApp,
    /** Choices and held questions, shared by every instance on the register's database. */
    private readonly conversations: ConversationStore,
    private readonly limiter: RateLimiter,
    private readonly perMinute: number,
    /** Paces the start of answers so acks of other deliveries are not held up. */
    private readonly intake?: Intake,
    /** Wall clock for the held questions' time to live (not the register's time of receipt). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The call-off this conversation is about, or undefined when the supplier must choose. */
  async callOffFor(conversation: Conversation): Promise<CallOff | undefined> {
    return (await this.resolve(conversation)).callOff;
  }

  /** The call-off, and whether it is a choice made in the conversation (only then can questions be held there). */
  private async resolve(conversation: Conversation): Promise<{ callOff?: CallOff; chosen: boolean }> {
    const { callOffs } = this.app;
    if (callOffs.length === 1) return { callOff: callOffs[0], chosen: false };
    const mapped = callOffs.find((c) =>
      (c[conversation.mappingField] ?? []).some((id) => conversation.mappedIds.includes(id)),
    );
    if (mapped) return { callOff: mapped, chosen: false };
    const chosen = await this.conversations.choiceOf(conversation.key);
    const callOff = callOffs.find((c) => c.id === chosen);
    return callOff ? { callOff, chosen: true } : { chosen: false };
  }

  /**
   * Takes a question. In a conversation that has chosen its call-off, questions a claimer left
   * behind there (it died, or the register failed) are taken too, since no click may come
   * again; their answers go to `earlier`, for the channel to post where each was asked.
   */
  async take(q: DeskQuestion<Target>, earlier?: EarlierAnswers<Target>): Promise<Outcome> {
    const admission = this.limiter.admit(`${q.asker.channel}:${q.asker.userId}`, q.deliveryId);
    if (admission === 'limited_again') return { kind: 'silent', reason: 'limited_again' };
    if (admission === 'limited') {
      this.app.logger.info('channels: asker rate limited', { channel: q.asker.channel });
      return { kind: 'rate_limited', text: rateLimitedText(this.perMinute) };
    }
    let resolved: { callOff?: CallOff; chosen: boolean };
    try {
      resolved = await this.resolve(q.conversation);
    } catch (err) {
      return this.failed('channels: conversation choice could not be read', q.asker.channel, err);
    }
    if (!resolved.callOff) return this.hold(q, earlier);
    const outcome = await this.ask(q, resolved.callOff);
    if (resolved.chosen) await this.retake(q.conversation, resolved.callOff, earlier);
    return outcome;
  }

  /**
   * The supplier chose a call-off for the conversation: remember it, claim the
   * questions that were waiting for it (on whichever instance they arrived)
   * and ask each with its original time of receipt.
   */
  async choose(conversation: Conversation, callOffId: string): Promise<Choice<Target>> {
    const callOff = this.app.callOffs.find((c) => c.id === callOffId);
    if (!callOff) return { kind: 'unknown_call_off' };
    let claimed: HeldQuestion[];
    try {
      claimed = await this.conversations.choose(conversation.key, callOff.id, this.now());
    } catch (err) {
      this.failed('channels: choice of call-off could not be saved', undefined, err);
      return { kind: 'failed', text: choiceFailedText() };
    }
    if (claimed.length > 0) this.app.logger.info('channels: held questions claimed', { count: claimed.length });
    const answered = await this.askHeld(conversation, callOff, claimed);
    return { kind: 'chosen', callOff, answered };
  }

  /**
   * Asks each claimed question with its original time of receipt and releases
   * it once the core has registered it (a duplicate was registered before: by
   * a claimer that died before releasing). One that could not be asked stays
   * held, to be taken again after the claim's lease.
   */
  private async askHeld(
    conversation: Conversation,
    callOff: CallOff,
    claimed: readonly HeldQuestion[],
  ): Promise<Answered<Target>[]> {
    const answered = [];
    for (const held of claimed) {
      const question: DeskQuestion<Target> = {
        conversation,
        asker: held.asker,
        text: held.text,
        deliveryId: held.deliveryId,
        receivedAt: held.receivedAt,
        target: held.target as Target,
      };
      const outcome = await this.ask(question, callOff);
      if (outcome.kind !== 'failed') {
        try {
          await this.conversations.release(held.deliveryId);
        } catch (err) {
          // Registered all the same; taken again after the lease, it is a duplicate and released then.
          this.failed('channels: held question could not be released', held.asker.channel, err);
        }
      }
      answered.push({ question, outcome });
    }
    return answered;
  }

  /**
   * A question arrived in a conversation that has chosen: take the held
   * questions a claimer left behind there (it died, or the register failed),
   * since no click may ever come again. They are registered with their own
   * time of receipt, and their answers handed to `earlier` to be posted: the
   * supplier was told to ask again, or told nothing, when they were claimed.
   */
  private async retake(conversation: Conversation, callOff: CallOff, earlier?: EarlierAnswers<Target>): Promise<void> {
    let left: HeldQuestion[];
    try {
      left = await this.conversations.retake(conversation.key, callOff.id, this.now());
    } catch (err) {
      // The question itself is answered; the ones left behind wait for the next try.
      this.failed('channels: held questions could not be retaken', undefined, err);
      return;
    }
    if (left.length === 0) return;
    const answered = await this.askHeld(conversation, callOff, left);
    this.app.logger.info('channels: held questions retaken', {
      count: left.length,
      failed: answered.filter((a) => a.outcome.kind === 'failed').length,
    });
    // Only what was asked: one that failed again stays held and is not news to the supplier.
    const news = answered.filter((a) => a.outcome.kind !== 'failed' && a.outcome.kind !== 'silent');
    if (news.length === 0 || !earlier) return;
    try {
      await earlier(news);
    } catch (err) {
      // Registered all the same: the buyer has them, the receipts are in the register.
      this.failed('channels: answers to retaken questions could not be posted', undefined, err);
    }
  }

  private async hold(q: DeskQuestion<Target>, earlier?: EarlierAnswers<Target>): Promise<Outcome> {
    try {
      const held = await this.conversations.hold(
        {
          deliveryId: q.deliveryId,
          conversationKey: q.conversation.key,
          receivedAt: q.receivedAt,
          asker: q.asker,
          text: q.text,
          target: q.target,
        },
        this.now(),
        this.app.callOffs.map((c) => c.id),
      );
      if (held === 'already_held') return { kind: 'silent', reason: 'pending_again' };
      if (held !== 'held') {
        // Chosen (on another instance) since callOffFor looked: ask now rather than wait for a second click.
        const callOff = this.app.callOffs.find((c) => c.id === held.chosen);
        if (callOff) {
          const outcome = await this.ask(q, callOff);
          await this.retake(q.conversation, callOff, earlier);
          return outcome;
        }
      }
      return { kind: 'choose', callOffs: this.app.callOffs };
    } catch (err) {
      // Not held, not registered: the supplier is told to ask again rather than to choose.
      return this.failed('channels: question could not be held', q.asker.channel, err);
    }
  }

  private failed(msg: string, channel: string | undefined, err: unknown): { kind: 'failed'; text: string } {
    this.app.logger.error(msg, { ...(channel ? { channel } : {}), error: (err as Error).message });
    return { kind: 'failed', text: failureText() };
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
