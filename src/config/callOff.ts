/**
 * call-off.json: schema, validation and discovery of call-off folders.
 * An invalid file is a clear error naming the file and the field.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CodedError } from '../core/errors.js';
import { formatLocal, isValidTimeZone, parseIsoInZone } from '../core/time.js';
import type { CallOff } from '../core/types.js';

const localDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?$/;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

const DATE_MESSAGE = 'ska vara ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm';

type Check = (value: string) => string | null;
interface FieldRule {
  kind: 'text' | 'list';
  optional?: boolean;
  /** Text that may not be empty (each item's, for a list). */
  nonEmpty?: boolean;
  check?: Check;
}

const pattern =
  (re: RegExp, message: string): Check =>
  (v) =>
    re.test(v) ? null : message;

/**
 * The fields of call-off.json, checked by hand rather than with a schema
 * library: every `ask` reads this file, and loading zod cost more start-up
 * time than the rest of the check. The messages are what a buyer editing the
 * file needs: the field and what it should hold, in Swedish.
 */
const FIELDS: Record<string, FieldRule> = {
  id: {
    kind: 'text',
    check: pattern(/^[a-z0-9][a-z0-9._-]*$/, 'små bokstäver, siffror, punkt, bindestreck eller understreck'),
  },
  reference: { kind: 'text', nonEmpty: true },
  title: { kind: 'text', nonEmpty: true },
  buyer: { kind: 'text', nonEmpty: true },
  timezone: { kind: 'text', check: (v) => (isValidTimeZone(v) ? null : 'okänd IANA-tidszon (t.ex. Europe/Stockholm)') },
  publishedAt: { kind: 'text', optional: true, check: pattern(localDateTime, 'ska vara ÅÅÅÅ-MM-DDTtt:mm') },
  questionDeadline: { kind: 'text', check: (v) => (dateOnly.test(v) || localDateTime.test(v) ? null : DATE_MESSAGE) },
  tenderDeadline: {
    kind: 'text',
    optional: true,
    check: (v) => (dateOnly.test(v) || localDateTime.test(v) ? null : DATE_MESSAGE),
  },
  slackChannels: { kind: 'list', optional: true, nonEmpty: true },
  teamsConversations: { kind: 'list', optional: true, nonEmpty: true },
};

export const CALL_OFF_FILE = 'call-off.json';

/** The first problem with a text value, or null. */
function textProblem(where: string, value: unknown, rule: Pick<FieldRule, 'nonEmpty' | 'check'>): string | null {
  if (value === undefined) return `${where} saknas`;
  if (typeof value !== 'string') return `${where} ska vara text`;
  if (rule.nonEmpty && value.length === 0) return `${where} får inte vara tomt`;
  const invalid = rule.check?.(value);
  return invalid ? `${where} är ogiltigt: ${invalid}` : null;
}

/** The first problem in the parsed file (fields in the order above, unknown fields last), or null. */
function callOffProblem(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return raw === undefined ? 'filen saknas' : 'filen ska vara ett objekt';
  }
  const record = raw as Record<string, unknown>;
  for (const [field, rule] of Object.entries(FIELDS)) {
    const value = record[field];
    const where = `fältet "${field}"`;
    if (value === undefined && rule.optional) continue;
    if (rule.kind === 'text') {
      const problem = textProblem(where, value, rule);
      if (problem) return problem;
      continue;
    }
    if (value === undefined) return `${where} saknas`;
    if (!Array.isArray(value)) return `${where} ska vara en lista`;
    for (const [i, item] of value.entries()) {
      const problem = textProblem(`fältet "${field}.${i}"`, item, rule);
      if (problem) return problem;
    }
  }
  const unknown = Object.keys(record).filter((k) => !Object.hasOwn(FIELDS, k));
  if (unknown.length > 0) return `filen har okända fält: ${unknown.map((k) => `"${k}"`).join(', ')}`;
  return null;
}

/** The known fields in their order: the same object whatever order the file wrote them in. */
function callOffFields(record: Record<string, unknown>): Omit<CallOff, 'dir'> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(FIELDS)) {
    if (record[field] !== undefined) out[field] = record[field];
  }
  return out as unknown as Omit<CallOff, 'dir'>;
}

export function loadCallOff(dir: string): CallOff {
  const file = path.join(dir, CALL_OFF_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CodedError('config_invalid', `${file}: kunde inte läsas som JSON (${(err as Error).message}).`);
  }
  const problem = callOffProblem(raw);
  if (problem) throw new CodedError('config_invalid', `${file}: ${problem}.`);
  const callOff: CallOff = { ...callOffFields(raw as Record<string, unknown>), dir: path.resolve(dir) };
  // The deadline must parse in its zone (catches 2026-02-30 and the like).
  for (const field of ['questionDeadline', 'tenderDeadline', 'publishedAt'] as const) {
    const value = callOff[field];
    if (value === undefined) continue;
    const at = parseIsoInZone(value, callOff.timezone);
    const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
    if (
      Number.isNaN(at.getTime()) ||
      (!hasOffset && formatLocal(at, callOff.timezone).slice(0, 10) !== value.slice(0, 10))
    ) {
      throw new CodedError('config_invalid', `${file}: fältet "${field}" är inte ett giltigt datum.`);
    }
  }
  if (path.basename(dir) !== callOff.id) {
    throw new CodedError(
      'config_invalid',
      `${file}: fältet "id" (${callOff.id}) ska vara samma som mappens namn (${path.basename(dir)}).`,
    );
  }
  return callOff;
}

/** Every call-off folder below the knowledge dir, sorted by id. */
export function discoverCallOffs(knowledgeDir: string): CallOff[] {
  if (!existsSync(knowledgeDir) || !statSync(knowledgeDir).isDirectory()) {
    throw new CodedError('config_invalid', `Kunskapsmappen ${knowledgeDir} finns inte. Ange --knowledge DIR.`);
  }
  const callOffs = readdirSync(knowledgeDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(knowledgeDir, d.name, CALL_OFF_FILE)))
    .map((d) => loadCallOff(path.join(knowledgeDir, d.name)))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (callOffs.length === 0) {
    throw new CodedError(
      'config_invalid',
      `Inga avrop i ${knowledgeDir}: varje avrop är en mapp med ${CALL_OFF_FILE}.`,
    );
  }
  return callOffs;
}

/** `--call-off ID` may be left out when there is exactly one call-off. */
export function pickCallOff(callOffs: CallOff[], id: string | undefined): CallOff {
  if (id) {
    const found = callOffs.find((c) => c.id === id);
    if (!found) {
      throw new CodedError(
        'call_off_unknown',
        `Okänt avrop "${id}". Kända avrop: ${callOffs.map((c) => c.id).join(', ')}.`,
      );
    }
    return found;
  }
  if (callOffs.length === 1 && callOffs[0]) return callOffs[0];
  throw new CodedError(
    'call_off_ambiguous',
    `Det finns flera avrop; ange --call-off med ett av: ${callOffs.map((c) => c.id).join(', ')}.`,
  );
}
