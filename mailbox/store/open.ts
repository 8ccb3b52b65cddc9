import { LocalNotifier, type Notifier } from '../domain/notifier';
import type { Db } from './db';
import { migrate } from './migrate';
import { PgDb } from './pg-db';
import { PgNotifier } from './pg-notifier';
import { SqliteDb } from './sqlite-db';

/** Where the mailbox keeps its data: a SQLite file (the default) or a PostgreSQL URL. */
export type StoreLocation = { readonly db: string } | { readonly pg: string };

export interface OpenStore {
  readonly db: Db;
  readonly notifier: Notifier;
  readonly schemaVersion: number;
  close(): Promise<void>;
}

/**
 * Opens and migrates the store. With PostgreSQL the notifier is LISTEN/NOTIFY, so several
 * server processes on one database push to each other's clients; with SQLite it is in-process.
 */
export async function openStore(location: StoreLocation, options: { poolSize?: number } = {}): Promise<OpenStore> {
  const db: Db =
    'pg' in location ? new PgDb(location.pg, options.poolSize !== undefined ? { max: options.poolSize } : {}) : new SqliteDb(location.db);
  try {
    const schemaVersion = await migrate(db);
    const notifier: Notifier = db instanceof PgDb ? await PgNotifier.start(db) : new LocalNotifier();
    return {
      db,
      notifier,
      schemaVersion,
      async close() {
        await notifier.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
