/**
 * Triage on the buyer's page in a real headless Chromium against the real App:
 * the queue's columns (the bot's outcome, asker, organisation), filters by
 * outcome and status, search in the question text, the time sort both ways,
 * publishing several questions in one action (refused, naming them, while one
 * has no official answer), correcting a published answer, the bot's proposal
 * marked as such, and the register download. axe-core finds no violations on
 * any of the new page states. The bot's answers are recorded directly in the
 * register, so the outcomes do not depend on the answer model.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyerDecisionAnswer } from '../../src/answering/messages.js';
import type { Asker, BotAnswer } from '../../src/core/types.js';
import { parseCsv } from '../faq/csvParse.js';
import { type AxeViolation, axeViolations, launchChromium, signInThroughForm } from './browser.js';
import { ADMIN_TOKEN, type AdminHarness, startAdminHarness } from './fixture.js';

const CITATION = {
  document: 'avropsforfragan.txt',
  section: '1.12.4',
  heading: 'Sista anbudsdag',
  quote: 'Anbud ska vara Arbetsförmedlingen tillhanda senast: 2026-02-02 23:59',
};
const ANSWERED: BotAnswer = {
  status: 'answered',
  answer: `Enligt avsnitt 1.12.4: ”${CITATION.quote}”`,
  citations: [CITATION],
};
const RELATED: BotAnswer = {
  status: 'not_in_documents',
  answer: 'Det framgår inte av avropsförfrågan. Frågan är registrerad för den upphandlande myndigheten.',
  citations: [],
  related: [{ ...CITATION, section: '1.8', heading: 'Arbetsplats', quote: 'Arbetet utförs i Solna.' }],
};
const NOT_IN_DOCS: BotAnswer = { ...RELATED, related: [] };
const CHANGE_REQUEST: BotAnswer = { status: 'not_in_documents', answer: buyerDecisionAnswer(), citations: [] };

/** [question, asker, local time of receipt, the bot's answer] in receipt order: F-0001 ... F-0005. */
const SEED: [string, Asker, string, BotAnswer][] = [
  [
    'När ska anbudet senast vara inlämnat?',
    { channel: 'slack', userId: 'U1', name: 'Johan Andersson', org: 'Konsultbolaget Nord AB' },
    '2026-01-23T09:14:00.000Z',
    ANSWERED,
  ],
  [
    'Får konsulten arbeta på distans?',
    { channel: 'teams', userId: '29:a', name: 'Maria Lindqvist', org: 'Dataföretaget Syd AB' },
    '2026-01-24T12:40:00.000Z',
    RELATED,
  ],
  [
    'Kan ni ändra avsnitt 8.5.1 så att vitet sänks till 5 %?',
    { channel: 'cli', name: 'Anna Berg', org: 'Bergs Konsult AB' },
    '2026-01-25T15:05:00.000Z',
    CHANGE_REQUEST,
  ],
  [
    'Hur lång är uppdragsperioden och kan den förlängas?',
    { channel: 'slack', userId: 'U2', name: 'Erik Svensson', org: 'Molnkraft AB' },
    '2026-01-25T17:30:00.000Z',
    NOT_IN_DOCS,
  ],
  [
    'Vilket datum är sista anbudsdag?',
    { channel: 'teams', userId: '29:b', name: 'Karin Holm', org: 'Holm IT AB' },
    '2026-01-26T08:00:00.000Z',
    ANSWERED,
  ],
];

function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Real browser steps on a busy machine: a generous limit per test (nothing asserts on time).
describe('triage on the buyer’s page in a real browser', { timeout: 120_000 }, () => {
  let h: AdminHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let queueUrl: string;

  const rowIds = () => page.locator('tbody th[scope="row"]').allTextContents();
  const rowOf = (id: string) =>
    page.locator('tbody tr').filter({ has: page.getByRole('link', { name: id, exact: true }) });
  /** axe is injected as a script, which the page's CSP forbids: this context bypasses CSP for that. */
  const expectAccessible = async () => expect(describeViolations(await axeViolations(page))).toEqual([]);

  beforeAll(async () => {
    h = await startAdminHarness();
    const c = h.callOffId;
    for (const [question, asker, at, bot] of SEED) {
      const { entry } = await h.app.register.receive({
        callOff: c,
        asker,
        question,
        publicQuestion: question,
        receivedAt: at,
        deliveryId: null,
      });
      await h.app.register.recordBotAnswer(c, entry.id, bot, at);
    }
    await h.app.buyer.answer(c, 'F-0001', { answer: 'Senast 2026-02-02 kl. 23:59 (avsnitt 1.12.4).' }, 'buyer:web');
    await h.app.buyer.answer(c, 'F-0004', { answer: 'Två år med option på ett års förlängning.' }, 'buyer:web');
    browser = await launchChromium();
    context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, locale: 'sv-SE' });
    page = await context.newPage();
    await signInThroughForm(page, h.origin, ADMIN_TOKEN);
    queueUrl = `${h.origin}/admin/${c}`;
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await h?.close();
  });

  it('shows the bot’s outcome, asker and organisation, with workflow statuses that do not contradict it', async () => {
    await page.goto(queueUrl);
    const headers = await page.locator('thead th').allTextContents();
    expect(headers.map((t) => t.trim())).toEqual([
      'Välj',
      'Kvittonummer',
      'Mottagen ↓(sortera äldst först)',
      'Kanal',
      'Frågeställare',
      'Organisation',
      'Botens utfall',
      'Status',
      'Fråga (första raden)',
    ]);
    expect(await rowIds()).toEqual(['F-0005', 'F-0004', 'F-0003', 'F-0002', 'F-0001']);
    const cells = async (id: string) => (await rowOf(id).locator('td').allTextContents()).map((t) => t.trim());
    expect((await cells('F-0001')).slice(1)).toEqual([
      '2026-01-23 10:14',
      'Slack',
      'Johan Andersson',
      'Konsultbolaget Nord AB',
      'Besvarad ur dokumenten',
      'Svar sparat',
      'När ska anbudet senast vara inlämnat?',
    ]);
    expect((await cells('F-0002')).slice(5, 7)).toEqual(['Möjligen relevant avsnitt', 'Ny']);
    expect((await cells('F-0003')).slice(5, 7)).toEqual(['Ändringsbegäran', 'Ny']);
    expect((await cells('F-0004')).slice(5, 7)).toEqual(['Finns inte i dokumenten', 'Svar sparat']);
    expect((await cells('F-0005')).slice(5, 7)).toEqual(['Besvarad ur dokumenten', 'Ny']);
    await expectAccessible();
  });

  it('filters by outcome and by status, and sorts by time both ways', async () => {
    await page.goto(queueUrl);
    await page.getByLabel('Botens utfall').selectOption({ label: 'Ändringsbegäran' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/utfall=change_request/);
    expect(await rowIds()).toEqual(['F-0003']);
    expect(await page.getByLabel('Botens utfall').inputValue()).toBe('change_request');
    await expectAccessible();

    await page.getByLabel('Botens utfall').selectOption({ label: 'Besvarad ur dokumenten' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/utfall=answered/);
    expect(await rowIds()).toEqual(['F-0005', 'F-0001']);
    // The status links keep the outcome filter and count within it.
    await page.getByRole('link', { name: 'Svar sparat (1)' }).click();
    await page.waitForURL(/status=answered/);
    expect(await rowIds()).toEqual(['F-0001']);

    await page.goto(`${queueUrl}?status=answered`);
    expect(await rowIds()).toEqual(['F-0004', 'F-0001']);
    await page.getByRole('link', { name: /^Mottagen/ }).click();
    await page.waitForURL(/ordning=aldst/);
    expect(await rowIds()).toEqual(['F-0001', 'F-0004']);
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    await expectAccessible();
    await page.getByRole('link', { name: /^Mottagen/ }).click();
    await page.waitForURL((url) => !url.search.includes('ordning'));
    expect(await rowIds()).toEqual(['F-0004', 'F-0001']);
  });

  it('searches the question text, whatever the case, and says when nothing matches', async () => {
    await page.goto(queueUrl);
    await page.getByLabel('Sök i frågetexten').fill('DISTANS');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/q=DISTANS/);
    expect(await rowIds()).toEqual(['F-0002']);
    expect(await page.locator('caption').first().textContent()).toContain('sökning: ”DISTANS”');

    await page.getByLabel('Sök i frågetexten').fill('sista anbudsdag');
    await page.getByLabel('Ordning').selectOption({ label: 'Äldst först' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/ordning=aldst/);
    expect(await rowIds()).toEqual(['F-0005']);

    await page.getByLabel('Sök i frågetexten').fill('säkerhetsskydd');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/q=s%C3%A4kerhetsskydd/);
    expect(await page.locator('main').textContent()).toContain('Inga frågor matchar urvalet.');
    await expectAccessible();
  });

  it('publishes several at once, refusing the whole action while one has no official answer', async () => {
    await page.goto(queueUrl);
    for (const id of ['F-0001', 'F-0002', 'F-0004']) await page.getByLabel(`Välj ${id}`).check();
    await page.getByRole('button', { name: 'Publicera markerade' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Inget publicerades.');
    const refusal = (await page.getByRole('alert').first().textContent()) ?? '';
    expect(refusal).toContain('F-0002 har inget officiellt svar ännu');
    expect(refusal).not.toMatch(/F-0001|F-0004/);
    // The selection is kept, so the buyer only has to untick the one named.
    for (const id of ['F-0001', 'F-0002', 'F-0004']) expect(await page.getByLabel(`Välj ${id}`).isChecked()).toBe(true);
    expect((await h.app.buyer.list({ callOff: h.callOffId, status: 'published' })).length).toBe(0);
    await expectAccessible();

    await page.getByLabel('Välj F-0002').uncheck();
    await page.getByRole('button', { name: 'Publicera markerade' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Publicerade i frågor och svar: F-0001 (nr 1) och F-0004 (nr 2).');
    expect((await rowOf('F-0001').locator('td').nth(6).textContent())?.trim()).toBe('Publicerad nr 1');
    // One publication event per question, each by the web page.
    for (const id of ['F-0001', 'F-0004']) {
      const { events } = await h.app.buyer.show(h.callOffId, id);
      expect(events.filter((e) => e.type === 'published').map((e) => e.actor)).toEqual(['buyer:web']);
    }
    await expectAccessible();
  });

  it('marks the bot’s answer as its proposal until an officer saves it', async () => {
    await page.goto(`${queueUrl}/fragor/F-0005`);
    const hint = page.locator('#answer-hint');
    expect(await hint.textContent()).toContain('Förslag från boten');
    expect(await page.getByLabel('Officiellt svar', { exact: true }).inputValue()).toBe(ANSWERED.answer);
    await expectAccessible();
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('är sparat');
    expect(await hint.textContent()).not.toContain('Förslag från boten');
  });

  it('corrects a published answer in place: same number, “Ändrad” in the FAQ, both versions in the history', async () => {
    await page.goto(`${queueUrl}/fragor/F-0004`);
    await page.getByLabel('Publicerat svar').fill('Två år med option på ytterligare ett år.');
    await page.getByRole('button', { name: 'Spara ändringen' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('är ändrad och fortfarande publicerad');
    const history = page.locator('table:has(caption:text("Händelser")) tbody tr').last();
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('Publicerat svar ändrat');
    expect(text).toContain('Svar, tidigare:Två år med option på ett års förlängning.');
    expect(text).toContain('Svar, nu:Två år med option på ytterligare ett år.');
    await expectAccessible();
    const { entry } = await h.app.buyer.show(h.callOffId, 'F-0004');
    expect(entry).toMatchObject({ status: 'published', faqNumber: 2 });

    await page.goto(`${queueUrl}/faq`);
    const faq = (await page.locator('main').textContent()) ?? '';
    expect(faq).toMatch(/Fråga 2[\s\S]*Två år med option på ytterligare ett år\.[\s\S]*Ändrad 2026-01-26 10:00/);
    expect(faq).not.toContain('LOU 12 kap. 11 §');
  });

  it('downloads the register for the diary, without personal data unless asked for', async () => {
    await page.goto(queueUrl);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe(`frageregister-${h.callOffId}.csv`);
    const rows = parseCsv(readFileSync((await download.path()) ?? '', 'utf8').slice(1), ';');
    expect(rows.slice(1, 6).map((r) => r[0])).toEqual(['F-0001', 'F-0002', 'F-0003', 'F-0004', 'F-0005']);
    expect(rows[4]?.[11]).toBe('Upphandlande myndighet (Webb)');
    expect(JSON.stringify(rows)).not.toContain('Erik Svensson');

    const [personal] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).nth(1).click(),
    ]);
    expect(readFileSync((await personal.path()) ?? '', 'utf8')).toContain('Erik Svensson');
  });
});
