/**
 * The port the desk keeps conversation state through: the call-off a chat
 * conversation chose, and the questions held until the supplier chooses.
 * Kept in the register's database (src/register/conversations.ts), so every
 * instance behind a load balancer sees the same choice and a restart between
 * question and choice loses nothing. The desk knows no SQL.
 */
import type { Asker } from '../../core/types.js';

/** A question waiting for the supplier's choice of call-off. */
export interface HeldQuestion {
  /** The platform's delivery id: unique, so a retried delivery is held once. */
  deliveryId: string;
  conversationKey: string;
  /** When the question reached us: the register gets this, not the time of the choice. */
  receivedAt: Date;
  asker: Asker & { userId: string };
  text: string;
  /** Where to post the answer later; must survive JSON (no functions). */
  target: unknown;
}

export type HoldResult = 'held' | 'already_held' | { chosen: string };

export interface ConversationStore {
  /** The call-off id this conversation chose, if any. */
  choiceOf(conversationKey: string): Promise<string | undefined>;
  /**
   * Holds a question (dropping expired ones, keeping at most the newest per
   * conversation). 'already_held' when this delivery id is held already.
   * With `callOffIds`: if the conversation has meanwhile chosen one of them
   * (a click handled elsewhere at the same moment), nothing is held and the
   * choice is returned, so the question is asked at once instead of waiting
   * for a choice that was already made. Serialised with `choose` per conversation.
   */
  hold(question: HeldQuestion, now?: Date, callOffIds?: readonly string[]): Promise<HoldResult>;
  /**
   * Remembers the choice and claims the conversation's held questions, oldest
   * first, in one transaction. A claimed question stays held until `release`:
   * within a short lease it is handed to no other caller (whichever instance
   * handles the click), and after the lease it is handed out again, so a
   * claimer that died or could not register it loses nothing.
   */
  choose(conversationKey: string, callOffId: string, now?: Date): Promise<HeldQuestion[]>;
  /**
   * Claims, like `choose` but without saving a choice, the held questions a
   * claimer left behind (lease run out, never released), if the conversation
   * has still chosen `callOffId`. For a question arriving in a conversation
   * whose choice is made: no click may ever come again there.
   */
  retake(conversationKey: string, callOffId: string, now?: Date): Promise<HeldQuestion[]>;
  /** Deletes a claimed question once the register has it. Returns whether it was still held. */
  release(deliveryId: string): Promise<boolean>;
  /**
   * Forgets every conversation that chose this call-off (a 1:1 chat id points
   * at a person). Returns how many were forgotten.
   */
  forgetCallOff(callOffId: string): Promise<number>;
  /** Deletes held questions past their time to live (they carry personal data). Returns how many. */
  dropExpired(now?: Date): Promise<number>;
}
