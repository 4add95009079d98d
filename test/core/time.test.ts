// ISO 8601 parsing in a zone and local formatting: what --at and call-off.json rely on.
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../src/core/errors.js';
import { formatLocal, parseIsoInZone, zonedToUtc, zoneLabel } from '../../src/core/time.js';

const tz = 'Europe/Stockholm';

describe('parseIsoInZone', () => {
  it('honours an explicit offset or Z', () => {
    expect(parseIsoInZone('2026-01-26T10:00:00+01:00', tz).toISOString()).toBe('2026-01-26T09:00:00.000Z');
    expect(parseIsoInZone('2026-01-26T10:00:00Z', tz).toISOString()).toBe('2026-01-26T10:00:00.000Z');
    expect(parseIsoInZone('2026-01-26T10:00-0530', tz).toISOString()).toBe('2026-01-26T15:30:00.000Z');
  });
  it('reads a local time in the zone, winter and summer', () => {
    expect(parseIsoInZone('2026-01-26T10:00', tz).toISOString()).toBe('2026-01-26T09:00:00.000Z');
    expect(parseIsoInZone('2026-07-01T10:00', tz).toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });
  it('keeps milliseconds', () => {
    expect(parseIsoInZone('2026-01-29T23:59:59.999+01:00', tz).toISOString()).toBe('2026-01-29T22:59:59.999Z');
  });
  it('refuses what is not a time, in Swedish', () => {
    expect(() => parseIsoInZone('igår', tz)).toThrow(CodedError);
    expect(() => parseIsoInZone('2026-13-01', tz)).toThrow(/Ogiltig tidpunkt/);
  });
});

describe('zonedToUtc at DST changes', () => {
  it('takes the first occurrence of the repeated autumn hour', () => {
    const t = zonedToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, tz);
    expect(t.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
  it('pushes a time in the spring gap forward', () => {
    const t = zonedToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, tz);
    expect(formatLocal(t, tz)).toBe('2026-03-29 03:30');
  });
});

describe('zoneLabel', () => {
  it('says "svensk tid" only for Swedish call-offs and names any other zone', () => {
    expect(zoneLabel('Europe/Stockholm')).toBe('svensk tid');
    expect(zoneLabel('Europe/Helsinki')).toBe('lokal tid, Europe/Helsinki');
  });
});
