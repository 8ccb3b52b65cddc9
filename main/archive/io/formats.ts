/**
 * The message file formats by name: which one a file is (from its name, as the CLI and the
 * Archive screen both decide it), and the importer and exporter of each.
 */
import type { Archive } from '../archive';
import { assertNever } from '../status';
import { exportMessagesCsv, exportMessagesJsonl, importMessagesCsv, importMessagesJsonl } from './messages-flat';
import type { ImportOptions, ImportReport } from './report';
import { exportSbrXml, importSbrXml, type ExportOptions } from './sbr-xml';
import type { ExportTarget, ImportSource } from './source';

export const MESSAGE_FORMATS = ['sbr-xml', 'csv', 'json'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

/** The format a file name says (.xml, .csv, .json/.jsonl/.ndjson), or undefined when it says none. */
export function messageFormatOf(fileName: string): MessageFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  const ext = dot < 0 ? '' : fileName.slice(dot).toLowerCase();
  if (ext === '.xml') return 'sbr-xml';
  if (ext === '.csv') return 'csv';
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return 'json';
  return undefined;
}

export function importMessages(
  archive: Archive,
  format: MessageFormat,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  switch (format) {
    case 'sbr-xml':
      return importSbrXml(archive, source, options);
    case 'csv':
      return importMessagesCsv(archive, source, options);
    case 'json':
      return importMessagesJsonl(archive, source, options);
    default:
      return assertNever(format, 'message format');
  }
}

export function exportMessages(
  archive: Archive,
  format: MessageFormat,
  target: ExportTarget,
  options: ExportOptions = {},
): Promise<{ written: number }> {
  switch (format) {
    case 'sbr-xml':
      return exportSbrXml(archive, target, options);
    case 'csv':
      return exportMessagesCsv(archive, target, options);
    case 'json':
      return exportMessagesJsonl(archive, target, options);
    default:
      return assertNever(format, 'message format');
  }
}
