// call-off.json validation: a clear error naming the file and the field, never a crash or a silent default.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverCallOffs, loadCallOff, pickCallOff } from '../../src/config/callOff.js';

const valid = {
  id: 'test-1',
  reference: 'T-1',
  title: 'Testavrop',
  buyer: 'Testmyndigheten',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2026-01-29',
  tenderDeadline: '2026-02-02T23:59',
};

function folder(content: unknown, name = 'test-1'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'calloff-'));
  const dir = path.join(root, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'call-off.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('loadCallOff', () => {
  it('loads the bundled call-off', () => {
    const [c] = discoverCallOffs(path.resolve(import.meta.dirname, '../../knowledge'));
    expect(c).toMatchObject({ id: 'af-2025-0108-8097', questionDeadline: '2026-01-29', timezone: 'Europe/Stockholm' });
  });
  it('names the file and the field of an invalid value', () => {
    const dir = folder({ ...valid, questionDeadline: '29 januari' });
    expect(() => loadCallOff(dir)).toThrow(/call-off\.json: fältet "questionDeadline" är ogiltigt/);
  });
  it('refuses an unknown timezone', () => {
    expect(() => loadCallOff(folder({ ...valid, timezone: 'Europe/Solna' }))).toThrow(/"timezone"/);
  });
  it('refuses a date that does not exist', () => {
    expect(() => loadCallOff(folder({ ...valid, questionDeadline: '2026-02-30' }))).toThrow(/"questionDeadline"/);
  });
  it('refuses a missing field and unknown fields', () => {
    const { buyer: _omit, ...noBuyer } = valid;
    expect(() => loadCallOff(folder(noBuyer))).toThrow(/call-off\.json: fältet "buyer" saknas\.$/);
    expect(() => loadCallOff(folder({ ...valid, deadline: 'x' }))).toThrow(/filen har okända fält: "deadline"/);
  });
  it('says in Swedish what a wrong type or an empty value should be', () => {
    expect(() => loadCallOff(folder({ ...valid, reference: 5 }))).toThrow(/fältet "reference" ska vara text\.$/);
    expect(() => loadCallOff(folder({ ...valid, title: '' }))).toThrow(/fältet "title" får inte vara tomt\.$/);
    expect(() => loadCallOff(folder({ ...valid, slackChannels: 'C1' }))).toThrow(/"slackChannels" ska vara en lista/);
  });
  it('names the item of a list, and refuses a file that is not an object', () => {
    expect(() => loadCallOff(folder({ ...valid, slackChannels: ['C1', ''] }))).toThrow(
      /fältet "slackChannels\.1" får inte vara tomt\.$/,
    );
    expect(() => loadCallOff(folder({ ...valid, teamsConversations: [7] }))).toThrow(
      /fältet "teamsConversations\.0" ska vara text\.$/,
    );
    expect(() => loadCallOff(folder('[1, 2]'))).toThrow(/call-off\.json: filen ska vara ett objekt\.$/);
    expect(() => loadCallOff(folder('null'))).toThrow(/call-off\.json: filen ska vara ett objekt\.$/);
  });
  it('reports the first problem in field order, unknown fields last', () => {
    expect(() => loadCallOff(folder({ extra: 1, ...valid, title: 5, buyer: '' }))).toThrow(
      /fältet "title" ska vara text/,
    );
    expect(() => loadCallOff(folder({ extra: 1, ...valid, id: 'Stora' }))).toThrow(
      /fältet "id" är ogiltigt: små bokstäver/,
    );
  });
  it('loads the same call-off whatever order the file lists the fields in', () => {
    const reversed = Object.fromEntries(Object.entries({ ...valid, slackChannels: ['C1'] }).reverse());
    const { dir: _a, ...fromReversed } = loadCallOff(folder(reversed));
    const { dir: _b, ...fromValid } = loadCallOff(folder({ ...valid, slackChannels: ['C1'] }));
    expect(JSON.stringify(fromReversed)).toBe(JSON.stringify(fromValid));
    expect(fromValid).toEqual({ ...valid, slackChannels: ['C1'] });
  });
  it('refuses broken JSON with the file name', () => {
    expect(() => loadCallOff(folder('{"id": '))).toThrow(/call-off\.json: kunde inte läsas som JSON/);
  });
  it('requires the id to match the folder name', () => {
    expect(() => loadCallOff(folder(valid, 'other'))).toThrow(/"id"/);
  });
});

describe('pickCallOff', () => {
  const a = { ...valid, id: 'a', dir: '/a' };
  const b = { ...valid, id: 'b', dir: '/b' };
  it('picks the only call-off without an id, and asks when there are several', () => {
    expect(pickCallOff([a], undefined).id).toBe('a');
    expect(() => pickCallOff([a, b], undefined)).toThrow(/--call-off/);
    expect(() => pickCallOff([a, b], 'c')).toThrow(/Okänt avrop "c"/);
  });
});
