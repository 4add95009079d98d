/**
 * How long a client may take and how many may be connected at once. Node's
 * defaults let a client that sends its body a byte at a time hold a socket for
 * five minutes; a few hundred such clients would starve Slack and Teams, whose
 * deliveries must be answered within seconds.
 */
import http, { type RequestListener } from 'node:http';

export interface HttpLimits {
  /** The whole request, headers and body, must have arrived within this (answered 408 otherwise). */
  requestTimeoutMs: number;
  /** The request headers must have arrived within this (answered 408 otherwise). */
  headersTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are closed at once, before anything is read from them. */
  maxConnections: number;
  /** How often Node looks for requests over their time limit; the cut comes at most this late. */
  checkIntervalMs: number;
}

/**
 * Slack and Teams send a whole delivery (at most 1 MB for Teams, a few kB for
 * Slack) in well under a second, and Slack gives up after 3 s anyway; a
 * buyer's form post is small. 30 s leaves room for a slow mobile link.
 */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Headers come first and are small; Node requires this to be at most the request timeout. */
export const HEADERS_TIMEOUT_MS = 15_000;
/**
 * Longer than Node's 5 s so that a reverse proxy reusing an idle connection
 * rarely finds it closed under it (a 502 for the platform), short enough that
 * idle sockets do not pile up against the connection cap.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 10_000;
/**
 * Far above what Slack and Teams bursts and a few buyers need (one connection
 * per delivery in flight), far below the process's file descriptor limit, so a
 * flood of open sockets is refused instead of taking the process down.
 */
export const MAX_CONNECTIONS = 512;
/** Node's default is 30 s, which would let a slow client run 30 s past its limit. */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export const DEFAULT_HTTP_LIMITS: Readonly<HttpLimits> = {
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
  maxConnections: MAX_CONNECTIONS,
  checkIntervalMs: TIMEOUT_CHECK_INTERVAL_MS,
};

/** An http.Server for `handler` with the limits set before it accepts anything. */
export function createLimitedServer(handler: RequestListener, overrides: Partial<HttpLimits> = {}): http.Server {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...overrides };
  const server = http.createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      // Node refuses a headers timeout longer than the request timeout.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}
