/**
 * The Account screen in Chromium against the real core, a real mailbox server in this
 * process (SQLite), and the demo's virtual network as the mailbox's gateway: the login code
 * SMS lands on the demo's virtual handset, the test reads it there and types it. Then a
 * second account (a MailboxClient in the test) writes, and the message shows in Messages,
 * marked as a mailbox message. axe checks the screen signed out and signed in.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addStation, serveMailbox, type MailboxServer } from '../../mailbox/index';
import { DEMO_HANDSET_NUMBER, type Handset } from '../../modem/emulator/index';
import { memoryAccountTokens } from '../../main/core';
import { MailboxClient, StationLink } from '../../main/sync/index';
import { launchBrowser, screenshot, startDemoStation, watchPage, type Station } from './harness';

/** A second account's phone, added to the demo's network. */
const OTHER_NUMBER = '+491555000020';
const FAST = { initialMs: 50, maxMs: 400 } as const;

let browser: Browser;
let dir: string;
const open: { station: Station; context: BrowserContext; link: StationLink; server: MailboxServer; problems: string[] }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'smsdesk-account-e2e-'));
});

afterEach(async () => {
  for (const o of open.splice(0)) {
    // Every journey ends without console errors or page errors.
    expect(o.problems).toEqual([]);
    await o.context.close();
    await o.link.stop();
    await o.station.close();
    await o.server.close();
  }
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 20_000 });
}

/** A mailbox server, the demo station serving it as its gateway, and a page on the Account screen. */
async function world(): Promise<{ page: Page; station: Station; server: MailboxServer; handset: (n: string) => Handset }> {
  const server = await serveMailbox({
    port: 0,
    db: join(dir, `mailbox-${randomUUID()}.sqlite`),
    http: { requestsPerMinute: false },
    sweepMs: 200,
  });
  const station = await startDemoStation({
    demo: true,
    mailboxTimings: { backoff: FAST, timeoutMs: 5_000, reconcileMs: 200, contactsSettleMs: 100 },
  });
  const gateway = station.core.station;
  if (!gateway) throw new Error('the demo station has no archive');
  const { token } = await addStation(server.internals.ctx.db, 'demo gateway');
  const link = new StationLink({ url: server.url, token, station: gateway, backoff: FAST, reconcileMs: 200 });
  link.start();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  const { problems } = watchPage(page);
  open.push({ station, context, link, server, problems });
  await page.goto(station.bridge.loginUrl);
  await eventually(() => page.getByTestId('station-status').textContent()).toBe('1 modem ready');
  await eventually(() => link.connected).toBe(true);
  const emulator = station.core.demoEmulator;
  if (!emulator) throw new Error('the demo is not running');
  emulator.addHandset(OTHER_NUMBER);
  const handset = (number: string): Handset => {
    const found = emulator.handsets.find((h) => h.msisdn === number);
    if (!found) throw new Error(`no handset ${number}`);
    return found;
  };
  await page.getByTestId('nav-account').click();
  return { page, station, server, handset };
}

/** The six to ten digits of the newest code SMS the handset got after `before` messages. */
async function codeAt(handset: Handset, before: number): Promise<string> {
  let code: string | undefined;
  await eventually(() => {
    const sms = handset.inbox.slice(before).find((m) => /code/i.test(m.text));
    code = sms ? /\b(\d{6,10})\b/.exec(sms.text)?.[1] : undefined;
    return code !== undefined;
  }).toBe(true);
  return code ?? '';
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the Account screen', () => {
  it('logs in with the code read from the virtual handset, lists the device, and shows another account’s message as a mailbox message', async () => {
    const { page, server, station, handset } = await world();
    const screen = page.getByTestId('account-screen');
    await screen.getByRole('heading', { name: 'Mailbox account' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A scheme other than http(s) is refused in words; the server's address is kept.
    await page.getByLabel('Server address').fill('ftp://example.org');
    await page.getByRole('button', { name: 'Save address' }).click();
    await eventually(() => page.getByTestId('account-error').textContent()).toContain('https://');
    await page.getByLabel('Server address').fill(server.url);
    await page.getByLabel('Server address').press('Enter');
    await page.getByTestId('account-login').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Address saved.' }).count()).toBe(1);

    // Number → code by SMS on the virtual handset → typed (the field offers one-time codes).
    const phone = handset(DEMO_HANDSET_NUMBER);
    const before = phone.inbox.length;
    await page.getByLabel('Your phone number').fill(DEMO_HANDSET_NUMBER);
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await eventually(() => page.getByTestId('account-login-note').textContent()).toBe(
      `A code is on its way to ${DEMO_HANDSET_NUMBER} by SMS.`,
    );
    const codeField = page.getByLabel('Code from the SMS');
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    const code = await codeAt(phone, before);

    // A wrong code first: said in words, the field emptied, nobody signed in.
    const wrong = code === '000000' ? '111111' : '000000';
    await codeField.fill(wrong);
    await codeField.press('Enter');
    await eventually(() => page.getByTestId('account-login-note').textContent()).toContain('That code is not right');
    expect(await codeField.inputValue()).toBe('');
    await screenshot(page, 'account-signed-out');

    await codeField.fill(code);
    await page.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => page.getByTestId('account-number-shown').textContent()).toBe(`Logged in as ${DEMO_HANDSET_NUMBER}`);
    await eventually(() => page.getByTestId('account-sync').textContent()).toBe('In sync with the mailbox.');
    const device = page.getByTestId('account-device');
    await eventually(() => device.count()).toBe(1);
    expect(await device.textContent()).toContain('This computer');
    expect(await page.getByRole('button', { name: /^Log out SMSDesk/ }).count()).toBe(1);
    await eventually(() => page.getByTestId('account-link-state').textContent()).toBe('This station is not linked.');
    expect(await page.getByTestId('account-rules').textContent()).toContain('No notices');
    expect(await seriousViolations(page)).toEqual([]);

    // A notice rule, added by keyboard and listed in words.
    await page.getByLabel('When this many wait unread').fill('3');
    await page.getByRole('button', { name: 'Add a notice' }).click();
    await eventually(() => page.getByTestId('account-rule').textContent()).toContain('When 3 or more wait unread, from anyone');
    await screenshot(page, 'account-signed-in');

    // A second account writes over the internet.
    const other = new MailboxClient({ url: server.url, tokens: memoryAccountTokens() });
    const otherPhone = handset(OTHER_NUMBER);
    const otherBefore = otherPhone.inbox.length;
    await other.requestCode(OTHER_NUMBER);
    await other.login({ number: OTHER_NUMBER, code: await codeAt(otherPhone, otherBefore) }, 'The other phone');
    const text = 'Hello over the mailbox, no SMS needed.';
    await other.send({ clientId: randomUUID(), to: [DEMO_HANDSET_NUMBER], text });

    await page.getByTestId('nav-messages').click();
    const row = page.getByRole('option', { name: new RegExp(OTHER_NUMBER.replace('+', '\\+')) });
    await eventually(() => row.count()).toBe(1);
    await row.click();
    const message = page.getByTestId('conversation-pane').getByTestId('message').filter({ hasText: text });
    await eventually(() => message.count()).toBe(1);
    expect(await message.getByTestId('message-channel').textContent()).toBe('Mailbox');

    // The phone book is matched with the mailbox: the registered number gets the badge, another does not.
    for (const [name, number] of [
      ['Other Phone', OTHER_NUMBER],
      ['Never Registered', '+491555000099'],
    ] as const) {
      const saved = await station.core.call('contacts.save', { name, numbers: [{ number }] });
      expect(saved.ok).toBe(true);
    }
    await page.getByTestId('nav-contacts').click();
    const contact = (name: string) => page.getByTestId('contact-list').getByRole('option', { name: new RegExp(`^${name}`) });
    await eventually(() => contact('Other Phone').locator('.reach-badge').count()).toBe(1);
    expect(await contact('Other Phone').locator('.reach-badge').textContent()).toBe('Reachable over the internet');
    expect(await contact('Never Registered').locator('.reach-badge').count()).toBe(0);

    // Internet first from the composer: the reply to the registered number goes over the mailbox
    // and reaches the other account; a text to the unregistered one goes by SMS, saying why.
    await page.getByTestId('nav-messages').click();
    // The conversation is titled by the contact's name now.
    await page
      .getByTestId('conversation-list')
      .getByRole('option', { name: /^Other Phone/ })
      .click();
    const via = page.getByTestId('conversation-pane').getByTestId('composer-via');
    await eventually(() => via.inputValue()).toBe('auto');
    const reply = 'Answered over the mailbox too.';
    await page.getByTestId('conversation-pane').getByTestId('composer-text').fill(reply);
    await page.getByTestId('conversation-pane').getByTestId('composer-send').click();
    await eventually(() => page.getByTestId('conversation-pane').getByTestId('composer-status').textContent()).toBe(
      'Sent over the internet.',
    );
    const sent = page.getByTestId('conversation-pane').getByTestId('message').filter({ hasText: reply });
    await eventually(() => sent.count()).toBe(1);
    expect(await sent.getByTestId('message-channel').textContent()).toBe('Mailbox');
    await eventually(async () => JSON.stringify((await other.changes('0')).items).includes(reply)).toBe(true);

    await page.getByTestId('new-message').click();
    await page.getByTestId('composer-to').fill('+491555000099');
    await page.getByTestId('composer-text').fill('Not on the mailbox, so by SMS.');
    await page.getByTestId('composer-send').click();
    await eventually(() => page.getByTestId('composer-status').first().textContent()).toBe(
      '+491555000099 is not on the mailbox: sent by SMS.',
    );
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it('logs out after asking, back to the login form, with the session gone at the server', async () => {
    const { page, server, handset } = await world();
    await page.getByLabel('Server address').fill(server.url);
    await page.getByRole('button', { name: 'Save address' }).click();
    const phone = handset(DEMO_HANDSET_NUMBER);
    const before = phone.inbox.length;
    // Keyboard only: Enter in the number field asks for the code, the code field takes focus, Enter logs in.
    await page.getByLabel('Your phone number').fill(DEMO_HANDSET_NUMBER);
    await page.getByLabel('Your phone number').press('Enter');
    const codeField = page.getByLabel('Code from the SMS');
    await eventually(() => codeField.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(await codeAt(phone, before));
    await page.keyboard.press('Enter');
    await page.getByTestId('account-session').waitFor();
    const push = server.internals.app.push;
    await eventually(() => push.connectedCount).toBe(1);

    await page.getByTestId('account-logout').click();
    const dialog = page.getByTestId('confirm');
    await dialog.waitFor();
    // Cancel is focused first: Escape or Enter there changes nothing.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('account-session').count()).toBe(1);
    await page.getByTestId('account-logout').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('account-login').waitFor();
    await eventually(() => push.connectedCount).toBe(0);
    expect(await page.getByLabel('Server address').inputValue()).toBe(server.url.endsWith('/') ? server.url : `${server.url}/`);
  }, 90_000);
});
