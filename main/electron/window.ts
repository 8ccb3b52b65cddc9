import { BrowserWindow } from 'electron';

export interface WindowOptions {
  preloadPath: string;
  iconPath?: string;
  /** Show the window once it is ready (false: started in the tray). Default true. */
  show?: boolean;
}

/** The one SMSDesk window, with every web preference set to its safe value explicitly. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'SMSDesk',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click on a link would otherwise try to open it in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (options.show !== false) win.once('ready-to-show', () => win.show());
  return win;
}
