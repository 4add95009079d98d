/**
 * Input validation of a supplier's question, before anything is registered.
 * Empty, over-long, binary or control-character input is refused with a reason
 * the reply can explain in Swedish; nothing is registered for it.
 */
export const MAX_QUESTION_CHARS = 4000;

export type InvalidReason = 'empty' | 'too_long' | 'not_text';

export type Validation = { ok: true; text: string } | { ok: false; reason: InvalidReason };

// C0 controls except tab, LF and CR; DEL; C1 controls; U+FFFD (what undecodable bytes become).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
// A lone UTF-16 surrogate: not text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Invisible formatting that only hides things (zero-width, bidi overrides): dropped, not refused.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export function validateQuestion(input: unknown): Validation {
  if (typeof input !== 'string') return { ok: false, reason: 'not_text' };
  if (CONTROL.test(input) || LONE_SURROGATE.test(input)) return { ok: false, reason: 'not_text' };
  const text = input.normalize('NFC').replace(INVISIBLE, '').replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  if (text.length > MAX_QUESTION_CHARS) return { ok: false, reason: 'too_long' };
  return { ok: true, text };
}
