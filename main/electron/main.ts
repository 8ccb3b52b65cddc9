/**
 * Electron entry point. Thin on purpose: it hosts the station core, hardens the
 * app, opens one window and wires the contract to IPC. Everything else lives in
 * the core, which the CLI and the web bridge run without Electron.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openArchive, type Archive } from '../archive/index';
import { StationCore } from '../core';
import { wireContract } from './ipc';
import { checkSqlite, sqliteBindingForElectron } from './native';
import { safeStoragePinStore } from './pin-store';
import { hardenApp, makeAppUrlCheck } from './security';
import { createMainWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererHtml = join(here, '../renderer/index.html');
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const isAppUrl = makeAppUrlCheck({ rendererFileUrl: pathToFileURL(rendererHtml).href, devServerUrl });

// One SMSDesk per user: two processes must never fight over one modem port.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  let win: BrowserWindow | null = null;
  const log = (message: string): void => console.warn(`[smsdesk] ${message}`);

  hardenApp(isAppUrl);

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  void app.whenReady().then(async () => {
    const nativeBinding = sqliteBindingForElectron(join(here, '../..'), app.isPackaged);
    const problem = await checkSqlite(nativeBinding);
    if (problem) {
      dialog.showErrorBox('SMSDesk cannot start', problem);
      app.quit();
      return;
    }
    // `--demo` keeps the demo's messages in their own archive, as `smsdesk station --demo` does.
    const demo = process.argv.includes('--demo');
    const archivePath = join(app.getPath('userData'), demo ? 'demo.sqlite' : 'archive.sqlite');
    let archive: Archive;
    try {
      mkdirSync(app.getPath('userData'), { recursive: true });
      archive = openArchive(archivePath, nativeBinding ? { nativeBinding } : {});
    } catch (err) {
      dialog.showErrorBox('SMSDesk cannot open its archive', `${archivePath}: ${err instanceof Error ? err.message : String(err)}`);
      app.quit();
      return;
    }
    const core = new StationCore({
      runtime: { kind: 'electron', electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
      archive,
      ownsArchive: true,
      systemPorts: !demo,
      demo,
      // Remembered SIM PINs, encrypted by the OS keychain; only kept when the user asks.
      pinStore: safeStoragePinStore(join(app.getPath('userData'), 'sim-pins.json'), log),
    });
    const ipc = wireContract({ core, trusted: () => win?.webContents ?? null, isAppUrl, log });

    win = createMainWindow({
      preloadPath: join(here, '../preload/index.cjs'),
      iconPath: join(here, '../../build/icon.png'),
    });
    win.on('closed', () => {
      win = null;
    });
    if (devServerUrl) void win.loadURL(devServerUrl);
    else void win.loadFile(rendererHtml);

    app.on('window-all-closed', () => app.quit());
    // Stop between parts and release the ports before the process ends.
    let closed = false;
    app.on('will-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      ipc.dispose();
      void core.close().finally(() => {
        closed = true;
        app.quit();
      });
    });
  });
}
