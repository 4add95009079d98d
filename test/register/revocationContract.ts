/**
 * The signed-out-session contract: what the admin page's RevocationStore must
 * do on every register backend. sqlite.test.ts and postgres.test.ts run it
 * with fresh, isolated storage; "two instances" are two stores opened
 * separately on the same database, as two processes would have them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RevocationStore } from '../../src/admin/revocationStore.js';
import type { QuestionRegister } from '../../src/core/ports.js';
import { openRegisterDatabase } from '../../src/register/index.js';
import type { ConversationHarness } from './conversationContract.js';
import { capturingLogger } from './harness.js';

const T0 = new Date('2026-01-26T09:00:00.000Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

export function revocationContract(name: string, makeHarness: () => Promise<ConversationHarness>): void {
  describe(`RevocationStore contract: ${name}`, () => {
    let h: ConversationHarness;
    const opened: QuestionRegister[] = [];
    const open = async (): Promise<RevocationStore> => {
      const db = await openRegisterDatabase({ ...h.target, logger: capturingLogger() });
      opened.push(db.register);
      return db.revocations;
    };

    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      for (const r of opened.splice(0)) await r.close();
      await h.dispose();
    });

    it('a session revoked through one instance is revoked on another and after a restart, until its time', async () => {
      const a = await open();
      const b = await open();
      expect(await b.isRevoked('sess-1', T0)).toBe(false);
      await a.revoke('sess-1', hours(12), T0);
      expect(await b.isRevoked('sess-1', hours(1))).toBe(true);
      expect(await b.isRevoked('sess-2', hours(1))).toBe(false);
      await opened[0]!.close();
      const restarted = await open();
      expect(await restarted.isRevoked('sess-1', hours(11))).toBe(true);
      // Past the time the cookie would have expired anyway, the row means nothing.
      expect(await restarted.isRevoked('sess-1', hours(12))).toBe(false);
      expect(await restarted.isRevoked('sess-1', hours(13))).toBe(false);
    });

    it('a later revocation time wins and an earlier one never shortens it', async () => {
      const store = await open();
      await store.revoke('sess-1', hours(2), T0);
      await store.revoke('sess-1', hours(6), T0);
      await store.revoke('sess-1', hours(4), T0);
      expect(await store.isRevoked('sess-1', hours(5))).toBe(true);
      expect(await store.isRevoked('sess-1', hours(6))).toBe(false);
      expect(await h.count('revoked_sessions')).toBe(1);
    });

    it('deletes expired revocations when another session is signed out', async () => {
      const store = await open();
      await store.revoke('old-1', hours(1), T0);
      await store.revoke('old-2', hours(2), T0);
      await store.revoke('live', hours(10), T0);
      expect(await h.count('revoked_sessions')).toBe(3);
      await store.revoke('new', hours(14), hours(2));
      expect(await h.count('revoked_sessions')).toBe(2);
      expect(await store.isRevoked('live', hours(3))).toBe(true);
      expect(await store.isRevoked('new', hours(3))).toBe(true);
    });

    it('refuses an empty session id', async () => {
      const store = await open();
      await expect(store.revoke(' ', hours(1), T0)).rejects.toMatchObject({ code: 'usage' });
      expect(await h.count('revoked_sessions')).toBe(0);
    });
  });
}
