/** smsdesk bulk preview|start|status|pause|resume|cancel: bulk sends kept in the archive, sent by a running station. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ArchiveError, type Archive, type BulkJob, type BulkProgress } from '../../archive/index';
import { isStationError, previewBulk, startBulk, type BulkPreview, type BulkRequest } from '../../station/index';
import type { Command } from '../command';
import { UsageError, type CliIo } from '../io';
import { DB_OPTION_HELP, formatTime, recordId, withArchive } from './archive-db';
import { parseLimit } from './inbox';

const SOURCE_HELP = `  --csv FILE     A CSV file with a header row; its column names are the fields, and
                 the numbers are in a column named number, phone, mobile or to
  --group NAME   The members of a contact group (fields: name, organization, number)
  --text TEXT    The message, with fields in braces: "Hello {name}, your code is {code}"
                 ("{{" and "}}" for braces)
  --number-column NAME  (with --csv) The column that holds the numbers
  --flash        Show on the recipients' screens at once (class 0), not stored`;

const sourceOptions = {
  csv: { type: 'string' },
  group: { type: 'string' },
  text: { type: 'string' },
  'number-column': { type: 'string' },
  flash: { type: 'boolean' },
  db: { type: 'string' },
  json: { type: 'boolean' },
} as const;

interface SourceValues {
  csv?: string | undefined;
  group?: string | undefined;
  text?: string | undefined;
  'number-column'?: string | undefined;
  flash?: boolean | undefined;
}

function bulkRequest(values: SourceValues): BulkRequest {
  if ((values.csv === undefined) === (values.group === undefined))
    throw new UsageError('Give the recipients with --csv FILE or --group NAME.');
  if (values.text === undefined || values.text.trim() === '') throw new UsageError('Give the message with --text.');
  if (values.group !== undefined && values['number-column'] !== undefined) throw new UsageError('--number-column goes with --csv.');
  const flash = values.flash ?? false;
  if (values.group !== undefined) return { template: values.text, source: { kind: 'group', name: values.group }, flash };
  let text: string;
  try {
    text = readFileSync(values.csv!, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${values.csv}: ${(error as Error).message}`);
  }
  const numberColumn = values['number-column'];
  return {
    template: values.text,
    source: { kind: 'csv', text, name: basename(values.csv!), ...(numberColumn !== undefined ? { numberColumn } : {}) },
    flash,
  };
}

/** Errors of the archive or station (no such job, already finished, bad list) in plain words; exit 1. */
function failed(io: CliIo, error: unknown): number {
  if (error instanceof ArchiveError || isStationError(error)) {
    io.stderr(`${error.message}\n`);
    return 1;
  }
  throw error;
}

function jobJson(job: BulkJob, progress: BulkProgress): Record<string, unknown> {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return { ...job, createdAt: iso(job.createdAt), updatedAt: iso(job.updatedAt), finishedAt: iso(job.finishedAt), progress };
}

function progressLine(p: BulkProgress): string {
  const parts = [
    `${p.total} recipients`,
    `${p.pending} not queued yet`,
    `${p.queued} queued`,
    `${p.sending} sending`,
    `${p.sent} sent`,
    `${p.delivered} delivered`,
    `${p.failed} failed`,
  ];
  if (p.unconfirmed > 0) parts.push(`${p.unconfirmed} unconfirmed`);
  if (p.cancelled > 0) parts.push(`${p.cancelled} cancelled`);
  return parts.join(', ');
}

function jobLines(job: BulkJob, progress: BulkProgress): string {
  const skipped = job.skipped > 0 ? ` (${job.skipped} row(s) left out)` : '';
  return `${String(job.id).padStart(4)}  ${job.state.padEnd(9)}  ${formatTime(job.createdAt)}  ${job.name}${skipped}\n      ${progressLine(progress)}\n`;
}

function previewText(preview: BulkPreview, limit: number): string {
  const lines: string[] = [];
  for (const p of preview.problems) lines.push(`Cannot send: ${p}`);
  for (const r of preview.recipients.slice(0, limit)) {
    const text = r.text.replace(/\s+/g, ' ');
    const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
    lines.push(`row ${String(r.row).padStart(4)}  ${r.to.padEnd(14)}  ${r.parts} part(s) ${r.encoding.padEnd(4)}  ${shown}`);
  }
  if (preview.recipients.length > limit) lines.push(`… and ${preview.recipients.length - limit} more (--limit N shows more)`);
  for (const e of preview.errors) lines.push(`row ${String(e.row).padStart(4)}  error: ${e.message}`);
  if (preview.problems.length === 0) {
    const bad = new Set(preview.errors.map((e) => e.row)).size;
    lines.push(
      `${preview.recipients.length} recipient(s), ${preview.totalParts} SMS in all${bad > 0 ? `; ${bad} row(s) with errors` : ''}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const bulkPreviewCommand: Command = {
  path: ['bulk', 'preview'],
  summary: 'Show each message of a bulk send (text, parts, encoding) and the rows with errors',
  help: `Usage: smsdesk bulk preview (--csv FILE | --group NAME) --text TEXT [--limit N] [--db FILE] [--json]

Merges the text for every recipient and shows what would be sent: the number,
the text, how many SMS parts it takes and in which encoding (gsm7 fits 160
characters in one SMS; ucs2, needed for other characters, 70). Rows with a bad
number, an empty field or a number already on another row are listed with
their row (the line of the CSV file; the header is line 1). Nothing is queued.
Exits 1 when there are errors.

Options:
${SOURCE_HELP}
  --limit N      Recipients to list (default 20); --json lists all
${DB_OPTION_HELP}
  --json         One JSON object: {source, fields, recipients, errors, problems, totalParts}
`,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { ...sourceOptions, limit: { type: 'string' } }, strict: true });
    const request = bulkRequest(values);
    const limit = parseLimit(values.limit, 20);
    return withArchive(values.db, (archive) => {
      const preview = previewBulk(archive, request);
      io.stdout(values.json ? `${JSON.stringify(preview)}\n` : previewText(preview, limit));
      return preview.problems.length > 0 || preview.errors.length > 0 ? 1 : 0;
    });
  },
};

export const bulkStartCommand: Command = {
  path: ['bulk', 'start'],
  summary: 'Start a bulk send to a group or a CSV list; a running station sends it',
  help: `Usage: smsdesk bulk start (--csv FILE | --group NAME) --text TEXT [--skip-invalid] [--name NAME] [--window N] [--db FILE] [--json]

Stores the bulk send in the archive with every recipient's merged text; a
running station ("smsdesk station", or the desktop app) sends it at the
modem's rate, a few messages at a time, and it goes on after a restart.
Refuses a list with errors unless --skip-invalid leaves those rows out
("smsdesk bulk preview" shows them).

Options:
${SOURCE_HELP}
  --skip-invalid Leave out rows with errors instead of refusing to start
  --name NAME    A name for lists (default: the file or group)
  --window N     Messages waiting in the outbox at a time (default 2): a message
                 someone sends meanwhile waits behind at most this many
${DB_OPTION_HELP}
  --json         One JSON object: the job with its progress
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...sourceOptions, 'skip-invalid': { type: 'boolean' }, name: { type: 'string' }, window: { type: 'string' } },
      strict: true,
    });
    const request = bulkRequest(values);
    const window = values.window === undefined ? undefined : Number(values.window);
    if (window !== undefined && (!Number.isInteger(window) || window < 1 || window > 1000)) {
      throw new UsageError('--window must be a number from 1 to 1000.');
    }
    return withArchive(values.db, (archive) => {
      try {
        const { job } = startBulk(archive, {
          ...request,
          skipInvalid: values['skip-invalid'] ?? false,
          ...(values.name !== undefined ? { name: values.name } : {}),
          ...(window !== undefined ? { window } : {}),
        });
        const progress = archive.bulkJobs.progress(job.id);
        if (values.json) io.stdout(`${JSON.stringify(jobJson(job, progress))}\n`);
        else {
          const skipped = job.skipped > 0 ? ` (${job.skipped} row(s) with errors left out)` : '';
          io.stdout(`Bulk send ${job.id} started: ${job.total} recipient(s)${skipped}. A running station sends it.\n`);
        }
        return 0;
      } catch (error) {
        return failed(io, error);
      }
    });
  },
};

export const bulkStatusCommand: Command = {
  path: ['bulk', 'status'],
  summary: 'Show the bulk sends and how far each one is',
  help: `Usage: smsdesk bulk status [ID] [--db FILE] [--json]

Without ID, lists every bulk send, newest first. Each shows its state (running,
paused, cancelled, done) and where its recipients are: not queued yet, queued,
sending, sent, delivered, failed, unconfirmed, cancelled. The counts add up to
the number of recipients.

Options:
${DB_OPTION_HELP}
  --json         One JSON object: {jobs: [...]} or the one job, each with its progress
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { db: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const id = positionals.length === 0 ? undefined : recordId(positionals, 'bulk send', 'smsdesk bulk status');
    return withArchive(values.db, (archive) => {
      const jobs = id === undefined ? archive.bulkJobs.list() : [archive.bulkJobs.get(id)].filter((j) => j !== undefined);
      if (id !== undefined && jobs.length === 0) return failed(io, new ArchiveError('ARCHIVE_NOT_FOUND', `There is no bulk send ${id}.`));
      const shown = jobs.map((job) => ({ job, progress: archive.bulkJobs.progress(job.id) }));
      if (values.json) {
        const json = shown.map(({ job, progress }) => jobJson(job, progress));
        io.stdout(`${JSON.stringify(id === undefined ? { jobs: json } : json[0])}\n`);
      } else if (shown.length === 0) io.stdout('No bulk sends yet.\n');
      else for (const { job, progress } of shown) io.stdout(jobLines(job, progress));
      return 0;
    });
  },
};

function stateCommand(
  verb: 'pause' | 'resume' | 'cancel',
  summary: string,
  details: string,
  act: (archive: Archive, id: number) => { job: BulkJob; note: string },
): Command {
  return {
    path: ['bulk', verb],
    summary,
    help: `Usage: smsdesk bulk ${verb} ID [--db FILE] [--json]

${details}

Options:
${DB_OPTION_HELP}
  --json         One JSON object: the job with its progress
`,
    async run(argv, io) {
      const { values, positionals } = parseArgs({
        args: [...argv],
        options: { db: { type: 'string' }, json: { type: 'boolean' } },
        strict: true,
        allowPositionals: true,
      });
      const id = recordId(positionals, 'bulk send', `smsdesk bulk ${verb}`);
      return withArchive(values.db, (archive) => {
        try {
          const { job, note } = act(archive, id);
          const progress = archive.bulkJobs.progress(id);
          io.stdout(values.json ? `${JSON.stringify(jobJson(job, progress))}\n` : `${note}\n${progressLine(progress)}.\n`);
          return 0;
        } catch (error) {
          return failed(io, error);
        }
      });
    },
  };
}

export const bulkPauseCommand = stateCommand(
  'pause',
  'Pause a bulk send: nothing more of it is sent until it is resumed',
  `Stops a bulk send at once: messages of it waiting in the outbox are taken back
(only one a station is sending now still goes out), and nothing more is queued
until "smsdesk bulk resume ID".`,
  (archive, id) => {
    const { job, takenBack } = archive.bulkJobs.pause(id);
    return { job, note: `Bulk send ${id} paused${takenBack > 0 ? `; ${takenBack} waiting message(s) taken back` : ''}.` };
  },
);

export const bulkResumeCommand = stateCommand(
  'resume',
  'Resume a paused bulk send',
  'A running station goes on sending the paused bulk send where it stopped.',
  (archive, id) => ({ job: archive.bulkJobs.resume(id), note: `Bulk send ${id} runs again.` }),
);

export const bulkCancelCommand = stateCommand(
  'cancel',
  'Cancel the rest of a bulk send',
  `Cancels what of a bulk send has not gone out: recipients not queued yet, and
its messages waiting in the outbox. A message a station is sending now is left
to finish. A cancelled bulk send cannot be resumed.`,
  (archive, id) => {
    const { job, cancelled } = archive.bulkJobs.cancel(id);
    return { job, note: `Bulk send ${id} cancelled${cancelled.length > 0 ? `; ${cancelled.length} waiting message(s) cancelled` : ''}.` };
  },
);

export const bulkCommands: readonly Command[] = [
  bulkPreviewCommand,
  bulkStartCommand,
  bulkStatusCommand,
  bulkPauseCommand,
  bulkResumeCommand,
  bulkCancelCommand,
];
