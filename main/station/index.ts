/**
 * main/station: the station core that joins modems (modem/driver) to the archive
 * (main/archive). Runtime: Node, no Electron; the desktop app and `smsdesk station` run it alike.
 */
export { Station, type StationOptions } from './station';
export { StationError, isStationError, type StationErrorCode } from './errors';
export { StationEvents, type StationEvent } from './events';
export { queueText, type QueueTextRequest } from './queue';
export { toIncomingPart, toStatusReport } from './incoming';
export { DEFAULT_RATE_PER_MINUTE } from './rate';
export { defaultArchivePath } from './paths';
export { recentMessages, outboxEntries, threadWith, type RecentQuery, type OutboxEntry } from './views';
