/**
 * The buyer's page in a real headless Chromium against the real App: sign in,
 * open a question, word it, answer, publish, see it in the FAQ preview,
 * download the PDF, sign out; hostile text stays inert; a form without its
 * CSRF token is refused; axe-core finds no serious or critical violations.
 */

import type { Browser, Dialog } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, readBytes, signInThroughForm } from './browser.js';
import { ADMIN_TOKEN, type AdminHarness, seedSampleQuestions, startAdminHarness } from './fixture.js';

const XSS_QUESTION =
  '<script>window.__pwned = 1; alert("skript")</script><img src=x onerror="alert(\'bild\')"> Vad gäller för vite vid förseningar?';

describe('the buyer in a real browser', () => {
  let h: AdminHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startAdminHarness();
    await seedSampleQuestions(h);
    await h.ask(XSS_QUESTION, { channel: 'teams', userId: '29:xss', name: 'Olle Ost', org: 'Ostkonsult AB' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('signs in, words, answers and publishes a question, sees it in the FAQ, downloads the PDF, signs out', async () => {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'sv-SE' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // The pages work within their own CSP: the browser blocks nothing on them.
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });

    // Without a session the browser lands on the sign-in form.
    await page.goto(`${h.origin}/admin/${h.callOffId}/fragor/F-0001`);
    expect(new URL(page.url()).pathname).toBe('/admin/logga-in');
    await page.getByLabel('Åtkomstnyckel').fill('fel-nyckel-0000000000');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Fel åtkomstnyckel');
    await page.getByLabel('Åtkomstnyckel').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Logga in' }).click();
    // Back where the buyer was going.
    await page.waitForURL(`${h.origin}/admin/${h.callOffId}/fragor/F-0001`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fråga F-0001');

    // The queue: countdown and the question, newest first.
    await page.getByRole('link', { name: 'Alla frågor' }).first().click();
    expect(await page.locator('.countdown').first().textContent()).toBe('3 dagar 14 timmar kvar');
    const rows = await page.locator('tbody th[scope="row"]').allTextContents();
    expect(rows).toEqual(['F-0005', 'F-0004', 'F-0003', 'F-0002', 'F-0001']);

    // One question: supplier identity is shown to the buyer, the proposal is anonymised.
    await page.getByRole('link', { name: 'F-0001', exact: true }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Konsultbolaget Nord AB');
    const proposal = await page.getByLabel('Frågan som den publiceras (anonymiserad)').inputValue();
    expect(proposal).not.toMatch(/Johan|Andersson|070-123/);

    const wording = 'När ska anbudet senast ha kommit in till myndigheten?';
    const answer = 'Anbudet ska ha kommit in senast 2026-02-02 kl. 23:59, se avsnitt 1.12.4.';
    await page.getByLabel('Frågan som den publiceras (anonymiserad)').fill(wording);
    await page.getByLabel('Officiellt svar', { exact: true }).fill(answer);
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('är sparat');
    expect(await page.getByLabel('Officiellt svar', { exact: true }).inputValue()).toBe(answer);
    await page.getByRole('button', { name: 'Spara och publicera' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('publicerad som fråga nr 1');
    // The audit history shows the buyer's actions, oldest first, by buyer:web.
    const history = await page.locator('table:has(caption:text("Händelser")) tbody tr').allTextContents();
    expect(history.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^2026-01-23 09:14:00 Frågan mottogs Leverantör \(Slack\)/),
      expect.stringMatching(/Boten svarade/),
      expect.stringMatching(/Officiellt svar sparat Upphandlande myndighet \(Webb\) \(buyer:web\)/),
      expect.stringMatching(/^2026-01-26 10:00:00 Publicerad Upphandlande myndighet \(Webb\) \(buyer:web\) Fråga nr 1/),
    ]);

    // The FAQ preview shows it as exported.
    await page.getByRole('link', { name: 'Visa publicerade frågor och svar' }).click();
    const preview = page.locator('.faq-preview');
    await expect.poll(() => preview.textContent()).toContain(wording);
    expect(await preview.textContent()).toContain(answer);
    expect(await preview.getByRole('heading', { name: 'Fråga 1' }).count()).toBe(1);

    // The PDF download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await readBytes((await download.path()) ?? '');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(wording);
    expect(flat).toContain('Anbudet ska ha kommit in senast 2026-02-02');

    // Sign out: back to the form, and the pages are closed again.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/admin\/logga-in\?utloggad=1$/);
    expect(await page.getByRole('status').textContent()).toContain('Du är utloggad');
    await page.goto(`${h.origin}/admin/`);
    expect(new URL(page.url()).pathname).toBe('/admin/logga-in');
    expect(dialogs).toEqual([]);
    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('keeps a question with <script> and onerror inert: no dialog, the text is visible', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signInThroughForm(page, h.origin, ADMIN_TOKEN);
    const queueCell = page.locator('td.first-line', { hasText: 'Vad gäller för vite' });
    expect(await queueCell.textContent()).toContain('<script>window.__pwned = 1; alert("skript")</script>');
    await page.getByRole('link', { name: 'F-0005', exact: true }).click();
    await expect
      .poll(() => page.locator('.text-block').first().textContent())
      .toContain('<img src=x onerror="alert(\'bild\')">');
    // Publish it so the FAQ page and the export show it too.
    await page
      .getByLabel('Officiellt svar', { exact: true })
      .fill('Vite <b>utgår</b> enligt avsnitt 8 – <script>alert(3)</script>');
    await page.getByRole('button', { name: 'Spara och publicera' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('F-0005 är publicerad som fråga nr 2');
    await page.getByRole('link', { name: 'Visa publicerade frågor och svar' }).click();
    await expect.poll(() => page.locator('.faq-preview').textContent()).toContain('<script>alert(3)</script>');
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);
    await context.close();
  });

  it('refuses a form posted without its CSRF token (403) and changes nothing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughForm(page, h.origin, ADMIN_TOKEN);
    await page.goto(`${h.origin}/admin/${h.callOffId}/fragor/F-0002`);
    await page.locator('input[name="_csrf"]').evaluateAll((inputs) => {
      for (const i of inputs) i.remove();
    });
    await page.getByLabel('Officiellt svar', { exact: true }).fill('Ett svar som inte får sparas');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Spara och publicera' }).click(),
    ]);
    expect(response.status()).toBe(403);
    await expect.poll(() => page.locator('main').textContent()).toContain('saknar giltig säkerhetstoken (CSRF)');
    const { entry } = await h.app.buyer.show(h.callOffId, 'F-0002');
    expect(entry.status).toBe('received');
    expect(entry.answer).toBeNull();
    await context.close();
  });

  it('has no serious or critical axe-core violations on the queue, a question and the FAQ page', async () => {
    // axe is injected as a script, which the page's CSP rightly forbids: bypass it for this check only.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    // The check itself works: a page without alt text, label or lang is caught.
    await page.setContent('<html><body><img src="x.png"><input type="text"></body></html>');
    expect(summarise(await axeViolations(page)).map((v) => v.split(' ')[0])).toEqual(
      expect.arrayContaining(['image-alt', 'label', 'html-has-lang']),
    );
    await page.goto(`${h.origin}/admin/logga-in`);
    const signInViolations = await axeViolations(page);
    await signInThroughForm(page, h.origin, ADMIN_TOKEN);
    const found: Record<string, string[]> = { signIn: summarise(signInViolations) };
    for (const [name, path] of [
      ['queue', '/admin/'],
      ['question', `/admin/${h.callOffId}/fragor/F-0003`],
      ['published question', `/admin/${h.callOffId}/fragor/F-0001`],
      ['faq', `/admin/${h.callOffId}/faq`],
    ] as const) {
      await page.goto(h.origin + path);
      found[name] = summarise(await axeViolations(page));
    }
    expect(found).toEqual({ signIn: [], queue: [], question: [], 'published question': [], faq: [] });
    await context.close();
    // Five axe runs of several seconds each on a shared machine: more than the default limit.
  }, 120_000);

  it('shows a visible focus ring and a skip link that appears on Tab', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughForm(page, h.origin, ADMIN_TOKEN);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
    expect(await skip.evaluate((el) => el === (globalThis as unknown as BrowserGlobals).document.activeElement)).toBe(
      true,
    );
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);
    const outline = await skip.evaluate(
      (el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).outlineStyle,
    );
    expect(outline).toBe('solid');
    await context.close();
  });
});

/** The few browser globals used in page.evaluate (the project compiles without the DOM lib). */
interface BrowserGlobals {
  document: { activeElement: unknown };
  getComputedStyle(el: unknown): { outlineStyle: string };
}

function summarise(violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
