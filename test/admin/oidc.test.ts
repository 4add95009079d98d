/**
 * Named officers: sign-in to /admin through a real OpenID Connect provider
 * (oidc-provider on 127.0.0.1) in a real headless Chromium. The officer
 * answers and publishes, and the history and the register export name her;
 * a user outside OIDC_ALLOWED is refused; sign-out ends the session; with
 * OIDC only, the token form is gone and an empty token signs nobody in; axe
 * finds no serious or critical violations on the new pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/admin/sessions.js';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidcProvider.js';
import { axeViolations, launchChromium } from './browser.js';
import { type AdminHarness, seedSampleQuestions, startAdminHarness } from './fixture.js';

const ACCOUNTS = {
  anna: { name: 'Anna Berg', email: 'anna.berg@myndighet.se' },
  mallory: { name: 'Mallory Ek', email: 'mallory@exempel.se' },
};
const ANNA = 'Anna Berg <anna.berg@myndighet.se>';

function oidcEnv(idp: TestOidcProvider): Record<string, string> {
  return {
    OIDC_ISSUER_URL: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ALLOWED: 'myndighet.se, grp-upphandlare',
  };
}

/** Through the provider's own login and consent pages, as the officer would. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.getByRole('link', { name: 'Logga in med myndighetskonto' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('valfritt-lösenord');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

function summarise(violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('officers signed in through OpenID Connect', () => {
  let idp: TestOidcProvider;
  let h: AdminHarness;
  let browser: Browser;

  beforeAll(async () => {
    idp = await startTestOidcProvider(ACCOUNTS);
    h = await startAdminHarness({ env: oidcEnv(idp) });
    idp.start(`${h.origin}/admin/logga-in/oidc/klar`);
    await seedSampleQuestions(h);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await idp?.close();
  });

  it('signs in, answers and publishes, and the history and the register export name the officer', async () => {
    // axe is injected as a script, which the page's CSP rightly forbids: bypass it for that check only.
    const context = await browser.newContext({ locale: 'sv-SE', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${h.origin}/admin/${h.callOffId}/fragor/F-0001`);
    expect(new URL(page.url()).pathname).toBe('/admin/logga-in');
    // Both ways in are offered when both are configured.
    expect(await page.getByLabel('Åtkomstnyckel').count()).toBe(1);
    const signInViolations = summarise(await axeViolations(page));

    await signInAtProvider(page, 'anna');
    // Back where she was going, signed in.
    await page.waitForURL(`${h.origin}/admin/${h.callOffId}/fragor/F-0001`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fråga F-0001');
    expect(await page.locator('header .officer').textContent()).toBe('Inloggad: Anna Berg');

    const answer = 'Anbudet ska ha kommit in senast 2026-02-02 kl. 23:59, se avsnitt 1.12.4.';
    await page.getByLabel('Officiellt svar', { exact: true }).fill(answer);
    await page.getByRole('button', { name: 'Spara och publicera' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('F-0001 är publicerad som fråga nr 1');
    const history = await page.locator('table:has(caption:text("Händelser")) tbody tr').allTextContents();
    const flat = history.map((r) => r.replace(/\s+/g, ' ').trim());
    expect(flat).toEqual([
      expect.stringMatching(/Frågan mottogs Leverantör \(Slack\)/),
      expect.stringMatching(/Boten svarade/),
      expect.stringContaining(`Officiellt svar sparat ${ANNA}, upphandlande myndighet (Webb)`),
      expect.stringContaining(`Publicerad ${ANNA}, upphandlande myndighet (Webb)`),
    ]);
    const questionViolations = summarise(await axeViolations(page));

    // What the register stores, and what the diary export shows.
    const { events } = await h.app.buyer.show(h.callOffId, 'F-0001');
    expect(events.filter((e) => e.type === 'published').map((e) => e.actor)).toEqual([`buyer:web:${ANNA}`]);
    const csv = await context.request.get(`${h.origin}/admin/${h.callOffId}/register.csv`);
    expect(csv.status()).toBe(200);
    const row = (await csv.text()).split('\n').find((l) => l.includes('F-0001'));
    expect(row).toContain(`${ANNA}, upphandlande myndighet (Webb)`);

    // Sign-out keeps working: the pages close again.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/admin\/logga-in\?utloggad=1$/);
    await page.goto(`${h.origin}/admin/`);
    expect(new URL(page.url()).pathname).toBe('/admin/logga-in');

    expect({ signIn: signInViolations, question: questionViolations }).toEqual({ signIn: [], question: [] });
    await context.close();
  }, 120_000);

  it('refuses a user outside OIDC_ALLOWED with a Swedish page and lets nothing through', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${h.origin}/admin/`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/admin/logga-in/oidc/klar')),
      signInAtProvider(page, 'mallory'),
    ]);
    expect(response.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ingen behörighet');
    expect(await page.locator('main').textContent()).toContain('mallory@exempel.se');
    expect(await page.locator('main').textContent()).toContain('har inte behörighet');
    expect(summarise(await axeViolations(page))).toEqual([]);
    await page.goto(`${h.origin}/admin/`);
    expect(new URL(page.url()).pathname).toBe('/admin/logga-in');
    await context.close();
  }, 60_000);

  it('refuses a callback without the flow that started it (no cookie, forged state)', async () => {
    const res = await fetch(`${h.origin}/admin/logga-in/oidc/klar?code=abc&state=xyz`, {
      headers: { accept: 'text/html' },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Inloggningen hade gått ut');
  });
});

describe('OpenID Connect without ADMIN_TOKEN', () => {
  let idp: TestOidcProvider;
  let h: AdminHarness;

  beforeAll(async () => {
    idp = await startTestOidcProvider(ACCOUNTS);
    h = await startAdminHarness({ adminToken: null, env: oidcEnv(idp) });
    idp.start(`${h.origin}/admin/logga-in/oidc/klar`);
  });
  afterAll(async () => {
    await h?.close();
    await idp?.close();
  });

  it('offers only the authority sign-in, and an empty token signs nobody in', async () => {
    const form = await fetch(`${h.origin}/admin/logga-in`, { headers: { accept: 'text/html' } });
    const body = await form.text();
    expect(form.status).toBe(200);
    expect(body).toContain('Logga in med myndighetskonto');
    expect(body).not.toContain('name="token"');
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    // The page has no form now, but a hand-made POST of the old form, with a valid CSRF token
    // (read from the cookie with the same key the server uses), must not get in either.
    const sessions = new SessionStore(() => `oidc:${idp.clientSecret}`);
    const csrf = sessions.decode(cookie.slice(cookie.indexOf('=') + 1))?.csrf ?? '';
    expect(csrf).not.toBe('');
    const post = await fetch(`${h.origin}/admin/logga-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token: '', next: '/admin/' }).toString(),
    });
    expect(post.status).toBe(403);
    expect(await post.text()).toContain('Inloggning med åtkomstnyckel är inte aktiverad');
    // Scripts without a token get nothing either.
    const script = await fetch(`${h.origin}/admin/`, { headers: { authorization: 'Bearer ' } });
    expect(script.status).toBe(401);
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const res = await fetch(`${h.origin}/admin/logga-in/oidc?next=/admin/`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const target = new URL(res.headers.get('location') ?? '');
    expect(target.origin).toBe(idp.issuer);
    expect(target.searchParams.get('code_challenge_method')).toBe('S256');
    expect(target.searchParams.get('redirect_uri')).toBe(`${h.origin}/admin/logga-in/oidc/klar`);
    for (const p of ['code_challenge', 'state', 'nonce']) expect(target.searchParams.get(p)).toMatch(/^\S{20,}$/);
    expect(res.headers.get('set-cookie')).toMatch(/^avropsbot_oidc=.+SameSite=Lax/);
  });
});
