/**
 * The channel-independent part of taking a chat question: which call-off the
 * conversation is about (mapping, remembered choice, or ask the supplier),
 * the per-asker rate limit, then the core's two steps. Slack and Teams turn
 * their events into a DeskQuestion and render the Outcome; nothing here knows
 * either platform. `Target` is where a platform posts the answer; it is stored
 * as JSON (with a held question, and with every registered one as the reply
 * owed), so it must be plain data.
 *
 * Write before ack: `receive` registers the question, with the reply owed to
 * its target, and is all a channel awaits before it acks the platform;
 * `finish` answers it afterwards, and `delivered` marks the reply posted. A
 * question whose instance died in between is answered by the recovery
 * (recovery.ts) of the next instance; a repeated delivery of a question that
 * has no reply yet is answered, unless a live instance is working on it.
 *
 * Choices and held questions live in the register's database behind the
 * ConversationStore port: a restart between question and choice loses
 * nothing, and the click on the choice may land on any instance. A held
 * question is released (deleted) only once the core has registered it; one
 * whose claimer died or whose registration failed is taken again after the
 * claim's lease, by the next click or the next question in the conversation.
 */
import type { App } from '../../app.js';
import type { Asker, CallOff, RegisterEntry, Reply } from '../../core/types.js';
import type { ConversationStore, HeldQuestion } from './conversationStore.js';
import type { Intake } from './intake.js';
import { answerPendingAnswer, choiceFailedText, failureText, rateLimitedText } from './messages.js';
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
  /**
   * Render the core's reply (answered, not in documents, refused, invalid).
   * `owed`: the reply owed to a registered question, to mark posted once rendered.
   */
  | { kind: 'reply'; reply: Reply; callOff: CallOff; owed?: OwedMark }
  /** A retry of a delivery already handled (or already told to slow down): say nothing. */
  | { kind: 'silent'; reason: 'duplicate' | 'limited_again' | 'pending_again' }
  | { kind: 'rate_limited'; text: string }
  /** Several call-offs and none chosen here: show the choice; the question waits. */
  | { kind: 'choose'; callOffs: readonly CallOff[] }
  /** The question could not be taken (e.g. the register is down). */
  | { kind: 'failed'; text: string };

/** A registered question's reply: released once posted, unless it only confirms the receipt (answer still owed). */
export interface OwedMark {
  callOff: string;
  entryId: string;
  /** False: the bot's answer could not be recorded; the answer stays owed and is retried later. */
  settled: boolean;
}

/** What `receive` did before the ack, and the work left for after it (see `finish`). */
export type Received<Target> = {
  question: DeskQuestion<Target>;
  /** A conversation that has chosen: questions left behind there are taken along, after the ack. */
  retake?: { conversation: Conversation; callOff: CallOff };
} & (
  | { outcome: Outcome; answer?: undefined }
  /** A registered question this call is to answer (it holds the claim on its reply). */
  | { answer: { callOff: CallOff; entry: RegisterEntry }; outcome?: undefined }
);

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

export type DeskApp = Pick<App, 'callOffs' | 'logger' | 'receive' | 'answerRegistered' | 'owedReplies'>;

export class QuestionDesk<Target> {
  constructor(
    private readonly app: DeskApp,
    /** Choices and held questions, shared by every instance on the register's database. */
    private readonly conversations: ConversationStore,
    private readonly limiter: RateLimiter,
    private readonly perMinute: number,
    /** Paces the start of answers so acks of other deliveries are not held up. */
    private readonly intake?: Intake,
    /** Wall clock for held questions' time to live and owed replies' leases (not the register's time of receipt). */
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
   * Takes a question all the way: `receive` and `finish` in one (tests, and
   * where nothing is acked in between). Left-behind answers go to `earlier`.
   */
  async take(q: DeskQuestion<Target>, earlier?: EarlierAnswers<Target>): Promise<Outcome> {
    return this.finish(await this.receive(q), earlier);
  }

  /**
   * What a channel awaits before it acks the platform: the rate limit, the
   * call-off, and the question registered with the reply owed to `q.target`
   * (or held for a choice of call-off). Fast; never answers.
   */
  async receive(q: DeskQuestion<Target>): Promise<Received<Target>> {
    const admission = this.limiter.admit(`${q.asker.channel}:${q.asker.userId}`, q.deliveryId);
    if (admission === 'limited_again') return { question: q, outcome: { kind: 'silent', reason: 'limited_again' } };
    if (admission === 'limited') {
      this.app.logger.info('channels: asker rate limited', { channel: q.asker.channel });
      return { question: q, outcome: { kind: 'rate_limited', text: rateLimitedText(this.perMinute) } };
    }
    let resolved: { callOff?: CallOff; chosen: boolean };
    try {
      resolved = await this.resolve(q.conversation);
    } catch (err) {
      return {
        question: q,
        outcome: this.failed('channels: conversation choice could not be read', q.asker.channel, err),
      };
    }
    if (!resolved.callOff) return this.hold(q);
    const received = await this.register(q, resolved.callOff);
    return resolved.chosen
      ? { ...received, retake: { conversation: q.conversation, callOff: resolved.callOff } }
      : received;
  }

  /**
   * The work after the ack: answers the question `receive` registered (the
   * outcome to render), then, in a conversation that has chosen, takes the
   * questions a claimer left behind there (it died, or the register failed),
   * since no click may come again; their answers go to `earlier`.
   */
  async finish(received: Received<Target>, earlier?: EarlierAnswers<Target>): Promise<Outcome> {
    const outcome = received.answer
      ? await this.answer(received.answer.callOff, received.answer.entry)
      : received.outcome;
    if (received.retake) await this.retake(received.retake.conversation, received.retake.callOff, earlier);
    return outcome;
  }

  /** Answers a registered question whose reply was left behind (the recovery holds its claim). */
  answerLeftBehind(callOff: CallOff, entry: RegisterEntry): Promise<Outcome> {
    return this.answer(callOff, entry);
  }

  /**
   * The reply was posted where it was asked: it is no longer owed. One that
   * only confirmed the receipt (the answer could not be recorded) stays owed,
   * and the recovery sends the answer once the register takes it.
   */
  async delivered(outcome: Outcome): Promise<void> {
    if (outcome.kind !== 'reply' || !outcome.owed?.settled) return;
    try {
      await this.app.owedReplies.release(outcome.owed.callOff, outcome.owed.entryId);
    } catch (err) {
      // Posted all the same; after the lease it may be posted once more, which beats losing it.
      this.failed('channels: posted reply could not be marked', undefined, err);
    }
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
      const received = await this.register(question, callOff);
      if (received.outcome?.kind !== 'failed') {
        try {
          await this.conversations.release(held.deliveryId);
        } catch (err) {
          // Registered all the same; taken again after the lease, it is a duplicate and released then.
          this.failed('channels: held question could not be released', held.asker.channel, err);
        }
      }
      answered.push({ question, outcome: await this.finish(received) });
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

  private async hold(q: DeskQuestion<Target>): Promise<Received<Target>> {
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
      if (held === 'already_held') return { question: q, outcome: { kind: 'silent', reason: 'pending_again' } };
      if (held !== 'held') {
        // Chosen (on another instance) since callOffFor looked: ask now rather than wait for a second click.
        const callOff = this.app.callOffs.find((c) => c.id === held.chosen);
        if (callOff) return { ...(await this.register(q, callOff)), retake: { conversation: q.conversation, callOff } };
      }
      return { question: q, outcome: { kind: 'choose', callOffs: this.app.callOffs } };
    } catch (err) {
      // Not held, not registered: the supplier is told to ask again rather than to choose.
      return { question: q, outcome: this.failed('channels: question could not be held', q.asker.channel, err) };
    }
  }

  private failed(msg: string, channel: string | undefined, err: unknown): { kind: 'failed'; text: string } {
    this.app.logger.error(msg, { ...(channel ? { channel } : {}), error: (err as Error).message });
    return { kind: 'failed', text: failureText() };
  }

  /**
   * Registers the question with the reply owed to its target. A repeated
   * delivery of a question whose reply is still owed is answered here if no
   * live instance works on it (claimed), and is silent otherwise.
   */
  private async register(q: DeskQuestion<Target>, callOff: CallOff): Promise<Received<Target>> {
    await this.intake?.turn();
    try {
      const reception = await this.app.receive({
        callOffId: callOff.id,
        text: q.text,
        asker: q.asker,
        receivedAt: q.receivedAt,
        deliveryId: q.deliveryId,
        replyTo: this.app.owedReplies.replyTo(q.target, this.now()),
      });
      if (reception.kind === 'done') {
        const { reply } = reception;
        return {
          question: q,
          outcome: reply.duplicate ? { kind: 'silent', reason: 'duplicate' } : { kind: 'reply', reply, callOff },
        };
      }
      const { entry } = reception;
      if (!reception.created && !(await this.app.owedReplies.claim(callOff.id, entry.id, this.now()))) {
        // Being answered by a live instance (or already replied to): one reply only.
        return { question: q, outcome: { kind: 'silent', reason: 'duplicate' } };
      }
      if (!reception.created) this.app.logger.info('channels: unanswered question asked again', { receipt: entry.id });
      return { question: q, answer: { callOff, entry } };
    } catch (err) {
      this.app.logger.error('channels: question could not be taken', {
        channel: q.asker.channel,
        callOff: callOff.id,
        error: (err as Error).message,
      });
      return { question: q, outcome: { kind: 'failed', text: failureText() } };
    }
  }

  /** Answers a registered question; the reply carries the mark to release once posted. */
  private async answer(callOff: CallOff, entry: RegisterEntry): Promise<Outcome> {
    await this.intake?.turn();
    try {
      const { reply, recorded } = await this.app.answerRegistered(callOff, entry);
      return { kind: 'reply', reply, callOff, owed: { callOff: callOff.id, entryId: entry.id, settled: recorded } };
    } catch (err) {
      // answerRegistered falls back by itself; this is a fault past that. The reply stays owed (recovery).
      this.app.logger.error('channels: registered question could not be answered', {
        channel: entry.asker.channel,
        receipt: entry.id,
        error: (err as Error).message,
      });
      return {
        kind: 'reply',
        reply: {
          callOff: callOff.id,
          status: 'not_in_documents',
          answer: answerPendingAnswer(entry.id),
          citations: [],
          question: { id: entry.id, receivedAt: entry.receivedAt },
        },
        callOff,
        owed: { callOff: callOff.id, entryId: entry.id, settled: false },
      };
    }
  }
}
