/**
 * The archive's one error type. `code` is stable (it survives structured clone and IPC,
 * unlike the class); `message` is plain words for people; `cause` keeps the SQLite or I/O
 * error underneath for logs.
 */
export type ArchiveErrorCode =
  | 'ARCHIVE_OPEN' // the file or the native module could not be opened
  | 'ARCHIVE_SCHEMA_TOO_NEW' // written by a newer SMSDesk
  | 'ARCHIVE_MIGRATION' // a migration step failed; the database stays at the last good version
  | 'ARCHIVE_NOT_FOUND' // a referenced row does not exist
  | 'ARCHIVE_CONFLICT' // the operation contradicts the stored state (e.g. a group already assembled)
  | 'ARCHIVE_INVALID' // the caller passed something the archive cannot store
  | 'ARCHIVE_IMPORT' // an import could not go on (unreadable file, unknown format)
  | 'ARCHIVE_QUERY'; // a bad cursor or query argument

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Wraps an error from below in an ArchiveError that says what was being done. An
 * ArchiveError keeps its code and gains the context in its message; the original stays as
 * `cause`.
 */
export function addContext(context: string, err: unknown, code: ArchiveErrorCode = 'ARCHIVE_QUERY'): ArchiveError {
  if (err instanceof ArchiveError) return new ArchiveError(err.code, `${context}: ${err.message}`, { cause: err });
  const detail = err instanceof Error ? err.message : String(err);
  return new ArchiveError(code, `${context}: ${detail}`, { cause: err });
}
