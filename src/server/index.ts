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
import { PublicationPoster } from '../channels/shared/publications.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from '../channels/shared/rateLimit.js';
import { OwedReplyRecovery } from '../channels/shared/recovery.js';
import type { SlackTarget } from '../channels/slack/slackChannel.js';
import { createTeamsChannel, type TeamsTarget } from '../channels/teams/teamsChannel.js';
import { CodedError } from '../core/errors.js';
import { createLimitedServer, type HttpLimits } from './httpLimits.js';
import { Readiness } from './readiness.js';
import { DEFAULT_SLACK_RETRY, SlackConnection, type SlackRetryOptions } from './slackConnection.js';

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
  /** Retry pauses while Slack cannot be reached at start-up (tests shorten them). */
  slackRetry?: SlackRetryOptions;
  /** How long a question waits for its call-off's index being built before it is asked to try again. */
  waitForIndexMs?: number;
  /** How often the publication outbox is looked at (default 5 s; tests shorten it). */
  publicationIntervalMs?: number;
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
  // Index builds are CPU work of seconds: in a child process, so acks and /healthz are not held up.
  const offThread = app.knowledge.buildOffThread(
    opts.waitForIndexMs === undefined ? {} : { waitForIndexMs: opts.waitForIndexMs },
  );
  logger.info('server: index builds', { where: offThread ? 'child process' : 'in process' });

  // Questions registered but never replied to (an instance died after the ack): answered where they were asked.
  const recovery = new OwedReplyRecovery(app, inFlight);
  // Publications (from the page, the CLI or another instance) posted to the listed channels and the askers.
  const publications = new PublicationPoster(app, inFlight, opts.publicationIntervalMs);
  const slack = new SlackConnection(
    app,
    {
      desk: new QuestionDesk<SlackTarget>(app, app.conversations, limiter, rate.perMinute, intake),
      inFlight,
      recovery,
      publications,
    },
    readiness,
    opts.slackRetry ?? DEFAULT_SLACK_RETRY,
  );
  await slack.start();
  const teams = createTeamsChannel(app, {
    desk: new QuestionDesk<TeamsTarget>(app, app.conversations, limiter, rate.perMinute, intake),
    inFlight,
    recovery,
    publications,
    ...(app.env.teams.serviceUrl ? { serviceUrl: app.env.teams.serviceUrl } : {}),
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
    res.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : 'not_ready',
      reasons: report.reasons,
      building: report.building,
      channels: report.channels,
    });
  });
  // The buyer typing the server's address lands on their page.
  web.get('/', (_req, res) => {
    res.redirect(302, '/admin');
  });

  // While draining, new chat deliveries are refused so the platform retries them (elsewhere or later).
  web.use(['/slack/events', '/api/messages'], (_req, res, next) => {
    if (!stopping) return next();
    res.set('Retry-After', '5').status(503).json({ error: 'shutting_down', message: 'Servern startas om.' });
  });

  // No body parser in front of Bolt: the signature is computed over the raw body.
  web.use(slack.handler());
  if (teams) web.post('/api/messages', express.json({ limit: '1mb' }), teams.handle);
  web.use('/admin', createAdminRouter(app));

  web.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'Sidan finns inte.' });
  });
  web.use(errorHandler(app));

  const wantedPort = opts.port ?? app.env.port;
  let server: Server;
  try {
    server = await listen(createLimitedServer(web, opts.httpLimits), wantedPort, opts.host);
  } catch (err) {
    await slack.stop();
    await app.knowledge.close();
    throw listenProblem(err as NodeJS.ErrnoException, wantedPort, opts.host);
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(opts.host)}:${port}`;
  readiness.setChannel('teams', teams ? 'up' : 'off');
  void readiness.start();
  recovery.start();
  publications.start();
  logger.info('server: listening', { url });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stopping = true;
      recovery.stop();
      publications.stop();
      readiness.markStopping();
      logger.info('server: shutting down', { inFlight: inFlight.size });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await slack.stop();
      const left = await inFlight.drain(opts.drainTimeoutMs ?? DEFAULT_DRAIN_MS);
      if (left > 0) logger.error('server: answers still running at shutdown were abandoned', { count: left });
      // After the drain: an answer in flight may be waiting for an index build.
      await app.knowledge.close();
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
  const teamsMode = env.teams.appId
    ? '/api/messages, auth on'
    : env.teams.allowUnauthenticated
      ? '/api/messages, auth OFF (loopback service URLs only)'
      : 'off (no MICROSOFT_APP_ID)';
  logger.info('server: channels', {
    slack: slackMode,
    teams: teamsMode,
    admin:
      env.adminToken || env.oidc
        ? `/admin (sign-in: ${[env.oidc ? 'OIDC' : '', env.adminToken ? 'ADMIN_TOKEN' : ''].filter(Boolean).join(' + ')})`
        : '/admin (closed: no ADMIN_TOKEN or OIDC)',
    callOffs: app.callOffs.map((c) => c.id),
  });
  if (!env.teams.appId && env.teams.allowUnauthenticated) {
    logger.warn(
      'VARNING: TEAMS_ALLOW_UNAUTHENTICATED=1 och MICROSOFT_APP_ID saknas. Teams-autentiseringen är AVSTÄNGD: frågor tas emot under vilket namn som helst, och svar skickas bara till serviceUrl på den här datorn. Endast för lokal test.',
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

/** A port in use or not allowed is the operator's to fix (exit 2), said in Swedish, naming the port. */
function listenProblem(err: NodeJS.ErrnoException, port: number, host: string | undefined): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new CodedError(
        'config_invalid',
        `Port ${port} används redan av ett annat program. Stoppa det eller välj en annan port med --port eller PORT.`,
        { cause: err },
      );
    case 'EACCES':
      return new CodedError(
        'config_invalid',
        `Port ${port} får inte användas av den här användaren (portar under 1024 kräver särskild behörighet). Välj en annan port med --port eller PORT.`,
        { cause: err },
      );
    case 'EADDRNOTAVAIL':
      return new CodedError('config_invalid', `Adressen ${host ?? ''} finns inte på den här datorn (port ${port}).`, {
        cause: err,
      });
    default:
      return err;
  }
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
