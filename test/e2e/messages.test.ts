/**
 * The Messages screen in Chromium against the real core: the demo journey, the live counter,
 * search, a 6,000-message thread (bench/ui.bench.ts times 100,000), and screenshots in light/dark and English/Chinese.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importSbrXml, openArchive, type Archive } from '../../main/archive/index';
import { messageView } from '../../main/core/views';
import { DEMO_HANDSET_NUMBER } from '../../modem/emulator/index';
import { planText } from '../../modem/pdu/index';
import { launchBrowser, screenshot, startDemoStation, startStation, watchPage, type Station } from './harness';

let browser: Browser;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

afterAll(async () => {
  await browser?.close();
});

/** A station on a fresh archive that `seed` fills before the core starts. */
async function startSeededStation(seed: (archive: Archive) => Promise<void> | void): Promise<Station> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-e2e-'));
  const archive = openArchive(join(dir, 'archive.sqlite'), { defaultCountry: 'DE' });
  await seed(archive);
  const station = await startStation({ archive, ownsArchive: true, log: () => undefined });
  return {
    ...station,
    close: async () => {
      await station.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function open(
  station: Station,
  size = { width: 1200, height: 800 },
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  const { problems } = watchPage(page);
  cleanups.push(async () => {
    await context.close();
    await station.close();
  });
  await page.goto(station.bridge.loginUrl);
  await page.getByTestId('search').waitFor();
  return { page, context, problems };
}

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '&#10;');
}

/** An SMS Backup & Restore file: type 1 received, type 2 sent. */
function sbrXml(messages: readonly { address: string; date: number; type: 1 | 2; body: string; read?: boolean }[]): string {
  const rows = messages.map(
    (m) =>
      `<sms protocol="0" address="${xmlAttr(m.address)}" date="${m.date}" type="${m.type}" subject="null" body="${xmlAttr(m.body)}" ` +
      `toa="null" sc_toa="null" service_center="null" read="${m.read === false ? 0 : 1}" status="${m.type === 2 ? 0 : -1}" locked="0" />`,
  );
  return `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${rows.length}">\n${rows.join('\n')}\n</smses>\n`;
}

async function importXml(archive: Archive, xml: string): Promise<void> {
  const report = await importSbrXml(archive, Readable.from([xml]));
  expect(report.issues).toEqual([]);
}

/** Counts of message nodes in the DOM and the ids of those visible in the thread's viewport. */
async function threadDom(page: Page): Promise<{ nodes: number; visible: { id: string; top: number }[] }> {
  return page.getByTestId('thread-scroller').evaluate((scroller) => {
    const box = scroller.getBoundingClientRect();
    const nodes = document.querySelectorAll('[data-testid="message"]');
    const visible: { id: string; top: number }[] = [];
    for (const el of nodes) {
      const r = el.getBoundingClientRect();
      if (r.bottom > box.top && r.top < box.bottom)
        visible.push({ id: (el as HTMLElement).dataset['messageId'] ?? '', top: r.top - box.top });
    }
    return { nodes: nodes.length, visible };
  });
}

const ALICE = '+4915112345678';
const BOB = '+4915187654321';
const DAY = 86_400_000;

describe('the Messages screen', () => {
  it('first run: the demo, a new message to the handset, sent then delivered, and its answer in the thread and the list', async () => {
    const station = await startDemoStation();
    const { page, problems } = await open(station);

    await page.getByTestId('start-demo').click();
    await expect.poll(() => page.getByTestId('station-status').textContent(), { timeout: 20_000 }).toBe('1 modem ready');

    await page.getByTestId('new-message').click();
    // The To field has the focus; the whole journey goes by keyboard from here.
    await page.keyboard.type(DEMO_HANDSET_NUMBER);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hello from the Messages test');
    // The demo's modem is offered as a SIM to send from.
    await expect
      .poll(async () => (await page.getByTestId('composer-modem').locator('option').allTextContents()).join('|'))
      .toContain('+491555000001');

    // Every status an outgoing message shows, in order, as the page renders it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statuses: string[] }).statuses = seen;
      const record = (): void => {
        const el = document.querySelector<HTMLElement>('.msg-out[data-status]');
        const s = el?.dataset['status'];
        if (s && seen[seen.length - 1] !== s) seen.push(s);
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-status'],
      });
    });
    await page.keyboard.press('Control+Enter');

    const pane = page.getByTestId('conversation-pane');
    await pane.waitFor();
    const out = pane.locator('.msg-out');
    await expect.poll(() => out.getAttribute('data-status'), { timeout: 20_000 }).toBe('delivered');
    expect(await out.getByTestId('message-status').textContent()).toBe('Delivered');
    const statuses = await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
    expect(statuses.indexOf('sent')).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf('sent')).toBeLessThan(statuses.indexOf('delivered'));

    const reply = pane.locator('.msg-in');
    await expect.poll(() => reply.count(), { timeout: 20_000 }).toBe(1);
    expect(await reply.textContent()).toContain('SMSDesk demo phone');

    // The list holds the conversation with the answer as its snippet; it is open, so nothing is unread.
    const row = page.getByRole('option', { name: new RegExp(DEMO_HANDSET_NUMBER.replace('+', '\\+')) });
    await expect.poll(() => row.textContent()).toContain('SMSDesk demo phone');
    expect(await row.getAttribute('aria-selected')).toBe('true');
    expect(await row.getByTestId('unread').count()).toBe(0);
    expect(await row.locator('.channel-mark').textContent()).toBe('SMS');

    expect(problems).toEqual([]);
  }, 60_000);

  it('counts every keystroke exactly as the codec plans it, names what forces UCS-2, and replaces look-alikes', async () => {
    const station = await startDemoStation();
    const { page, problems } = await open(station);
    await page.getByTestId('new-message').click();
    const text = page.getByTestId('composer-text');
    await text.focus();

    const counter = async (): Promise<{ encoding: string; parts: string; left: string }> =>
      page.getByTestId('counter').evaluate((el) => ({
        encoding: el.querySelector<HTMLElement>('[data-testid="counter-encoding"]')?.dataset['encoding'] ?? '',
        parts: el.querySelector('[data-testid="counter-parts"]')?.textContent ?? '',
        left: el.querySelector('[data-testid="counter-left"]')?.textContent ?? '',
      }));
    const expected = (s: string): { encoding: string; parts: string; left: string } => {
      const plan = planText(s);
      return {
        encoding: plan.encoding,
        parts: `${plan.parts} ${plan.parts === 1 ? 'part' : 'parts'}`,
        left: `${plan.remaining} ${plan.remaining === 1 ? 'character' : 'characters'} left in this part`,
      };
    };

    // 150 GSM characters (one with an escape: € counts two), then past one part, then an emoji.
    const message =
      'Dear team, the delivery of the 24 boxes (order #4711) is planned for Monday at 9:30. Price: 99€ per box. ' +
      'Please confirm by phone or reply to this SMS. Thanks a lot! 🚚 See you';
    let typed = '';
    for (const ch of message) {
      await page.keyboard.type(ch);
      typed += ch;
      const want = expected(typed);
      await expect.poll(counter, { interval: 20, timeout: 2_000 }).toEqual(want);
    }
    expect(planText(typed).encoding).toBe('ucs2');
    expect(await page.getByTestId('ucs2-char').allTextContents()).toEqual(['🚚']);
    expect(await page.getByTestId('ucs2-cause').textContent()).toContain('UCS-2 because of:');
    // Only an emoji: nothing to replace.
    expect(await page.getByTestId('replace-lookalikes').count()).toBe(0);

    // Look-alikes from a word processor: smart quotes, a dash, an ellipsis, a no-break space.
    await text.fill('');
    const pasted = '“Meeting” moved – see you at 10\u00a0am…';
    await page.keyboard.insertText(pasted);
    expect(await counter()).toEqual(expected(pasted));
    expect(await page.getByTestId('ucs2-char').allTextContents()).toEqual(['“', '”', '–', 'U+00A0', '…']);
    await page.getByTestId('replace-lookalikes').click();
    expect(await text.inputValue()).toBe('"Meeting" moved - see you at 10 am...');
    expect(await counter()).toEqual({ encoding: 'gsm7', parts: '1 part', left: '123 characters left in this part' });
    expect(await page.getByTestId('ucs2-cause').count()).toBe(0);
    expect(await page.getByTestId('composer-status').textContent()).toBe('Replaced 5 look-alike characters.');

    // A send the core refuses is said in words, in an alert.
    await page.getByTestId('composer-to').fill('not a number!');
    await page.getByTestId('composer-send').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^The message was not sent: .{10,}/);
    expect(problems).toEqual([]);
  }, 60_000);

  it('searches the archive, shows hits as marks (never HTML), and opens the thread at the hit', async () => {
    const start = Date.UTC(2024, 0, 1, 9);
    const station = await startSeededStation(async (archive) => {
      archive.contacts.upsert({ displayName: 'Alice Example', addresses: [{ value: ALICE }] });
      const rows: Parameters<typeof sbrXml>[0][number][] = [];
      // 700 messages with Alice; the one to find is 600 from the newest (pages must load).
      for (let i = 0; i < 700; i++) {
        const body =
          i === 100 ? 'The <b>zeppelin</b> lands at noon <img src=x onerror=alert(1)>' : `Note ${i} about the garden and the weather`;
        rows.push({ address: ALICE, date: start + i * 3_600_000, type: i % 3 === 0 ? 2 : 1, body });
      }
      rows.push({ address: BOB, date: start + 800 * 3_600_000, type: 1, body: 'Zeppelins are quieter than planes' });
      await importXml(archive, sbrXml(rows));
    });
    const { page, problems } = await open(station);

    await page.getByTestId('search').fill('zeppelin');
    const hits = page.getByTestId('search-hit');
    await expect.poll(() => hits.count()).toBe(2);
    const hit = page.getByRole('option', { name: /Alice Example/ });
    expect(await hit.locator('mark').allTextContents()).toEqual(['zeppelin']);
    // The markup in the body is text: no element came from it.
    expect(await hit.textContent()).toContain('<b>');
    expect(await hit.locator('b, img').count()).toBe(0);

    await hit.click();
    const target = page.locator('[data-testid="message"][data-highlighted="true"]');
    await target.waitFor({ timeout: 20_000 });
    expect(await target.textContent()).toContain('The <b>zeppelin</b> lands at noon <img src=x onerror=alert(1)>');
    expect(await target.locator('b, img').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 2, name: 'Alice Example' }).isVisible()).toBe(true);
    // It is in view and has the focus.
    const dom = await threadDom(page);
    const id = await target.getAttribute('data-message-id');
    expect(dom.visible.map((v) => v.id)).toContain(id);
    expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(dom.nodes).toBeLessThan(300);

    // The keyboard alone: back to the search box, Escape clears, arrows walk the list, Enter opens.
    await page.getByTestId('search').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('conversation-list').waitFor();
    await page.getByTestId('conversation-list').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#thread-title').textContent()).toBe(BOB);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#thread-title').textContent()).toBe('Alice Example');
    expect(problems).toEqual([]);
  }, 60_000);

  it('opens a 6,000-message thread, scrolls to its oldest message and keeps a few hundred nodes at most', async () => {
    // 20 pages of older messages: enough to prove the window slides; the time it takes is the UI bench's job.
    const count = 6_000;
    const start = Date.UTC(2020, 0, 1, 8);
    const station = await startSeededStation(async (archive) => {
      const rows: Parameters<typeof sbrXml>[0][number][] = [];
      for (let i = 1; i <= count; i++) {
        const body = i % 7 === 0 ? `Message ${i}: a longer one, to give rows different heights. `.repeat(3) : `Message ${i}`;
        rows.push({ address: ALICE, date: start + i * 600_000, type: i % 2 === 0 ? 2 : 1, body });
      }
      await importXml(archive, sbrXml(rows));
    });
    const { page, problems } = await open(station);

    await page.getByTestId('conversation').first().click();
    const messages = page.locator('[data-testid="message"]');
    await expect.poll(() => messages.last().textContent()).toContain(`Message ${count}`);

    const scroller = page.getByTestId('thread-scroller');
    const feed = page.getByTestId('thread-feed');
    let maxNodes = 0;
    let loads = 0;
    for (;;) {
      maxNodes = Math.max(maxNodes, (await threadDom(page)).nodes);
      if (await page.getByText('This is the start of the conversation.').count()) break;
      // To the top, as far as loaded: older messages load and come in above.
      await scroller.evaluate(async (el) => {
        el.scrollTop = 0;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      });
      const before = await threadDom(page);
      await expect.poll(() => feed.getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
      await scroller.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const after = await threadDom(page);
      maxNodes = Math.max(maxNodes, before.nodes, after.nodes);
      // What was at the top of the view is still there, where it was.
      const first = before.visible[0];
      expect(first, 'a message is in view').toBeDefined();
      const same = after.visible.find((v) => v.id === first!.id);
      expect(same, 'the top message stays in view').toBeDefined();
      if (Math.abs(same!.top - first!.top) > 2)
        throw new Error(`the view jumped by ${same!.top - first!.top}px after loading older messages`);
      loads++;
      expect(loads).toBeLessThan(200);
    }
    expect(loads).toBeGreaterThanOrEqual(15);
    const oldest = page.locator('[data-testid="message"]').first();
    expect(await oldest.textContent()).toContain('Message 1');
    expect((await threadDom(page)).visible.length).toBeGreaterThan(0);
    expect(maxNodes).toBeLessThan(300);

    // Back to the newest with the button; the DOM stays small.
    await page.getByTestId('thread-newest').click();
    await expect.poll(() => messages.last().textContent()).toContain(`Message ${count}`);
    expect((await threadDom(page)).nodes).toBeLessThan(300);
    expect(problems).toEqual([]);
  }, 120_000);

  it('pages through 10,000 conversations by keyboard with a few dozen rows in the DOM', async () => {
    const count = 10_000;
    const start = Date.UTC(2025, 0, 1);
    const station = await startSeededStation(async (archive) => {
      const rows: Parameters<typeof sbrXml>[0][number][] = [];
      for (let i = 0; i < count; i++) {
        rows.push({
          address: `+49151${String(i).padStart(8, '0')}`,
          date: start + i * 60_000,
          type: 1,
          body: `Hello number ${i}`,
          read: i % 5 !== 0,
        });
      }
      await importXml(archive, sbrXml(rows));
    });
    const { page, problems } = await open(station);
    const list = page.getByTestId('conversation-list');
    const options = page.getByTestId('conversation');
    await options.first().waitFor();
    expect(await options.first().getAttribute('aria-label')).toMatch(/^\+4915100009999, .*, Hello number 9999, SMS$/);
    expect(await options.nth(4).getAttribute('aria-label')).toMatch(/^\+4915100009995, .*, Hello number 9995, SMS, 1 unread message$/);
    expect(await options.first().getAttribute('aria-setsize')).toBe('-1');

    await list.focus();
    let most = 0;
    let position = 0;
    let pages = 0;
    // End goes to the last loaded conversation and brings the next page; pressed while that page
    // is on its way, it stays where it is, so it is pressed again until 100 + 200 × 24 are passed.
    const until = Date.now() + 30_000;
    while (position < 4_900 && Date.now() < until) {
      await page.keyboard.press('End');
      const active = await list.getAttribute('aria-activedescendant');
      expect(active, 'the active option is rendered').not.toBeNull();
      expect(await page.locator(`[id="${active}"]`).count()).toBe(1);
      most = Math.max(most, await options.count());
      const at = Number(await page.locator(`[id="${active}"]`).getAttribute('aria-posinset'));
      if (at > position) pages++;
      else await page.waitForTimeout(50);
      position = at;
    }
    expect(position).toBeGreaterThanOrEqual(4_900);
    expect(pages).toBeGreaterThanOrEqual(25);
    expect(most).toBeLessThan(100);
    // Arrow keys walk on from there; Enter opens the active conversation.
    await page.keyboard.press('ArrowDown');
    const active = (await list.getAttribute('aria-activedescendant'))!;
    const label = (await page.locator(`[id="${active}"]`).getAttribute('aria-label'))!;
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#thread-title').textContent()).toBe(label.split(',')[0]);
    expect(problems).toEqual([]);
  }, 90_000);

  it('acts on messages from the keyboard alone (retry, cancel, copy, delete, schedule) and keeps the list live', async () => {
    const now = Date.now();
    let archive: Archive | undefined;
    const station = await startSeededStation((a) => {
      archive = a;
      a.contacts.upsert({ displayName: 'Alice Example', addresses: [{ value: ALICE }] });
      a.messages.insert({ direction: 'in', peer: BOB, body: 'Lunch?', status: 'received', read: true, sortAt: now - 2 * DAY });
      a.messages.insert({ direction: 'in', peer: ALICE, body: 'Bring something sweet', status: 'received', read: true, sortAt: now - DAY });
      a.messages.insert({
        direction: 'out',
        peer: ALICE,
        body: 'I will bring the cake',
        status: 'failed',
        statusReason: 'No credit left.',
        sortAt: now - 3_600_000,
      });
      a.messages.insert({ direction: 'in', peer: ALICE, body: 'Great', status: 'received', read: true, sortAt: now - 60_000 });
    });
    const { page, context } = await open(station);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    const title = page.locator('#thread-title');
    const messages = page.locator('[data-testid="message"]');
    const focused = (): Promise<string> =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return `${el?.tagName ?? ''}:${el?.dataset['testid'] ?? ''}:${el?.textContent?.slice(0, 40) ?? ''}`;
      });

    // The list: focus it, Enter opens the newest conversation; Tab goes on to its newest message.
    await page.getByTestId('conversation-list').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => title.textContent()).toBe('Alice Example');
    await expect.poll(() => messages.count()).toBe(3);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^ARTICLE:message:.*Great/);

    // Up to the failed message; its "Send again" queues a new copy (no modem: it waits).
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toMatch(/^ARTICLE:message:.*I will bring the cake/);
    expect(await messages.nth(1).getByTestId('message-status').textContent()).toBe('Failed: No credit left.');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^BUTTON:message-retry:/);
    await page.keyboard.press('Enter');
    await expect.poll(() => messages.count()).toBe(4);
    const copy = messages.nth(3);
    await expect.poll(() => copy.getAttribute('data-status')).toBe('queued');

    // To the newest (End), cancel it, copy its text, delete it after confirming.
    await messages.nth(1).focus();
    await page.keyboard.press('End');
    expect(await focused()).toMatch(/^ARTICLE:message:.*I will bring the cake/);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^BUTTON:message-cancel:/);
    await page.keyboard.press('Enter');
    await expect.poll(() => copy.getAttribute('data-status')).toBe('cancelled');
    expect(await copy.getByTestId('message-status').textContent()).toBe('Cancelled');
    await copy.focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^BUTTON:message-copy:/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('thread-notice').textContent()).toContain('Message text copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('I will bring the cake');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^BUTTON:message-delete:/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete this message?' });
    await dialog.waitFor();
    expect(await focused()).toMatch(/^BUTTON:confirm-cancel:/); // the safe choice first
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await messages.count()).toBe(4);
    await copy.getByTestId('message-delete').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => messages.count()).toBe(3);
    expect(await page.getByTestId('thread-notice').textContent()).toContain('Message deleted.');

    // Schedule a message for tomorrow from the composer, by keyboard.
    await page.getByTestId('composer-text').focus();
    await page.keyboard.type('See you tomorrow');
    await page.getByTestId('composer-later').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('composer-at').fill(new Date(now + DAY - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
    await page.getByTestId('composer-text').focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('composer-status').textContent()).toMatch(/^Message scheduled for /);
    await expect.poll(() => messages.count()).toBe(4);
    expect(await messages.nth(3).getAttribute('data-status')).toBe('queued');
    expect(await page.getByTestId('composer-text').inputValue()).toBe('');

    // A message arriving for another conversation moves it to the top with one unread.
    const rows = page.getByTestId('conversation');
    expect(await rows.first().getAttribute('aria-label')).toMatch(/^Alice Example/);
    const arrived = archive!.messages.insert({
      direction: 'in',
      peer: BOB,
      body: 'Still hungry?',
      status: 'received',
      read: false,
      sortAt: Date.now(),
    })!;
    station.core.events.emit('message.changed', { message: messageView(archive!, arrived) });
    await expect
      .poll(() => rows.first().getAttribute('aria-label'))
      .toMatch(/^\+4915187654321, .*, Still hungry\?, SMS, 1 unread message$/);
    expect(await rows.first().getByTestId('unread').textContent()).toBe('1');
    expect(await title.textContent()).toBe('Alice Example');
  }, 60_000);

  it('looks right in light and dark, English and Chinese (screenshots)', async () => {
    const now = Date.now();
    const station = await startSeededStation((archive) => {
      archive.contacts.upsert({ displayName: 'Alice Example', addresses: [{ value: ALICE }] });
      archive.contacts.upsert({ displayName: '王小明', addresses: [{ value: '+8613800138000' }] });
      const add = (m: Parameters<Archive['messages']['insert']>[0]): void => void archive.messages.insert(m);
      add({ direction: 'in', peer: BOB, body: 'Can you send me the invoice?', status: 'received', read: true, sortAt: now - 9 * DAY });
      add({
        direction: 'in',
        peer: '+8613800138000',
        body: '明天下午三点见，好吗？',
        status: 'received',
        read: false,
        sortAt: now - 3 * DAY,
      });
      add({ direction: 'in', peer: ALICE, body: 'Hi! Are we still on for Friday?', status: 'received', read: true, sortAt: now - 2 * DAY });
      add({
        direction: 'out',
        peer: ALICE,
        body: 'Yes — see the plan at https://example.org/plan?id=7.',
        status: 'delivered',
        sortAt: now - 2 * DAY + 600_000,
      });
      add({
        direction: 'out',
        peer: ALICE,
        body: 'I will bring the cake 🎂',
        status: 'failed',
        statusReason: 'The network refused the message (no credit left on the SIM).',
        sortAt: now - DAY,
      });
      add({
        direction: 'in',
        peer: ALICE,
        body: 'Great, and the long story is in three parts but one is miss',
        status: 'incomplete',
        partCount: 3,
        partsReceived: 2,
        read: true,
        sortAt: now - DAY + 60_000,
      });
      add({
        direction: 'out',
        peer: ALICE,
        body: 'Did you get my last message?',
        status: 'unconfirmed',
        statusReason: 'The modem did not answer after sending.',
        sortAt: now - 3_600_000,
      });
      add({ direction: 'out', peer: ALICE, body: 'See you at 6', status: 'sent', sortAt: now - 600_000 });
      add({ direction: 'in', peer: ALICE, body: 'Perfect 👍', status: 'received', read: false, sortAt: now - 60_000 });
    });
    const { page, problems } = await open(station, { width: 1200, height: 760 });
    await page.getByRole('option', { name: /Alice Example/ }).click();
    await page.locator('[data-testid="message"]').first().waitFor();
    await page.getByTestId('composer-text').fill('“Hello” – 👋');

    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId('language').selectOption(lang);
      if (lang === 'zh') {
        await page.getByRole('option', { name: /Alice Example/ }).click();
        await page.getByTestId('composer-text').fill('“你好” – 👋');
      }
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.locator('[data-testid="message"]').first().waitFor();
        await screenshot(page, `messages-${scheme}-${lang}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('new-message').click();
    await page.getByTestId('search').fill('cake');
    await page.getByTestId('search-hit').first().waitFor();
    await screenshot(page, 'messages-search-light-en');
    await page.getByRole('option', { name: /cake/ }).click();
    await page.locator('[data-highlighted="true"]').waitFor();
    await page.getByTestId('message-link').first().click();
    await page.getByTestId('confirm').waitFor();
    await screenshot(page, 'messages-link-confirm-light-en');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('confirm').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
