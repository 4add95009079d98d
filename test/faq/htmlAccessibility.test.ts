// The exported HTML file opened in Chromium (test/support/chromium.ts): axe-core
// (WCAG 2.1 A/AA and best practice) finds nothing, and the page reads as Swedish
// with a sensible heading outline.
import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFaq } from '../../src/faq/export.js';
import { launchTestChromium } from '../support/chromium.js';
import { empty, sample } from './fixtures.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchTestChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function audit(html: string) {
  const page = await browser.newPage();
  try {
    await page.setContent(html);
    await page.addScriptTag({ content: axe.source });
    const result = await page.evaluate(async () => {
      const w = globalThis as unknown as {
        document: unknown;
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string }> }> };
      };
      return w.axe.run(w.document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      });
    });
    const headings = await page.$$eval('h1, h2, h3', (els) => els.map((e) => `${e.tagName}:${e.textContent}`));
    const lang = await page.getAttribute('html', 'lang');
    const scripts = await page.$$eval('script', (els) => els.filter((e) => !e.textContent?.includes('axe')).length);
    return { violations: result.violations.map((v) => v.id), headings, lang, scripts };
  } finally {
    await page.close();
  }
}

describe('faq export: HTML in a browser', () => {
  it('has no axe violations, Swedish language and a heading outline', async () => {
    const r = await audit((await renderFaq(sample, 'html')).toString('utf8'));
    expect(r.violations).toEqual([]);
    expect(r.lang).toBe('sv');
    expect(r.headings.slice(0, 4)).toEqual(['H1:Frågor och svar', 'H2:Fråga 1', 'H3:Svar', 'H2:Fråga 2']);
    // The <script> in a question is text, not an element.
    expect(r.scripts).toBe(0);
  });

  it('an empty FAQ is accessible too', async () => {
    const r = await audit((await renderFaq(empty, 'html')).toString('utf8'));
    expect(r.violations).toEqual([]);
    expect(r.headings).toEqual(['H1:Frågor och svar']);
  });
});
