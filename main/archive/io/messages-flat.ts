/**
 * Messages as flat records for CSV and JSON Lines: the same fields, times as ISO 8601,
 * so a spreadsheet, a script and a re-import all read the same thing.
 */
import { stringify } from 'csv-stringify/sync';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Archive } from '../archive';
import type { NewMessage } from '../messages';
import type { Channel, Direction, Encoding, Message, MessageStatus } from '../model';
import { csvRecords } from './csv-records';
import { MessageSink } from './message-sink';
import { ReportBuilder, importStopped, type ImportOptions, type ImportReport } from './report';
import { exportBatches, type ExportOptions } from './sbr-xml';
import { TextSink, openSource, type ExportTarget, type ImportSource } from './source';

export const MESSAGE_FIELDS = [
  'uid',
  'channel',
  'direction',
  'peer',
  'contact',
  'status',
  'statusReason',
  'read',
  'date',
  'scAt',
  'sentAt',
  'deliveredAt',
  'receivedAt',
  'subject',
  'encoding',
  'partCount',
  'body',
] as const;

export type FlatMessage = { [K in (typeof MESSAGE_FIELDS)[number]]: string | number | boolean | null };

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function flatten(m: Message, contact: string | null): FlatMessage {
  return {
    uid: m.uid,
    channel: m.channel,
    direction: m.direction,
    peer: m.peer,
    contact,
    status: m.status,
    statusReason: m.statusReason,
    read: m.read,
    date: iso(m.sortAt),
    scAt: iso(m.scAt),
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
    receivedAt: iso(m.receivedAt),
    subject: m.subject,
    encoding: m.encoding,
    partCount: m.partCount,
    body: m.body,
  };
}

const STATUSES: readonly MessageStatus[] = [
  'incomplete',
  'received',
  'draft',
  'queued',
  'sending',
  'sent',
  'unconfirmed',
  'delivered',
  'failed',
  'cancelled',
];

/**
 * Reads one flat record back into a message, or says what is wrong with it. Outgoing
 * messages that were waiting to be sent come back as drafts: an import never sends.
 */
export function unflatten(r: Record<string, unknown>): NewMessage | string {
  const text = (k: string): string | null => {
    const v = r[k];
    if (v === undefined || v === null || v === '') return null;
    return String(v);
  };
  const time = (k: string): number | null | string => {
    const v = text(k);
    if (v === null) return null;
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? `The ${k} "${v}" is not an ISO 8601 time.` : ms;
  };
  const direction = text('direction');
  if (direction !== 'in' && direction !== 'out') return `The direction "${direction ?? ''}" is neither "in" nor "out".`;
  const peer = text('peer');
  if (peer === null) return 'The message has no peer address.';
  const date = time('date');
  if (typeof date === 'string') return date;
  if (date === null) return 'The message has no date.';
  const times: Record<string, number | null> = {};
  for (const k of ['scAt', 'sentAt', 'deliveredAt', 'receivedAt']) {
    const t = time(k);
    if (typeof t === 'string') return t;
    times[k] = t;
  }
  let status = (text('status') ?? (direction === 'in' ? 'received' : 'sent')) as MessageStatus;
  if (!STATUSES.includes(status)) return `The status "${status}" is unknown.`;
  if ((direction === 'in') !== (status === 'received' || status === 'incomplete'))
    return `An ${direction === 'in' ? 'incoming' : 'outgoing'} message cannot be "${status}".`;
  if (status === 'queued' || status === 'sending') status = 'draft';
  const channel = (text('channel') ?? 'sms') as Channel;
  if (channel !== 'sms' && channel !== 'mailbox') return `The channel "${channel}" is unknown.`;
  const encoding = text('encoding') as Encoding | null;
  if (encoding !== null && !['gsm7', 'ucs2', 'binary'].includes(encoding)) return `The encoding "${encoding}" is unknown.`;
  const partCount = Number(text('partCount') ?? 1);
  if (!Number.isInteger(partCount) || partCount < 1 || partCount > 255)
    return `The part count "${text('partCount') ?? ''}" is not 1 to 255.`;
  const read = r['read'] === true || r['read'] === 'true' || r['read'] === '1';
  return {
    uid: text('uid') ?? undefined,
    channel,
    direction: direction as Direction,
    peer,
    body: text('body') ?? '',
    subject: text('subject'),
    encoding,
    partCount,
    status,
    statusReason: text('statusReason'),
    read: direction === 'out' ? true : read,
    createdAt: date,
    sortAt: date,
    scAt: times['scAt'] ?? null,
    sentAt: times['sentAt'] ?? null,
    deliveredAt: times['deliveredAt'] ?? null,
    receivedAt: times['receivedAt'] ?? null,
  };
}

export async function exportMessagesCsv(archive: Archive, target: ExportTarget, options: ExportOptions = {}): Promise<{ written: number }> {
  const sink = new TextSink(target);
  const batches = exportBatches(archive, options.conversationId);
  await sink.write(stringify([[...MESSAGE_FIELDS]]));
  let written = 0;
  for (const batch of batches) {
    const rows = batch.map(({ message, contactName }) => {
      const flat = flatten(message, contactName);
      return MESSAGE_FIELDS.map((k) => {
        const v = flat[k];
        return v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
      });
    });
    await sink.write(stringify(rows));
    written += batch.length;
    options.onProgress?.(written, batches.total);
  }
  await sink.close();
  return { written };
}

/** JSON Lines: one message object per line, so both directions stream. */
export async function exportMessagesJsonl(
  archive: Archive,
  target: ExportTarget,
  options: ExportOptions = {},
): Promise<{ written: number }> {
  const sink = new TextSink(target);
  const batches = exportBatches(archive, options.conversationId);
  let written = 0;
  for (const batch of batches) {
    await sink.write(batch.map(({ message, contactName }) => `${JSON.stringify(flatten(message, contactName))}\n`).join(''));
    written += batch.length;
    options.onProgress?.(written, batches.total);
  }
  await sink.close();
  return { written };
}

export async function importMessagesCsv(archive: Archive, source: ImportSource, options: ImportOptions = {}): Promise<ImportReport> {
  const opened = openSource(source);
  const builder = new ReportBuilder(options, opened.totalBytes);
  const sink = new MessageSink(archive, builder, options.batchSize);
  try {
    for await (const item of csvRecords(source, opened)) {
      builder.report.records++;
      if (item.kind === 'error') {
        builder.issue({ record: item.index, line: item.line, reason: item.reason });
        continue;
      }
      const parsed = unflatten(item.record);
      if (typeof parsed === 'string') builder.issue({ record: item.index, line: item.line, reason: parsed });
      else sink.add({ message: parsed, record: item.index, line: item.line });
    }
    sink.flush(opened.bytesRead());
  } catch (err) {
    throw importStopped('the CSV file', builder.report, err);
  }
  return builder.report;
}

export async function importMessagesJsonl(archive: Archive, source: ImportSource, options: ImportOptions = {}): Promise<ImportReport> {
  const opened = openSource(source);
  const builder = new ReportBuilder(options, opened.totalBytes);
  const sink = new MessageSink(archive, builder, options.batchSize);
  let line = 0;
  try {
    await readJsonl();
  } catch (err) {
    throw importStopped('the JSON Lines file', builder.report, err);
  }
  return builder.report;

  async function readJsonl(): Promise<void> {
    for await (const text of createInterface({ input: Readable.from(opened.chunks), crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      builder.report.records++;
      const record = builder.report.records;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        builder.issue({ record, line, reason: `The line is not JSON: ${err instanceof Error ? err.message : String(err)}` });
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        builder.issue({ record, line, reason: 'The line is not a JSON object.' });
        continue;
      }
      const parsed = unflatten(value as Record<string, unknown>);
      if (typeof parsed === 'string') builder.issue({ record, line, reason: parsed });
      else sink.add({ message: parsed, record, line });
    }
    sink.flush(opened.bytesRead());
  }
}
