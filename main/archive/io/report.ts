import { addContext, type ArchiveError } from '../errors';

/**
 * What an import tells its caller: counts, progress while it runs, and every record it
 * could not take, with where it was, so nothing is dropped silently.
 */
export interface ImportIssue {
  /** 1-based number of the record in the file (the n-th <sms>, row, line or card). */
  record: number;
  /** 1-based line (and column where known) in the file. */
  line: number;
  column?: number;
  /** What was wrong, in words. */
  reason: string;
}

export interface ImportProgress {
  /** Records read so far (good, duplicate, bad or skipped). */
  records: number;
  imported: number;
  duplicates: number;
  bad: number;
  /** Bytes of the file read so far, and its size when known: enough for a progress bar. */
  bytesRead: number;
  totalBytes: number | null;
}

export interface ImportReport extends ImportProgress {
  /** Records that are valid but not archived (e.g. MMS), by reason. */
  skipped: Record<string, number>;
  /** The first MAX_ISSUES problems, in file order; `bad` counts all of them. */
  issues: ImportIssue[];
}

export interface ImportOptions {
  /** Called after every batch, and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
  /** Called for every bad record as it is found (the report keeps only the first ones). */
  onIssue?: (issue: ImportIssue) => void;
  /** Records per transaction. Default 5000. */
  batchSize?: number;
}

/** A report's issue list is bounded: a broken file of a million records must not fill memory. */
export const MAX_ISSUES = 1000;

/** An import that cannot go on (the file vanished, the stream broke) says where it stopped. */
export function importStopped(what: string, report: ImportProgress, err: unknown): ArchiveError {
  return addContext(`Importing ${what} stopped after record ${report.records}`, err, 'ARCHIVE_IMPORT');
}

export class ReportBuilder {
  readonly report: ImportReport;
  readonly #options: ImportOptions;

  constructor(options: ImportOptions, totalBytes: number | null) {
    this.#options = options;
    this.report = { records: 0, imported: 0, duplicates: 0, bad: 0, bytesRead: 0, totalBytes, skipped: {}, issues: [] };
  }

  issue(issue: ImportIssue): void {
    this.report.bad++;
    if (this.report.issues.length < MAX_ISSUES) this.report.issues.push(issue);
    this.#options.onIssue?.(issue);
  }

  skip(reason: string): void {
    this.report.skipped[reason] = (this.report.skipped[reason] ?? 0) + 1;
  }

  progress(bytesRead?: number): void {
    if (bytesRead !== undefined) this.report.bytesRead = bytesRead;
    const { records, imported, duplicates, bad, totalBytes } = this.report;
    this.#options.onProgress?.({ records, imported, duplicates, bad, bytesRead: this.report.bytesRead, totalBytes });
  }
}
