/**
 * User-facing text. Every string shown by the UI comes from here so a second
 * language is a second table, not a hunt through components.
 */
const en = {
  'app.title': 'SMSDesk',
  'conversations.heading': 'Conversations',
  'conversations.empty.title': 'No conversations yet',
  'conversations.empty.body': 'Messages you send and receive will appear here.',
  'conversations.loading': 'Loading conversations…',
  'thread.empty.title': 'No conversation selected',
  'thread.empty.body': 'Choose a conversation on the left to read it here.',
  'status.noModem': 'No modem connected',
  'status.modemsReady': '{count} modem(s) ready',
  'status.starting': 'Starting…',
  'status.connecting': 'Connecting to the station…',
  'status.unreachable': 'The station cannot be reached: {reason}',
  'status.version': 'SMSDesk {version}',
} as const;

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
