/**
 * A consistent copy of the SQLite register, also while `serve` writes to it:
 * SQLite's online backup API (through better-sqlite3's `db.backup()`) copies
 * the database page by page and restarts when a writer changes a page it has
 * copied, so the copy is one committed state, WAL content included. The copy
 * is then checked (integrity) and its chain head read, for the operator's log.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ChainHead } from '../../core/chainHead.js';
import { CodedError } from '../../core/errors.js';
import { sqliteNativeBinding } from './nativeBinding.js';
import { SQLITE_FILE } from './sqliteStore.js';

export interface BackupResult {
  file: string;
  /** The copy's chain head: `verify --expect-head` on a restored copy must hold it. */
  head: ChainHead;
  entries: number;
}

export async function backupSqliteRegister(dataDir: string, target: string): Promise<BackupResult> {
  const source = path.join(dataDir, SQLITE_FILE);
  if (!existsSync(source)) {
    throw new CodedError(
      'usage',
      `Det finns inget register att säkerhetskopiera i ${dataDir} (${SQLITE_FILE} saknas).`,
    );
  }
  const file = path.resolve(target);
  if (existsSync(file)) {
    throw new CodedError(
      'usage',
      `Filen ${target} finns redan. Välj ett nytt filnamn; en äldre säkerhetskopia skrivs aldrig över.`,
    );
  }
  if (!existsSync(path.dirname(file))) {
    throw new CodedError('usage', `Mappen ${path.dirname(target)} finns inte.`);
  }
  // Not opened read-only: a read-only connection cannot create the WAL index when no other
  // process has the register open. The backup only reads; the timeout waits out a writer's lock.
  const db = new Database(source, { fileMustExist: true, timeout: 10_000, nativeBinding: sqliteNativeBinding() });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  const copy = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: sqliteNativeBinding() });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new CodedError('internal', `Säkerhetskopian ${target} är skadad: ${String(check)}.`);
    const head = copy.prepare('SELECT seq, hash FROM chain_head WHERE id = 1').get() as ChainHead | undefined;
    const { n } = copy.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number };
    return { file, head: { seq: Number(head?.seq ?? 0), hash: String(head?.hash ?? '') }, entries: Number(n) };
  } finally {
    copy.close();
  }
}
