/**
 * The sign-in form and its POST: CSRF-protected even before sign-in, the
 * token compared in constant time, failures slowed down per IP, and a fresh
 * session id on success (no session fixation).
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from '../core/ports.js';
import { clientIp, sessionFrom, setSessionCookie, tooManyAttemptsText, WEB_ACTOR } from './auth.js';
import { bodyField } from './http.js';
import { renderSignIn } from './pages/signIn.js';
import { safeReturnPath } from './paths.js';
import { sameSecret } from './secrets.js';
import type { Notice, SessionStore } from './sessions.js';
import type { SignInThrottle } from './signInThrottle.js';

export interface SignInDeps {
  adminToken: () => string | undefined;
  sessions: SessionStore;
  throttle: SignInThrottle;
  forms: RequestHandler;
  logger: Logger;
}

export function signInRoutes(deps: SignInDeps): Router {
  const { sessions, throttle } = deps;
  const router = express.Router();

  const showForm = (req: Request, res: Response, status: number, notices: Notice[], next: unknown) => {
    let session = sessionFrom(req, sessions);
    if (!session || session.signedIn) {
      session = sessions.create();
      setSessionCookie(req, res, sessions, session);
    }
    res
      .status(status)
      .type('html')
      .send(renderSignIn(req.baseUrl, session.csrf, safeReturnPath(req.baseUrl, next), notices));
  };

  router.get('/logga-in', (req, res) => {
    if (sessionFrom(req, sessions)?.signedIn) {
      res.redirect(303, safeReturnPath(req.baseUrl, req.query.next));
      return;
    }
    const notices: Notice[] = req.query.utloggad === '1' ? [{ kind: 'ok', text: 'Du är utloggad.' }] : [];
    showForm(req, res, 200, notices, req.query.next);
  });

  router.post('/logga-in', deps.forms, (req, res) => {
    const session = sessionFrom(req, sessions);
    const csrf = bodyField(req, '_csrf');
    const next = bodyField(req, 'next');
    if (!session || !csrf || !sameSecret(csrf, session.csrf)) {
      showForm(req, res, 403, [{ kind: 'error', text: 'Formuläret hade gått ut. Försök igen.' }], next);
      return;
    }
    const ip = clientIp(req);
    const wait = throttle.waitMs(ip);
    if (wait > 0) {
      res.set('Retry-After', String(Math.ceil(wait / 1000)));
      showForm(req, res, 429, [{ kind: 'error', text: tooManyAttemptsText(wait) }], next);
      return;
    }
    if (!sameSecret(bodyField(req, 'token')?.trim() ?? '', deps.adminToken() ?? '')) {
      throttle.failed(ip);
      deps.logger.warn('admin sign-in failed', { ip });
      showForm(req, res, 401, [{ kind: 'error', text: 'Fel åtkomstnyckel. Försök igen.' }], next);
      return;
    }
    throttle.succeeded(ip);
    const fresh = sessions.promote(session);
    setSessionCookie(req, res, sessions, fresh);
    deps.logger.info('admin signed in', { actor: WEB_ACTOR });
    res.redirect(303, safeReturnPath(req.baseUrl, next));
  });

  return router;
}
