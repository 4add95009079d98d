/** The sign-in form: the ADMIN_TOKEN as a password field, with a CSRF token. */
import { html } from '../html.js';
import { barePage, noticeList } from '../layout.js';
import type { Notice } from '../sessions.js';

export function renderSignIn(base: string, csrf: string, next: string, notices: readonly Notice[]): string {
  return barePage(
    base,
    'Logga in',
    html`${noticeList(notices)}
<p>Sidan är för den upphandlande myndigheten. Logga in med åtkomstnyckeln som är satt i miljövariabeln <code>ADMIN_TOKEN</code> på servern.</p>
<form method="post" action="${base}/logga-in">
<input type="hidden" name="_csrf" value="${csrf}">
<input type="hidden" name="next" value="${next}">
<label for="token">Åtkomstnyckel</label>
<input type="password" id="token" name="token" required autocomplete="current-password" spellcheck="false">
<div class="actions"><button type="submit">Logga in</button></div>
</form>`,
  );
}
