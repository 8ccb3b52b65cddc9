/**
 * Accessibility: axe-core runs inside the page (through Playwright, so the strict CSP stays
 * on) on every screen, with the demo running, in light and dark, and finds nothing serious or
 * critical. Each screen is saved as a screenshot in English and Chinese on the way
 * (test/artifacts/screen-<section>-<scheme>-<language>.png) for a person to look at; axe runs
 * on the English ones (the Chinese screens differ only in their text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startDemoStation, useBrowser, type Station } from './harness';

const session = useBrowser();
let station: Station;

beforeAll(async () => {
  station = await startDemoStation({ demo: true });
});

afterAll(async () => {
  await station?.close();
});

const SECTIONS = ['messages', 'modems', 'office', 'contacts', 'archive', 'account'] as const;

describe('accessibility of every screen', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no serious or critical axe violation in ${scheme} mode`, async () => {
      const { page } = await session.open(station, { colorScheme: scheme, closeStation: false });
      await page.getByTestId('nav-messages').waitFor();
      await expect.poll(() => page.getByTestId('station-status').textContent(), { timeout: 20_000 }).toContain('1');
      const found: Record<string, string[]> = {};
      for (const language of ['en', 'zh'] as const) {
        await page.getByTestId('language').selectOption(language);
        for (const section of SECTIONS) {
          await page.getByTestId(`nav-${section}`).click();
          await page.waitForTimeout(300);
          if (language === 'en') found[section] = await seriousViolations(page);
          await screenshot(page, `screen-${section}-${scheme}-${language}`);
        }
      }
      expect(found).toEqual(Object.fromEntries(SECTIONS.map((s) => [s, []])));
    }, 180_000);
  }
});
