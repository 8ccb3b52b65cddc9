/** `smsdesk export`, `smsdesk import` and `smsdesk contacts import`: the archive's formats from a terminal. */
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  exportMessagesCsv,
  exportMessagesJsonl,
  exportSbrXml,
  importContactsCsv,
  importMessagesCsv,
  importMessagesJsonl,
  importSbrXml,
  importVcards,
  type Archive,
  type ImportOptions,
  type ImportReport,
  type ImportSource,
} from '../../archive/index';
import { MESSAGE_FORMATS, messageFormatOf, type MessageFormat } from '../../archive/io/formats';
import type { Command } from '../command';
import { UsageError, type CliIo } from '../io';
import { DB_OPTION_HELP, withArchive } from './archive-db';

const CONTACT_FORMATS = ['vcard', 'csv'] as const;
type ContactFormat = (typeof CONTACT_FORMATS)[number];

function messageFormat(value: string | undefined, file: string): MessageFormat {
  if (value !== undefined) {
    if ((MESSAGE_FORMATS as readonly string[]).includes(value)) return value as MessageFormat;
    throw new UsageError(`--format must be one of ${MESSAGE_FORMATS.join(', ')}, not "${value}".`);
  }
  const found = messageFormatOf(file);
  if (found) return found;
  throw new UsageError(`Cannot tell the format of ${file} from its name; add --format ${MESSAGE_FORMATS.join('|')}.`);
}

function contactFormat(value: string | undefined, file: string): ContactFormat {
  if (value !== undefined) {
    if ((CONTACT_FORMATS as readonly string[]).includes(value)) return value as ContactFormat;
    throw new UsageError(`--format must be one of ${CONTACT_FORMATS.join(', ')}, not "${value}".`);
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.vcf' || ext === '.vcard') return 'vcard';
  if (ext === '.csv') return 'csv';
  throw new UsageError(`Cannot tell the format of ${file} from its name; add --format ${CONTACT_FORMATS.join('|')}.`);
}

/** Progress on stderr (a terminal line redrawn in place), the summary and every problem on stdout. */
async function runImport(io: CliIo, json: boolean, job: (options: ImportOptions) => Promise<ImportReport>): Promise<number> {
  let last = 0;
  const report = await job({
    onProgress: (p) => {
      if (json || Date.now() - last < 500) return;
      last = Date.now();
      const share = p.totalBytes ? ` (${Math.floor((100 * p.bytesRead) / p.totalBytes)}%)` : '';
      io.stderr(`\r${p.records} records read${share}, ${p.imported} imported, ${p.duplicates} already there, ${p.bad} bad`);
    },
  });
  if (json) {
    io.stdout(`${JSON.stringify(report)}\n`);
    return report.bad > 0 ? 1 : 0;
  }
  if (last > 0) io.stderr('\n');
  io.stdout(
    `${report.records} records read: ${report.imported} imported, ${report.duplicates} already in the archive, ${report.bad} bad.\n`,
  );
  for (const [reason, count] of Object.entries(report.skipped)) io.stdout(`Skipped ${count}: ${reason}\n`);
  for (const issue of report.issues) {
    io.stdout(`  record ${issue.record}, line ${issue.line}${issue.column !== undefined ? `:${issue.column}` : ''}: ${issue.reason}\n`);
  }
  if (report.bad > report.issues.length) io.stdout(`  … and ${report.bad - report.issues.length} more.\n`);
  // Bad records were skipped, not lost silently: the exit status says some were.
  return report.bad > 0 ? 1 : 0;
}

function oneFile(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`Give exactly one ${what}.`);
  return positionals[0]!;
}

export const exportCommand: Command = {
  path: ['export'],
  summary: 'Write every archived message to a file (SB&R XML, CSV or JSON Lines)',
  help: `Usage: smsdesk export [--format sbr-xml|csv|json] FILE [--db FILE]

Writes every message in the archive, oldest first. The format follows the file
name (.xml, .csv, .json/.jsonl) unless --format says. SB&R XML is the format of
Android's "SMS Backup & Restore", so the file can go back onto a phone.

Options:
  --format F     sbr-xml, csv or json (JSON Lines: one message per line)
${DB_OPTION_HELP}
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { format: { type: 'string' }, db: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    const file = oneFile(positionals, 'file to write');
    const format = messageFormat(values.format, file);
    return withArchive(values.db, async (archive: Archive) => {
      const { written } =
        format === 'sbr-xml'
          ? await exportSbrXml(archive, file)
          : format === 'csv'
            ? await exportMessagesCsv(archive, file)
            : await exportMessagesJsonl(archive, file);
      io.stdout(`Wrote ${written} message${written === 1 ? '' : 's'} to ${file}.\n`);
      return 0;
    });
  },
};

export const importCommand: Command = {
  path: ['import'],
  summary: 'Add the messages of a backup file to the archive (SB&R XML, CSV or JSON Lines)',
  help: `Usage: smsdesk import [--format sbr-xml|csv|json] FILE [--db FILE] [--json]

Adds the file's messages to the archive. Importing the same file again adds
nothing. A record that cannot be read is reported with its position and
skipped; the rest are imported (the exit status is then 1).

Options:
  --format F     sbr-xml, csv or json (default: from the file name)
${DB_OPTION_HELP}
  --json         The report as one JSON object
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { format: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const file: ImportSource = oneFile(positionals, 'file to import');
    const format = messageFormat(values.format, file);
    return withArchive(values.db, (archive) =>
      runImport(io, values.json ?? false, (options) =>
        format === 'sbr-xml'
          ? importSbrXml(archive, file, options)
          : format === 'csv'
            ? importMessagesCsv(archive, file, options)
            : importMessagesJsonl(archive, file, options),
      ),
    );
  },
};

export const contactsImportCommand: Command = {
  path: ['contacts', 'import'],
  summary: 'Add contacts from a vCard (3.0/4.0) or CSV file',
  help: `Usage: smsdesk contacts import [--format vcard|csv] FILE [--db FILE] [--json]

Adds the file's contacts to the archive, their numbers normalised like every
number in SMSDesk. Importing the same file again adds nothing. A card or row
that cannot be read is reported with its position and skipped.

Options:
  --format F     vcard or csv (default: from the file name, .vcf or .csv)
${DB_OPTION_HELP}
  --json         The report as one JSON object
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { format: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const file = oneFile(positionals, 'file to import');
    const format = contactFormat(values.format, file);
    return withArchive(values.db, (archive) =>
      runImport(io, values.json ?? false, (options) =>
        format === 'vcard' ? importVcards(archive, file, options) : importContactsCsv(archive, file, options),
      ),
    );
  },
};

export const archiveIoCommands: readonly Command[] = [exportCommand, importCommand, contactsImportCommand];
