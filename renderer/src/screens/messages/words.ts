/** Messages, times and channels in words, in the current language. */
import type { ConversationSummary, MessageView } from '../../../../main/contract';
import { formatTime, t } from '../../i18n';
import { daysAgo, localDayKey } from './days';

/** A message's status as the user reads it: "Delivered", "Failed: <reason>", "Incomplete: 2 of 3 parts". */
export function statusWords(m: Pick<MessageView, 'status' | 'statusReason' | 'partCount' | 'partsReceived'>): string {
  switch (m.status) {
    case 'failed':
      return m.statusReason ? t('message.status.failedBecause', { reason: m.statusReason }) : t('message.status.failed');
    case 'unconfirmed':
      return m.statusReason ? t('message.status.unconfirmedBecause', { reason: m.statusReason }) : t('message.status.unconfirmed');
    case 'incomplete':
      return t('message.status.incomplete', { received: m.partsReceived ?? 0, total: m.partCount });
    case 'queued':
    case 'sending':
    case 'sent':
    case 'delivered':
    case 'received':
    case 'draft':
    case 'cancelled':
      return t(`message.status.${m.status}`);
  }
}

export function channelWords(channel: ConversationSummary['channel']): string {
  return t(`conversations.channel.${channel}`);
}

/** "Today", "Yesterday" or the full date of a local day key (YYYY-MM-DD). */
export function dayWords(day: string, now: Date = new Date()): string {
  const ago = daysAgo(day, localDayKey(now));
  if (ago === 0) return t('thread.today');
  if (ago === 1) return t('thread.yesterday');
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
  const sameYear = date.getFullYear() === now.getFullYear();
  return formatTime(
    date.toISOString(),
    sameYear ? { weekday: 'long', month: 'long', day: 'numeric' } : { year: 'numeric', month: 'long', day: 'numeric' },
  );
}

/** The time of a message in its thread (its day is in the separator above). */
export function clockWords(iso: string): string {
  return formatTime(iso);
}

/** A short time for a list row: the time today, else "Yesterday", the weekday this week, or the date. */
export function listTimeWords(iso: string, now: Date = new Date()): string {
  const ago = daysAgo(localDayKey(new Date(iso)), localDayKey(now));
  if (ago <= 0) return formatTime(iso);
  if (ago === 1) return t('thread.yesterday');
  if (ago < 7) return formatTime(iso, { weekday: 'short' });
  if (new Date(iso).getFullYear() === now.getFullYear()) return formatTime(iso, { month: 'short', day: 'numeric' });
  return formatTime(iso, { year: 'numeric', month: 'short', day: 'numeric' });
}

/**
 * Whether a conversation's peer can be answered: a number (E.164, or the digits of a short
 * code). A sender name ("DHL Paket", the alphanumeric originators of TS 23.040 §9.1.2.5) is
 * where a message came from, not an address a reply could go to.
 */
export function canReply(peer: string): boolean {
  return /^\+?[0-9]{2,20}$/.test(peer);
}
