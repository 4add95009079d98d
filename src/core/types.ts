/**
 * Domain types shared by every part of avropsbot. Pure data: no I/O, no SDKs.
 * Channels, the register, retrieval and answering all speak in these terms.
 */

/** A call-off (avropsförfrågan) as configured in knowledge/<id>/call-off.json. */
export interface CallOff {
  id: string;
  reference: string;
  title: string;
  buyer: string;
  /** IANA zone; times without offset in this file are local times here. */
  timezone: string;
  publishedAt?: string;
  /** "YYYY-MM-DD" (the whole day) or a local date-time "YYYY-MM-DDTHH:mm". */
  questionDeadline: string;
  tenderDeadline?: string;
  /** Slack channel ids that belong to this call-off (when several are configured). */
  slackChannels?: string[];
  /** Teams conversation or team ids that belong to this call-off. */
  teamsConversations?: string[];
  /** Absolute path of the call-off folder. */
  dir: string;
}

/** One numbered section recovered from a document. */
export interface Section {
  /** File name relative to the call-off folder, e.g. "avropsforfragan.txt". */
  document: string;
  /** "1.12.4"; "" only for a preamble that has no number. */
  number: string;
  heading: string;
  /**
   * The section's body text, normalised: furniture removed, wrapped lines of a
   * paragraph joined with one space, paragraphs separated by "\n". Citations
   * quote substrings of exactly this text.
   */
  text: string;
  /** 1-based page where the section starts, when the format has pages. */
  page: number | null;
}

/** A retrievable unit: a section or a window of a long one, or a published answer. */
export interface Chunk {
  /** Stable id: same content in the same place gives the same id across ingests. */
  id: string;
  kind: 'document' | 'published_answer';
  document: string;
  section: string;
  heading: string;
  /** A verbatim substring of the section's text (or of the published answer). */
  text: string;
  page: number | null;
  /** Set for kind "published_answer". */
  faqNumber?: number;
}

export interface Passage {
  chunk: Chunk;
  /** Fused relevance score; only comparable within one result list. */
  score: number;
  /**
   * The two retrieval signals behind the fused score, each relative to the
   * best of the result list (0..1): BM25 and vector similarity. Absent when
   * the passage did not come from the knowledge base's ranking.
   * `questionWeight` is the question's own, the same for every passage of
   * one result: the BM25 score a passage holding all its terms would reach
   * (src/retrieval/bm25.ts attainableScore), an absolute measure where the
   * other two are relative.
   */
  signals?: { lexical: number; vector: number; questionWeight?: number };
}

export interface Citation {
  document: string;
  section: string;
  heading: string;
  /** Verbatim substring of the cited section's text. */
  quote: string;
  page?: number | null;
}

export type ReplyStatus = 'answered' | 'not_in_documents' | 'deadline_passed' | 'invalid_question';

export interface BotAnswer {
  status: ReplyStatus;
  answer: string;
  citations: Citation[];
  /**
   * With `not_in_documents` only: the one or two best-ranked sections, quoted
   * verbatim, shown as possibly relevant and never as the answer.
   */
  related?: Citation[];
}

export type Channel = 'cli' | 'slack' | 'teams' | 'web';

export interface Asker {
  channel: Channel;
  /** Platform user id (Slack U..., Teams AAD object id); never published. */
  userId?: string | null;
  name?: string | null;
  org?: string | null;
}

/**
 * A reply owed to the asker, registered with the question (write-ahead), so an
 * instance that dies before replying leaves it for the next one to answer.
 * Not part of the hash chain; deleted once the reply is posted.
 */
export interface ReplyTo {
  /** JSON text: where the channel posts the reply (opaque to the core). */
  target: string;
  /** The process that replies now (it is answering the question it received). */
  claimedBy: string;
  /** ISO 8601 UTC, wall clock: the start of that claim's lease. */
  claimedAt: string;
}

/** What every channel turns its event into. */
export interface IncomingQuestion {
  callOffId: string;
  text: string;
  asker: Asker;
  receivedAt: Date;
  /** Slack event_id, Teams activity id, ...: a retry of the same delivery is one question. */
  deliveryId?: string | null;
  /** Chat channels: where the reply is owed, registered with the question (see ports.ReplyTo). */
  replyTo?: ReplyTo | null;
}

export interface Receipt {
  /** "F-0001", per call-off. */
  id: string;
  /** ISO 8601 UTC with milliseconds. */
  receivedAt: string;
}

/** What every channel renders. Same shape as `ask --json`. */
export interface Reply {
  callOff: string;
  status: ReplyStatus;
  answer: string;
  citations: Citation[];
  /** See BotAnswer.related. */
  related?: Citation[];
  question: Receipt | null;
  /** True when this delivery was seen before: channels must not reply again. */
  duplicate?: boolean;
}

export type EntryStatus = 'received' | 'answered' | 'published';

/** One question in the register, as the buyer sees it. */
export interface RegisterEntry {
  id: string;
  callOff: string;
  status: EntryStatus;
  receivedAt: string;
  deliveryId: string | null;
  asker: Asker;
  /** The supplier's own words, unchanged. */
  question: string;
  /** Anonymised wording proposed for publication; editable by the buyer. */
  publicQuestion: string;
  botAnswer: BotAnswer | null;
  /** The buyer's official answer. */
  answer: string | null;
  publishedAt: string | null;
  faqNumber: number | null;
}

export type RegisterEventType =
  | 'received'
  | 'bot_answered'
  | 'refused_late'
  | 'public_question_edited'
  | 'answered'
  | 'published'
  /** A correction of a published item: it stays published under its number; data holds old and new text. */
  | 'published_edited'
  | 'unpublished'
  | 'purged';

/** One row of the append-only, hash-chained audit trail. */
export interface RegisterEvent {
  seq: number;
  callOff: string;
  entryId: string | null;
  type: RegisterEventType;
  /** "supplier:slack", "buyer:cli", "buyer:web", "system", "system:llm": never a user id (a purge cannot erase it). */
  actor: string;
  at: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface PublishedAnswer {
  callOff: string;
  faqNumber: number;
  question: string;
  answer: string;
  publishedAt: string;
}
