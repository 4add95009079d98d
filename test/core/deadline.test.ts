// The question deadline policy: the whole configured day, in the call-off's zone, DST-safe.
import { describe, expect, it } from 'vitest';
import { describeQuestionDeadline, isQuestionLate, questionCutoff } from '../../src/core/deadline.js';
import { parseIsoInZone } from '../../src/core/time.js';

const winter = { questionDeadline: '2026-01-29', timezone: 'Europe/Stockholm' };
const at = (iso: string) => parseIsoInZone(iso, 'Europe/Stockholm');

describe('date-only deadline in winter (CET, +01:00)', () => {
  it('accepts the last millisecond of the day', () => {
    expect(isQuestionLate(winter, at('2026-01-29T23:59:59+01:00'))).toBe(false);
    expect(isQuestionLate(winter, at('2026-01-29T23:59:59.999+01:00'))).toBe(false);
  });
  it('refuses midnight the next day', () => {
    expect(isQuestionLate(winter, at('2026-01-30T00:00:00+01:00'))).toBe(true);
  });
  it('refuses 23:30 UTC, which is 00:30 in Stockholm', () => {
    expect(isQuestionLate(winter, at('2026-01-29T23:30:00Z'))).toBe(true);
  });
  it('accepts 22:59:59 UTC, which is 23:59:59 in Stockholm', () => {
    expect(isQuestionLate(winter, at('2026-01-29T22:59:59Z'))).toBe(false);
  });
  it('reads a time without offset as Stockholm time', () => {
    expect(isQuestionLate(winter, at('2026-01-29T23:59'))).toBe(false);
    expect(isQuestionLate(winter, at('2026-01-30T00:00'))).toBe(true);
  });
  it('puts the cutoff at 23:00 UTC', () => {
    expect(questionCutoff(winter).toISOString()).toBe('2026-01-29T23:00:00.000Z');
  });
});

describe('date-only deadline in summer (CEST, +02:00)', () => {
  const summer = { questionDeadline: '2026-06-15', timezone: 'Europe/Stockholm' };
  it('puts the cutoff at 22:00 UTC', () => {
    expect(questionCutoff(summer).toISOString()).toBe('2026-06-15T22:00:00.000Z');
  });
  it('accepts 23:59:59+02:00 and refuses 22:30Z (00:30 CEST)', () => {
    expect(isQuestionLate(summer, at('2026-06-15T23:59:59+02:00'))).toBe(false);
    expect(isQuestionLate(summer, at('2026-06-15T22:30:00Z'))).toBe(true);
  });
});

describe('deadlines across the DST changes', () => {
  it('the day the clocks go forward (2026-03-29) ends at 22:00 UTC', () => {
    expect(questionCutoff({ questionDeadline: '2026-03-29', timezone: 'Europe/Stockholm' }).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });
  it('the day before the clocks go back (2026-10-24) ends at 22:00 UTC; that day itself at 23:00 UTC', () => {
    expect(questionCutoff({ questionDeadline: '2026-10-24', timezone: 'Europe/Stockholm' }).toISOString()).toBe(
      '2026-10-24T22:00:00.000Z',
    );
    expect(questionCutoff({ questionDeadline: '2026-10-25', timezone: 'Europe/Stockholm' }).toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
  });
  it('other zones work the same way', () => {
    expect(questionCutoff({ questionDeadline: '2026-01-29', timezone: 'America/New_York' }).toISOString()).toBe(
      '2026-01-30T05:00:00.000Z',
    );
  });
});

describe('deadline with a time', () => {
  const noon = { questionDeadline: '2026-01-29T12:00', timezone: 'Europe/Stockholm' };
  it('is in time through that minute', () => {
    expect(isQuestionLate(noon, at('2026-01-29T12:00:59'))).toBe(false);
    expect(isQuestionLate(noon, at('2026-01-29T12:01:00'))).toBe(true);
  });
  it('is described with the time', () => {
    expect(describeQuestionDeadline(noon)).toBe('2026-01-29 kl. 12:00');
    expect(describeQuestionDeadline(winter)).toBe('2026-01-29');
  });
});
