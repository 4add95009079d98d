/**
 * call-off.json: schema, validation and discovery of call-off folders.
 * An invalid file is a clear error naming the file and the field.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CodedError } from '../core/errors.js';
import { formatLocal, isValidTimeZone, parseIsoInZone } from '../core/time.js';
import type { CallOff } from '../core/types.js';

const localDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?$/;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

const CallOffSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'små bokstäver, siffror, punkt, bindestreck eller understreck'),
    reference: z.string().min(1),
    title: z.string().min(1),
    buyer: z.string().min(1),
    timezone: z.string().refine(isValidTimeZone, 'okänd IANA-tidszon (t.ex. Europe/Stockholm)'),
    publishedAt: z.string().regex(localDateTime, 'ska vara ÅÅÅÅ-MM-DDTtt:mm').optional(),
    questionDeadline: z
      .string()
      .refine((s) => dateOnly.test(s) || localDateTime.test(s), 'ska vara ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm'),
    tenderDeadline: z
      .string()
      .refine((s) => dateOnly.test(s) || localDateTime.test(s), 'ska vara ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm')
      .optional(),
    slackChannels: z.array(z.string().min(1)).optional(),
    teamsConversations: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const CALL_OFF_FILE = 'call-off.json';

const TYPE_WORDS: Record<string, string> = { string: 'text', array: 'en lista', object: 'ett objekt' };

/** zod's own messages are English; the person editing call-off.json reads Swedish. */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'filen är ogiltig';
  const field = issue.path.join('.');
  const where = field ? `fältet "${field}"` : 'filen';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${where} saknas`;
      return `${where} ska vara ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return `${where} får inte vara tomt`;
    case 'unrecognized_keys':
      return `${where} har okända fält: ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      // The schema's own refinements carry Swedish messages.
      return `${where} är ogiltigt: ${issue.message}`;
  }
}

export function loadCallOff(dir: string): CallOff {
  const file = path.join(dir, CALL_OFF_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CodedError('config_invalid', `${file}: kunde inte läsas som JSON (${(err as Error).message}).`);
  }
  const parsed = CallOffSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new CodedError('config_invalid', `${file}: ${describeIssue(parsed.error.issues[0])}.`);
  const callOff: CallOff = { ...parsed.data, dir: path.resolve(dir) };
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
