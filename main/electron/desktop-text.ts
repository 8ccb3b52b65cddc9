/**
 * The few words the Electron layer shows itself (tray menu, notifications), in the same two
 * languages as the window. Chosen from the system's locale, as the OS draws these itself.
 */
const en = {
  open: 'Open SMSDesk',
  startAtLogin: 'Start at login',
  startMinimised: 'Start in the tray',
  notifications: 'Notify me of new messages',
  notificationPreview: 'Show message text in notifications',
  quit: 'Quit SMSDesk',
  tooltip: 'SMSDesk',
  tooltipUnread: 'SMSDesk: {count} unread',
  newMessages: '{count} new messages',
  newMessage: 'New message',
  from: 'From {names}',
  keepsRunning: 'SMSDesk keeps running in the tray and receives messages. Quit it from the tray menu.',
  hiddenPreview: 'Open SMSDesk to read it.',
} as const;

type DesktopTextKey = keyof typeof en;

const zh: Record<DesktopTextKey, string> = {
  open: '打开 SMSDesk',
  startAtLogin: '登录时启动',
  startMinimised: '启动时最小化到托盘',
  notifications: '新消息通知',
  notificationPreview: '在通知中显示消息内容',
  quit: '退出 SMSDesk',
  tooltip: 'SMSDesk',
  tooltipUnread: 'SMSDesk：{count} 条未读',
  newMessages: '{count} 条新消息',
  newMessage: '新消息',
  from: '来自 {names}',
  keepsRunning: 'SMSDesk 会在托盘中继续运行并接收消息。可从托盘菜单退出。',
  hiddenPreview: '打开 SMSDesk 查看。',
};

export type DesktopText = (key: DesktopTextKey, params?: Record<string, string | number>) => string;

/** Text in the system's language (`app.getLocale()`), English when it is not Chinese. */
export function desktopText(systemLocale: string): DesktopText {
  const table: Record<DesktopTextKey, string> = systemLocale.toLowerCase().startsWith('zh') ? zh : en;
  return (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
