/**
 * Proves the register unbroken: the hash chain recomputes from genesis, the
 * chain head matches the last event, personal parts match their digests, and
 * replaying every event through `applyEvent` rebuilds every entry row (and
 * the delivery index) exactly. Problems are Swedish sentences naming the
 * event number or the entry, for a buyer who must explain them. With a head
 * kept outside the database, it also proves that the chain still reaches it.
 */
import { type ChainHead, formatChainHead } from '../core/chainHead.js';
import type { VerifyOptions, VerifyReport } from '../core/ports.js';
import {
  applyEvent,
  type ChainedEvent,
  canonicalJson,
  eventHash,
  GENESIS_HASH,
  personalDigest,
  receiptNumber,
} from '../core/registerRules.js';
import type { RegisterEntry } from '../core/types.js';
import { rowToChained, rowToEntry } from './rows.js';
import type { DeliveryRow, EntryRow, EventRow, HeadRow, Snapshot } from './store.js';

/** Stops a badly broken register from producing thousands of lines. */
const MAX_PROBLEMS = 200;

type Report = (problem: string) => void;

interface SeenDelivery {
  callOff: string;
  entryId: string | null;
  seq: number;
}

/** What walking the chain yields for the later checks. */
interface Replay {
  entries: Map<string, RegisterEntry>;
  deliveries: Map<string, SeenDelivery>;
  last: { seq: number; hash: string } | null;
}

const key = (callOff: string, id: string) => `${callOff}\u0000${id}`;
const label = (callOff: string, id: string) => `Fråga ${id} (${callOff})`;
const about = (ev: ChainedEvent) => `Händelse ${ev.seq} (${ev.type}, ${ev.entryId ?? ev.callOff})`;

export function verifySnapshot(snap: Snapshot, options: VerifyOptions = {}): VerifyReport {
  const problems: string[] = [];
  let dropped = 0;
  const report: Report = (p) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else dropped += 1;
  };

  const replay = walkChain(snap.events, report);
  checkHead(snap.head, replay.last, report);
  checkEntries(snap.entries, replay.entries, report);
  checkDeliveries(snap.deliveries, replay.deliveries, report);
  // Reported first: against a kept head, a missing tail is the finding that matters in a dispute.
  const expected = options.expectHead ? checkExpectedHead(snap.events, options.expectHead) : null;

  if (dropped > 0) problems.push(`… och ${dropped} problem till.`);
  if (expected?.problem) problems.unshift(expected.problem);
  return {
    ok: problems.length === 0,
    events: snap.events.length,
    entries: snap.entries.length,
    problems,
    head: replay.last ?? { seq: 0, hash: GENESIS_HASH },
    ...(expected ? { expectedHead: { ...expected.head, held: expected.problem === null } } : {}),
  };
}

/**
 * The kept head must be an event the chain still holds, with the same hash.
 * Together with an unbroken chain this proves every event up to it unchanged:
 * each hash covers the one before it.
 */
function checkExpectedHead(events: EventRow[], head: ChainHead): { head: ChainHead; problem: string | null } {
  const kept = formatChainHead(head);
  if (head.seq === 0) {
    return {
      head,
      problem:
        head.hash === GENESIS_HASH
          ? null
          : `Den sparade kontrollsumman ${kept} kan inte finnas: händelse 0 är kedjans början.`,
    };
  }
  const lastSeq = events.length > 0 ? Number(events[events.length - 1]?.seq) : 0;
  const row = events.find((e) => Number(e.seq) === head.seq);
  if (!row) {
    return {
      head,
      problem:
        head.seq > lastSeq
          ? `Den sparade kontrollsumman ${kept} pekar på händelse ${head.seq}, men kedjan slutar vid händelse ${lastSeq}: händelser i slutet har raderats.`
          : `Den sparade kontrollsumman ${kept} pekar på händelse ${head.seq}, som saknas i kedjan: den har raderats.`,
    };
  }
  if (row.hash !== head.hash) {
    return {
      head,
      problem: `Händelse ${head.seq} har hashen ${row.hash}, men den sparade kontrollsumman säger ${head.hash}: historiken har skrivits om.`,
    };
  }
  return { head, problem: null };
}

/** Recomputes every hash in seq order and replays the events into entries. */
function walkChain(events: EventRow[], report: Report): Replay {
  const entries = new Map<string, RegisterEntry>();
  const deliveries = new Map<string, SeenDelivery>();
  const lastPurge = new Map<string, number>(); // call-off -> seq of its last purge
  const erased: ChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let last: Replay['last'] = null;

  for (const row of events) {
    const seq = Number(row.seq);
    if (seq > expectedSeq) {
      report(`Händelse ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''} saknas (raderad ur kedjan).`);
    } else if (seq < expectedSeq) {
      report(`Händelse ${seq} förekommer i fel ordning eller två gånger.`);
    }
    if (row.prev_hash !== prevHash) {
      report(`Händelse ${seq}: föregående hash stämmer inte med händelsen före (kedjan är bruten).`);
    }
    prevHash = row.hash;
    expectedSeq = seq + 1;
    last = { seq, hash: row.hash };

    let ev: ChainedEvent;
    try {
      ev = rowToChained(row);
    } catch {
      report(`Händelse ${seq}: innehållet är inte läsbar JSON (händelsen har ändrats).`);
      continue;
    }
    if (eventHash(row.prev_hash, seq, ev, row.personal_digest) !== row.hash) {
      report(`${about(ev)}: hashen stämmer inte med innehållet (händelsen har ändrats).`);
    }
    if (ev.personal !== null && personalDigest(ev.personal) !== row.personal_digest) {
      report(`${about(ev)}: personuppgifterna stämmer inte med sin kontrollsumma (de har ändrats).`);
    }
    if (ev.personal === null && row.personal_digest !== '') erased.push(ev);
    if (ev.type === 'purged') lastPurge.set(ev.callOff, seq);

    const deliveryId = ev.data.deliveryId;
    if ((ev.type === 'received' || ev.type === 'refused_late') && typeof deliveryId === 'string') {
      if (deliveries.has(deliveryId))
        report(`Händelse ${seq}: leverans-id:t har redan registrerats i en tidigare händelse.`);
      deliveries.set(deliveryId, { callOff: ev.callOff, entryId: ev.type === 'received' ? ev.entryId : null, seq });
    }

    if (ev.entryId !== null) {
      const k = key(ev.callOff, ev.entryId);
      const before = entries.get(k) ?? null;
      if (ev.type === 'received' && before !== null) {
        report(`Händelse ${seq}: ${label(ev.callOff, ev.entryId)} tas emot en andra gång.`);
      }
      try {
        const after = applyEvent(before, ev);
        if (after !== null) entries.set(k, after);
      } catch (err) {
        report(`Händelse ${seq}: ${(err as Error).message}`);
      }
    }
  }

  // Personal data may only disappear through a purge recorded later in the chain.
  for (const ev of erased) {
    if ((lastPurge.get(ev.callOff) ?? 0) <= ev.seq) {
      report(
        `Händelse ${ev.seq}: personuppgifterna har raderats utan att någon gallring av ${ev.callOff} registrerats.`,
      );
    }
  }
  return { entries, deliveries, last };
}

/** The head row is written with every event, so a deleted tail shows as a head pointing past the end. */
function checkHead(stored: HeadRow | null, last: Replay['last'], report: Report): void {
  const head = stored ?? { seq: 0, hash: GENESIS_HASH };
  const lastSeq = last?.seq ?? 0;
  if (head.seq > lastSeq) {
    report(
      `Kedjans sista händelse ska vara nr ${head.seq}, men den sista som finns är nr ${lastSeq}: händelser i slutet har raderats.`,
    );
  } else if (head.seq < lastSeq) {
    report(
      `Kedjans huvud pekar på händelse ${head.seq}, men det finns händelser till och med nr ${lastSeq}: händelser har lagts till utanför registret.`,
    );
  } else if (head.hash !== (last?.hash ?? GENESIS_HASH)) {
    report(`Händelse ${lastSeq}: hashen stämmer inte med kedjans huvud (den sista händelsen har ändrats).`);
  }
}

function checkEntries(rows: EntryRow[], replayed: Map<string, RegisterEntry>, report: Report): void {
  const stored = new Set<string>();
  for (const row of rows) {
    const k = key(row.call_off, row.id);
    stored.add(k);
    const expected = replayed.get(k);
    if (!expected) {
      report(`${label(row.call_off, row.id)} finns i registret men saknar händelser i kedjan.`);
      continue;
    }
    if (receiptNumber(row.id) !== Number(row.receipt_no)) {
      report(`${label(row.call_off, row.id)}: löpnumret ${row.receipt_no} stämmer inte med id:t.`);
    }
    let actual: RegisterEntry;
    try {
      actual = rowToEntry(row);
    } catch {
      report(`${label(row.call_off, row.id)}: raden är inte läsbar (den har ändrats).`);
      continue;
    }
    const fields = differingFields(expected, actual);
    if (fields.length > 0) {
      report(
        `${label(row.call_off, row.id)}: ${fields.join(', ')} stämmer inte med händelsekedjan (raden har ändrats).`,
      );
    }
  }
  for (const [k, entry] of replayed) {
    if (!stored.has(k)) report(`${label(entry.callOff, entry.id)} finns i händelsekedjan men saknas i registret.`);
  }
}

/** The delivery index must say exactly what the received/refused events say. */
function checkDeliveries(rows: DeliveryRow[], seen: Map<string, SeenDelivery>, report: Report): void {
  const indexed = new Set<string>();
  for (const d of rows) {
    indexed.add(d.delivery_id);
    const ev = seen.get(d.delivery_id);
    if (!ev || ev.callOff !== d.call_off || ev.entryId !== d.entry_id) {
      report(`Leveransregistret pekar på en händelse som inte finns eller inte stämmer (händelse ${d.seq}).`);
    }
  }
  for (const [id, ev] of seen) {
    if (!indexed.has(id)) report(`Händelse ${ev.seq}: leverans-id:t saknas i leveransregistret.`);
  }
}

/** Swedish names of the entry fields, for the buyer reading the report. */
const FIELD_NAMES: Record<string, string> = {
  status: 'status',
  receivedAt: 'mottagningstid',
  deliveryId: 'leverans-id',
  asker: 'frågeställare',
  question: 'frågetext',
  publicQuestion: 'publik formulering',
  botAnswer: 'botens svar',
  answer: 'officiellt svar',
  publishedAt: 'publiceringstid',
  faqNumber: 'nummer i frågor och svar',
  id: 'id',
  callOff: 'avrop',
};

function differingFields(expected: RegisterEntry, actual: RegisterEntry): string[] {
  return (Object.keys(FIELD_NAMES) as (keyof RegisterEntry)[])
    .filter((f) => canonicalJson(expected[f] ?? null) !== canonicalJson(actual[f] ?? null))
    .map((f) => FIELD_NAMES[f] ?? f);
}
