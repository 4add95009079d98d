/**
 * Versioned schema migrations, one list for both backends so the logical
 * schema stays the same. Applied in order on open inside a locked
 * transaction and recorded in `schema_migrations`. Never edit a released
 * migration: append a new one.
 *
 * Times are stored as the ISO text the events carry (not timestamptz), so an
 * entry row compares byte for byte with its replay; JSON is stored as text
 * because jsonb cannot hold every string a supplier may send.
 */
import { CodedError } from '../../core/errors.js';

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** Plain SQL that both SQLite and PostgreSQL accept. */
const initialSchema = `
CREATE TABLE entries (
  call_off TEXT NOT NULL,
  id TEXT NOT NULL,
  receipt_no INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'answered', 'published')),
  received_at TEXT NOT NULL,
  delivery_id TEXT,
  channel TEXT NOT NULL,
  user_id TEXT,
  name TEXT,
  org TEXT,
  question TEXT NOT NULL,
  public_question TEXT NOT NULL,
  bot_answer TEXT,
  answer TEXT,
  published_at TEXT,
  faq_number INTEGER,
  PRIMARY KEY (call_off, id),
  UNIQUE (call_off, receipt_no),
  UNIQUE (call_off, faq_number)
);
CREATE INDEX entries_by_status ON entries (call_off, status, receipt_no);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  call_off TEXT NOT NULL,
  entry_id TEXT,
  type TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  data TEXT NOT NULL,
  personal TEXT,
  personal_digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX events_by_entry ON events (call_off, entry_id, seq);

CREATE TABLE deliveries (
  delivery_id TEXT PRIMARY KEY,
  call_off TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('question', 'refusal')),
  entry_id TEXT,
  seq INTEGER NOT NULL
);

CREATE TABLE chain_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}');
`;

const EVENT_FIXED_COLUMNS = [
  'seq',
  'call_off',
  'entry_id',
  'type',
  'actor',
  'at',
  'data',
  'personal_digest',
  'prev_hash',
  'hash',
];

/**
 * Events are append-only: the only change allowed is erasing `personal` (the
 * purge). This stops a slip in a hand-written SQL session; a determined
 * administrator can drop the guard, and then `verify` still sees the change.
 */
const sqliteAppendOnly = `
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'register events are append-only'); END;
CREATE TRIGGER events_only_erase_personal BEFORE UPDATE ON events
WHEN NEW.personal IS NOT NULL OR ${EVENT_FIXED_COLUMNS.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')}
BEGIN SELECT RAISE(ABORT, 'register events are append-only; only personal data may be erased'); END;
`;

const postgresAppendOnly = `
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.personal IS NULL
     AND (${EVENT_FIXED_COLUMNS.map((c) => `NEW.${c}`).join(', ')}) IS NOT DISTINCT FROM (${EVENT_FIXED_COLUMNS.map((c) => `OLD.${c}`).join(', ')}) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'register events are append-only; only personal data may be erased';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
`;

/**
 * State shared by every instance that is neither a register entry nor part
 * of the hash chain: which call-off a chat conversation chose, questions held
 * until the supplier chooses (a held question is registered, with its
 * original time of receipt, after it is claimed), and the buyer's page
 * sessions that were signed out (refused by every instance until they would
 * have expired anyway). IF NOT EXISTS: a register whose migration record was
 * rolled back by hand must still open.
 */
const conversationState = `
CREATE TABLE IF NOT EXISTS conversation_choices (
  conversation_key TEXT PRIMARY KEY,
  call_off TEXT NOT NULL,
  chosen_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_choices_by_call_off ON conversation_choices (call_off);

CREATE TABLE IF NOT EXISTS held_questions (
  delivery_id TEXT PRIMARY KEY,
  conversation_key TEXT NOT NULL,
  received_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT,
  org TEXT,
  question TEXT NOT NULL,
  target TEXT NOT NULL,
  held_at TEXT NOT NULL,
  -- NULL: not claimed. A choice claims a held question and the desk deletes it only once the
  -- register has it: an instance that dies in between leaves it, to be taken again after the lease.
  claimed_at TEXT
);
CREATE INDEX IF NOT EXISTS held_questions_by_conversation ON held_questions (conversation_key, held_at);
CREATE INDEX IF NOT EXISTS held_questions_by_held_at ON held_questions (held_at);

CREATE TABLE IF NOT EXISTS revoked_sessions (
  id TEXT PRIMARY KEY,
  revoked_until TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS revoked_sessions_by_until ON revoked_sessions (revoked_until);
`;

/**
 * Replies owed to suppliers: written in the same transaction as the question
 * (write-ahead, before the platform is acked), so a question registered by an
 * instance that died before replying is answered and replied to where it was
 * asked by the next instance that starts. Not part of the chain: the reply
 * target (a Slack channel or response URL, a Teams conversation reference) is
 * delivery plumbing, deleted once the reply is posted. `claimed_by` names the
 * process working on it (host:pid:uuid), `claimed_at` starts its lease.
 */
const owedReplies = `
CREATE TABLE IF NOT EXISTS owed_replies (
  call_off TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  target TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  claimed_by TEXT,
  claimed_at TEXT,
  PRIMARY KEY (call_off, entry_id)
);
CREATE INDEX IF NOT EXISTS owed_replies_by_registered_at ON owed_replies (registered_at);
`;

/**
 * Publication to every supplier at once. `asker_targets` keeps where each chat
 * question was asked after its reply is posted (owed_replies forgets it then),
 * so the asker can be told when the official answer is published; it starts
 * with the targets still owed. `publication_posts` is the outbox: one row per
 * destination of a publication, written in the publication's transaction,
 * claimed with a lease like an owed reply and deleted once posted. It carries
 * the published text, so a later correction does not change what this
 * publication says. `id` is "<published event seq>:<destination>".
 */
const publicationOutbox = `
CREATE TABLE IF NOT EXISTS asker_targets (
  call_off TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (call_off, entry_id)
);
INSERT INTO asker_targets (call_off, entry_id, channel, target)
  SELECT call_off, entry_id, channel, target FROM owed_replies WHERE true
  ON CONFLICT (call_off, entry_id) DO NOTHING;

CREATE TABLE IF NOT EXISTS publication_posts (
  id TEXT PRIMARY KEY,
  call_off TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('broadcast', 'asker')),
  target TEXT NOT NULL,
  faq_number INTEGER NOT NULL,
  public_question TEXT NOT NULL,
  answer TEXT NOT NULL,
  published_at TEXT NOT NULL,
  claimed_by TEXT,
  claimed_at TEXT
);
CREATE INDEX IF NOT EXISTS publication_posts_by_published_at ON publication_posts (published_at);
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'register: entries, hash-chained events, deliveries, chain head',
    sqlite: initialSchema,
    postgres: initialSchema,
  },
  { version: 2, name: 'register: events append-only', sqlite: sqliteAppendOnly, postgres: postgresAppendOnly },
  {
    version: 3,
    name: 'shared state: conversation choices, held questions, signed-out sessions',
    sqlite: conversationState,
    postgres: conversationState,
  },
  {
    version: 4,
    name: 'owed replies: where to answer a registered question',
    sqlite: owedReplies,
    postgres: owedReplies,
  },
  {
    version: 5,
    name: 'publication outbox: posts to every listed channel and to the asker',
    sqlite: publicationOutbox,
    postgres: publicationOutbox,
  },
];

export const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * The migrations still to apply, in order, given the versions a register
 * already has; refuses a register written by a newer avropsbot.
 */
export function pendingMigrations(applied: ReadonlySet<number>): Migration[] {
  const newest = Math.max(0, ...applied);
  if (newest > LATEST_VERSION) {
    throw new CodedError(
      'config_invalid',
      `Registret har schemaversion ${newest}, men den här versionen av avropsbot känner bara till ${LATEST_VERSION}. Uppgradera avropsbot.`,
    );
  }
  return MIGRATIONS.filter((m) => !applied.has(m.version));
}
