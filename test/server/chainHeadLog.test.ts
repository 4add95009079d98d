/** The daily chain-head line while serve runs: fake timers, a register stand-in, the lines the operator gets. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChainHead } from '../../src/core/chainHead.js';
import { CHAIN_HEAD_LOG_INTERVAL_MS, startChainHeadLog } from '../../src/server/chainHeadLog.js';
import { capturingLogger } from '../register/harness.js';

const hashOf = (n: number) => n.toString(16).padStart(64, '0');

describe('chain head log', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs the head at start and then once a day, until stopped', async () => {
    let seq = 7;
    const register = { chainHead: async (): Promise<ChainHead> => ({ seq, hash: hashOf(seq) }) };
    const logger = capturingLogger();
    const log = startChainHeadLog(register, logger);
    await vi.advanceTimersByTimeAsync(0);
    seq = 9;
    await vi.advanceTimersByTimeAsync(CHAIN_HEAD_LOG_INTERVAL_MS);
    log.stop();
    seq = 11;
    await vi.advanceTimersByTimeAsync(3 * CHAIN_HEAD_LOG_INTERVAL_MS);

    expect(CHAIN_HEAD_LOG_INTERVAL_MS).toBe(86_400_000);
    expect(logger.lines).toEqual([
      `info register: chain head {"seq":7,"hash":"${hashOf(7)}","reason":"daily"}`,
      `info register: chain head {"seq":9,"hash":"${hashOf(9)}","reason":"daily"}`,
    ]);
  });

  it('warns and tries again the next day when the register cannot be read', async () => {
    let down = true;
    const register = {
      chainHead: async (): Promise<ChainHead> => {
        if (down) throw new Error('connection terminated');
        return { seq: 3, hash: hashOf(3) };
      },
    };
    const logger = capturingLogger();
    const log = startChainHeadLog(register, logger, 1_000);
    await vi.advanceTimersByTimeAsync(0);
    down = false;
    await vi.advanceTimersByTimeAsync(1_000);
    log.stop();
    expect(logger.lines).toEqual([
      'warn register: chain head not logged {"error":"connection terminated"}',
      `info register: chain head {"seq":3,"hash":"${hashOf(3)}","reason":"daily"}`,
    ]);
  });
});
