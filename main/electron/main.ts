/**
 * Electron entry point. Thin on purpose: it hosts the station core, hardens the
 * app, opens one window and wires the contract to IPC. Everything else lives in
 * the core, which the CLI and the web bridge run without Electron.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StationCore } from '../core';
import { wireContract } from './ipc';
import { checkSqlite, sqliteBindingForElectron } from './native';
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
    const problem = await checkSqlite(sqliteBindingForElectron(join(here, '../..'), app.isPackaged));
    if (problem) {
      dialog.showErrorBox('SMSDesk cannot start', problem);
      app.quit();
      return;
    }
    const core = new StationCore({
      runtime: { kind: 'electron', electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
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
    app.on('will-quit', () => {
      ipc.dispose();
      core.dispose();
    });
  });
}
