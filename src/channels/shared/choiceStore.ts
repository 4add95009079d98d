/**
 * Remembers which call-off a conversation is about, once the supplier has
 * chosen (several call-offs, a DM or an unmapped conversation). Kept in a small
 * JSON file under the data dir, written atomically (temp file + rename).
 * One instance only: several instances would want this in the register DB,
 * next to the questions, so that every instance sees the same choice.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/ports.js';

export const CHOICES_FILE = 'conversation-call-offs.json';

export class ChoiceStore {
  private readonly file: string;
  private choices: Record<string, string> = {};

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    const dir = path.join(dataDir, 'channels');
    this.file = path.join(dir, CHOICES_FILE);
    mkdirSync(dir, { recursive: true });
    this.choices = this.load();
  }

  get(conversation: string): string | undefined {
    return Object.hasOwn(this.choices, conversation) ? this.choices[conversation] : undefined;
  }

  set(conversation: string, callOffId: string): void {
    this.choices = { ...this.choices, [conversation]: callOffId };
    this.save();
  }

  /**
   * Forgets every conversation that chose this call-off: a 1:1 chat id points at
   * a person, so a purge of the call-off's personal data removes these too.
   * Returns how many were forgotten.
   */
  forgetCallOff(callOffId: string): number {
    const kept = Object.entries(this.choices).filter(([, id]) => id !== callOffId);
    const forgotten = Object.keys(this.choices).length - kept.length;
    if (forgotten > 0) {
      this.choices = Object.fromEntries(kept);
      this.save();
    }
    return forgotten;
  }

  private save(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.choices, null, 2)}\n`, 'utf8');
    renameSync(tmp, this.file);
  }

  private load(): Record<string, string> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.fromEntries(
          Object.entries(parsed as Record<string, unknown>).filter(
            (e): e is [string, string] => typeof e[1] === 'string',
          ),
        );
      }
    } catch {
      // Fall through: a damaged file must not stop the server; suppliers are asked again.
    }
    this.logger.warn('channels: conversation call-off choices unreadable, starting empty', { file: this.file });
    return {};
  }
}
