/**
 * The SMSDesk mailbox server: a phone number is a mailbox.
 *
 * Public surface (what the CLI and the station client use):
 *  - serveMailbox: `smsdesk mailbox serve`
 *  - openStore + addStation / listStations / revokeStation: `smsdesk mailbox station add|list|revoke`
 *  - compileKeywords: checks the invitation answer words given to `smsdesk mailbox serve`
 *  - the wire protocols: HTTP schemas, the station WebSocket frames, the push frames
 */
export { serveMailbox, DEFAULT_PORT, DEFAULT_DB_FILE } from './server/serve';
export type { ServeOptions, MailboxServer } from './server/serve';
export { openStore } from './store/open';
export type { OpenStore, StoreLocation } from './store/open';
export { MigrateError } from './store/migrate';
export { addStation, listStations, revokeStation } from './domain/stations';
export type { StationInfo } from './domain/stations';
export { MailboxError } from './domain/errors';
export type { MailboxErrorCode } from './domain/errors';
export { DEFAULT_POLICY } from './domain/policy';
export { compileKeywords, DEFAULT_REPLY_KEYWORDS, KeywordError } from './domain/keywords';
export type { ReplyKeywords } from './domain/keywords';
export type { Policy } from './domain/policy';
export * as httpProtocol from './protocol/http';
export * as stationProtocol from './protocol/station';
export type { PushFrame } from './protocol/push';
export { PUSH_PROTOCOL_VERSION } from './protocol/push';
