/**
 * The one logger: JSON lines on stderr, with secrets redacted. Log receipt ids,
 * never question text or names (GDPR); the redaction is a second line of defence.
 */
import type { LogFields, Logger } from './core/ports.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
export type LogLevel = keyof typeof LEVELS;

const SECRET_KEY = /token|secret|password|authorization|api[-_]?key|cookie/i;
const SECRET_VALUE = /\b(xox[abpr]-[\w-]+|xapp-[\w-]+|sk-[\w-]{8,})/g;

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEY.test(k)) out[k] = '[redacted]';
    else if (typeof v === 'string') out[k] = v.replace(SECRET_VALUE, '[redacted]');
    else out[k] = v;
  }
  return out;
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const min = LEVELS[level];
  const log =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: LogFields = {}) => {
      if (LEVELS[lvl] < min) return;
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: msg.replace(SECRET_VALUE, '[redacted]'), ...redact(fields) })}\n`,
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = createLogger('silent');
