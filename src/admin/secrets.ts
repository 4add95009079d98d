/**
 * Constant-time comparison and random tokens: sign-in secrets, session ids
 * and CSRF tokens are never compared with `===` (timing leaks their prefix).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Equal in constant time; hashing first hides the secret's length too. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** 256 random bits, URL- and cookie-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
