import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from './io';

/**
 * The built renderer. The CLI bundle lives in out/cli/, next to out/renderer/;
 * SMSDESK_RENDERER_DIR overrides it (tests, unusual installs).
 */
export function rendererDir(): string {
  const dir = process.env['SMSDESK_RENDERER_DIR'] ?? fileURLToPath(new URL('../renderer/', import.meta.url));
  if (!existsSync(`${dir}/index.html`)) {
    throw new UsageError(`The user interface is not built (${dir}index.html is missing). Run "npm run build" first.`);
  }
  return dir;
}
