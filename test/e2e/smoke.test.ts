import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { screenshot, startStation, useBrowser, type Station } from './harness';

const session = useBrowser();
let station: Station;

beforeAll(async () => {
  station = await startStation();
});

afterAll(async () => {
  await station?.close();
});

describe('the app shell in Chromium against the real core', () => {
  it('renders its regions with honest empty states, round-trips a call and an event', async () => {
    // The CSP check below makes the page log a violation on purpose; the test filters it itself.
    const { page, problems } = await session.open(station, {
      viewport: { width: 1100, height: 700 },
      closeStation: false,
      expectNoProblems: false,
    });
    // The login link trades the token for a cookie and lands on the app, token gone from the URL.
    expect(new URL(page.url()).search).toBe('');

    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(`SMSDesk ${pkg.version}`);
    expect(await page.getByRole('navigation', { name: 'Conversations' }).isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(true);
    expect(await page.getByRole('main', { name: 'Thread' }).isVisible()).toBe(true);
    expect(await page.getByTestId('conversations-empty').textContent()).toContain('No conversations yet');
    expect(await page.getByTestId('thread-empty').textContent()).toContain('No conversation selected');
    await expect.poll(() => page.getByTestId('station-status').textContent()).toBe('No modem connected');

    // An event raised in the core reaches the page through the bridge.
    station.core.events.emit('station.status', {
      state: 'ready',
      modems: 2,
      demo: false,
      archive: false,
      unread: 0,
      since: new Date().toISOString(),
    });
    await expect.poll(() => page.getByTestId('station-status').textContent()).toBe('2 modems ready');

    // The page's own API answers from the real core, including typed errors.
    const fromPage = await page.evaluate(async () => {
      const res = await fetch('/api/call/conversations.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ args: { limit: 0 } }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    // The strict CSP holds: an inline script injected into the page does not run.
    const inlineRan = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inlineRan).toBe(false);

    const shot = await screenshot(page, 'smoke-shell');
    expect(existsSync(shot) && statSync(shot).size > 1000).toBe(true);
    expect(problems.filter((p) => !p.includes('Content Security Policy'))).toEqual([]);
  });
});
