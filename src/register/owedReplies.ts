/**
 * The OwedReplyStore on the register's database. A claim names its process as
 * host:pid:uuid. A claim is taken over (compare-and-set on the old claim) when
 * its lease has run out, or at once when it names a process on this host that
 * no longer runs: a `serve` killed with -9 and started again answers what it
 * had received at once, without waiting out the lease. Claims of processes on
 * other hosts (several instances on PostgreSQL) are only taken after the lease.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { OwedReply, OwedReplyStore } from '../channels/shared/owedReplyStore.js';
import type { Channel, ReplyTo } from '../core/types.js';
import { requireNonEmpty, storableText } from './input.js';
import type { OwedReplyRow, OwedReplyTables } from './store.js';

/**
 * A claim older than this is taken over even from a live process: its answer
 * failed (it is retried then) or is stuck. Longer than answering takes.
 */
export const OWED_REPLY_LEASE_MS = 2 * 60_000;

/** This process, as it names itself in claims. */
export const PROCESS_CLAIMANT = `${os.hostname()}:${process.pid}:${randomUUID()}`;

export interface OwedReplyOptions {
  /** Who claims (tests play two processes in one). */
  claimant?: string;
  leaseMs?: number;
  /** Whether a process id runs on this host (tests). */
  isRunning?: (pid: number) => boolean;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** host:pid:uuid; the host may itself contain colons (never the pid or the uuid). */
function parseClaimant(claimant: string): { host: string; pid: number; id: string } | null {
  const m = /^(.*):(\d+):([^:]+)$/.exec(claimant);
  return m ? { host: m[1] ?? '', pid: Number(m[2]), id: m[3] ?? '' } : null;
}

function fromRow(row: OwedReplyRow): OwedReply {
  let target: unknown = null;
  try {
    target = JSON.parse(row.target) as unknown;
  } catch {
    // Kept as null: the channel reports a target it cannot use, the row stays for the buyer to see in the log.
  }
  return {
    callOff: row.call_off,
    entryId: row.entry_id,
    channel: row.channel as Channel,
    target,
    registeredAt: row.registered_at,
  };
}

/**
 * This process's claimant and a test of whether a claimed row was left behind
 * (nobody alive can be working on it any more). Shared with the publication outbox.
 */
export function claimRules(opts: OwedReplyOptions = {}): {
  me: string;
  leftBehind(row: { claimed_by: string | null; claimed_at: string | null }, now: Date): boolean;
} {
  const me = opts.claimant ?? PROCESS_CLAIMANT;
  const mine = parseClaimant(me);
  const lease = opts.leaseMs ?? OWED_REPLY_LEASE_MS;
  const isRunning = opts.isRunning ?? processRuns;
  function leftBehind(row: { claimed_by: string | null; claimed_at: string | null }, now: Date): boolean {
    if (row.claimed_by === null || row.claimed_at === null) return true;
    if (Date.parse(row.claimed_at) < now.getTime() - lease) return true;
    if (row.claimed_by === me) return false;
    const owner = parseClaimant(row.claimed_by);
    if (!owner || !mine || owner.host !== mine.host) return false;
    // Same host: the same pid with another uuid is an earlier life of this pid (a restarted container).
    return owner.pid === mine.pid ? owner.id !== mine.id : !isRunning(owner.pid);
  }
  return { me, leftBehind };
}

export function createOwedReplyStore(tables: OwedReplyTables, opts: OwedReplyOptions = {}): OwedReplyStore {
  const { me, leftBehind } = claimRules(opts);

  async function take(row: OwedReplyRow, now: Date): Promise<OwedReply | null> {
    const won = await tables.claim(
      row.call_off,
      row.entry_id,
      { by: row.claimed_by, at: row.claimed_at },
      me,
      now.toISOString(),
    );
    return won ? fromRow(row) : null;
  }

  return {
    replyTo(target: unknown, now = new Date()): ReplyTo {
      return {
        target: storableText(JSON.stringify(target ?? null), 'target'),
        claimedBy: me,
        claimedAt: now.toISOString(),
      };
    },
    async claim(callOff, entryId, now = new Date()) {
      const row = await tables.get(requireNonEmpty(callOff, 'callOff'), requireNonEmpty(entryId, 'entryId'));
      if (!row || !leftBehind(row, now)) return null;
      return take(row, now);
    },
    async claimLeftBehind(channels, now = new Date(), limit = 100) {
      const claimed: OwedReply[] = [];
      for (const row of await tables.list(limit)) {
        if (!channels.includes(row.channel as Channel) || !leftBehind(row, now)) continue;
        const taken = await take(row, now);
        if (taken) claimed.push(taken);
      }
      return claimed;
    },
    release: (callOff, entryId) => tables.release(callOff, entryId),
  };
}
