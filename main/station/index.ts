/**
 * main/station: the station core that joins modems (modem/driver) to the archive
 * (main/archive). Runtime: Node, no Electron; the desktop app and `smsdesk station` run it alike.
 */
export { Station, DEFAULT_INCOMPLETE_AFTER_MS, type StationOptions } from './station';
export { ROUTING_STRATEGIES, type RoutingStrategy } from './routing';
export { StationError, isStationError, type StationErrorCode } from './errors';
export { StationEvents, type StationEvent } from './events';
export { queueText, type QueueTextRequest } from './queue';
export { toIncomingPart, toStatusReport } from './incoming';
export { DEFAULT_RATE_PER_MINUTE } from './rate';
export { defaultArchivePath } from './paths';
export { recentMessages, outboxEntries, threadWith, type RecentQuery, type OutboxEntry } from './views';
export {
  previewBulk,
  startBulk,
  NUMBER_COLUMNS,
  type BulkSource,
  type BulkRequest,
  type BulkStartRequest,
  type BulkPreview,
  type BulkPreviewRow,
  type BulkRowError,
  type BulkRowErrorCode,
} from './bulk';
export { parseTemplate, mergeTemplate, type Template, type TemplateSegment } from './bulk-template';
export { isReplyable, firstWord, type RuleOptions } from './rules';
