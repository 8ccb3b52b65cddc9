/**
 * The Archive screen in Chromium against the real core: an SB&R backup of a few thousand
 * messages imported through the file input with a progress bar and a summary, a search that
 * jumps to an imported message, an export downloaded as CSV, the dashboard's numbers, and axe
 * in light and dark with all of it on screen.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, startDemoStation, useBrowser, type OpenPage, type Station } from './harness';

const session = useBrowser();
let station: Station;
let dir: string;

beforeAll(async () => {
  station = await startDemoStation();
  dir = mkdtempSync(join(tmpdir(), 'smsdesk-e2e-archive-'));
});

afterAll(async () => {
  await station?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const COUNT = 3000;
/** The record (1-based) with no date: the one the summary must name. */
const BROKEN = 1777;
const NEEDLE = 'zanzibar';
const HOUR = 3_600_000;

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface Generated {
  xml: string;
  /** Expected per UTC day: messages in and out. */
  days: Map<string, { in: number; out: number }>;
  /** Line of the broken record in the file. */
  brokenLine: number;
  needleBody: string;
}

/** COUNT messages over the last four days (UTC), one without a date, emoji in some, one MMS. */
function generate(now: number): Generated {
  const lines = [`<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>`, `<smses count="${COUNT + 1}">`];
  const days = new Map<string, { in: number; out: number }>();
  let brokenLine = 0;
  const needleBody = `Meet me in ${NEEDLE} at noon 🌴`;
  for (let i = 1; i <= COUNT; i++) {
    const date = now - 2 * HOUR - Math.floor(((i - 1) * 96 * HOUR) / COUNT);
    const type = i % 3 === 0 ? 2 : 1;
    const body = i === 1234 ? needleBody : i % 5 === 0 ? `Grüße 👋🏽 Nummer ${i} — “bis bald”` : `Message ${i} about the harbour`;
    const address = `+49151000${String(i % 40).padStart(5, '0')}`;
    if (i === BROKEN) brokenLine = lines.length + 1;
    else {
      const key = new Date(date).toISOString().slice(0, 10);
      const entry = days.get(key) ?? { in: 0, out: 0 };
      if (type === 1) entry.in++;
      else entry.out++;
      days.set(key, entry);
    }
    lines.push(
      `  <sms protocol="0" address="${address}" ${i === BROKEN ? '' : `date="${date}" `}type="${type}" subject="null" body="${xmlAttr(body)}" ` +
        `toa="null" sc_toa="null" service_center="null" read="1" status="${type === 2 ? (i % 2 === 0 ? 0 : -1) : -1}" locked="0" />`,
    );
  }
  lines.push(`  <mms address="+4915100000001" date="${now - HOUR}" msg_box="1"><parts /></mms>`, '</smses>', '');
  return { xml: lines.join('\n'), days, brokenLine, needleBody };
}

/** A page on the Archive screen of the file's one station (imports there build on each other). */
async function open(scheme: 'light' | 'dark' = 'light'): Promise<OpenPage> {
  const opened = await session.open(station, {
    viewport: { width: 1200, height: 900 },
    colorScheme: scheme,
    timezoneId: 'UTC',
    acceptDownloads: true,
    closeStation: false,
  });
  await opened.page.getByTestId('nav-archive').click();
  await opened.page.getByTestId('import-panel').waitFor();
  return opened;
}

describe('the Archive screen', () => {
  let generated: Generated;

  it('imports an SB&R file with a progress bar, finds an imported message from Messages, exports CSV and counts the traffic', async () => {
    const now = Date.now();
    generated = generate(now);
    const file = join(dir, 'phone-backup.xml');
    writeFileSync(file, generated.xml);
    const size = Buffer.byteLength(generated.xml);
    // Several chunks of 512 KiB, so the bar has somewhere to go.
    expect(size).toBeGreaterThan(600 * 1024);
    const { page, problems } = await open();

    // Watch the progress bar from the page: every value it shows, until it goes away.
    await page.evaluate(() => {
      const seen: { value: number; max: number }[] = [];
      (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
      const sample = (): void => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid="import-bar"]');
        if (bar && (seen.length === 0 || seen.at(-1)?.value !== bar.value)) seen.push({ value: bar.value, max: bar.max });
        if (!document.querySelector('[data-testid="import-summary"]')) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-start').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    // The Import button was disabled while it ran: the focus went to Cancel, and now to the summary.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-summary');

    const seen = await page.evaluate(() => (window as unknown as { progressSeen: { value: number; max: number }[] }).progressSeen);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((s) => s.max === size)).toBe(true);
    expect(seen.map((s) => s.value)).toEqual([...seen.map((s) => s.value)].sort((a, b) => a - b));
    expect(seen.at(-1)?.value).toBe(size);

    expect(await page.getByTestId('import-counts').textContent()).toBe(
      `3,001 records read: 2,999 added, 0 already in the archive, 1 could not be read.`,
    );
    expect(await page.getByTestId('import-skipped').allTextContents()).toEqual(['Skipped 1: MMS (not archived yet)']);
    const issue = page.getByTestId('import-issue');
    expect(await issue.count()).toBe(1);
    const cells = await issue.locator('td').allTextContents();
    expect(cells[0]).toBe(BROKEN.toLocaleString('en'));
    expect(cells[1]).toMatch(new RegExp(`^${generated.brokenLine.toLocaleString('en')}(:\\d+)?$`));
    expect(cells[2]).toContain('date');
    await screenshot(page, 'archive-import-light-en');

    // The dashboard counted the new messages (it is told when an import ends).
    await expect.poll(() => page.getByTestId('traffic-in').textContent(), { timeout: 10_000 }).toBe('1,999');
    expect(await page.getByTestId('traffic-out').textContent()).toBe('1,000');
    // By keyboard: the toggle opens the table of the chart's numbers.
    await page.getByTestId('traffic-table-toggle').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('traffic-table-toggle').getAttribute('aria-expanded')).toBe('true');
    const rows = page.getByTestId('traffic-day');
    expect(await rows.count()).toBe(30);
    for (const [date, want] of generated.days) {
      const cellsOfDay = await page.locator(`[data-testid="traffic-day"][data-date="${date}"] td`).allTextContents();
      expect({ date, cells: cellsOfDay }).toEqual({ date, cells: [want.in.toLocaleString('en'), want.out.toLocaleString('en')] });
    }
    const quiet = await page.locator('[data-testid="traffic-day"]').first().locator('td').allTextContents();
    expect(quiet).toEqual(['0', '0']);
    // Imported messages have no modem; half of the sent ones carried a delivery report (status 0).
    expect(await page.getByTestId('traffic-modem').locator('th, td').allTextContents()).toEqual([
      'Imported, or no modem known',
      '1,999',
      '1,000',
      '500',
      '100%',
    ]);
    expect(await page.getByTestId('traffic-chart').getAttribute('aria-label')).toMatch(/^1,999 received and 1,000 sent from /);
    expect(await page.locator('[data-testid="traffic-chart"] canvas').count()).toBe(1);
    await screenshot(page, 'archive-dashboard-light-en');

    // Messages: a word of one imported message, its hit, and the thread open at it.
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('search').fill(NEEDLE);
    const hits = page.getByTestId('search-hit');
    await expect.poll(() => hits.count(), { timeout: 10_000 }).toBe(1);
    await hits.first().click();
    const target = page.locator('[data-testid="message"][data-highlighted="true"]');
    await target.waitFor({ timeout: 20_000 });
    expect(await target.textContent()).toContain(generated.needleBody);

    // Back on the Archive screen: export as CSV, downloaded, one row per message and a header.
    await page.getByTestId('nav-archive').click();
    await page.getByTestId('export-format').selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-start').click()]);
    expect(download.suggestedFilename()).toMatch(/^smsdesk-\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = join(dir, 'export.csv');
    await download.saveAs(saved);
    const csv = readFileSync(saved, 'utf8');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^uid,channel,direction,peer,/);
    expect(lines).toHaveLength(1 + 2999);
    expect(csv).toContain(generated.needleBody);
    expect(await page.getByTestId('export-done').textContent()).toMatch(/^Exported 2,999 messages to smsdesk-.*\.csv \(/);
    expect(await page.getByTestId('export-save').getAttribute('href')).toMatch(/^blob:/);

    expect(problems).toEqual([]);
  }, 120_000);

  it('finds no serious or critical axe violation with the summary, the dashboard and its table shown, in light and dark', async () => {
    const found: Record<string, string[]> = {};
    for (const scheme of ['light', 'dark'] as const) {
      const { page, problems, context } = await open(scheme);
      // The same file again: everything is a duplicate, and the bad record is reported again.
      await page.getByTestId('import-file').setInputFiles({ name: 'again.xml', mimeType: 'text/xml', buffer: Buffer.from(generated.xml) });
      await page.getByTestId('import-start').click();
      await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('import-counts').textContent()).toBe(
        '3,001 records read: 0 added, 2,999 already in the archive, 1 could not be read.',
      );
      await page.getByTestId('traffic-table-toggle').click();
      await page.getByTestId('traffic-days').waitFor();
      found[scheme] = await seriousViolations(page);
      await screenshot(page, `archive-${scheme}-en`);
      expect(problems).toEqual([]);
      await context.close();
    }
    expect(found).toEqual({ light: [], dark: [] });
  }, 120_000);
});
