/**
 * The window as a desktop citizen, in Chromium against the real core: keyboard shortcuts for
 * the common actions, and an sms: link (which the desktop app hands to the core) opening the
 * composer with its draft, once.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_HANDSET_NUMBER } from '../../modem/emulator/index';
import { startDemoStation, useBrowser, type Station } from './harness';

const session = useBrowser();

async function open(demo = false): Promise<{ station: Station; page: Page; problems: string[] }> {
  const station = await startDemoStation({ demo });
  const { page, problems } = await session.open(station);
  await page.getByTestId('search').waitFor();
  return { station, page, problems };
}

describe('keyboard shortcuts and sms: links', () => {
  it('switches sections with Alt+digit, opens a new message with Alt+N and search with Ctrl+K', async () => {
    const { page, problems } = await open();
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.getByTestId('nav-modems').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('nav-modems').getAttribute('aria-keyshortcuts')).toBe('Alt+2');

    await page.keyboard.press('Alt+n');
    await expect.poll(() => page.getByTestId('nav-messages').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('composer-to').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('composer-to');

    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    expect(problems).toEqual([]);
  });

  it('opens an sms: link as a draft with its number and text, says when it named several, and not again after a reload', async () => {
    const { station, page, problems } = await open();
    await page.keyboard.press('Alt+3'); // somewhere else: the link brings the user to Messages
    station.core.compose('sms:+49%20170%201234567?body=See%20you%20at%208%20%F0%9F%98%80');
    await page.getByTestId('composer-to').waitFor();
    expect(await page.getByTestId('composer-to').inputValue()).toBe('+491701234567');
    expect(await page.getByTestId('composer-text').inputValue()).toBe('See you at 8 😀');
    // The counter works on the draft as on typed text: the emoji needs UCS-2.
    expect(await page.getByTestId('counter-encoding').getAttribute('data-encoding')).toBe('ucs2');

    station.core.compose('sms:+491701234567,+491709876543');
    await expect.poll(() => page.getByTestId('draft-note').textContent()).toContain('2 numbers; the first is filled in');
    expect(await page.getByTestId('composer-text').inputValue()).toBe('');

    station.core.compose('sms:javascript:alert(1)');
    await expect.poll(() => page.getByTestId('draft-note').textContent()).toContain('The sms: link could not be read');

    // The core replays its latest draft to a reloaded window; the window has seen it and stays put.
    await page.reload();
    await page.getByTestId('search').waitFor();
    await page.getByTestId('thread-empty').waitFor();
    expect(await page.getByTestId('composer-to').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows the unread count in the window title until the conversation is read', async () => {
    const { station, page, problems } = await open(true);
    await expect.poll(() => station.core.events.latest('station.status')?.state, { timeout: 20_000 }).toBe('ready');
    const sent = await station.core.call('messages.send', { to: DEMO_HANDSET_NUMBER, text: 'Are you there?' });
    expect(sent.ok).toBe(true);
    await expect.poll(() => page.title(), { timeout: 30_000 }).toBe('(1) SMSDesk');
    await page.getByRole('option', { name: new RegExp(DEMO_HANDSET_NUMBER.replace('+', '\\+')) }).click();
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('SMSDesk');
    expect(problems).toEqual([]);
  }, 60_000);
});
