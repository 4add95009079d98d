// The buyer's workflow hands the chain head to every publication and FAQ export, and logs it at
// publication: on a real SQLite register, with an anonymiser that changes nothing (not under test).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBuyerWorkflow } from '../../src/core/buyer.js';
import type { QuestionRegister } from '../../src/core/ports.js';
import type { CallOff } from '../../src/core/types.js';
import { openRegister } from '../../src/register/index.js';
import { type CapturingLogger, capturingLogger, question } from '../register/harness.js';

const callOff = {
  id: 'avrop-a',
  reference: 'Ref-1',
  title: 'Avrop A',
  buyer: 'Myndigheten',
  timezone: 'Europe/Stockholm',
  publishedAt: '2026-01-22T16:29',
  questionDeadline: '2026-01-29',
  tenderDeadline: '2026-02-02T23:59',
} as unknown as CallOff;

let dir: string;
let register: QuestionRegister;
let logger: CapturingLogger;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-buyer-head-'));
  logger = capturingLogger();
  register = await openRegister({ dataDir: dir, logger });
});
afterEach(async () => {
  await register.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the chain head in the buyer workflow', () => {
  it('is returned and logged at publication, and carried by the FAQ export', async () => {
    const buyer = createBuyerWorkflow({
      callOffs: [callOff],
      register,
      anonymiser: { anonymise: (text) => ({ text, spans: [] }) },
      clock: { now: () => new Date('2026-01-26T09:00:00.000Z') },
      logger,
    });
    const { entry } = await register.receive(question());
    await buyer.answer('avrop-a', entry.id, { answer: 'Två.' }, 'buyer:cli');
    const result = await buyer.publish('avrop-a', [entry.id], 'buyer:cli');

    const head = await register.chainHead();
    expect(head.seq).toBe(3); // received, answered, published
    expect(result.head).toEqual(head);
    expect(logger.lines).toContain(`info register: chain head {"seq":3,"hash":"${head.hash}","reason":"publication"}`);
    expect((await buyer.faq('avrop-a')).registerHead).toEqual(head);
    expect((await buyer.verify({ expectHead: head })).expectedHead).toEqual({ ...head, held: true });
  });
});
