/**
 * Opens the question register: PostgreSQL when a database URL is given
 * (several instances), otherwise SQLite in the data dir. Migrations run on open.
 * The chat channels' conversation state, the replies owed to them and the
 * admin page's signed-out sessions live in the same database.
 */
import type { RevocationStore } from '../admin/revocationStore.js';
import type { ConversationStore } from '../channels/shared/conversationStore.js';
import type { OwedReplyStore } from '../channels/shared/owedReplyStore.js';
import type { PublicationPostStore } from '../channels/shared/publicationStore.js';
import type { Logger, QuestionRegister } from '../core/ports.js';
import { type ConversationOptions, createConversationStore } from './conversations.js';
import { type AnnouncementTargets, createRegister } from './engine.js';
import { createOwedReplyStore, type OwedReplyOptions } from './owedReplies.js';
import { createPublicationPostStore } from './publicationPosts.js';
import { createRevocationStore } from './revocations.js';
import { openSqliteStore } from './sqlite/sqliteStore.js';

export { SQLITE_FILE } from './sqlite/sqliteStore.js';

export interface RegisterOptions {
  dataDir: string;
  databaseUrl?: string;
  logger: Logger;
  /** Time to live and cap of held chat questions (tests). */
  conversations?: ConversationOptions;
  /** Claimant and lease of owed replies (tests). */
  owedReplies?: OwedReplyOptions;
  /** A call-off's listed Slack channels and Teams conversations: each publication is queued for them. */
  announceTo?: (callOff: string) => AnnouncementTargets | undefined;
}

/** The register and the shared state, on one connection (pool); closing the register closes all. */
export async function openRegisterDatabase(opts: RegisterOptions): Promise<{
  register: QuestionRegister;
  conversations: ConversationStore;
  revocations: RevocationStore;
  owedReplies: OwedReplyStore;
  publicationPosts: PublicationPostStore;
}> {
  const store = opts.databaseUrl
    ? // pg loads only when PostgreSQL is configured (it costs ~50 ms of start-up).
      await (await import('./postgres/postgresStore.js')).openPostgresStore(opts.databaseUrl, opts.logger)
    : await openSqliteStore(opts.dataDir, opts.logger);
  opts.logger.debug('register: opened', { backend: store.kind });
  return {
    register: createRegister(store, opts.logger, opts.announceTo ? { announceTo: opts.announceTo } : {}),
    conversations: createConversationStore(store.conversations, opts.conversations),
    revocations: createRevocationStore(store.revocations),
    owedReplies: createOwedReplyStore(store.owedReplies, opts.owedReplies),
    publicationPosts: createPublicationPostStore(store.publicationPosts, opts.owedReplies),
  };
}

export async function openRegister(opts: RegisterOptions): Promise<QuestionRegister> {
  return (await openRegisterDatabase(opts)).register;
}
