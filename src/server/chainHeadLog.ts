/**
 * Logs the register's chain head to the operator once a day while `serve`
 * runs (and once at start-up). The log lives outside the database, often in a
 * separate system, so each line is a dated copy of what the register held:
 * with `verify --expect-head` it shows that no later change cut the tail.
 */
import type { Logger, QuestionRegister } from '../core/ports.js';

/** Once a day: the granularity at which a buyer would ever need to date the register's content. */
export const CHAIN_HEAD_LOG_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface ChainHeadLog {
  stop(): void;
}

export function startChainHeadLog(
  register: Pick<QuestionRegister, 'chainHead'>,
  logger: Logger,
  intervalMs: number = CHAIN_HEAD_LOG_INTERVAL_MS,
): ChainHeadLog {
  const logHead = async () => {
    try {
      const head = await register.chainHead();
      logger.info('register: chain head', { seq: head.seq, hash: head.hash, reason: 'daily' });
    } catch (err) {
      // A database that is down now is reported elsewhere (readiness); the next day tries again.
      logger.warn('register: chain head not logged', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  void logHead();
  const timer = setInterval(() => void logHead(), intervalMs);
  // The daily line must never keep a stopping process alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
