/**
 * Ports: what the core needs from the outside world, as interfaces.
 * Adapters (SQLite/PostgreSQL register, hnswlib retrieval, LangChain, Slack,
 * Teams, the CLI) implement or call these; the core imports none of them.
 */
import type { ChainHead } from './chainHead.js';
import type {
  Asker,
  BotAnswer,
  CallOff,
  EntryStatus,
  Passage,
  PublishedAnswer,
  RegisterEntry,
  RegisterEvent,
  ReplyTo,
} from './types.js';

export interface Clock {
  now(): Date;
}

export type LogFields = Record<string, unknown>;
/** One logger shape everywhere. Log receipt ids, never question text or names (GDPR). */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

// ---------------------------------------------------------------- register

export interface NewQuestion {
  callOff: string;
  asker: Asker;
  question: string;
  publicQuestion: string;
  /** ISO 8601 UTC. */
  receivedAt: string;
  deliveryId: string | null;
  /** Where the reply is owed (chat channels): stored in the same transaction as the question. */
  replyTo?: ReplyTo | null;
}

export interface Refusal {
  callOff: string;
  asker: Asker;
  question: string;
  receivedAt: string;
  deliveryId: string | null;
  reason: 'deadline_passed';
}

/** A buyer's change to an entry; the rules for it live in core/registerRules.ts. */
export type BuyerAction =
  | { type: 'answer'; answer: string; publicQuestion?: string }
  | { type: 'edit_public_question'; publicQuestion: string }
  | { type: 'publish' }
  | { type: 'unpublish' };

export interface VerifyReport {
  ok: boolean;
  events: number;
  entries: number;
  /** Swedish, for the buyer: what is wrong and where. Empty when ok. */
  problems: string[];
  /** The last event the chain actually holds (seq 0 and the genesis hash when empty). */
  head: ChainHead;
  /** With `expectHead`: that head, and whether the chain still holds it. */
  expectedHead?: ChainHead & { held: boolean };
}

export interface VerifyOptions {
  /** A head kept outside the database: the chain must still hold this event with this hash. */
  expectHead?: ChainHead;
}

export interface EntryFilter {
  callOff?: string;
  status?: EntryStatus;
}

/**
 * The question register: the authority's record of what arrived and when.
 * Every change appends one hash-chained event and updates the entry in the
 * same transaction. Backends: SQLite (default) and PostgreSQL.
 */
export interface QuestionRegister {
  /**
   * Write-ahead: called before any slow work. Idempotent on deliveryId (unique
   * across call-offs and instances): a repeat returns the first entry with
   * created=false. Allocates the receipt id F-0001, F-0002, ... per call-off
   * without gaps or duplicates.
   */
  receive(q: NewQuestion): Promise<{ entry: RegisterEntry; created: boolean }>;
  recordBotAnswer(callOff: string, id: string, answer: BotAnswer, at: string): Promise<void>;
  /** A late question: an audit event only, no entry. Idempotent on deliveryId. */
  recordRefusal(r: Refusal): Promise<{ created: boolean }>;
  /** Applies a buyer action (see core/registerRules.ts); allocates FAQ numbers on first publication. */
  update(callOff: string, id: string, action: BuyerAction, actor: string, at: string): Promise<RegisterEntry>;
  list(filter?: EntryFilter): Promise<RegisterEntry[]>;
  get(callOff: string, id: string): Promise<RegisterEntry | null>;
  /** The entry's history, oldest first. */
  events(callOff: string, id: string): Promise<RegisterEvent[]>;
  /** Published entries of one call-off, by FAQ number. */
  published(callOff: string): Promise<PublishedAnswer[]>;
  /** Recomputes the hash chain and replays it against the entries (and checks a kept head). */
  verify(options?: VerifyOptions): Promise<VerifyReport>;
  /** The current head of the hash chain, for exports and logs to carry outside the database. */
  chainHead(): Promise<ChainHead>;
  /** Removes personal data (names, organisations, the suppliers' own words) of a closed call-off. */
  purge(callOff: string, actor: string, at: string): Promise<number>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- knowledge

/**
 * Finds passages for a question among one call-off's documents and the given
 * published answers. It is never given unpublished register content.
 */
export interface Retriever {
  retrieve(callOff: CallOff, question: string, published: PublishedAnswer[]): Promise<Passage[]>;
}

export interface ComposeInput {
  callOff: CallOff;
  question: string;
  passages: Passage[];
}

/** Turns passages into a grounded Swedish answer (extractive, or LLM with fallback). */
export interface Composer {
  compose(input: ComposeInput): Promise<BotAnswer>;
}

/** Text -> vectors. Offline hashed sub-words, or an OpenAI-compatible endpoint. */
export interface Embedder {
  /** Identifies model and dimension, e.g. "hashed-ngram-v1:256"; part of cache keys. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: string[]): Promise<number[][]>;
}

// ---------------------------------------------------------------- anonymisation

export interface MaskedSpan {
  /** Offsets in the anonymised output text. */
  start: number;
  end: number;
  kind:
    | 'name'
    | 'org'
    | 'email'
    | 'phone'
    | 'personnummer'
    | 'orgnr'
    | 'url'
    | 'address'
    | 'birthdate'
    | 'self_reference';
}

export interface AnonymisedText {
  text: string;
  spans: MaskedSpan[];
}

export interface Anonymiser {
  anonymise(text: string, asker: Pick<Asker, 'name' | 'org'>): AnonymisedText;
}

// ---------------------------------------------------------------- wording

/** The Swedish wording of replies the core decides on its own (implemented in src/answering/messages.ts). */
export interface ReplyTexts {
  notInDocumentsAnswer(): string;
  deadlinePassedAnswer(deadline: string, callOffReference: string): string;
  invalidQuestionAnswer(reason: 'empty' | 'too_long' | 'not_text', limit?: number): string;
  /** The question is registered but could not be answered automatically right now (index or endpoint fault). */
  unavailableAnswer(): string;
  /**
   * The question is registered as `receipt`, but the bot's answer could not be
   * recorded (the register failed after receiving it): the answer follows later,
   * or the buyer answers. Falls back to unavailableAnswer() where absent.
   */
  answerPendingAnswer?(receipt: string): string;
}
