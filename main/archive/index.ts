/**
 * The local archive: every message, part, contact and outbox job of a station, in one
 * SQLite file (better-sqlite3, WAL). This file is its whole public surface; everything else
 * in main/archive/ is internal. No Electron here: the desktop app passes its native binding
 * path, the CLI and tests use the default.
 */
export { openArchive, type Archive, type OpenArchiveOptions } from './archive';
export { openDatabase, migrate, schemaVersion, type OpenDatabaseOptions } from './db';
export { MIGRATIONS, type Migration } from './migrations';
export { ArchiveError, type ArchiveErrorCode } from './errors';
export { createAddressNormaliser, normaliseAddress, type AddressNormaliser, type CountryCode } from './address';
export type {
  Channel,
  Direction,
  Encoding,
  IncomingStatus,
  JobState,
  Message,
  MessageOrigin,
  MessageStatus,
  OutgoingStatus,
  Part,
  PartStatus,
} from './model';
export { canMoveJob, canMoveMessage, canMovePart } from './status';

// Entity stores (reached through Archive; exported for their types).
export type { ModemStore, ModemRecord, ModemIdentity, Route } from './modems';
export type { LeaseStore } from './leases';
export type { ConversationStore, Conversation } from './conversations';
export type { MessageStore, NewMessage, MessagePage, MessageListQuery } from './messages';
export { MISSING_PART, pduHash, type InboxStore, type IncomingPart, type StoredPart, type InboundGroup } from './inbox';
export { backoffDelay, type OutboxStore, type OutboxJob, type OutboxPage, type DueJob, type QueueRequest } from './outbox';
export type { StatusReports, StatusReport, ReportMatchOptions } from './reports';
export type { ContactStore, Contact, ContactAddress, ContactInput } from './contacts';
export { ContactReach, REACH_UPLOAD_MAX } from './contacts-reach';
export type { GroupStore, Group } from './groups';
export type { EventLog, ArchiveEvent, EventKind, NewEvent } from './events';
export { HIT_START, HIT_END, type SearchStore, type MessageHit, type ContactHit, type SearchQuery } from './search';
export { toMatchExpression, type MatchOptions } from './fts-query';
export type { SettingsStore } from './settings';
export {
  DEFAULT_BULK_WINDOW,
  type BulkJobStore,
  type BulkJob,
  type BulkState,
  type BulkProgress,
  type BulkRecipient,
  type BulkRecipientState,
  type NewBulkJob,
  type NewBulkRecipient,
} from './bulk-jobs';
export {
  DEFAULT_PER_HOUR,
  DEFAULT_FORWARDS_PER_HOUR,
  type RuleStore,
  type Rule,
  type RuleKind,
  type RuleInput,
  type RuleHit,
  type AutomaticMessage,
  type FireResult,
} from './rules';
export { SyncStore, type SyncedMessage, type ReceivedToUpload } from './sync-store';

// Import and export.
export type { ImportIssue, ImportOptions, ImportProgress, ImportReport } from './io/report';
export type { ImportSource, ExportTarget } from './io/source';
export { importSbrXml, exportSbrXml, type ExportOptions } from './io/sbr-xml';
export { importMessagesCsv, exportMessagesCsv, importMessagesJsonl, exportMessagesJsonl } from './io/messages-flat';
export { importVcards, importContactsCsv, UPDATED_BY_UID } from './io/contacts-import';
