/**
 * SQLite backend (the default): one file <dataDir>/register.sqlite.
 *
 * WAL lets readers work while one writer writes; `BEGIN IMMEDIATE` takes the
 * write lock up front so two processes never both read the same "next
 * receipt number"; busy_timeout plus a retry loop waits out the other writer.
 * synchronous=FULL: the register is the authority's record of when a question
 * arrived, and a supplier is told it is registered, so a commit must survive a
 * power cut, not only a process crash (NORMAL+WAL may lose the last commits on
 * power loss). bench/register.md measures what that costs.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CodedError } from '../../core/errors.js';
import type { EntryFilter, Logger } from '../../core/ports.js';
import { pendingMigrations, SCHEMA_MIGRATIONS_TABLE } from '../migrations/index.js';
import { Mutex } from '../mutex.js';
import { byHeldAt } from '../rows.js';
import type {
  AskerTargetRow,
  ConversationTables,
  DeliveryRow,
  EntryRow,
  EventRow,
  HeadRow,
  HeldRow,
  OwedReplyRow,
  OwedReplyTables,
  PublicationPostRow,
  PublicationPostTables,
  RevocationTables,
  Snapshot,
  Store,
  StoreTx,
} from '../store.js';
import { sqliteNativeBinding } from './nativeBinding.js';

type Db = Database.Database;

const BUSY_TIMEOUT_MS = 5_000;
const MAX_ATTEMPTS = 8;

export const SQLITE_FILE = 'register.sqlite';

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/**
 * Faults of the storage rather than of the register: the disk failed or is
 * full, the file vanished or cannot be opened, another process held the lock
 * past every retry. Worth trying again later (register_unavailable); anything
 * else (a damaged file, a constraint) is an internal fault.
 */
const UNAVAILABLE = /^SQLITE_(?:IOERR|FULL|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOLFS)(?:_|$)/;

/** A raw SQLite fault as a Swedish message; the original is the cause. */
export function asRegisterError(err: unknown, file: string): unknown {
  if (err instanceof CodedError) return err;
  const code = (err as { code?: string })?.code ?? 'okänt';
  if (UNAVAILABLE.test(code)) {
    return new CodedError(
      'register_unavailable',
      `Frågeregistret ${file} kan inte läsas eller skrivas just nu (SQLite-fel ${code}). Inget har sparats; försök igen om en stund.`,
      { cause: err },
    );
  }
  return new CodedError('internal', `Frågeregistret ${file} kunde inte läsas eller skrivas (SQLite-fel ${code}).`, {
    cause: err,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ENTRY_COLUMNS =
  'call_off, id, receipt_no, status, received_at, delivery_id, channel, user_id, name, org, question, public_question, bot_answer, answer, published_at, faq_number';
const ENTRY_PARAMS =
  '@call_off, @id, @receipt_no, @status, @received_at, @delivery_id, @channel, @user_id, @name, @org, @question, @public_question, @bot_answer, @answer, @published_at, @faq_number';
const EVENT_COLUMNS = 'seq, call_off, entry_id, type, actor, at, data, personal, personal_digest, prev_hash, hash';

function prepare(db: Db) {
  return {
    delivery: db.prepare<[string], DeliveryRow>('SELECT * FROM deliveries WHERE delivery_id = ?'),
    addDelivery: db.prepare<DeliveryRow>(
      'INSERT INTO deliveries (delivery_id, call_off, kind, entry_id, seq) VALUES (@delivery_id, @call_off, @kind, @entry_id, @seq)',
    ),
    entry: db.prepare<[string, string], EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE call_off = ? AND id = ?`),
    maxReceipt: db.prepare<[string], { n: number }>(
      'SELECT COALESCE(MAX(receipt_no), 0) AS n FROM entries WHERE call_off = ?',
    ),
    maxFaq: db.prepare<[string], { n: number }>(
      'SELECT COALESCE(MAX(faq_number), 0) AS n FROM entries WHERE call_off = ?',
    ),
    head: db.prepare<[], HeadRow>('SELECT seq, hash FROM chain_head WHERE id = 1'),
    insertEvent: db.prepare<EventRow>(
      `INSERT INTO events (${EVENT_COLUMNS}) VALUES (@seq, @call_off, @entry_id, @type, @actor, @at, @data, @personal, @personal_digest, @prev_hash, @hash)`,
    ),
    setHead: db.prepare<[number, string]>('UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1'),
    insertEntry: db.prepare<EntryRow>(`INSERT INTO entries (${ENTRY_COLUMNS}) VALUES (${ENTRY_PARAMS})`),
    updateEntry: db.prepare<EntryRow>(
      `UPDATE entries SET status = @status, received_at = @received_at, delivery_id = @delivery_id, channel = @channel,
        user_id = @user_id, name = @name, org = @org, question = @question, public_question = @public_question,
        bot_answer = @bot_answer, answer = @answer, published_at = @published_at, faq_number = @faq_number
       WHERE call_off = @call_off AND id = @id`,
    ),
    erasePersonalEvents: db.prepare<[string]>(
      'UPDATE events SET personal = NULL WHERE call_off = ? AND personal IS NOT NULL',
    ),
    erasePersonalEntries: db.prepare<[string, string]>(
      'UPDATE entries SET question = ?, user_id = NULL, name = NULL, org = NULL WHERE call_off = ?',
    ),
    entryEvents: db.prepare<[string, string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE call_off = ? AND entry_id = ? ORDER BY seq`,
    ),
    published: db.prepare<[string], EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM entries WHERE call_off = ? AND status = 'published' ORDER BY faq_number`,
    ),
    allEvents: db.prepare<[], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY seq`),
    allEntries: db.prepare<[], EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries ORDER BY call_off, receipt_no`),
    allDeliveries: db.prepare<[], DeliveryRow>('SELECT * FROM deliveries ORDER BY seq'),
    addOwedReply: db.prepare<OwedReplyRow>(
      `INSERT INTO owed_replies (${OWED_COLUMNS})
       VALUES (@call_off, @entry_id, @channel, @target, @registered_at, @claimed_by, @claimed_at)`,
    ),
    eraseOwedReplies: db.prepare<[string]>('DELETE FROM owed_replies WHERE call_off = ?'),
    addAskerTarget: db.prepare<AskerTargetRow>(
      `INSERT INTO asker_targets (call_off, entry_id, channel, target) VALUES (@call_off, @entry_id, @channel, @target)
       ON CONFLICT (call_off, entry_id) DO NOTHING`,
    ),
    askerTarget: db.prepare<[string, string], AskerTargetRow>(
      'SELECT call_off, entry_id, channel, target FROM asker_targets WHERE call_off = ? AND entry_id = ?',
    ),
    eraseAskerTargets: db.prepare<[string]>('DELETE FROM asker_targets WHERE call_off = ?'),
    addPublicationPost: db.prepare<PublicationPostRow>(
      `INSERT INTO publication_posts (${POST_COLUMNS})
       VALUES (@id, @call_off, @entry_id, @channel, @kind, @target, @faq_number, @public_question, @answer,
               @published_at, @claimed_by, @claimed_at)`,
    ),
    eraseAskerPosts: db.prepare<[string]>("DELETE FROM publication_posts WHERE call_off = ? AND kind = 'asker'"),
  };
}

const POST_COLUMNS =
  'id, call_off, entry_id, channel, kind, target, faq_number, public_question, answer, published_at, claimed_by, claimed_at';

function preparePublicationPosts(db: Db) {
  return {
    // The channels as a JSON array: one prepared statement for any list of them.
    list: db.prepare<[string, number], PublicationPostRow>(
      `SELECT ${POST_COLUMNS} FROM publication_posts WHERE channel IN (SELECT value FROM json_each(?))
       ORDER BY published_at, id LIMIT ?`,
    ),
    claim: db.prepare<[string, string, string, string | null, string | null]>(
      `UPDATE publication_posts SET claimed_by = ?, claimed_at = ?
       WHERE id = ? AND claimed_by IS ? AND claimed_at IS ?`,
    ),
    release: db.prepare<[string]>('DELETE FROM publication_posts WHERE id = ?'),
  };
}

const OWED_COLUMNS = 'call_off, entry_id, channel, target, registered_at, claimed_by, claimed_at';

function prepareOwedReplies(db: Db) {
  return {
    list: db.prepare<[number], OwedReplyRow>(
      `SELECT ${OWED_COLUMNS} FROM owed_replies ORDER BY registered_at, call_off, entry_id LIMIT ?`,
    ),
    get: db.prepare<[string, string], OwedReplyRow>(
      `SELECT ${OWED_COLUMNS} FROM owed_replies WHERE call_off = ? AND entry_id = ?`,
    ),
    // IS: null-safe equality, so an unclaimed row is claimed by comparing with NULL.
    claim: db.prepare<[string, string, string, string, string | null, string | null]>(
      `UPDATE owed_replies SET claimed_by = ?, claimed_at = ?
       WHERE call_off = ? AND entry_id = ? AND claimed_by IS ? AND claimed_at IS ?`,
    ),
    release: db.prepare<[string, string]>('DELETE FROM owed_replies WHERE call_off = ? AND entry_id = ?'),
  };
}

const HELD_COLUMNS =
  'delivery_id, conversation_key, received_at, channel, user_id, name, org, question, target, held_at';

function prepareConversations(db: Db) {
  return {
    choice: db.prepare<[string], { call_off: string }>(
      'SELECT call_off FROM conversation_choices WHERE conversation_key = ?',
    ),
    setChoice: db.prepare<[string, string, string]>(
      `INSERT INTO conversation_choices (conversation_key, call_off, chosen_at) VALUES (?, ?, ?)
       ON CONFLICT (conversation_key) DO UPDATE SET call_off = excluded.call_off, chosen_at = excluded.chosen_at`,
    ),
    forgetCallOff: db.prepare<[string]>('DELETE FROM conversation_choices WHERE call_off = ?'),
    dropExpired: db.prepare<[string]>('DELETE FROM held_questions WHERE held_at < ?'),
    hold: db.prepare<HeldRow>(
      `INSERT INTO held_questions (${HELD_COLUMNS})
       VALUES (@delivery_id, @conversation_key, @received_at, @channel, @user_id, @name, @org, @question, @target, @held_at)
       ON CONFLICT (delivery_id) DO NOTHING`,
    ),
    trim: db.prepare<[string, string, number]>(
      `DELETE FROM held_questions WHERE conversation_key = ? AND delivery_id NOT IN (
         SELECT delivery_id FROM held_questions WHERE conversation_key = ?
         ORDER BY held_at DESC, delivery_id DESC LIMIT ?)`,
    ),
    // Claimed, not deleted: the row stays until the register has the question (release).
    claim: db.prepare<[string, string, string], HeldRow>(
      `UPDATE held_questions SET claimed_at = ?
       WHERE conversation_key = ? AND (claimed_at IS NULL OR claimed_at < ?)
       RETURNING ${HELD_COLUMNS}`,
    ),
    claimable: db.prepare<[string, string, string], { one: number }>(
      `SELECT 1 AS one FROM held_questions
       WHERE conversation_key = ? AND (claimed_at IS NULL OR claimed_at < ?) AND held_at >= ? LIMIT 1`,
    ),
    release: db.prepare<[string]>('DELETE FROM held_questions WHERE delivery_id = ?'),
  };
}

/** A later revocation time wins; expired rows go on every revoke (no sweeper to run). */
function prepareRevocations(db: Db) {
  return {
    sweep: db.prepare<[string]>('DELETE FROM revoked_sessions WHERE revoked_until <= ?'),
    revoke: db.prepare<[string, string]>(
      `INSERT INTO revoked_sessions (id, revoked_until) VALUES (?, ?)
       ON CONFLICT (id) DO UPDATE SET revoked_until = excluded.revoked_until
       WHERE revoked_sessions.revoked_until < excluded.revoked_until`,
    ),
    isRevoked: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM revoked_sessions WHERE id = ? AND revoked_until > ?',
    ),
  };
}

function migrate(db: Db, logger: Logger): void {
  db.exec(SCHEMA_MIGRATIONS_TABLE);
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version),
  );
  for (const m of pendingMigrations(applied)) {
    db.exec(m.sqlite);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      m.version,
      m.name,
      new Date().toISOString(),
    );
    logger.info('register: migration applied', { backend: 'sqlite', version: m.version });
  }
}

export interface SqliteOptions {
  /** FULL by default (see the file comment); NORMAL only for the benchmark's comparison. */
  synchronous?: 'FULL' | 'NORMAL';
}

export async function openSqliteStore(dataDir: string, logger: Logger, options: SqliteOptions = {}): Promise<Store> {
  const file = path.join(dataDir, SQLITE_FILE);
  let opened: Db | undefined;
  try {
    mkdirSync(dataDir, { recursive: true });
    opened = new Database(file, { timeout: BUSY_TIMEOUT_MS, nativeBinding: sqliteNativeBinding() });
    opened.pragma('journal_mode = WAL');
    opened.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    opened.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (err) {
    if (opened?.open) opened.close();
    throw new CodedError('config_invalid', `Kan inte öppna registret ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const db: Db = opened;
  const mutex = new Mutex();

  /** Runs a synchronous body in BEGIN IMMEDIATE, retrying while another process holds the lock. */
  async function immediate<T>(body: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (err) {
        if (isBusy(err) && attempt < MAX_ATTEMPTS) {
          await sleep(10 * attempt + Math.random() * 20);
          continue;
        }
        throw err;
      }
      try {
        const result = await body();
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        if (isBusy(err) && attempt < MAX_ATTEMPTS) {
          await sleep(10 * attempt + Math.random() * 20);
          continue;
        }
        throw err;
      }
    }
  }

  try {
    await immediate(async () => migrate(db, logger));
  } catch (err) {
    db.close();
    if (err instanceof CodedError) throw err;
    throw new CodedError('config_invalid', `Kan inte förbereda registret ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }

  const st = prepare(db);
  const tx: StoreTx = {
    async delivery(id) {
      return st.delivery.get(id) ?? null;
    },
    async addDelivery(row) {
      st.addDelivery.run(row);
    },
    async entry(callOff, id) {
      return st.entry.get(callOff, id) ?? null;
    },
    async maxReceiptNo(callOff) {
      return st.maxReceipt.get(callOff)?.n ?? 0;
    },
    async maxFaqNumber(callOff) {
      return st.maxFaq.get(callOff)?.n ?? 0;
    },
    async head() {
      const head = st.head.get();
      if (!head) throw new CodedError('register_tampered', 'Registrets kedjehuvud saknas.');
      return head;
    },
    async appendEvent(row) {
      st.insertEvent.run(row);
      st.setHead.run(row.seq, row.hash);
    },
    async insertEntry(row) {
      st.insertEntry.run(row);
    },
    async updateEntry(row) {
      st.updateEntry.run(row);
    },
    async addOwedReply(row) {
      st.addOwedReply.run(row);
    },
    async addAskerTarget(row) {
      st.addAskerTarget.run(row);
    },
    async askerTarget(callOff, entryId) {
      return st.askerTarget.get(callOff, entryId) ?? null;
    },
    async addPublicationPost(row) {
      st.addPublicationPost.run(row);
    },
    async erasePersonal(callOff, purgedText) {
      const erased = st.erasePersonalEvents.run(callOff).changes;
      st.erasePersonalEntries.run(purgedText, callOff);
      // A reply target names a conversation or a person's chat: it goes with the rest.
      st.eraseOwedReplies.run(callOff);
      st.eraseAskerTargets.run(callOff);
      st.eraseAskerPosts.run(callOff);
      return erased;
    },
  };

  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      const mapped = asRegisterError(err, file);
      if (mapped !== err) logger.error('register: SQLite failed', { code: (err as { code?: string }).code });
      throw mapped;
    }
  };
  const read = <T>(fn: () => T): Promise<T> => mutex.run(() => guarded(async () => fn()));
  // Conversation state shares the connection and the write lock, not the chain.
  const cv = prepareConversations(db);
  // BEGIN IMMEDIATE .. COMMIT with no await in between, so another connection in this
  // process never finds the lock held by a transaction that waits for the event loop.
  const change = <T>(fn: () => T): Promise<T> =>
    mutex.run(() =>
      guarded(async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return db.transaction(fn).immediate();
          } catch (err) {
            if (!isBusy(err) || attempt >= MAX_ATTEMPTS) throw err;
            await sleep(10 * attempt + Math.random() * 20);
          }
        }
      }),
    );
  const conversations: ConversationTables = {
    choice: (key) => read(() => cv.choice.get(key)?.call_off ?? null),
    // BEGIN IMMEDIATE serialises this with a concurrent choose: the choice read here is current.
    hold: (row, expiredBefore, cap, callOffIds) =>
      change(() => {
        cv.dropExpired.run(expiredBefore);
        const choice = cv.choice.get(row.conversation_key)?.call_off ?? null;
        if (choice !== null && callOffIds.includes(choice)) return { inserted: false, choice };
        const inserted = cv.hold.run(row).changes > 0;
        cv.trim.run(row.conversation_key, row.conversation_key, cap);
        return { inserted, choice: null };
      }),
    choose: (key, callOff, chosenAt, expiredBefore, leaseBefore) =>
      change(() => {
        cv.setChoice.run(key, callOff, chosenAt);
        cv.dropExpired.run(expiredBefore);
        return byHeldAt(cv.claim.all(chosenAt, key, leaseBefore));
      }),
    claim: async (key, callOff, claimedAt, expiredBefore, leaseBefore) => {
      // Asked for every question in a conversation that has chosen: look without the write lock first.
      if (!(await read(() => cv.claimable.get(key, leaseBefore, expiredBefore)))) return [];
      return change(() => {
        cv.dropExpired.run(expiredBefore);
        if (cv.choice.get(key)?.call_off !== callOff) return [];
        return byHeldAt(cv.claim.all(claimedAt, key, leaseBefore));
      });
    },
    release: (deliveryId) => change(() => cv.release.run(deliveryId).changes > 0),
    forgetCallOff: (callOff) => change(() => cv.forgetCallOff.run(callOff).changes),
    dropExpired: (expiredBefore) => change(() => cv.dropExpired.run(expiredBefore).changes),
  };

  const rv = prepareRevocations(db);
  const revocations: RevocationTables = {
    revoke: (id, until, now) =>
      change(() => {
        rv.sweep.run(now);
        rv.revoke.run(id, until);
      }),
    isRevoked: (id, now) => read(() => rv.isRevoked.get(id, now) !== undefined),
  };

  const ow = prepareOwedReplies(db);
  const owedReplies: OwedReplyTables = {
    list: (limit) => read(() => ow.list.all(limit)),
    get: (callOff, entryId) => read(() => ow.get.get(callOff, entryId) ?? null),
    claim: (callOff, entryId, expected, by, at) =>
      change(() => ow.claim.run(by, at, callOff, entryId, expected.by, expected.at).changes > 0),
    release: (callOff, entryId) => change(() => ow.release.run(callOff, entryId).changes > 0),
  };

  const pp = preparePublicationPosts(db);
  const publicationPosts: PublicationPostTables = {
    list: (channels, limit) => read(() => pp.list.all(JSON.stringify(channels), limit)),
    claim: (id, expected, by, at) => change(() => pp.claim.run(by, at, id, expected.by, expected.at).changes > 0),
    release: (id) => change(() => pp.release.run(id).changes > 0),
  };

  return {
    kind: 'sqlite',
    write: (fn) => mutex.run(() => guarded(() => immediate(() => fn(tx)))),
    listEntries: (filter: EntryFilter) =>
      read(() => {
        const where: string[] = [];
        const params: string[] = [];
        if (filter.callOff !== undefined) {
          where.push('call_off = ?');
          params.push(filter.callOff);
        }
        if (filter.status !== undefined) {
          where.push('status = ?');
          params.push(filter.status);
        }
        const sql = `SELECT ${ENTRY_COLUMNS} FROM entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY call_off, receipt_no`;
        return db.prepare<string[], EntryRow>(sql).all(...params);
      }),
    delivery: (id) => read(() => st.delivery.get(id) ?? null),
    entry: (callOff, id) => read(() => st.entry.get(callOff, id) ?? null),
    entryEvents: (callOff, id) => read(() => st.entryEvents.all(callOff, id)),
    publishedEntries: (callOff) => read(() => st.published.all(callOff)),
    snapshot: () =>
      // A deferred read transaction: all four reads see the same commit.
      read(() =>
        db.transaction(
          (): Snapshot => ({
            events: st.allEvents.all(),
            entries: st.allEntries.all(),
            deliveries: st.allDeliveries.all(),
            head: st.head.get() ?? null,
          }),
        )(),
      ),
    conversations,
    revocations,
    owedReplies,
    publicationPosts,
    close: () =>
      mutex.run(async () => {
        if (db.open) db.close();
      }),
  };
}
