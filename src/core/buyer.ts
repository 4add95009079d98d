/**
 * The buyer's workflow: review the register, word the anonymised public
 * question, write the official answer, publish, withdraw, and the FAQ content.
 * The CLI and the web page both call these; neither has rules of its own.
 */
import { findCallOff } from './ask.js';
import type { ChainHead } from './chainHead.js';
import { deadlineCutoff } from './deadline.js';
import { CodedError } from './errors.js';
import type { Anonymiser, Clock, EntryFilter, Logger, QuestionRegister, VerifyOptions, VerifyReport } from './ports.js';
import { normaliseReceiptId } from './registerRules.js';
import type { CallOff, EntryStatus, RegisterEntry, RegisterEvent } from './types.js';

/** LOU 12 kap. 11 §: additional information at the latest six days before the tender deadline. */
export const LOU_MIN_DAYS_BEFORE_TENDER_DEADLINE = 6;

export interface FaqContent {
  callOff: { id: string; reference: string; title: string; buyer: string; timezone: string };
  exportedAt: string;
  items: { number: number; question: string; answer: string; publishedAt: string; amendedAt?: string }[];
  /** The register's chain head at export: printed on the document, so a copy outside the database can prove it. */
  registerHead: ChainHead;
  /** Swedish, once the tender deadline has passed: says that the tender period has ended. */
  tenderPeriodNote?: string;
}

/** The register of one call-off for the authority's diary: every entry with its whole history. */
export interface RegisterRecords {
  callOff: { id: string; reference: string; title: string; buyer: string; timezone: string };
  exportedAt: string;
  entries: { entry: RegisterEntry; events: RegisterEvent[] }[];
  /** Read after the entries, so it covers every event the export shows. */
  registerHead: ChainHead;
}

/** When a published item was last corrected (its last `published_edited` event), if ever. */
export function amendedAt(events: readonly RegisterEvent[]): string | null {
  let last: string | null = null;
  for (const ev of events) if (ev.type === 'published_edited') last = ev.at;
  return last;
}

export interface ActionResult {
  entries: RegisterEntry[];
  /** Swedish warnings for the buyer (not errors: the action was carried out). */
  warnings: string[];
  /** After a publication: the chain head that records it, for the buyer's diary. */
  head?: ChainHead;
}

export interface BuyerDeps {
  callOffs: readonly CallOff[];
  register: QuestionRegister;
  anonymiser: Anonymiser;
  clock: Clock;
  logger: Logger;
}

export function createBuyerWorkflow(deps: BuyerDeps) {
  const { register, anonymiser, clock, logger } = deps;
  const now = () => clock.now().toISOString();

  async function requireEntry(callOffId: string, id: string): Promise<RegisterEntry> {
    findCallOff(deps.callOffs, callOffId);
    // Buyers type receipt numbers by hand: "F-0001", "f-1" and "1" are the same question.
    const entry = await register.get(callOffId, normaliseReceiptId(id));
    if (!entry) throw new CodedError('entry_not_found', `Det finns ingen fråga ${id} i avropet ${callOffId}.`);
    return entry;
  }

  /** The buyer's wording is masked too: a published question never names the asker. */
  const mask = (entry: RegisterEntry, text: string) => anonymiser.anonymise(text, entry.asker).text;

  return {
    async list(filter: EntryFilter = {}): Promise<RegisterEntry[]> {
      if (filter.callOff) findCallOff(deps.callOffs, filter.callOff);
      return register.list(filter);
    },

    async show(callOffId: string, id: string): Promise<{ entry: RegisterEntry; events: RegisterEvent[] }> {
      const entry = await requireEntry(callOffId, id);
      return { entry, events: await register.events(callOffId, entry.id) };
    },

    async answer(
      callOffId: string,
      id: string,
      input: { answer: string; publicQuestion?: string },
      actor: string,
    ): Promise<RegisterEntry> {
      const entry = await requireEntry(callOffId, id);
      const publicQuestion = input.publicQuestion === undefined ? undefined : mask(entry, input.publicQuestion);
      const updated = await register.update(
        callOffId,
        entry.id,
        { type: 'answer', answer: input.answer, ...(publicQuestion === undefined ? {} : { publicQuestion }) },
        actor,
        now(),
      );
      logger.info('buyer answered', { callOff: callOffId, receipt: entry.id, actor });
      return updated;
    },

    async editPublicQuestion(callOffId: string, id: string, text: string, actor: string): Promise<RegisterEntry> {
      const entry = await requireEntry(callOffId, id);
      return register.update(
        callOffId,
        entry.id,
        { type: 'edit_public_question', publicQuestion: mask(entry, text) },
        actor,
        now(),
      );
    },

    async publish(callOffId: string, ids: string[], actor: string): Promise<ActionResult> {
      const callOff = findCallOff(deps.callOffs, callOffId);
      const entries: RegisterEntry[] = [];
      for (const id of ids) {
        const entry = await requireEntry(callOffId, id);
        entries.push(await register.update(callOffId, entry.id, { type: 'publish' }, actor, now()));
        logger.info('buyer published', { callOff: callOffId, receipt: entry.id, actor });
      }
      const warning = publicationTimingWarning(callOff, clock.now());
      const head = await register.chainHead();
      // The operator's log keeps a copy of the head outside the database at every publication.
      logger.info('register: chain head', { seq: head.seq, hash: head.hash, reason: 'publication' });
      return { entries, warnings: warning ? [warning] : [], head };
    },

    async unpublish(callOffId: string, ids: string[], actor: string): Promise<ActionResult> {
      const entries: RegisterEntry[] = [];
      for (const id of ids) {
        const entry = await requireEntry(callOffId, id);
        entries.push(await register.update(callOffId, entry.id, { type: 'unpublish' }, actor, now()));
        logger.info('buyer unpublished', { callOff: callOffId, receipt: entry.id, actor });
      }
      return { entries, warnings: [] };
    },

    async faq(callOffId: string): Promise<FaqContent> {
      const callOff = findCallOff(deps.callOffs, callOffId);
      const published = await register.published(callOffId);
      // "Ändrad <date>" comes from the history itself: the last correction of each published item.
      const amended = new Map<number, string>();
      for (const e of await register.list({ callOff: callOffId, status: 'published' })) {
        const at = e.faqNumber === null ? null : amendedAt(await register.events(callOffId, e.id));
        if (at !== null && e.faqNumber !== null) amended.set(e.faqNumber, at);
      }
      const tenderPeriodNote = tenderPeriodEndedNote(callOff, clock.now());
      // Read after the entries: the head then covers every publication the document shows.
      const registerHead = await register.chainHead();
      return {
        callOff: documentHeader(callOff),
        exportedAt: now(),
        items: published.map((p) => ({
          number: p.faqNumber,
          question: p.question,
          answer: p.answer,
          publishedAt: p.publishedAt,
          ...(amended.has(p.faqNumber) ? { amendedAt: amended.get(p.faqNumber) } : {}),
        })),
        registerHead,
        ...(tenderPeriodNote ? { tenderPeriodNote } : {}),
      };
    },

    async records(callOffId: string): Promise<RegisterRecords> {
      const callOff = findCallOff(deps.callOffs, callOffId);
      const list = await register.list({ callOff: callOffId });
      const entries = [];
      for (const entry of list) entries.push({ entry, events: await register.events(callOffId, entry.id) });
      entries.sort((a, b) => a.entry.id.localeCompare(b.entry.id));
      const registerHead = await register.chainHead();
      return {
        callOff: documentHeader(callOff),
        exportedAt: now(),
        entries,
        registerHead,
      };
    },

    verify(options: VerifyOptions = {}): Promise<VerifyReport> {
      return register.verify(options);
    },

    purge(callOffId: string, actor: string): Promise<number> {
      findCallOff(deps.callOffs, callOffId);
      return register.purge(callOffId, actor, now());
    },
  };
}

export type BuyerWorkflow = ReturnType<typeof createBuyerWorkflow>;

/** Counts per status, for the buyer's overview (from a list already read). */
export function statusCounts(entries: readonly RegisterEntry[]): Record<EntryStatus, number> {
  const counts: Record<EntryStatus, number> = { received: 0, answered: 0, published: 0 };
  for (const e of entries) counts[e.status] += 1;
  return counts;
}

/**
 * LOU 12 kap. 11 §: answers must reach suppliers at the latest six days before
 * the tender deadline. Later publication is allowed (the buyer decides, e.g. by
 * extending the tender period) but the buyer is told. Only for a publication
 * while tenders can still be submitted: after the tender deadline the six days
 * mean nothing any more (an export is not a publication, so it never warns).
 */
export function publicationTimingWarning(callOff: CallOff, at: Date): string | null {
  if (!callOff.tenderDeadline) return null;
  const deadline = deadlineCutoff(callOff.tenderDeadline, callOff.timezone);
  const latest = deadline.getTime() - LOU_MIN_DAYS_BEFORE_TENDER_DEADLINE * 86_400_000;
  if (at.getTime() <= latest || at.getTime() >= deadline.getTime()) return null;
  return (
    `Varning: publiceringen sker mindre än ${LOU_MIN_DAYS_BEFORE_TENDER_DEADLINE} dagar före sista anbudsdag ` +
    `(${callOff.tenderDeadline.replace('T', ' ')}). Enligt LOU 12 kap. 11 § ska kompletterande upplysningar lämnas ` +
    `senast ${LOU_MIN_DAYS_BEFORE_TENDER_DEADLINE} dagar före sista anbudsdag; överväg att förlänga anbudstiden.`
  );
}

/** "Anbudstiden gick ut ..." once the tender deadline has passed, for the FAQ page and every export. */
export function tenderPeriodEndedNote(callOff: CallOff, at: Date): string | null {
  if (!callOff.tenderDeadline) return null;
  const deadline = deadlineCutoff(callOff.tenderDeadline, callOff.timezone);
  if (at.getTime() < deadline.getTime()) return null;
  return `Anbudstiden har gått ut (sista anbudsdag var ${callOff.tenderDeadline.replace('T', ' ')}).`;
}

/** What an exported document says of its call-off (the FAQ and the register export alike). */
function documentHeader(callOff: CallOff): Pick<CallOff, 'id' | 'reference' | 'title' | 'buyer' | 'timezone'> {
  const { id, reference, title, buyer, timezone } = callOff;
  return { id, reference, title, buyer, timezone };
}
