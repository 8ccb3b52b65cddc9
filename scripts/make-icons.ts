/**
 * Renders renderer/public/favicon.svg to the PNG that electron-builder turns into
 * each platform's icon (build/icon.png, 512×512; .ico and .icns are derived from it).
 * Run after changing the SVG: npx tsx scripts/make-icons.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, ROOT } from '../test/e2e/harness';

const svg = readFileSync(join(ROOT, 'renderer/public/favicon.svg'), 'utf8');
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.setContent(
  `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="512" height="512" ')}</body></html>`,
);
await page.screenshot({ path: join(ROOT, 'build/icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 512, height: 512 } });
await browser.close();
console.log('wrote build/icon.png');
