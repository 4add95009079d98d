/**
 * Who is asking: a browser with a signed-in session cookie, or a script with
 * `Authorization: Bearer <ADMIN_TOKEN>`. Also the CSRF check (synchroniser
 * token bound to the session) that every browser POST must pass. Scripts need
 * no CSRF token: they send no cookies, so a forged request has no credentials.
 */
import type { NextFunction, Request, Response } from 'express';
import { CodedError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import { isHttps, readCookie, SESSION_COOKIE, serialiseCookie } from './cookies.js';
import { sameSecret } from './secrets.js';
import type { Session, SessionStore } from './sessions.js';
import type { SignInThrottle } from './signInThrottle.js';

export type Credentials = { kind: 'session'; session: Session } | { kind: 'bearer' };

/** The actor recorded in the audit trail for what a script or an ADMIN_TOKEN sign-in does on this page. */
export const WEB_ACTOR = 'buyer:web';

/**
 * Who the audit trail records for this request: the named officer of an
 * OpenID Connect sign-in ("buyer:web:Anna Berg <anna.berg@myndighet.se>"),
 * else WEB_ACTOR (a script's bearer token or an ADMIN_TOKEN sign-in).
 */
export function actorOf(creds: Credentials): string {
  const officer = creds.kind === 'session' ? creds.session.officer : undefined;
  if (!officer) return WEB_ACTOR;
  return `${WEB_ACTOR}:${officer.name} <${officer.email}>`;
}

/** A browser navigating, as opposed to a script: it asks for HTML by name. */
export function wantsHtml(req: Request): boolean {
  return (req.get('accept') ?? '').toLowerCase().includes('text/html');
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Writes the session cookie; null deletes it. */
export function setSessionCookie(req: Request, res: Response, store: SessionStore, session: Session | null): void {
  res.append(
    'Set-Cookie',
    serialiseCookie(SESSION_COOKIE, session ? store.encode(session) : '', {
      path: req.baseUrl || '/',
      secure: isHttps(req),
      maxAge: session ? store.maxAgeSeconds(session) : 0,
    }),
  );
}

/**
 * The request's live session, a signed-in one checked against sign-outs on
 * every instance. Fails closed: when that check cannot be made the request
 * fails with register_unavailable (503, a Swedish page, nothing shown).
 */
export async function sessionFrom(req: Request, store: SessionStore): Promise<Session | undefined> {
  try {
    return await store.open(readCookie(req, SESSION_COOKIE));
  } catch (err) {
    if (err instanceof CodedError && err.code === 'register_unavailable') throw err;
    throw new CodedError(
      'register_unavailable',
      `Inloggningen kunde inte kontrolleras mot databasen (${err instanceof Error ? err.message : String(err)}).`,
      { cause: err },
    );
  }
}

export function credentialsOf(res: Response): Credentials {
  return res.locals.credentials as Credentials;
}

const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function tooManyAttemptsText(waitMs: number): string {
  return `För många misslyckade inloggningsförsök. Vänta ${retryAfterSeconds(waitMs)} sekunder och försök igen.`;
}

/** Sends a refusal: an HTML page for browsers, plain text for scripts. */
export type Refuse = (req: Request, res: Response, status: number, title: string, message: string) => void;

interface AuthDeps {
  adminToken: () => string | undefined;
  refuse: Refuse;
  sessions: SessionStore;
  throttle: SignInThrottle;
  logger: Logger;
}

/** Lets signed-in browsers and bearer-token scripts through; everyone else is sent to sign in or refused. */
export function requireCredentials(deps: AuthDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = deps.adminToken() ?? '';
    const header = req.get('authorization');
    // Only a Bearer header is a sign-in attempt: a proxy's Basic or SSO header in front of
    // the page must not count as failures (it would lock the buyer out) — the cookie decides then.
    if (header !== undefined && /^Bearer\b/i.test(header.trim())) {
      const ip = clientIp(req);
      const wait = deps.throttle.waitMs(ip);
      if (wait > 0) {
        res.set('Retry-After', String(retryAfterSeconds(wait)));
        deps.refuse(req, res, 429, 'För många försök', tooManyAttemptsText(wait));
        return;
      }
      const bearer = /^\s*Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
      if (bearer && sameSecret(bearer, token)) {
        deps.throttle.succeeded(ip);
        res.locals.credentials = { kind: 'bearer' } satisfies Credentials;
        next();
        return;
      }
      deps.throttle.failed(ip);
      deps.logger.warn('admin bearer token refused', { ip });
      res.set('WWW-Authenticate', 'Bearer realm="avropsbot-admin"');
      deps.refuse(req, res, 401, 'Fel åtkomstnyckel', 'Fel åtkomstnyckel i Authorization-huvudet.');
      return;
    }
    // Rejects when sign-outs cannot be checked: Express hands that to the error handler (503).
    const session = await sessionFrom(req, deps.sessions);
    if (session?.signedIn) {
      // Sliding idle timeout: the cookie is re-stamped now and then while the buyer works.
      if (deps.sessions.needsRefresh(session)) setSessionCookie(req, res, deps.sessions, session);
      res.locals.credentials = { kind: 'session', session } satisfies Credentials;
      next();
      return;
    }
    if (wantsHtml(req)) {
      const back = req.method === 'GET' ? req.originalUrl : `${req.baseUrl}/`;
      res.redirect(303, `${req.baseUrl}/logga-in?next=${encodeURIComponent(back)}`);
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="avropsbot-admin"');
    deps.refuse(
      req,
      res,
      401,
      'Inloggning krävs',
      'Inloggning krävs. Logga in i webbläsaren eller skicka Authorization: Bearer <ADMIN_TOKEN>.',
    );
  };
}

export const CSRF_REFUSED =
  'Begäran saknar giltig säkerhetstoken (CSRF) och har inte utförts. Ladda om sidan och försök igen.';

/** Every state-changing browser request must carry the session's CSRF token. */
export const requireCsrf =
  (refuse: Refuse) =>
  (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    const creds = credentialsOf(res);
    if (creds.kind === 'bearer') {
      next();
      return;
    }
    const given = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof given === 'string' && sameSecret(given, creds.session.csrf)) {
      next();
      return;
    }
    refuse(req, res, 403, 'Begäran avvisad', CSRF_REFUSED);
  };
