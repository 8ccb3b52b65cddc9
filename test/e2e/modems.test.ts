/**
 * The Modems screen in Chromium against the real core and the demo's virtual modem: USSD
 * menus, the PIN dialog with a wrong PIN, an unplugged modem, the AT console, the signal
 * chart, and screenshots in light/dark and English/Chinese (test/artifacts/modems-*.png).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_HANDSET_NUMBER } from '../../modem/emulator/index';
import { screenshot, startDemoStation, useBrowser, type Station } from './harness';

const session = useBrowser();

/** The demo station with quick status polls, and a page on its Modems screen with the modem ready. */
async function modemsPage(options: { colorScheme?: 'light' | 'dark'; height?: number } = {}): Promise<{ station: Station; page: Page }> {
  const station = await startDemoStation({ demo: true, modemPollMs: 500 });
  const { page } = await session.open(station, {
    viewport: { width: 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  await page.getByTestId('nav-modems').click();
  await expect.poll(() => page.getByTestId('modem-state').textContent(), { timeout: 20_000 }).toBe('Ready');
  return { station, page };
}

/** Modem work (a reconnect, a PIN check, a poll) takes seconds: wait up to 15 s. */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

function emulatedModem(station: Station) {
  const modem = station.core.demoEmulator?.modems[0];
  if (!modem) throw new Error('the demo is not running');
  return modem;
}

describe('the Modems screen', () => {
  it('shows the modem, the demo in the status bar, and every control with a name', async () => {
    const { station, page } = await modemsPage();
    const details = page.getByTestId('modem-details');
    await eventually(() => details.textContent()).toContain('SMSDesk Net');
    const text = (await details.textContent()) ?? '';
    expect(text).toContain(emulatedModem(station).subscriber.imei);
    expect(text).toContain(emulatedModem(station).subscriber.iccid);
    expect(text).toContain('+491555000001'); // own number
    expect(text).toContain('Registered, home network');
    expect(text).toContain('Excellent (−71 dBm)');
    expect(text).toMatch(/\d+ of \d+ used/);
    expect(await page.getByTestId('station-demo').textContent()).toBe('Demo');
    expect(await page.getByTestId('station-status').textContent()).toBe('1 modem ready');

    // The port picker lists the demo's virtual port with the modem on it.
    const ports = page.getByTestId('ports');
    await eventually(() => ports.getByRole('row').count()).toBeGreaterThanOrEqual(2);
    expect(await ports.getByRole('rowheader', { name: 'demo0.0' }).isVisible()).toBe(true);
    expect(await ports.textContent()).toContain('Virtual (demo)');

    // Every control has an accessible name; every field has a label.
    const unnamed = await page.locator('main.modems-screen').evaluate((main) => {
      const missing: string[] = [];
      for (const el of main.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="log"], svg[role="img"]')) {
        const labelled =
          (el instanceof HTMLInputElement && el.labels && el.labels.length > 0) ||
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby') ||
          (el.tagName === 'BUTTON' && (el.textContent ?? '').trim());
        if (!labelled) missing.push(el.outerHTML.slice(0, 80));
      }
      return missing;
    });
    expect(unnamed).toEqual([]);
  });

  it('runs a USSD menu session by keyboard, shows replies as text, and cancels a session', async () => {
    const { station, page } = await modemsPage();
    const ussd = page.getByTestId('ussd');
    const log = ussd.getByRole('log', { name: 'USSD conversation' });

    // Keyboard only: focus the code field, type, Enter.
    await ussd.getByLabel('USSD code').focus();
    await page.keyboard.type('*123#');
    await page.keyboard.press('Enter');
    await eventually(() => log.textContent()).toContain('1 Balance');
    expect(await log.innerText()).toContain('1 Balance\n2 Data bundles\n0 Exit');
    expect(await ussd.getByRole('status').textContent()).toBe('The network waits for your answer.');
    // The menu answers the open session: a choice button, then typed text.
    await ussd.getByRole('button', { name: 'Choose 2 Data bundles' }).click();
    await eventually(() => log.textContent()).toContain('5 GB for 15 EUR');
    await ussd.getByLabel('Your answer').fill('1');
    await ussd.getByLabel('Your answer').press('Enter');
    await eventually(() => log.textContent()).toContain('Bundle booked.');
    await eventually(() => log.textContent()).toContain('The session has ended.');
    expect(await ussd.getByLabel('USSD code').isVisible()).toBe(true);

    // A new menu, ended by the person: ussd.cancel.
    await ussd.getByLabel('USSD code').fill('*123#');
    await ussd.getByRole('button', { name: 'Send' }).click();
    await eventually(() => ussd.getByTestId('ussd-cancel').isVisible()).toBe(true);
    await ussd.getByTestId('ussd-cancel').click();
    await eventually(() => ussd.getByLabel('USSD code').isVisible()).toBe(true);
    expect((await log.textContent())?.match(/The session has ended\./g)).toHaveLength(2);

    // What the network sends is text, never markup.
    station.core.demoEmulator!.network.ussdService('*555#', (s) => s.answer('<img src=x onerror=alert(1)><b>bold</b>'));
    await ussd.getByLabel('USSD code').fill('*555#');
    await ussd.getByLabel('USSD code').press('Enter');
    await eventually(() => log.textContent()).toContain('<img src=x onerror=alert(1)><b>bold</b>');
    expect(await log.locator('img, b').count()).toBe(0);
  });

  it('asks for the PIN in a dialog, shows a wrong PIN in the modem’s words, and never retries it', async () => {
    const { station, page } = await modemsPage();
    const sim = emulatedModem(station);
    sim.subscriber.pin = '2468';
    sim.unplug();
    sim.replug();

    const dialog = page.getByRole('dialog', { name: 'Enter the SIM PIN' });
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
    await eventually(() => page.getByTestId('modem-state').textContent()).toBe('Needs PIN');
    await screenshot(page, 'modems-pin-dialog');
    // Focus starts in the PIN field and stays in the dialog.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pin-input');
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    // The web view has no keychain: no "remember", and it says why.
    expect(await dialog.getByRole('checkbox').count()).toBe(0);
    expect(await dialog.textContent()).toContain('PINs are not remembered here');

    expect(sim.state.pinTries).toBe(3);
    await dialog.getByLabel('PIN', { exact: true }).fill('9753');
    await dialog.getByLabel('PIN', { exact: true }).press('Enter');
    const error = dialog.getByTestId('pin-error');
    await eventually(() => error.textContent()).toContain('The SIM did not accept that');
    expect(await error.textContent()).toMatch(/The modem said: The SIM refused this PIN: .*\+CME ERROR: 16/);
    expect(await dialog.getByLabel('PIN', { exact: true }).inputValue()).toBe('');
    await screenshot(page, 'modems-pin-refused');
    expect(sim.state.pinTries).toBe(2);
    // Only one attempt reached the SIM, and none follows by itself.
    await page.waitForTimeout(3_000);
    expect(sim.state.pinTries).toBe(2);
    expect(await page.getByTestId('modem-state').textContent()).toBe('Needs PIN');

    // Escape closes the dialog; the screen keeps saying what is wrong and offers the dialog again.
    await page.keyboard.press('Escape');
    await eventually(() => dialog.count()).toBe(0);
    expect(await page.getByTestId('modem-problem').textContent()).toContain('The SIM needs its PIN');
    await page.getByRole('button', { name: 'Enter PIN…' }).click();
    await eventually(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('PIN', { exact: true }).fill('2468');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await eventually(() => dialog.count()).toBe(0);
    await eventually(() => page.getByTestId('modem-state').textContent()).toBe('Ready');
    expect(sim.state.pinTries).toBe(3);

    // The console shows both attempts, masked.
    const trace = page.getByTestId('trace');
    await eventually(() => trace.textContent()).toContain('AT+CPIN="****"');
    const traced = (await trace.textContent()) ?? '';
    expect(traced).toContain('+CME ERROR: 16');
    expect(traced).not.toContain('2468');
    expect(traced).not.toContain('9753');
  }, 60_000);

  it('shows an unplugged modem offline with the reason, and ready again when it comes back', async () => {
    const { station, page } = await modemsPage();
    const sim = emulatedModem(station);
    sim.unplug();
    await eventually(() => page.getByTestId('modem-state').textContent()).toBe('Offline');
    expect(await page.getByTestId('modem-problem').textContent()).toContain(
      'The modem is not connected. SMSDesk looks for it again by itself.',
    );
    await eventually(() => page.getByTestId('station-status').textContent()).toBe('No modem connected');
    expect(await page.getByTestId('station-demo').textContent()).toBe('Demo');
    await eventually(() => page.getByTestId('signal-chart').locator('svg').getAttribute('data-last-signal')).toBe('none');
    sim.replug();
    await expect.poll(() => page.getByTestId('modem-state').textContent(), { timeout: 20_000 }).toBe('Ready');
    await eventually(() => page.getByTestId('station-status').textContent()).toBe('1 modem ready');
    expect(await page.getByTestId('modem-problem').count()).toBe(0);
  }, 40_000);

  it('shows the live AT trace with message PDUs hidden, asks before risky commands, and exports the trace', async () => {
    const { station, page } = await modemsPage();
    const consolePanel = page.getByTestId('at-console');
    const trace = consolePanel.getByRole('log', { name: 'AT trace' });
    // The driver's own traffic, live: the set-up and the status polls.
    await eventually(() => trace.textContent()).toContain('AT+CGSN');
    await eventually(async () => ((await trace.textContent()) ?? '').split('AT+CSQ').length).toBeGreaterThan(3);

    // A raw command by keyboard.
    await consolePanel.getByLabel('AT command').fill('AT+CGMR');
    await consolePanel.getByLabel('AT command').press('Enter');
    const result = consolePanel.getByTestId('at-result');
    await eventually(() => result.textContent()).toContain('The modem answered OK.');
    await eventually(() => trace.textContent()).toContain('AT+CGMR');

    // A command that would break the driver is held back until confirmed.
    await consolePanel.getByLabel('AT command').fill('AT+CMGF=1');
    await consolePanel.getByLabel('AT command').press('Enter');
    const confirm = consolePanel.getByTestId('at-confirm');
    await eventually(() => confirm.textContent()).toContain('switch to text mode');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Do not send');
    await page.keyboard.press('Enter');
    await eventually(() => confirm.count()).toBe(0);
    expect(emulatedModem(station).state.cmgf).toBe(0);
    expect(await trace.textContent()).not.toContain('AT+CMGF=1');

    // A message goes out: its PDU is hidden in the trace.
    const sent = await station.core.call('messages.send', { to: DEMO_HANDSET_NUMBER, text: 'Private words' });
    expect(sent.ok).toBe(true);
    await expect.poll(() => trace.textContent(), { timeout: 20_000 }).toMatch(/<PDU of \d+ octets hidden><Ctrl-Z>/);
    await expect.poll(() => trace.textContent(), { timeout: 20_000 }).toContain('+CMGS:');
    expect(await trace.textContent()).not.toMatch(/[0-9A-F]{30,}/);

    // Export: a text file through a Blob and an <a download>.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      consolePanel.getByRole('button', { name: 'Export trace' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^smsdesk-at-trace-${emulatedModem(station).subscriber.imei}-.*\\.txt$`));
    const file = readFileSync((await download.path())!, 'utf8');
    expect(file.split('\n')[0]).toMatch(/^# SMSDesk AT trace of .* PINs and message PDUs are hidden\.$/);
    expect(file).toMatch(/ > AT\+CGMR\n/);
    expect(file).toMatch(/<PDU of \d+ octets hidden><Ctrl-Z>/);
    expect(file).not.toMatch(/[0-9A-F]{30,}/);
  }, 60_000);

  it('draws the signal chart and updates it when the network changes the signal', async () => {
    const { station, page } = await modemsPage();
    const chart = page.getByTestId('signal-chart');
    const svg = chart.getByRole('img', { name: /Signal over time/ });
    await eventually(() => svg.getAttribute('data-last-signal')).toBe('21');
    expect(await chart.locator('path.chart-line').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+ H[\d.]+$/);

    emulatedModem(station).setSignal(7);
    await expect.poll(() => svg.getAttribute('data-last-signal'), { timeout: 10_000 }).toBe('7');
    expect(await svg.getAttribute('data-samples')).toBe('2');
    expect(await chart.locator('path.chart-line').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+ H[\d.]+ V[\d.]+ H[\d.]+$/);
    expect(await chart.locator('desc').textContent()).toContain('now Weak (−99 dBm); lowest Weak (−99 dBm), highest Excellent (−71 dBm)');
    expect(await page.getByTestId('modem-details').textContent()).toContain('Weak (−99 dBm)');

    // The history lives in the core: a reload draws the same chart.
    await page.reload();
    await page.getByTestId('nav-modems').click();
    await eventually(() => page.getByTestId('signal-chart').locator('svg').getAttribute('data-samples')).toBe('2');
  }, 40_000);

  it('looks right in light and dark, in English and Chinese', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      // Tall enough that the whole screen (it scrolls inside the window) is in the picture.
      const { station, page } = await modemsPage({ colorScheme: scheme, height: 1400 });
      // Some life on the screen: a signal change and a USSD answer.
      emulatedModem(station).setSignal(14);
      await eventually(() => page.getByTestId('signal-chart').locator('svg').getAttribute('data-last-signal')).toBe('14');
      const ussd = page.getByTestId('ussd');
      await ussd.getByTestId('ussd-input').fill('*100#');
      await ussd.getByTestId('ussd-input').press('Enter');
      await eventually(() => ussd.textContent()).toContain('Your balance is 12.34 EUR');
      await page.getByTestId('at-input').fill('ATE1');
      await page.getByTestId('at-input').press('Enter');
      await eventually(() => page.getByTestId('at-confirm').isVisible()).toBe(true);
      await eventually(() => page.getByTestId('ports').getByRole('rowheader', { name: 'demo0.0' }).isVisible()).toBe(true);
      await screenshot(page, `modems-${scheme}-en`);
      await page.getByTestId('language').selectOption('zh');
      // The language is kept; a fresh load shows every part of the page in it from the start.
      await page.reload();
      await page.getByTestId('nav-modems').click();
      await eventually(() => page.locator('#modems-title').textContent()).toBe('调制解调器');
      await eventually(() => page.getByTestId('modem-state').textContent()).toBe('就绪');
      await eventually(() => page.getByTestId('trace').textContent()).toContain('AT+CSQ');
      await eventually(() => page.getByTestId('station-status').textContent()).toBe('1 个调制解调器就绪');
      await eventually(() => page.getByTestId('ports').getByRole('rowheader', { name: 'demo0.0' }).isVisible()).toBe(true);
      await screenshot(page, `modems-${scheme}-zh`);
    }
  }, 90_000);
});
