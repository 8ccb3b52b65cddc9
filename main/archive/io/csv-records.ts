import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ImportSource, OpenedSource } from './source';
import { openSource } from './source';

export type CsvItem =
  | { kind: 'record'; record: Record<string, string>; line: number; index: number }
  | { kind: 'error'; line: number; index: number; reason: string };

/**
 * Rows of a CSV file with a header row, as objects keyed by trimmed header names, with the
 * line each row ended on. A malformed row comes out as an error item, not as an exception,
 * so the import reports it and goes on.
 */
export async function* csvRecords(source: ImportSource, opened: OpenedSource = openSource(source)): AsyncGenerator<CsvItem> {
  const skipped: CsvItem[] = [];
  let index = 0;
  const parser = parse({
    columns: (header: string[]) => header.map((h) => h.trim()),
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      index++;
      skipped.push({
        kind: 'error',
        line: parser.info.lines,
        index,
        reason: `The row cannot be read as CSV: ${err?.message ?? 'malformed'}`,
      });
      return undefined;
    },
  });
  const input = Readable.from(opened.chunks);
  // pipe() does not pass errors on: without this, a source that breaks (a read error, a
  // cancelled import) would leave the parser, and this generator, waiting forever.
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  for await (const item of parser as AsyncIterable<{ info: { lines: number }; record: Record<string, string> }>) {
    while (skipped.length > 0) yield skipped.shift() as CsvItem;
    // A row of empty cells (",,,," as spreadsheets write blank lines) is a blank line, not a record.
    if (Object.values(item.record).every((v) => v === undefined || v.trim() === '')) continue;
    index++;
    yield { kind: 'record', record: item.record, line: item.info.lines, index };
  }
  while (skipped.length > 0) yield skipped.shift() as CsvItem;
}
