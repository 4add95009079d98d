/**
 * The sign-in page: a link to the authority's own sign-in (OpenID Connect)
 * when configured, and the ADMIN_TOKEN form (a password field with a CSRF
 * token) when a token is set; both when both are.
 */
import { html } from '../html.js';
import { barePage, noticeList } from '../layout.js';
import type { Notice } from '../sessions.js';

export interface SignInMethods {
  oidc: boolean;
  token: boolean;
}

export function renderSignIn(
  base: string,
  csrf: string,
  next: string,
  notices: readonly Notice[],
  methods: SignInMethods = { oidc: false, token: true },
): string {
  const oidc = html`<p>Logga in med ditt konto hos myndigheten. Det du gör på sidan sparas i registret med ditt namn.</p>
<p><a class="button" href="${base}/logga-in/oidc?next=${encodeURIComponent(next)}">Logga in med myndighetskonto</a></p>`;
  const tokenForm = html`<form method="post" action="${base}/logga-in">
<input type="hidden" name="_csrf" value="${csrf}">
<input type="hidden" name="next" value="${next}">
<label for="token">Åtkomstnyckel</label>
<input type="password" id="token" name="token" required autocomplete="current-password" spellcheck="false">
<div class="actions"><button type="submit">Logga in</button></div>
</form>`;
  const tokenIntro = html`<p>Sidan är för den upphandlande myndigheten. Logga in med åtkomstnyckeln som är satt i miljövariabeln <code>ADMIN_TOKEN</code> på servern.</p>`;
  if (methods.oidc && methods.token) {
    return barePage(
      base,
      'Logga in',
      html`${noticeList(notices)}
<p>Sidan är för den upphandlande myndigheten.</p>
${oidc}
<h2>Med åtkomstnyckel</h2>
<p>För installationer och skript utan myndighetskonto: nyckeln i miljövariabeln <code>ADMIN_TOKEN</code> på servern.</p>
${tokenForm}`,
    );
  }
  if (methods.oidc) {
    return barePage(
      base,
      'Logga in',
      html`${noticeList(notices)}<p>Sidan är för den upphandlande myndigheten.</p>${oidc}`,
    );
  }
  return barePage(base, 'Logga in', html`${noticeList(notices)}${tokenIntro}${tokenForm}`);
}
