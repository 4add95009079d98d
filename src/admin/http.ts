/**
 * Small request/response helpers shared by the admin routes: refusals as HTML
 * for browsers and text for scripts, form fields, and the page context that
 * carries the session's CSRF token and one-shot notices into a page.
 */
import type { Request, Response } from 'express';
import { credentialsOf, type Refuse, wantsHtml } from './auth.js';
import { html } from './html.js';
import { barePage, type PageContext } from './layout.js';
import type { Notice } from './sessions.js';

export const refuse: Refuse = (req, res, status, title, message) => {
  res.status(status);
  if (wantsHtml(req)) res.type('html').send(barePage(req.baseUrl, title, html`<p>${message}</p>`));
  else res.type('text/plain; charset=utf-8').send(message);
};

export function param(req: Request, name: string): string {
  const v = (req.params as Record<string, string | undefined>)[name];
  return typeof v === 'string' ? v : '';
}

/** A text field of a urlencoded form, line endings normalised; undefined when absent or repeated. */
export function bodyField(req: Request, name: string): string | undefined {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : undefined;
}

export function sendHtml(res: Response, status: number, body: string): void {
  res.status(status).type('html').send(body);
}

/** The page context; takes (and clears) the session's one-shot notices. */
export function pageContext(req: Request, res: Response, extra: Notice[] = []): PageContext {
  const creds = credentialsOf(res);
  if (creds.kind === 'bearer') return { base: req.baseUrl, csrf: null, session: false, notices: extra };
  const notices = [...creds.session.notices.take(), ...extra];
  const officer = creds.session.officer?.name;
  return { base: req.baseUrl, csrf: creds.session.csrf, session: true, notices, ...(officer ? { officer } : {}) };
}
