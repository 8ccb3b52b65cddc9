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
  'status.modemsReady.one': '{count} modem ready',
  'status.modemsReady.other': '{count} modems ready',
  'status.starting': 'Starting…',
  'status.connecting': 'Connecting to the station…',
  'status.unreachable': 'The station cannot be reached: {reason}',
  'status.version': 'SMSDesk {version}',
} as const;

export type MessageKey = keyof typeof en;
type PluralBase<K> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;

const plural = new Intl.PluralRules('en');

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Text for a count, chosen by the language's plural rules (CLDR), e.g. "1 modem" / "2 modems". */
export function tn(key: PluralKey, count: number, params: Record<string, string | number> = {}): string {
  const form = plural.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { count, ...params });
}
