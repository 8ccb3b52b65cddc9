/**
 * The Office screen in Chromium against the real core and the demo's virtual modem: a bulk send
 * to 50 CSV rows with a merge field (preview, start, pause that holds, resume, all 50 received
 * on the virtual network), a rule added in the editor answering the demo handset, and the
 * outbox cancelling a queued message. axe checks each tab with content on it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../main/contract';
import { DEMO_MODEM_NUMBER } from '../../modem/emulator/index';
import { planText } from '../../modem/pdu/index';
import { screenshot, seriousViolations, startDemoStation, useBrowser, type Station } from './harness';

const session = useBrowser();

/**
 * The demo station and a page on its Office screen with the modem ready. The rate limit is
 * lifted (6 SMS a minute would make 50 take over eight minutes) and the poll that feeds bulk
 * sends to the outbox runs every 200 ms.
 */
async function officePage(colorScheme: 'light' | 'dark' = 'light'): Promise<{ station: Station; page: Page }> {
  // A quick demo network: 50 sends at the demo's own pace (0.6 s to submit) would spend half a minute waiting.
  const station = await startDemoStation({
    demo: true,
    station: { ratePerMinute: 6_000, pollMs: 200 },
    demoNetwork: { submitLatencyMs: 150, deliveryDelayMs: 300, reportDelayMs: 200 },
  });
  const { page } = await session.open(station, { viewport: { width: 1280, height: 900 }, colorScheme });
  await expect.poll(() => page.getByTestId('station-status').textContent(), { timeout: 20_000 }).toBe('1 modem ready');
  await page.getByTestId('nav-office').click();
  return { station, page };
}

function emulator(station: Station) {
  const e = station.core.demoEmulator;
  if (!e) throw new Error('the demo is not running');
  return e;
}

/** Submits the demo modem made to the network so far. */
function submits(station: Station): number {
  return emulator(station).network.events.filter((e) => e.kind === 'submit' && e.from === DEMO_MODEM_NUMBER).length;
}

async function count(page: Page, what: string): Promise<number> {
  return Number(await page.getByTestId('bulk-job').first().getByTestId(`bulk-${what}`).textContent());
}

const NOTE =
  'Please bring this message with you; it is your ticket for the evening, and the doors open at seven sharp. Dress code: smart casual; parking is free behind the hall.';

describe('the Office screen', () => {
  it('bulk: 50 CSV rows merged and previewed with parts, started, paused (nothing moves), resumed, all 50 received', async () => {
    const { station, page } = await officePage();
    const guests = Array.from({ length: 50 }, (_, i) => ({
      name: `Guest ${i + 1}`,
      number: `+49151200000${String(i).padStart(2, '0')}`,
      // Every tenth guest gets a note long enough for a second part.
      note: i % 10 === 0 ? NOTE : 'See you soon.',
    }));
    const handsets = guests.map((g) => emulator(station).addHandset(g.number));
    const csv = ['name,number,note', ...guests.map((g) => `${g.name},${g.number},"${g.note}"`)].join('\n');
    const merged = (g: (typeof guests)[number]): string => `Hello ${g.name}, your table is ready. ${g.note}`;

    await page.getByTestId('bulk-file').setInputFiles({ name: 'guests.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('bulk-csv').inputValue()).toBe(csv);
    await page.getByTestId('bulk-template').fill('Hello {name}, your table is ready. {note}');
    await page.getByTestId('bulk-preview').click();

    const totalParts = guests.reduce((n, g) => n + planText(merged(g)).parts, 0);
    expect(totalParts).toBe(55);
    await expect.poll(() => page.getByTestId('bulk-summary').textContent()).toBe(`50 recipients, ${totalParts} SMS in all.`);
    // The preview shows each recipient's merged text and part count; it is windowed.
    const rows = page.getByTestId('preview-row');
    expect(await rows.first().getAttribute('data-row')).toBe('2');
    expect(await rows.first().getByTestId('preview-text').textContent()).toBe(merged(guests[0]!));
    expect(await rows.first().getByTestId('preview-parts').getAttribute('data-parts')).toBe('2');
    expect(await page.locator('[data-testid="preview-row"][data-row="3"]').getByTestId('preview-parts').textContent()).toBe('1 part · GSM');
    expect(await rows.count()).toBeLessThan(50);
    await page
      .getByTestId('preview-list')
      .locator('..')
      .evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.locator('[data-testid="preview-row"][data-row="51"]');
    await last.waitFor();
    expect(await last.getByTestId('preview-text').textContent()).toBe(merged(guests[49]!));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'office-bulk-preview');

    await page.getByTestId('bulk-start').click();
    const job = page.getByTestId('bulk-job').first();
    await job.waitFor();
    await expect.poll(() => count(page, 'sent'), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);

    await job.getByTestId('bulk-pause').click();
    await expect.poll(() => job.getAttribute('data-state')).toBe('paused');
    // A message a modem already took finishes; after that nothing of the job moves.
    const archive = station.core.station!.archive;
    const [stored] = archive.bulkJobs.list();
    await expect.poll(() => archive.bulkJobs.progress(stored!.id).sending, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => count(page, 'remaining')).toBe(archive.bulkJobs.progress(stored!.id).pending);
    const sentWhenPaused = await count(page, 'sent');
    const submitsWhenPaused = submits(station);
    expect(sentWhenPaused).toBeLessThan(50);
    // Long enough for many more sends at this pace (one every ~0.2 s) had the job gone on.
    await page.waitForTimeout(3_000);
    expect(await count(page, 'sent')).toBe(sentWhenPaused);
    expect(submits(station)).toBe(submitsWhenPaused);
    expect(await count(page, 'remaining')).toBe(50 - sentWhenPaused);

    await job.getByTestId('bulk-resume').click();
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 90_000 }).toBe('done');
    await expect.poll(() => count(page, 'sent')).toBe(50);
    expect(await count(page, 'failed')).toBe(0);
    expect(await count(page, 'remaining')).toBe(0);
    // The virtual network delivered each merged text once, to its own number.
    await expect
      .poll(() => handsets.map((h) => h.inbox.map((m) => `${m.from} ${m.text}`)), { timeout: 20_000 })
      .toEqual(guests.map((g) => [`${DEMO_MODEM_NUMBER} ${merged(g)}`]));
    expect(submits(station)).toBe(totalParts);
    await screenshot(page, 'office-bulk-done');
  }, 180_000);

  it('flags the rows that would fail in words, and starts only once they are left out', async () => {
    const { page } = await officePage();
    const csv = ['Name;Phone;Code', 'Anna;+4915112345001;A1', 'Ben;12ab;B2', 'Cleo;+4915112345003;', 'Dan;+4915112345001;D4'].join('\n');
    await page.getByTestId('bulk-csv').fill(csv);
    await page.getByTestId('bulk-template').fill('Hi {name}, your code is {code}.');
    await page.getByTestId('bulk-preview').click();
    await expect
      .poll(() => page.getByTestId('bulk-summary').textContent())
      .toBe('1 recipient, 1 SMS in all. 3 rows have errors and will not be sent.');
    expect(await page.getByTestId('preview-errors').allTextContents()).toEqual([
      'Bad number: "12ab" is not a phone number.',
      'Empty field "code": The field "code" is empty.',
      'Number twice: +4915112345001 is also on row 2.',
    ]);
    expect(await page.getByTestId('preview-text').allTextContents()).toEqual(['Hi Anna, your code is A1.']);
    expect(await page.getByTestId('bulk-start').isDisabled()).toBe(true);
    await page.getByTestId('bulk-skip').check();
    // Changing the list makes the preview stale: start waits for a new one.
    await page.getByTestId('bulk-template').fill('Hello {name}, your code is {code}.');
    expect(await page.getByTestId('bulk-start').isDisabled()).toBe(true);
    await page.getByTestId('bulk-preview').click();
    await page.getByTestId('bulk-skip').check();
    await page.getByTestId('bulk-start').click();
    await page.getByTestId('bulk-job').waitFor();
    expect(await page.getByTestId('bulk-job').textContent()).toContain('3 rows with errors left out');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('a rule added in the editor answers the demo handset; a bad forward target is refused in words (dark mode)', async () => {
    const { station, page } = await officePage('dark');
    await page.getByTestId('office-tab-rules').click();
    // By keyboard from the tab: the form's first choice is the keyword auto-reply.
    expect(await page.getByTestId('rule-kind-auto-reply').isChecked()).toBe(true);
    await page.getByTestId('rule-keyword').fill('HOURS');
    await page.getByTestId('rule-text-input').fill('We are open 9 to 5.');
    await page.getByTestId('rule-add').click();
    await expect
      .poll(() => page.getByTestId('rule-text').allTextContents())
      .toEqual(['A message starting with "HOURS" from anyone gets the reply "We are open 9 to 5.".']);

    const handset = emulator(station).handsets[0]!;
    await handset.send(DEMO_MODEM_NUMBER, 'hours?');
    await expect.poll(() => handset.inbox.map((m) => m.text), { timeout: 20_000 }).toContain('We are open 9 to 5.');

    await page.getByTestId('rule-kind-forward').click();
    await page.getByTestId('rule-forward-to').fill('DHL');
    await page.getByTestId('rule-add').click();
    await expect.poll(() => page.getByTestId('rule-note').textContent()).toBe('Forward to a phone number (7 to 20 digits), not "DHL".');
    expect(await page.getByTestId('rule').count()).toBe(1);
    await screenshot(page, 'office-rules-dark');

    // Off and on again, as the station sees it.
    await page.getByTestId('rule-enabled').click();
    await expect.poll(() => station.core.station!.archive.rules.enabled().length).toBe(0);
    await expect.poll(() => page.getByTestId('rule').getAttribute('data-enabled')).toBe('false');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('the outbox shows a queued message with its reason, and cancels it', async () => {
    const { station, page } = await officePage();
    const later = Date.now() + 3_600_000;
    const queued = await station.core.call('messages.send', { to: '+4915112345678', text: 'See you tomorrow', notBefore: later });
    if (!queued.ok) throw new Error(queued.error.message);
    const id = (queued.value as MessageView).id;

    await page.getByTestId('office-tab-outbox').click();
    const row = page.locator(`[data-testid="outbox-row"][data-message-id="${id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('queued');
    expect(await row.getByTestId('outbox-state').textContent()).toBe('Waiting');
    expect(await row.textContent()).toContain('Not before');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Cancel: the message to +4915112345678' }).click();
    await page.getByTestId('outbox-empty').waitFor();
    expect(station.core.station!.archive.messages.getByUid(id)?.status).toBe('cancelled');
  }, 60_000);
});
