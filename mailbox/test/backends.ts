import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Db, Dialect } from '../store/db';
import { PgDb } from '../store/pg-db';
import { SqliteDb } from '../store/sqlite-db';
import { startPgCluster, type PgCluster } from './pg-cluster';

/**
 * Both storage backends for one test file: `await backends.start()` in beforeAll,
 * `backends.fresh(dialect)` gives an empty database per test, `stop()` in afterAll closes all.
 */
export interface Backends {
  start(): Promise<void>;
  fresh(dialect: Dialect): Promise<Db>;
  /** A connection string to a fresh, empty PostgreSQL schema (for a server process). */
  freshPgUrl(): Promise<string>;
  /** A path for a fresh SQLite file. */
  freshSqliteFile(): string;
  stop(): Promise<void>;
}

export const DIALECTS: readonly Dialect[] = ['sqlite', 'pg'];

export function useBackends(): Backends {
  let cluster: PgCluster | undefined;
  let dir: string | undefined;
  let counter = 0;
  const open: Db[] = [];

  // A fresh schema, not a fresh database: CREATE DATABASE copies a template and costs most of
  // a second, CREATE SCHEMA nothing. The URL pins search_path to it, so the mailbox's
  // unqualified tables land there. (Tests in one file run one after another, so the shared
  // NOTIFY channel of the one database never carries two live servers' events at once.)
  const freshPgUrl = async (): Promise<string> => {
    if (cluster === undefined) throw new Error('backends.start() was not awaited');
    const name = `t${++counter}`;
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    try {
      // The name is made here from a counter, never from input.
      await admin.query(`CREATE SCHEMA ${name}`);
    } finally {
      await admin.end();
    }
    return `${cluster.url()}&options=${encodeURIComponent(`-c search_path=${name}`)}`;
  };
  const freshSqliteFile = (): string => {
    if (dir === undefined) throw new Error('backends.start() was not awaited');
    return join(dir, `t${++counter}.sqlite`);
  };

  return {
    async start() {
      dir = mkdtempSync(join(tmpdir(), 'smsdesk-sqlite-'));
      cluster = startPgCluster();
    },
    async fresh(dialect) {
      const db = dialect === 'sqlite' ? new SqliteDb(freshSqliteFile()) : new PgDb(await freshPgUrl());
      open.push(db);
      return db;
    },
    freshPgUrl,
    freshSqliteFile,
    async stop() {
      for (const db of open.splice(0)) await db.close().catch(() => undefined);
      cluster?.stop();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
