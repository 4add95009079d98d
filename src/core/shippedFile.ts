/**
 * Reading a fitted file that ships with avropsbot (the answer model, the
 * retrieval weights): parsed JSON, or a Swedish error an operator can act on.
 * Checking the content is the caller's: each file has its own shape.
 */
import { readFileSync } from 'node:fs';
import { CodedError } from './errors.js';

/** `what` names the file to the operator, e.g. "Svarsmodellen". */
export function readShippedJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CodedError('config_invalid', `${what} ${file} kunde inte läsas: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
