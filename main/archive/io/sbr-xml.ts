/**
 * SMS Backup & Restore XML, the format Android backups are usually in:
 *   <smses count="N"><sms protocol address date type subject body toa sc_toa service_center
 *     read status locked date_sent readable_date contact_name/> … <mms …>…</mms></smses>
 * `date` is the phone's time in ms (received time for incoming, sent time for outgoing);
 * `date_sent` the service centre's time stamp; `type` 1 inbox, 2 sent, 3 draft, 4 outbox,
 * 5 failed, 6 queued; `status` −1 none, 0 complete, 32 pending, 64 failed (TP-Status class).
 * Both directions stream: memory stays flat for files of millions of messages.
 */
import type { Archive } from '../archive';
import type { NewMessage } from '../messages';
import type { Direction, Message, MessageStatus } from '../model';
import { assertNever } from '../status';
import { MessageSink } from './message-sink';
import { SbrXmlReader, type TagAttributes } from './sbr-reader';
import { ReportBuilder, importStopped, type ImportOptions, type ImportReport } from './report';
import { TextSink, openSource, type ExportTarget, type ImportSource } from './source';
import { ReferenceRepairer, xmlAttribute } from './xml-text';

const IMPORTED_UNSENT = 'It was still waiting to be sent on the phone the backup came from; SMSDesk does not send it by itself.';
const FAILED_ON_PHONE = 'Sending failed on the phone the backup came from.';

export async function importSbrXml(archive: Archive, source: ImportSource, options: ImportOptions = {}): Promise<ImportReport> {
  const opened = openSource(source);
  const builder = new ReportBuilder(options, opened.totalBytes);
  const sink = new MessageSink(archive, builder, options.batchSize);
  const report = builder.report;
  let sawRoot = false;
  const reader: SbrXmlReader = new SbrXmlReader({
    // saxes reports and goes on; the record around the error is reported by position.
    error(message) {
      builder.issue({ record: report.records, line: reader.line, column: reader.column, reason: `The XML is damaged here: ${message}` });
    },
    tag(name, attributes) {
      if (!sawRoot) {
        sawRoot = true;
        if (name !== 'smses') {
          builder.issue({
            record: 0,
            line: reader.line,
            column: reader.column,
            reason: `This is not an SMS backup: it starts with <${name}>, not <smses>.`,
          });
        }
        return;
      }
      if (name === 'mms') {
        report.records++;
        builder.skip('MMS (not archived yet)');
        return;
      }
      if (name !== 'sms') return;
      report.records++;
      const parsed = smsFromAttributes(attributes);
      if (typeof parsed === 'string') {
        builder.issue({ record: report.records, line: reader.line, column: reader.column, reason: parsed });
        return;
      }
      sink.add({ message: parsed, record: report.records, line: reader.line });
    },
  });
  const repairer = new ReferenceRepairer();
  let lastProgress = 0;
  try {
    for await (const chunk of opened.chunks) {
      reader.write(repairer.push(chunk));
      // Progress roughly every megabyte even between batches.
      if (opened.bytesRead() - lastProgress > 1 << 20) {
        lastProgress = opened.bytesRead();
        builder.progress(lastProgress);
      }
    }
    reader.write(repairer.end());
    reader.close();
    sink.flush(opened.bytesRead());
  } catch (err) {
    // What was read so far stays imported: a second run of the same file skips it.
    throw importStopped('the SMS backup', report, err);
  }
  return report;
}

function smsFromAttributes(a: TagAttributes): NewMessage | string {
  const address = a.get('address')?.trim() ?? '';
  if (address === '' || address === 'null') return 'The message has no address.';
  const dateText = a.get('date');
  const date = Number(dateText);
  if (!Number.isSafeInteger(date) || date <= 0) return `The message's date "${dateText ?? ''}" is not a time in milliseconds.`;
  const typeText = a.get('type');
  const type = Number(typeText);
  const subjectText = a.get('subject');
  const subject = subjectText && subjectText !== 'null' ? subjectText : null;
  const scText = a.get('service_center');
  const sc = scText && scText !== 'null' ? scText : null;
  // One object shape for every type (a million of them go by): only the values differ.
  let direction: Direction = 'out';
  let status: MessageStatus;
  let statusReason: string | null = null;
  let read = true;
  let scAt: number | null = null;
  let sortAt = date;
  let receivedAt: number | null = null;
  let sentAt: number | null = null;
  switch (type) {
    case 1: {
      direction = 'in';
      status = 'received';
      read = a.get('read') === '1';
      receivedAt = date;
      const dateSent = Number(a.get('date_sent'));
      scAt = Number.isSafeInteger(dateSent) && dateSent > 0 ? dateSent : null;
      // Incoming threads are ordered by the service centre's time, as the station does.
      sortAt = scAt ?? date;
      break;
    }
    case 2: {
      const reported = a.get('status');
      status = reported === '0' ? 'delivered' : reported === '64' ? 'failed' : 'sent';
      sentAt = date;
      if (status === 'failed') statusReason = FAILED_ON_PHONE;
      break;
    }
    case 3:
      status = 'draft';
      break;
    case 4:
    case 6:
      status = 'draft';
      statusReason = IMPORTED_UNSENT;
      break;
    case 5:
      status = 'failed';
      statusReason = FAILED_ON_PHONE;
      break;
    default:
      return `The message type "${typeText ?? ''}" is unknown (1 to 6 are).`;
  }
  return {
    direction,
    peer: address,
    body: a.get('body') ?? '',
    subject,
    status,
    statusReason,
    read,
    scAddress: sc,
    scAt,
    sentAt,
    receivedAt,
    createdAt: date,
    sortAt,
  };
}

function sbrType(status: MessageStatus): { type: number; status: number } {
  switch (status) {
    case 'incomplete':
    case 'received':
      return { type: 1, status: -1 };
    case 'draft':
      return { type: 3, status: -1 };
    case 'queued':
    case 'sending':
      return { type: 4, status: -1 };
    case 'sent':
    case 'unconfirmed':
      return { type: 2, status: -1 };
    case 'delivered':
      return { type: 2, status: 0 };
    case 'failed':
    case 'cancelled':
      return { type: 5, status: 64 };
    default:
      return assertNever(status, 'message status');
  }
}

export interface ExportOptions {
  onProgress?: (written: number, total: number) => void;
  /** Only messages of this conversation. */
  conversationId?: number;
}

const EXPORT_BATCH = 2000;

/**
 * Writes every SMS of the archive (or one conversation) as SB&R XML, in id order, reading
 * in keyset batches so the connection is never held open across a write.
 */
export async function exportSbrXml(archive: Archive, target: ExportTarget, options: ExportOptions = {}): Promise<{ written: number }> {
  const sink = new TextSink(target);
  const batches = exportBatches(archive, options.conversationId);
  await sink.write(
    `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${batches.total}" backup_date="${Date.now()}" type="full">\n`,
  );
  let written = 0;
  for (const batch of batches) {
    let text = '';
    for (const { message: m, contactName } of batch) {
      const { type, status } = sbrType(m.status);
      const date = m.direction === 'in' ? (m.receivedAt ?? m.sortAt) : m.sortAt;
      text +=
        `  <sms protocol="0" address="${xmlAttribute(m.peer)}" date="${date}" type="${type}" subject="${xmlAttribute(m.subject ?? 'null')}"` +
        ` body="${xmlAttribute(m.body)}" toa="null" sc_toa="null" service_center="${xmlAttribute(m.scAddress ?? 'null')}"` +
        ` read="${m.read ? 1 : 0}" status="${status}" locked="0" date_sent="${m.scAt ?? 0}" sub_id="-1"` +
        ` readable_date="${xmlAttribute(new Date(date).toISOString())}" contact_name="${xmlAttribute(contactName ?? '(Unknown)')}" />\n`;
    }
    await sink.write(text);
    written += batch.length;
    options.onProgress?.(written, batches.total);
  }
  await sink.write('</smses>\n');
  await sink.close();
  return { written };
}

/** SMS messages in id order, a batch at a time, each with its contact's name if any. */
export function exportBatches(
  archive: Archive,
  conversationId: number | undefined,
): Iterable<{ message: Message; contactName: string | null }[]> & { total: number } {
  const conversation = conversationId ?? null;
  const total = archive.db
    .prepare<[number | null, number | null], { n: number }>(
      `SELECT count(*) AS n FROM messages WHERE channel = 'sms' AND (? IS NULL OR conversation_id = ?)`,
    )
    .get(conversation, conversation) as { n: number };
  const page = archive.db.prepare<[number, number | null, number | null, number], { id: number; contact_name: string | null }>(
    `SELECT m.id, (SELECT k.display_name FROM contact_addresses a JOIN contacts k ON k.id = a.contact_id
        WHERE a.address = m.peer ORDER BY k.id LIMIT 1) AS contact_name
     FROM messages m WHERE m.id > ? AND m.channel = 'sms' AND (? IS NULL OR m.conversation_id = ?) ORDER BY m.id LIMIT ?`,
  );
  return {
    total: total.n,
    *[Symbol.iterator]() {
      let after = 0;
      for (;;) {
        const rows = page.all(after, conversation, conversation, EXPORT_BATCH);
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        yield rows.map((r) => ({ message: archive.messages.get(r.id) as Message, contactName: r.contact_name }));
      }
    },
  };
}
