/**
 * The sign-in form and its POST: CSRF-protected even before sign-in, the
 * token compared in constant time, failures slowed down per IP, and a fresh
 * session id on success (no session fixation). And sign-out, which records
 * the session id in the register's database before it answers, so every
 * instance refuses the cookie from then on.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from '../core/ports.js';
import { CSRF_REFUSED, clientIp, sessionFrom, setSessionCookie, tooManyAttemptsText, WEB_ACTOR } from './auth.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { bodyField, refuse } from './http.js';
import { renderSignIn } from './pages/signIn.js';
import { safeReturnPath } from './paths.js';
import { sameSecret } from './secrets.js';
import type { Notice, SessionStore } from './sessions.js';
import type { SignInThrottle } from './signInThrottle.js';

export interface SignInDeps {
  /** OpenID Connect sign-in is configured: the page offers it (beside the token form when ADMIN_TOKEN is set too). */
  oidc: boolean;
  adminToken: () => string | undefined;
  sessions: SessionStore;
  throttle: SignInThrottle;
  forms: RequestHandler;
  logger: Logger;
}

/** Sign-out could not be recorded for other instances: the buyer must know it holds in this browser only. */
const SIGN_OUT_NOT_SHARED =
  'Du är utloggad i den här webbläsaren, men databasen kunde inte nås, så utloggningen är inte sparad för ' +
  'andra webbläsare eller servrar. Byt ADMIN_TOKEN om du behöver logga ut alla inloggningar direkt.';

const NO_TOKEN_SIGN_IN = 'Inloggning med åtkomstnyckel är inte aktiverad här. Logga in med ditt myndighetskonto.';

export function signInRoutes(deps: SignInDeps): Router {
  const { sessions, throttle } = deps;
  const router = express.Router();

  const showForm = async (req: Request, res: Response, status: number, notices: Notice[], next: unknown) => {
    let session = await sessionFrom(req, sessions);
    if (!session || session.signedIn) {
      session = sessions.create();
      setSessionCookie(req, res, sessions, session);
    }
    res
      .status(status)
      .type('html')
      .send(
        renderSignIn(req.baseUrl, session.csrf, safeReturnPath(req.baseUrl, next), notices, {
          oidc: deps.oidc,
          token: deps.adminToken() !== undefined,
        }),
      );
  };

  router.get('/logga-in', async (req, res) => {
    // A session signed out elsewhere must not bounce between this page and the queue.
    if ((await sessionFrom(req, sessions))?.signedIn) {
      res.redirect(303, safeReturnPath(req.baseUrl, req.query.next));
      return;
    }
    const notices: Notice[] = req.query.utloggad === '1' ? [{ kind: 'ok', text: 'Du är utloggad.' }] : [];
    await showForm(req, res, 200, notices, req.query.next);
  });

  router.post('/logga-in', deps.forms, async (req, res) => {
    const session = await sessionFrom(req, sessions);
    const csrf = bodyField(req, '_csrf');
    const next = bodyField(req, 'next');
    if (!session || !csrf || !sameSecret(csrf, session.csrf)) {
      await showForm(req, res, 403, [{ kind: 'error', text: 'Formuläret hade gått ut. Försök igen.' }], next);
      return;
    }
    const expected = deps.adminToken();
    if (expected === undefined) {
      // OIDC only: there is no token to sign in with (and an empty one must never match).
      await showForm(req, res, 403, [{ kind: 'error', text: NO_TOKEN_SIGN_IN }], next);
      return;
    }
    const ip = clientIp(req);
    const wait = throttle.waitMs(ip);
    if (wait > 0) {
      res.set('Retry-After', String(Math.ceil(wait / 1000)));
      await showForm(req, res, 429, [{ kind: 'error', text: tooManyAttemptsText(wait) }], next);
      return;
    }
    if (!sameSecret(bodyField(req, 'token')?.trim() ?? '', expected)) {
      throttle.failed(ip);
      deps.logger.warn('admin sign-in failed', { ip });
      await showForm(req, res, 401, [{ kind: 'error', text: 'Fel åtkomstnyckel. Försök igen.' }], next);
      return;
    }
    throttle.succeeded(ip);
    const fresh = sessions.promote(session);
    setSessionCookie(req, res, sessions, fresh);
    deps.logger.info('admin signed in', { actor: WEB_ACTOR });
    res.redirect(303, safeReturnPath(req.baseUrl, next));
  });

  // Only the cookie and its CSRF token are checked here, not the database: signing out must
  // work when the database is down (that is when the buyer most needs the cookie gone).
  router.post('/logga-ut', deps.forms, async (req, res, next) => {
    const session = sessions.decode(readCookie(req, SESSION_COOKIE));
    if (!session?.signedIn) {
      next(); // a script's bearer token, or nobody: the credentials check decides
      return;
    }
    if (!sameSecret(bodyField(req, '_csrf') ?? '', session.csrf)) {
      refuse(req, res, 403, 'Begäran avvisad', CSRF_REFUSED);
      return;
    }
    // Written before the answer: once the buyer reads "utloggad", no instance accepts the cookie.
    const recorded = await sessions.destroy(session).then(
      () => true,
      (err: unknown) => {
        deps.logger.error('admin sign-out not recorded: register unavailable', {
          error: err instanceof Error ? err.message : String(err),
        });
        return false;
      },
    );
    // The cookie goes either way: on a shared computer this browser is what matters most.
    setSessionCookie(req, res, sessions, null);
    if (!recorded) {
      res.set('Retry-After', '30');
      refuse(req, res, 503, 'Utloggningen kunde inte sparas', SIGN_OUT_NOT_SHARED);
      return;
    }
    deps.logger.info('admin signed out', { actor: WEB_ACTOR });
    res.redirect(303, `${req.baseUrl}/logga-in?utloggad=1`);
  });

  return router;
}
