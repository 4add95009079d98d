/**
 * Named officers sign in to /admin through OpenID Connect (authorization code
 * flow with PKCE, `openid-client`): Microsoft Entra ID or any other provider.
 * The flow's verifier, state and nonce travel in a short-lived signed cookie
 * (no server state, so the callback may land on any instance). A user whose
 * e-mail domain or groups match nothing in OIDC_ALLOWED is refused with a
 * Swedish page. On success the ordinary signed session carries the officer's
 * name and e-mail, which every audit event from the page then records.
 */
import express, { type Request, type Response, type Router } from 'express';
import * as oidc from 'openid-client';
import type { OidcConfig } from '../config/env.js';
import type { Logger } from '../core/ports.js';
import { sessionFrom, setSessionCookie } from './auth.js';
import { isHttps, readCookie, serialiseCookie } from './cookies.js';
import { html } from './html.js';
import { barePage } from './layout.js';
import { safeReturnPath } from './paths.js';
import type { Officer, SessionStore } from './sessions.js';

export const OIDC_START_PATH = '/logga-in/oidc';
const CALLBACK_PATH = '/logga-in/oidc/klar';
const FLOW_COOKIE = 'avropsbot_oidc';
/** Long enough to type a password and answer an MFA prompt. */
const FLOW_SECONDS = 15 * 60;

export interface OidcDeps {
  config: OidcConfig;
  sessions: SessionStore;
  logger: Logger;
}

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
}

/**
 * Whether the ID token's user is allowed: the e-mail's domain (only when the
 * provider does not say it is unverified) or one of the token's groups.
 */
export function isAllowedOfficer(claims: Record<string, unknown>, allowed: readonly string[]): boolean {
  const email = emailOf(claims);
  const domain = email && claims.email_verified !== false ? email.split('@').pop()?.toLowerCase() : undefined;
  const groups = Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === 'string') : [];
  return allowed.some((a) => (domain !== undefined && a.toLowerCase() === domain) || groups.includes(a));
}

/** The e-mail: `email`, or what Entra ID puts in `preferred_username`/`upn` when it has none. */
function emailOf(claims: Record<string, unknown>): string | undefined {
  for (const key of ['email', 'preferred_username', 'upn']) {
    const v = claims[key];
    if (typeof v === 'string' && /^[^\s@<>]+@[^\s@<>]+$/.test(v.trim())) return v.trim();
  }
  return undefined;
}

/** Name and e-mail as they are recorded in the audit trail: one line, no angle brackets, bounded. */
export function officerFrom(claims: Record<string, unknown>): Officer | undefined {
  const email = emailOf(claims);
  if (!email) return undefined;
  const clean = (s: string) =>
    s
      .replace(/[\u0000-\u001F\u007F<>]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120);
  const given = [claims.given_name, claims.family_name].filter((v) => typeof v === 'string').join(' ');
  const name = clean(typeof claims.name === 'string' && claims.name.trim() ? claims.name : given) || clean(email);
  return { name, email: clean(email) };
}

function encodeFlow(flow: Flow): string {
  return Buffer.from(JSON.stringify(flow), 'utf8').toString('base64url');
}

function decodeFlow(value: string | undefined): Flow | undefined {
  if (!value) return undefined;
  try {
    const f = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Flow>;
    if ([f.verifier, f.state, f.nonce, f.next].every((v) => typeof v === 'string')) return f as Flow;
  } catch {
    // Unreadable: treated as no flow at all.
  }
  return undefined;
}

/** The provider's address is loopback in tests and local trials only: plain http is allowed there alone. */
function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export function oidcSignInRoutes(deps: OidcDeps): Router {
  const { config, sessions, logger } = deps;
  const router = express.Router();
  let discovered: Promise<oidc.Configuration> | undefined;

  // Discovered once, on first use, not at start-up: the provider being down must not stop the bot.
  const provider = (): Promise<oidc.Configuration> => {
    if (!discovered) {
      const issuer = new URL(config.issuerUrl);
      discovered = oidc
        .discovery(
          issuer,
          config.clientId,
          config.clientSecret,
          undefined,
          isLoopbackHttp(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
        )
        .catch((err: unknown) => {
          discovered = undefined; // try again on the next sign-in
          throw err;
        });
    }
    return discovered;
  };

  const callbackUrl = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}${CALLBACK_PATH}`;

  const flowCookie = (req: Request, value: string, maxAge: number) =>
    // Lax, not Strict: the provider sends the browser back from another site, and the cookie must come along.
    serialiseCookie(FLOW_COOKIE, value, {
      path: `${req.baseUrl || ''}${OIDC_START_PATH}`,
      secure: isHttps(req),
      maxAge,
      sameSite: 'Lax',
    });

  const problem = (req: Request, res: Response, status: number, title: string, message: string) => {
    res
      .status(status)
      .type('html')
      .send(
        barePage(
          req.baseUrl,
          title,
          html`<p>${message}</p>
<p><a href="${req.baseUrl}/logga-in">Till inloggningen</a></p>`,
        ),
      );
  };

  router.get(OIDC_START_PATH, async (req, res) => {
    let configuration: oidc.Configuration;
    try {
      configuration = await provider();
    } catch (err) {
      logger.error('OIDC discovery failed', { error: err instanceof Error ? err.message : String(err) });
      res.set('Retry-After', '30');
      problem(
        req,
        res,
        503,
        'Inloggningstjänsten svarar inte',
        'Myndighetens inloggningstjänst (OpenID Connect) kunde inte nås. Försök igen om en stund.',
      );
      return;
    }
    const flow: Flow = {
      verifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      next: safeReturnPath(req.baseUrl, req.query.next),
    };
    const target = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: callbackUrl(req),
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    res.append('Set-Cookie', flowCookie(req, sessions.seal(encodeFlow(flow)), FLOW_SECONDS));
    res.set('Cache-Control', 'no-store');
    res.redirect(303, target.href);
  });

  router.get(CALLBACK_PATH, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const flow = decodeFlow(sessions.unseal(readCookie(req, FLOW_COOKIE)));
    // The flow is single use: its cookie goes whatever happens next.
    res.append('Set-Cookie', flowCookie(req, '', 0));
    if (!flow) {
      problem(
        req,
        res,
        400,
        'Inloggningen kunde inte slutföras',
        'Inloggningen hade gått ut eller startades i en annan webbläsare. Logga in igen.',
      );
      return;
    }
    if (typeof req.query.error === 'string') {
      logger.warn('OIDC provider refused sign-in', { error: req.query.error });
      const detail = typeof req.query.error_description === 'string' ? ` (${req.query.error_description})` : '';
      problem(req, res, 401, 'Inloggningen avbröts', `Inloggningstjänsten avbröt inloggningen${detail}.`);
      return;
    }
    let claims: Record<string, unknown>;
    try {
      const currentUrl = new URL(callbackUrl(req));
      currentUrl.search = new URL(req.originalUrl, 'http://x').search;
      const tokens = await oidc.authorizationCodeGrant(await provider(), currentUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch (err) {
      logger.warn('OIDC sign-in failed', { error: err instanceof Error ? err.message : String(err) });
      problem(
        req,
        res,
        401,
        'Inloggningen kunde inte slutföras',
        'Svaret från inloggningstjänsten kunde inte godtas. Logga in igen.',
      );
      return;
    }
    const officer = officerFrom(claims);
    if (!officer || !isAllowedOfficer(claims, config.allowed)) {
      logger.warn('OIDC user not allowed', { email: officer?.email ?? '(ingen e-postadress)' });
      problem(
        req,
        res,
        403,
        'Ingen behörighet',
        `Du är inloggad som ${officer ? `${officer.name} (${officer.email})` : 'en användare utan e-postadress'}, ` +
          'men det kontot har inte behörighet till den upphandlande myndighetens sida. ' +
          'Kontakta den som administrerar avropsbot om du ska ha tillgång.',
      );
      return;
    }
    const fresh = sessions.promote(await sessionFrom(req, sessions), officer);
    setSessionCookie(req, res, sessions, fresh);
    logger.info('admin signed in', { actor: `buyer:web:${officer.name} <${officer.email}>` });
    // A page, not a redirect: a Strict session cookie set at the end of a cross-site redirect chain
    // would not be sent on its next hop; a navigation from our own page sends it.
    res
      .status(200)
      .type('html')
      .send(
        barePage(
          req.baseUrl,
          'Du är inloggad',
          html`<meta http-equiv="refresh" content="0;url=${flow.next}">
<p>Du är inloggad som ${officer.name} (${officer.email}).</p>
<p><a href="${flow.next}">Fortsätt</a></p>`,
        ),
      );
  });

  return router;
}
