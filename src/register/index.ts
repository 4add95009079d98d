/**
 * Opens the question register: PostgreSQL when a database URL is given
 * (several instances), otherwise SQLite in the data dir. Migrations run on open.
 */
import type { Logger, QuestionRegister } from '../core/ports.js';
import { createRegister } from './engine.js';
import { openSqliteStore } from './sqlite/sqliteStore.js';

export { SQLITE_FILE } from './sqlite/sqliteStore.js';

export async function openRegister(opts: {
  dataDir: string;
  databaseUrl?: string;
  logger: Logger;
}): Promise<QuestionRegister> {
  const store = opts.databaseUrl
    ? // pg loads only when PostgreSQL is configured (it costs ~50 ms of start-up).
      await (await import('./postgres/postgresStore.js')).openPostgresStore(opts.databaseUrl, opts.logger)
    : await openSqliteStore(opts.dataDir, opts.logger);
  opts.logger.debug('register: opened', { backend: store.kind });
  return createRegister(store, opts.logger);
}
