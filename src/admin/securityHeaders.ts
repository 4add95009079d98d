/**
 * Security headers for every /admin response: a strict CSP (no inline script
 * or style, so the CSS is a static file), no framing, no sniffing, no referrer,
 * and no caching of pages that carry suppliers' personal data.
 */
import type { NextFunction, Request, Response } from 'express';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; " +
  "form-action 'self'; base-uri 'none'; object-src 'none'";

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    // Pages show suppliers' names and questions: never keep them in a cache.
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  // The host app may announce its framework; this page does not.
  res.removeHeader('X-Powered-By');
  next();
}
