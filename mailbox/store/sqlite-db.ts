import Database from 'better-sqlite3';
import type { Db, Queryable, RunResult, SqlValue } from './db';

type Statement = Database.Statement<Record<string, SqlValue>, unknown>;

/**
 * better-sqlite3 behind the async Db interface.
 *
 * One connection serves the process, and better-sqlite3 is synchronous, so the danger is
 * interleaving: while one async transaction awaits, another request's query would run inside
 * it. A promise-chain lock admits one unit of work (a query or a whole transaction) at a time.
 */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  private lock: Promise<unknown> = Promise.resolve();
  private readonly direct: Queryable;

  constructor(file: string) {
    this.db = new Database(file);
    // WAL lets readers (backups, the admin CLI) work beside the server; NORMAL is durable in WAL.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.direct = {
      dialect: 'sqlite',
      all: async <R>(sql: string, params?: readonly SqlValue[]) => this.allNow<R>(sql, params),
      one: async <R>(sql: string, params?: readonly SqlValue[]) => this.allNow<R>(sql, params)[0],
      run: async (sql: string, params?: readonly SqlValue[]) => this.runNow(sql, params),
    };
  }

  all<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]> {
    return this.exclusive(async () => this.allNow<R>(sql, params));
  }

  async one<R>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined> {
    return (await this.all<R>(sql, params))[0];
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult> {
    return this.exclusive(async () => this.runNow(sql, params));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn(this.direct);
        this.db.exec('COMMIT');
        return value;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  async schemaVersion(): Promise<number> {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async setSchemaVersion(_tx: Queryable, version: number): Promise<void> {
    // PRAGMA takes no parameters; the version is an integer from the migration list, never input.
    if (!Number.isSafeInteger(version) || version < 0) throw new RangeError('bad schema version');
    this.db.pragma(`user_version = ${version}`);
  }

  async lockForMigration(): Promise<void> {
    // BEGIN IMMEDIATE already holds the write lock.
  }

  async close(): Promise<void> {
    await this.exclusive(async () => this.db.close());
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lock.then(work, work);
    this.lock = next.catch(() => undefined);
    return next;
  }

  private prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare<Record<string, SqlValue>>(sql.replace(/\$(\d+)/g, '@p$1'));
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private allNow<R>(sql: string, params: readonly SqlValue[] = []): R[] {
    const stmt = this.prepare(sql);
    const bound = named(params);
    if (stmt.reader) return stmt.all(bound) as R[];
    stmt.run(bound);
    return [];
  }

  private runNow(sql: string, params: readonly SqlValue[] = []): RunResult {
    const stmt = this.prepare(sql);
    const bound = named(params);
    if (stmt.reader) return { changes: stmt.all(bound).length };
    return { changes: stmt.run(bound).changes };
  }
}

function named(params: readonly SqlValue[]): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  params.forEach((value, i) => {
    out[`p${i + 1}`] = value;
  });
  return out;
}
