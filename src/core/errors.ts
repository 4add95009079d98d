/**
 * Coded errors: a stable string code for programs, a Swedish message for people.
 * Adapters map codes to exit codes and HTTP statuses; internals never leak.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'call_off_unknown'
  | 'call_off_ambiguous'
  | 'usage'
  | 'entry_not_found'
  | 'invalid_transition'
  | 'register_tampered'
  | 'index_unavailable'
  // The call-off's index is still being built: the question is registered, asking again soon works.
  | 'index_building'
  | 'llm_unavailable'
  // The register's database cannot be reached or written right now (connection lost,
  // I/O error, disk full): a fault worth retrying later, HTTP 503 with Retry-After.
  | 'register_unavailable'
  | 'internal';

export class CodedError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'CodedError';
  }
}

/** Errors that are the user's to fix (exit code 2, HTTP 4xx), as opposed to faults. */
export function isUserError(err: unknown): err is CodedError {
  return (
    err instanceof CodedError &&
    [
      'config_invalid',
      'call_off_unknown',
      'call_off_ambiguous',
      'usage',
      'entry_not_found',
      'invalid_transition',
    ].includes(err.code)
  );
}
