// Input validation: empty, too long, binary and control characters are refused; ordinary text passes.
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS, validateQuestion } from '../../src/core/validation.js';

describe('validateQuestion', () => {
  it('accepts Swedish text with newlines and tabs, trimmed and NFC-normalised', () => {
    const r = validateQuestion('  Ma\u030Aste anbudet\tvara på svenska?\r\nTack  ');
    expect(r).toEqual({ ok: true, text: 'Måste anbudet\tvara på svenska?\nTack' });
  });
  it('refuses empty and white-space-only input', () => {
    expect(validateQuestion('')).toEqual({ ok: false, reason: 'empty' });
    expect(validateQuestion(' \n\t ')).toEqual({ ok: false, reason: 'empty' });
    expect(validateQuestion('\u200B')).toEqual({ ok: false, reason: 'empty' });
  });
  it('refuses more than the limit, accepts exactly the limit', () => {
    expect(validateQuestion('a'.repeat(MAX_QUESTION_CHARS))).toMatchObject({ ok: true });
    expect(validateQuestion('a'.repeat(MAX_QUESTION_CHARS + 1))).toEqual({ ok: false, reason: 'too_long' });
  });
  it('refuses binary and control characters', () => {
    expect(validateQuestion('hej\u0000då')).toEqual({ ok: false, reason: 'not_text' });
    expect(validateQuestion('\u001b[31mröd')).toEqual({ ok: false, reason: 'not_text' });
    expect(validateQuestion(Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('utf8'))).toEqual({
      ok: false,
      reason: 'not_text',
    });
    expect(validateQuestion('\uD800abc')).toEqual({ ok: false, reason: 'not_text' });
  });
  it('refuses what is not a string', () => {
    expect(validateQuestion(42)).toEqual({ ok: false, reason: 'not_text' });
    expect(validateQuestion(undefined)).toEqual({ ok: false, reason: 'not_text' });
  });
  it('drops invisible bidi overrides rather than refusing', () => {
    expect(validateQuestion('Gäller\u202E kravet?')).toEqual({ ok: true, text: 'Gäller kravet?' });
  });
});
