import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { ArchiveError, addContext } from './errors';
import { MIGRATIONS, type Migration } from './migrations';

export type { Db };

export interface OpenDatabaseOptions {
  /** Path of a better-sqlite3 native module to load instead of the default (Electron's build). */
  nativeBinding?: string;
  /**
   * Milliseconds a writer waits for another process's lock before SQLITE_BUSY. The station and
   * `smsdesk send` share one file; 5 s covers a long import batch of the other process.
   */
  busyTimeoutMs?: number;
  /** Migrate only up to this version (tests of a migration open at N−1). Default: the latest. */
  targetVersion?: number;
  /** Migrations to apply; tests pass a shortened list. Default: all of them. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the archive file with the settings every connection needs and
 * migrates it. `':memory:'` works for tests.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    throw addContext(`The archive ${file} could not be opened`, err, 'ARCHIVE_OPEN');
  }
  try {
    // WAL: readers (UI pages, search) never block the writer (inbox, outbox, import).
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash or power
    // loss can lose the last transactions, and the modem still holds unacknowledged SMS then.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    // 64 MB of page cache (the default is 2 MB): a million-message archive's hot index pages
    // stay in memory, which keeps imports and search from re-reading them.
    db.pragma('cache_size = -65536');
    migrate(db, options.targetVersion, options.migrations);
    return db;
  } catch (err) {
    db.close();
    throw err instanceof ArchiveError ? err : addContext(`The archive ${file} could not be prepared`, err, 'ARCHIVE_OPEN');
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target`, one migration per transaction, so a failure leaves the
 * database at the last good version. Returns the version reached.
 */
export function migrate(db: Db, target?: number, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.length;
  const goal = Math.min(target ?? latest, latest);
  let version = schemaVersion(db);
  if (version > latest) {
    throw new ArchiveError(
      'ARCHIVE_SCHEMA_TOO_NEW',
      `The archive is at schema version ${version}, newer than this SMSDesk knows (${latest}). Update SMSDesk.`,
    );
  }
  while (version < goal) {
    const step = migrations[version];
    if (step === undefined || step.version !== version + 1) {
      throw new ArchiveError('ARCHIVE_MIGRATION', `Migration ${version + 1} is missing or out of order.`);
    }
    try {
      // IMMEDIATE takes the write lock first, so two processes opening the same file cannot
      // both run the same step; the second sees the new version and skips it.
      db.transaction(() => {
        if (schemaVersion(db) !== version) return;
        step.up(db);
        db.pragma(`user_version = ${step.version}`);
      }).immediate();
    } catch (err) {
      throw addContext(`Migration ${step.version} (${step.name}) failed`, err, 'ARCHIVE_MIGRATION');
    }
    version = schemaVersion(db);
  }
  return version;
}
