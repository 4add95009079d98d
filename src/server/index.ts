/**
 * `avropsbot serve`: one HTTP server (Express 5) for Slack (/slack/events,
 * through Bolt's ExpressReceiver), Teams (/api/messages, through botbuilder's
 * CloudAdapter), the buyer's page (/admin) and the health routes.
 *
 * ExpressReceiver rather than HTTPReceiver: it hands us an Express router, so
 * Slack, Teams, /admin and the health routes share one server, one port and
 * one shutdown; HTTPReceiver owns its own http.Server.
 *
 * Graceful close: refuse new work (503, so the platforms retry elsewhere),
 * let the answers in flight finish, close the server, then the register.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { createAdminRouter } from '../admin/router.js';
import type { App } from '../app.js';
import { QuestionDesk } from '../channels/shared/desk.js';
import { InFlight } from '../channels/shared/inFlight.js';
import { Intake } from '../channels/shared/intake.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from '../channels/shared/rateLimit.js';
import { createSlackChannel, type SlackTarget } from '../channels/slack/slackChannel.js';
import { createTeamsChannel } from '../channels/teams/teamsChannel.js';
import { CodedError } from '../core/errors.js';
import { createLimitedServer, type HttpLimits } from './httpLimits.js';
import { Readiness } from './readiness.js';

export interface RunningServer {
  port: number;
  url: string;
  /** Stop accepting, finish in-flight answers, close the register. */
  close(): Promise<void>;
}

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Per-asker limit for chat questions (default 10 a minute). */
  rateLimit?: RateLimitOptions;
  /** How long close() waits for answers in flight before giving up on them. */
  drainTimeoutMs?: number;
  /** Time limits and connection cap of the HTTP server (tests shorten them; see httpLimits.ts). */
  httpLimits?: Partial<HttpLimits>;
}

const DEFAULT_DRAIN_MS = 30_000;

export async function startServer(app: App, opts: ServerOptions = {}): Promise<RunningServer> {
  const { logger } = app;
  announce(app);

  const rate = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const inFlight = new InFlight();
  // One limiter for both platforms: the asker key carries the channel.
  const limiter = new RateLimiter(rate);
  // Shared by both platforms: one question starts per event-loop turn, whatever its channel.
  const intake = new Intake();
  const readiness = new Readiness(app);
  let stopping = false;

  const slack = await createSlackChannel(app, {
    desk: new QuestionDesk<SlackTarget>(app, app.conversations, limiter, rate.perMinute, intake),
    inFlight,
  });
  const teams = createTeamsChannel(app, {
    desk: new QuestionDesk<null>(app, app.conversations, limiter, rate.perMinute, intake),
    inFlight,
  });

  const web: Express = express();
  web.disable('x-powered-by');
  // Behind a reverse proxy, req.ip (which the admin sign-in backoff keys on) and
  // req.protocol come from X-Forwarded-For/-Proto only from the proxies trusted here;
  // without TRUST_PROXY those headers are ignored, as anyone can send them.
  web.set('trust proxy', app.env.trustProxy);

  web.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  web.get('/readyz', async (_req, res) => {
    const report = await readiness.check();
    res
      .status(report.ready ? 200 : 503)
      .json({ status: report.ready ? 'ready' : 'not_ready', reasons: report.reasons });
  });

  // While draining, new chat deliveries are refused so the platform retries them (elsewhere or later).
  web.use(['/slack/events', '/api/messages'], (_req, res, next) => {
    if (!stopping) return next();
    res.set('Retry-After', '5').status(503).json({ error: 'shutting_down', message: 'Servern startas om.' });
  });

  // No body parser in front of Bolt: the signature is computed over the raw body.
  if (slack?.router) web.use(slack.router);
  web.post('/api/messages', express.json({ limit: '1mb' }), teams.handle);
  web.use('/admin', createAdminRouter(app));

  web.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'Sidan finns inte.' });
  });
  web.use(errorHandler(app));

  const server = await listen(createLimitedServer(web, opts.httpLimits), opts.port ?? app.env.port, opts.host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(opts.host)}:${port}`;
  if (slack?.mode === 'socket') {
    // Socket Mode connects in the background: the client retries by itself while
    // Slack is unreachable, and Teams and /admin must not wait for it. /readyz tells.
    let socketProblem: string | null = 'Slack Socket Mode ansluter.';
    readiness.addCheck(() => socketProblem);
    slack.start().then(
      () => {
        socketProblem = null;
        logger.info('server: slack socket mode connected');
      },
      (err: Error) => {
        socketProblem = `Slack Socket Mode kunde inte anslutas: ${err.message}`;
        logger.error('server: slack socket mode failed', { error: err.message });
      },
    );
  }
  void readiness.start();
  logger.info('server: listening', { url });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stopping = true;
      readiness.markStopping();
      logger.info('server: shutting down', { inFlight: inFlight.size });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (slack) await slack.stop();
      const left = await inFlight.drain(opts.drainTimeoutMs ?? DEFAULT_DRAIN_MS);
      if (left > 0) logger.error('server: answers still running at shutdown were abandoned', { count: left });
      // Connections kept alive by clients would hold close() open: end them now that the work is done.
      server.closeAllConnections();
      await closed;
      await app.close();
      logger.info('server: stopped');
    })();
    return closing;
  };
  return { port, url, close };
}

/** What runs, and the loud warnings for settings that are for testing only. */
function announce(app: App): void {
  const { logger, env } = app;
  const slackMode = env.slack
    ? env.slack.appToken
      ? 'socket mode'
      : 'http /slack/events'
    : 'off (no SLACK_BOT_TOKEN)';
  const teamsAuth = env.teams.appId ? 'on' : 'OFF';
  logger.info('server: channels', {
    slack: slackMode,
    teams: `/api/messages, auth ${teamsAuth}`,
    admin: env.adminToken ? '/admin' : '/admin (closed: no ADMIN_TOKEN)',
    callOffs: app.callOffs.map((c) => c.id),
  });
  if (!env.teams.appId) {
    logger.warn(
      'VARNING: MICROSOFT_APP_ID saknas. Teams-autentiseringen är AVSTÄNGD och vem som helst kan posta till /api/messages. Endast för lokal test.',
    );
  }
  if (env.now) {
    logger.warn(`VARNING: AVROPSBOT_NOW är satt (${env.now}): klockan står still. Endast för demo och test.`);
  }
}

function listen(server: Server, port: number, host: string | undefined): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = () => {
      server.off('error', reject);
      resolve(server);
    };
    // No host: every interface, IPv6 and IPv4 where the system has both.
    if (host) server.listen(port, host, done);
    else server.listen(port, done);
  });
}

function urlHost(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** How long a caller should wait before retrying when the register's database is down. */
export const REGISTER_RETRY_AFTER_SECONDS = 30;

/**
 * Malformed JSON and oversized bodies are the caller's fault; a register that
 * cannot be reached is a 503 worth retrying; anything else is logged, never leaked.
 */
export function errorHandler(app: App): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err instanceof CodedError && err.code === 'register_unavailable') {
      app.logger.error('server: register unavailable', { error: err.message });
      if (res.headersSent) return;
      res.set('Retry-After', String(REGISTER_RETRY_AFTER_SECONDS)).status(503).json({
        error: 'register_unavailable',
        message: 'Frågeregistret är inte tillgängligt just nu. Försök igen om en stund.',
      });
      return;
    }
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) app.logger.error('server: request failed', { error: (err as Error)?.message });
    if (res.headersSent) return;
    res
      .status(status)
      .json(
        status === 500
          ? { error: 'internal', message: 'Ett internt fel inträffade.' }
          : { error: 'bad_request', message: 'Begäran kunde inte läsas.' },
      );
  };
}
