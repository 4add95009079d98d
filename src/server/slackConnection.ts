/**
 * Slack for `serve`, without taking the server down with it. The bot token
 * is verified (auth.test) before the server listens: a token Slack rejects
 * is still a start-up error the operator must fix (exit 2). But when Slack
 * cannot be reached (network down, Slack answering 5xx), Teams and the
 * buyer's page run regardless: the failure is logged, /readyz names Slack
 * as down, and the connection is retried in the background with a growing
 * pause. Until then /slack/events answers 503 with Retry-After, so Slack
 * delivers the events again later.
 */
import type { RequestHandler } from 'express';
import type { App } from '../app.js';
import { createSlackChannel, type SlackChannel, type SlackDeps } from '../channels/slack/slackChannel.js';
import type { Readiness } from './readiness.js';

export interface SlackRetryOptions {
  /** Pause before the first retry; doubled after each failure up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /**
   * How long start-up waits for the first auth.test. A Slack that drops packets
   * makes the client wait out its timeouts (10 s per try, 3 tries); the server
   * listens meanwhile, and the attempt's outcome is handled when it comes.
   */
  firstAttemptMs?: number;
}

export const DEFAULT_SLACK_RETRY: SlackRetryOptions = {
  initialDelayMs: 2000,
  maxDelayMs: 60_000,
  firstAttemptMs: 5000,
};

/** What Slack's Web API client throws when Slack is out of reach rather than refusing the token. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/** True when the start-up failure is Slack being unreachable (worth retrying), false for a bad token or setting. */
export function isSlackUnreachable(err: unknown): boolean {
  const cause = (err as { cause?: unknown } | null)?.cause as
    | { code?: string; statusCode?: number; data?: { error?: string } }
    | undefined;
  switch (cause?.code) {
    case 'slack_webapi_request_error':
    case 'slack_webapi_rate_limited_error':
      return true;
    case 'slack_webapi_http_error': {
      const status = cause.statusCode ?? 0;
      return status >= 500 || status === 429 || status === 408;
    }
    case 'slack_webapi_platform_error':
      return TRANSIENT_PLATFORM_ERRORS.has(cause.data?.error ?? '');
    default:
      return false;
  }
}

export class SlackConnection {
  private channel: SlackChannel | null = null;
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private attempts = 0;
  private stopped = false;

  constructor(
    private readonly app: App,
    private readonly deps: SlackDeps,
    private readonly readiness: Readiness,
    private readonly retry: SlackRetryOptions = DEFAULT_SLACK_RETRY,
  ) {
    this.delayMs = retry.initialDelayMs;
  }

  /** The first attempt, awaited. Throws only when Slack refuses the configuration. */
  async start(): Promise<void> {
    if (!this.app.env.slack) {
      this.readiness.setChannel('slack', 'off');
      return;
    }
    const first = this.connect().then(
      () => null,
      (err: Error) => err,
    );
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), this.retry.firstAttemptMs ?? 5000);
    });
    const outcome = await Promise.race([first, slow]);
    clearTimeout(timer);
    if (outcome === null) return;
    if (outcome === 'slow') {
      this.readiness.setChannel('slack', 'down', 'Slack svarar inte än; anslutningen pågår (se loggen).');
      this.app.logger.warn('server: slack slow to answer at start-up; starting without it for now');
      void first.then((err) => {
        if (err) this.failed(err);
      });
      return;
    }
    if (!isSlackUnreachable(outcome)) throw outcome;
    this.unreachable(outcome);
  }

  /** Routes Slack's HTTP deliveries to Bolt once connected; until then 503, so Slack retries. */
  handler(): RequestHandler {
    const httpMode = Boolean(this.app.env.slack && !this.app.env.slack.appToken);
    return (req, res, next) => {
      const router = this.channel?.router;
      if (router) return router(req, res, next);
      if (!httpMode || req.path !== '/slack/events') return next();
      res.set('Retry-After', '30').status(503).json({
        error: 'slack_unavailable',
        message: 'Slack-kopplingen är inte uppe ännu. Försök igen om en stund.',
      });
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.channel?.stop();
  }

  private async connect(): Promise<void> {
    this.attempts++;
    const channel = await createSlackChannel(this.app, this.deps);
    if (!channel) return;
    if (this.stopped) {
      await channel.stop();
      return;
    }
    this.channel = channel;
    if (this.attempts > 1) this.app.logger.info('server: slack reachable again', { attempts: this.attempts });
    if (channel.mode === 'http') {
      this.readiness.setChannel('slack', 'up');
      return;
    }
    // Socket Mode connects in the background: the client retries by itself while
    // Slack is unreachable, and Teams and /admin must not wait for it. /readyz tells.
    this.readiness.setChannel('slack', 'down', 'Slack Socket Mode ansluter.');
    channel.start().then(
      () => {
        this.readiness.setChannel('slack', 'up');
        this.app.logger.info('server: slack socket mode connected');
      },
      (err: Error) => {
        this.readiness.setChannel('slack', 'down', `Slack Socket Mode kunde inte anslutas: ${err.message}`);
        this.app.logger.error('server: slack socket mode failed', { error: err.message });
      },
    );
  }

  private unreachable(err: Error): void {
    // Generic on the public /readyz; the client's error (host, status) goes to the log.
    this.readiness.setChannel('slack', 'down', 'Slack kan inte nås; nytt försök pågår (se loggen).');
    this.app.logger.error('server: slack unreachable; Teams and /admin run, slack is retried', {
      error: err.message,
      retryInMs: this.delayMs,
      attempts: this.attempts,
    });
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.retryNow(), this.delayMs);
    this.delayMs = Math.min(this.delayMs * 2, this.retry.maxDelayMs);
  }

  private async retryNow(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.connect();
    } catch (err) {
      this.failed(err as Error);
    }
  }

  /** An attempt after start-up failed: retried when Slack was out of reach, not when it refused. */
  private failed(err: Error): void {
    if (isSlackUnreachable(err)) {
      this.unreachable(err);
      return;
    }
    // Reached, but refused (token revoked meanwhile): retrying will not help, the operator must act.
    this.readiness.setChannel('slack', 'down', 'Slack avvisade SLACK_BOT_TOKEN (se loggen).');
    this.app.logger.error('server: slack refused the configuration; not retrying', { error: err.message });
  }
}
