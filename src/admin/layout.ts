/**
 * The page shell every /admin page shares: lang="sv", a skip link, a header
 * with navigation and sign-out, breadcrumbs, one h1, and the notices.
 */
import { type HtmlValue, html, type SafeHtml } from './html.js';
import type { Notice } from './sessions.js';

export interface PageContext {
  /** Where the router is mounted, e.g. "/admin"; every link starts with it. */
  base: string;
  /** The session's CSRF token; null for bearer-token requests (no cookies, no forms). */
  csrf: string | null;
  /** A browser session (shows "Logga ut"). */
  session: boolean;
  /** The officer signed in through OpenID Connect, shown beside "Logga ut" ("Anna Berg"). */
  officer?: string;
  notices: Notice[];
}

export interface Crumb {
  label: string;
  href?: string;
}

/** The hidden CSRF field every form carries. */
export function csrfField(ctx: PageContext): SafeHtml {
  return ctx.csrf ? html`<input type="hidden" name="_csrf" value="${ctx.csrf}">` : html``;
}

export function noticeList(notices: readonly Notice[]): SafeHtml {
  return html`${notices.map(
    (n) =>
      html`<div class="notice notice-${n.kind}" role="${n.kind === 'ok' ? 'status' : 'alert'}"><p>${n.text}</p></div>`,
  )}`;
}

/** Doctype, head and skip link: the same for every page, signed in or not. */
function documentStart(title: string, base: string | null): SafeHtml {
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} – Avropsbot, upphandlande myndighetens sida</title>
${base === null ? '' : html`<link rel="stylesheet" href="${base}/admin.css">`}
</head>
<body>
<a class="skip-link" href="#innehall">Hoppa till huvudinnehållet</a>`;
}

export function page(
  ctx: PageContext,
  opts: { title: string; heading?: HtmlValue; crumbs?: Crumb[]; body: HtmlValue },
): string {
  const crumbs = opts.crumbs ?? [];
  return html`${documentStart(opts.title, ctx.base)}
<header class="site-header">
<div class="wrap">
<p class="brand"><a href="${ctx.base}/">Avropsbot – frågor från leverantörer</a></p>
<nav aria-label="Huvudmeny"><ul><li><a href="${ctx.base}/">Alla frågor</a></li><li><a href="${ctx.base}/kontroll">Kontrollera registret</a></li></ul></nav>
${
  ctx.session
    ? html`<form method="post" action="${ctx.base}/logga-ut">${ctx.officer ? html`<span class="officer">Inloggad: ${ctx.officer}</span> ` : ''}${csrfField(ctx)}<button type="submit">Logga ut</button></form>`
    : ''
}
</div>
</header>
<main id="innehall" tabindex="-1">
<div class="wrap">
${
  crumbs.length > 0
    ? html`<nav class="breadcrumbs" aria-label="Du är här"><ol>${crumbs.map((c, i) =>
        c.href && i < crumbs.length - 1
          ? html`<li><a href="${c.href}">${c.label}</a></li>`
          : html`<li aria-current="page">${c.label}</li>`,
      )}</ol></nav>`
    : ''
}
<h1>${opts.heading ?? opts.title}</h1>
${noticeList(ctx.notices)}
${opts.body}
</div>
</main>
</body>
</html>
`.toString();
}

/** A bare page for before sign-in and for refusals: no navigation. */
export function barePage(base: string | null, title: string, body: HtmlValue): string {
  return html`${documentStart(title, base)}
<header class="site-header"><div class="wrap"><p class="brand">Avropsbot – frågor från leverantörer</p></div></header>
<main id="innehall" tabindex="-1">
<div class="wrap">
<h1>${title}</h1>
${body}
</div>
</main>
</body>
</html>
`.toString();
}
