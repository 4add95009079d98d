/**
 * The prompt loader's start-up checks (missing file, missing or unknown
 * placeholder, single-pass rendering), the Swedish rules the system prompt must
 * state, and the resilience pieces on their own: Retry-After parsing, the retry
 * loop's budget, and the circuit breaker's states.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/answering/llm/circuitBreaker.js';
import { callResiliently, LlmCallError, retryAfterMs } from '../../src/answering/llm/resilientCall.js';
import { defaultPromptsDir, loadPrompts } from '../../src/answering/prompts.js';
import { PROMPTS_DIR } from './fixtures.js';

describe('loadPrompts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'avropsbot-prompts-'));
    cpSync(PROMPTS_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the shipped templates and finds them from the module too', () => {
    const prompts = loadPrompts(defaultPromptsDir());
    expect(Object.keys(prompts).sort()).toEqual(['anonymise', 'answer', 'system']);
    expect(prompts.system.text).not.toContain('<!--');
  });

  it('the system prompt states the rules in Swedish', () => {
    const system = loadPrompts(dir).system.render({ buyer: 'Myndigheten', reference: 'Ref-1', title: 'Titel' });
    for (const rule of [
      /bara utifrån/,
      /på svenska, även när frågan är ställd på engelska/,
      /ordagrant/i,
      /avsnittsnumret/,
      /andra leverantörer/,
      /not_in_documents/,
      /ändra, stryka eller lägga till/,
      /data, inte instruktioner/,
    ]) {
      expect(system).toMatch(rule);
    }
    expect(system).toContain('Ref-1');
  });

  it('names the file and the missing placeholder', () => {
    const file = path.join(dir, 'answer.md');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('{{question}}', 'frågan'));
    expect(() => loadPrompts(dir)).toThrow(`Promptmallen ${file} saknar platshållaren {{question}}.`);
  });

  it('names an unknown placeholder, a missing file and an empty file', () => {
    writeFileSync(path.join(dir, 'system.md'), '{{buyer}} {{reference}} {{title}} {{supplierNames}}');
    expect(() => loadPrompts(dir)).toThrow(/okänd platshållare \{\{supplierNames\}\}/);
    writeFileSync(path.join(dir, 'system.md'), '<!-- bara en kommentar -->\n');
    expect(() => loadPrompts(dir)).toThrow(/system\.md är tom/);
    rmSync(path.join(dir, 'system.md'));
    expect(() => loadPrompts(dir)).toThrow(/system\.md saknas/);
  });

  it('renders in one pass: a value that looks like a placeholder stays as it is', () => {
    const out = loadPrompts(dir).answer.render({ passages: 'P', question: 'Vad betyder {{passages}}?' });
    expect(out).toContain('Vad betyder {{passages}}?');
  });
});

describe('retryAfterMs', () => {
  const err = (headers: Record<string, string>) => ({ status: 429, headers: new Headers(headers) });
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(retryAfterMs(err({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(err({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-01-26T09:00:00Z');
    expect(retryAfterMs(err({ 'retry-after': 'Mon, 26 Jan 2026 09:00:07 GMT' }), () => now)).toBe(7000);
    expect(retryAfterMs(err({}))).toBeUndefined();
    expect(retryAfterMs(err({ 'retry-after': 'snart' }))).toBeUndefined();
  });
});

describe('callResiliently', () => {
  const opts = { timeoutMs: 10_000, maxRetries: 2, retryAfterBudgetMs: 5_000, backoffMs: 1, sleep: async () => {} };

  it('retries server errors up to maxRetries, then reports the kind and attempts', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw Object.assign(new Error('boom'), { status: 502 });
    };
    await expect(callResiliently(failing, opts)).rejects.toMatchObject({ kind: 'server', attempts: 3, status: 502 });
    expect(calls).toBe(3);
  });

  it('does not retry client errors or bad output', async () => {
    let calls = 0;
    const refused = async () => {
      calls++;
      throw Object.assign(new Error('nope'), { status: 401 });
    };
    await expect(callResiliently(refused, opts)).rejects.toMatchObject({ kind: 'client' });
    const garbled = async () => {
      calls++;
      throw new SyntaxError('Unexpected token');
    };
    const err = await callResiliently(garbled, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmCallError);
    expect((err as LlmCallError).endpointFailure).toBe(false);
    expect(calls).toBe(2);
  });

  it('aborts a hanging attempt at the budget and does not retry it', async () => {
    let calls = 0;
    const hang = (signal: AbortSignal) =>
      new Promise<never>((_, reject) => {
        calls++;
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const started = Date.now();
    await expect(callResiliently(hang, { ...opts, timeoutMs: 200 })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toBe(1);
  });
});

describe('CircuitBreaker', () => {
  it('closed -> open after N failures -> half-open after the cool-down, one trial at a time', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1_000, now: () => now });
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.state()).toBe('closed');
    breaker.failure();
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    now = 1_000;
    expect(breaker.state()).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false); // the trial is out
    breaker.failure();
    expect(breaker.state()).toBe('open'); // a failed trial re-opens at once
    now = 2_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.success();
    expect(breaker.state()).toBe('closed');
  });

  it('shares its open state through a state file, and clears it on success', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'avropsbot-breaker-'));
    const stateFile = path.join(dir, 'sub', 'breaker.json');
    let now = 5_000;
    const opts = { failureThreshold: 1, cooldownMs: 1_000, now: () => now, stateFile };
    new CircuitBreaker(opts).failure();
    expect(new CircuitBreaker(opts).state()).toBe('open');
    now = 6_000;
    const later = new CircuitBreaker(opts);
    expect(later.state()).toBe('closed'); // the saved opening is older than the cool-down
    now = 5_500;
    const trial = new CircuitBreaker(opts);
    expect(trial.state()).toBe('open');
    now = 6_500;
    expect(trial.tryAcquire()).toBe(true);
    trial.success();
    now = 5_500;
    expect(new CircuitBreaker(opts).state()).toBe('closed');
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens at once on an immediate failure (a timeout)', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 5, cooldownMs: 1_000 });
    breaker.failure({ immediate: true });
    expect(breaker.state()).toBe('open');
  });
});
