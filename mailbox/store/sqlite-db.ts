import Database from 'better-sqlite3';
import type { Db, Queryable, RunResult, SqlValue } from './db';

type Statement = Database.Statement<unknown[], unknown>;

/**
 * A prepared statement and how its values are bound. Positional binding (`?`) skips building
 * an object of named values per call, a measurable share of a send's few statements; SQL that
 * repeats a placeholder or uses them out of order keeps named binding (`@p1`).
 */
interface Prepared {
  readonly stmt: Statement;
  /** The number of `?` values, or undefined for named binding. */
  readonly positional: number | undefined;
}

/**
 * Most transactions one commit carries. Units of a batch are answered at its commit, so this
 * bounds how long the first waits for the last (a send is well under a millisecond of work).
 */
export const MAX_GROUP_COMMIT = 64;

interface Unit {
  readonly fn: (tx: Queryable) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * better-sqlite3 behind the async Db interface.
 *
 * One connection serves the process, and better-sqlite3 is synchronous, so the danger is
 * interleaving: while one async transaction awaits, another request's query would run inside
 * it. A promise-chain lock admits one unit of work (a query or a batch of transactions) at a
 * time.
 *
 * Group commit: a commit (the WAL append, now and then a checkpoint's fsync) costs several
 * times the statements of a send, so transactions are run together, up to MAX_GROUP_COMMIT, in
 * one BEGIN … COMMIT, each inside its own SAVEPOINT. No timer waits for a batch to fill: it is
 * whatever was asked for in the same turn of the event loop, or queued behind the previous
 * batch. A unit that fails rolls back to its savepoint and is rejected alone; the others
 * commit. Every unit is resolved only after the COMMIT, so nothing is answered (or announced)
 * before it is durable; a failed COMMIT rejects the whole batch. Units see the writes of
 * earlier units in their batch, which is safe because they commit or fail together.
 */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Prepared>();
  private lock: Promise<unknown> = Promise.resolve();
  private readonly direct: Queryable;
  private pending: Unit[] = [];
  private flushQueued = false;
  /** Commits made and transactions they carried, for tests and tuning. */
  readonly groupCommit = { commits: 0, units: 0 };

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
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    // Not at once but after this turn of the event loop: every request whose bytes arrived in
    // this turn reaches its transaction first and joins the batch. No timer, no added wait.
    setImmediate(() => void this.exclusive(() => this.flush()));
  }

  /** Runs what queued since the last flush (up to MAX_GROUP_COMMIT) under one commit. */
  private async flush(): Promise<void> {
    this.flushQueued = false;
    const batch = this.pending.splice(0, MAX_GROUP_COMMIT);
    if (batch.length === 0) return;
    if (this.pending.length > 0) this.scheduleFlush();
    let done: { unit: Unit; value: unknown }[] = [];
    const failAll = (err: unknown, units: readonly Unit[]): void => {
      for (const unit of units) unit.reject(err);
    };
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      failAll(err, batch);
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      const unit = batch[i] as Unit;
      try {
        this.db.exec('SAVEPOINT unit');
        const value = await unit.fn(this.direct);
        this.db.exec('RELEASE unit');
        done.push({ unit, value });
      } catch (err) {
        unit.reject(err);
        if (this.undoUnit()) continue;
        // SQLite itself rolled the whole transaction back (a full disk, an I/O error): the
        // units done before this one are lost with it. The rest get a fresh transaction.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        failAll(
          err,
          done.map((d) => d.unit),
        );
        done = [];
        try {
          this.db.exec('BEGIN IMMEDIATE');
        } catch (beginErr) {
          failAll(beginErr, batch.slice(i + 1));
          return;
        }
      }
    }
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      failAll(
        err,
        done.map((d) => d.unit),
      );
      return;
    }
    this.groupCommit.commits++;
    this.groupCommit.units += done.length;
    for (const d of done) d.unit.resolve(d.value);
  }

  /** Rolls the failed unit back to its savepoint; false when the transaction itself is gone. */
  private undoUnit(): boolean {
    if (!this.db.inTransaction) return false;
    try {
      this.db.exec('ROLLBACK TO unit');
      this.db.exec('RELEASE unit');
      return true;
    } catch {
      return false;
    }
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
    await this.exclusive(async () => {
      // Transactions already asked for are run, not dropped.
      while (this.pending.length > 0) await this.flush();
      this.db.close();
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lock.then(work, work);
    this.lock = next.catch(() => undefined);
    return next;
  }

  private prepare(sql: string): Prepared {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      const used = [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
      const inOrder = used.every((n, i) => n === i + 1);
      prepared = inOrder
        ? { stmt: this.db.prepare<unknown[]>(sql.replace(/\$\d+/g, '?')), positional: used.length }
        : { stmt: this.db.prepare<unknown[]>(sql.replace(/\$(\d+)/g, '@p$1')), positional: undefined };
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private allNow<R>(sql: string, params: readonly SqlValue[] = []): R[] {
    const { stmt, positional } = this.prepare(sql);
    const bound = bind(params, positional);
    if (stmt.reader) return stmt.all(...bound) as R[];
    stmt.run(...bound);
    return [];
  }

  private runNow(sql: string, params: readonly SqlValue[] = []): RunResult {
    const { stmt, positional } = this.prepare(sql);
    const bound = bind(params, positional);
    if (stmt.reader) return { changes: stmt.all(...bound).length };
    return { changes: stmt.run(...bound).changes };
  }
}

/**
 * The arguments for a statement: the values themselves for `?` placeholders (as many as the
 * SQL uses, as named binding ignored extras; too few still fails), else one object of names.
 */
function bind(params: readonly SqlValue[], positional: number | undefined): readonly unknown[] {
  if (positional === undefined) return [named(params)];
  return params.length > positional ? params.slice(0, positional) : params;
}

function named(params: readonly SqlValue[]): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  params.forEach((value, i) => {
    out[`p${i + 1}`] = value;
  });
  return out;
}
