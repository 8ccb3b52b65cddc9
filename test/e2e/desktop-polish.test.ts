/**
 * Desktop polish of the Messages screen in Chromium against the real core: a clicked
 * notification opens its conversation, drafts survive switching and reloading, a deletion
 * reaches every window, and a refusal reads in Chinese in the Chinese UI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importSbrXml, openArchive } from '../../main/archive/index';
import type { ConversationSummary } from '../../main/contract';
import { startStation, useBrowser, type Station } from './harness';

const session = useBrowser();

const ANNA = '+4917011111111';
const BEN = '+4917022222222';
/** An alphanumeric sender: nothing to reply to. */
const SENDER_NAME = 'DHL Paket';

/** A station whose archive holds two conversations: Anna's two messages and Ben's one. */
async function twoConversations(): Promise<Station> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-e2e-'));
  const archive = openArchive(join(dir, 'archive.sqlite'), { defaultCountry: 'DE' });
  const day = Date.UTC(2026, 0, 5, 9, 0);
  const rows = [
    { address: ANNA, date: day, body: 'Anna: are we on for Friday?' },
    { address: ANNA, date: day + 60_000, body: 'Anna: bring the maps' },
    { address: BEN, date: day + 120_000, body: 'Ben: parcel is at the door' },
    { address: SENDER_NAME, date: day - 60_000, body: 'Your parcel arrives today' },
  ].map(
    (m) =>
      `<sms protocol="0" address="${m.address}" date="${m.date}" type="1" subject="null" body="${m.body}" toa="null" ` +
      `sc_toa="null" service_center="null" read="1" status="-1" locked="0" />`,
  );
  const xml = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="4">\n${rows.join('\n')}\n</smses>\n`;
  const report = await importSbrXml(archive, Readable.from([xml]));
  expect(report.issues).toEqual([]);
  const station = await startStation({ archive, ownsArchive: true, log: () => undefined });
  return {
    ...station,
    close: async () => {
      await station.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function conversationOf(station: Station, peer: string): Promise<ConversationSummary> {
  const r = await station.core.call('conversations.list', {});
  if (!r.ok) throw new Error(r.error.message);
  const found = (r.value as { items: ConversationSummary[] }).items.find((c) => c.peer === peer);
  if (!found) throw new Error(`no conversation with ${peer}`);
  return found;
}

async function openConversation(page: Page, peer: string): Promise<void> {
  await page.getByTestId('conversation').filter({ hasText: peer }).click();
  await page.locator(`[data-testid="conversation-pane"] .thread-head`).filter({ hasText: peer }).waitFor();
}

const composerText = (page: Page): ReturnType<Page['getByTestId']> => page.getByTestId('composer-text');

describe('Messages screen, desktop polish', () => {
  it('opens the conversation of a clicked notification from any screen, once, with the cursor in the reply box', async () => {
    const station = await twoConversations();
    const { page } = await session.open(station);
    await page.getByTestId('nav-contacts').click();
    const ben = await conversationOf(station, BEN);
    // What main/electron/attention.ts does on a notification's click.
    expect(station.core.openConversation(ben.id)).toBe(true);
    const pane = page.getByTestId('conversation-pane');
    await expect.poll(() => pane.getAttribute('data-conversation-id')).toBe(ben.id);
    await page.getByTestId('message').filter({ hasText: 'Ben: parcel is at the door' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('composer-text');
    // Ben is the selected conversation in the list.
    await expect.poll(() => page.locator('[aria-selected="true"]').textContent()).toContain(BEN);
    // A reload does not act on the replayed request again.
    await page.reload();
    await page.getByTestId('thread-empty').waitFor();
    // A conversation that has gone asks nothing.
    expect(station.core.openConversation('no-such-conversation')).toBe(false);
  });

  it('keeps drafts across conversations, screens and a reload, and a sent message clears its draft', async () => {
    const station = await twoConversations();
    const { page } = await session.open(station);
    await openConversation(page, ANNA);
    await composerText(page).fill('Half a thought for Anna');
    await openConversation(page, BEN);
    expect(await composerText(page).inputValue()).toBe('');
    await openConversation(page, ANNA);
    expect(await composerText(page).inputValue()).toBe('Half a thought for Anna');

    // The new-message form keeps its recipient too, across another screen.
    await page.getByTestId('new-message').click();
    await page.getByTestId('composer-to').fill('+4917033333333');
    await composerText(page).fill('Hello stranger');
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('new-message').click();
    expect(await page.getByTestId('composer-to').inputValue()).toBe('+4917033333333');
    expect(await composerText(page).inputValue()).toBe('Hello stranger');

    await page.reload();
    await page.getByTestId('search').waitFor();
    await openConversation(page, ANNA);
    expect(await composerText(page).inputValue()).toBe('Half a thought for Anna');
    await page.getByTestId('new-message').click();
    expect(await composerText(page).inputValue()).toBe('Hello stranger');

    // A sender name has no composer, only the reason.
    await page.getByTestId('conversation').filter({ hasText: SENDER_NAME }).click();
    await page.getByTestId('no-reply').waitFor();
    expect(await page.getByTestId('no-reply').textContent()).toBe('DHL Paket is a sender name, not a number: a reply has nowhere to go.');
    expect(await composerText(page).count()).toBe(0);

    // Sent: the draft is gone, also after switching away and reloading.
    await openConversation(page, ANNA);
    await page.getByTestId('composer-send').click();
    await page.getByTestId('message').filter({ hasText: 'Half a thought for Anna' }).waitFor();
    expect(await composerText(page).inputValue()).toBe('');
    await openConversation(page, BEN);
    await openConversation(page, ANNA);
    expect(await composerText(page).inputValue()).toBe('');
    await page.reload();
    await page.getByTestId('search').waitFor();
    await openConversation(page, ANNA);
    expect(await composerText(page).inputValue()).toBe('');
  });

  it('removes a message deleted in one window from every window’s thread and list', async () => {
    const station = await twoConversations();
    const first = await session.open(station);
    const second = await session.open(station, { closeStation: false });
    for (const { page } of [first, second]) await openConversation(page, ANNA);
    const newest = (p: Page): ReturnType<Page['getByTestId']> => p.getByTestId('message').filter({ hasText: 'Anna: bring the maps' });
    await newest(second.page).waitFor();
    await newest(first.page).hover();
    await newest(first.page).getByTestId('message-delete').click();
    await first.page.getByTestId('confirm-ok').click();
    for (const { page } of [first, second]) {
      await newest(page).waitFor({ state: 'detached' });
      await page.getByTestId('message').filter({ hasText: 'Anna: are we on for Friday?' }).waitFor();
      // The list's snippet is the message before.
      await expect
        .poll(() => page.getByTestId('conversation').filter({ hasText: ANNA }).locator('.conv-snippet').textContent())
        .toBe('Anna: are we on for Friday?');
    }
  });

  it('says a refusal of the core in Chinese in the Chinese UI', async () => {
    const station = await twoConversations();
    const { page } = await session.open(station, { locale: 'zh-CN' });
    await page.getByTestId('new-message').click();
    await page.getByTestId('composer-to').fill('not a number!');
    await composerText(page).fill('你好');
    await page.getByTestId('composer-send').click();
    const error = page.getByTestId('composer-error');
    await error.waitFor();
    // The kind of refusal in Chinese, the core's exact words after it.
    expect(await error.textContent()).toMatch(/^消息未发送：SMSDesk 无法完成此操作。（.+）$/);
  });
});
