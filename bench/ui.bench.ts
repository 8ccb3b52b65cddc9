/**
 * UI benchmark, in Debian's Chromium against the real core through the web bridge (the built
 * renderer, as `smsdesk web` serves it):
 *   - a 100,000-message thread: time from the click until its newest message shows, and until
 *     scrolling up has loaded and shown its very first message; next to the same pages
 *     fetched over the bridge with no rendering (the floor any UI pays), measured in this run;
 *   - the composer's live counter: time per keystroke while a 1,000-character message is
 *     typed (the input event, React's render and the codec's planner), against the 16.7 ms
 *     a 60 Hz frame allows.
 *
 *   npm run build && npx tsx bench/ui.bench.ts [--messages 100000] [--keys 1000]
 *   npm run bench -- --only ui [--quick]        (--quick: 20,000 messages, 300 keys)
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
  options: { quick: { type: 'boolean', default: false }, messages: { type: 'string' }, keys: { type: 'string' } },
});
const MESSAGES = Number(args.messages ?? (args.quick ? 20_000 : 100_000));
const KEYS = Number(args.keys ?? (args.quick ? 300 : 1_000));
const FRAME_MS = 1000 / 60;
const PEER = '+4915112345678';

function* sbrRows(): Generator<string> {
  yield `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${MESSAGES}">\n`;
  const start = Date.UTC(2015, 0, 1, 8);
  for (let i = 1; i <= MESSAGES; i++) {
    const body = i % 7 === 0 ? `Message ${i}: a longer one, so rows differ in height. `.repeat(3) : `Message ${i}`;
    const type = i % 2 === 0 ? 2 : 1;
    yield `<sms protocol="0" address="${PEER}" date="${start + i * 600_000}" type="${type}" body="${body}" read="1" status="${type === 2 ? 0 : -1}" />\n`;
  }
  yield '</smses>\n';
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-ui-bench-'));
  const archive = openArchive(join(dir, 'archive.sqlite'), { defaultCountry: 'DE' });
  const seeded = Date.now();
  const report = await importSbrXml(archive, Readable.from(sbrRows()));
  if (report.issues.length > 0) throw new Error(`seeding failed: ${report.issues[0]?.reason}`);
  console.log(`seeded ${MESSAGES.toLocaleString('en')} messages in one thread in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

  const station = await startStation({ archive, ownsArchive: true, log: () => undefined });
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in __name();
    // the functions sent to the page need that helper there too.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(station.bridge.loginUrl);
    await page.getByTestId('conversation').first().waitFor();

    // The floor: every page of the thread fetched over the bridge, in the page, with no rendering.
    const floor = await page.evaluate(async () => {
      // What the web bridge's client does for a call (renderer/src/api/http-bridge.ts), minus the UI.
      const api = {
        call: async (name: string, args: unknown) =>
          (await (
            await fetch(`/api/call/${name}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ args }),
            })
          ).json()) as { ok: boolean; value: unknown },
      };
      const list = (await api.call('conversations.list', {})) as { value: { items: { id: string }[] } };
      const conversationId = list.value.items[0]!.id;
      const t0 = performance.now();
      let first = 0;
      let after: string | null | undefined;
      let pages = 0;
      do {
        const r = (await api.call('messages.thread', { conversationId, limit: pages === 0 ? 100 : 300, ...(after ? { after } : {}) })) as {
          value: { next: string | null };
        };
        if (pages === 0) first = performance.now() - t0;
        after = r.value.next;
        pages++;
      } while (after);
      return { first, all: performance.now() - t0, pages };
    });

    // The UI: click → newest message shown; then up to the start of the conversation.
    const t0 = Date.now();
    await page.getByTestId('conversation').first().click();
    await page.locator('[data-testid="message"]').last().getByText(`Message ${MESSAGES}`, { exact: false }).waitFor();
    const firstShown = Date.now() - t0;

    // Up to the start, driven inside the page (no test-driver round trips in the figure): scroll
    // to the top, wait for the older page to load and render, again until the start shows.
    const { toStart, loads } = await page.evaluate(async (limit) => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="thread-scroller"]')!;
      const feed = () => document.querySelector('[data-testid="thread-feed"]');
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      const atStart = () => (scroller.textContent ?? '').includes('This is the start of the conversation.');
      const t = performance.now();
      let n = 0;
      while (!atStart()) {
        scroller.scrollTop = 0;
        await frame();
        while (feed()?.getAttribute('aria-busy') !== 'false') await frame();
        await frame();
        if (++n > limit) throw new Error('the thread never reached its start');
      }
      return { toStart: performance.now() - t, loads: n };
    }, MESSAGES / 50);
    const oldest = await page.locator('[data-testid="message"]').first().textContent();
    if (!oldest?.includes('Message 1')) throw new Error(`the first message shown is not the oldest: ${oldest}`);

    // The counter: keystrokes into a new message, each an input event React handles at once.
    await page.getByTestId('new-message').click();
    const keystrokes = await page.getByTestId('composer-text').evaluate(async (el, keys) => {
      const area = el as HTMLTextAreaElement;
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      const times: number[] = [];
      let text = '';
      for (let i = 0; i < keys; i++) {
        text += i % 50 === 49 ? ' ' : String.fromCharCode(97 + (i % 26));
        const t = performance.now();
        setValue.call(area, text);
        area.dispatchEvent(new Event('input', { bubbles: true }));
        times.push(performance.now() - t);
        // A person types ~10 keys a second; yield so each keystroke is a task of its own.
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 0));
      }
      times.sort((a, b) => a - b);
      const counter = document.querySelector('[data-testid="counter-parts"]')?.textContent ?? '';
      return {
        mean: times.reduce((a, b) => a + b, 0) / times.length,
        p50: times[Math.floor(times.length * 0.5)]!,
        p95: times[Math.floor(times.length * 0.95)]!,
        max: times[times.length - 1]!,
        counter,
      };
    }, KEYS);

    const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
    console.log(`\n${MESSAGES.toLocaleString('en')}-message thread (Chromium ${browser.version()})`);
    console.log(`  first shown (newest message)  ${fmt(firstShown)}   floor: first page over the bridge ${fmt(floor.first)}`);
    console.log(`                                ratio UI / floor ${(firstShown / floor.first).toFixed(1)}x`);
    console.log(`  scrolled to its start         ${fmt(toStart)} in ${loads} loads   floor: all ${floor.pages} pages ${fmt(floor.all)}`);
    console.log(`                                ratio UI / floor ${(toStart / floor.all).toFixed(1)}x`);
    console.log(`\ncomposer counter, ${KEYS} keystrokes (ends at "${keystrokes.counter}")`);
    console.log(
      `  per keystroke  mean ${fmt(keystrokes.mean)}  p50 ${fmt(keystrokes.p50)}  p95 ${fmt(keystrokes.p95)}  max ${fmt(keystrokes.max)}`,
    );
    console.log(`  p95 / 60 Hz frame (${fmt(FRAME_MS)})  ${(keystrokes.p95 / FRAME_MS).toFixed(2)}x`);
  } finally {
    await browser.close();
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
