/**
 * The queue's triage view as the URL carries it (GET, so a filtered list can
 * be bookmarked and works without script): status, the bot's outcome, a
 * search in the question text, and the direction of the time sort. Pure
 * functions, so the router and the page agree and tests can call them.
 */
import type { EntryStatus, RegisterEntry } from '../core/types.js';
import { isOutcome, type Outcome, outcomeOf } from './outcome.js';

export type SortOrder = 'newest' | 'oldest';

export interface QueueFilter {
  status: EntryStatus | null;
  outcome: Outcome | null;
  /** Trimmed search text; "" for none. */
  search: string;
  sort: SortOrder;
}

const STATUSES: readonly string[] = ['received', 'answered', 'published'];
/** Longer searches are cut: nobody types more, and the list is filtered in memory. */
const MAX_SEARCH = 200;

export const NO_FILTER: QueueFilter = { status: null, outcome: null, search: '', sort: 'newest' };

export function parseQueueFilter(query: Record<string, unknown>): QueueFilter {
  const one = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const status = one(query.status);
  const outcome = one(query.utfall);
  return {
    status: status && STATUSES.includes(status) ? (status as EntryStatus) : null,
    outcome: isOutcome(outcome) ? outcome : null,
    search: (one(query.q) ?? '').trim().slice(0, MAX_SEARCH),
    sort: one(query.ordning) === 'aldst' ? 'oldest' : 'newest',
  };
}

/** The query string for a filter ("" when it is the default view), e.g. "?status=received&ordning=aldst". */
export function queueQuery(f: QueueFilter): string {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.outcome) p.set('utfall', f.outcome);
  if (f.search) p.set('q', f.search);
  if (f.sort === 'oldest') p.set('ordning', 'aldst');
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Case- and accent-insensitive for Swedish typing ("atgard" does not find "åtgärd", but "ÅTGÄRD" does). */
const fold = (s: string) => s.toLocaleLowerCase('sv-SE');

/** Everything but the status: the status counts are taken after these filters. */
export function matchesTriage(e: RegisterEntry, f: QueueFilter): boolean {
  if (f.outcome && outcomeOf(e.botAnswer) !== f.outcome) return false;
  if (f.search) {
    const needle = fold(f.search);
    if (!fold(e.question).includes(needle) && !fold(e.publicQuestion).includes(needle)) return false;
  }
  return true;
}

export function applyQueueFilter(entries: readonly RegisterEntry[], f: QueueFilter): RegisterEntry[] {
  const kept = entries.filter((e) => matchesTriage(e, f) && (!f.status || e.status === f.status));
  const newestFirst = (a: RegisterEntry, b: RegisterEntry) =>
    b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id);
  return kept.sort(f.sort === 'newest' ? newestFirst : (a, b) => newestFirst(b, a));
}
