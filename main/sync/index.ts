/**
 * main/sync: the desktop's side of the mailbox server. Runtime: Node, no Electron (the
 * desktop app passes a token store backed by safeStorage; the CLI and tests their own).
 *
 *  - MailboxClient: login by code or password, devices, send, changes, receipts, own
 *    stations, contacts, notification rules, and the push socket
 *  - SyncEngine: two-way sync of one archive with one mailbox account
 *  - StationLink: a station (gateway or the user's own) serving the mailbox's SMS jobs
 *
 * The conflict rules are in README.md.
 */
export {
  MailboxClient,
  type MailboxClientOptions,
  type Credentials,
  type SendInput,
  type Receipt,
  type PushChannel,
  type PushEvent,
  type PushOptions,
} from './client';
export {
  SyncEngine,
  markConversationRead,
  type SyncEngineOptions,
  type SyncEvent,
  type SyncSendRequest,
  type SyncStatus,
  type SendVia,
} from './engine';
export { StationLink, type StationLinkOptions, type StationLinkEvent } from './station-link';
export { MailboxClientError, isMailboxClientError, type MailboxErrorCode } from './errors';
export { memoryTokenStore, type TokenStore, type StoredSession } from './token-store';
export type { BackoffOptions } from './backoff';
export { SYNC_KEYS } from './keys';
export type { ChangesPage, Device, LinkedStation, MessageItemT, OwnStation, ContactsResult, NotificationRule, Invitation } from './wire';
