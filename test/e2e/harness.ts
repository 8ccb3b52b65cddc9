/**
 * Runs the real, built renderer in Chromium against the real station core: the
 * core lives in this Node process and the page reaches it through the web bridge
 * (the same typed contract the desktop app uses over IPC).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { openArchive } from '../../main/archive/index';
import { StationCore, type StationCoreOptions } from '../../main/core';
import { startWebBridge, type WebBridge } from '../../main/web';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const RENDERER_DIR = process.env['SMSDESK_RENDERER_OUT'] ?? join(ROOT, 'out/renderer');
export const ARTIFACTS_DIR = join(ROOT, 'test/artifacts');
export const CHROMIUM_PATH = process.env['SMSDESK_CHROMIUM'] ?? '/usr/bin/chromium';

/** Flags for a headless Chromium on a closed network, as root, in CI. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. Install Debian's "chromium" package (.ci/run does) or set SMSDESK_CHROMIUM.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface Station {
  core: StationCore;
  bridge: WebBridge;
  close(): Promise<void>;
}

export async function startStation(options: StationCoreOptions = {}): Promise<Station> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The renderer is not built (${RENDERER_DIR}). Run "npm run build" first; "npm test" does it.`);
  }
  const core = new StationCore(options);
  const bridge = await startWebBridge({ core, rendererDir: RENDERER_DIR });
  return {
    core,
    bridge,
    close: async () => {
      await bridge.close();
      await core.close();
    },
  };
}

/**
 * What `smsdesk web --demo` runs: the real core on a fresh archive file, with no serial
 * ports scanned. With `demo`, the virtual modem and the answering handset start at once;
 * without, the page's "Try the demo" button starts them.
 */
export async function startDemoStation(options: { demo?: boolean } & StationCoreOptions = {}): Promise<Station> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-e2e-'));
  const archive = openArchive(join(dir, 'archive.sqlite'), { defaultCountry: 'DE' });
  const station = await startStation({ archive, ownsArchive: true, log: () => undefined, ...options });
  return {
    ...station,
    close: async () => {
      await station.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Collects console errors and CSP violations so a test can assert there were none. */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export interface OpenPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and page errors so far (see watchPage). */
  readonly problems: string[];
}

export interface OpenOptions extends BrowserContextOptions {
  /** Close the station after the test with the page (default true: a journey owns its station). */
  readonly closeStation?: boolean;
  /** After the test, fail it if the page logged a console error or threw (default true). */
  readonly expectNoProblems?: boolean;
}

export interface BrowserSession {
  /** The file's Chromium, launched before its first test. */
  readonly browser: Browser;
  /** A new page in its own context, on the station's login link; closed after the test. */
  open(station: Station, options?: OpenOptions): Promise<OpenPage>;
  /** Runs after the current test, after the pages close, newest first. */
  defer(cleanup: () => Promise<void> | void): void;
}

/**
 * The hooks every browser test file needs, registered once: one Chromium for the whole file
 * (a launch costs about a second), and after each test its pages checked for errors, then its
 * contexts, stations and other clean-ups closed, newest first, even when the test failed.
 */
export function useBrowser(): BrowserSession {
  let browser: Browser | undefined;
  const cleanups: { run: () => Promise<void> | void; problems?: string[] }[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    const pending = cleanups.splice(0).reverse();
    const problems = pending.flatMap((c) => c.problems ?? []);
    for (const c of pending) await c.run();
    // Every journey ends without console errors or page errors.
    expect(problems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  const session: BrowserSession = {
    get browser(): Browser {
      if (!browser) throw new Error('The browser starts in beforeAll; use it inside a test.');
      return browser;
    },
    async open(station, options = {}) {
      const { closeStation = true, expectNoProblems = true, ...contextOptions } = options;
      const context = await session.browser.newContext({ viewport: { width: 1200, height: 800 }, ...contextOptions });
      const page = await context.newPage();
      const { problems } = watchPage(page);
      cleanups.push({
        run: async () => {
          await context.close();
          if (closeStation) await station.close();
        },
        ...(expectNoProblems ? { problems } : {}),
      });
      await page.goto(station.bridge.loginUrl);
      return { page, context, problems };
    },
    defer(cleanup) {
      cleanups.push({ run: cleanup });
    },
  };
  return session;
}
