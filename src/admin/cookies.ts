/**
 * The session cookie: parsing the Cookie header and writing Set-Cookie by hand
 * (no cookie-parser dependency). HttpOnly always, SameSite=Strict unless asked; Secure
 * whenever the request came over HTTPS, directly or through a proxy.
 */
import type { Request } from 'express';

export const SESSION_COOKIE = 'avropsbot_admin';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      // Room for an officer's name and e-mail in the session cookie (well under the browsers' 4 KB).
      return /^[A-Za-z0-9_.-]{1,1500}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** HTTPS directly, or (with `trust proxy`) a proxy that says so; the header alone only ever adds Secure. */
export function isHttps(req: Request): boolean {
  if (req.secure) return true;
  const forwarded = req.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

export interface CookieOptions {
  path: string;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  /** Strict unless a cross-site return must carry it (the OIDC flow's own cookie). */
  sameSite?: 'Strict' | 'Lax';
}

export function serialiseCookie(name: string, value: string, opts: CookieOptions): string {
  const parts = [
    `${name}=${value}`,
    `Path=${opts.path || '/'}`,
    'HttpOnly',
    `SameSite=${opts.sameSite ?? 'Strict'}`,
    `Max-Age=${opts.maxAge}`,
  ];
  if (opts.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}
