/**
 * Posts publications in chat: drains the outbox the register fills with each
 * publication (see PublicationPostStore), through the channels that are on.
 * Runs at start-up and then on a short interval, so a publication made with
 * the CLI or on another instance is posted by a running `serve`. Each post is
 * claimed first, so on several instances it is posted by one of them only; it
 * is deleted once posted, and a failed post is tried again after its lease.
 */
import type { App } from '../../app.js';
import type { CallOff, Channel } from '../../core/types.js';
import type { InFlight } from './inFlight.js';
import { PeriodicRun } from './periodicRun.js';
import type { PublicationPost } from './publicationStore.js';
import { publicationAnnouncementText, publicationAskerText } from './publicationTexts.js';

/** Posts one text to a post's target (a listed channel, or the asker's stored target); throws when it could not. */
export type PostPublication = (post: PublicationPost, text: string) => Promise<void>;

export type PublicationApp = Pick<App, 'callOffs' | 'clock' | 'logger' | 'publicationPosts'>;

/** How often the outbox is looked at: a publication reaches the suppliers within seconds. */
export const PUBLICATION_INTERVAL_MS = 5_000;

/**
 * A post still not made a day after its publication is given up (an error in the log names it):
 * measured on the app's clock, the one that dated the publication.
 */
export const PUBLICATION_POST_MAX_AGE_MS = 24 * 60 * 60_000;

export class PublicationPoster {
  private readonly routes = new Map<Channel, PostPublication>();
  private readonly periodic: PeriodicRun;

  constructor(
    private readonly app: PublicationApp,
    inFlight: InFlight,
    intervalMs = PUBLICATION_INTERVAL_MS,
  ) {
    this.periodic = new PeriodicRun(inFlight, (now) => this.run(now), intervalMs);
  }

  /** A channel that is on: its posts are made by `post`. */
  route(channel: Channel, post: PostPublication): void {
    this.routes.set(channel, post);
    if (this.periodic.active) void this.drain();
  }

  /** Drains now, then every interval until stop(). */
  start(): void {
    this.periodic.start();
  }

  stop(): void {
    this.periodic.stop();
  }

  /** Claims and posts what is queued for the routed channels (as of `now`); returns how many were posted. */
  drain(now?: Date): Promise<number> {
    return this.periodic.runNow(now);
  }

  private async run(now?: Date): Promise<number> {
    const { logger, publicationPosts } = this.app;
    if (this.routes.size === 0) return 0;
    let claimed: PublicationPost[];
    try {
      claimed = await publicationPosts.claimDue([...this.routes.keys()], now);
    } catch (err) {
      logger.error('channels: publication outbox could not be read', { error: (err as Error).message });
      return 0;
    }
    let posted = 0;
    for (const post of claimed) {
      const route = this.routes.get(post.channel);
      const callOff = this.app.callOffs.find((c) => c.id === post.callOff);
      const fields = { channel: post.channel, kind: post.kind, receipt: post.entryId, faqNumber: post.faqNumber };
      if (!route) continue;
      if (!callOff || Date.parse(post.publishedAt) < this.app.clock.now().getTime() - PUBLICATION_POST_MAX_AGE_MS) {
        logger.error('channels: publication post given up (call-off not served here, or a day old)', fields);
        await publicationPosts.release(post.id).catch(() => false);
        continue;
      }
      try {
        await route(post, textOf(callOff, post));
        await publicationPosts.release(post.id);
        posted += 1;
        logger.info('channels: publication posted', fields);
      } catch (err) {
        // Stays queued: taken again after its lease.
        logger.error('channels: publication could not be posted', { ...fields, error: (err as Error).message });
      }
    }
    return posted;
  }
}

function textOf(callOff: CallOff, post: PublicationPost): string {
  return post.kind === 'asker' ? publicationAskerText(callOff, post) : publicationAnnouncementText(callOff, post);
}
