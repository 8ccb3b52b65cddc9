/**
 * The desktop's ways of asking for attention: a tray icon with the unread count (and the
 * dock/launcher badge where the OS has one), and native notifications for new messages.
 * What to announce is decided in the core (main/core/notices.ts); this only shows it.
 */
import { app, Menu, nativeImage, Notification, Tray } from 'electron';
import type { StationCore } from '../core';
import { toDisposable, type Disposable } from '../core';
import type { Notice } from '../core/notices';
import type { DesktopText } from './desktop-text';
import type { DesktopPreferences, PreferenceFile } from './preferences';

export interface AttentionOptions {
  readonly core: StationCore;
  readonly iconPath: string;
  readonly text: DesktopText;
  readonly preferences: PreferenceFile;
  /** Applies "start at login" to the OS (login item or autostart entry). */
  readonly setStartAtLogin: (enabled: boolean) => void;
  readonly showWindow: () => void;
  /** Shows the window and, while it is still in the archive, the conversation (a notification's click). */
  readonly showConversation: (conversationId: string) => void;
  readonly quit: () => void;
  readonly log: (message: string) => void;
}

export interface Attention extends Disposable {
  /** Whether a tray icon exists (some Linux desktops have no tray); without one, closing the window quits. */
  readonly hasTray: boolean;
}

export function startAttention(options: AttentionOptions): Attention {
  const { core, text, preferences } = options;
  let tray: Tray | null = null;
  try {
    tray = new Tray(nativeImage.createFromPath(options.iconPath).resize({ width: 22, height: 22 }));
    tray.on('click', options.showWindow);
  } catch (err) {
    options.log(`no tray icon: ${err instanceof Error ? err.message : String(err)}`);
  }

  const toggle = (key: keyof DesktopPreferences) => (): void => {
    const next = preferences.update({ [key]: !preferences.current[key] });
    if (key === 'startAtLogin') options.setStartAtLogin(next.startAtLogin);
    renderMenu();
  };
  const renderMenu = (): void => {
    if (!tray) return;
    const p = preferences.current;
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: text('open'), click: options.showWindow },
        { type: 'separator' },
        { label: text('startAtLogin'), type: 'checkbox', checked: p.startAtLogin, click: toggle('startAtLogin') },
        { label: text('startMinimised'), type: 'checkbox', checked: p.startMinimised, click: toggle('startMinimised') },
        { label: text('notifications'), type: 'checkbox', checked: p.notifications, click: toggle('notifications') },
        { label: text('notificationPreview'), type: 'checkbox', checked: p.notificationPreview, click: toggle('notificationPreview') },
        { type: 'separator' },
        { label: text('quit'), click: options.quit },
      ]),
    );
  };
  renderMenu();

  const unread = core.events.subscribe(
    'station.status',
    (status) => {
      tray?.setToolTip(status.unread > 0 ? text('tooltipUnread', { count: status.unread }) : text('tooltip'));
      // The dock (macOS) or launcher (Unity-style Linux) badge; a no-op where there is none.
      app.setBadgeCount(status.unread);
    },
    { replay: true },
  );

  const notices =
    core.notices?.onNotice((notice) => {
      if (!preferences.current.notifications || !Notification.isSupported()) return;
      const shown = new Notification(noticeContent(notice, text, preferences.current.notificationPreview));
      shown.on('click', () => options.showConversation(notice.conversationId));
      shown.show();
    }) ?? toDisposable(() => undefined);

  return {
    hasTray: tray !== null,
    dispose: () => {
      notices.dispose();
      unread.dispose();
      tray?.destroy();
      tray = null;
    },
  };
}

/** Title and body of a notice. */
function noticeContent(notice: Notice, text: DesktopText, preview: boolean): { title: string; body: string } {
  const names = notice.from.slice(0, 3).join(', ') + (notice.from.length > 3 ? ' …' : '');
  if (notice.count === 1) {
    return { title: notice.from[0] ?? text('newMessage'), body: preview ? bodyText(notice.preview) : text('hiddenPreview') };
  }
  return { title: text('newMessages', { count: notice.count }), body: bodyText(text('from', { names })) };
}

/**
 * Linux notification servers may read the body as markup (the freedesktop spec's
 * "body-markup": <b>, <a href>, <img>), so a message's text is escaped there and shows as
 * the sender wrote it. Windows and macOS take the body as plain text.
 */
function bodyText(untrusted: string): string {
  if (process.platform !== 'linux') return untrusted;
  return untrusted.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
