/** Unit tests for the register's small input helpers: receipt ids, storable text, instants, DATABASE_URL. */
import { describe, expect, it } from 'vitest';
import { normaliseReceiptId, receiptNumber } from '../../src/core/registerRules.js';
import { requireInstant, storableText } from '../../src/register/input.js';
import { parsePgUrl } from '../../src/register/postgres/url.js';

describe('receipt ids as a buyer types them', () => {
  it('reads F-0007, f-7, F7 and 7 as receipt 7', () => {
    for (const id of ['F-0007', 'f-7', 'F7', '7', ' F-007 ']) expect(receiptNumber(id)).toBe(7);
    expect(normaliseReceiptId('f-12')).toBe('F-0012');
    expect(normaliseReceiptId('F-12345')).toBe('F-12345');
  });

  it('leaves anything else alone, so it is simply not found', () => {
    for (const id of ['', 'F-', 'F-0', 'G-1', '1.5', 'F-1; DROP TABLE']) expect(receiptNumber(id)).toBeNull();
    expect(normaliseReceiptId('G-1')).toBe('G-1');
  });
});

describe('storable text', () => {
  it('keeps Swedish letters, emoji and combining marks exactly', () => {
    const text = 'Åre, Västerås, Örebro 🇸🇪 e\u0301';
    expect(storableText(text, 'question')).toBe(text);
  });

  it('replaces lone surrogates and refuses NUL', () => {
    expect(storableText('a\uD800b\uDC00c', 'question')).toBe('a\uFFFDb\uFFFDc');
    expect(() => storableText('a\u0000b', 'question')).toThrow(/NUL/);
  });
});

describe('instants', () => {
  it('normalises any zone to UTC with milliseconds', () => {
    expect(requireInstant('2026-01-29T23:59:59.999+01:00', 'at')).toBe('2026-01-29T22:59:59.999Z');
    expect(requireInstant('2026-03-29T03:30:00+02:00', 'at')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses local times and nonsense', () => {
    for (const v of ['2026-01-29T23:59', '2026-01-29', 'imorgon', '2026-13-40T10:00:00Z']) {
      expect(() => requireInstant(v, 'at')).toThrow(/ISO 8601 med tidszon/);
    }
  });
});

describe('DATABASE_URL', () => {
  it('takes the schema from ?schema= and passes it as search_path, never showing the password', () => {
    const t = parsePgUrl('postgres://app:s3cret@db.example:6543/avrop?schema=reg_a&sslmode=disable');
    expect(t.schema).toBe('reg_a');
    expect(t.options).toBe('-c search_path=reg_a');
    expect(t.connectionString).not.toContain('schema=');
    expect(t.connectionString).toContain('sslmode=disable');
    expect(t.display).toBe('app@db.example:6543/avrop');
  });

  it('takes the schema from options=-c search_path=...', () => {
    const t = parsePgUrl('postgres://app@h/db?options=-c%20search_path%3Dreg_b');
    expect(t.schema).toBe('reg_b');
    expect(t.options).toBe('-c search_path=reg_b');
  });

  it('uses the server default without either', () => {
    const t = parsePgUrl('postgresql://app@h/db');
    expect(t.schema).toBeNull();
    expect(t.options).toBeUndefined();
  });
});
