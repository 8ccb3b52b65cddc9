/**
 * Runs the real, built renderer in Chromium against the real station core: the
 * core lives in this Node process and the page reaches it through the web bridge
 * (the same typed contract the desktop app uses over IPC).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
