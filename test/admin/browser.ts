/**
 * Chromium driven by playwright-core, for the admin browser tests and the
 * screenshot script; which Chromium, and how it is launched, is
 * test/support/chromium.ts's business.
 */
import { readFile } from 'node:fs/promises';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { launchTestChromium } from '../support/chromium.js';

export function launchChromium(): Promise<Browser> {
  return launchTestChromium();
}

export async function signInThroughForm(page: Page, origin: string, token: string): Promise<void> {
  await page.goto(`${origin}/admin/`);
  await page.getByLabel('Åtkomstnyckel').fill(token);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(`${origin}/admin/`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (WCAG 2.0/2.1 A and AA rules). The page's CSP
 * forbids injected scripts, so the context running this must bypass CSP.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    const w = globalThis as unknown as {
      document: unknown;
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> };
    };
    return w.axe.run(w.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
  });
  return result.violations as AxeViolation[];
}

export const readBytes = (path: string) => readFile(path);
