#!/usr/bin/env node
// Makes the desktop app runnable from a checkout: fetches Electron's binary and
// builds better-sqlite3 for Electron's ABI next to the Node build.
//
// Why a second build: better-sqlite3 is compiled against one runtime's ABI. The
// CLI and the tests run under Node and need the Node build that `npm install`
// made; the desktop app runs under Electron and loads its own copy from
// .native/electron-<version>-<platform>-<arch>/ (main/electron/native.ts). So
// neither ever breaks the other. serialport's binding is N-API: one build serves both.
//
// Runs from `postinstall` and again from `npm start` (cheap when done). Skipped,
// with a note and exit status 0, when ELECTRON_SKIP_BINARY_DOWNLOAD is set or the
// binary cannot be fetched (offline): then the CLI, `smsdesk web` and the tests
// still work.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const strict = process.argv.includes('--strict'); // npm start: a failure is an error
const say = (text) => console.log(`smsdesk: ${text}`);

function skip(reason) {
  say(`${reason}; the desktop app's native modules were not prepared. The CLI, "smsdesk web" and the tests do not need them.`);
  process.exit(strict ? 1 : 0);
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !strict) skip('ELECTRON_SKIP_BINARY_DOWNLOAD is set');

const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;

// Electron's own installer: exits at once when the binary is already there.
const fetched = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
if (fetched.status !== 0) skip(`Electron ${electronVersion}'s binary could not be downloaded`);

export const nativeDir = join(root, '.native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
const target = join(nativeDir, 'better_sqlite3.node');
if (existsSync(target)) {
  say(`native modules for Electron ${electronVersion} are ready.`);
  process.exit(0);
}

// Build in a scratch copy so node_modules/better-sqlite3 keeps its Node build.
const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'smsdesk-native-'));
try {
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps']) cpSync(join(source, part), join(work, part), { recursive: true });
  const env = { ...process.env, npm_config_nodedir: '' }; // a global nodedir would point node-gyp at Node's headers
  const prebuilt = spawnSync(
    process.execPath,
    [
      require.resolve('prebuild-install/bin.js'),
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      `--platform=${process.platform}`,
    ],
    { cwd: work, stdio: 'inherit', env },
  );
  if (prebuilt.status !== 0) {
    say('no prebuilt better-sqlite3 for this Electron; compiling it (needs Python and a C++ compiler)…');
    const built = spawnSync(
      'npx',
      [
        '--yes',
        'node-gyp',
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, stdio: 'inherit', env, shell: process.platform === 'win32' },
    );
    if (built.status !== 0) skip('better-sqlite3 could not be built for Electron');
  }
  mkdirSync(nativeDir, { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  say(`built better-sqlite3 for Electron ${electronVersion} in ${nativeDir}.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
