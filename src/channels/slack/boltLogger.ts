/**
 * Bolt and the Slack Web API log through their own Logger shape; this adapts
 * them to the app's one logger so every line is JSON with secrets redacted.
 * Only transport detail passes: payload-carrying debug lines are dropped.
 */
import { LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';

type SlackLogger = {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
};

function describe(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : safeJson(p)))
    .join(' ')
    .slice(0, 2000);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/**
 * The WebClient's and the Socket Mode client's debug lines carry request
 * bodies, API results and WebSocket frames: message text, answers, user names.
 * Those never reach the log (GDPR), at any level: known payload lines are
 * dropped, and anything from the first "{" on (a JSON payload) is cut.
 */
const PAYLOAD_LINE =
  /^http (request|response) (body|result|headers)|^ack\(\) (call begins|response sent) \(body|^Received a message on the WebSocket|^Unable to parse an incoming WebSocket message|^Sending a WebSocket message|^Calling ack\(\)/;

function scrub(line: string): string {
  const brace = line.indexOf('{');
  return brace >= 0 ? `${line.slice(0, brace)}[payload omitted]` : line;
}

export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  let name = 'slack';
  return {
    debug: (...m) => {
      const line = describe(m);
      if (!PAYLOAD_LINE.test(line)) logger.debug(`${name}: ${scrub(line)}`);
    },
    info: (...m) => logger.info(`${name}: ${scrub(describe(m))}`),
    warn: (...m) => logger.warn(`${name}: ${scrub(describe(m))}`),
    error: (...m) => logger.error(`${name}: ${scrub(describe(m))}`),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}
