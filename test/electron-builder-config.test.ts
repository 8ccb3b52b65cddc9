/**
 * Packaging cannot run here (no Electron binary), so the electron-builder
 * configuration is checked with electron-builder's own validator, and the
 * resources it names are checked to exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  deb: { afterInstall: string };
};

describe('electron-builder configuration', () => {
  it('passes electron-builder’s schema validation', async () => {
    const { $schema: _schema, ...rest } = config;
    await expect(validateConfiguration(rest, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('is rejected by the same validator when it holds an unknown option (the check is real)', async () => {
    const { $schema: _schema, ...rest } = config;
    await expect(
      validateConfiguration({ ...rest, linux: { ...config.linux, colour: 'blue' } }, { isEnabled: false, add() {} }),
    ).rejects.toThrow(/configuration\.linux should be/);
    await expect(validateConfiguration({ ...rest, nsis: { oneClick: 'sometimes' } }, { isEnabled: false, add() {} })).rejects.toThrow(
      /nsis/,
    );
  });

  it('targets AppImage and deb on Linux, NSIS on Windows and DMG on macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('names resources that exist in build/', () => {
    for (const file of [config.linux.icon, config.win.icon, config.mac.icon, config.deb.afterInstall]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
  });
});
