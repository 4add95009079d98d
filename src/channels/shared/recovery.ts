/**
 * Answers the questions that were registered but never replied to: the
 * instance that received them died (kill -9, a crash, a lost machine) between
 * the platform's ack and its reply, or it could not record or post the answer.
 * Runs at start-up and then now and again; each owed reply is claimed first
 * (see OwedReplyStore), so on several instances sharing one register a reply
 * is made by one of them only, and a repeated delivery racing it stays silent.
 */
import type { App } from '../../app.js';
import type { Channel } from '../../core/types.js';
import type { Outcome, QuestionDesk } from './desk.js';
import type { InFlight } from './inFlight.js';
import type { OwedReply } from './owedReplyStore.js';
import { PeriodicRun } from './periodicRun.js';

/** Posts one outcome to a stored target; throws when it could not be posted. */
export type PostOwed = (target: unknown, outcome: Outcome) => Promise<void>;

export type RecoveryApp = Pick<App, 'callOffs' | 'logger' | 'register' | 'owedReplies'>;

/** How often owed replies are looked for after start-up (others' leases, failed posts). */
export const RECOVERY_INTERVAL_MS = 30_000;

/**
 * A reply still not posted a day after its question arrived is given up (an
 * error in the log names the receipt): its channel or conversation is gone, or
 * the platform refuses it. The question stays in the register for the buyer.
 */
export const OWED_REPLY_MAX_AGE_MS = 24 * 60 * 60_000;

interface Route {
  desk: QuestionDesk<unknown>;
  post: PostOwed;
}

export class OwedReplyRecovery {
  private readonly routes = new Map<Channel, Route>();
  private readonly periodic: PeriodicRun;

  constructor(
    private readonly app: RecoveryApp,
    inFlight: InFlight,
    intervalMs = RECOVERY_INTERVAL_MS,
  ) {
    this.periodic = new PeriodicRun(inFlight, (now) => this.run(now), intervalMs);
  }

  /** A channel that is on: its owed replies are answered through its desk and posted by `post`. */
  route<Target>(
    channel: Channel,
    desk: QuestionDesk<Target>,
    post: (target: Target, outcome: Outcome) => Promise<void>,
  ): void {
    this.routes.set(channel, { desk: desk as QuestionDesk<unknown>, post: post as PostOwed });
    // A channel that comes up after start-up (Slack reachable again) gets its owed replies at once.
    if (this.periodic.active) void this.sweep();
  }

  /** Sweeps now, then every interval until stop(). */
  start(): void {
    this.periodic.start();
  }

  /** No more sweeps; one running finishes as tracked work (the server drains it). */
  stop(): void {
    this.periodic.stop();
  }

  /**
   * Claims and answers every owed reply left behind (as of `now`, wall clock);
   * returns how many were posted. One sweep at a time.
   */
  sweep(now?: Date): Promise<number> {
    return this.periodic.runNow(now);
  }

  private async run(now?: Date): Promise<number> {
    const { logger } = this.app;
    let claimed: OwedReply[];
    try {
      claimed = await this.app.owedReplies.claimLeftBehind([...this.routes.keys()], now);
    } catch (err) {
      logger.error('channels: owed replies could not be read', { error: (err as Error).message });
      return 0;
    }
    if (claimed.length > 0) logger.info('channels: owed replies claimed', { count: claimed.length });
    let posted = 0;
    for (const owed of claimed) {
      const route = this.routes.get(owed.channel);
      if (!route) continue;
      if (Date.parse(owed.registeredAt) < (now ?? new Date()).getTime() - OWED_REPLY_MAX_AGE_MS) {
        logger.error('channels: owed reply given up after a day; the buyer answers the question', {
          channel: owed.channel,
          receipt: owed.entryId,
        });
        await this.app.owedReplies.release(owed.callOff, owed.entryId).catch(() => false);
        continue;
      }
      try {
        const callOff = this.app.callOffs.find((c) => c.id === owed.callOff);
        const entry = callOff ? await this.app.register.get(owed.callOff, owed.entryId) : null;
        if (!callOff || !entry) {
          // The call-off is no longer served here, or its entry is gone: nothing to answer.
          logger.warn('channels: owed reply without its question dropped', { receipt: owed.entryId });
          await this.app.owedReplies.release(owed.callOff, owed.entryId);
          continue;
        }
        const outcome = await route.desk.answerLeftBehind(callOff, entry);
        await route.post(owed.target, outcome);
        await route.desk.delivered(outcome);
        posted += 1;
        logger.info('channels: owed reply posted', { channel: owed.channel, receipt: owed.entryId });
      } catch (err) {
        // Stays owed: taken again after its lease.
        logger.error('channels: owed reply could not be posted', {
          channel: owed.channel,
          receipt: owed.entryId,
          error: (err as Error).message,
        });
      }
    }
    return posted;
  }
}
