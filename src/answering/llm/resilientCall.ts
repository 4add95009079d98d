/**
 * Calls the endpoint within one overall time budget: each attempt gets what is
 * left of it (so a hang costs at most the timeout, never timeout x attempts),
 * 5xx and refused connections are retried up to maxRetries, a 429 is retried
 * only when its Retry-After fits the budget. LangChain's own retries are off
 * (maxRetries 0): its default of 6 with backoff can hold a supplier for minutes.
 */

export type FailureKind = 'timeout' | 'rate_limited' | 'server' | 'connection' | 'client' | 'output';

export class LlmCallError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly attempts: number,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmCallError';
  }

  /** Failures that say the endpoint is unwell (they feed the circuit breaker). */
  get endpointFailure(): boolean {
    return this.kind !== 'output';
  }
}

export interface ResilienceOptions {
  timeoutMs: number;
  maxRetries: number;
  retryAfterBudgetMs: number;
  /** Wait before retrying a 5xx or refused connection. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export async function callResiliently<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  opts: ResilienceOptions,
): Promise<T> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const deadline = now() + opts.timeoutMs;
  for (let n = 1; ; n++) {
    const remaining = deadline - now();
    if (remaining <= 0) throw new LlmCallError('timeout', 'time budget spent before the attempt', n - 1);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), remaining);
    let failure: LlmCallError;
    try {
      return await attempt(controller.signal);
    } catch (err) {
      failure = classify(err, controller.signal.aborted, n);
    } finally {
      clearTimeout(timer);
    }
    if (n > opts.maxRetries || !['server', 'connection', 'rate_limited'].includes(failure.kind)) throw failure;
    let wait = opts.backoffMs ?? 200;
    if (failure.kind === 'rate_limited') {
      const retryAfter = retryAfterMs(failure.cause);
      wait = retryAfter ?? 1_000;
      if (wait > opts.retryAfterBudgetMs) throw failure;
    }
    // A retry that cannot finish inside the budget would only delay the fallback.
    if (now() + wait >= deadline) throw failure;
    await sleep(wait);
  }
}

function classify(err: unknown, aborted: boolean, attempts: number): LlmCallError {
  if (err instanceof LlmCallError) return err;
  const e = (err ?? {}) as { status?: unknown; name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const status = typeof e.status === 'number' ? e.status : undefined;
  const name = typeof e.name === 'string' ? e.name : '';
  if (aborted || name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    return new LlmCallError('timeout', 'the endpoint did not answer in time', attempts, status, { cause: err });
  }
  if (status === 429) return new LlmCallError('rate_limited', 'rate limited (429)', attempts, status, { cause: err });
  if (status !== undefined && status >= 500) {
    return new LlmCallError('server', `server error ${status}`, attempts, status, { cause: err });
  }
  if (status !== undefined && status >= 400) {
    return new LlmCallError('client', `request refused ${status}`, attempts, status, { cause: err });
  }
  if (name === 'APIConnectionError' || /connection|ECONNREFUSED|ECONNRESET|fetch failed|socket/i.test(message)) {
    return new LlmCallError('connection', 'could not connect to the endpoint', attempts, undefined, { cause: err });
  }
  return new LlmCallError('output', `unusable output: ${message.slice(0, 200)}`, attempts, status, { cause: err });
}

/** Retry-After from an OpenAI SDK error: retry-after-ms, or retry-after in seconds or as an HTTP date. */
export function retryAfterMs(err: unknown, now: () => number = Date.now): number | undefined {
  const headers = (err as { headers?: unknown } | undefined)?.headers;
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  const ms = Number(get('retry-after-ms'));
  if (get('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = get('retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
