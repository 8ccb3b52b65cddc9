/**
 * Accessibility: axe-core runs inside the page (through Playwright, so the strict CSP stays
 * on) on every built screen, with the demo running, and finds nothing serious or critical.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startDemoStation, type Station } from './harness';

let browser: Browser;
let station: Station;

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startDemoStation({ demo: true });
});

afterAll(async () => {
  await browser?.close();
  await station?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility of every screen', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no serious or critical axe violation in ${scheme} mode`, async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(station.bridge.loginUrl);
      await page.getByTestId('nav-messages').waitFor();
      await expect.poll(() => page.getByTestId('station-status').textContent(), { timeout: 20_000 }).toContain('1');
      const found: Record<string, string[]> = {};
      for (const section of ['messages', 'modems', 'office', 'contacts', 'archive', 'account']) {
        await page.getByTestId(`nav-${section}`).click();
        await page.waitForTimeout(300);
        found[section] = await seriousViolations(page);
      }
      expect(found).toEqual({ messages: [], modems: [], office: [], contacts: [], archive: [], account: [] });
      await context.close();
    }, 90_000);
  }
});
