/**
 * Upgrade path for the choices of call-off that earlier versions kept in
 * <dataDir>/channels/conversation-call-offs.json (one file per instance).
 * They now live in the register's database (conversationStore.ts); at start
 * the file is imported once and renamed to *.imported, so an upgrade loses
 * no choice and the file is not read again.
 */
import { readFileSync, renameSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/ports.js';
import type { ConversationStore } from './conversationStore.js';

export const CHOICES_FILE = 'conversation-call-offs.json';

export function legacyChoicesFile(dataDir: string): string {
  return path.join(dataDir, 'channels', CHOICES_FILE);
}

/** Imports the old choices file if there is one; returns how many choices were added. */
export async function importLegacyChoices(
  dataDir: string,
  conversations: ConversationStore,
  logger: Logger,
): Promise<number> {
  const file = legacyChoicesFile(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // No file (the usual case), or another instance sharing the data dir imported it just now.
    return 0;
  }
  const choices = parseChoices(text);
  if (choices === null) {
    // Renamed all the same: a damaged file would otherwise warn at every start; suppliers are asked again.
    logger.warn('channels: old conversation call-off choices unreadable, not imported', { file });
  }
  const added = choices === null ? 0 : await conversations.importChoices(choices);
  try {
    renameSync(file, `${file}.imported`);
  } catch (err) {
    // Another instance renamed it first; the import above added nothing twice (a choice already there wins).
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
  }
  logger.info('channels: old conversation call-off choices imported', { added });
  return added;
}

function parseChoices(text: string): Record<string, string> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '' && e[0] !== '',
        ),
      );
    }
  } catch {
    // Fall through.
  }
  return null;
}

/**
 * Deletes the renamed old file, if any: its choices are in the database
 * already, and its conversation ids (1:1 chats point at people) must not
 * outlive a purge. Returns whether there was one.
 */
export function removeImportedChoicesFile(dataDir: string): boolean {
  try {
    unlinkSync(`${legacyChoicesFile(dataDir)}.imported`);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return false;
    throw err;
  }
}
