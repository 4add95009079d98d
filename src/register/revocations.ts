/**
 * The admin page's RevocationStore on the register's database: signed-out
 * session ids live next to the questions, so every instance on the same
 * database refuses them and a restart keeps them. A row is only needed until
 * the session would have expired anyway; expired rows are deleted whenever
 * another session is signed out.
 */
import type { RevocationStore } from '../admin/revocationStore.js';
import { requireNonEmpty } from './input.js';
import type { RevocationTables } from './store.js';

export function createRevocationStore(tables: RevocationTables): RevocationStore {
  return {
    async revoke(sessionId, until, now = new Date()) {
      await tables.revoke(requireNonEmpty(sessionId, 'sessionId'), until.toISOString(), now.toISOString());
    },
    isRevoked: (sessionId, now) => tables.isRevoked(sessionId, now.toISOString()),
  };
}
