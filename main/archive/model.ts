import type { Database } from 'better-sqlite3';

/**
 * Value types shared by the archive stores. Times are milliseconds since the Unix epoch.
 */
export type Channel = 'sms' | 'mailbox';
export type Direction = 'in' | 'out';
export type Encoding = 'gsm7' | 'ucs2' | 'binary';

export type IncomingStatus = 'incomplete' | 'received';
export type OutgoingStatus = 'draft' | 'queued' | 'sending' | 'sent' | 'unconfirmed' | 'delivered' | 'failed' | 'cancelled';
export type MessageStatus = IncomingStatus | OutgoingStatus;
export type PartStatus = 'received' | 'pending' | 'sent' | 'unconfirmed' | 'delivered' | 'failed';
export type JobState = 'queued' | 'claimed' | 'done' | 'failed' | 'unconfirmed' | 'cancelled';
export type MessageOrigin = 'station' | 'import' | 'sync';

export interface Message {
  id: number;
  uid: string;
  conversationId: number;
  channel: Channel;
  direction: Direction;
  peer: string;
  modemId: number | null;
  body: string;
  subject: string | null;
  encoding: Encoding | null;
  partCount: number;
  partsReceived: number | null;
  status: MessageStatus;
  statusReason: string | null;
  read: boolean;
  flash: boolean;
  scAddress: string | null;
  scAt: number | null;
  sentAt: number | null;
  deliveredAt: number | null;
  receivedAt: number | null;
  createdAt: number;
  sortAt: number;
  origin: MessageOrigin;
  serverId: string | null;
  revision: number;
}

export interface Part {
  id: number;
  messageId: number | null;
  groupId: number | null;
  seq: number;
  pdu: Uint8Array | null;
  text: string | null;
  encoding: Encoding | null;
  scAddress: string | null;
  flash: boolean;
  tpMr: number | null;
  status: PartStatus;
  statusReason: string | null;
  modemId: number | null;
  scAt: number | null;
  receivedAt: number | null;
  submittedAt: number | null;
  deliveredAt: number | null;
}

/** What every store gets: the connection and a clock tests can set. */
export interface StoreContext {
  readonly db: Database;
  now(): number;
}

/**
 * U+0001 and U+0002 mark search hits in snippets. They mean nothing in an SMS (GSM 7-bit
 * cannot carry them at all), so stored text has them replaced and a snippet's markers are
 * always the archive's own.
 */
export function cleanText(text: string): string {
  return text.replaceAll('\u0001', '\uFFFD').replaceAll('\u0002', '\uFFFD');
}
