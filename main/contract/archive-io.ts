/**
 * Calls of the Archive screen: import and export with progress, the traffic dashboard.
 *
 * An import streams: the renderer reads the picked file in slices and sends each as base64
 * bytes (`archive.importChunk`), numbered from 0. Bytes, not text, so the core decodes UTF-8
 * exactly as `smsdesk import` reads a file (a character split between slices, a byte-order
 * mark, a broken byte all come out the same), counts the file's bytes for the progress bar,
 * and every request has a known size under the web bridge's 1 MiB limit (text would grow by
 * its JSON escapes, unboundedly for a file full of quotes). A chunk call resolves once the
 * importer has taken the slice, so a fast reader cannot flood the core.
 *
 * An export is pulled: `archive.exportChunk` answers the next slice of text until `done`.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { CallSpec } from './area';
import type { ArchiveCallName, ArchiveEventName } from './names';

/** Bytes of the file in one import chunk: its base64 (and JSON) stays under the web bridge's 1 MiB request limit. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;
/** Characters of base64 that IMPORT_CHUNK_BYTES take. */
export const IMPORT_CHUNK_BASE64 = 4 * Math.ceil(IMPORT_CHUNK_BYTES / 3);
/** Characters of text in one export chunk at most. */
export const EXPORT_CHUNK_CHARS = 512 * 1024;

export const MessageFormat = Type.Union([Type.Literal('sbr-xml'), Type.Literal('csv'), Type.Literal('json')]);
export type MessageFormat = Static<typeof MessageFormat>;

const SessionId = Type.String({ minLength: 1, maxLength: 64 });
const Count = Type.Integer({ minimum: 0 });

export const ImportBeginRequest = Type.Object(
  {
    /** The picked file's name: its extension says the format unless `format` does. */
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    /** Its size in bytes; the import is complete when this many have come. */
    size: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    format: Type.Optional(MessageFormat),
  },
  { additionalProperties: false },
);
export type ImportBeginRequest = Static<typeof ImportBeginRequest>;

export const ImportStarted = Type.Object({
  importId: SessionId,
  format: MessageFormat,
  /** The most bytes one chunk may carry. */
  chunkBytes: Type.Integer({ minimum: 1 }),
});
export type ImportStarted = Static<typeof ImportStarted>;

export const ImportChunkRequest = Type.Object(
  {
    importId: SessionId,
    /** 0 for the first chunk, then one more each time: a lost or repeated chunk is refused. */
    seq: Type.Integer({ minimum: 0 }),
    /** The slice's bytes as base64 (RFC 4648, with padding). */
    data: Type.String({ minLength: 1, maxLength: IMPORT_CHUNK_BASE64, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
  },
  { additionalProperties: false },
);
export type ImportChunkRequest = Static<typeof ImportChunkRequest>;

export const ImportRef = Type.Object({ importId: SessionId }, { additionalProperties: false });
export type ImportRef = Static<typeof ImportRef>;

export const ImportProgressView = Type.Object({
  /** Bytes the core has taken, of `totalBytes`. */
  bytesReceived: Count,
  totalBytes: Count,
  /** Records read so far, and what became of them. */
  records: Count,
  imported: Count,
  duplicates: Count,
  bad: Count,
});
export type ImportProgressView = Static<typeof ImportProgressView>;

export const ImportIssueView = Type.Object({
  /** 1-based number of the record in the file (0: the file as a whole). */
  record: Count,
  line: Count,
  column: Type.Union([Count, Type.Null()]),
  /** What was wrong, in words. */
  reason: Type.String(),
});
export type ImportIssueView = Static<typeof ImportIssueView>;

export const ImportSummary = Type.Object({
  fileName: Type.String(),
  format: MessageFormat,
  records: Count,
  imported: Count,
  duplicates: Count,
  /** Records that could not be read or stored; `issues` says where and why (the first of them). */
  bad: Count,
  issues: Type.Array(ImportIssueView),
  /** Valid records that are not archived (e.g. MMS), counted by reason. */
  skipped: Type.Array(Type.Object({ reason: Type.String(), count: Count })),
});
export type ImportSummary = Static<typeof ImportSummary>;

export const ImportCancelled = Type.Object({
  /** Messages the import had committed before it stopped: they stay (importing the file again skips them). */
  imported: Count,
  records: Count,
});
export type ImportCancelled = Static<typeof ImportCancelled>;

export const ExportBeginRequest = Type.Object({ format: MessageFormat }, { additionalProperties: false });
export type ExportBeginRequest = Static<typeof ExportBeginRequest>;

export const ExportStarted = Type.Object({
  exportId: SessionId,
  /** A name to save the file as, e.g. smsdesk-2026-11-23.csv. */
  fileName: Type.String(),
  mimeType: Type.String(),
  /** Messages to write. */
  total: Count,
});
export type ExportStarted = Static<typeof ExportStarted>;

export const ExportRef = Type.Object({ exportId: SessionId }, { additionalProperties: false });
export type ExportRef = Static<typeof ExportRef>;

export const ExportChunk = Type.Object({
  /** The next slice of the file (possibly empty); the file is the slices in order. */
  data: Type.String(),
  written: Count,
  total: Count,
  /** True with the last slice: the export is over and its id forgotten. */
  done: Type.Boolean(),
});
export type ExportChunk = Static<typeof ExportChunk>;

export const TrafficQuery = Type.Object(
  {
    days: Type.Union([Type.Literal(7), Type.Literal(30), Type.Literal(90)]),
    /** The viewer's offset from UTC in minutes (UTC+8: 480): days start at the viewer's midnight. */
    utcOffsetMinutes: Type.Integer({ minimum: -14 * 60, maximum: 14 * 60 }),
  },
  { additionalProperties: false },
);
export type TrafficQuery = Static<typeof TrafficQuery>;

export const DayTrafficView = Type.Object({
  /** The viewer's date, YYYY-MM-DD. */
  date: Type.String(),
  /** Its midnight where the viewer is, ISO 8601. */
  start: Type.String(),
  in: Count,
  out: Count,
});
export type DayTrafficView = Static<typeof DayTrafficView>;

const DeliveryCounts = {
  in: Count,
  out: Count,
  /** Outgoing messages a status report said were delivered. */
  delivered: Count,
  /** Outgoing messages sent with a status report asked for: the delivery rate is delivered / withReport. */
  withReport: Count,
};

export const ModemTrafficView = Type.Object({
  /** 'sms' with a modem, 'sms' without one (imported, or its modem unknown), or 'mailbox'. */
  channel: Type.Union([Type.Literal('sms'), Type.Literal('mailbox')]),
  /** The modem's IMEI (its id in modems.list), or null. */
  imei: Type.Union([Type.String(), Type.Null()]),
  /** Its label, own number or IMEI; null for messages of no modem. */
  name: Type.Union([Type.String(), Type.Null()]),
  ...DeliveryCounts,
});
export type ModemTrafficView = Static<typeof ModemTrafficView>;

export const TrafficStatsView = Type.Object({
  days: Type.Array(DayTrafficView),
  modems: Type.Array(ModemTrafficView),
  totals: Type.Object(DeliveryCounts),
});
export type TrafficStatsView = Static<typeof TrafficStatsView>;

export const archiveCalls = {
  /** Opens an import of a file the renderer will send in chunks; the format comes from the name unless given. */
  'archive.importBegin': { args: ImportBeginRequest, result: ImportStarted },
  /** The next slice of the file; resolves when the importer has taken it, with the progress so far. */
  'archive.importChunk': { args: ImportChunkRequest, result: ImportProgressView },
  /** The whole file has been sent: finishes the import and says what was added, found already, and skipped. */
  'archive.importEnd': { args: ImportRef, result: ImportSummary },
  /** Stops an import; what it had committed stays. */
  'archive.importCancel': { args: ImportRef, result: ImportCancelled },
  /** Starts writing every SMS of the archive in a format; the renderer pulls the text. */
  'archive.exportBegin': { args: ExportBeginRequest, result: ExportStarted },
  /** The next slice of the export. */
  'archive.exportChunk': { args: ExportRef, result: ExportChunk },
  /** Stops an export. */
  'archive.exportCancel': { args: ExportRef, result: Type.Null() },
  /** Messages per day in and out, per modem, and the delivery rate, over the last 7, 30 or 90 days. */
  'archive.traffic': { args: TrafficQuery, result: TrafficStatsView },
} as const satisfies { [K in ArchiveCallName]: CallSpec };

export const archiveEvents = {} as const satisfies { [K in ArchiveEventName]: TSchema };
