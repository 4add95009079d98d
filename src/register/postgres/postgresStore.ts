/**
 * PostgreSQL backend, for several instances sharing one register.
 *
 * Every change is one transaction that first takes a transaction-scoped
 * advisory lock (one lock per schema: the chain is a single sequence), so
 * writers on any instance append to the chain one after another. Under READ
 * COMMITTED each statement after the lock sees every earlier commit, so
 * "max receipt + 1" and the chain head are always current. Serialization
 * failures and deadlocks are retried.
 */
import pg from 'pg';
import { CodedError } from '../../core/errors.js';
import type { EntryFilter, Logger } from '../../core/ports.js';
import { pendingMigrations, SCHEMA_MIGRATIONS_TABLE } from '../migrations/index.js';
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
  Store,
  StoreTx,
} from '../store.js';
import { parsePgUrl } from './url.js';

const MAX_ATTEMPTS = 8;
const RETRYABLE = new Set(['40001', '40P01', '55P03']);

// Lock keys are derived from the schema in SQL, so registers in different schemas do not wait on each other.
// A stuck writer elsewhere must not hang every instance: waiting for the lock gives up after 15 s
// (55P03, retried) and a transaction left idle by a hung process is ended by the server.
const TX_LIMITS = `SET LOCAL lock_timeout = '15s'; SET LOCAL idle_in_transaction_session_timeout = '60s';`;
const CHAIN_LOCK = `${TX_LIMITS} SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.avropsbot.register.chain'))`;
const MIGRATION_LOCK = `${TX_LIMITS} SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.avropsbot.register.migrate'))`;

const ENTRY_COLUMNS =
  'call_off, id, receipt_no, status, received_at, delivery_id, channel, user_id, name, org, question, public_question, bot_answer, answer, published_at, faq_number';
const EVENT_COLUMNS = 'seq, call_off, entry_id, type, actor, at, data, personal, personal_digest, prev_hash, hash';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  const message = (err as Error)?.message ?? '';
  return (
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') || // connection exception
    code.startsWith('57P0') || // the server is shutting down or restarting
    code.startsWith('53') || // insufficient resources: too many connections, disk full, out of memory
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}

/**
 * A database fault as the caller should see it: a Swedish message that says
 * what happened to the register, never a stack of driver text. The original
 * error stays attached as `cause` for the logs.
 */
export function asRegisterError(err: unknown, display: string): unknown {
  if (err instanceof CodedError) return err;
  if (isConnectionError(err)) {
    return new CodedError(
      'register_unavailable',
      `Frågeregistret kunde inte nås (PostgreSQL ${display}). Inget har sparats; försök igen om en stund.`,
      { cause: err },
    );
  }
  const code = (err as { code?: string })?.code ?? 'okänt';
  // Lock waits and serialization failures still there after every retry: the register is busy, not broken.
  if (RETRYABLE.has(code)) {
    return new CodedError(
      'register_unavailable',
      `Frågeregistret är upptaget just nu (PostgreSQL-fel ${code}). Inget har sparats; försök igen om en stund.`,
      { cause: err },
    );
  }
  return new CodedError('internal', `Frågeregistret kunde inte spara eller läsa (PostgreSQL-fel ${code}).`, {
    cause: err,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function entryValues(r: EntryRow): unknown[] {
  return [
    r.call_off,
    r.id,
    r.receipt_no,
    r.status,
    r.received_at,
    r.delivery_id,
    r.channel,
    r.user_id,
    r.name,
    r.org,
    r.question,
    r.public_question,
    r.bot_answer,
    r.answer,
    r.published_at,
    r.faq_number,
  ];
}

function txFor(client: pg.PoolClient): StoreTx {
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T | null> =>
    (await client.query<T>(sql, params)).rows[0] ?? null;
  return {
    delivery: (id) => one<DeliveryRow>('SELECT * FROM deliveries WHERE delivery_id = $1', [id]),
    async addDelivery(r) {
      await client.query(
        'INSERT INTO deliveries (delivery_id, call_off, kind, entry_id, seq) VALUES ($1, $2, $3, $4, $5)',
        [r.delivery_id, r.call_off, r.kind, r.entry_id, r.seq],
      );
    },
    entry: (callOff, id) =>
      one<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE call_off = $1 AND id = $2`, [callOff, id]),
    async maxReceiptNo(callOff) {
      const r = await one<{ n: number }>(
        'SELECT COALESCE(MAX(receipt_no), 0)::int AS n FROM entries WHERE call_off = $1',
        [callOff],
      );
      return r?.n ?? 0;
    },
    async maxFaqNumber(callOff) {
      const r = await one<{ n: number }>(
        'SELECT COALESCE(MAX(faq_number), 0)::int AS n FROM entries WHERE call_off = $1',
        [callOff],
      );
      return r?.n ?? 0;
    },
    async head() {
      const head = await one<HeadRow>('SELECT seq, hash FROM chain_head WHERE id = 1', []);
      if (!head) throw new CodedError('register_tampered', 'Registrets kedjehuvud saknas.');
      return head;
    },
    async appendEvent(r) {
      await client.query(
        `INSERT INTO events (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          r.seq,
          r.call_off,
          r.entry_id,
          r.type,
          r.actor,
          r.at,
          r.data,
          r.personal,
          r.personal_digest,
          r.prev_hash,
          r.hash,
        ],
      );
      await client.query('UPDATE chain_head SET seq = $1, hash = $2 WHERE id = 1', [r.seq, r.hash]);
    },
    async insertEntry(r) {
      await client.query(
        `INSERT INTO entries (${ENTRY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        entryValues(r),
      );
    },
    async updateEntry(r) {
      await client.query(
        `UPDATE entries SET receipt_no = $3, status = $4, received_at = $5, delivery_id = $6, channel = $7, user_id = $8,
           name = $9, org = $10, question = $11, public_question = $12, bot_answer = $13, answer = $14,
           published_at = $15, faq_number = $16
         WHERE call_off = $1 AND id = $2`,
        entryValues(r),
      );
    },
    async addOwedReply(r) {
      await client.query(`INSERT INTO owed_replies (${OWED_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        r.call_off,
        r.entry_id,
        r.channel,
        r.target,
        r.registered_at,
        r.claimed_by,
        r.claimed_at,
      ]);
    },
    async addAskerTarget(r) {
      await client.query(
        `INSERT INTO asker_targets (call_off, entry_id, channel, target) VALUES ($1, $2, $3, $4)
         ON CONFLICT (call_off, entry_id) DO NOTHING`,
        [r.call_off, r.entry_id, r.channel, r.target],
      );
    },
    async askerTarget(callOff, entryId) {
      const res = await client.query<AskerTargetRow>(
        'SELECT call_off, entry_id, channel, target FROM asker_targets WHERE call_off = $1 AND entry_id = $2',
        [callOff, entryId],
      );
      return res.rows[0] ?? null;
    },
    async addPublicationPost(r) {
      await client.query(
        `INSERT INTO publication_posts (${POST_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          r.id,
          r.call_off,
          r.entry_id,
          r.channel,
          r.kind,
          r.target,
          r.faq_number,
          r.public_question,
          r.answer,
          r.published_at,
          r.claimed_by,
          r.claimed_at,
        ],
      );
    },
    async erasePersonal(callOff, purgedText) {
      // A reply target names a conversation or a person's chat: it goes with the rest.
      await client.query('DELETE FROM owed_replies WHERE call_off = $1', [callOff]);
      await client.query('DELETE FROM asker_targets WHERE call_off = $1', [callOff]);
      await client.query("DELETE FROM publication_posts WHERE call_off = $1 AND kind = 'asker'", [callOff]);
      const res = await client.query('UPDATE events SET personal = NULL WHERE call_off = $1 AND personal IS NOT NULL', [
        callOff,
      ]);
      await client.query(
        'UPDATE entries SET question = $1, user_id = NULL, name = NULL, org = NULL WHERE call_off = $2',
        [purgedText, callOff],
      );
      return res.rowCount ?? 0;
    },
  };
}

const OWED_COLUMNS = 'call_off, entry_id, channel, target, registered_at, claimed_by, claimed_at';

const POST_COLUMNS =
  'id, call_off, entry_id, channel, kind, target, faq_number, public_question, answer, published_at, claimed_by, claimed_at';

/** The publication outbox: single statements; a claim is a compare-and-set on the previous claim. */
function publicationPostTables(
  rows: <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => Promise<T[]>,
): PublicationPostTables {
  return {
    // faq_number comes back as a number: INTEGER is int4 in PostgreSQL.
    list: (channels, limit) =>
      rows<PublicationPostRow>(
        `SELECT ${POST_COLUMNS} FROM publication_posts WHERE channel = ANY($1::text[]) ORDER BY published_at, id LIMIT $2`,
        [[...channels], limit],
      ),
    claim: async (id, expected, by, at) =>
      (
        await rows(
          `UPDATE publication_posts SET claimed_by = $1, claimed_at = $2
           WHERE id = $3 AND claimed_by IS NOT DISTINCT FROM $4::text AND claimed_at IS NOT DISTINCT FROM $5::text
           RETURNING 1`,
          [by, at, id, expected.by, expected.at],
        )
      ).length > 0,
    release: async (id) => (await rows('DELETE FROM publication_posts WHERE id = $1 RETURNING 1', [id])).length > 0,
  };
}

/** Replies owed: single statements; a claim is a compare-and-set on the previous claim. */
function owedReplyTables(
  rows: <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => Promise<T[]>,
): OwedReplyTables {
  return {
    list: (limit) =>
      rows<OwedReplyRow>(
        `SELECT ${OWED_COLUMNS} FROM owed_replies ORDER BY registered_at, call_off, entry_id LIMIT $1`,
        [limit],
      ),
    get: async (callOff, entryId) =>
      (
        await rows<OwedReplyRow>(`SELECT ${OWED_COLUMNS} FROM owed_replies WHERE call_off = $1 AND entry_id = $2`, [
          callOff,
          entryId,
        ])
      )[0] ?? null,
    claim: async (callOff, entryId, expected, by, at) =>
      (
        await rows(
          `UPDATE owed_replies SET claimed_by = $1, claimed_at = $2
           WHERE call_off = $3 AND entry_id = $4
             AND claimed_by IS NOT DISTINCT FROM $5::text AND claimed_at IS NOT DISTINCT FROM $6::text
           RETURNING 1`,
          [by, at, callOff, entryId, expected.by, expected.at],
        )
      ).length > 0,
    release: async (callOff, entryId) =>
      (await rows('DELETE FROM owed_replies WHERE call_off = $1 AND entry_id = $2 RETURNING 1', [callOff, entryId]))
        .length > 0,
  };
}

const HELD_COLUMNS =
  'delivery_id, conversation_key, received_at, channel, user_id, name, org, question, target, held_at';

/** Signed-out admin sessions: a later revocation time wins; expired rows go on every revoke. */
function revocationTables(
  inTransaction: <T>(lock: string, fn: (client: pg.PoolClient) => Promise<T>) => Promise<T>,
  rows: <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => Promise<T[]>,
): RevocationTables {
  return {
    revoke: (id, until, now) =>
      inTransaction(TX_LIMITS, async (client) => {
        await client.query('DELETE FROM revoked_sessions WHERE revoked_until <= $1', [now]);
        await client.query(
          `INSERT INTO revoked_sessions (id, revoked_until) VALUES ($1, $2)
           ON CONFLICT (id) DO UPDATE SET revoked_until = EXCLUDED.revoked_until
           WHERE revoked_sessions.revoked_until < EXCLUDED.revoked_until`,
          [id, until],
        );
      }),
    isRevoked: async (id, now) =>
      (await rows('SELECT 1 FROM revoked_sessions WHERE id = $1 AND revoked_until > $2', [id, now])).length > 0,
  };
}

/**
 * Conversation state: plain READ COMMITTED transactions without the chain's
 * lock. Two instances claiming the same conversation at once: the second
 * waits on the conversation's lock for the first to commit, then finds the
 * rows claimed within their lease.
 */
function conversationTables(
  inTransaction: <T>(lock: string, fn: (client: pg.PoolClient) => Promise<T>) => Promise<T>,
  rows: <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => Promise<T[]>,
): ConversationTables {
  // Per conversation, so a hold never slips in between a choice and its claim; other conversations do not wait.
  const lockConversation = async (client: pg.PoolClient, key: string) => {
    // Separate statements: a query with parameters may hold only one.
    await client.query(TX_LIMITS);
    await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.avropsbot.conversation.' || $1))", [
      key,
    ]);
  };
  const dropExpired = (client: pg.PoolClient, expiredBefore: string) =>
    client.query('DELETE FROM held_questions WHERE held_at < $1', [expiredBefore]);
  // Claimed, not deleted: the row stays until the register has the question (release).
  const claim = async (client: pg.PoolClient, key: string, claimedAt: string, leaseBefore: string) =>
    byHeldAt(
      (
        await client.query<HeldRow>(
          `UPDATE held_questions SET claimed_at = $2
           WHERE conversation_key = $1 AND (claimed_at IS NULL OR claimed_at < $3)
           RETURNING ${HELD_COLUMNS}`,
          [key, claimedAt, leaseBefore],
        )
      ).rows,
    );
  return {
    choice: async (key) =>
      (
        await rows<{ call_off: string }>('SELECT call_off FROM conversation_choices WHERE conversation_key = $1', [key])
      )[0]?.call_off ?? null,
    hold: (r, expiredBefore, cap, callOffIds) =>
      inTransaction('', async (client) => {
        await lockConversation(client, r.conversation_key);
        await dropExpired(client, expiredBefore);
        const chosen = await client.query<{ call_off: string }>(
          'SELECT call_off FROM conversation_choices WHERE conversation_key = $1',
          [r.conversation_key],
        );
        const choice = chosen.rows[0]?.call_off ?? null;
        if (choice !== null && callOffIds.includes(choice)) return { inserted: false, choice };
        const res = await client.query(
          `INSERT INTO held_questions (${HELD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (delivery_id) DO NOTHING`,
          [
            r.delivery_id,
            r.conversation_key,
            r.received_at,
            r.channel,
            r.user_id,
            r.name,
            r.org,
            r.question,
            r.target,
            r.held_at,
          ],
        );
        await client.query(
          `DELETE FROM held_questions WHERE conversation_key = $1 AND delivery_id NOT IN (
             SELECT delivery_id FROM held_questions WHERE conversation_key = $1
             ORDER BY held_at DESC, delivery_id DESC LIMIT $2)`,
          [r.conversation_key, cap],
        );
        return { inserted: (res.rowCount ?? 0) > 0, choice: null };
      }),
    choose: (key, callOff, chosenAt, expiredBefore, leaseBefore) =>
      inTransaction('', async (client) => {
        await lockConversation(client, key);
        await client.query(
          `INSERT INTO conversation_choices (conversation_key, call_off, chosen_at) VALUES ($1, $2, $3)
           ON CONFLICT (conversation_key) DO UPDATE SET call_off = EXCLUDED.call_off, chosen_at = EXCLUDED.chosen_at`,
          [key, callOff, chosenAt],
        );
        await dropExpired(client, expiredBefore);
        return claim(client, key, chosenAt, leaseBefore);
      }),
    claim: async (key, callOff, claimedAt, expiredBefore, leaseBefore) => {
      // Asked for every question in a conversation that has chosen: look without a transaction first.
      const claimable = await rows(
        `SELECT 1 FROM held_questions
         WHERE conversation_key = $1 AND (claimed_at IS NULL OR claimed_at < $2) AND held_at >= $3 LIMIT 1`,
        [key, leaseBefore, expiredBefore],
      );
      if (claimable.length === 0) return [];
      return inTransaction('', async (client) => {
        await lockConversation(client, key);
        await dropExpired(client, expiredBefore);
        const chosen = await client.query<{ call_off: string }>(
          'SELECT call_off FROM conversation_choices WHERE conversation_key = $1',
          [key],
        );
        if (chosen.rows[0]?.call_off !== callOff) return [];
        return claim(client, key, claimedAt, leaseBefore);
      });
    },
    release: (deliveryId) =>
      inTransaction('', async (client) => {
        const res = await client.query('DELETE FROM held_questions WHERE delivery_id = $1', [deliveryId]);
        return (res.rowCount ?? 0) > 0;
      }),
    forgetCallOff: (callOff) =>
      inTransaction('', async (client) => {
        const res = await client.query('DELETE FROM conversation_choices WHERE call_off = $1', [callOff]);
        return res.rowCount ?? 0;
      }),
    dropExpired: (expiredBefore) =>
      inTransaction('', async (client) => (await dropExpired(client, expiredBefore)).rowCount ?? 0),
  };
}

export async function openPostgresStore(databaseUrl: string, logger: Logger): Promise<Store> {
  const target = parsePgUrl(databaseUrl);
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    ...(target.options ? { options: target.options } : {}),
    max: 5,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', (err) => logger.error('register: idle PostgreSQL connection failed', { error: err.message }));

  async function inTransaction<T>(
    lock: string,
    fn: (client: pg.PoolClient) => Promise<T>,
    begin = 'BEGIN',
  ): Promise<T> {
    try {
      return await attempts(lock, fn, begin);
    } catch (err) {
      const mapped = asRegisterError(err, target.display);
      if (mapped !== err) logger.error('register: PostgreSQL failed', { code: (err as { code?: string }).code });
      throw mapped;
    }
  }

  async function attempts<T>(lock: string, fn: (client: pg.PoolClient) => Promise<T>, begin: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // pg emits 'error' on a checked-out client whose connection dies, and the pool only
      // listens on idle ones: unhandled, it would crash the process. The query in flight
      // fails with the same error, which is what the caller gets.
      const onLost = (err: Error) => {
        broken = err;
        logger.warn('register: PostgreSQL connection lost', { error: err.message });
      };
      client.on('error', onLost);
      try {
        await client.query(begin);
        if (lock) await client.query(lock);
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          broken = rollbackErr as Error;
        }
        const code = (err as { code?: string }).code ?? '';
        if (RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          logger.warn('register: PostgreSQL transaction retried', { code, attempt });
          await sleep(10 * attempt + Math.random() * 20);
          continue;
        }
        throw err;
      } finally {
        client.removeListener('error', onLost);
        client.release(broken);
      }
    }
  }

  try {
    if (target.schema) {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.schema)}`).catch((err: { code?: string }) => {
        // Two processes creating the same schema at once: the loser sees a unique violation.
        if (err.code !== '23505' && err.code !== '42P06') throw err;
      });
    }
    await attempts(
      MIGRATION_LOCK,
      async (client) => {
        await client.query(SCHEMA_MIGRATIONS_TABLE);
        const applied = new Set(
          (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
        );
        for (const m of pendingMigrations(applied)) {
          await client.query(m.postgres);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            new Date().toISOString(),
          ]);
          logger.info('register: migration applied', { backend: 'postgres', version: m.version });
        }
      },
      'BEGIN',
    );
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof CodedError) throw err;
    const reason = (err as Error).message || (err as { code?: string }).code || String(err);
    throw new CodedError(
      'config_invalid',
      `Kan inte öppna registret i PostgreSQL (${target.display}): ${reason}. Kontrollera DATABASE_URL och att databasen är igång.`,
      { cause: err },
    );
  }

  const rows = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    try {
      return (await pool.query<T>(sql, params)).rows;
    } catch (err) {
      logger.error('register: PostgreSQL failed', { code: (err as { code?: string }).code });
      throw asRegisterError(err, target.display);
    }
  };

  return {
    kind: 'postgres',
    write: (fn) => inTransaction(CHAIN_LOCK, (client) => fn(txFor(client))),
    listEntries(filter: EntryFilter) {
      const where: string[] = [];
      const params: string[] = [];
      if (filter.callOff !== undefined) {
        params.push(filter.callOff);
        where.push(`call_off = $${params.length}`);
      }
      if (filter.status !== undefined) {
        params.push(filter.status);
        where.push(`status = $${params.length}`);
      }
      return rows<EntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY call_off, receipt_no`,
        params,
      );
    },
    async delivery(id) {
      return (await rows<DeliveryRow>('SELECT * FROM deliveries WHERE delivery_id = $1', [id]))[0] ?? null;
    },
    async entry(callOff, id) {
      return (
        (
          await rows<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE call_off = $1 AND id = $2`, [callOff, id])
        )[0] ?? null
      );
    },
    entryEvents: (callOff, id) =>
      rows<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE call_off = $1 AND entry_id = $2 ORDER BY seq`, [
        callOff,
        id,
      ]),
    publishedEntries: (callOff) =>
      rows<EntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM entries WHERE call_off = $1 AND status = 'published' ORDER BY faq_number`,
        [callOff],
      ),
    snapshot: () =>
      inTransaction(
        '',
        async (client) => ({
          events: (await client.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY seq`)).rows,
          entries: (await client.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries ORDER BY call_off, receipt_no`))
            .rows,
          deliveries: (await client.query<DeliveryRow>('SELECT * FROM deliveries ORDER BY seq')).rows,
          head: (await client.query<HeadRow>('SELECT seq, hash FROM chain_head WHERE id = 1')).rows[0] ?? null,
        }),
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      ),
    conversations: conversationTables((lock, fn) => inTransaction(lock, fn), rows),
    revocations: revocationTables((lock, fn) => inTransaction(lock, fn), rows),
    owedReplies: owedReplyTables(rows),
    publicationPosts: publicationPostTables(rows),
    close: () => pool.end(),
  };
}
