import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable, RunResult, SqlValue } from './db';

/** pg's type id for int8; the mailbox keeps ids and epoch ms there, all below 2^53. */
const INT8_OID = 20;
/** Any constant shared by every SMSDesk process: the key of the migration advisory lock. */
const MIGRATION_LOCK_KEY = 0x534d5344; // "SMSD"

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** A pg pool behind the async Db interface; each transaction runs on one pooled client. */
export class PgDb implements Db {
  readonly dialect = 'pg' as const;
  readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
    // An idle pooled client whose server went away emits 'error'; unheard, that would crash
    // the process. The pool drops the client and the next query opens a fresh one.
    this.pool.on('error', () => undefined);
  }

  /** A dedicated client, outside the pool's reach (LISTEN needs one that stays put). */
  async connectDedicated(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.pool.options.connectionString, types });
    await client.connect();
    return client;
  }

  all<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]> {
    return query<R>(this.pool, sql, params);
  }

  async one<R>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined> {
    return (await query<R>(this.pool, sql, params))[0];
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<RunResult> {
    const res = await this.pool.query(statement(sql, params));
    return { changes: res.rowCount ?? 0 };
  }

  /**
   * PostgreSQL may abort a transaction that deadlocked with another (40P01) or lost a
   * serialisation race (40001); both are safe to run again from the start.
   */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactionOnce(fn);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw err;
      }
    }
  }

  private async transactionOnce<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: Queryable = {
      dialect: 'pg',
      all: <R>(sql: string, params?: readonly SqlValue[]) => query<R>(client, sql, params),
      one: async <R>(sql: string, params?: readonly SqlValue[]) => (await query<R>(client, sql, params))[0],
      run: async (sql: string, params?: readonly SqlValue[]) => {
        const res = await client.query(statement(sql, params));
        return { changes: res.rowCount ?? 0 };
      },
    };
    let broken = false;
    try {
      await client.query('BEGIN');
      const value = await fn(tx);
      await client.query('COMMIT');
      return value;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        // The connection itself failed; the pool must not hand it out again.
        broken = true;
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async schemaVersion(tx: Queryable): Promise<number> {
    await tx.run('CREATE TABLE IF NOT EXISTS smsdesk_schema (version INTEGER NOT NULL)');
    const row = await tx.one<{ version: number }>('SELECT version FROM smsdesk_schema');
    return row?.version ?? 0;
  }

  async setSchemaVersion(tx: Queryable, version: number): Promise<void> {
    const res = await tx.run('UPDATE smsdesk_schema SET version = $1', [version]);
    if (res.changes === 0) await tx.run('INSERT INTO smsdesk_schema (version) VALUES ($1)', [version]);
  }

  async lockForMigration(tx: Queryable): Promise<void> {
    // Several servers may start at once on one database; the first migrates, the rest wait.
    await tx.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function query<R>(on: pg.Pool | pg.PoolClient, sql: string, params?: readonly SqlValue[]): Promise<R[]> {
  const res = await on.query(statement(sql, params));
  return res.rows as R[];
}

/** Named statements, by SQL text; bounded, as a few statements are built for a list's length. */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 1_000;

/**
 * A query with values is sent as a named prepared statement: each pooled connection parses and
 * plans it once, then only binds and executes it. On two cores shared with the database that
 * parse-and-plan is CPU taken from the server's own work. Statements without values (DDL,
 * migrations) stay unnamed, so a schema change never meets a stale plan.
 */
function statement(sql: string, params: readonly SqlValue[] | undefined): pg.QueryConfig {
  const values = params as SqlValue[] | undefined;
  if (values === undefined || values.length === 0) return { text: sql };
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `smsdesk_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name === undefined ? { text: sql, values } : { name, text: sql, values };
}
