/**
 * Takes the README screenshots of the buyer's page (the triage queue, a
 * question with masked parts, a question the bot answered with quotes, the
 * history of a corrected published answer, the FAQ preview) in Debian's Chromium, with realistic Swedish data registered
 * through app.ask and worked through app.buyer, as a buyer would.
 * Run: node --import tsx test/admin/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, signInThroughForm } from './browser.js';
import { ADMIN_TOKEN, seedSampleQuestions, startAdminHarness } from './fixture.js';

const OUT = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const h = await startAdminHarness();
  const browser = await launchChromium();
  try {
    await seedSampleQuestions(h);
    const c = h.callOffId;
    // Named officers, as OpenID Connect sign-in records them: the history shows who answered, published and corrected.
    const anna = 'buyer:web:Anna Berg <anna.berg@arbetsformedlingen.se>';
    const karin = 'buyer:web:Karin Holm <karin.holm@arbetsformedlingen.se>';
    await h.app.buyer.answer(
      c,
      'F-0001',
      {
        answer: 'Anbudet ska vara Arbetsförmedlingen tillhanda senast 2026-02-02 kl. 23:59 (avsnitt 1.12.4).',
        publicQuestion: 'När ska anbudet senast vara inlämnat?',
      },
      anna,
    );
    await h.app.buyer.publish(c, ['F-0001'], anna);
    await h.app.buyer.answer(
      c,
      'F-0003',
      {
        answer: 'Ja. Konsulten ska vara säkerhetsprövad och godkänd innan uppdraget startar.',
        publicQuestion: 'Måste konsulten vara säkerhetsprövad innan uppdraget startar?',
      },
      'buyer:web',
    );
    await h.app.buyer.publish(c, ['F-0003'], 'buyer:web');
    // A correction of a published answer, for the history screenshot.
    h.clock.set('2026-01-27T08:45');
    await h.app.buyer.answer(
      c,
      'F-0001',
      { answer: 'Anbudet ska vara Arbetsförmedlingen tillhanda senast måndag 2026-02-02 kl. 23:59 (avsnitt 1.12.4).' },
      karin,
    );

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    const page = await context.newPage();
    await signInThroughForm(page, h.origin, ADMIN_TOKEN);
    const shots: [string, string][] = [
      ['admin-queue.png', '/admin/'],
      ['admin-question.png', `/admin/${c}/fragor/F-0004`],
      ['admin-question-bot-answer.png', `/admin/${c}/fragor/F-0002`],
      ['admin-faq.png', `/admin/${c}/faq`],
    ];
    for (const [file, url] of shots) {
      await page.goto(h.origin + url);
      await page.screenshot({ path: path.join(OUT, file), fullPage: true });
      console.log(`docs/screenshots/${file}`);
    }
    // The history of one entry: every version of a corrected published answer, and who acted.
    await page.goto(`${h.origin}/admin/${c}/fragor/F-0001`);
    await page.locator('section[aria-labelledby="historik"]').screenshot({ path: path.join(OUT, 'admin-history.png') });
    console.log('docs/screenshots/admin-history.png');
    await context.close();
  } finally {
    await browser.close();
    await h.close();
  }
}

await main();
