/** Runs the register contract against the SQLite backend, one temporary data dir per test. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openRegister } from '../../src/register/index.js';
import { MIGRATIONS } from '../../src/register/migrations/index.js';
import { asRegisterError } from '../../src/register/sqlite/sqliteStore.js';
import { registerContract } from './contract.js';
import { type ConversationHarness, conversationContract } from './conversationContract.js';
import { capturingLogger, question } from './harness.js';
import { owedReplyContract } from './owedReplyContract.js';
import { publicationContract } from './publicationContract.js';
import { revocationContract } from './revocationContract.js';

registerContract('SQLite', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'avropsbot-register-'));
  return {
    target: { dataDir },
    async exec(sql) {
      const db = new Database(path.join(dataDir, 'register.sqlite'));
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    async tamper(sql) {
      const db = new Database(path.join(dataDir, 'register.sqlite'));
      try {
        db.exec('DROP TRIGGER IF EXISTS events_no_delete; DROP TRIGGER IF EXISTS events_only_erase_personal;');
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

const sharedStateHarness = async (): Promise<ConversationHarness> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'avropsbot-conversations-'));
  return {
    target: { dataDir },
    async count(table) {
      const db = new Database(path.join(dataDir, 'register.sqlite'), { readonly: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
conversationContract('SQLite', sharedStateHarness);
revocationContract('SQLite', sharedStateHarness);
owedReplyContract('SQLite', sharedStateHarness);
publicationContract('SQLite', sharedStateHarness);

describe('SQLite register: file, pragmas and migrations', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'avropsbot-register-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('creates the data dir and register.sqlite in WAL mode with synchronous=FULL, migrations recorded', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const reg = await openRegister({ dataDir, logger: capturingLogger() });
    await reg.close();
    const db = new Database(path.join(dataDir, 'register.sqlite'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
        version: number;
      }[];
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      db.close();
    }
    // Reopening applies nothing twice.
    const logger = capturingLogger();
    await (await openRegister({ dataDir, logger })).close();
    expect(logger.lines.join('\n')).not.toContain('migration applied');
  });

  it('upgrades a register created before the append-only guard', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'register.sqlite');
    const reg = await openRegister({ dataDir, logger: capturingLogger() });
    await reg.receive(question());
    await reg.close();
    // Turn it back into a version-1 register.
    const db = new Database(file);
    db.exec('DROP TRIGGER events_no_delete; DROP TRIGGER events_only_erase_personal;');
    db.prepare('DELETE FROM schema_migrations WHERE version > 1').run();
    db.close();

    const logger = capturingLogger();
    const upgraded = await openRegister({ dataDir, logger });
    expect(logger.lines.join('\n')).toMatch(/migration applied.*"version":2/);
    expect((await upgraded.verify()).ok).toBe(true);
    await upgraded.close();
    const check = new Database(file);
    expect(() => check.exec('DELETE FROM events')).toThrow(/append-only/);
    check.close();
  });

  it('a failing write is rolled back whole and reported in Swedish', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'register.sqlite');
    const reg = await openRegister({ dataDir, logger: capturingLogger() });
    try {
      await reg.receive(question());
      // Play a fault that strikes after the event row is written but before the entry row is.
      const db = new Database(file);
      db.exec("CREATE TRIGGER fault BEFORE INSERT ON entries BEGIN SELECT RAISE(ABORT, 'disk fault'); END;");
      await expect(reg.receive(question({ deliveryId: 'lost' }))).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringContaining('kunde inte läsas eller skrivas (SQLite-fel SQLITE_CONSTRAINT_TRIGGER)'),
      });
      db.exec('DROP TRIGGER fault');
      db.close();
      expect(await reg.verify()).toMatchObject({ ok: true, events: 1, entries: 1 });
      expect((await reg.receive(question({ deliveryId: 'lost' }))).entry.id).toBe('F-0002');
    } finally {
      await reg.close();
    }
  });

  it('an I/O error, a full disk or a lock held past every retry is register_unavailable; a damaged file is internal', () => {
    for (const code of ['SQLITE_IOERR_WRITE', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_BUSY']) {
      expect(asRegisterError(new Database.SqliteError('disk I/O error', code), 'r.sqlite')).toMatchObject({
        code: 'register_unavailable',
        message: expect.stringContaining(`kan inte läsas eller skrivas just nu (SQLite-fel ${code})`),
      });
    }
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_CONSTRAINT_TRIGGER', 'SQLITE_IOERRX']) {
      expect(asRegisterError(new Database.SqliteError('fault', code), 'r.sqlite')).toMatchObject({ code: 'internal' });
    }
  });

  it('refuses a register written by a newer version, in Swedish', async () => {
    const dataDir = tempDir();
    await (await openRegister({ dataDir, logger: capturingLogger() })).close();
    const db = new Database(path.join(dataDir, 'register.sqlite'));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'framtid', 'x')").run();
    db.close();
    await expect(openRegister({ dataDir, logger: capturingLogger() })).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('schemaversion 999'),
    });
  });

  it('gives a clear error for a file that is not a register, and leaves it untouched', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'register.sqlite');
    writeFileSync(file, 'det här är ingen databas '.repeat(100));
    await expect(openRegister({ dataDir, logger: capturingLogger() })).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining(file),
    });
    expect(readFileSync(file, 'utf8')).toBe('det här är ingen databas '.repeat(100));
  });

  it('gives a clear error when the data dir cannot be created', async () => {
    const parent = tempDir();
    const blocker = path.join(parent, 'fil');
    writeFileSync(blocker, 'x');
    await expect(
      openRegister({ dataDir: path.join(blocker, 'data'), logger: capturingLogger() }),
    ).rejects.toMatchObject({ code: 'config_invalid' });
  });
});
