/**
 * Electron entry point. Thin on purpose: it hosts the station core, hardens the
 * app, opens one window and wires the contract to IPC. Everything else lives in
 * the core, which the CLI and the web bridge run without Electron.
 */
import { app, dialog, Notification, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openArchive, type Archive } from '../archive/index';
import { StationCore } from '../core';
import { wireContract } from './ipc';
import { startAttention, type Attention } from './attention';
import { HIDDEN_ARG, setLinuxAutostart } from './autostart-entry';
import { desktopText } from './desktop-text';
import { checkSqlite, sqliteBindingForElectron } from './native';
import { safeStoragePinStore } from './pin-store';
import { preferenceFile } from './preferences';
import { hardenApp, makeAppUrlCheck } from './security';
import { safeStorageTokenStore } from './token-store';
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

/** The sms: link among a process's arguments (the OS passes it when SMSDesk is the handler). */
function smsLinkIn(argv: readonly string[]): string | undefined {
  return argv.find((a) => /^sms:/i.test(a));
}

function start(): void {
  let win: BrowserWindow | null = null;
  let core: StationCore | null = null;
  let attention: Attention | null = null;
  let quitting = false;
  let toldAboutTray = false;
  const log = (message: string): void => console.warn(`[smsdesk] ${message}`);
  // A link that arrives before the core exists waits for it.
  let pendingLink = smsLinkIn(process.argv);
  const openLink = (link: string): void => {
    if (core) core.compose(link);
    else pendingLink = link;
  };
  const showWindow = (): void => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  hardenApp(isAppUrl);

  app.on('second-instance', (_event, argv) => {
    const link = smsLinkIn(argv);
    if (link) openLink(link);
    showWindow();
  });
  // macOS hands links to the running app this way, also at start-up.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (/^sms:/i.test(url)) openLink(url);
    showWindow();
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
    core = new StationCore({
      runtime: { kind: 'electron', electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
      archive,
      ownsArchive: true,
      systemPorts: !demo,
      demo,
      // Remembered SIM PINs, encrypted by the OS keychain; only kept when the user asks.
      pinStore: safeStoragePinStore(join(app.getPath('userData'), 'sim-pins.json'), log),
      // The mailbox session and this station's link token, encrypted by the OS keychain (memory only without one).
      tokenStore: safeStorageTokenStore(join(app.getPath('userData'), demo ? 'demo-mailbox-secrets.json' : 'mailbox-secrets.json'), log),
    });
    const ipc = wireContract({ core, trusted: () => win?.webContents ?? null, isAppUrl, log });

    if (pendingLink) core.compose(pendingLink);
    pendingLink = undefined;

    const text = desktopText(app.getLocale());
    const preferences = preferenceFile(join(app.getPath('userData'), 'preferences.json'), log);
    const iconPath = join(here, '../../build/icon.png');
    const setStartAtLogin = (enabled: boolean): void => {
      if (process.platform === 'linux') setLinuxAutostart(enabled, process.execPath);
      else app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    };
    // The window's renderer lives on while hidden in the tray, so it hears the request before it shows.
    const showConversation = (conversationId: string): void => {
      core?.openConversation(conversationId);
      showWindow();
    };
    attention = startAttention({
      core,
      iconPath,
      text,
      preferences,
      setStartAtLogin,
      showWindow,
      showConversation,
      quit: () => app.quit(),
      log,
    });

    // Started at login with "start in the tray": the station runs, the window waits for a click.
    const hidden = process.argv.includes(HIDDEN_ARG) && preferences.current.startMinimised && attention.hasTray;
    win = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), iconPath, show: !hidden });
    win.on('close', (event) => {
      // With a tray, closing the window keeps the station receiving; Quit is in the tray menu.
      if (quitting || !attention?.hasTray) return;
      event.preventDefault();
      win?.hide();
      if (!toldAboutTray && Notification.isSupported()) {
        toldAboutTray = true;
        new Notification({ title: 'SMSDesk', body: text('keepsRunning') }).show();
      }
    });
    win.on('closed', () => {
      win = null;
    });
    if (devServerUrl) void win.loadURL(devServerUrl);
    else void win.loadFile(rendererHtml);

    app.on('before-quit', () => {
      quitting = true;
    });
    app.on('window-all-closed', () => app.quit());
    // Stop between parts and release the ports before the process ends.
    let closed = false;
    app.on('will-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      ipc.dispose();
      attention?.dispose();
      void (core?.close() ?? Promise.resolve()).finally(() => {
        closed = true;
        app.quit();
      });
    });
  });
}
