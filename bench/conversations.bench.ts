/**
 * Conversation list benchmark (issue 9: "a list that stays smooth with 100,000 conversations"),
 * in Debian's Chromium against the real core through the web bridge (the built renderer, as
 * `smsdesk web` serves it), on an archive of 100,000 conversations of one message each:
 *   - first shown: from the app's shell being up until the newest conversation's row shows,
 *     next to the first page of conversations.list fetched over the bridge with no rendering;
 *   - scrolled to the end: the list scrolled down, page after page, until the oldest
 *     conversation shows, next to every page fetched over the bridge with no rendering (the
 *     floor any UI pays), measured in this run; the main-thread tasks over 50 ms on the way (the
 *     stalls a person would see) and the most rows the DOM held.
 *
 *   npm run build && npx tsx bench/conversations.bench.ts [--conversations 100000]
 *   npm run bench -- --only conversations [--quick]     (--quick: 20,000 conversations)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { importSbrXml, openArchive } from '../main/archive/index';
import { launchBrowser, startStation } from '../test/e2e/harness';

const { values: args } = parseArgs({
  strict: false,
  options: { quick: { type: 'boolean', default: false }, conversations: { type: 'string' } },
});
const COUNT = Number(args.conversations ?? (args.quick ? 20_000 : 100_000));

/** Conversation i has one message from +49151…i; the newest is COUNT - 1. */
function* sbrRows(): Generator<string> {
  yield `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${COUNT}">\n`;
  const start = Date.UTC(2016, 0, 1, 8);
  for (let i = 0; i < COUNT; i++) {
    yield `<sms protocol="0" address="+49151${String(i).padStart(8, '0')}" date="${start + i * 60_000}" type="1" body="Hello number ${i}" read="${i % 5 === 0 ? 0 : 1}" status="-1" />\n`;
  }
  yield '</smses>\n';
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-conversations-bench-'));
  const archive = openArchive(join(dir, 'archive.sqlite'), { defaultCountry: 'DE' });
  const seeded = Date.now();
  const report = await importSbrXml(archive, Readable.from(sbrRows()));
  if (report.issues.length > 0) throw new Error(`seeding failed: ${report.issues[0]?.reason}`);
  console.log(`seeded ${COUNT.toLocaleString('en')} conversations in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

  const station = await startStation({ archive, ownsArchive: true, log: () => undefined });
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in __name();
    // the functions sent to the page need that helper there too.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });

    // The UI, timed inside the page: when the app's shell (its search box) first exists, and
    // when the first conversation row does, both against the page's own clock.
    await page.addInitScript({
      content: `globalThis.__seen = {};
        new MutationObserver(() => {
          const now = performance.now();
          if (!__seen.shell && document.querySelector('[data-testid="search"]')) __seen.shell = now;
          if (!__seen.row && document.querySelector('[data-testid="conversation"]')) __seen.row = now;
        }).observe(document, { childList: true, subtree: true });`,
    });
    await page.goto(station.bridge.loginUrl);
    await page
      .getByTestId('conversation')
      .first()
      .getByText(`Hello number ${COUNT - 1}`)
      .waitFor();
    const seen = await page.evaluate(() => (globalThis as unknown as { __seen: { shell: number; row: number } }).__seen);
    const firstShown = seen.row - seen.shell;

    // The floor: every page of the list over the bridge, in the page, with no rendering (the
    // page sizes the list uses: 100 first, then 200).
    const floor = await page.evaluate(async () => {
      const call = async (args: unknown) =>
        (
          (await (
            await fetch('/api/call/conversations.list', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ args }),
            })
          ).json()) as { value: { items: unknown[]; next: string | null } }
        ).value;
      const t = performance.now();
      let first = 0;
      let after: string | null = null;
      let pages = 0;
      let rows = 0;
      do {
        const r: { items: unknown[]; next: string | null } = await call(after ? { after, limit: 200 } : { limit: 100 });
        if (pages === 0) first = performance.now() - t;
        rows += r.items.length;
        after = r.next;
        pages++;
      } while (after);
      return { first, all: performance.now() - t, pages, rows };
    });
    if (floor.rows !== COUNT) throw new Error(`the bridge listed ${floor.rows} conversations, not ${COUNT}`);

    // Down to the end, driven inside the page: scroll to the bottom, wait until the next page
    // has loaded and rendered, again until the oldest conversation (set size known) shows.
    const walk = await page.evaluate(async (count) => {
      const list = document.querySelector<HTMLElement>('[data-testid="conversation-list"]')!;
      const scroller = list.parentElement!;
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      const last = () => Number(list.querySelector('[data-testid="conversation"]:last-child')?.getAttribute('aria-posinset') ?? 0);
      // Smoothness: main-thread tasks over 50 ms while scrolling (each one a visible stall).
      const long: number[] = [];
      const observer = new PerformanceObserver((l) => long.push(...l.getEntries().map((e) => e.duration)));
      observer.observe({ type: 'longtask' });
      const t = performance.now();
      let loads = 0;
      let mostRows = 0;
      let frames = 0;
      while (last() < count) {
        const before = last();
        scroller.scrollTop = scroller.scrollHeight;
        // Wait for the rows past what was there (a new page) to render; give up after 10 s.
        const until = performance.now() + 10_000;
        while (last() <= before && performance.now() < until) {
          await frame();
          frames++;
        }
        if (last() <= before) throw new Error(`the list stopped at ${before} of ${count}`);
        mostRows = Math.max(mostRows, list.querySelectorAll('[data-testid="conversation"]').length);
        loads++;
      }
      const end = performance.now() - t;
      observer.disconnect();
      const oldest = list.querySelector('[data-testid="conversation"]:last-child')?.textContent ?? '';
      return {
        end,
        loads,
        mostRows,
        frames,
        oldest,
        longTasks: long.length,
        longest: Math.max(0, ...long),
        setSize: list.querySelector('[data-testid="conversation"]')?.getAttribute('aria-setsize'),
      };
    }, COUNT);
    if (!walk.oldest.includes('Hello number 0')) throw new Error(`the last row is not the oldest conversation: ${walk.oldest}`);

    console.log(`\n${COUNT.toLocaleString('en')} conversations (Chromium ${browser.version()})`);
    console.log(`  first shown (shell up → newest row)   ${fmt(firstShown)}   floor: first page over the bridge ${fmt(floor.first)}`);
    console.log(
      `  scrolled to the end                   ${fmt(walk.end)} in ${walk.loads} steps   floor: all ${floor.pages} pages ${fmt(floor.all)}`,
    );
    console.log(`                                        ratio UI / floor ${(walk.end / floor.all).toFixed(1)}x`);
    console.log(`  tasks over 50 ms while scrolling      ${walk.longTasks} (longest ${fmt(walk.longest)}; a 60 Hz frame is 16.7 ms)`);
    console.log(`  rows in the DOM at most               ${walk.mostRows} (set size at the end: ${walk.setSize})`);
  } finally {
    await browser.close();
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
