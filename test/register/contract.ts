/**
 * The register contract ("standard tests"): one suite that every
 * QuestionRegister backend must pass. sqlite.test.ts and postgres.test.ts call
 * `registerContract` with a factory for fresh, isolated storage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodedError } from '../../src/core/errors.js';
import type { QuestionRegister } from '../../src/core/ports.js';
import { PURGED_TEXT } from '../../src/core/registerRules.js';
import type { BotAnswer } from '../../src/core/types.js';
import { openRegister } from '../../src/register/index.js';
import { type CapturingLogger, capturingLogger, question, startWriter } from './harness.js';

/** Fresh storage for one test. */
export interface RegisterHarness {
  /** What openRegister needs to reach this storage (also handed to writer processes). */
  target: { dataDir: string; databaseUrl?: string };
  /**
   * Runs raw SQL on the storage, behind the register's back. Literals only, so
   * the same statement works on both backends.
   */
  exec(sql: string): Promise<void>;
  /** Like exec, but with the append-only guards switched off: what a determined administrator could do. */
  tamper(sql: string): Promise<void>;
  dispose(): Promise<void>;
}

const AT = '2026-01-26T10:00:00.000Z';
/** Tests that spawn processes: generous, because the whole suite shares two cores. */
const PROCESS_TEST_TIMEOUT = 120_000;
const BOT: BotAnswer = {
  status: 'answered',
  answer: 'Högst två CV per roll (avsnitt 2.3).',
  citations: [{ document: 'avrop.txt', section: '2.3', heading: 'CV', quote: 'högst två CV' }],
};

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CodedError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected the call to fail');
}

export function registerContract(name: string, makeHarness: () => Promise<RegisterHarness>): void {
  describe(`QuestionRegister contract: ${name}`, () => {
    let h: RegisterHarness;
    let logger: CapturingLogger;
    let reg: QuestionRegister;
    const open = () => openRegister({ ...h.target, logger });

    beforeEach(async () => {
      h = await makeHarness();
      logger = capturingLogger();
      reg = await open();
    });
    afterEach(async () => {
      await reg.close();
      await h.dispose();
    });

    /** Receives a question and takes it to "answered". */
    async function answered(callOff: string, n: number) {
      const { entry } = await reg.receive(question({ callOff, publicQuestion: `Publik fråga ${n}?` }));
      await reg.update(callOff, entry.id, { type: 'answer', answer: `Officiellt svar ${n}.` }, 'buyer:cli', AT);
      return entry.id;
    }

    it('stores a question write-ahead and numbers receipts per call-off without gaps', async () => {
      const a1 = await reg.receive(question());
      const a2 = await reg.receive(question({ question: 'Andra frågan?' }));
      const b1 = await reg.receive(question({ callOff: 'avrop-b' }));
      const a3 = await reg.receive(question({ question: 'Tredje frågan?' }));
      expect([a1, a2, a3].map((r) => r.entry.id)).toEqual(['F-0001', 'F-0002', 'F-0003']);
      expect(b1.entry.id).toBe('F-0001');
      expect(a1.created && b1.created).toBe(true);

      const stored = await reg.get('avrop-a', 'F-0001');
      expect(stored).toEqual(a1.entry);
      expect(stored).toMatchObject({
        status: 'received',
        receivedAt: '2026-01-26T09:00:00.000Z',
        asker: { channel: 'slack', userId: 'U123', name: 'Åsa Öberg', org: 'Konsultbolaget Nord AB' },
        question: question().question,
        publicQuestion: 'Hur många CV får en leverantör lämna?',
        botAnswer: null,
        answer: null,
        publishedAt: null,
        faqNumber: null,
      });
      // A buyer may type the id loosely.
      expect((await reg.get('avrop-a', 'f-2'))?.id).toBe('F-0002');
      expect(await reg.get('avrop-a', 'F-0099')).toBeNull();
      expect(await reg.get('avrop-c', 'F-0001')).toBeNull();
    });

    it('allocates distinct, gap-free receipts for concurrent receives in one process', async () => {
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) => reg.receive(question({ deliveryId: `par-${i}` }))),
      );
      const ids = results.map((r) => r.entry.id).sort();
      expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `F-${String(i + 1).padStart(4, '0')}`));
      expect((await reg.verify()).ok).toBe(true);
    });

    it('is idempotent on deliveryId across call-offs; a null deliveryId is never deduplicated', async () => {
      const first = await reg.receive(question({ deliveryId: 'Ev-1' }));
      const again = await reg.receive(question({ deliveryId: 'Ev-1', question: 'annan text' }));
      const otherCallOff = await reg.receive(question({ deliveryId: 'Ev-1', callOff: 'avrop-b' }));
      expect(first.created).toBe(true);
      expect(again).toEqual({ entry: first.entry, created: false });
      expect(otherCallOff).toEqual({ entry: first.entry, created: false });
      expect(await reg.events('avrop-a', first.entry.id)).toHaveLength(1);
      expect(await reg.list({ callOff: 'avrop-b' })).toEqual([]);

      const n1 = await reg.receive(question({ deliveryId: null }));
      const n2 = await reg.receive(question({ deliveryId: null }));
      expect([n1.created, n2.created]).toEqual([true, true]);
      expect(n2.entry.id).toBe('F-0003');
      expect((await reg.verify()).ok).toBe(true);
    });

    it('records a late question as an audit event only, idempotent on deliveryId', async () => {
      const refusal = {
        callOff: 'avrop-a',
        asker: { channel: 'cli' as const, name: 'Sen Svensson', org: null },
        question: 'Får vi lämna anbud på papper?',
        receivedAt: '2026-01-30T08:00:00.000Z',
        deliveryId: 'late-1',
        reason: 'deadline_passed' as const,
      };
      expect(await reg.recordRefusal(refusal)).toEqual({ created: true });
      expect(await reg.recordRefusal(refusal)).toEqual({ created: false });
      expect(await reg.recordRefusal({ ...refusal, deliveryId: null })).toEqual({ created: true });
      expect(await reg.recordRefusal({ ...refusal, deliveryId: null })).toEqual({ created: true });
      expect(await reg.list()).toEqual([]);
      const report = await reg.verify();
      expect(report).toMatchObject({ ok: true, events: 3, entries: 0 });

      // A delivery already registered as a question is a duplicate when it comes back late.
      const { entry } = await reg.receive(question({ deliveryId: 'early-1' }));
      expect(await reg.recordRefusal({ ...refusal, deliveryId: 'early-1' })).toEqual({ created: false });
      expect(entry.id).toBe('F-0001');
      // A refused delivery cannot later become a question.
      const err = await codeOf(reg.receive(question({ deliveryId: 'late-1' })));
      expect(err.code).toBe('invalid_transition');
      expect(err.message).toMatch(/avvisats/);
      expect((await reg.verify()).events).toBe(4);
    });

    it('applies buyer actions and refuses invalid transitions in Swedish', async () => {
      const { entry } = await reg.receive(question());
      await reg.recordBotAnswer('avrop-a', entry.id, BOT, '2026-01-26T09:00:01.000Z');
      expect((await reg.get('avrop-a', entry.id))?.botAnswer).toEqual(BOT);

      const early = await codeOf(reg.update('avrop-a', entry.id, { type: 'publish' }, 'buyer:cli', AT));
      expect(early.code).toBe('invalid_transition');
      expect(early.message).toContain('F-0001 har inget officiellt svar');

      const empty = await codeOf(reg.update('avrop-a', entry.id, { type: 'answer', answer: '  ' }, 'buyer:cli', AT));
      expect(empty.code).toBe('usage');

      const edited = await reg.update(
        'avrop-a',
        entry.id,
        { type: 'edit_public_question', publicQuestion: ' Hur många CV? ' },
        'buyer:web',
        AT,
      );
      expect(edited.publicQuestion).toBe('Hur många CV?');
      expect(edited.status).toBe('received');

      const ans = await reg.update('avrop-a', entry.id, { type: 'answer', answer: 'Två CV.' }, 'buyer:cli', AT);
      expect(ans).toMatchObject({ status: 'answered', answer: 'Två CV.' });
      const pub = await reg.update('avrop-a', entry.id, { type: 'publish' }, 'buyer:cli', AT);
      expect(pub).toMatchObject({ status: 'published', faqNumber: 1, publishedAt: AT });

      const again = await codeOf(reg.update('avrop-a', entry.id, { type: 'publish' }, 'buyer:cli', AT));
      expect(again.code).toBe('invalid_transition');
      expect(again.message).toMatch(/redan publicerad/);
      // Correcting a published item with the text it already has changes nothing and records nothing.
      const same = await codeOf(
        reg.update('avrop-a', entry.id, { type: 'answer', answer: 'Två CV.' }, 'buyer:cli', AT),
      );
      expect(same.code).toBe('usage');
      expect(same.message).toMatch(/oförändrad/);
      const unpub = await reg.update('avrop-a', entry.id, { type: 'unpublish' }, 'buyer:cli', AT);
      expect(unpub).toMatchObject({ status: 'answered', publishedAt: null, faqNumber: 1 });
      const twice = await codeOf(reg.update('avrop-a', entry.id, { type: 'unpublish' }, 'buyer:cli', AT));
      expect(twice).toMatchObject({ code: 'invalid_transition', message: 'F-0001 är inte publicerad.' });

      const missing = await codeOf(reg.update('avrop-a', 'F-0042', { type: 'publish' }, 'buyer:cli', AT));
      expect(missing.code).toBe('entry_not_found');
      expect(missing.message).toContain('F-0042 finns inte');
      const missingBot = await codeOf(reg.recordBotAnswer('avrop-b', entry.id, BOT, AT));
      expect(missingBot.code).toBe('entry_not_found');
      const badTime = await codeOf(reg.update('avrop-a', entry.id, { type: 'unpublish' }, 'buyer:cli', 'igår'));
      expect(badTime.code).toBe('usage');

      // Failed actions leave no trace in the chain.
      expect((await reg.events('avrop-a', entry.id)).map((e) => e.type)).toEqual([
        'received',
        'bot_answered',
        'public_question_edited',
        'answered',
        'published',
        'unpublished',
      ]);
      expect((await reg.verify()).ok).toBe(true);
    });

    it('gives FAQ numbers on first publication, keeps them, never reuses them', async () => {
      const a = await answered('avrop-a', 1);
      const b = await answered('avrop-a', 2);
      const c = await answered('avrop-a', 3);
      const publish = (id: string) => reg.update('avrop-a', id, { type: 'publish' }, 'buyer:cli', AT);
      expect((await publish(b)).faqNumber).toBe(1);
      expect((await publish(a)).faqNumber).toBe(2);
      await reg.update('avrop-a', b, { type: 'unpublish' }, 'buyer:cli', AT);
      expect((await reg.published('avrop-a')).map((p) => p.faqNumber)).toEqual([2]);
      // The withdrawn answer can be corrected and comes back under its old number.
      await reg.update('avrop-a', b, { type: 'answer', answer: 'Rättat svar 2.' }, 'buyer:cli', AT);
      expect((await publish(b)).faqNumber).toBe(1);
      expect((await publish(c)).faqNumber).toBe(3);

      const published = await reg.published('avrop-a');
      expect(published).toEqual([
        { callOff: 'avrop-a', faqNumber: 1, question: 'Publik fråga 2?', answer: 'Rättat svar 2.', publishedAt: AT },
        {
          callOff: 'avrop-a',
          faqNumber: 2,
          question: 'Publik fråga 1?',
          answer: 'Officiellt svar 1.',
          publishedAt: AT,
        },
        {
          callOff: 'avrop-a',
          faqNumber: 3,
          question: 'Publik fråga 3?',
          answer: 'Officiellt svar 3.',
          publishedAt: AT,
        },
      ]);
      // The supplier's own words never reach the published list.
      expect(JSON.stringify(published)).not.toContain('Åsa');
    });

    it('corrects a published item in place: same FAQ number, old and new text in the history', async () => {
      const id = await answered('avrop-a', 1);
      const other = await answered('avrop-a', 2);
      await reg.update('avrop-a', other, { type: 'publish' }, 'buyer:cli', AT);
      const pub = await reg.update('avrop-a', id, { type: 'publish' }, 'buyer:cli', AT);
      expect(pub.faqNumber).toBe(2);

      const later = '2026-01-27T08:30:00.000Z';
      const fixed = await reg.update(
        'avrop-a',
        id,
        { type: 'answer', answer: 'Rättat svar 1.', publicQuestion: 'Rättad publik fråga 1?' },
        'buyer:web',
        later,
      );
      expect(fixed).toMatchObject({
        status: 'published',
        faqNumber: 2,
        publishedAt: AT,
        answer: 'Rättat svar 1.',
        publicQuestion: 'Rättad publik fråga 1?',
      });
      // Only the wording this time: the event carries what changed, nothing else.
      await reg.update(
        'avrop-a',
        id,
        { type: 'edit_public_question', publicQuestion: 'Publik fråga 1, igen?' },
        'buyer:cli',
        later,
      );

      const events = await reg.events('avrop-a', id);
      const edits = events.filter((e) => e.type === 'published_edited');
      expect(edits.map((e) => [e.actor, e.at, e.data])).toEqual([
        [
          'buyer:web',
          later,
          {
            answer: 'Rättat svar 1.',
            previousAnswer: 'Officiellt svar 1.',
            publicQuestion: 'Rättad publik fråga 1?',
            previousPublicQuestion: 'Publik fråga 1?',
          },
        ],
        [
          'buyer:cli',
          later,
          { publicQuestion: 'Publik fråga 1, igen?', previousPublicQuestion: 'Rättad publik fråga 1?' },
        ],
      ]);
      expect((await reg.published('avrop-a')).find((p) => p.faqNumber === 2)).toEqual({
        callOff: 'avrop-a',
        faqNumber: 2,
        question: 'Publik fråga 1, igen?',
        answer: 'Rättat svar 1.',
        publishedAt: AT,
      });
      // The replay of the history gives the corrected entry: the chain still verifies.
      expect((await reg.verify()).ok).toBe(true);
      await reg.close();
      reg = await open();
      expect(await reg.get('avrop-a', id)).toMatchObject({ status: 'published', answer: 'Rättat svar 1.' });
      expect((await reg.verify()).ok).toBe(true);
    });

    it('keeps published answers and FAQ numbers apart per call-off', async () => {
      const a = await answered('avrop-a', 1);
      const b = await answered('avrop-b', 1);
      const b2 = await answered('avrop-b', 2);
      await reg.update('avrop-b', b, { type: 'publish' }, 'buyer:cli', AT);
      await reg.update('avrop-b', b2, { type: 'publish' }, 'buyer:cli', AT);
      const pa = await reg.update('avrop-a', a, { type: 'publish' }, 'buyer:cli', AT);
      expect(pa.faqNumber).toBe(1);
      expect((await reg.published('avrop-a')).map((p) => [p.callOff, p.faqNumber])).toEqual([['avrop-a', 1]]);
      expect((await reg.published('avrop-b')).map((p) => p.faqNumber)).toEqual([1, 2]);
      expect(await reg.published('avrop-c')).toEqual([]);
    });

    it('lists entries by receipt number, filtered by call-off and status', async () => {
      for (let i = 0; i < 11; i++) await reg.receive(question());
      await reg.receive(question({ callOff: 'avrop-b' }));
      await reg.update('avrop-a', 'F-0010', { type: 'answer', answer: 'Svar.' }, 'buyer:cli', AT);
      await reg.update('avrop-a', 'F-0002', { type: 'answer', answer: 'Svar.' }, 'buyer:cli', AT);
      const listA = await reg.list({ callOff: 'avrop-a' });
      expect(listA.map((e) => e.id)).toEqual(
        Array.from({ length: 11 }, (_, i) => `F-${String(i + 1).padStart(4, '0')}`),
      );
      expect((await reg.list({ callOff: 'avrop-a', status: 'answered' })).map((e) => e.id)).toEqual([
        'F-0002',
        'F-0010',
      ]);
      expect((await reg.list({ status: 'received' })).length).toBe(10);
      expect((await reg.list()).length).toBe(12);
    });

    it('keeps a history with actors, chained by hashes, without personal data', async () => {
      const { entry } = await reg.receive(question({ deliveryId: 'd-1' }));
      await reg.recordBotAnswer('avrop-a', entry.id, BOT, '2026-01-26T09:00:02.000Z');
      await reg.update('avrop-a', entry.id, { type: 'answer', answer: 'Två.' }, 'buyer:web', AT);
      await reg.update('avrop-a', entry.id, { type: 'publish' }, 'buyer:cli', AT);
      const events = await reg.events('avrop-a', entry.id);
      expect(events.map((e) => [e.seq, e.type, e.actor])).toEqual([
        [1, 'received', 'supplier:slack'],
        [2, 'bot_answered', 'system'],
        [3, 'answered', 'buyer:web'],
        [4, 'published', 'buyer:cli'],
      ]);
      expect(events[0]?.prevHash).toBe('0'.repeat(64));
      for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
      expect(events[3]?.data).toEqual({ faqNumber: 1, publishedAt: AT });
      const text = JSON.stringify(events);
      expect(text).not.toContain('Åsa');
      expect(text).not.toContain('Konsultbolaget');
      expect(text).not.toContain('U123');
    });

    it('notices a delivery id dropped from the index (a retry would become a second question)', async () => {
      await reg.receive(question({ deliveryId: 'idx-1' }));
      await h.tamper(`DELETE FROM deliveries WHERE delivery_id = 'idx-1'`);
      expect((await reg.verify()).problems).toEqual(['Händelse 1: leverans-id:t saknas i leveransregistret.']);
    });

    it('verifies an intact register', async () => {
      const a = await answered('avrop-a', 1);
      await reg.update('avrop-a', a, { type: 'publish' }, 'buyer:cli', AT);
      await reg.receive(question({ callOff: 'avrop-b', deliveryId: 'x' }));
      await reg.recordRefusal({ ...question(), reason: 'deadline_passed', deliveryId: 'late' });
      const head = await reg.chainHead();
      expect(head.seq).toBe(5);
      expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await reg.verify()).toEqual({ ok: true, events: 5, entries: 2, problems: [], head });
    });

    describe('against a head kept outside the database', () => {
      /** The tail an administrator could cut: one more question, whose rows are removed with its event. */
      async function cutTail() {
        await h.tamper(`DELETE FROM deliveries WHERE delivery_id = 'tail-1'`);
        await h.tamper(`DELETE FROM entries WHERE call_off = 'avrop-a' AND id = 'F-0002'`);
        await h.tamper('DELETE FROM events WHERE seq = 4');
        await h.tamper('UPDATE chain_head SET seq = 3, hash = (SELECT hash FROM events WHERE seq = 3)');
      }

      it('gives the head it reached and holds a kept head it still contains', async () => {
        expect(await reg.chainHead()).toEqual({ seq: 0, hash: '0'.repeat(64) });
        expect((await reg.verify({ expectHead: { seq: 0, hash: '0'.repeat(64) } })).ok).toBe(true);
        await answered('avrop-a', 1);
        const kept = await reg.chainHead();
        await reg.update('avrop-a', 'F-0001', { type: 'publish' }, 'buyer:cli', AT);
        const report = await reg.verify({ expectHead: kept });
        expect(report).toMatchObject({ ok: true, head: { seq: 3 }, expectedHead: { ...kept, held: true } });
        expect(report.head).toEqual(await reg.chainHead());
      });

      it('detects a truncated tail that verify alone cannot see', async () => {
        await answered('avrop-a', 1); // events 1-2
        await reg.update('avrop-a', 'F-0001', { type: 'publish' }, 'buyer:cli', AT); // event 3
        await reg.receive(question({ deliveryId: 'tail-1' })); // event 4: F-0002
        const kept = await reg.chainHead();
        expect(kept.seq).toBe(4);

        await cutTail();
        // The shorter chain is consistent in itself: without the kept head nothing shows.
        expect(await reg.verify()).toMatchObject({ ok: true, head: { seq: 3 } });

        const report = await reg.verify({ expectHead: kept });
        expect(report.ok).toBe(false);
        expect(report.expectedHead).toEqual({ ...kept, held: false });
        expect(report.problems).toEqual([
          `Den sparade kontrollsumman 4:${kept.hash} pekar på händelse 4, men kedjan slutar vid händelse 3: händelser i slutet har raderats.`,
        ]);
        expect(
          logger.lines.some((l) => l.startsWith('error register: verified') && l.includes('"expectedHeadHeld":false')),
        ).toBe(true);
      });

      it('detects a history rewritten up to the kept head', async () => {
        await answered('avrop-a', 1);
        const kept = await reg.chainHead();
        const forged = { seq: kept.seq, hash: kept.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
        const report = await reg.verify({ expectHead: forged });
        expect(report.ok).toBe(false);
        expect(report.problems.join('\n')).toMatch(/Händelse 2 har hashen .* historiken har skrivits om/);
      });

      it('detects a kept head whose event was deleted from the middle', async () => {
        for (let n = 1; n <= 2; n++) await answered('avrop-a', n); // events 1-4
        const kept = { seq: 2, hash: (await reg.events('avrop-a', 'F-0001'))[1]!.hash };
        await h.tamper('DELETE FROM events WHERE seq = 2');
        const problems = (await reg.verify({ expectHead: kept })).problems;
        expect(problems[0]).toMatch(/pekar på händelse 2, som saknas i kedjan/);
      });
    });

    it('refuses to edit or delete events, except erasing personal data', async () => {
      await answered('avrop-a', 1);
      await expect(h.exec(`UPDATE events SET data = '{}' WHERE seq = 2`)).rejects.toThrow(/append-only/);
      await expect(h.exec(`UPDATE events SET personal = '{}' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(h.exec('DELETE FROM events WHERE seq = 2')).rejects.toThrow(/append-only/);
      expect((await reg.verify()).ok).toBe(true);
      await h.exec('UPDATE events SET personal = NULL WHERE seq = 1');
      // Allowed by the guard, but not by verify: no purge was recorded.
      expect((await reg.verify()).ok).toBe(false);
    });

    describe('detects tampering', () => {
      beforeEach(async () => {
        for (let n = 1; n <= 3; n++) await answered('avrop-a', n); // events 1..6
        await reg.update('avrop-a', 'F-0002', { type: 'publish' }, 'buyer:cli', AT); // event 7
        expect((await reg.verify()).ok).toBe(true);
      });

      it('an edited entry row', async () => {
        await h.tamper(`UPDATE entries SET answer = 'Ett annat svar' WHERE call_off = 'avrop-a' AND id = 'F-0002'`);
        const report = await reg.verify();
        expect(report.ok).toBe(false);
        expect(report.problems.join('\n')).toMatch(/F-0002.*officiellt svar/);
      });

      it('a FAQ number moved behind the register’s back', async () => {
        await h.tamper(`UPDATE entries SET faq_number = 9 WHERE id = 'F-0002'`);
        expect((await reg.verify()).problems.join('\n')).toMatch(/F-0002.*nummer i frågor och svar/);
      });

      it("an edited event's data", async () => {
        await h.tamper(`UPDATE events SET data = '{"answer":"Förfalskat"}' WHERE seq = 2`);
        const report = await reg.verify();
        expect(report.ok).toBe(false);
        expect(report.problems.join('\n')).toMatch(/Händelse 2\b.*hashen stämmer inte/);
      });

      it("an edited event's personal part", async () => {
        await h.tamper(
          `UPDATE events SET personal = '{"name":"Någon annan","org":null,"question":"x","userId":null}' WHERE seq = 1`,
        );
        expect((await reg.verify()).problems.join('\n')).toMatch(/Händelse 1\b.*kontrollsumma/);
      });

      it('a deleted event in the middle', async () => {
        await h.tamper('DELETE FROM events WHERE seq = 3');
        const report = await reg.verify();
        expect(report.ok).toBe(false);
        expect(report.problems.join('\n')).toMatch(/Händelse 3 saknas/);
      });

      it('a deleted last event', async () => {
        await h.tamper('DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)');
        const report = await reg.verify();
        expect(report.ok).toBe(false);
        expect(report.problems.join('\n')).toMatch(/nr 7.*nr 6/);
      });

      it('personal data erased without a purge', async () => {
        await h.tamper(`UPDATE events SET personal = NULL WHERE seq = 1`);
        await h.tamper(
          `UPDATE entries SET question = '${PURGED_TEXT}', user_id = NULL, name = NULL, org = NULL WHERE id = 'F-0001'`,
        );
        expect((await reg.verify()).problems.join('\n')).toMatch(/Händelse 1\b.*utan att någon gallring/);
      });

      it('a delivery index or chain head edited behind the register’s back', async () => {
        await h.tamper(`UPDATE chain_head SET hash = '${'f'.repeat(64)}'`);
        expect((await reg.verify()).problems.join('\n')).toMatch(/Händelse 7: hashen stämmer inte med kedjans huvud/);
      });

      it('an entry without events, and an entry deleted from the table', async () => {
        await h.tamper(`DELETE FROM entries WHERE id = 'F-0003'`);
        await h.tamper(
          `INSERT INTO entries (call_off, id, receipt_no, status, received_at, channel, question, public_question) VALUES ('avrop-a', 'F-0009', 9, 'received', '${AT}', 'cli', 'q', 'q')`,
        );
        const problems = (await reg.verify()).problems.join('\n');
        expect(problems).toMatch(/F-0009.*saknar händelser/);
        expect(problems).toMatch(/F-0003.*saknas i registret/);
      });
    });

    it('purges personal data of one call-off and still verifies', async () => {
      const a = await reg.receive(question({ deliveryId: 'p-1' }));
      await reg.update('avrop-a', a.entry.id, { type: 'answer', answer: 'Svar.' }, 'buyer:cli', AT);
      await reg.update('avrop-a', a.entry.id, { type: 'publish' }, 'buyer:cli', AT);
      await reg.recordRefusal({ ...question(), reason: 'deadline_passed', deliveryId: 'p-late' });
      const b = await reg.receive(question({ callOff: 'avrop-b' }));

      expect(await reg.purge('avrop-a', 'buyer:cli', '2026-06-01T00:00:00.000Z')).toBe(2);
      const purged = await reg.get('avrop-a', a.entry.id);
      expect(purged).toMatchObject({
        question: PURGED_TEXT,
        asker: { channel: 'slack', userId: null, name: null, org: null },
        publicQuestion: 'Hur många CV får en leverantör lämna?',
        answer: 'Svar.',
        status: 'published',
        faqNumber: 1,
      });
      expect(await reg.get('avrop-b', b.entry.id)).toEqual(b.entry);
      expect((await reg.published('avrop-a')).length).toBe(1);
      const report = await reg.verify();
      expect(report).toMatchObject({ ok: true, problems: [] });
      // Still idempotent after the purge: a retried delivery is not a new question.
      expect((await reg.receive(question({ deliveryId: 'p-1' }))).created).toBe(false);
      // A second purge erases nothing more; the chain records both.
      expect(await reg.purge('avrop-a', 'buyer:cli', '2026-06-02T00:00:00.000Z')).toBe(0);
      expect((await reg.verify()).ok).toBe(true);
      // A re-published purged entry keeps working.
      await reg.update('avrop-a', a.entry.id, { type: 'unpublish' }, 'buyer:cli', AT);
      expect((await reg.update('avrop-a', a.entry.id, { type: 'publish' }, 'buyer:cli', AT)).faqNumber).toBe(1);
      expect((await reg.verify()).ok).toBe(true);
    });

    it('persists across reopen', async () => {
      const { entry } = await reg.receive(question({ deliveryId: 'keep-1' }));
      await reg.update('avrop-a', entry.id, { type: 'answer', answer: 'Beständigt.' }, 'buyer:cli', AT);
      await reg.close();
      reg = await open();
      expect(await reg.get('avrop-a', entry.id)).toMatchObject({ status: 'answered', answer: 'Beständigt.' });
      expect((await reg.receive(question({ deliveryId: 'keep-1' }))).created).toBe(false);
      expect((await reg.receive(question())).entry.id).toBe('F-0002');
      expect((await reg.verify()).ok).toBe(true);
    });

    it('round-trips Swedish letters and emoji exactly, and refuses text it cannot store', async () => {
      const text = 'Gäller kravet på ÅÄÖ-kompetens även för “Konsult 2”? 🤖🇸🇪 e\u0301 — tack!';
      const { entry } = await reg.receive(
        question({
          question: text,
          publicQuestion: text,
          asker: { channel: 'web', name: 'Ängla Ödmjuk 😀', org: 'Åre Data AB' },
        }),
      );
      await reg.update('avrop-a', entry.id, { type: 'answer', answer: `Svar: ${text}` }, 'buyer:web', AT);
      const back = await reg.get('avrop-a', entry.id);
      expect(back?.question).toBe(text);
      expect(back?.asker.name).toBe('Ängla Ödmjuk 😀');
      expect(back?.answer).toBe(`Svar: ${text}`);

      const nul = await codeOf(reg.receive(question({ question: 'a\u0000b' })));
      expect(nul.code).toBe('usage');
      const lone = await reg.receive(question({ question: 'trasig \uD83D tecken' }));
      expect(lone.entry.question).toBe('trasig \uFFFD tecken');
      expect((await reg.get('avrop-a', lone.entry.id))?.question).toBe('trasig \uFFFD tecken');
      expect((await reg.verify()).ok).toBe(true);
      expect((await reg.list()).length).toBe(2);
    });

    it('stores times as UTC with milliseconds and refuses a time without a zone', async () => {
      const { entry } = await reg.receive(question({ receivedAt: '2026-01-26T10:00:00+01:00' }));
      expect(entry.receivedAt).toBe('2026-01-26T09:00:00.000Z');
      expect((await reg.get('avrop-a', entry.id))?.receivedAt).toBe('2026-01-26T09:00:00.000Z');
      const local = await codeOf(reg.receive(question({ receivedAt: '2026-01-26T10:00' })));
      expect(local).toMatchObject({ code: 'usage', message: expect.stringContaining('med tidszon') });
      expect(await reg.list()).toHaveLength(1);
    });

    it('stores a bot answer exactly as it will read back, so the chain still verifies', async () => {
      const { entry } = await reg.receive(question());
      const odd = {
        ...BOT,
        citations: [{ ...BOT.citations[0], page: undefined }],
        generatedAt: new Date('2026-01-26T09:00:03.000Z'),
      } as unknown as BotAnswer;
      await reg.recordBotAnswer('avrop-a', entry.id, odd, AT);
      const back = await reg.get('avrop-a', entry.id);
      expect(back?.botAnswer).toEqual({ ...BOT, generatedAt: '2026-01-26T09:00:03.000Z' });
      expect((await reg.verify()).ok).toBe(true);
    });

    it('logs receipt ids, never question text or names', async () => {
      const { entry } = await reg.receive(question({ deliveryId: 'log-1' }));
      await reg.update('avrop-a', entry.id, { type: 'answer', answer: 'Svar.' }, 'buyer:cli', AT);
      await reg.recordRefusal({ ...question(), reason: 'deadline_passed', deliveryId: null });
      const logged = logger.lines.join('\n');
      expect(logged).toContain('F-0001');
      expect(logged).not.toMatch(/Åsa|Öberg|Konsultbolaget|Hur många CV/);
    });

    it(
      'two processes writing at once: no duplicate or missing receipts or FAQ numbers, shared deliveries once',
      async () => {
        const OWN = 60;
        const shared = Array.from({ length: 10 }, (_, i) => `shared-${i}`);
        const TOTAL = 2 * OWN + shared.length;
        const deliveries = (tag: string) => [...Array.from({ length: OWN }, (_, i) => `${tag}-${i}`), ...shared];
        const writers = ['p1', 'p2'].map((tag) =>
          startWriter({ ...h.target, callOff: 'avrop-a', deliveries: deliveries(tag), publish: true, pauseMs: 6 }),
        );
        await Promise.all(writers.map((w) => w.waitFor((l) => l === 'READY')));
        for (const w of writers) w.child.stdin.write('go\n');
        // verify reads one consistent snapshot: it passes while both processes are writing.
        let running = true;
        const exitsPromise = Promise.all(writers.map((w) => w.exited)).finally(() => {
          running = false;
        });
        const midway: boolean[] = [];
        while (running) {
          const r = await reg.verify();
          midway.push(r.ok);
          if (!r.ok) throw new Error(`verify failed while writers were running:\n${r.problems.join('\n')}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        expect(midway.length).toBeGreaterThan(0);
        const exits = await exitsPromise;
        expect(
          exits.map((e) => e.code),
          exits.map((e) => e.stderr).join('\n'),
        ).toEqual([0, 0]);

        const entries = await reg.list({ callOff: 'avrop-a' });
        // The writers really overlapped: receipts go back and forth between them (a start-up skew
        // under heavy load may make one go first for a while, hence only "at least twice").
        const owners = entries
          .filter((e) => !e.deliveryId?.startsWith('shared-'))
          .map((e) => e.deliveryId?.slice(0, 2));
        const switches = owners.filter((o, i) => i > 0 && o !== owners[i - 1]).length;
        expect(switches).toBeGreaterThanOrEqual(2);
        expect(entries.map((e) => e.id)).toEqual(
          Array.from({ length: TOTAL }, (_, i) => `F-${String(i + 1).padStart(4, '0')}`),
        );
        const sharedEntries = entries.filter((e) => e.deliveryId?.startsWith('shared-'));
        expect(sharedEntries).toHaveLength(10);
        // Both writers acknowledged each shared delivery with the same receipt.
        for (const id of shared) {
          const acks = writers.flatMap((w) => w.lines.filter((l) => l.startsWith('ACK ') && l.split(' ')[2] === id));
          expect(new Set(acks.map((l) => l.split(' ')[1])).size).toBe(1);
        }
        const faq = entries.map((e) => e.faqNumber).sort((x, y) => (x ?? 0) - (y ?? 0));
        expect(faq).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
        expect(await reg.verify()).toMatchObject({ ok: true, entries: TOTAL, events: TOTAL * 3 });
      },
      PROCESS_TEST_TIMEOUT,
    );

    it(
      'three processes opening a brand-new register at once migrate it once and all write',
      async () => {
        const fresh = await makeHarness();
        try {
          const writers = [1, 2, 3].map((k) =>
            startWriter({
              ...fresh.target,
              callOff: 'avrop-a',
              deliveries: Array.from({ length: 10 }, (_, i) => `${k}-${i}`),
            }),
          );
          await Promise.all(writers.map((w) => w.waitFor((l) => l === 'READY')));
          for (const w of writers) w.child.stdin.write('go\n');
          const exits = await Promise.all(writers.map((w) => w.exited));
          expect(
            exits.map((e) => e.code),
            exits.map((e) => e.stderr).join('\n'),
          ).toEqual([0, 0, 0]);
          const other = await openRegister({ ...fresh.target, logger });
          try {
            expect(await other.verify()).toMatchObject({ ok: true, entries: 30, events: 30 });
          } finally {
            await other.close();
          }
        } finally {
          await fresh.dispose();
        }
      },
      PROCESS_TEST_TIMEOUT,
    );

    it(
      'survives kill -9 of one writer mid-burst: every acknowledged write is there, the other writer carries on',
      async () => {
        const victim = startWriter({
          ...h.target,
          callOff: 'avrop-a',
          deliveries: Array.from({ length: 5000 }, (_, i) => `burst-${i}`),
        });
        const survivor = startWriter({
          ...h.target,
          callOff: 'avrop-a',
          deliveries: Array.from({ length: 60 }, (_, i) => `calm-${i}`),
          pauseMs: 4,
        });
        await Promise.all([victim, survivor].map((w) => w.waitFor((l) => l === 'READY')));
        for (const w of [victim, survivor]) w.child.stdin.write('go\n');
        await victim.waitFor((l) => l.startsWith('ACK ') && l.includes(' burst-40 '));
        victim.child.kill('SIGKILL');
        expect((await victim.exited).signal).toBe('SIGKILL');
        // A writer killed inside a transaction must not leave the lock behind.
        const survived = await survivor.exited;
        expect(survived.code, survived.stderr).toBe(0);

        await reg.close();
        reg = await open();
        const report = await reg.verify();
        expect(report.problems).toEqual([]);
        const acked = [victim, survivor].flatMap((w) =>
          w.lines.filter((l) => l.startsWith('ACK ')).map((l) => l.split(' ')),
        );
        const victimAcks = victim.lines.filter((l) => l.startsWith('ACK ')).length;
        expect(victimAcks).toBeGreaterThan(40);
        expect(victimAcks).toBeLessThan(5000);
        const entries = await reg.list();
        const byDelivery = new Map(entries.map((e) => [e.deliveryId, e.id]));
        for (const [, id, deliveryId] of acked) expect(byDelivery.get(deliveryId ?? '')).toBe(id);
        // Whatever was committed is numbered without gaps, and writing continues after it.
        expect(entries.map((e) => e.id)).toEqual(entries.map((_, i) => `F-${String(i + 1).padStart(4, '0')}`));
        expect(entries.length).toBeGreaterThanOrEqual(acked.length);
        const next = await reg.receive(question());
        expect(next.entry.id).toBe(`F-${String(entries.length + 1).padStart(4, '0')}`);
        expect((await reg.verify()).ok).toBe(true);
      },
      PROCESS_TEST_TIMEOUT,
    );
  });
}
