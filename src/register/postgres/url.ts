/**
 * Reads DATABASE_URL for the register: an optional `?schema=NAME` (or
 * `options=-c search_path=NAME`) picks the schema, which is created on open,
 * so tests and several registers can share one database. Also gives a
 * password-free description of the URL for messages and logs.
 */
import { CodedError } from '../../core/errors.js';

export interface PgTarget {
  /** Connection string without our own `schema` parameter. */
  connectionString: string;
  /** The schema to use and create, or null for the server's default search_path. */
  schema: string | null;
  /** Startup `options` for the connection (carries search_path when a schema is chosen). */
  options: string | undefined;
  /** user@host:port/db, never the password. */
  display: string;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const SEARCH_PATH_OPTION = /(?:^|\s)-c\s*search_path=([^\s,]+)/;

export function parsePgUrl(databaseUrl: string): PgTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new CodedError(
      'config_invalid',
      'DATABASE_URL är inte en giltig URL (postgres://användare@värd:5432/databas).',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new CodedError('config_invalid', `DATABASE_URL ska börja med postgres:// (inte ${url.protocol}//).`);
  }
  const display = `${decodeURIComponent(url.username) || 'postgres'}@${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`;

  const options = url.searchParams.get('options') ?? undefined;
  let schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  url.searchParams.delete('options');
  if (schema === null && options) schema = SEARCH_PATH_OPTION.exec(options)?.[1] ?? null;
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new CodedError(
      'config_invalid',
      `Schemanamnet "${schema}" i DATABASE_URL är ogiltigt: använd bokstäver, siffror och understreck.`,
    );
  }
  let startup = options;
  if (schema !== null && !(options && SEARCH_PATH_OPTION.test(options))) {
    startup = `${options ? `${options} ` : ''}-c search_path=${schema}`;
  }
  return { connectionString: url.toString(), schema, options: startup, display };
}
